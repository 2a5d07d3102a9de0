package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.UnwindTestBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per call frame instruction, on synthesized x86-64 .eh_frame bytes. */
class UnwindProgramTest {
  private static final int RSP = 7;
  private static final int RBP = 6;
  private static final int RBX = 3;
  private static final int RIP = 16;

  private static List<UnwindRow> rows(int... instructions) {
    return rows(Arch.AMD64, instructions);
  }

  private static List<UnwindRow> rows(Arch arch, int... instructions) {
    UnwindInfo info = UnwindTestBytes.ehFrame(arch, 0x1000, 0x100, bytes(instructions));
    UnwindFde fde = info.fdes().iterator().next();
    return info.rows(fde);
  }

  private static UnwindRow last(int... instructions) {
    List<UnwindRow> rows = rows(instructions);
    return rows.get(rows.size() - 1);
  }

  // Instructions start at section offset 39: a 22-byte CIE and a 17-byte FDE header.

  private static UnwindCfaRule cfa(int register, long offset) {
    return new UnwindCfaRule.RegisterOffset(register, offset);
  }

  @Test
  void cieInitialInstructionsGiveTheFirstRow() {
    List<UnwindRow> rows = rows();
    assertThat(rows).containsExactly(new UnwindRow(0x1000, 0x1100, cfa(RSP, 8),
        List.of(new UnwindRegisterRule(RIP, new UnwindRule.Offset(-8)))));
  }

  @Test
  void advanceLocEndsARow() {
    List<UnwindRow> rows = rows(0x40 | 4, 0x0e, 16);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).endAddress()).isEqualTo(0x1004);
    assertThat(rows.get(1).startAddress()).isEqualTo(0x1004);
    assertThat(rows.get(1).cfa()).isEqualTo(cfa(RSP, 16));
  }

  @Test
  void advanceLoc1And2And4() {
    assertThat(rows(0x02, 0x10).get(1).startAddress()).isEqualTo(0x1010);
    assertThat(rows(0x03, 0x20, 0x00).get(1).startAddress()).isEqualTo(0x1020);
    assertThat(rows(0x04, 0x30, 0, 0, 0).get(1).startAddress()).isEqualTo(0x1030);
  }

  @Test
  void advanceWithZeroDeltaGivesAnEmptyRowAsGimliDoes() {
    List<UnwindRow> rows = rows(0x40, 0x0e, 16);
    assertThat(rows.get(0).startAddress()).isEqualTo(rows.get(0).endAddress());
    assertThat(rows.get(1).startAddress()).isEqualTo(0x1000);
  }

  @Test
  void setLocUsesTheFdePointerEncoding() {
    // pcrel sdata4, relative to the operand's own address
    UnwindTestBytes b = new UnwindTestBytes(true);
    int cie = b.ehCie(1, -8, 16, 0x1b, bytes(0x0c, 7, 8));
    int fdeStart = b.position();
    b.u32(0).u32(b.position() - cie).u32(0x1000 - (UnwindTestBytes.SECTION_ADDRESS + b.position()))
        .u32(0x100).uleb(0).u8(0x01);
    b.u32(0x1040 - (UnwindTestBytes.SECTION_ADDRESS + b.position()));
    b.patch32(fdeStart, b.position() - fdeStart - 4);
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), UnwindTestBytes.SECTION_ADDRESS, Arch.AMD64,
        true);
    List<UnwindRow> rows = info.rows(info.fdes().iterator().next());
    assertThat(rows).extracting(UnwindRow::startAddress).containsExactly(0x1000L, 0x1040L);
  }

  @Test
  void setLocBackwardsIsMalformed() {
    UnwindTestBytes b = new UnwindTestBytes(true);
    int cie = b.ehCie(1, -8, 16, 0x00, bytes());
    b.ehFde(cie, 0x00, 0x1000, 0x100, bytes(0x01, 0, 0x0f, 0, 0, 0, 0, 0, 0));
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), 0, Arch.AMD64, true);
    UnwindFde fde = info.fdes().iterator().next();
    assertThatThrownBy(() -> info.rows(fde)).isInstanceOf(DebugInfoException.class);
  }

  @Test
  void defCfaVariants() {
    assertThat(last(0x0c, RBP, 16).cfa()).isEqualTo(cfa(RBP, 16));
    assertThat(last(0x12, RBP, 0x7e).cfa()).isEqualTo(cfa(RBP, 16)); // sleb -2 * -8
    assertThat(last(0x0d, RBP).cfa()).isEqualTo(cfa(RBP, 8));
    assertThat(last(0x0e, 0x20).cfa()).isEqualTo(cfa(RSP, 32));
    assertThat(last(0x13, 0x7c).cfa()).isEqualTo(cfa(RSP, 32)); // sleb -4 * -8
    assertThat(last(0x0f, 2, 0x77, 0x08).cfa())
        .isEqualTo(new UnwindCfaRule.Expression(41, 2));
  }

  @Test
  void cfaOffsetChangeOnAnExpressionIsMalformed() {
    assertThatThrownBy(() -> rows(0x0f, 1, 0x9c, 0x0e, 8))
        .isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> rows(0x0f, 1, 0x9c, 0x0d, 6))
        .isInstanceOf(DebugInfoException.class);
  }

  @Test
  void offsetVariants() {
    assertThat(last(0x80 | RBX, 2).rule(RBX)).contains(new UnwindRule.Offset(-16));
    assertThat(last(0x05, RBX, 3).rule(RBX)).contains(new UnwindRule.Offset(-24));
    assertThat(last(0x11, RBX, 0x7f).rule(RBX)).contains(new UnwindRule.Offset(8));
    assertThat(last(0x14, RBX, 2).rule(RBX)).contains(new UnwindRule.ValOffset(-16));
    assertThat(last(0x15, RBX, 0x7f).rule(RBX)).contains(new UnwindRule.ValOffset(8));
    assertThat(last(0x2f, RBX, 2).rule(RBX)).contains(new UnwindRule.Offset(16));
  }

  @Test
  void registerSameValueAndUndefined() {
    assertThat(last(0x09, RBX, RBP).rule(RBX)).contains(new UnwindRule.InRegister(RBP));
    assertThat(last(0x08, RBX).rule(RBX)).contains(new UnwindRule.SameValue());
    assertThat(last(0x07, RIP).rule(RIP)).isEmpty();
  }

  @Test
  void undefinedMovesTheLastRuleIntoItsPlaceAsGimliDoes() {
    UnwindRow row = last(0x80 | RBX, 2, 0x80 | RBP, 3, 0x80 | 12, 4, 0x07, RIP);
    assertThat(row.registers()).extracting(UnwindRegisterRule::register)
        .containsExactly(12, RBX, RBP);
  }

  @Test
  void restoreBringsBackTheCieRule() {
    assertThat(last(0x80 | RIP, 3, 0xc0 | RIP).rule(RIP)).contains(new UnwindRule.Offset(-8));
    assertThat(last(0x80 | RIP, 3, 0x06, RIP).rule(RIP)).contains(new UnwindRule.Offset(-8));
    assertThat(last(0x80 | RBX, 3, 0xc0 | RBX).rule(RBX)).isEmpty();
  }

  @Test
  void rememberAndRestoreState() {
    List<UnwindRow> rows = rows(0x0a, 0x0e, 32, 0x80 | RBX, 2, 0x41, 0x0b);
    UnwindRow after = rows.get(rows.size() - 1);
    assertThat(after.cfa()).isEqualTo(cfa(RSP, 8));
    assertThat(after.rule(RBX)).isEmpty();
    assertThat(after.startAddress()).isEqualTo(0x1001);
  }

  @Test
  void restoreStateWithoutRememberIsMalformed() {
    assertThatThrownBy(() -> rows(0x0b)).isInstanceOf(DebugInfoException.class);
  }

  @Test
  void rememberStateDepthIsBounded() {
    int[] program = new int[UnwindProgram.MAX_STACK_DEPTH + 1];
    java.util.Arrays.fill(program, 0x0a);
    assertThatThrownBy(() -> rows(program)).isInstanceOf(DebugInfoException.class);
  }

  @Test
  void expressionsAreKeptAsUnsupportedRules() {
    assertThat(last(0x10, RBX, 2, 0x77, 0x08).rule(RBX))
        .contains(new UnwindRule.Expression(42, 2));
    assertThat(last(0x16, RBX, 1, 0x9c).rule(RBX))
        .contains(new UnwindRule.ValExpression(42, 1));
  }

  @Test
  void gnuArgsSizeAndNopChangeNothing() {
    assertThat(rows(0x2e, 0x10, 0x00, 0x00)).isEqualTo(rows());
  }

  @Test
  void negateRaStateTogglesTheSignStateOnAarch64() {
    // Under the x86-64 CIE this only exercises the opcode; the CIE is the same for both arches.
    List<UnwindRow> rows = rows(Arch.ARM64, 0x2d, 0x41, 0x2d);
    assertThat(rows.get(0).rule(UnwindProgram.AARCH64_RA_SIGN_STATE))
        .contains(new UnwindRule.Constant(1));
    assertThat(rows.get(1).rule(UnwindProgram.AARCH64_RA_SIGN_STATE))
        .contains(new UnwindRule.Constant(0));
  }

  @Test
  void unknownOpcodeEndsTheProgramAsGimliDoes() {
    assertThat(rows(0x0e, 16, 0x3f, 0x0e, 32)).containsExactly(new UnwindRow(0x1000, 0x1100,
        cfa(RSP, 16), List.of(new UnwindRegisterRule(RIP, new UnwindRule.Offset(-8)))));
    // 0x2d is GNU_window_save, not negate_ra_state, off AArch64
    assertThat(rows(0x2d, 0x0e, 32)).hasSize(1);
  }

  @Test
  void truncatedOperandsAreMalformed() {
    assertThatThrownBy(() -> rows(0x0c, RBP)).isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> rows(0x04, 1)).isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> rows(0x10, RBX, 9, 0)).isInstanceOf(DebugInfoException.class);
  }

  @Test
  void registerNumbersAreBounded() {
    assertThatThrownBy(() -> rows(0x08, 0xff, 0xff, 0xff, 0x0f))
        .isInstanceOf(DebugInfoException.class);
  }

  @Test
  void rowForFindsTheRowOfAnAddress() {
    UnwindInfo info = UnwindTestBytes.ehFrame(0x1000, 0x100, 0x41, 0x0e, 16, 0x44, 0x0e, 24);
    assertThat(info.rowFor(0x1000).orElseThrow().cfa()).isEqualTo(cfa(RSP, 8));
    assertThat(info.rowFor(0x1003).orElseThrow().cfa()).isEqualTo(cfa(RSP, 16));
    assertThat(info.rowFor(0x10ff).orElseThrow().cfa()).isEqualTo(cfa(RSP, 24));
    assertThat(info.rowFor(0x1100)).isEmpty();
    assertThat(info.rowFor(0xfff)).isEmpty();
  }
}
