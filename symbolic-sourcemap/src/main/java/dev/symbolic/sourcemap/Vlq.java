package dev.symbolic.sourcemap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Base64 VLQ coding and the {@code mappings} string of source maps (ECMA-426 section "mappings").
 *
 * <p>A VLQ value is a sign bit and a magnitude in 5-bit groups, least significant first, each
 * group a base64 digit with bit 5 as the continuation flag. Values must fit a signed 32-bit int
 * (as in the JavaScript decoders); anything longer is rejected as an overflow.
 */
final class Vlq {
  private static final char[] ENCODE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  /** Base64 digit value of each byte, -1 if not a digit. */
  private static final byte[] DECODE = new byte[256];

  static {
    Arrays.fill(DECODE, (byte) -1);
    for (int i = 0; i < ENCODE.length; i++) {
      DECODE[ENCODE[i]] = (byte) i;
    }
  }

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
  private static final long COMMAS = 0x0101010101010101L * ',';
  private static final long SEMIS = 0x0101010101010101L * ';';

  private Vlq() {}

  /** Counts the zero bytes of a word, exactly. */
  private static int countBytes(long t) {
    return Long.bitCount(~(((t & LOWS) + LOWS) | t | LOWS));
  }

  /** Appends the VLQ encoding of a value. */
  static void encode(StringBuilder out, int value) {
    long v = value < 0 ? ((-(long) value) << 1) | 1 : ((long) value) << 1;
    do {
      int digit = (int) (v & 31);
      v >>>= 5;
      if (v != 0) {
        digit |= 32;
      }
      out.append(ENCODE[digit]);
    } while (v != 0);
  }

  /**
   * Decodes a string of concatenated VLQ values (no separators).
   *
   * @throws SourceMapException on an invalid digit, truncation or overflow
   */
  static int[] decodeAll(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Reader r = new Reader(b, 0, b.length);
    int[] out = new int[b.length];
    int n = 0;
    while (r.pos < b.length) {
      out[n++] = r.next();
    }
    return Arrays.copyOf(out, n);
  }

  private static boolean more(byte[] b, int p, int end) {
    if (p >= end) {
      return false;
    }
    byte c = b[p];
    return c != ',' && c != ';';
  }

  /** Reads VLQ values from bytes, tracking its position. */
  static final class Reader {
    final byte[] b;
    int pos;
    final int end;

    Reader(byte[] b, int start, int end) {
      this.b = b;
      this.pos = start;
      this.end = end;
    }

    /** Tells whether another value of the current segment follows. */
    boolean hasField() {
      if (pos >= end) {
        return false;
      }
      byte c = b[pos];
      return c != ',' && c != ';';
    }

    int next() {
      int start = pos;
      int p = pos;
      long result = 0;
      int shift = 0;
      while (true) {
        if (p >= end) {
          throw new SourceMapException(p, "truncated VLQ value");
        }
        int d = DECODE[b[p] & 0xFF];
        if (d < 0) {
          throw new SourceMapException(p, "invalid base64 VLQ digit " + SourceMapJson.describe(b[p]));
        }
        p++;
        result |= (long) (d & 31) << shift;
        if ((d & 32) == 0) {
          break;
        }
        shift += 5;
        if (shift > 30) {
          throw new SourceMapException(start, "VLQ value overflows 32 bits");
        }
      }
      pos = p;
      long magnitude = result >>> 1;
      if ((result & 1) != 0) {
        if (magnitude > 0x8000_0000L) {
          throw new SourceMapException(start, "VLQ value overflows 32 bits");
        }
        // "-0" encodes -2^31 in some encoders; treat it as 0 like the JavaScript decoders.
        return magnitude == 0 ? 0 : (int) -magnitude;
      }
      if (magnitude > Integer.MAX_VALUE) {
        throw new SourceMapException(start, "VLQ value overflows 32 bits");
      }
      return (int) magnitude;
    }
  }

  /**
   * Decoded segments in structure-of-arrays form, sorted by generated line and column (stable).
   * {@code lineStart[l]} to {@code lineStart[l + 1]} are the segments of generated line {@code l}.
   */
  static final class Mappings {
    int count;
    int[] genLine;
    int[] genCol;
    int[] src;
    int[] origLine;
    int[] origCol;
    int[] name;
    int lineCount;
    int[] lineStart;

    Mappings(int capacity) {
      genLine = new int[capacity];
      genCol = new int[capacity];
      src = new int[capacity];
      origLine = new int[capacity];
      origCol = new int[capacity];
      name = new int[capacity];
    }

    void ensure(int extra) {
      if (count + extra > genCol.length) {
        int n = Math.max(count + extra, genCol.length + (genCol.length >> 1) + 16);
        genLine = Arrays.copyOf(genLine, n);
        genCol = Arrays.copyOf(genCol, n);
        src = Arrays.copyOf(src, n);
        origLine = Arrays.copyOf(origLine, n);
        origCol = Arrays.copyOf(origCol, n);
        name = Arrays.copyOf(name, n);
      }
    }

    void add(int gl, int gc, int s, int ol, int oc, int nm) {
      ensure(1);
      int i = count++;
      genLine[i] = gl;
      genCol[i] = gc;
      src[i] = s;
      origLine[i] = ol;
      origCol[i] = oc;
      name[i] = nm;
    }

    /** Builds {@link #lineStart} from {@link #genLine}; segments must already be in line order. */
    void indexLines(int minLines) {
      int lines = Math.max(minLines, count == 0 ? 0 : genLine[count - 1] + 1);
      int[] starts = new int[lines + 1];
      int i = 0;
      for (int l = 0; l < lines; l++) {
        starts[l] = i;
        while (i < count && genLine[i] == l) {
          i++;
        }
      }
      starts[lines] = count;
      lineStart = starts;
      lineCount = lines;
    }
  }

  /**
   * Decodes a {@code mappings} string. Empty segments ({@code ,,}) and empty lines are allowed;
   * segments must have 1, 4 or 5 fields. Decoded columns, indices and original lines must not be
   * negative. Each line is sorted by generated column if it is not already (stably).
   *
   * @param b the bytes holding the mappings string
   * @param start the first byte of the string content
   * @param end the byte after the content
   * @return the segments
   * @throws SourceMapException with the byte offset of the offending segment or value
   */
  static Mappings decodeMappings(byte[] b, int start, int end) {
    // Exact upper bounds from the separators, so allocations never exceed the input size.
    int separators = 0;
    int lines = 1;
    int i = start;
    for (; i + 8 <= end; i += 8) { // eight bytes at a time, branch-free
      long w = (long) LONG.get(b, i);
      int commas = countBytes(w ^ COMMAS);
      int semis = countBytes(w ^ SEMIS);
      separators += commas + semis;
      lines += semis;
    }
    for (; i < end; i++) {
      byte c = b[i];
      if (c == ',') {
        separators++;
      } else if (c == ';') {
        separators++;
        lines++;
      }
    }
    Mappings m = new Mappings(start == end ? 0 : separators + 1);
    int[] lineStart = new int[lines + 1];
    int[] genLine = m.genLine;
    int[] genCol = m.genCol;
    int[] src = m.src;
    int[] origLine = m.origLine;
    int[] origCol = m.origCol;
    int[] name = m.name;
    int p = start;
    Reader rd = new Reader(b, start, end);
    int n = 0;
    int line = 0;
    int col = 0;
    int s = 0;
    int ol = 0;
    int oc = 0;
    int nm = 0;
    boolean sorted = true;
    int prevCol = -1;
    while (p < end) {
      byte c = b[p];
      if (c == ';') {
        p++;
        line++;
        lineStart[line] = n;
        col = 0;
        prevCol = -1;
        continue;
      }
      if (c == ',') {
        p++;
        continue;
      }
      int segStart = p;
      rd.pos = p;
      col += rd.next();
      p = rd.pos;
      if (col < 0) {
        throw new SourceMapException(segStart, "negative generated column");
      }
      if (col < prevCol) {
        sorted = false;
      }
      prevCol = col;
      genLine[n] = line;
      genCol[n] = col;
      if (!more(b, p, end)) {
        src[n] = -1;
        origLine[n] = -1;
        origCol[n] = -1;
        name[n] = -1;
        n++;
        continue;
      }
      rd.pos = p;
      s += rd.next();
      p = rd.pos;
      if (!more(b, p, end)) {
        throw new SourceMapException(segStart, "mapping segment with 2 fields");
      }
      rd.pos = p;
      ol += rd.next();
      p = rd.pos;
      if (!more(b, p, end)) {
        throw new SourceMapException(segStart, "mapping segment with 3 fields");
      }
      rd.pos = p;
      oc += rd.next();
      p = rd.pos;
      if (s < 0 || ol < 0 || oc < 0) {
        throw new SourceMapException(
            segStart, "negative source index, original line or original column");
      }
      src[n] = s;
      origLine[n] = ol;
      origCol[n] = oc;
      if (more(b, p, end)) {
        rd.pos = p;
        nm += rd.next();
        p = rd.pos;
        if (nm < 0) {
          throw new SourceMapException(segStart, "negative name index");
        }
        if (more(b, p, end)) {
          throw new SourceMapException(segStart, "mapping segment with more than 5 fields");
        }
        name[n] = nm;
      } else {
        name[n] = -1;
      }
      n++;
    }
    lineStart[line + 1] = n;
    m.count = n;
    m.lineStart = lineStart;
    m.lineCount = line + 1;
    if (!sorted) {
      for (int l = 0; l <= line; l++) {
        sortLine(m, lineStart[l], lineStart[l + 1]);
      }
    }
    return m;
  }

  /** Stably sorts segments [from, to) by generated column. */
  private static void sortLine(Mappings m, int from, int to) {
    int[] gc = m.genCol;
    boolean sorted = true;
    for (int i = from + 1; i < to; i++) {
      if (gc[i] < gc[i - 1]) {
        sorted = false;
        break;
      }
    }
    if (sorted) {
      return;
    }
    int n = to - from;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) gc[from + i] << 32) | i; // the index makes the sort stable
    }
    Arrays.sort(keys);
    permute(m.genCol, from, keys);
    permute(m.src, from, keys);
    permute(m.origLine, from, keys);
    permute(m.origCol, from, keys);
    permute(m.name, from, keys);
  }

  private static void permute(int[] a, int from, long[] keys) {
    int[] copy = Arrays.copyOfRange(a, from, from + keys.length);
    for (int i = 0; i < keys.length; i++) {
      a[from + i] = copy[(int) keys[i]];
    }
  }

  /** Encodes segments as a {@code mappings} string. */
  static void encodeMappings(StringBuilder out, Mappings m) {
    int s = 0;
    int ol = 0;
    int oc = 0;
    int nm = 0;
    for (int l = 0; l < m.lineCount; l++) {
      if (l > 0) {
        out.append(';');
      }
      int col = 0;
      for (int i = m.lineStart[l]; i < m.lineStart[l + 1]; i++) {
        if (i > m.lineStart[l]) {
          out.append(',');
        }
        encode(out, m.genCol[i] - col);
        col = m.genCol[i];
        if (m.src[i] >= 0) {
          encode(out, m.src[i] - s);
          s = m.src[i];
          encode(out, m.origLine[i] - ol);
          ol = m.origLine[i];
          encode(out, m.origCol[i] - oc);
          oc = m.origCol[i];
          if (m.name[i] >= 0) {
            encode(out, m.name[i] - nm);
            nm = m.name[i];
          }
        }
      }
    }
  }
}
