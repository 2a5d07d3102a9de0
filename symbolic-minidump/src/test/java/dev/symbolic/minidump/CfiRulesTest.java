package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.debuginfo.BreakpadCfi;
import dev.symbolic.debuginfo.BreakpadCfiDelta;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CfiRulesTest {
  /** Stack of 64-bit words at 0x7000: 0x7000 + 8 * i holds 0x1000 + i. */
  static final CfiMemory STACK = stack(0x7000, 8, 16);

  static CfiMemory stack(long base, int word, int count) {
    ByteBuffer b = ByteBuffer.allocate(word * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      if (word == 8) {
        b.putLong(0x1000L + i);
      } else {
        b.putInt(0x1000 + i);
      }
    }
    return CfiMemory.of(base, ByteView.of(b.array()));
  }

  static CfiRules rules(String text) {
    return CfiRules.parse(text).orElseThrow();
  }

  @Test
  void parsesNamesAndExpressions() {
    CfiRules r = rules(".cfa: $esp 4 + .ra: .cfa -4 + ^ $ebp: .cfa -8 + ^");
    assertThat(r.cfaRule()).contains("$esp 4 +");
    assertThat(r.raRule()).contains(".cfa -4 + ^");
    assertThat(r.registerRules()).containsExactly(Map.entry("ebp", ".cfa -8 + ^"));
    assertThat(r).hasToString(".cfa: $esp 4 + .ra: .cfa -4 + ^ ebp: .cfa -8 + ^");
  }

  @Test
  void laterRulesReplaceEarlierOnes() {
    CfiRules r = rules(".cfa: $rsp 8 + .ra: .cfa -8 + ^ .cfa: $rsp 16 + $rbx: 1 rbx: 2");
    assertThat(r.cfaRule()).contains("$rsp 16 +");
    assertThat(r.registerRules()).containsExactly(Map.entry("rbx", "2"));
  }

  @Test
  void malformedRuleSets() {
    assertThat(CfiRules.parse("")).isEmpty();
    assertThat(CfiRules.parse("   ")).isEmpty();
    assertThat(CfiRules.parse("$esp 4 + .cfa: 1")).isEmpty(); // expression without a name
    assertThat(CfiRules.parse(".cfa: .ra: 1")).isEmpty(); // name without an expression
    assertThat(CfiRules.parse(".cfa: 1 .ra:")).isEmpty();
    assertThat(CfiRules.parse(": 1")).isEmpty(); // empty name
    assertThat(CfiRules.parse("$: 1")).isEmpty();
  }

  @Test
  void doubleDollarNamesAreRegisters() {
    // Found by fuzzing: "$$" once lost a "$" per canonicalization and became the empty name.
    CfiRules r = rules(".cfa: 1 .ra: 2 $$: 3");
    assertThat(r.registerRules()).containsExactly(Map.entry("$$", "3"));
    assertThat(CfiRules.parse(r.toString())).isPresent();
    assertThat(
            r.findCallerRegisters(CfiRegisters.empty(), STACK, CpuFamily.AMD_64)
                .orElseThrow()
                .get("$$"))
        .hasValue(3);
  }

  @Test
  void tooManyRegistersIsMalformed() {
    StringBuilder sb = new StringBuilder(".cfa: 1 .ra: 2");
    for (int i = 0; i < CfiRules.MAX_REGISTER_RULES; i++) {
      sb.append(" r").append(i).append(": 0");
    }
    assertThat(CfiRules.parse(sb.toString())).isPresent();
    assertThat(CfiRules.parse(sb + " $r0: 1")).isPresent(); // a redefinition
    assertThat(CfiRules.parse(sb + " extra: 1")).isEmpty();
  }

  @Test
  void findCallerRegistersAmd64() {
    CfiRules r = rules(".cfa: $rsp 16 + .ra: .cfa -8 + ^ $rbp: .cfa -16 + ^");
    CfiRegisters callee = CfiRegisters.empty().with("rsp", 0x7000).with("rip", 0x5555);
    CfiRegisters caller = r.findCallerRegisters(callee, STACK, CpuFamily.AMD_64).orElseThrow();
    assertThat(caller.toMap())
        .containsOnly(
            Map.entry("rbp", 0x1000L),
            Map.entry(".ra", 0x1001L),
            Map.entry(".cfa", 0x7010L),
            Map.entry("rip", 0x1001L),
            Map.entry("rsp", 0x7010L));
  }

  @Test
  void findCallerRegistersX86WrapsAt32Bits() {
    CfiRules r = rules(".cfa: $esp 8 + .ra: .cfa -4 + ^ $ebp: .cfa -8 + ^");
    CfiRegisters callee = CfiRegisters.empty().with("$esp", 0x7000);
    CfiMemory mem = stack(0x7000, 4, 4);
    CfiRegisters caller = r.findCallerRegisters(callee, mem, CpuFamily.INTEL_32).orElseThrow();
    assertThat(caller.get("eip")).hasValue(0x1001);
    assertThat(caller.get("esp")).hasValue(0x7008);
    assertThat(caller.get("ebp")).hasValue(0x1000);
    CfiRegisters wrap = CfiRegisters.empty().with("esp", 0xFFFF_FFFCL);
    CfiRules w = rules(".cfa: $esp 8 + .ra: 5");
    assertThat(w.findCallerRegisters(wrap, mem, CpuFamily.INTEL_32).orElseThrow().get("esp"))
        .hasValue(4);
  }

  @Test
  void findCallerRegistersArm64WithoutDollars() {
    CfiRules r = rules(".cfa: x29 16 + .ra: .cfa -8 + ^ x29: .cfa -16 + ^");
    CfiRegisters callee = CfiRegisters.empty().with("x29", 0x7000).with("sp", 0x6ff0);
    CfiRegisters caller = r.findCallerRegisters(callee, STACK, CpuFamily.ARM_64).orElseThrow();
    assertThat(caller.get("pc")).hasValue(0x1001);
    assertThat(caller.get("sp")).hasValue(0x7010);
    assertThat(caller.get("x29")).hasValue(0x1000);
  }

  @Test
  void findCallerRegistersArmWithRaInLinkRegister() {
    CfiRules r = rules(".cfa: sp 0 + .ra: lr");
    CfiRegisters callee = CfiRegisters.empty().with("sp", 0x100).with("lr", 0x2001);
    CfiRegisters caller =
        r.findCallerRegisters(callee, (a, s) -> OptionalLong.empty(), CpuFamily.ARM_32)
            .orElseThrow();
    assertThat(caller.get("pc")).hasValue(0x2001);
    assertThat(caller.get("sp")).hasValue(0x100);
  }

  @Test
  void raRuleReadingRaNeedsItInTheCallee() {
    CfiRules r = rules(".cfa: sp 0 + .ra: .ra x29: x29");
    CfiRegisters callee = CfiRegisters.empty().with("sp", 0x100).with("x29", 0x200);
    assertThat(r.findCallerRegisters(callee, STACK, CpuFamily.ARM_64)).isEmpty();
    CfiRegisters caller =
        r.findCallerRegisters(callee.with(".ra", 0x4004), STACK, CpuFamily.ARM_64).orElseThrow();
    assertThat(caller.get("pc")).hasValue(0x4004);
    assertThat(caller.get("x29")).hasValue(0x200);
  }

  @Test
  void explicitStackPointerRuleWins() {
    CfiRules r = rules(".cfa: sp 16 + .ra: lr sp: .cfa 8 +");
    CfiRegisters callee = CfiRegisters.empty().with("sp", 0x100).with("lr", 0x2001);
    CfiRegisters caller =
        r.findCallerRegisters(callee, STACK, CpuFamily.ARM_64).orElseThrow();
    assertThat(caller.get("sp")).hasValue(0x118);
    assertThat(caller.get(".cfa")).hasValue(0x110);
  }

  @Test
  void orderCfaThenRaThenRegistersEachOverTheCallee() {
    // .ra sees .cfa; registers see .cfa but neither .ra nor each other's results.
    CfiRules r = rules("$a: $b 1 + .ra: .cfa 1 + $b: .ra .cfa: $b 100 + $c: $a");
    CfiRegisters callee = CfiRegisters.empty().with("b", 1);
    CfiRegisters caller = r.findCallerRegisters(callee, STACK, CpuFamily.AMD_64).orElseThrow();
    assertThat(caller.get(".cfa")).hasValue(101);
    assertThat(caller.get(".ra")).hasValue(102);
    assertThat(caller.get("a")).hasValue(2);
    assertThat(caller.contains("b")).isFalse(); // .ra is not visible to register rules
    assertThat(caller.contains("c")).isFalse(); // nor are other recovered registers
  }

  @Test
  void cfaIsEvaluatedFirstAndOnce() {
    AtomicInteger reads = new AtomicInteger();
    CfiMemory counting =
        (a, s) -> {
          reads.incrementAndGet();
          return STACK.read(a, s);
        };
    CfiRules r = rules(".cfa: $rsp ^ .ra: .cfa ^ $rbx: .cfa 8 + ^");
    CfiRegisters callee = CfiRegisters.empty().with("rsp", 0x7000);
    // .cfa = *0x7000 = 0x1000, which is outside the stack: .ra fails, so nothing is recovered.
    assertThat(r.findCallerRegisters(callee, counting, CpuFamily.AMD_64)).isEmpty();
    assertThat(reads).hasValue(2);
  }

  @Test
  void missingCfaOrRaRuleGivesNothing() {
    CfiRegisters callee = CfiRegisters.empty().with("rsp", 0x7000);
    assertThat(rules(".cfa: $rsp 8 +").findCallerRegisters(callee, STACK, CpuFamily.AMD_64))
        .isEmpty();
    assertThat(rules(".ra: 5").findCallerRegisters(callee, STACK, CpuFamily.AMD_64)).isEmpty();
  }

  @Test
  void failingCfaOrRaGivesNothing() {
    CfiRegisters callee = CfiRegisters.empty().with("rsp", 0x7000);
    assertThat(rules(".cfa: $rbp 8 + .ra: 1").findCallerRegisters(callee, STACK, CpuFamily.AMD_64))
        .isEmpty();
    assertThat(
            rules(".cfa: $rsp .ra: .cfa 0x100 + ^")
                .findCallerRegisters(callee, STACK, CpuFamily.AMD_64))
        .isEmpty();
  }

  @Test
  void failingRegisterRuleLeavesTheRegisterOut() {
    CfiRules r = rules(".cfa: $rsp 8 + .ra: .cfa -8 + ^ $rbx: .cfa 0x1000 + ^ $rbp: 0 0 /");
    CfiRegisters callee = CfiRegisters.empty().with("rsp", 0x7000);
    CfiRegisters caller = r.findCallerRegisters(callee, STACK, CpuFamily.AMD_64).orElseThrow();
    assertThat(caller.contains("rbx")).isFalse();
    assertThat(caller.contains("rbp")).isFalse();
    assertThat(caller.get("rip")).hasValue(0x1000);
  }

  @Test
  void cpuWithoutPointerSizeGivesNothing() {
    CfiRegisters callee = CfiRegisters.empty().with("rsp", 0x7000);
    assertThat(rules(".cfa: 1 .ra: 2").findCallerRegisters(callee, STACK, CpuFamily.UNKNOWN))
        .isEmpty();
  }

  @Test
  void forAddressAppliesDeltasUpToTheAddress() {
    BreakpadCfi cfi =
        new BreakpadCfi(
            0x100,
            0x20,
            ".cfa: $rsp 8 + .ra: .cfa -8 + ^",
            List.of(
                new BreakpadCfiDelta(0x104, ".cfa: $rsp 16 +"),
                new BreakpadCfiDelta(0x108, ".cfa: $rsp 24 + $rbp: .cfa -16 + ^")));
    assertThat(CfiRules.forAddress(cfi, 0x100).orElseThrow().cfaRule()).contains("$rsp 8 +");
    assertThat(CfiRules.forAddress(cfi, 0x107).orElseThrow().cfaRule()).contains("$rsp 16 +");
    CfiRules at = CfiRules.forAddress(cfi, 0x10a).orElseThrow();
    assertThat(at.cfaRule()).contains("$rsp 24 +");
    assertThat(at.registerRules()).containsKey("rbp");
  }

  @Test
  void forAddressParsesPiecesSeparately() {
    // Joined, "4 +" would extend the .cfa rule; on its own it is an expression without a name.
    BreakpadCfi cfi =
        new BreakpadCfi(
            0x100, 0x20, ".cfa: $rsp .ra: 1", List.of(new BreakpadCfiDelta(0x104, "4 +")));
    assertThat(CfiRules.forAddress(cfi, 0x100)).isPresent();
    assertThat(CfiRules.forAddress(cfi, 0x104)).isEmpty();
  }
}
