package dev.symbolic.debuginfo;

import java.util.Arrays;

/**
 * The address-to-DIE map of one unit, built with llvm's DWARFUnit::updateAddressDieMap rules:
 * ranges are added in DIE preorder, and a range that starts inside an earlier entry splits it,
 * keeping the earlier entry's part before the new range and re-adding its part after it. Entries
 * starting inside the new range are left alone, which is what llvm's std::map does too.
 *
 * <p>While building, entries live in sorted primitive arrays with a gap where the last entry went
 * in (a gap buffer): in DIE preorder a function's ranges nest and follow each other, so entries
 * land at or next to the gap, and only a new function moves it, by at most the entries between
 * two functions (compilers list functions in ascending or, like gcc, mostly descending order).
 * Should the entries moved ever exceed {@link #MOVES_PER_ENTRY} per entry, the arrays become a
 * treap (expected O(log n) per range, whatever order hostile input gives them in). {@link #freeze()} then leaves sorted arrays
 * searched by binary search. No per-entry objects.
 */
final class DwarfAddressMap {
  /** Entries moved per entry added, on average, beyond which the map becomes a treap. */
  static final int MOVES_PER_ENTRY = 64;

  private long[] key = new long[64]; // start address, sign-flipped for unsigned order
  private long[] end = new long[64]; // end address, sign-flipped
  private int[] die = new int[64];
  /**
   * Whether entries are treap nodes; else entries are sorted in {@code [0, gapStart)} and {@code
   * [gapEnd, key.length)}.
   */
  private boolean treap;
  private int gapStart;
  private int gapEnd = 64;
  private long moved;
  private int[] left;
  private int[] right;
  private int[] priority;
  private int size;
  private int root = -1;
  private int seed = 0x2545F491;
  /** Scratch for {@link #split}: the roots of the two halves. */
  private final long[] parts = new long[2];

  private long[] frozenKey;
  private long[] frozenEnd;
  private int[] frozenDie;

  /** Adds {@code [lo, hi)} for DIE index {@code dieIndex}; empty or reversed ranges are ignored. */
  void add(long lo, long hi, int dieIndex) {
    long l = lo ^ Long.MIN_VALUE;
    long h = hi ^ Long.MIN_VALUE;
    if (l >= h) {
      return;
    }
    int b = floor(l);
    if (b >= 0 && l < end[b]) {
      long oldEnd = end[b];
      int oldDie = die[b];
      if (l > key[b]) {
        end[b] = l;
      }
      if (h < oldEnd) {
        put(h, oldEnd, oldDie);
      }
    }
    put(l, h, dieIndex);
  }

  /** The entry with the greatest key at or below {@code k} (flipped), or -1. */
  private int floor(long k) {
    if (!treap) {
      int i = ceiling(k);
      if (i < size && key[physical(i)] == k) {
        return physical(i);
      }
      return i > 0 ? physical(i - 1) : -1;
    }
    int best = -1;
    for (int n = root; n >= 0; ) {
      if (key[n] <= k) {
        best = n;
        n = right[n];
      } else {
        n = left[n];
      }
    }
    return best;
  }

  /** In array mode: where the {@code i}-th entry in key order is. */
  private int physical(int i) {
    return i < gapStart ? i : i + gapEnd - gapStart;
  }

  /**
   * In array mode: the rank of the first entry whose key is at or above {@code k}. Most keys go
   * at the gap or a few entries from it, so the search gallops out from the gap (1, 2, 4, ...
   * entries) and then bisects: a handful of probes where a bisection of the whole array takes
   * twenty.
   */
  private int ceiling(long k) {
    if (gapStart > 0 && key[gapStart - 1] >= k) {
      // Left of the gap, where rank and index agree: key[hi] >= k.
      int hi = gapStart - 1;
      int step = 1;
      int lo = hi - step;
      while (lo >= 0 && key[lo] >= k) {
        hi = lo;
        step <<= 1;
        lo = hi - step;
      }
      return firstAtOrAbove(k, Math.max(lo + 1, 0), hi);
    }
    // Right of the gap: key[lo] < k, and the first key at or above k is in (lo, hi].
    int lo = gapEnd;
    if (lo == key.length || key[lo] >= k) {
      return gapStart;
    }
    int step = 1;
    int hi = lo + step;
    while (hi < key.length && key[hi] < k) {
      lo = hi;
      step <<= 1;
      hi = lo + step;
    }
    return firstAtOrAbove(k, lo + 1, Math.min(hi, key.length)) - (gapEnd - gapStart);
  }

  /** The first index in {@code [lo, hi]} whose key is at or above {@code k}; {@code hi} if none before. */
  private int firstAtOrAbove(long k, int lo, int hi) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (key[mid] < k) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void put(long k, long e, int d) {
    if (!treap) {
      int i = ceiling(k);
      if (i < size && key[physical(i)] == k) {
        end[physical(i)] = e;
        die[physical(i)] = d;
        return;
      }
      moved += Math.abs(i - gapStart);
      if (moved <= (long) MOVES_PER_ENTRY * size + 4096) {
        moveGap(i);
        if (gapStart == gapEnd) {
          widenGap();
        }
        key[gapStart] = k;
        end[gapStart] = e;
        die[gapStart] = d;
        gapStart++;
        size++;
        return;
      }
      toTreap();
    }
    treapPut(k, e, d);
  }

  /** Moves the gap so that it starts at rank {@code i}. */
  private void moveGap(int i) {
    if (i < gapStart) {
      int n = gapStart - i;
      System.arraycopy(key, i, key, gapEnd - n, n);
      System.arraycopy(end, i, end, gapEnd - n, n);
      System.arraycopy(die, i, die, gapEnd - n, n);
      gapStart = i;
      gapEnd -= n;
    } else if (i > gapStart) {
      int n = i - gapStart;
      System.arraycopy(key, gapEnd, key, gapStart, n);
      System.arraycopy(end, gapEnd, end, gapStart, n);
      System.arraycopy(die, gapEnd, die, gapStart, n);
      gapStart = i;
      gapEnd += n;
    }
  }

  /** Doubles the arrays, the new room going to the gap. */
  private void widenGap() {
    int len = key.length * 2;
    int tail = key.length - gapEnd;
    key = widened(key, len, tail);
    end = widened(end, len, tail);
    int[] d = Arrays.copyOf(die, len);
    System.arraycopy(die, gapEnd, d, len - tail, tail);
    die = d;
    gapEnd = len - tail;
  }

  private long[] widened(long[] a, int len, int tail) {
    long[] out = Arrays.copyOf(a, len);
    System.arraycopy(a, gapEnd, out, len - tail, tail);
    return out;
  }

  /** Makes the sorted entries the nodes of a balanced treap, keeping their indexes. */
  private void toTreap() {
    moveGap(size); // entries in [0, size), in key order
    left = new int[key.length];
    right = new int[key.length];
    priority = new int[key.length];
    root = balanced(0, size - 1, 0);
    treap = true;
  }

  private int balanced(int lo, int hi, int depth) {
    if (lo > hi) {
      return -1;
    }
    int mid = (lo + hi) >>> 1;
    priority[mid] = Integer.MAX_VALUE - depth; // a parent outranks its children
    left[mid] = balanced(lo, mid - 1, depth + 1);
    right[mid] = balanced(mid + 1, hi, depth + 1);
    return mid;
  }

  private void grow() {
    if (size == key.length) {
      int len = size * 2;
      key = Arrays.copyOf(key, len);
      end = Arrays.copyOf(end, len);
      die = Arrays.copyOf(die, len);
      if (treap) {
        left = Arrays.copyOf(left, len);
        right = Arrays.copyOf(right, len);
        priority = Arrays.copyOf(priority, len);
      }
    }
  }

  private void treapPut(long k, long e, int d) {
    for (int n = root; n >= 0; n = k < key[n] ? left[n] : right[n]) {
      if (key[n] == k) {
        end[n] = e;
        die[n] = d;
        return;
      }
    }
    grow();
    int node = size++;
    key[node] = k;
    end[node] = e;
    die[node] = d;
    left[node] = -1;
    right[node] = -1;
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    priority[node] = seed;
    split(root, k, parts);
    root = merge(merge((int) parts[0], node), (int) parts[1]);
  }

  /** Splits treap {@code t} into keys below {@code k} and keys above it. */
  private void split(int t, long k, long[] out) {
    if (t < 0) {
      out[0] = -1;
      out[1] = -1;
      return;
    }
    if (key[t] < k) {
      split(right[t], k, out);
      right[t] = (int) out[0];
      out[0] = t;
    } else {
      split(left[t], k, out);
      left[t] = (int) out[1];
      out[1] = t;
    }
  }

  /** Merges two treaps whose keys are all ordered {@code a < b}. */
  private int merge(int a, int b) {
    if (a < 0) {
      return b;
    }
    if (b < 0) {
      return a;
    }
    if (priority[a] > priority[b]) {
      right[a] = merge(right[a], b);
      return a;
    }
    left[b] = merge(a, left[b]);
    return b;
  }

  /** Flattens the entries into sorted arrays and drops the treap. */
  void freeze() {
    if (!treap) {
      moveGap(size);
      frozenKey = Arrays.copyOf(key, size);
      frozenEnd = Arrays.copyOf(end, size);
      frozenDie = Arrays.copyOf(die, size);
      key = null;
      end = null;
      die = null;
      return;
    }
    frozenKey = new long[size];
    frozenEnd = new long[size];
    frozenDie = new int[size];
    int[] stack = new int[64];
    int sp = 0;
    int n = root;
    int out = 0;
    while (n >= 0 || sp > 0) {
      while (n >= 0) {
        if (sp == stack.length) {
          stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = n;
        n = left[n];
      }
      n = stack[--sp];
      frozenKey[out] = key[n];
      frozenEnd[out] = end[n];
      frozenDie[out] = die[n];
      out++;
      n = right[n];
    }
    key = null;
    end = null;
    die = null;
    left = null;
    right = null;
    priority = null;
  }

  /**
   * After {@link #freeze()}: whether {@code [lo, hi)} is still one entry of {@code dieIndex}
   * with no other entry starting inside it, that is, no range added after it cut into it and no
   * range added before it starts within it. An empty range is trivially intact.
   */
  boolean intact(long lo, long hi, int dieIndex) {
    long l = lo ^ Long.MIN_VALUE;
    long h = hi ^ Long.MIN_VALUE;
    if (l >= h) {
      return true;
    }
    int i = Arrays.binarySearch(frozenKey, l);
    return i >= 0 && frozenEnd[i] == h && frozenDie[i] == dieIndex
        && (i + 1 == frozenKey.length || frozenKey[i + 1] >= h);
  }

  /** The DIE index whose entry covers {@code address}, or -1; only after {@link #freeze()}. */
  int find(long address) {
    long a = address ^ Long.MIN_VALUE;
    int lo = 0;
    int hi = frozenKey.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (frozenKey[mid] <= a) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int i = lo - 1;
    return i >= 0 && a < frozenEnd[i] ? frozenDie[i] : -1;
  }
}
