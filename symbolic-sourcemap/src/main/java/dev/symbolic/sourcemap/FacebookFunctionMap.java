package dev.symbolic.sourcemap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Metro function map: one entry of {@code x_facebook_sources}, which is {@code null} or an
 * array whose first element is {@code {"names": [...], "mappings": "..."}}.
 *
 * <p>The {@code mappings} are VLQ segments of up to three relative fields: column (reset to 0 at
 * each {@code ;}), name index and line (1-based, starting at 1). Each entry says: from this
 * original line and column on, the enclosing function is this name. A lookup takes the greatest
 * entry at or before the position (the first of equal entries), as rust-sourcemap does. A
 * malformed function map behaves like an empty one.
 */
final class FacebookFunctionMap {
  private static final FacebookFunctionMap EMPTY =
      new FacebookFunctionMap(new String[0], new long[0], new int[0]);

  private final String[] names;

  /** (line1 << 32 | column) of each entry, sorted. */
  private final long[] keys;

  private final int[] nameIndex;

  private FacebookFunctionMap(String[] names, long[] keys, int[] nameIndex) {
    this.names = names;
    this.keys = keys;
    this.nameIndex = nameIndex;
  }

  /** Parses the JSON value at {@code [start, end)} of {@code json}. */
  static FacebookFunctionMap parse(byte[] json, int start, int end) {
    try {
      SourceMapJson j = new SourceMapJson(json, start, end);
      if (j.nullValue()) {
        return EMPTY;
      }
      j.expect('[');
      if (!j.more(']', true)) {
        return EMPTY;
      }
      if (j.nullValue()) {
        return EMPTY;
      }
      j.expect('{');
      List<String> names = new ArrayList<>();
      String mappings = "";
      for (boolean first = true; j.more('}', first); first = false) {
        String key = j.key();
        if (key.equals("names")) {
          j.expect('[');
          for (boolean f = true; j.more(']', f); f = false) {
            String s = j.stringOrNull();
            names.add(s == null ? "" : s);
          }
        } else if (key.equals("mappings")) {
          mappings = j.string();
        } else {
          j.skipValue(1);
        }
      }
      return decode(names.toArray(new String[0]), mappings);
    } catch (SourceMapException e) {
      return EMPTY;
    }
  }

  static FacebookFunctionMap decode(String[] names, String mappings) {
    byte[] b = mappings.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Vlq.Reader r = new Vlq.Reader(b, 0, b.length);
    long[] keys = new long[8];
    int[] idx = new int[8];
    int n = 0;
    long column = 0;
    long name = 0;
    long line = 1;
    boolean sorted = true;
    while (r.pos < b.length) {
      byte c = b[r.pos];
      if (c == ';') {
        column = 0;
        r.pos++;
        continue;
      }
      if (c == ',') {
        r.pos++;
        continue;
      }
      column += r.next();
      if (r.hasField()) {
        name += r.next();
        if (r.hasField()) {
          line += r.next();
          while (r.hasField()) {
            r.next();
          }
        }
      }
      if (column < 0 || line < 0 || name < 0 || column > Integer.MAX_VALUE
          || line > Integer.MAX_VALUE || name > Integer.MAX_VALUE) {
        return EMPTY;
      }
      if (n == keys.length) {
        keys = Arrays.copyOf(keys, n * 2);
        idx = Arrays.copyOf(idx, n * 2);
      }
      long key = line << 32 | column;
      if (n > 0 && key < keys[n - 1]) {
        sorted = false;
      }
      keys[n] = key;
      idx[n] = (int) name;
      n++;
    }
    keys = Arrays.copyOf(keys, n);
    idx = Arrays.copyOf(idx, n);
    if (!sorted) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      final long[] k = keys;
      Arrays.sort(order, (x, y) -> Long.compare(k[x], k[y]));
      long[] k2 = new long[n];
      int[] i2 = new int[n];
      for (int i = 0; i < n; i++) {
        k2[i] = keys[order[i]];
        i2[i] = idx[order[i]];
      }
      keys = k2;
      idx = i2;
    }
    return new FacebookFunctionMap(names, keys, idx);
  }

  /** Finds the function name at a 0-based original line and column. */
  Optional<String> lookup(int originalLine, int originalColumn) {
    if (originalLine < 0 || originalColumn < 0) {
      return Optional.empty();
    }
    long key = ((long) originalLine + 1) << 32 | originalColumn;
    int a = 0;
    int b = keys.length;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys[mid] <= key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    int i = a - 1;
    if (i < 0) {
      return Optional.empty();
    }
    while (i > 0 && keys[i - 1] == keys[i]) {
      i--;
    }
    int n = nameIndex[i];
    return n < names.length ? Optional.of(names[n]) : Optional.empty();
  }
}
