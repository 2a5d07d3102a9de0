package dev.symbolic.debuginfo;

/**
 * An FSE decoding table. Entry {@code e[state]} packs {@code baseline << 16 | nbBits << 8 |
 * symbol}: the symbol the state decodes to, and how the next state is {@code baseline +
 * readBits(nbBits)}.
 */
final class ZstdFseTable {
  final int[] e;
  int log;

  ZstdFseTable(int maxLog) {
    e = new int[1 << maxLog];
  }

  /** A table that always decodes {@code symbol} and reads no bits (the RLE mode). */
  void setRle(int symbol) {
    log = 0;
    e[0] = symbol;
  }

  /**
   * Reads an FSE table description from {@code src[pos, end)} and builds this table from it.
   *
   * @return the number of bytes the description took
   */
  int read(byte[] src, int pos, int end, int maxSymbol, int maxLog, long errBase, short[] norm) {
    int avail = end - pos;
    if (avail < 1) {
      throw new DebugInfoException(errBase, "zstd: truncated FSE table description");
    }
    long bitPos = 0;
    int tableLog = (int) bitsAt(src, pos, end, bitPos, 4) + 5;
    bitPos = 4;
    if (tableLog > maxLog) {
      throw new DebugInfoException(errBase, "zstd: FSE table log " + tableLog + " exceeds " + maxLog);
    }
    int remaining = (1 << tableLog) + 1;
    int threshold = 1 << tableLog;
    int nbBits = tableLog + 1;
    int sym = 0;
    while (remaining > 1) {
      if (sym > maxSymbol) {
        throw new DebugInfoException(errBase, "zstd: too many symbols in FSE table description");
      }
      int max = (2 * threshold - 1) - remaining;
      int v = (int) bitsAt(src, pos, end, bitPos, nbBits);
      int count;
      if ((v & (threshold - 1)) < max) {
        count = v & (threshold - 1);
        bitPos += nbBits - 1;
      } else {
        count = v & (2 * threshold - 1);
        if (count >= threshold) {
          count -= max;
        }
        bitPos += nbBits;
      }
      count--;
      remaining -= count < 0 ? -count : count;
      if (remaining < 1) {
        throw new DebugInfoException(errBase, "zstd: FSE probabilities exceed the table size");
      }
      norm[sym++] = (short) count;
      if (count == 0) {
        while (true) {
          int rep = (int) bitsAt(src, pos, end, bitPos, 2);
          bitPos += 2;
          if (bitPos > 8L * avail) {
            throw new DebugInfoException(errBase, "zstd: truncated FSE table description");
          }
          for (int i = 0; i < rep; i++) {
            if (sym > maxSymbol) {
              throw new DebugInfoException(errBase, "zstd: too many symbols in FSE table");
            }
            norm[sym++] = 0;
          }
          if (rep != 3) {
            break;
          }
        }
      }
      while (remaining < threshold) {
        nbBits--;
        threshold >>= 1;
      }
    }
    long used = (bitPos + 7) >>> 3;
    if (used > avail) {
      throw new DebugInfoException(errBase, "zstd: truncated FSE table description");
    }
    build(norm, sym, tableLog, errBase);
    return (int) used;
  }

  /** Up to 25 bits at bit position {@code bitPos} of {@code src[pos, end)}, zeros past the end. */
  private static long bitsAt(byte[] src, int pos, int end, long bitPos, int n) {
    long byteIndex = pos + (bitPos >>> 3);
    long v = 0;
    for (int i = 3; i >= 0; i--) {
      long at = byteIndex + i;
      v = (v << 8) | (at < end ? (src[(int) at] & 0xFF) : 0);
    }
    return (v >>> (bitPos & 7)) & ((1L << n) - 1);
  }

  /** Builds the table from normalized counts ({@code -1} means "less than 1"). */
  void build(short[] norm, int symbols, int tableLog, long errBase) {
    int size = 1 << tableLog;
    int high = size - 1;
    int[] next = new int[symbols];
    byte[] symbolAt = new byte[size];
    for (int s = 0; s < symbols; s++) {
      if (norm[s] == -1) {
        symbolAt[high--] = (byte) s;
        next[s] = 1;
      } else {
        next[s] = norm[s];
      }
    }
    int position = 0;
    int step = (size >>> 1) + (size >>> 3) + 3;
    int mask = size - 1;
    for (int s = 0; s < symbols; s++) {
      for (int i = 0; i < norm[s]; i++) {
        symbolAt[position] = (byte) s;
        do {
          position = (position + step) & mask;
        } while (position > high);
      }
    }
    if (position != 0) {
      throw new DebugInfoException(errBase, "zstd: malformed FSE table");
    }
    for (int u = 0; u < size; u++) {
      int s = symbolAt[u] & 0xFF;
      int n = next[s]++;
      int nb = tableLog - (31 - Integer.numberOfLeadingZeros(n));
      int baseline = (n << nb) - size;
      e[u] = (baseline << 16) | (nb << 8) | s;
    }
    log = tableLog;
  }
}
