package dev.symbolic.sourcemap;

import java.util.Arrays;
import java.util.Objects;

/**
 * Converts between UTF-16 offsets of a JavaScript source text and 0-based line/column positions.
 *
 * <p>Lines are split as ECMAScript does: at LF, CRLF (one terminator), CR, U+2028 and U+2029.
 * Columns are counted in UTF-16 code units from the start of the line, which is what source maps
 * use.
 */
public final class JsLineIndex {
  private final int[] lineStarts;
  private final int length;

  private JsLineIndex(int[] lineStarts, int length) {
    this.lineStarts = lineStarts;
    this.length = length;
  }

  /** Indexes the line starts of {@code source}. */
  public static JsLineIndex of(CharSequence source) {
    Objects.requireNonNull(source, "source");
    int n = source.length();
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < n; i++) {
      char c = source.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        if (c == '\r' && i + 1 < n && source.charAt(i + 1) == '\n') {
          i++;
        }
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return new JsLineIndex(Arrays.copyOf(starts, count), n);
  }

  /** True for the characters that end a line in JavaScript. */
  public static boolean isLineTerminator(int c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
  }

  /** Number of lines; at least 1 (an empty text has one empty line). */
  public int lineCount() {
    return lineStarts.length;
  }

  /** Length of the indexed text in UTF-16 code units. */
  public int length() {
    return length;
  }

  /** Offset of the first character of {@code line}. */
  public int lineStart(int line) {
    Objects.checkIndex(line, lineStarts.length);
    return lineStarts[line];
  }

  /**
   * Offset just past the last character of {@code line}, excluding its terminator. For the last
   * line this is the text length.
   */
  public int lineEnd(int line, CharSequence source) {
    Objects.checkIndex(line, lineStarts.length);
    if (line + 1 >= lineStarts.length) {
      return length;
    }
    int end = lineStarts[line + 1] - 1;
    if (end > lineStarts[line] && source.charAt(end) == '\n' && source.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  /** The 0-based line containing {@code offset}; offsets are clamped to {@code [0, length]}. */
  public int line(int offset) {
    if (offset <= 0) {
      return 0;
    }
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The 0-based UTF-16 column of {@code offset} within its line. */
  public int column(int offset) {
    int clamped = Math.max(0, Math.min(offset, length));
    return clamped - lineStarts[line(clamped)];
  }

  /**
   * The offset of {@code (line, column)}, or -1 when the line does not exist or the column is
   * negative. Columns past the end of the line are not clamped: the result may point into the
   * next line or past the end of the text, which callers may check against {@link #length()}.
   */
  public int offset(int line, int column) {
    if (line < 0 || line >= lineStarts.length || column < 0) {
      return -1;
    }
    long off = (long) lineStarts[line] + column;
    return off > Integer.MAX_VALUE ? -1 : (int) off;
  }

  @Override
  public String toString() {
    return "JsLineIndex[lines=" + lineStarts.length + ", length=" + length + "]";
  }
}
