package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.ByteView;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PostfixEvaluatorTest {
  static final CfiMemory NO_MEMORY = (address, size) -> OptionalLong.empty();

  /** 16 bytes at 0x1000: words 0x11111111, 0x22222222, 0x33333333, 0x44444444. */
  static final CfiMemory MEMORY =
      CfiMemory.of(
          0x1000,
          ByteView.of(
              new byte[] {
                0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x33, 0x33, 0x33, 0x33, 0x44, 0x44,
                0x44, 0x44
              }));

  static final CfiRegisters REGS =
      CfiRegisters.of(Map.of("$esp", 0x1000L, "$ebp", 0x1008L, ".cfa", 0x2000L, "x29", 7L));

  static OptionalLong eval32(String e) {
    return PostfixEvaluator.evaluate(e, REGS, MEMORY, 4);
  }

  static OptionalLong eval64(String e) {
    return PostfixEvaluator.evaluate(e, REGS, MEMORY, 8);
  }

  @Test
  void literals() {
    assertThat(eval32("42")).hasValue(42);
    assertThat(eval32("0x2a")).hasValue(42);
    assertThat(eval32("0X2A")).hasValue(42);
    assertThat(eval32("-4")).hasValue(0xFFFF_FFFCL);
    assertThat(eval64("-4")).hasValue(-4);
    assertThat(eval32("4294967295")).hasValue(0xFFFF_FFFFL);
    assertThat(eval64("18446744073709551615")).hasValue(-1);
    assertThat(eval64("0xffffffffffffffff")).hasValue(-1);
  }

  @Test
  void secondSignAsCplusplusExtractionReadsIt() {
    assertThat(eval32("+5")).hasValue(5);
    assertThat(eval32("--5")).hasValue(5);
    assertThat(eval32("-+5")).hasValue(0xFFFF_FFFBL);
    assertThat(eval64("+0x10")).hasValue(16);
  }

  @Test
  void literalsTooWideForTheWordAreUnknownVariables() {
    assertThat(eval32("4294967296")).isEmpty();
    assertThat(eval64("18446744073709551616")).isEmpty();
    assertThat(eval64("0x10000000000000000")).isEmpty();
    assertThat(eval64("99999999999999999999999999999999")).isEmpty();
  }

  @Test
  void malformedLiteralsAreUnknownVariables() {
    assertThat(eval32("0x")).isEmpty();
    assertThat(eval32("12ab")).isEmpty();
    assertThat(eval32("---4")).isEmpty();
    assertThat(eval32("+-4")).isEmpty();
    assertThat(eval32("-")).isEmpty();
    assertThat(eval32("-+")).isEmpty();
    assertThat(eval32("\u0661")).isEmpty(); // ARABIC-INDIC DIGIT ONE is no C++ digit
    assertThat(eval32("0x\uff11")).isEmpty();
  }

  @Test
  void variablesWithAndWithoutDollar() {
    assertThat(eval32("$esp")).hasValue(0x1000);
    assertThat(eval32("esp")).hasValue(0x1000);
    assertThat(eval32(".cfa")).hasValue(0x2000);
    assertThat(eval32("$x29")).hasValue(7);
    assertThat(eval32("$eax")).isEmpty();
    assertThat(eval32("$")).isEmpty();
  }

  @Test
  void addition() {
    assertThat(eval32("$esp 4 +")).hasValue(0x1004);
    assertThat(eval32("4294967295 2 +")).hasValue(1);
    assertThat(eval64("-1 2 +")).hasValue(1);
  }

  @Test
  void subtraction() {
    assertThat(eval32("$esp 4 -")).hasValue(0xFFC);
    assertThat(eval32("0 1 -")).hasValue(0xFFFF_FFFFL);
    assertThat(eval64("0 1 -")).hasValue(-1);
  }

  @Test
  void multiplication() {
    assertThat(eval32("6 7 *")).hasValue(42);
    assertThat(eval32("65536 65536 *")).hasValue(0);
  }

  @Test
  void divisionIsUnsigned() {
    assertThat(eval32("42 5 /")).hasValue(8);
    assertThat(eval32("-2 2 /")).hasValue(0x7FFF_FFFFL);
    assertThat(eval64("-2 2 /")).hasValue(Long.MAX_VALUE);
  }

  @Test
  void remainderIsUnsigned() {
    assertThat(eval32("42 5 %")).hasValue(2);
    assertThat(eval64("-1 10 %")).hasValue(Long.remainderUnsigned(-1, 10));
  }

  @Test
  void divisionByZeroFails() {
    assertThat(eval32("1 0 /")).isEmpty();
    assertThat(eval32("1 0 %")).isEmpty();
    assertThat(eval64("$esp 0 /")).isEmpty();
  }

  @Test
  void align() {
    assertThat(eval32("0x1007 8 @")).hasValue(0x1000);
    assertThat(eval32("0x1000 16 @")).hasValue(0x1000);
    assertThat(eval32("0x1234 0 @")).hasValue(0); // ~(0 - 1) is zero, as in Breakpad
    assertThat(eval64("-1 4096 @")).hasValue(0xFFFF_FFFF_FFFF_F000L);
  }

  @Test
  void dereference() {
    assertThat(eval32("$esp ^")).hasValue(0x11111111);
    assertThat(eval32("$esp 4 + ^")).hasValue(0x22222222);
    assertThat(eval64("$esp 8 + ^")).hasValue(0x44444444_33333333L);
    assertThat(eval32("$ebp 4 + ^")).hasValue(0x44444444);
  }

  @Test
  void dereferenceFailures() {
    assertThat(eval32("$ebp 8 + ^")).isEmpty(); // past the end
    assertThat(eval64("$ebp 4 + ^")).isEmpty(); // straddles the end
    assertThat(eval32("0xfff ^")).isEmpty(); // starts before
    assertThat(eval32("^")).isEmpty(); // no address
    assertThat(PostfixEvaluator.evaluate("$esp ^", REGS, NO_MEMORY, 4)).isEmpty();
  }

  @Test
  void stackMustEndWithOneValue() {
    assertThat(eval32("")).isEmpty();
    assertThat(eval32("   ")).isEmpty();
    assertThat(eval32("1 2")).isEmpty();
    assertThat(eval32("+")).isEmpty();
    assertThat(eval32("1 +")).isEmpty();
  }

  @Test
  void assignmentIsNoOperatorInExpressions() {
    assertThat(eval32("$T0 1 =")).isEmpty();
  }

  @Test
  void whitespaceOfAllKinds() {
    assertThat(eval32("\t$esp\n4\r+\f")).hasValue(0x1004);
    assertThat(eval32("$esp\u000b4 +")).hasValue(0x1004);
  }

  @Test
  void unknownTokensFailOnlyWhenUsed() {
    assertThat(eval32("foo")).isEmpty();
    assertThat(eval32("1 foo +")).isEmpty();
    assertThat(eval32("&")).isEmpty();
  }

  @Test
  void hostileDepthIsBounded() {
    String deep = "1 ".repeat(PostfixEvaluator.MAX_STACK_DEPTH + 1) + "+ ".repeat(256);
    assertThat(eval32(deep)).isEmpty();
    String ok = "1 ".repeat(PostfixEvaluator.MAX_STACK_DEPTH) + "+ ".repeat(255);
    assertThat(eval32(ok)).hasValue(PostfixEvaluator.MAX_STACK_DEPTH);
  }

  @Test
  void hostileLengthIsBounded() {
    String chain = "1" + " 1 +".repeat(PostfixEvaluator.MAX_TOKENS / 2);
    assertThat(eval32(chain)).isEmpty();
    String fits = "1" + " 1 +".repeat((PostfixEvaluator.MAX_TOKENS - 1) / 2);
    assertThat(eval32(fits)).hasValue((PostfixEvaluator.MAX_TOKENS - 1) / 2 + 1);
  }

  @Test
  void programAssigns() {
    CfiRegisters assigned =
        PostfixEvaluator.execute(
                "$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + =", REGS, MEMORY, 4)
            .orElseThrow();
    assertThat(assigned.toMap())
        .containsExactly(
            Map.entry("T0", 0x1008L),
            Map.entry("eip", 0x44444444L),
            Map.entry("ebp", 0x33333333L),
            Map.entry("esp", 0x1010L));
  }

  @Test
  void programSeesItsOwnAssignmentsInOrder() {
    CfiRegisters assigned =
        PostfixEvaluator.execute("$T0 1 = $T0 $T0 1 + = $T1 $T0 =", REGS, MEMORY, 4)
            .orElseThrow();
    assertThat(assigned.get("$T0")).hasValue(2);
    assertThat(assigned.get("$T1")).hasValue(2);
  }

  @Test
  void assignmentStuckToTheNextToken() {
    CfiRegisters assigned =
        PostfixEvaluator.execute("$T0 $ebp 8 + =$eip $T0 4 - ^ =$esp $T0 =", REGS, MEMORY, 4)
            .orElseThrow();
    assertThat(assigned.get("eip")).hasValue(0x44444444);
    assertThat(assigned.get("esp")).hasValue(0x1010);
  }

  @Test
  void assignmentFailures() {
    assertThat(PostfixEvaluator.execute("T0 1 =", REGS, MEMORY, 4)).isEmpty(); // no $
    assertThat(PostfixEvaluator.execute("$ 1 =", REGS, MEMORY, 4)).isEmpty();
    assertThat(PostfixEvaluator.execute("5 1 =", REGS, MEMORY, 4)).isEmpty(); // literal target
    assertThat(PostfixEvaluator.execute("1 2 + 1 =", REGS, MEMORY, 4)).isEmpty(); // computed
    assertThat(PostfixEvaluator.execute("$T0 =", REGS, MEMORY, 4)).isEmpty(); // no value
    assertThat(PostfixEvaluator.execute("1 =", REGS, MEMORY, 4)).isEmpty(); // no target
    assertThat(PostfixEvaluator.execute("$T0 $T1 =", REGS, MEMORY, 4)).isEmpty(); // unknown
    assertThat(PostfixEvaluator.execute("$T0 1 = 2", REGS, MEMORY, 4)).isEmpty(); // leftover
    assertThat(PostfixEvaluator.execute("$T0 $esp ^ ^ =", REGS, MEMORY, 4)).isEmpty();
  }

  @Test
  void emptyProgramAssignsNothing() {
    assertThat(PostfixEvaluator.execute("", REGS, MEMORY, 4)).contains(CfiRegisters.empty());
  }

  @Test
  void wordSizeIsChecked() {
    assertThatThrownBy(() -> PostfixEvaluator.evaluate("1", REGS, MEMORY, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void variablesAreTruncatedToTheWord() {
    CfiRegisters wide = CfiRegisters.empty().with("esp", 0x1_0000_0010L);
    assertThat(PostfixEvaluator.evaluate("$esp 4 +", wide, MEMORY, 4)).hasValue(0x14);
  }
}
