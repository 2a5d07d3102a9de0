package dev.symbolic.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard input of {@code symbolize}, cut as llvm-symbolizer cuts it: {@code fgets} into a 1,024-byte buffer, so a
 * line of more than 1,023 bytes becomes several inputs; each input ends at its first NUL byte
 * and loses every CR and LF in it (a CR inside a line joins its two halves).
 */
final class InputLines {
  private static final int CHUNK = 1023;
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private final byte[] chunk = new byte[CHUNK];
  private int pos;
  private int end;
  private boolean eof;

  InputLines(InputStream in) {
    this.in = in;
  }

  /** The next input, or null at the end. */
  String next() throws IOException {
    if (pos == end && !fill()) {
      return null;
    }
    // The common line: whole in the buffer, with its LF among the first CHUNK bytes, no CR or NUL.
    for (int i = pos, limit = Math.min(end, pos + CHUNK); i < limit; i++) {
      byte b = buf[i];
      if (b == '\n') {
        String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
        pos = i + 1;
        return line;
      }
      if (b == '\r' || b == 0) {
        break;
      }
    }
    int n = 0;
    while (n < CHUNK) {
      if (pos == end && !fill()) {
        break;
      }
      byte b = buf[pos++];
      chunk[n++] = b;
      if (b == '\n') {
        break;
      }
    }
    if (n == 0) {
      return null;
    }
    int len = 0;
    for (int i = 0; i < n && chunk[i] != 0; i++) {
      if (chunk[i] != '\r' && chunk[i] != '\n') {
        chunk[len++] = chunk[i];
      }
    }
    return new String(chunk, 0, len, StandardCharsets.UTF_8);
  }

  /** Whether an input can be had without waiting. */
  boolean ready() throws IOException {
    return pos < end || (!eof && in.available() > 0);
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int r = in.read(buf, 0, buf.length);
    if (r <= 0) {
      eof = r < 0;
      return false;
    }
    pos = 0;
    end = r;
    return true;
  }
}
