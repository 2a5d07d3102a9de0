package dev.symbolic.debuginfo;

import java.util.Arrays;

/**
 * The rows of a unit's line table as function line records use them: rows at address 0 and rows
 * going backwards are dropped, a row at the same address as the previous one replaces it, each
 * row's size runs to the next row, and sequences are sorted by start address. Primitive arrays,
 * built once per unit while its functions are listed.
 */
final class DwarfLineRows {
  private final long[] address;
  private final long[] size; // -1: unknown
  private final int[] file;
  private final int[] line;
  private final long[] seqStartAddr;
  private final long[] seqEndAddr;
  private final int[] seqFrom;
  private final int[] seqTo;

  DwarfLineRows(DwarfLineTable lt) {
    int rows = lt.rowCount();
    long[] a = new long[rows];
    long[] sz = new long[rows];
    int[] f = new int[rows];
    int[] l = new int[rows];
    int seqs = lt.sequenceCount();
    long[] sStart = new long[seqs];
    long[] sEnd = new long[seqs];
    int[] sFrom = new int[seqs];
    int[] sTo = new int[seqs];
    int n = 0;
    int m = 0;
    for (int s = 0; s < seqs; s++) {
      int first = n;
      long prev = 0;
      for (int r = lt.sequenceStart(s), e = lt.sequenceEnd(s); r < e; r++) {
        long addr = lt.address(r);
        if (addr == 0) {
          continue;
        }
        if (n > first && Long.compareUnsigned(addr, a[n - 1]) >= 0) {
          sz[n - 1] = addr - a[n - 1];
        }
        if (lt.isEndSequence(r)) {
          if (n > first) {
            sStart[m] = a[first];
            sEnd[m] = Long.compareUnsigned(addr, prev) < 0 ? prev + 1 : addr;
            sFrom[m] = first;
            sTo[m] = n;
            m++;
          }
        } else if (Long.compareUnsigned(addr, prev) >= 0) {
          if (n > first && a[n - 1] == addr) {
            f[n - 1] = lt.file(r);
            l[n - 1] = lt.line(r);
          } else {
            a[n] = addr;
            sz[n] = -1;
            f[n] = lt.file(r);
            l[n] = lt.line(r);
            n++;
          }
          prev = addr;
        }
      }
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Long.compareUnsigned(sStart[x], sStart[y]));
    seqStartAddr = new long[m];
    seqEndAddr = new long[m];
    seqFrom = new int[m];
    seqTo = new int[m];
    for (int i = 0; i < m; i++) {
      int o = order[i];
      seqStartAddr[i] = sStart[o];
      seqEndAddr[i] = sEnd[o];
      seqFrom[i] = sFrom[o];
      seqTo[i] = sTo[o];
    }
    address = a;
    size = sz;
    file = f;
    line = l;
  }

  /**
   * The rows describing {@code [begin, end)}: in the first sequence overlapping it, from the row
   * covering {@code begin} (or the sequence's first row, for a range that starts in a prologue
   * the table does not map) up to the first row at or after {@code end}.
   *
   * @return {@code {from, to}} row indexes, empty if no sequence overlaps
   */
  int[] rows(long begin, long end) {
    for (int s = 0; s < seqStartAddr.length; s++) {
      if (Long.compareUnsigned(seqStartAddr[s], end) >= 0) {
        break;
      }
      if (Long.compareUnsigned(begin, seqEndAddr[s]) >= 0) {
        continue;
      }
      int from = search(seqFrom[s], seqTo[s], begin);
      if (from < 0) {
        int ins = -from - 1;
        from = ins == seqFrom[s] ? ins : ins - 1;
      }
      int to = search(from, seqTo[s], end);
      if (to < 0) {
        to = -to - 1;
      }
      return new int[] {from, to};
    }
    return new int[] {0, 0};
  }

  /** Binary search over unsigned addresses: the index, or -(insertion point) - 1. */
  private int search(int lo, int hi, long key) {
    long k = key ^ Long.MIN_VALUE;
    hi--;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = address[mid] ^ Long.MIN_VALUE;
      if (v < k) {
        lo = mid + 1;
      } else if (v > k) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  long address(int row) {
    return address[row];
  }

  /** The size, or -1 if unknown. */
  long size(int row) {
    return size[row];
  }

  int file(int row) {
    return file[row];
  }

  int line(int row) {
    return line[row];
  }
}
