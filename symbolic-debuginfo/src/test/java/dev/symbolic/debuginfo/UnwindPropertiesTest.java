package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Invariants of unwind tables over generated programs and arbitrary bytes. */
class UnwindPropertiesTest {
  private static final long START = 0x1000;
  private static final long SIZE = 0x10000;

  /**
   * Instructions that only advance and change rules (each element one instruction): advance_loc
   * by 0-63, def_cfa_offset, offset of rbx/rbp, remember/restore pairs kept balanced by the
   * generator, undefined.
   */
  @Provide
  Arbitrary<int[][]> programs() {
    Arbitrary<int[]> instruction = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 63).map(d -> new int[] {0x40 | d}),
        Arbitraries.integers().between(0, 127).map(o -> new int[] {0x0e, o}),
        Arbitraries.integers().between(0, 5).map(o -> new int[] {0x80 | 3, o}),
        Arbitraries.integers().between(0, 5).map(o -> new int[] {0x80 | 6, o}),
        Arbitraries.of(3, 6, 16).map(r -> new int[] {0x07, r}),
        Arbitraries.just(new int[] {0x0a, 0x0e, 64, 0x41, 0x0b}));
    return instruction.array(int[][].class).ofMaxSize(200);
  }

  @Property(tries = 300)
  void rowsTileTheFdeAndRowForAgrees(@ForAll("programs") int[][] program) {
    int n = 0;
    for (int[] i : program) {
      n += i.length;
    }
    int[] flat = new int[n];
    int k = 0;
    for (int[] i : program) {
      System.arraycopy(i, 0, flat, k, i.length);
      k += i.length;
    }
    UnwindInfo info = UnwindTestBytes.ehFrame(Arch.AMD64, START, SIZE, UnwindTestBytes.bytes(flat));
    UnwindFde fde = info.fdes().iterator().next();
    List<UnwindRow> rows = info.rows(fde);

    assertThat(rows.get(0).startAddress()).isEqualTo(START);
    assertThat(rows.get(rows.size() - 1).endAddress()).isEqualTo(START + SIZE);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).startAddress()).isEqualTo(rows.get(i - 1).endAddress());
    }
    for (UnwindRow row : rows) {
      if (row.startAddress() != row.endAddress()) {
        assertThat(info.rowFor(row.startAddress())).contains(row);
        assertThat(info.rowFor(row.endAddress() - 1)).contains(row);
      }
      assertThat(row.registers()).extracting(UnwindRegisterRule::register).doesNotHaveDuplicates();
    }
  }

  @Property(tries = 1000)
  void arbitraryInstructionsFailOnlyWithDebugInfoException(
      @ForAll @Size(max = 64) byte[] instructions) {
    for (Arch arch : new Arch[] {Arch.AMD64, Arch.ARM64}) {
      UnwindInfo info = UnwindTestBytes.ehFrame(arch, START, SIZE, instructions);
      try {
        UnwindFde fde = info.fdes().iterator().next();
        info.rows(fde);
        info.rowFor(START + 1);
      } catch (DebugInfoException expected) {
        // malformed programs are reported this way, and only this way
      }
    }
  }

  @Property(tries = 1000)
  void arbitrarySectionsFailOnlyWithDebugInfoException(@ForAll @Size(max = 256) byte[] section,
      @ForAll boolean le) {
    for (UnwindInfo info : new UnwindInfo[] {
        UnwindInfo.ehFrame(ByteView.of(section), 0x2000, Arch.AMD64, le),
        UnwindInfo.debugFrame(ByteView.of(section), Arch.X86, le)}) {
      try {
        for (UnwindFde fde : info.fdes()) {
          info.rows(fde);
        }
        info.rowFor(0x2000);
      } catch (DebugInfoException expected) {
        // malformed sections are reported this way, and only this way
      }
    }
  }
}
