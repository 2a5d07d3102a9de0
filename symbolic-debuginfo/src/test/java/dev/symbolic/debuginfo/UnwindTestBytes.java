package dev.symbolic.debuginfo;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import java.util.Arrays;

/** Synthesizes {@code .eh_frame} and {@code .debug_frame} bytes for the unwind tests. */
final class UnwindTestBytes {
  static final long SECTION_ADDRESS = 0x2000;

  private byte[] buf = new byte[64];
  private int len;
  private final boolean le;

  UnwindTestBytes(boolean le) {
    this.le = le;
  }

  int position() {
    return len;
  }

  UnwindTestBytes u8(int... values) {
    for (int v : values) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, len * 2);
      }
      buf[len++] = (byte) v;
    }
    return this;
  }

  UnwindTestBytes uN(long v, int size) {
    for (int i = 0; i < size; i++) {
      int shift = le ? 8 * i : 8 * (size - 1 - i);
      u8((int) (v >>> shift));
    }
    return this;
  }

  UnwindTestBytes u16(long v) {
    return uN(v, 2);
  }

  UnwindTestBytes u32(long v) {
    return uN(v, 4);
  }

  UnwindTestBytes u64(long v) {
    return uN(v, 8);
  }

  UnwindTestBytes uleb(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      u8(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  UnwindTestBytes sleb(long v) {
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      u8(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  UnwindTestBytes cstring(String s) {
    for (char ch : s.toCharArray()) {
      u8(ch);
    }
    return u8(0);
  }

  UnwindTestBytes bytes(byte[] b) {
    for (byte x : b) {
      u8(x);
    }
    return this;
  }

  /** Overwrites a 4-byte value at {@code at}. */
  void patch32(int at, long v) {
    int save = len;
    len = at;
    u32(v);
    len = save;
  }

  /** Overwrites an 8-byte value at {@code at}. */
  void patch64(int at, long v) {
    int save = len;
    len = at;
    u64(v);
    len = save;
  }

  ByteView view() {
    return ByteView.of(Arrays.copyOf(buf, len));
  }

  /** Emits a 32-bit .eh_frame CIE ("zR", given R encoding) and returns its offset. */
  int ehCie(long codeAlign, long dataAlign, int ra, int encoding, byte[] initial) {
    int start = len;
    u32(0).u32(0).u8(1).cstring("zR").uleb(codeAlign).sleb(dataAlign).u8(ra).uleb(1).u8(encoding)
        .bytes(initial);
    patch32(start, len - start - 4);
    return start;
  }

  /** Emits a 32-bit .eh_frame FDE with a pcrel sdata4 or absolute 8-byte initial location. */
  int ehFde(int cie, int encoding, long address, long size, byte[] instructions) {
    int start = len;
    u32(0);
    u32(len - cie);
    if (encoding == 0x1b) {
      u32(address - (SECTION_ADDRESS + len)).u32(size);
    } else {
      u64(address).u64(size);
    }
    uleb(0).bytes(instructions);
    patch32(start, len - start - 4);
    return start;
  }

  /** An .eh_frame for x86-64 with the usual CIE and one FDE at {@code address}. */
  static UnwindInfo ehFrame(long address, long size, int... instructions) {
    return ehFrame(Arch.AMD64, address, size, bytes(instructions));
  }

  static UnwindInfo ehFrame(Arch arch, long address, long size, byte[] instructions) {
    UnwindTestBytes b = new UnwindTestBytes(true);
    // DW_CFA_def_cfa rsp+8, DW_CFA_offset rip at cfa-8
    int cie = b.ehCie(1, -8, 16, 0x1b, bytes(0x0c, 7, 8, 0x80 | 16, 1));
    b.ehFde(cie, 0x1b, address, size, instructions);
    b.u32(0);
    return UnwindInfo.ehFrame(b.view(), SECTION_ADDRESS, arch, true);
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
