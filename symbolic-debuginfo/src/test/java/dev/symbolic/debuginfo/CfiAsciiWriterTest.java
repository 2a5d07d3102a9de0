package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.UnwindTestBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Breakpad text of synthetic ELF files, one rule kind per test. */
class CfiAsciiWriterTest {
  private static final int EM_X86_64 = 62;
  private static final int EM_AARCH64 = 183;
  private static final long LOAD = 0x40_0000;
  private static final long EH_ADDRESS = LOAD + 120;

  /** An x86-64 CIE (rsp+8, rip at cfa-8) and one FDE at LOAD+0x1000 of size 0x20. */
  private static String x86(int... instructions) {
    return text(EM_X86_64, 16, bytes(0x0c, 7, 8, 0x90, 1), LOAD + 0x1000, bytes(instructions));
  }

  private static String text(int machine, int ra, byte[] initial, long address, byte[] program) {
    UnwindTestBytes b = new UnwindTestBytes(true);
    int cie = b.ehCie(1, -8, ra, 0x00, initial);
    b.ehFde(cie, 0x00, address, 0x20, program);
    b.u32(0);
    return CfiAsciiWriter.toText(ElfFile.parse(ByteView.of(elf(machine, b.view().toByteArray()))));
  }

  @Test
  void initRecordThenChangedRulesOnly() {
    assertThat(x86(0x41, 0x0e, 16, 0x86, 2, 0x41, 0x2e, 8, 0x41, 0x0e, 8)).isEqualTo(
        "STACK CFI INIT 1000 20 .cfa: $rsp 8 + .ra: .cfa -8 + ^\n"
            + "STACK CFI 1001 .cfa: $rsp 16 + $rbp: .cfa -16 + ^\n"
            + "STACK CFI 1003 .cfa: $rsp 8 +\n");
  }

  @Test
  void ruleKinds() {
    assertThat(x86(0x41, 0x08, 3, 0x09, 12, 6, 0x14, 13, 2)).isEqualTo(
        "STACK CFI INIT 1000 20 .cfa: $rsp 8 + .ra: .cfa -8 + ^\n"
            + "STACK CFI 1001 $rbx: $rbx $r12: $rbp $r13: .cfa -16 +\n");
  }

  @Test
  void expressionsAndUndefinedRegistersAreLeftOut() {
    assertThat(x86(0x41, 0x10, 3, 1, 0x9c, 0x07, 16, 0x41, 0x0f, 1, 0x9c)).isEqualTo(
        "STACK CFI INIT 1000 20 .cfa: $rsp 8 + .ra: .cfa -8 + ^\n");
  }

  @Test
  void aarch64InitRecordNamesTheLinkRegister() {
    String text = text(EM_AARCH64, 30, bytes(0x0c, 31, 0), LOAD + 0x1000,
        bytes(0x41, 0x0e, 16, 0x9d, 2, 0x9e, 1));
    assertThat(text).isEqualTo("STACK CFI INIT 1000 20 .cfa: sp 0 + .ra: x30\n"
        + "STACK CFI 1001 .cfa: sp 16 + x29: .cfa -16 + ^ .ra: .cfa -8 + ^\n");
  }

  @Test
  void fdesBelowTheLoadAddressAreSkipped() {
    assertThat(text(EM_X86_64, 16, bytes(0x0c, 7, 8), LOAD - 0x100, bytes())).isEmpty();
  }

  /** A little-endian ELF64 file: one PT_LOAD at LOAD, {@code .eh_frame}, {@code .shstrtab}. */
  static byte[] elf(int machine, byte[] ehFrame) {
    byte[] names = "\0.eh_frame\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
    int ehOffset = 64 + 56;
    int namesOffset = ehOffset + ehFrame.length;
    int shoff = (namesOffset + names.length + 7) & ~7;
    ByteBuffer b = ByteBuffer.allocate(shoff + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    b.putShort((short) 3).putShort((short) machine).putInt(1).putLong(0).putLong(64)
        .putLong(shoff).putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1)
        .putShort((short) 64).putShort((short) 3).putShort((short) 2);
    b.putInt(1).putInt(5).putLong(0).putLong(LOAD).putLong(LOAD).putLong(shoff).putLong(0x10000)
        .putLong(0x1000);
    b.put(ehFrame).put(names);
    b.position(shoff);
    b.put(new byte[64]);
    section(b, 1, 1, 2, EH_ADDRESS, ehOffset, ehFrame.length);
    section(b, 11, 3, 0, 0, namesOffset, names.length);
    return b.array();
  }

  private static void section(ByteBuffer b, int name, int type, long flags, long address,
      long offset, long size) {
    b.putInt(name).putInt(type).putLong(flags).putLong(address).putLong(offset).putLong(size)
        .putInt(0).putInt(0).putLong(8).putLong(0);
  }
}
