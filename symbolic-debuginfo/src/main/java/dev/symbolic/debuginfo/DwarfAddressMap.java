package dev.symbolic.debuginfo;

import java.util.Arrays;

/**
 * The address-to-DIE map of one unit, built with llvm's DWARFUnit::updateAddressDieMap rules:
 * ranges are added in DIE preorder, and a range that starts inside an earlier entry splits it,
 * keeping the earlier entry's part before the new range and re-adding its part after it. Entries
 * starting inside the new range are left alone, which is what llvm's std::map does too.
 *
 * <p>While building, entries live in a treap over primitive arrays (expected O(log n) per range,
 * whatever order hostile input gives them in); {@link #freeze()} then flattens them into sorted
 * arrays searched by binary search. No per-entry objects.
 */
final class DwarfAddressMap {
  private long[] key = new long[64]; // start address, sign-flipped for unsigned order
  private long[] end = new long[64]; // end address, sign-flipped
  private int[] die = new int[64];
  private int[] left = new int[64];
  private int[] right = new int[64];
  private int[] priority = new int[64];
  private int size;
  private int root = -1;
  private int seed = 0x2545F491;

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

  /** The node with the greatest key at or below {@code k} (flipped), or -1. */
  private int floor(long k) {
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

  private void put(long k, long e, int d) {
    for (int n = root; n >= 0; n = k < key[n] ? left[n] : right[n]) {
      if (key[n] == k) {
        end[n] = e;
        die[n] = d;
        return;
      }
    }
    if (size == key.length) {
      int len = size * 2;
      key = Arrays.copyOf(key, len);
      end = Arrays.copyOf(end, len);
      die = Arrays.copyOf(die, len);
      left = Arrays.copyOf(left, len);
      right = Arrays.copyOf(right, len);
      priority = Arrays.copyOf(priority, len);
    }
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
    long[] parts = new long[2];
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
