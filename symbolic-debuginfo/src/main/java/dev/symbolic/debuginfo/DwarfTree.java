package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.DwarfConstants.TAG_INLINED_SUBROUTINE;
import static dev.symbolic.debuginfo.DwarfConstants.TAG_SUBPROGRAM;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The DIE tree of one unit: for each DIE, by number, its offset, parent, tag and the number after
 * its last descendant, in primitive arrays; and llvm's address-to-subroutine map of the unit.
 * Thread-safe.
 *
 * <p>A <em>full</em> tree has every DIE, numbered in DIE order, so the descendants of DIE {@code
 * i} are the numbers {@code i + 1} to {@code end[i]}. A <em>lazy</em> tree, made for
 * symbolication, leaves out the children of each subprogram with a DW_AT_sibling: the walk jumps
 * to the sibling. In optimized C++ most DIEs are the parameters, variables, call sites and
 * inlinees inside functions, and a batch of addresses hits few of the functions (10,000 addresses
 * in a 40 MB gcc -O2 binary: 812 of 2,965, holding a quarter of the 791k DIEs inside functions);
 * the parameters of declarations and of abstract instances of inlined functions are never needed
 * to name a frame. The children of such a subprogram are walked the first time an address in it
 * or an offset inside it is looked up, into a segment of their own: numbers from the segment's
 * base, reserved at one per byte of the subtree, so that they never meet another segment's.
 * Lookups then give what the full tree gives: a subprogram whose address ranges overlap another
 * subroutine's in the unit map, where llvm's map would interleave the two, makes the unit walk
 * every DIE instead. Subroutines inside a subprogram are found within its ranges when it is
 * walked; those outside them (gcc nests the code of a local class's or a lambda's functions in
 * the enclosing function's DIE, with code or abstract) are found by the first address that no
 * subprogram of the first walk covers, which walks every skipped subtree once and maps what lies
 * outside its subprogram.
 */
final class DwarfTree {
  /** The largest unit a lazy tree numbers: numbers go up to twice the unit's size. */
  private static final long MAX_LAZY_UNIT = 1L << 30;

  private final DwarfUnit unit;
  /** The DIEs of the first walk: numbers {@code 0} to {@code count - 1}. */
  final int count;
  /** Offsets relative to the unit's first DIE: a unit is smaller than 2 GiB. */
  final int[] rel;
  final int[] parent;
  /** Tags, which DWARF keeps below 0x10000 ({@code 0xffff} stands for anything else). */
  final char[] tag;
  final int[] end;
  /** llvm's AddrDieMap of the first walk; null in a tree made only for listing. */
  private final DwarfAddressMap map;
  /** The subprograms whose children were skipped, ascending. */
  private final int[] lazy;
  /** Per skipped subprogram: its segment's first number, and where its subtree ends. */
  private final int[] base;
  private final long[] siblings;
  private final AtomicReferenceArray<Segment> segments;
  /** The unit's abbreviation layout, for walking the skipped subtrees. */
  private final DwarfLayout layout;
  /** The subroutines found outside the ranges of the skipped subprogram they are in. */
  private volatile DwarfAddressMap nested;
  /**
   * Set when a skipped subtree did not end at its DW_AT_sibling (it ended before, or was still
   * open there): the first walk may have read garbage after it, or a subtree's inside as if it
   * were outside, so the unit walks every DIE next time.
   */
  private volatile boolean suspect;

  /** The children of one skipped subprogram, numbered from {@code base}. */
  private record Segment(int base, Walk walk, DwarfAddressMap map) {}

  private DwarfTree(DwarfUnit unit, Walk w, DwarfAddressMap map, int[] base, DwarfLayout layout) {
    this.unit = unit;
    this.layout = layout;
    this.count = w.n;
    this.rel = w.rel;
    this.parent = w.parent;
    this.tag = w.tag;
    this.end = w.end;
    this.map = map;
    this.lazy = Arrays.copyOf(w.lazy, w.lazyCount);
    this.base = base;
    this.siblings = Arrays.copyOf(w.lazySibling, w.lazyCount);
    this.segments = new AtomicReferenceArray<>(w.lazyCount);
  }

  /** Walks every DIE; with the address map unless the tree is only for listing. */
  static DwarfTree full(DwarfUnit u, boolean withMap) {
    DwarfAddressMap map = withMap ? new DwarfAddressMap() : null;
    DwarfLayout layout = DwarfLayout.of(u, u.abbrevs());
    Walk w = Walk.of(u, layout, u.dieStart, 0, -1, map, null, Long.MAX_VALUE);
    if (map != null) {
      map.freeze();
    }
    return new DwarfTree(u, w, map, new int[0], layout);
  }

  /** Walks the DIEs outside subprograms with a sibling; a full tree if that would not be exact. */
  static DwarfTree lazy(DwarfUnit u) {
    if (u.end - u.dieStart > MAX_LAZY_UNIT) {
      return full(u, true);
    }
    DwarfAddressMap map = new DwarfAddressMap();
    DwarfLayout layout = DwarfLayout.of(u, u.abbrevs());
    Walk w = Walk.of(u, layout, u.dieStart, 0, -1, map, SKIP, Long.MAX_VALUE);
    map.freeze();
    for (int r = 0; r < w.lazyRangeCount; r++) {
      if (!map.intact(w.lazyRanges[3 * r], w.lazyRanges[3 * r + 1],
          (int) w.lazyRanges[3 * r + 2])) {
        return full(u, true);
      }
    }
    int[] base = new int[w.lazyCount];
    for (int k = 0; k < base.length; k++) {
      base[k] = (int) (w.n + w.lazySkippedBefore[k]);
    }
    return new DwarfTree(u, w, map, base, layout);
  }

  boolean isFull() {
    return lazy.length == 0;
  }

  boolean isSuspect() {
    return suspect;
  }

  /** The absolute offset of DIE {@code i} of the first walk. */
  long off(int i) {
    return unit.dieStart + rel[i];
  }

  /** The absolute offset of any DIE. */
  long offset(int die) {
    if (die < count) {
      return off(die);
    }
    Segment s = segmentOf(die);
    return unit.dieStart + s.walk().rel[die - s.base()];
  }

  int tag(int die) {
    if (die < count) {
      return tag[die];
    }
    Segment s = segmentOf(die);
    return s.walk().tag[die - s.base()];
  }

  int parent(int die) {
    if (die < count) {
      return parent[die];
    }
    Segment s = segmentOf(die);
    return s.walk().parent[die - s.base()];
  }

  /**
   * The number after the last descendant of a DIE. Its descendants are the numbers in between,
   * except for a skipped subprogram, whose descendants are in its segment.
   */
  int end(int die) {
    if (die < count) {
      return end[die];
    }
    Segment s = segmentOf(die);
    return s.walk().end[die - s.base()];
  }

  /** Returns the subprogram or inlined subroutine DIE for an address (llvm's rules), or -1. */
  int find(long address) {
    int i = map.find(address);
    if (i < 0) {
      return lazy.length == 0 ? -1 : nested().find(address);
    }
    int k = i >= 0 && tag[i] == TAG_SUBPROGRAM ? Arrays.binarySearch(lazy, i) : -1;
    if (k < 0) {
      return i;
    }
    // The segment's map holds the subprogram's ranges and what its children split them into:
    // what llvm's map of the unit holds there, gaps included.
    return segment(k).map().find(address);
  }

  /** Walks every skipped subtree, if not yet done, and maps the subroutines outside them. */
  private DwarfAddressMap nested() {
    DwarfAddressMap m = nested;
    if (m != null) {
      return m;
    }
    synchronized (this) {
      if (nested == null) {
        m = new DwarfAddressMap();
        for (int k = 0; k < lazy.length; k++) {
          Walk w = segment(k).walk();
          for (int r = 0; r < w.outsideCount; r++) {
            m.add(w.outside[3 * r], w.outside[3 * r + 1], (int) w.outside[3 * r + 2]);
          }
        }
        m.freeze();
        nested = m;
      }
      return nested;
    }
  }

  /** Returns the number of the DIE at an absolute offset, or -1. */
  int indexOf(long dieOffset) {
    long r = dieOffset - unit.dieStart;
    if (r < 0 || r > Integer.MAX_VALUE) {
      return -1;
    }
    int i = Arrays.binarySearch(rel, 0, count, (int) r);
    if (i >= 0) {
      return i;
    }
    // Between two DIEs of the first walk: inside the subtree of the one before, if skipped.
    int p = -i - 2;
    int k = p >= 0 && tag[p] == TAG_SUBPROGRAM ? Arrays.binarySearch(lazy, p) : -1;
    if (k < 0) {
      return -1;
    }
    Segment s = segment(k);
    int j = Arrays.binarySearch(s.walk().rel, 0, s.walk().n, (int) r);
    return j >= 0 ? s.base() + j : -1;
  }

  /**
   * The ancestors of the DIE at an absolute offset, innermost first: their tags and offsets, as
   * many as the arrays hold. Inside a subtree not walked yet, the way down is found by hopping
   * over siblings (DW_AT_sibling) instead of walking the subtree.
   *
   * @return the number of ancestors stored, or -1 if no DIE starts at the offset
   */
  int ancestors(long dieOffset, int[] tags, long[] offsets) {
    long r = dieOffset - unit.dieStart;
    if (r < 0 || r > Integer.MAX_VALUE) {
      return -1;
    }
    int n = 0;
    int p;
    int i = Arrays.binarySearch(rel, 0, count, (int) r);
    if (i >= 0) {
      p = parent[i];
    } else {
      p = -i - 2;
      int k = p >= 0 && tag[p] == TAG_SUBPROGRAM ? Arrays.binarySearch(lazy, p) : -1;
      if (k < 0) {
        return -1;
      }
      Segment s = segments.get(k);
      if (s != null) {
        int j = Arrays.binarySearch(s.walk().rel, 0, s.walk().n, (int) r);
        if (j < 0) {
          return -1;
        }
        p = s.walk().parent[j];
      } else {
        n = pathInside(k, dieOffset, tags, offsets);
        if (n < 0) {
          return -1;
        }
      }
    }
    for (; p >= 0 && n < tags.length; p = parent(p)) {
      tags[n] = tag(p);
      offsets[n++] = offset(p);
    }
    return n;
  }

  /**
   * The ancestors of a DIE inside the subtree of skipped subprogram {@code k}, below it, found
   * by descending from the subprogram: at each level the siblings before the DIE's branch are
   * stepped over by their DW_AT_sibling. A DIE without one is entered in case the DIE is inside,
   * and left at its null entry if not.
   */
  private int pathInside(int k, long target, int[] tags, long[] offsets) {
    DwarfDie d = new DwarfDie();
    Dwarf dwarf = unit.dwarf;
    long off = dwarf.readDie(unit, off(lazy[k]), d);
    long limit = siblings[k];
    long[] pathOff = new long[DwarfUnit.MAX_DEPTH];
    int[] pathTag = new int[DwarfUnit.MAX_DEPTH];
    boolean[] guessed = new boolean[DwarfUnit.MAX_DEPTH];
    int depth = 0;
    while (off < limit && off <= target) {
      long next = dwarf.readDie(unit, off, d);
      if (d.tag == 0) {
        if (depth == 0 || !guessed[depth - 1]) {
          return -1; // the branch that holds the offset closed without a DIE there
        }
        depth--;
        off = next;
        continue;
      }
      if (off == target) {
        int n = 0;
        for (int i = depth - 1; i >= 0 && n < tags.length; i--) {
          tags[n] = pathTag[i];
          offsets[n++] = pathOff[i];
        }
        return n;
      }
      if (d.hasChildren) {
        boolean known = d.sibling > off;
        if (known && d.sibling <= target) {
          off = d.sibling;
          continue;
        }
        if (depth == DwarfUnit.MAX_DEPTH) {
          return -1;
        }
        pathOff[depth] = off;
        pathTag[depth] = d.tag;
        guessed[depth++] = !known;
      }
      off = next;
    }
    return -1;
  }

  /** The segment that numbers a DIE past the first walk; it was walked to give that number. */
  private Segment segmentOf(int die) {
    int k = Arrays.binarySearch(base, die);
    return segments.get(k >= 0 ? k : -k - 2);
  }

  /** Walks the children of skipped subprogram {@code k} on first use. */
  private Segment segment(int k) {
    Segment s = segments.get(k);
    if (s != null) {
      return s;
    }
    synchronized (this) {
      s = segments.get(k);
      if (s == null) {
        s = walkSegment(k);
        segments.set(k, s);
      }
    }
    return s;
  }

  private Segment walkSegment(int k) {
    int sub = lazy[k];
    DwarfDie d = new DwarfDie();
    long first = unit.dwarf.readDie(unit, off(sub), d);
    // The subprogram's own ranges first, as the full walk adds them before its children's.
    DwarfAddressMap m = new DwarfAddressMap();
    long[] ranges = unit.dwarf.ranges(unit, d, new long[16]);
    for (int r = 0; r < (int) ranges[0]; r++) {
      m.add(ranges[1 + 2 * r], ranges[2 + 2 * r], sub);
    }
    Walk w = Walk.of(unit, layout, first, base[k], sub, m, ranges, siblings[k]);
    m.freeze();
    if (!w.closed || w.stop != siblings[k]) {
      suspect = true;
    }
    return new Segment(base[k], w, m);
  }

  /** For {@link Walk#of}: the first walk of a lazy tree. */
  private static final long[] SKIP = {0};

  /** One walk over DIEs in order: the whole unit, or the children of one subprogram. */
  private static final class Walk {
    int n;
    int[] rel;
    int[] parent;
    char[] tag;
    int[] end;
    /** Where the walk stopped: after the null entry that closed it, or at its limit. */
    long stop;
    /** Whether a walk under a parent ended at the null entry that closes the parent's children. */
    boolean closed;
    int lazyCount;
    int[] lazy = new int[0];
    long[] lazySibling = new long[0];
    long[] lazySkippedBefore = new long[0];
    /** The ranges of skipped subprograms, {@code (low, high, number)} in threes. */
    int lazyRangeCount;
    long[] lazyRanges = new long[0];
    /** The subroutine ranges outside the parent's ranges, in threes as above. */
    int outsideCount;
    long[] outside = new long[0];

    /**
     * Walks from {@code start}: the unit DIE and its subtree, or, with a parent, the DIEs up to
     * the null entry that closes the parent's children (and not past {@code limit}). Numbers
     * start at {@code first}; subroutine ranges go into {@code map} unless null. {@code ranges}
     * is {@link #SKIP} to step over subprograms with code and a DW_AT_sibling; else, unless null,
     * the parent's ranges (count, then pairs), outside which subroutine ranges are kept apart.
     */
    static Walk of(DwarfUnit u, DwarfLayout layout, long start, int first, int root,
        DwarfAddressMap map, long[] parentRanges, long limit) {
      boolean skip = parentRanges == SKIP;
      long[] within = skip ? null : parentRanges;
      Dwarf dwarf = u.dwarf;
      long stopAt = Math.min(u.end, limit);
      if (stopAt - start > Integer.MAX_VALUE) {
        throw new DebugInfoException(u.offset, "unit larger than 2 GiB");
      }
      long bytes = Math.max(0, stopAt - start);
      Walk w = new Walk();
      int cap = dwarf.dieCapacity(bytes);
      int[] rel = new int[cap];
      int[] parents = new int[cap];
      char[] tags = new char[cap];
      int[] ends = new int[cap];
      int[] stack = new int[DwarfUnit.MAX_DEPTH];
      int depth = 0;
      if (root >= 0) {
        stack[depth++] = root;
      }
      int n = 0;
      long skipped = 0;
      DwarfDie d = new DwarfDie();
      long[] ranges = new long[16];
      long off = start;
      DwarfCursor c = DwarfCursor.sequential(dwarf.info, dwarf.le, start);
      while (off < stopAt) {
        long next = dwarf.scanDie(u, c, off, d, layout);
        if (d.tag == 0) {
          off = next;
          if (depth > 0) {
            depth--;
            if (stack[depth] >= first) {
              ends[stack[depth] - first] = first + n;
            }
            if (depth == 0 && root >= 0) {
              w.closed = true;
              break; // the parent's children are done
            }
          }
          continue;
        }
        if (n == rel.length) {
          int len = n + (n >> 1) + 64;
          rel = Arrays.copyOf(rel, len);
          parents = Arrays.copyOf(parents, len);
          tags = Arrays.copyOf(tags, len);
          ends = Arrays.copyOf(ends, len);
        }
        int i = n++;
        int id = first + i;
        rel[i] = (int) (off - u.dieStart);
        parents[i] = depth > 0 ? stack[depth - 1] : -1;
        tags[i] = d.tag >= 0 && d.tag < 0xffff ? (char) d.tag : (char) 0xffff;
        ends[i] = id + 1;
        int count = 0;
        if (map != null && (d.tag == TAG_SUBPROGRAM || d.tag == TAG_INLINED_SUBROUTINE)) {
          ranges = dwarf.ranges(u, d, ranges);
          count = (int) ranges[0];
          for (int r = 0; r < count; r++) {
            long lo = ranges[1 + 2 * r];
            long hi = ranges[2 + 2 * r];
            map.add(lo, hi, id);
            if (within != null && !contains(within, lo, hi)) {
              w.addOutside(lo, hi, id);
            }
          }
        }
        off = next;
        if (skip && d.tag == TAG_SUBPROGRAM && d.hasChildren
            && d.sibling > next && d.sibling <= stopAt && dwarf.info.u8(d.sibling - 1) == 0) {
          // The children end with a null entry right before the sibling.
          w.addLazy(id, d.sibling, skipped, ranges, count);
          skipped += d.sibling - next;
          off = d.sibling;
        } else if (d.hasChildren) {
          if (depth >= DwarfUnit.MAX_DEPTH) {
            throw new DebugInfoException(off, "DIE nesting too deep");
          }
          stack[depth++] = id;
        }
        if (depth == 0) {
          break; // the unit DIE and its children are done
        }
      }
      while (depth > 0) {
        depth--;
        if (stack[depth] >= first) {
          ends[stack[depth] - first] = first + n;
        }
      }
      w.stop = off;
      if (!skip && root < 0) {
        dwarf.observeDies(bytes, n);
      }
      w.n = n;
      if (rel.length - n <= n >>> 3) {
        w.rel = rel;
        w.parent = parents;
        w.tag = tags;
        w.end = ends;
      } else {
        // Trimmed: trees of every unit symbolized stay in memory.
        w.rel = Arrays.copyOf(rel, n);
        w.parent = Arrays.copyOf(parents, n);
        w.tag = Arrays.copyOf(tags, n);
        w.end = Arrays.copyOf(ends, n);
      }
      return w;
    }

    /** Whether {@code [lo, hi)} is empty or inside one of the ranges (count, then pairs). */
    private static boolean contains(long[] ranges, long lo, long hi) {
      if (Long.compareUnsigned(lo, hi) >= 0) {
        return true;
      }
      for (int r = 0; r < (int) ranges[0]; r++) {
        if (Long.compareUnsigned(ranges[1 + 2 * r], lo) <= 0
            && Long.compareUnsigned(hi, ranges[2 + 2 * r]) <= 0) {
          return true;
        }
      }
      return false;
    }

    private void addOutside(long lo, long hi, int id) {
      if (3 * outsideCount + 3 > outside.length) {
        outside = Arrays.copyOf(outside, 2 * outside.length + 24);
      }
      outside[3 * outsideCount] = lo;
      outside[3 * outsideCount + 1] = hi;
      outside[3 * outsideCount++ + 2] = id;
    }

    private void addLazy(int id, long sibling, long skippedBefore, long[] ranges, int count) {
      if (lazyCount == lazy.length) {
        int len = lazyCount * 2 + 16;
        lazy = Arrays.copyOf(lazy, len);
        lazySibling = Arrays.copyOf(lazySibling, len);
        lazySkippedBefore = Arrays.copyOf(lazySkippedBefore, len);
      }
      lazy[lazyCount] = id;
      lazySibling[lazyCount] = sibling;
      lazySkippedBefore[lazyCount++] = skippedBefore;
      if (3 * (lazyRangeCount + count) > lazyRanges.length) {
        lazyRanges = Arrays.copyOf(lazyRanges, 3 * (lazyRangeCount + count) * 2);
      }
      for (int r = 0; r < count; r++, lazyRangeCount++) {
        lazyRanges[3 * lazyRangeCount] = ranges[1 + 2 * r];
        lazyRanges[3 * lazyRangeCount + 1] = ranges[2 + 2 * r];
        lazyRanges[3 * lazyRangeCount + 2] = id;
      }
    }
  }
}
