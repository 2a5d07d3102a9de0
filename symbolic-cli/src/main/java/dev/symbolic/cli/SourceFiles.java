package dev.symbolic.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The source files {@code symbolize --print-source-context-lines} prints from, read as llvm's
 * MemoryBuffer::getFile reads them (relative to the current directory) and kept for the run.
 * Thread-safe: answers are built on several threads.
 *
 * <p>llvm prints source lines byte for byte. A file that is not valid UTF-8 is therefore also
 * kept with each byte of an invalid sequence as the lone surrogate {@link #ESCAPE} plus the byte
 * (as Python's surrogateescape): a valid decoding never yields a lone low surrogate, so {@link
 * #encode} can write those bytes back as they were.
 */
final class SourceFiles {
  /** Source files larger than this print no context: no real source file comes near it. */
  private static final int MAX_SOURCE_BYTES = 64 << 20;

  /** Once the cached sources hold this many characters, further files are read per use. */
  private static final long CACHE_CHARS = 256L << 20;

  private static final char ESCAPE = 0xDC00;

  /**
   * A source file's text and where each of its lines starts. A file that is not valid UTF-8
   * also has its {@code escaped} text (see the class comment): the text styles print that one,
   * JSON the replacement characters of {@code text}, as llvm's JSON writer does.
   */
  record Source(String text, int[] lineStarts, Source escaped) {}

  private static final Source NONE = new Source("", new int[0], null);

  private final Map<String, Source> cache = new ConcurrentHashMap<>();
  private final AtomicLong cachedChars = new AtomicLong();
  private volatile boolean anyEscaped;

  /** The file named {@code file}; no lines if it cannot be read. */
  Source get(String file) {
    Source cached = cache.get(file);
    if (cached != null) {
      return cached;
    }
    Source read = read(file);
    if (read.escaped() != null) {
      anyEscaped = true;
    }
    if (cachedChars.addAndGet(read.text().length()) <= CACHE_CHARS) {
      Source raced = cache.putIfAbsent(file, read);
      return raced != null ? raced : read;
    }
    cachedChars.addAndGet(-read.text().length());
    return read;
  }

  /** Whether some file read had escaped bytes: only then do answers need {@link #encode}. */
  boolean anyEscaped() {
    return anyEscaped;
  }

  /** {@code text} in UTF-8, with escaped source bytes written back as they were. */
  static byte[] encode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pairedLow = i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
      if (c >= ESCAPE + 0x80 && c <= ESCAPE + 0xFF && !pairedLow) {
        out.writeBytes(text.substring(from, i).getBytes(StandardCharsets.UTF_8));
        out.write(c - ESCAPE);
        from = i + 1;
      }
    }
    out.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static Source read(String file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      bytes = in.readNBytes(MAX_SOURCE_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      return NONE; // missing, unreadable, a directory, or not a valid path
    }
    if (bytes.length > MAX_SOURCE_BYTES) {
      return NONE;
    }
    String escaped = decodeEscaped(bytes);
    return lines(new String(bytes, StandardCharsets.UTF_8),
        escaped == null ? null : lines(escaped, null));
  }

  /**
   * The bytes as UTF-8 with each byte of an invalid sequence escaped, or null when they are
   * valid UTF-8.
   */
  private static String decodeEscaped(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // at most one char per byte
    boolean escaped = false;
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isUnderflow()) {
        decoder.flush(out);
        break;
      }
      // Malformed: its bytes are all 0x80 and above (ASCII always decodes).
      escaped = true;
      for (int k = 0; k < result.length(); k++) {
        out.put((char) (ESCAPE + (in.get() & 0xFF)));
      }
    }
    return escaped ? out.flip().toString() : null;
  }

  private static Source lines(String text, Source escaped) {
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    int[] starts = new int[lines];
    for (int i = 0, k = 1; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    return new Source(text, starts, escaped);
  }
}
