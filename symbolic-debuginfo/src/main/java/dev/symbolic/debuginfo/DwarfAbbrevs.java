package dev.symbolic.debuginfo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** One abbreviation table of {@code .debug_abbrev}, in flat primitive arrays. */
final class DwarfAbbrevs {
  static final int MAX_ABBREVS = 1 << 20;
  static final int MAX_ATTRS = 1024;

  /** Index by code for small dense codes; -1 where absent. */
  private int[] dense = new int[0];

  private Map<Long, Integer> sparse;
  int count;
  int[] tags = new int[16];
  boolean[] children = new boolean[16];
  /** Attribute specs of abbreviation {@code i} are {@code [attrStart[i], attrStart[i + 1])}. */
  int[] attrStart = new int[17];

  int[] attrNames = new int[64];
  int[] attrForms = new int[64];
  long[] implicitConsts = new long[64];
  private int attrCount;

  static DwarfAbbrevs parse(DwarfCursor c) {
    DwarfAbbrevs a = new DwarfAbbrevs();
    int[] denseTmp = new int[64];
    Arrays.fill(denseTmp, -1);
    while (true) {
      long code = c.uleb();
      if (code == 0) {
        break;
      }
      if (a.count >= MAX_ABBREVS) {
        throw new DebugInfoException(c.pos, "too many abbreviations");
      }
      int tag = (int) c.uleb();
      boolean kids = c.u8() != 0;
      int idx = a.count++;
      if (idx + 1 >= a.tags.length) {
        a.tags = Arrays.copyOf(a.tags, a.tags.length * 2);
        a.children = Arrays.copyOf(a.children, a.children.length * 2);
        a.attrStart = Arrays.copyOf(a.attrStart, a.tags.length + 1);
      }
      a.tags[idx] = tag;
      a.children[idx] = kids;
      a.attrStart[idx] = a.attrCount;
      int n = 0;
      while (true) {
        long name = c.uleb();
        long form = c.uleb();
        if (name == 0 && form == 0) {
          break;
        }
        if (++n > MAX_ATTRS) {
          throw new DebugInfoException(c.pos, "too many attributes in abbreviation");
        }
        long implicit = 0;
        if (form == DwarfConstants.FORM_IMPLICIT_CONST) {
          implicit = c.sleb();
        }
        if (a.attrCount >= a.attrNames.length) {
          int len = a.attrNames.length * 2;
          a.attrNames = Arrays.copyOf(a.attrNames, len);
          a.attrForms = Arrays.copyOf(a.attrForms, len);
          a.implicitConsts = Arrays.copyOf(a.implicitConsts, len);
        }
        a.attrNames[a.attrCount] = (int) Math.min(name, Integer.MAX_VALUE);
        a.attrForms[a.attrCount] = (int) Math.min(form, Integer.MAX_VALUE);
        a.implicitConsts[a.attrCount] = implicit;
        a.attrCount++;
      }
      a.attrStart[idx + 1] = a.attrCount;
      if (code < 1 << 16) {
        if (code >= denseTmp.length) {
          int old = denseTmp.length;
          denseTmp = Arrays.copyOf(denseTmp, (int) Math.max(code + 1, old * 2L));
          Arrays.fill(denseTmp, old, denseTmp.length, -1);
        }
        if (denseTmp[(int) code] < 0) {
          denseTmp[(int) code] = idx;
        }
      } else {
        if (a.sparse == null) {
          a.sparse = new HashMap<>();
        }
        a.sparse.putIfAbsent(code, idx);
      }
    }
    a.dense = denseTmp;
    return a;
  }

  /** Returns the index of the abbreviation with this code, or -1. */
  int find(long code) {
    if (code >= 0 && code < dense.length) {
      return dense[(int) code];
    }
    if (sparse == null) {
      return -1;
    }
    Integer i = sparse.get(code);
    return i == null ? -1 : i;
  }
}
