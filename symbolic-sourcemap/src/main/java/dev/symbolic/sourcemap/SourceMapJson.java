package dev.symbolic.sourcemap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A small strict JSON reader over UTF-8 bytes, made for source maps.
 *
 * <p>It reads values on demand and {@link #skipValue(int) skips} the ones a caller does not need
 * without allocating. Strings can be {@link #scanString() scanned} (validated, with their byte
 * range recorded) and {@link #decode(byte[], int, int) decoded} later, so that large
 * {@code sourcesContent} entries are only turned into Java strings when asked for. The grammar is
 * RFC 8259: no comments, no trailing commas, no unescaped control characters in strings. Invalid
 * UTF-8 inside strings is replaced with U+FFFD on decoding. Nesting deeper than {@link #MAX_DEPTH}
 * is rejected, so hostile input cannot overflow the stack. Every error is a {@link
 * SourceMapException} carrying the byte offset.
 */
final class SourceMapJson {
  /** Maximum nesting depth of arrays and objects. */
  static final int MAX_DEPTH = 512;

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  final byte[] buf;
  int pos;
  final int end;

  /** Start (after the quote) and end (at the closing quote) of the last scanned string. */
  int strStart;

  int strEnd;

  /** Whether the last scanned string contained a backslash escape. */
  boolean strEscaped;

  SourceMapJson(byte[] buf, int start, int end) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  SourceMapException error(String reason) {
    return new SourceMapException(pos, reason);
  }

  static void checkDepth(int depth, int pos) {
    if (depth > MAX_DEPTH) {
      throw new SourceMapException(pos, "JSON nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  /** Skips whitespace and returns the next byte without consuming it; fails at end of input. */
  int peek() {
    byte[] b = buf;
    int p = pos;
    while (p < end) {
      byte c = b[p];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        p++;
      } else {
        pos = p;
        return c;
      }
    }
    pos = p;
    throw error("unexpected end of JSON input");
  }

  /** Skips trailing whitespace and requires the end of input. */
  void expectEnd() {
    while (pos < end) {
      byte c = buf[pos];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        pos++;
      } else {
        throw error("unexpected data after the JSON value");
      }
    }
  }

  void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "' but found " + describe(buf[pos]));
    }
    pos++;
  }

  static String describe(byte c) {
    if (c >= 0x20 && c < 0x7f) {
      return "'" + (char) c + "'";
    }
    return String.format("byte 0x%02x", c & 0xFF);
  }

  /**
   * Iterates the members or elements of an object or array after its opening bracket: returns
   * false (consuming the closing bracket) at the end, else consumes the separating comma (unless
   * {@code first}) and returns true.
   */
  boolean more(char close, boolean first) {
    int c = peek();
    if (c == close) {
      pos++;
      return false;
    }
    if (!first) {
      if (c != ',') {
        throw error("expected ',' or '" + close + "' but found " + describe((byte) c));
      }
      pos++;
      peek();
    }
    return true;
  }

  /** Reads an object key and the following colon. */
  String key() {
    if (peek() != '"') {
      throw error("expected a string key but found " + describe(buf[pos]));
    }
    String k = string();
    expect(':');
    return k;
  }

  /** Tells whether the next value is {@code null}, consuming it if so. */
  boolean nullValue() {
    if (peek() == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  /** Reads a string value. */
  String string() {
    scanString();
    return strEscaped ? decodeEscaped(buf, strStart, strEnd) : plain(buf, strStart, strEnd);
  }

  /** Reads a string or null; null gives null. */
  String stringOrNull() {
    return nullValue() ? null : string();
  }

  /**
   * Validates the string at the current position and records its content range in {@link
   * #strStart}/{@link #strEnd}, without decoding it.
   */
  void scanString() {
    if (peek() != '"') {
      throw error("expected a string but found " + describe(buf[pos]));
    }
    byte[] b = buf;
    int p = pos + 1;
    int e = end;
    boolean escaped = false;
    strStart = p;
    while (true) {
      // Skip eight plain bytes at a time: no quote, no backslash, no control character.
      while (p + 8 <= e) {
        long w = (long) LONG.get(b, p);
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        long special =
            ((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - ONES * 0x20) & ~w);
        if ((special & HIGHS) != 0) {
          break;
        }
        p += 8;
      }
      if (p >= e) {
        pos = p;
        throw error("unterminated string");
      }
      byte c = b[p];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        escaped = true;
        if (p + 1 >= e) {
          pos = p;
          throw error("unterminated string");
        }
        byte x = b[p + 1];
        if (x == 'u') {
          if (p + 6 > e) {
            pos = p;
            throw error("truncated \\u escape");
          }
          for (int i = 2; i < 6; i++) {
            if (hex(b[p + i]) < 0) {
              pos = p;
              throw error("invalid \\u escape");
            }
          }
          p += 6;
        } else if (x == '"' || x == '\\' || x == '/' || x == 'b' || x == 'f' || x == 'n'
            || x == 'r' || x == 't') {
          p += 2;
        } else {
          pos = p;
          throw error("invalid escape \\" + (char) (x & 0xFF));
        }
      } else if ((c & 0xFF) < 0x20) {
        pos = p;
        throw error("unescaped control character in string");
      } else {
        p++;
      }
    }
    strEnd = p;
    strEscaped = escaped;
    pos = p + 1;
  }

  static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Decodes the content of an already validated string (between its quotes). */
  static String decode(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      if (b[i] == '\\') {
        return decodeEscaped(b, start, end);
      }
    }
    return plain(b, start, end);
  }

  private static String plain(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      if (b[i] < 0) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
      }
    }
    return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
  }

  private static String decodeEscaped(byte[] b, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    int run = start;
    int p = start;
    while (p < end) {
      if (b[p] != '\\') {
        p++;
        continue;
      }
      if (p > run) {
        sb.append(plain(b, run, p));
      }
      byte x = b[p + 1];
      switch (x) {
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          // Surrogate pairs arrive as two escapes; appending both UTF-16 units rebuilds the pair.
          sb.append(
              (char)
                  (hex(b[p + 2]) << 12 | hex(b[p + 3]) << 8 | hex(b[p + 4]) << 4 | hex(b[p + 5])));
          p += 4;
          break;
        default: // '"', '\\', '/'
          sb.append((char) x);
          break;
      }
      p += 2;
      run = p;
    }
    if (p > run) {
      sb.append(plain(b, run, p));
    }
    return sb.toString();
  }

  void literal(String word) {
    int n = word.length();
    if (pos + n > end) {
      throw error("invalid literal");
    }
    for (int i = 0; i < n; i++) {
      if (buf[pos + i] != word.charAt(i)) {
        throw error("invalid literal");
      }
    }
    pos += n;
  }

  /** Skips a number, validating its grammar. Returns true if it was a plain integer. */
  boolean skipNumber() {
    byte[] b = buf;
    int p = pos;
    boolean integer = true;
    if (p < end && b[p] == '-') {
      p++;
    }
    if (p >= end || b[p] < '0' || b[p] > '9') {
      pos = p;
      throw error("invalid number");
    }
    if (b[p] == '0') {
      p++;
    } else {
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
    }
    if (p < end && b[p] == '.') {
      integer = false;
      p++;
      int digits = p;
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      if (p == digits) {
        pos = p;
        throw error("invalid number");
      }
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      integer = false;
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      int digits = p;
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      if (p == digits) {
        pos = p;
        throw error("invalid number");
      }
    }
    pos = p;
    return integer;
  }

  /** Reads a number that must be an integer in int range; 3.0 and 3e0 are accepted as 3. */
  int integer() {
    int c = peek();
    if (c != '-' && (c < '0' || c > '9')) {
      throw error("expected a number but found " + describe((byte) c));
    }
    int start = pos;
    skipNumber();
    String text = new String(buf, start, pos - start, StandardCharsets.ISO_8859_1);
    double d;
    try {
      d = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new SourceMapException(start, "invalid number");
    }
    if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
      throw new SourceMapException(start, "expected an integer but found " + text);
    }
    return (int) d;
  }

  /** Skips any JSON value. */
  void skipValue(int depth) {
    checkDepth(depth, pos);
    int c = peek();
    switch (c) {
      case '{':
        pos++;
        for (boolean first = true; more('}', first); first = false) {
          key();
          skipValue(depth + 1);
        }
        break;
      case '[':
        pos++;
        for (boolean first = true; more(']', first); first = false) {
          skipValue(depth + 1);
        }
        break;
      case '"':
        scanString();
        break;
      case 't':
        literal("true");
        break;
      case 'f':
        literal("false");
        break;
      case 'n':
        literal("null");
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          skipNumber();
        } else {
          throw error("unexpected " + describe((byte) c));
        }
    }
  }
}
