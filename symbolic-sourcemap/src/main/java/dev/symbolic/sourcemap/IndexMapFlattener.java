package dev.symbolic.sourcemap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Flattens an index map ({@code sections}) into the storage of a regular map; see {@link
 * SourceMap} for the semantics (Mozilla's for nested maps, clipping at the next section, an
 * unmapped barrier segment at mid-line section starts).
 */
final class IndexMapFlattener {
  private final byte[] json;
  private final Vlq.Mappings out = new Vlq.Mappings(64);
  private final List<String> sources = new ArrayList<>();
  private final List<Boolean> sourceIsNull = new ArrayList<>();
  private int[] contentStart = new int[16];
  private int[] contentEnd = new int[16];
  private int[] fbStart = new int[16];
  private int[] fbEnd = new int[16];
  private final List<String> names = new ArrayList<>();
  private int[] ignore = new int[0];

  private IndexMapFlattener(byte[] json) {
    this.json = json;
  }

  static SourceMap flatten(byte[] json, SourceMap.Raw top) {
    IndexMapFlattener f = new IndexMapFlattener(json);
    f.sections(top.sections, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
    f.out.indexLines(0);
    int n = f.sources.size();
    String[] src = f.sources.toArray(new String[0]);
    boolean[] isNull = new boolean[n];
    for (int i = 0; i < n; i++) {
      isNull[i] = f.sourceIsNull.get(i);
    }
    return new SourceMap(
        json,
        top.file,
        null,
        top.debugId(),
        src,
        isNull,
        src,
        Arrays.copyOf(f.contentStart, n),
        Arrays.copyOf(f.contentEnd, n),
        f.names.toArray(new String[0]),
        f.ignore,
        f.out,
        true,
        Arrays.copyOf(f.fbStart, n),
        Arrays.copyOf(f.fbEnd, n),
        top.hermesStart,
        top.hermesEnd);
  }

  private static int checked(long v, int at) {
    if (v > Integer.MAX_VALUE) {
      throw new SourceMapException(at, "index map section offset overflows");
    }
    return (int) v;
  }

  private void sections(
      List<SourceMap.Section> list, int baseLine, int baseCol, int stopLine, int stopCol) {
    for (int i = 0; i < list.size(); i++) {
      SourceMap.Section s = list.get(i);
      int line = checked((long) baseLine + s.line, s.at);
      int col = s.line == 0 ? checked((long) baseCol + s.column, s.at) : s.column;
      int sl = stopLine;
      int sc = stopCol;
      if (i + 1 < list.size()) {
        SourceMap.Section next = list.get(i + 1);
        int nl = checked((long) baseLine + next.line, next.at);
        int nc = next.line == 0 ? checked((long) baseCol + next.column, next.at) : next.column;
        if (nl < sl || (nl == sl && nc < sc)) {
          sl = nl;
          sc = nc;
        }
      }
      if (line > sl || (line == sl && col >= sc)) {
        continue; // starts at or after the end of its parent: nothing of it is reachable
      }
      if (s.map.sections != null) {
        sections(s.map.sections, line, col, sl, sc);
      } else {
        regular(s, line, col, sl, sc);
      }
    }
  }

  private void regular(SourceMap.Section sec, int line, int col, int stopLine, int stopCol) {
    SourceMap.Raw raw = sec.map;
    if (raw.mappingsStart < 0) {
      throw new SourceMapException(raw.objectStart, "section map has neither mappings nor sections");
    }
    Vlq.Mappings m = raw.decodeMappings(json);
    int srcOff = sources.size();
    int nameOff = names.size();
    int n = raw.sources.length;
    int[][] contents = raw.contentRanges(n);
    int[][] fb = raw.facebookRanges(n);
    ensureSources(srcOff + n);
    for (int i = 0; i < n; i++) {
      String s = raw.sources[i];
      sourceIsNull.add(s == null);
      sources.add(s == null ? "" : SourceMap.resolve(raw.sourceRoot, s));
      contentStart[srcOff + i] = contents[0][i];
      contentEnd[srcOff + i] = contents[1][i];
      fbStart[srcOff + i] = fb[0][i];
      fbEnd[srcOff + i] = fb[1][i];
    }
    names.addAll(Arrays.asList(raw.names));
    int[] ig = raw.ignoreList();
    if (ig.length > 0) {
      int k = ignore.length;
      ignore = Arrays.copyOf(ignore, k + ig.length);
      for (int i = 0; i < ig.length; i++) {
        ignore[k + i] = ig[i] + srcOff;
      }
    }
    boolean startsAtOrigin = m.count > 0 && m.genLine[0] == 0 && m.genCol[0] == 0;
    if (!startsAtOrigin && out.count > 0 && out.genLine[out.count - 1] == line) {
      out.add(line, col, -1, -1, -1, -1); // barrier: earlier sections do not reach into this one
    }
    for (int i = 0; i < m.count; i++) {
      int l = m.genLine[i];
      long gl = (long) line + l;
      long gc = (long) (l == 0 ? col : 0) + m.genCol[i];
      if (gl > stopLine || (gl == stopLine && gc >= stopCol)) {
        break;
      }
      int s = m.src[i];
      int nm = m.name[i];
      out.add(
          checked(gl, sec.at),
          checked(gc, sec.at),
          s < 0 ? -1 : s + srcOff,
          m.origLine[i],
          m.origCol[i],
          nm < 0 ? -1 : nm + nameOff);
    }
  }

  private void ensureSources(int n) {
    if (n > contentStart.length) {
      int c = Math.max(n, contentStart.length * 2);
      contentStart = Arrays.copyOf(contentStart, c);
      contentEnd = Arrays.copyOf(contentEnd, c);
      fbStart = Arrays.copyOf(fbStart, c);
      fbEnd = Arrays.copyOf(fbEnd, c);
    }
  }
}
