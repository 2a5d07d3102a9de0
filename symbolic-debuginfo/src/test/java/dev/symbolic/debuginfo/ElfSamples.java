package dev.symbolic.debuginfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-built ELF images for tests. */
final class ElfSamples {
  private ElfSamples() {}

  /**
   * A minimal ELF64 with: null section, .text (PROGBITS, 32 bytes), .shstrtab; no build id.
   */
  static byte[] tinyElf64() {
    return tinyElf(true, true);
  }

  static byte[] tinyElf(boolean is64, boolean le) {
    String shstr = "\0.text\0.shstrtab\0";
    int ehsize = is64 ? 64 : 52;
    int shentsize = is64 ? 64 : 40;
    int textOff = ehsize;
    int textSize = 5000;
    int strOff = textOff + textSize;
    int shoff = strOff + shstr.length();
    ByteBuffer b = ByteBuffer.allocate(shoff + 3 * shentsize)
        .order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (le ? 1 : 2), 1});
    b.position(16);
    b.putShort((short) 2); // ET_EXEC
    b.putShort((short) (is64 ? 183 : 40)); // aarch64 / arm
    b.putInt(1);
    if (is64) {
      b.putLong(0x1000).putLong(0).putLong(shoff);
    } else {
      b.putInt(0x1000).putInt(0).putInt(shoff);
    }
    b.putInt(0);
    b.putShort((short) ehsize).putShort((short) 0).putShort((short) 0);
    b.putShort((short) shentsize).putShort((short) 3).putShort((short) 2);
    for (int i = 0; i < textSize; i++) {
      b.put(textOff + i, (byte) (i * 7 + 3));
    }
    b.position(strOff);
    b.put(shstr.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    b.position(shoff + shentsize);
    section(b, is64, 1, 1, 6, 0x1000, textOff, textSize);
    section(b, is64, 7, 3, 0, 0, strOff, shstr.length());
    return b.array();
  }

  private static void section(ByteBuffer b, boolean is64, int name, int type, long flags,
      long addr, long off, long size) {
    b.putInt(name).putInt(type);
    if (is64) {
      b.putLong(flags).putLong(addr).putLong(off).putLong(size).putInt(0).putInt(0).putLong(1)
          .putLong(0);
    } else {
      b.putInt((int) flags).putInt((int) addr).putInt((int) off).putInt((int) size).putInt(0)
          .putInt(0).putInt(1).putInt(0);
    }
  }
}
