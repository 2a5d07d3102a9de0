package dev.symbolic.debuginfo;

import java.util.Arrays;

/** The state of one {@link Zstd#decompress} call: output, literals, tables and repeat offsets. */
final class ZstdDecoder {
  static final int BLOCK_MAX = 1 << 17;
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
  private static final int MAGIC = 0xFD2FB528;

  // Literal length and match length codes: baselines and extra bits.
  private static final int[] LL_BASE = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64,
    128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536
  };
  private static final int[] LL_BITS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 16
  };
  private static final int[] ML_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
    29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
    4099, 8195, 16387, 32771, 65539
  };
  private static final int[] ML_BITS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
  };

  private static final short[] LL_NORM = {
    4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
    -1, -1, -1, -1
  };
  private static final short[] ML_NORM = {
    1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1
  };
  private static final short[] OF_NORM = {
    1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1
  };

  /** The predefined tables; shared and never modified after class initialization. */
  private static final ZstdFseTable PRE_LL = predefined(LL_NORM, 6);

  private static final ZstdFseTable PRE_ML = predefined(ML_NORM, 6);
  private static final ZstdFseTable PRE_OF = predefined(OF_NORM, 5);

  private static ZstdFseTable predefined(short[] norm, int log) {
    ZstdFseTable t = new ZstdFseTable(log);
    t.build(norm, norm.length, log, 0);
    return t;
  }

  private final byte[] in;
  private final long base;
  private final long maxOutput;
  private byte[] out;
  private int outPos;
  private int frameStart;

  private final ZstdBitReader br = new ZstdBitReader();
  private final ZstdHuffman huf = new ZstdHuffman();
  private final byte[] litBuf = new byte[BLOCK_MAX];
  private byte[] lits;
  private int litPos;
  private int litEnd;

  private final short[] norm = new short[64];
  private final ZstdFseTable llFse = new ZstdFseTable(9);
  private final ZstdFseTable mlFse = new ZstdFseTable(9);
  private final ZstdFseTable ofFse = new ZstdFseTable(8);
  private final ZstdFseTable llRle = new ZstdFseTable(0);
  private final ZstdFseTable mlRle = new ZstdFseTable(0);
  private final ZstdFseTable ofRle = new ZstdFseTable(0);
  private ZstdFseTable llTable;
  private ZstdFseTable mlTable;
  private ZstdFseTable ofTable;
  private ZstdFseTable picked;

  private long rep1;
  private long rep2;
  private long rep3;

  /** {@code in} holds the input, which starts at offset {@code base} of the caller's view. */
  ZstdDecoder(byte[] in, long base, long maxOutput) {
    this.in = in;
    this.base = base;
    this.maxOutput = maxOutput;
    this.out = new byte[(int) Math.min(Math.min(maxOutput, MAX_ARRAY), 1 << 16)];
  }

  private DebugInfoException error(long pos, String reason) {
    return new DebugInfoException(base + pos, "zstd: " + reason);
  }

  private int u8(int pos, int end) {
    if (pos >= end) {
      throw error(pos, "truncated input");
    }
    return in[pos] & 0xFF;
  }

  private long le(int pos, int n, int end) {
    if (n > end - pos) {
      throw error(pos, "truncated input");
    }
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (in[pos + i] & 0xFF);
    }
    return v;
  }

  /** Makes room for {@code n} more output bytes. */
  private void ensure(long n, int pos) {
    long required = outPos + n;
    if (required <= out.length) {
      return;
    }
    if (required > maxOutput) {
      throw error(pos, "decompressed size exceeds the limit of " + maxOutput + " bytes");
    }
    if (required > MAX_ARRAY) {
      throw error(pos, "decompressed size exceeds the maximum array size");
    }
    long cap = Math.max(required, Math.min(2L * out.length, Math.min(maxOutput, MAX_ARRAY)));
    out = Arrays.copyOf(out, (int) cap);
  }

  byte[] run() {
    int end = in.length;
    if (end == 0) {
      throw error(0, "empty input, expected a frame");
    }
    int pos = 0;
    while (pos < end) {
      int magic = (int) le(pos, 4, end);
      if (magic == MAGIC) {
        pos = frame(pos + 4, end);
      } else if ((magic & 0xFFFFFFF0) == 0x184D2A50) {
        long size = le(pos + 4, 4, end);
        if (size > end - pos - 8) {
          throw error(pos, "truncated skippable frame");
        }
        pos += 8 + (int) size;
      } else {
        throw error(pos, String.format("bad frame magic number 0x%08x", magic));
      }
    }
    return outPos == out.length ? out : Arrays.copyOf(out, outPos);
  }

  private int frame(int pos, int end) {
    int fhd = u8(pos, end);
    pos++;
    int fcsFlag = fhd >>> 6;
    boolean single = (fhd & 0x20) != 0;
    if ((fhd & 0x08) != 0) {
      throw error(pos - 1, "reserved bit set in frame header");
    }
    boolean checksum = (fhd & 0x04) != 0;
    int didFlag = fhd & 3;
    if (!single) {
      u8(pos, end); // window descriptor: the whole output is kept, so no window is needed
      pos++;
    }
    int didSize = didFlag == 3 ? 4 : didFlag;
    long did = le(pos, didSize, end);
    if (did != 0) {
      throw error(pos, "frame needs dictionary " + did + "; dictionaries are not supported");
    }
    pos += didSize;
    int fcsSize = fcsFlag == 0 ? (single ? 1 : 0) : 1 << fcsFlag;
    long fcs = -1;
    if (fcsSize > 0) {
      fcs = le(pos, fcsSize, end);
      if (fcsSize == 2) {
        fcs += 256;
      }
      if (fcs < 0 || fcs > maxOutput - outPos) {
        throw error(pos, "frame content size exceeds the limit of " + maxOutput + " bytes");
      }
      pos += fcsSize;
      // Reserve the announced size, but no more than plausible for the input left.
      long hint = Math.min(fcs, (long) (end - pos) * 64 + (1 << 20));
      ensure(hint, pos);
    }
    frameStart = outPos;
    huf.valid = false;
    llTable = null;
    mlTable = null;
    ofTable = null;
    rep1 = 1;
    rep2 = 4;
    rep3 = 8;
    while (true) {
      int bh = (int) le(pos, 3, end);
      int blockStart = pos;
      pos += 3;
      boolean last = (bh & 1) != 0;
      int type = (bh >>> 1) & 3;
      int size = bh >>> 3;
      if (size > BLOCK_MAX) {
        throw error(blockStart, "block size " + size + " exceeds 128 KiB");
      }
      if (type == 0) {
        if (size > end - pos) {
          throw error(pos, "truncated raw block");
        }
        ensure(size, pos);
        System.arraycopy(in, pos, out, outPos, size);
        outPos += size;
        pos += size;
      } else if (type == 1) {
        byte b = (byte) u8(pos, end);
        ensure(size, pos);
        Arrays.fill(out, outPos, outPos + size, b);
        outPos += size;
        pos++;
      } else if (type == 2) {
        if (size > end - pos) {
          throw error(pos, "truncated compressed block");
        }
        compressedBlock(pos, pos + size);
        pos += size;
      } else {
        throw error(blockStart, "reserved block type");
      }
      if (last) {
        break;
      }
    }
    if (fcs >= 0 && outPos - frameStart != fcs) {
      throw error(pos, "frame decompressed to " + (outPos - frameStart) + " bytes, header says " + fcs);
    }
    if (checksum) {
      int expected = (int) le(pos, 4, end);
      int actual = (int) ZstdXxh64.hash(out, frameStart, outPos - frameStart, 0);
      if (expected != actual) {
        throw error(pos, "content checksum mismatch");
      }
      pos += 4;
    }
    return pos;
  }

  private void compressedBlock(int pos, int end) {
    pos = literals(pos, end);
    sequences(pos, end);
  }

  private int literals(int pos, int end) {
    int b0 = u8(pos, end);
    int type = b0 & 3;
    int sf = (b0 >>> 2) & 3;
    if (type <= 1) {
      int size;
      int hl;
      if (sf == 0 || sf == 2) {
        size = b0 >>> 3;
        hl = 1;
      } else if (sf == 1) {
        size = (b0 >>> 4) + (u8(pos + 1, end) << 4);
        hl = 2;
      } else {
        size = (b0 >>> 4) + (u8(pos + 1, end) << 4) + (u8(pos + 2, end) << 12);
        hl = 3;
      }
      if (size > BLOCK_MAX) {
        throw error(pos, "literals size exceeds 128 KiB");
      }
      pos += hl;
      if (type == 0) {
        if (size > end - pos) {
          throw error(pos, "truncated raw literals");
        }
        lits = in;
        litPos = pos;
        litEnd = pos + size;
        return pos + size;
      }
      byte b = (byte) u8(pos, end);
      Arrays.fill(litBuf, 0, size, b);
      lits = litBuf;
      litPos = 0;
      litEnd = size;
      return pos + 1;
    }
    int hl = sf <= 1 ? 3 : sf + 2;
    long h = le(pos, hl, end);
    int regen;
    int comp;
    if (sf <= 1) {
      regen = (int) (h >>> 4) & 0x3FF;
      comp = (int) (h >>> 14) & 0x3FF;
    } else if (sf == 2) {
      regen = (int) (h >>> 4) & 0x3FFF;
      comp = (int) (h >>> 18) & 0x3FFF;
    } else {
      regen = (int) (h >>> 4) & 0x3FFFF;
      comp = (int) (h >>> 22) & 0x3FFFF;
    }
    if (regen > BLOCK_MAX) {
      throw error(pos, "literals size exceeds 128 KiB");
    }
    int hdr = pos;
    pos += hl;
    if (comp > end - pos) {
      throw error(hdr, "truncated Huffman-coded literals");
    }
    int cEnd = pos + comp;
    if (type == 2) {
      pos += huf.read(in, pos, cEnd, base + pos, br);
    } else if (!huf.valid) {
      throw error(hdr, "treeless literals without a previous Huffman table");
    }
    if (sf == 0) {
      huf.decodeStream(in, pos, cEnd, litBuf, 0, regen, base + pos, br);
    } else {
      if (cEnd - pos < 6) {
        throw error(pos, "truncated Huffman jump table");
      }
      int p1 = pos + 6;
      int p2 = p1 + (int) le(pos, 2, cEnd);
      int p3 = p2 + (int) le(pos + 2, 2, cEnd);
      int p4 = p3 + (int) le(pos + 4, 2, cEnd);
      if (p4 > cEnd) {
        throw error(pos, "Huffman jump table exceeds the literals");
      }
      int seg = (regen + 3) / 4;
      int rest = regen - 3 * seg;
      if (rest < 0) {
        throw error(hdr, "too few literals for 4 Huffman streams");
      }
      huf.decodeStream(in, p1, p2, litBuf, 0, seg, base + p1, br);
      huf.decodeStream(in, p2, p3, litBuf, seg, seg, base + p2, br);
      huf.decodeStream(in, p3, p4, litBuf, 2 * seg, seg, base + p3, br);
      huf.decodeStream(in, p4, cEnd, litBuf, 3 * seg, rest, base + p4, br);
    }
    lits = litBuf;
    litPos = 0;
    litEnd = regen;
    return cEnd;
  }

  /** Reads one table of a sequences section header into {@link #picked}; returns the new pos. */
  private int table(
      int mode,
      int pos,
      int end,
      ZstdFseTable pre,
      ZstdFseTable rle,
      ZstdFseTable fse,
      ZstdFseTable prev,
      int maxSymbol,
      int maxLog,
      String what) {
    switch (mode) {
      case 0:
        picked = pre;
        return pos;
      case 1:
        {
          int s = u8(pos, end);
          if (s > maxSymbol) {
            throw error(pos, what + " RLE symbol " + s + " out of range");
          }
          rle.setRle(s);
          picked = rle;
          return pos + 1;
        }
      case 2:
        pos += fse.read(in, pos, end, maxSymbol, maxLog, base + pos, norm);
        picked = fse;
        return pos;
      default:
        if (prev == null) {
          throw error(pos, what + " repeat mode without a previous table");
        }
        picked = prev;
        return pos;
    }
  }

  private void sequences(int pos, int end) {
    int b0 = u8(pos, end);
    pos++;
    int nbSeq;
    if (b0 < 128) {
      nbSeq = b0;
    } else if (b0 < 255) {
      nbSeq = ((b0 - 128) << 8) + u8(pos, end);
      pos++;
    } else {
      nbSeq = (int) le(pos, 2, end) + 0x7F00;
      pos += 2;
    }
    if (nbSeq == 0) {
      if (pos != end) {
        throw error(pos, "unexpected data after an empty sequences section");
      }
      copyLiterals(litEnd - litPos, pos);
      return;
    }
    int modes = u8(pos, end);
    if ((modes & 3) != 0) {
      throw error(pos, "reserved bits set in sequence compression modes");
    }
    pos++;
    pos = table(modes >>> 6, pos, end, PRE_LL, llRle, llFse, llTable, 35, 9, "literal lengths");
    llTable = picked;
    pos = table((modes >>> 4) & 3, pos, end, PRE_OF, ofRle, ofFse, ofTable, 31, 8, "offsets");
    ofTable = picked;
    pos = table((modes >>> 2) & 3, pos, end, PRE_ML, mlRle, mlFse, mlTable, 52, 9, "match lengths");
    mlTable = picked;
    executeSequences(pos, end, nbSeq);
  }

  private void copyLiterals(int n, int pos) {
    ensure(n, pos);
    System.arraycopy(lits, litPos, out, outPos, n);
    litPos += n;
    outPos += n;
  }

  private void executeSequences(int pos, int end, int nbSeq) {
    final ZstdBitReader br = this.br;
    br.init(in, pos, end, base + pos);
    final int[] llT = llTable.e;
    final int[] mlT = mlTable.e;
    final int[] ofT = ofTable.e;
    int llState = (int) br.read(llTable.log);
    int ofState = (int) br.read(ofTable.log);
    int mlState = (int) br.read(mlTable.log);
    br.reload();
    long r1 = rep1;
    long r2 = rep2;
    long r3 = rep3;
    final byte[] lits = this.lits;
    for (int i = 0; i < nbSeq; i++) {
      int llE = llT[llState];
      int mlE = mlT[mlState];
      int ofE = ofT[ofState];
      int ofCode = ofE & 0xFF;
      long offVal = (1L << ofCode) + br.read(ofCode);
      br.reload();
      int mlCode = mlE & 0xFF;
      int ml = ML_BASE[mlCode] + (int) br.read(ML_BITS[mlCode]);
      int llCode = llE & 0xFF;
      int ll = LL_BASE[llCode] + (int) br.read(LL_BITS[llCode]);
      br.reload();
      long off;
      if (offVal > 3) {
        off = offVal - 3;
        r3 = r2;
        r2 = r1;
        r1 = off;
      } else {
        int idx = (int) offVal - (ll == 0 ? 0 : 1);
        if (idx == 0) {
          off = r1;
        } else {
          if (idx == 1) {
            off = r2;
          } else {
            off = idx == 2 ? r3 : r1 - 1;
            r3 = r2;
          }
          r2 = r1;
          r1 = off;
        }
      }
      if (i != nbSeq - 1) {
        llState = (llE >>> 16) + (int) br.read((llE >>> 8) & 0xFF);
        mlState = (mlE >>> 16) + (int) br.read((mlE >>> 8) & 0xFF);
        ofState = (ofE >>> 16) + (int) br.read((ofE >>> 8) & 0xFF);
        br.reload();
      }
      // Execute: literals, then the match.
      if (ll > litEnd - litPos) {
        throw error(pos, "sequence uses more literals than decoded");
      }
      ensure((long) ll + ml, pos);
      byte[] o = out;
      int op = outPos;
      if (ll > 0) {
        System.arraycopy(lits, litPos, o, op, ll);
        litPos += ll;
        op += ll;
      }
      if (off <= 0 || off > op - frameStart) {
        throw error(pos, "match offset " + off + " before the start of the frame");
      }
      int src = op - (int) off;
      if (off >= ml) {
        System.arraycopy(o, src, o, op, ml);
      } else if (off == 1) {
        Arrays.fill(o, op, op + ml, o[src]);
      } else if (off >= 8) {
        int d = op;
        int stop = op + ml;
        int dist = (int) off;
        while (d < stop) {
          int n = Math.min(dist, stop - d);
          System.arraycopy(o, src, o, d, n);
          src += n;
          d += n;
        }
      } else {
        for (int k = 0; k < ml; k++) {
          o[op + k] = o[src + k];
        }
      }
      outPos = op + ml;
    }
    if (!br.finished()) {
      throw error(pos, "corrupt sequences bit stream");
    }
    rep1 = r1;
    rep2 = r2;
    rep3 = r3;
    copyLiterals(litEnd - litPos, pos);
  }
}
