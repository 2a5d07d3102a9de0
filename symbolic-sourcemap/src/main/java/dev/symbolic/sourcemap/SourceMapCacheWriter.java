package dev.symbolic.sourcemap;

import static dev.symbolic.sourcemap.SourceMapCacheFormat.FLAG_FACEBOOK;
import static dev.symbolic.sourcemap.SourceMapCacheFormat.FLAG_FUNCTIONS;
import static dev.symbolic.sourcemap.SourceMapCacheFormat.HEADER_SIZE;
import static dev.symbolic.sourcemap.SourceMapCacheFormat.MAGIC;
import static dev.symbolic.sourcemap.SourceMapCacheFormat.VERSION;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Builds the bytes of a {@link SourceMapCache}; see {@link SourceMapCacheFormat}. */
final class SourceMapCacheWriter {
  private SourceMapCacheWriter() {}

  /** Interned UTF-8 strings. */
  private static final class Strings {
    final Map<String, Integer> index = new HashMap<>();
    final List<byte[]> bytes = new ArrayList<>();
    long total;

    int intern(String s) {
      Integer i = index.get(s);
      if (i != null) {
        return i;
      }
      return add(s, SourceMapCacheFormat.encode(s));
    }

    int add(String s, byte[] b) {
      int i = bytes.size();
      bytes.add(b);
      total += b.length;
      if (total > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("source map too large for a cache (string bytes)");
      }
      if (s != null) {
        index.put(s, i);
      }
      return i;
    }
  }

  /** A growable int array. */
  private static final class Ints {
    int[] a;
    int n;

    Ints(int capacity) {
      a = new int[Math.max(4, capacity)];
    }

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n + (n >> 1) + 16);
      }
      a[n++] = v;
    }

    int last() {
      return a[n - 1];
    }
  }

  static void write(SourceMap map, FunctionNames functions, OutputStream out) throws IOException {
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(out, "out");
    if (functions == null) {
      functions = FunctionNames.none();
    }
    Strings strings = new Strings();

    // Sources and their contents.
    int sourceCount = map.sourceCount();
    int[] sourceEntries = new int[sourceCount * SourceMapCacheFormat.SOURCE_ENTRY_INTS];
    Ints lineOffsets = new Ints(1024);
    Map<String, int[]> contentIndex = new HashMap<>();
    for (int s = 0; s < sourceCount; s++) {
      int e = s * SourceMapCacheFormat.SOURCE_ENTRY_INTS;
      sourceEntries[e] = strings.intern(map.resolvedSource(s));
      Optional<String> content = map.sourceContent(s);
      if (content.isEmpty()) {
        sourceEntries[e + 1] = -1;
        sourceEntries[e + 2] = 0;
        sourceEntries[e + 3] = 0;
        continue;
      }
      String text = content.get();
      int[] known = contentIndex.get(text);
      if (known == null) {
        byte[] b = SourceMapCacheFormat.encode(text);
        int idx = strings.add(null, b);
        int first = lineOffsets.n;
        lineOffsets.add(0);
        for (int i = 0; i < b.length; i++) {
          if (b[i] == '\n') {
            lineOffsets.add(i + 1);
          } else if (b[i] == '\r') {
            if (i + 1 < b.length && b[i + 1] == '\n') {
              i++;
            }
            lineOffsets.add(i + 1);
          }
        }
        known = new int[] {idx, first, lineOffsets.n - first};
        contentIndex.put(text, known);
      }
      sourceEntries[e + 1] = known[0];
      sourceEntries[e + 2] = known[1];
      sourceEntries[e + 3] = known[2];
    }

    // Ranges, line by line.
    int lineCount = map.lineCount();
    int[] lineStart = new int[lineCount + 1];
    int estimate = Math.max(16, map.tokenCount());
    Ints column = new Ints(estimate);
    Ints source = new Ints(estimate);
    Ints origLine = new Ints(estimate);
    Ints origCol = new Ints(estimate);
    Ints name = new Ints(estimate);
    Ints function = new Ints(estimate);
    boolean facebook = functions.usesFacebookFunctionMaps();
    for (int line = 0; line < lineCount; line++) {
      lineStart[line] = column.n;
      List<Token> tokens = map.tokensOfLine(line);
      if (tokens.isEmpty()) {
        continue;
      }
      int[] bounds = facebook ? new int[0] : functions.boundariesOfLine(line);
      int[] starts = rangeStarts(tokens, bounds);
      int lineFirst = column.n;
      int j = 0; // the last token at or before the start column
      for (int col : starts) {
        while (j + 1 < tokens.size() && tokens.get(j + 1).generatedColumn() <= col) {
          j++;
        }
        int k = j;
        // A lookup exactly at a column finds the first of several segments there; past it, the
        // last (as trace-mapping does).
        while (k > 0 && tokens.get(k - 1).generatedColumn() == col) {
          k--;
        }
        Token current = tokens.get(k);
        int src;
        int ol;
        int oc;
        int nm;
        int fn;
        if (current.sourceIndex() < 0) {
          src = -1;
          ol = -1;
          oc = -1;
          nm = -1;
          fn = -1;
        } else {
          src = current.sourceIndex();
          ol = current.originalLine();
          oc = current.originalColumn();
          nm = current.name().isPresent() ? strings.intern(current.name().get()) : -1;
          String f = facebook ? functions.facebookName(current).orElse(null)
              : functions.scopeAt(line, col);
          fn = f == null ? -1 : strings.intern(f);
        }
        if (column.n > lineFirst && source.last() == src && origLine.last() == ol
            && origCol.last() == oc && name.last() == nm && function.last() == fn) {
          continue; // same answer as the range before
        }
        column.add(col);
        source.add(src);
        origLine.add(ol);
        origCol.add(oc);
        name.add(nm);
        function.add(fn);
      }
    }
    lineStart[lineCount] = column.n;

    int fileIdx = map.file().map(strings::intern).orElse(-1);
    int debugIdx = map.debugId().map(strings::intern).orElse(-1);
    int flags = functions.isEmpty() ? 0 : FLAG_FUNCTIONS | (facebook ? FLAG_FACEBOOK : 0);

    // Serialize.
    LittleEndian w = new LittleEndian(out);
    w.bytes(MAGIC, 0, MAGIC.length);
    w.i32(VERSION);
    w.i32(flags);
    w.i32(lineCount);
    w.i32(column.n);
    w.i32(sourceCount);
    w.i32(strings.bytes.size());
    w.i32(lineOffsets.n);
    w.i32((int) strings.total);
    w.i32(fileIdx);
    w.i32(debugIdx);
    w.i32(map.tokenCount());
    w.i32(map.nameCount());
    while (w.written < HEADER_SIZE) {
      w.i32(0);
    }
    w.ints(lineStart, lineStart.length);
    w.ints(column.a, column.n);
    w.ints(source.a, source.n);
    w.ints(origLine.a, origLine.n);
    w.ints(origCol.a, origCol.n);
    w.ints(name.a, name.n);
    w.ints(function.a, function.n);
    w.ints(sourceEntries, sourceEntries.length);
    w.ints(lineOffsets.a, lineOffsets.n);
    long offset = 0;
    for (byte[] b : strings.bytes) {
      w.i32((int) offset);
      offset += b.length;
    }
    w.i32((int) offset);
    for (byte[] b : strings.bytes) {
      w.bytes(b, 0, b.length);
    }
    w.flush();
  }

  /**
   * The columns where a range starts on a line: every segment column, the column after a column
   * with several segments (where the answer changes from the first to the last of them), and the
   * function-scope boundaries after the first segment; ascending and distinct.
   */
  private static int[] rangeStarts(List<Token> tokens, int[] bounds) {
    int n = tokens.size();
    int[] out = new int[2 * n + bounds.length];
    int c = 0;
    for (int i = 0; i < n; i++) {
      int col = tokens.get(i).generatedColumn();
      if (c == 0 || out[c - 1] != col) {
        out[c++] = col;
      }
      if (i + 1 < n && tokens.get(i + 1).generatedColumn() == col && col < Integer.MAX_VALUE) {
        out[c++] = col + 1;
        while (i + 1 < n && tokens.get(i + 1).generatedColumn() == col) {
          i++;
        }
      }
    }
    int first = tokens.get(0).generatedColumn();
    for (int b : bounds) {
      if (b > first) {
        out[c++] = b;
      }
    }
    Arrays.sort(out, 0, c);
    int u = 0;
    for (int i = 0; i < c; i++) {
      if (u == 0 || out[u - 1] != out[i]) {
        out[u++] = out[i];
      }
    }
    return Arrays.copyOf(out, u);
  }

  /** A little-endian writer with its own buffer. */
  private static final class LittleEndian {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    long written;

    LittleEndian(OutputStream out) {
      this.out = out;
    }

    void i32(int v) throws IOException {
      if (n + 4 > buf.length) {
        drain();
      }
      buf[n] = (byte) v;
      buf[n + 1] = (byte) (v >>> 8);
      buf[n + 2] = (byte) (v >>> 16);
      buf[n + 3] = (byte) (v >>> 24);
      n += 4;
      written += 4;
    }

    void ints(int[] a, int count) throws IOException {
      for (int i = 0; i < count; i++) {
        i32(a[i]);
      }
    }

    void bytes(byte[] b, int off, int len) throws IOException {
      if (len > buf.length - n) {
        drain();
        if (len > buf.length) {
          out.write(b, off, len);
          written += len;
          return;
        }
      }
      System.arraycopy(b, off, buf, n, len);
      n += len;
      written += len;
    }

    private void drain() throws IOException {
      out.write(buf, 0, n);
      n = 0;
    }

    void flush() throws IOException {
      drain();
      out.flush();
    }
  }
}
