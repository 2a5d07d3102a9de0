package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.debuginfo.CfiAsciiWriter;
import dev.symbolic.debuginfo.DebugInfoException;
import dev.symbolic.debuginfo.ElfFile;
import dev.symbolic.debuginfo.UnwindFde;
import dev.symbolic.debuginfo.UnwindInfo;
import dev.symbolic.debuginfo.UnwindRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the call frame information reader and the Breakpad CFI writer of symbolic-debuginfo.
 *
 * <p>{@link #ehFrame}: the bytes as the contents of an {@code .eh_frame} section, read twice:
 * directly (every FDE, its rows, and {@code rowFor} at the start, middle and end of each FDE, for
 * x86-64 and AArch64) with {@link DebugInfoException} the only acceptable failure; and as the
 * {@code .eh_frame} of a synthetic x86-64 ELF file written as Breakpad text, which must not fail
 * at all (the writer skips what is malformed). At most {@value #MAX_FDES} FDEs are looked at.
 *
 * <p>Seeds in {@code UnwindFuzzTestInputs/ehFrame/} are hand-made sections: GCC- and clang-style
 * CIEs and FDEs with the common instructions, remember/restore state, expressions, pcrel and
 * absolute pointers. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -pl symbolic-debuginfo,fuzz -am test -Dtest='UnwindFuzzTest#ehFrame' \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class UnwindFuzzTest {
  private static final long SECTION_ADDRESS = 0x1000;
  private static final int MAX_FDES = 256;

  @FuzzTest(maxDuration = "5m")
  void ehFrame(byte[] data) {
    for (Arch arch : new Arch[] {Arch.AMD64, Arch.ARM64}) {
      try {
        exercise(UnwindInfo.ehFrame(ByteView.of(data), SECTION_ADDRESS, arch, true));
      } catch (DebugInfoException expected) {
        // malformed sections are reported this way, and only this way
      }
    }
    ElfFile elf = ElfFile.parse(ByteView.of(elfWithEhFrame(data)));
    String text = CfiAsciiWriter.toText(elf);
    if (!text.isEmpty() && !text.startsWith("STACK CFI ")) {
      throw new AssertionError("not a STACK CFI record: " + text);
    }
  }

  private static void exercise(UnwindInfo info) {
    int fdes = 0;
    for (UnwindFde fde : info.fdes()) {
      if (++fdes > MAX_FDES) {
        return;
      }
      try {
        List<UnwindRow> rows = info.rows(fde);
        if (rows.isEmpty()) {
          throw new AssertionError("FDE without rows");
        }
      } catch (DebugInfoException expected) {
        // a malformed program
      }
      try {
        info.rowFor(fde.address());
        info.rowFor(fde.address() + (fde.size() >>> 1));
        info.rowFor(fde.address() + fde.size() - 1);
      } catch (DebugInfoException expected) {
        // a malformed program
      }
    }
  }

  /** A little-endian ELF64 x86-64 file: one PT_LOAD at 0, {@code .eh_frame}, {@code .shstrtab}. */
  static byte[] elfWithEhFrame(byte[] ehFrame) {
    byte[] names = "\0.eh_frame\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
    int ehOffset = 64 + 56;
    int namesOffset = ehOffset + ehFrame.length;
    int shoff = (namesOffset + names.length + 7) & ~7;
    ByteBuffer b = ByteBuffer.allocate(shoff + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    b.putShort((short) 3).putShort((short) 62).putInt(1).putLong(0).putLong(64).putLong(shoff);
    b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1)
        .putShort((short) 64).putShort((short) 3).putShort((short) 2);
    b.putInt(1).putInt(5).putLong(0).putLong(0).putLong(0).putLong(shoff).putLong(shoff)
        .putLong(0x1000);
    b.put(ehFrame).put(names);
    b.position(shoff);
    b.put(new byte[64]);
    section(b, 1, 1, 2, ehOffset, ehOffset, ehFrame.length);
    section(b, 11, 3, 0, 0, namesOffset, names.length);
    return b.array();
  }

  private static void section(ByteBuffer b, int name, int type, long flags, long address,
      long offset, long size) {
    b.putInt(name).putInt(type).putLong(flags).putLong(address).putLong(offset).putLong(size)
        .putInt(0).putInt(0).putLong(8).putLong(0);
  }
}
