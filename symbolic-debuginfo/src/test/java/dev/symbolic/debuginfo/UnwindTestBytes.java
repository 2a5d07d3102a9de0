package dev.symbolic.debuginfo;

import dev.symbolic.common.Arch;

/** Synthesizes {@code .eh_frame} and {@code .debug_frame} bytes for the unwind tests. */
final class UnwindTestBytes extends TestBytes<UnwindTestBytes> {
  static final long SECTION_ADDRESS = 0x2000;

  UnwindTestBytes(boolean le) {
    super(le);
  }

  @Override
  UnwindTestBytes self() {
    return this;
  }

  int position() {
    return n;
  }

  /** Overwrites a 4-byte value at {@code at}. */
  void patch32(int at, long v) {
    patch(at, v, 4);
  }

  /** Overwrites an 8-byte value at {@code at}. */
  void patch64(int at, long v) {
    patch(at, v, 8);
  }

  /** Emits a 32-bit .eh_frame CIE ("zR", given R encoding) and returns its offset. */
  int ehCie(long codeAlign, long dataAlign, int ra, int encoding, byte[] initial) {
    int start = n;
    u32(0).u32(0).u8(1).str("zR").uleb(codeAlign).sleb(dataAlign).u8(ra).uleb(1).u8(encoding)
        .bytes(initial);
    patch32(start, n - start - 4);
    return start;
  }

  /** Emits a 32-bit .eh_frame FDE with a pcrel sdata4 or absolute 8-byte initial location. */
  int ehFde(int cie, int encoding, long address, long size, byte[] instructions) {
    int start = n;
    u32(0);
    u32(n - cie);
    if (encoding == 0x1b) {
      u32(address - (SECTION_ADDRESS + n)).u32(size);
    } else {
      u64(address).u64(size);
    }
    uleb(0).bytes(instructions);
    patch32(start, n - start - 4);
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
