package dev.symbolic.debuginfo;

/**
 * A Huffman decoding table for Zstandard literals. Entry {@code e[code]}, indexed by the next
 * {@link #maxBits} bits of the stream, packs {@code symbol << 8 | nbBits}.
 */
final class ZstdHuffman {
  static final int MAX_BITS = 11;

  private final int[] e = new int[1 << MAX_BITS];
  private final byte[] weights = new byte[260];
  private final short[] norm = new short[256];
  private final ZstdFseTable weightTable = new ZstdFseTable(6);
  private final int[] rankCount = new int[MAX_BITS + 2];
  private final int[] rankStart = new int[MAX_BITS + 2];
  int maxBits;
  boolean valid;

  /**
   * Reads a Huffman tree description at {@code src[pos, end)} and builds the table.
   *
   * @return the number of bytes the description took
   */
  int read(byte[] src, int pos, int end, long errBase, ZstdBitReader br) {
    valid = false;
    if (pos >= end) {
      throw new DebugInfoException(errBase, "zstd: truncated Huffman tree description");
    }
    int header = src[pos] & 0xFF;
    int count;
    int used;
    if (header < 128) {
      int size = header;
      used = 1 + size;
      if (size == 0 || used > end - pos) {
        throw new DebugInfoException(errBase, "zstd: truncated Huffman tree description");
      }
      int start = pos + 1;
      int stop = start + size;
      int descLen = weightTable.read(src, start, stop, 12, 6, errBase + 1, norm);
      int[] t = weightTable.e;
      int log = weightTable.log;
      br.init(src, start + descLen, stop, errBase + 1 + descLen);
      int s1 = (int) br.read(log);
      int s2 = (int) br.read(log);
      br.reload();
      count = 0;
      while (true) {
        if (count > 253) {
          throw new DebugInfoException(errBase, "zstd: too many Huffman weights");
        }
        int x = t[s1];
        weights[count++] = (byte) x;
        s1 = (x >>> 16) + (int) br.read((x >>> 8) & 0xFF);
        br.reload();
        if (br.overflowed()) {
          weights[count++] = (byte) t[s2];
          break;
        }
        x = t[s2];
        weights[count++] = (byte) x;
        s2 = (x >>> 16) + (int) br.read((x >>> 8) & 0xFF);
        br.reload();
        if (br.overflowed()) {
          weights[count++] = (byte) t[s1];
          break;
        }
      }
      if (count > 255) {
        throw new DebugInfoException(errBase, "zstd: too many Huffman weights");
      }
    } else {
      count = header - 127;
      used = 1 + (count + 1) / 2;
      if (used > end - pos) {
        throw new DebugInfoException(errBase, "zstd: truncated Huffman tree description");
      }
      for (int i = 0; i < count; i++) {
        int b = src[pos + 1 + i / 2] & 0xFF;
        weights[i] = (byte) ((i & 1) == 0 ? b >>> 4 : b & 15);
      }
    }
    build(count, errBase);
    return used;
  }

  private void build(int count, long errBase) {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      int w = weights[i];
      if (w > MAX_BITS) {
        throw new DebugInfoException(errBase, "zstd: Huffman weight " + w + " too large");
      }
      if (w > 0) {
        sum += 1L << (w - 1);
      }
    }
    if (sum == 0) {
      throw new DebugInfoException(errBase, "zstd: Huffman weights are all zero");
    }
    int bits = 64 - Long.numberOfLeadingZeros(sum); // highbit(sum) + 1
    if (bits > MAX_BITS) {
      throw new DebugInfoException(errBase, "zstd: Huffman codes longer than 11 bits");
    }
    long left = (1L << bits) - sum;
    if (Long.bitCount(left) != 1) {
      throw new DebugInfoException(errBase, "zstd: Huffman weights do not form a complete tree");
    }
    int last = 64 - Long.numberOfLeadingZeros(left); // highbit(left) + 1
    weights[count] = (byte) last;
    int symbols = count + 1;
    java.util.Arrays.fill(rankCount, 0);
    for (int i = 0; i < symbols; i++) {
      rankCount[weights[i]]++;
    }
    int p = 0;
    for (int w = 1; w <= bits; w++) {
      rankStart[w] = p;
      p += rankCount[w] << (w - 1);
    }
    for (int s = 0; s < symbols; s++) {
      int w = weights[s];
      if (w == 0) {
        continue;
      }
      int len = 1 << (w - 1);
      int start = rankStart[w];
      int entry = (s << 8) | (bits + 1 - w);
      for (int i = 0; i < len; i++) {
        e[start + i] = entry;
      }
      rankStart[w] = start + len;
    }
    maxBits = bits;
    valid = true;
  }

  /** Decodes one stream {@code src[begin, end)} into exactly {@code dst[d, d + n)}. */
  void decodeStream(
      byte[] src, int begin, int end, byte[] dst, int d, int n, long errBase, ZstdBitReader br) {
    br.init(src, begin, end, errBase);
    int[] t = e;
    int shift = 64 - maxBits;
    int stop = d + n;
    int fast = stop - 4;
    while (d <= fast) {
      br.reload();
      long bits = br.bits;
      int c = br.consumed;
      int x = t[(int) ((bits << c) >>> shift)];
      c += x & 0xFF;
      dst[d] = (byte) (x >>> 8);
      x = t[(int) ((bits << c) >>> shift)];
      c += x & 0xFF;
      dst[d + 1] = (byte) (x >>> 8);
      x = t[(int) ((bits << c) >>> shift)];
      c += x & 0xFF;
      dst[d + 2] = (byte) (x >>> 8);
      x = t[(int) ((bits << c) >>> shift)];
      c += x & 0xFF;
      dst[d + 3] = (byte) (x >>> 8);
      br.consumed = c;
      d += 4;
      if (c > 64) {
        break;
      }
    }
    while (d < stop) {
      br.reload();
      int x = t[(int) ((br.bits << br.consumed) >>> shift)];
      br.consumed += x & 0xFF;
      dst[d++] = (byte) (x >>> 8);
    }
    if (!br.finished()) {
      throw new DebugInfoException(errBase, "zstd: corrupt Huffman-coded literals");
    }
  }
}
