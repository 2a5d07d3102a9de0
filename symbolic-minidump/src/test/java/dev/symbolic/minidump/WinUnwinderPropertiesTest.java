package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.debuginfo.BreakpadWin;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The STACK WIN unwinder over random records, registers and stack contents. */
class WinUnwinderPropertiesTest {
  static final long BASE = 0x1000;

  @Provide
  Arbitrary<Long> sizes() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 64),
        Arbitraries.longs().between(0, 0xFFFF_FFFFL),
        Arbitraries.of(-1L, 0xFFFF_FFFCL, 0x8000_0000L));
  }

  @Provide
  Arbitrary<Optional<String>> programs() {
    return Arbitraries.of(
            "$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + =",
            "$T1 .raSearch = $T0 $T1 4 - 8 @ = $eip $T1 ^ = $ebp $T0 ^ = $esp $T1 4 + =",
            "$eip .raSearchStart ^ = $esp .raSearchStart 4 + =",
            "$T2 $esp .cbSavedRegs + =",
            "$eip 0 = $esp 0 = $ebp 0 =",
            "")
        .map(Optional::of)
        .edgeCases(c -> c.add(Optional.empty()));
  }

  @Property(tries = 1000)
  void neverThrowsAndStaysIn32Bits(
      @ForAll("sizes") long savedRegs,
      @ForAll("sizes") long locals,
      @ForAll("sizes") long params,
      @ForAll("sizes") long calleeParams,
      @ForAll boolean fpo,
      @ForAll boolean allocatesBasePointer,
      @ForAll boolean context,
      @ForAll boolean scan,
      @ForAll("programs") Optional<String> program,
      @ForAll("sizes") long esp,
      @ForAll("sizes") long ebp,
      @ForAll @Size(max = 256) byte[] stack) {
    BreakpadWin info =
        new BreakpadWin(
            fpo ? 0 : 4, 0, 0x100, 0, 0, params, savedRegs, locals, 0,
            fpo ? Optional.empty() : program, allocatesBasePointer);
    WinCallee callee =
        new WinCallee(
            CfiRegisters.empty()
                .with("eip", 0x401000)
                .with("esp", BASE + (esp & 0xFF))
                .with("ebp", ebp),
            calleeParams,
            context,
            scan);
    CfiMemory memory = CfiMemory.of(BASE, ByteView.of(stack));
    WinModules modules = a -> (a & 0xFF) == 0x10;
    WinUnwinder.findCaller(info, callee, memory, modules)
        .ifPresent(
            c -> {
              assertThat(c.registers().names()).contains("eip", "esp", "ebp");
              c.registers().toMap().values().forEach(v -> assertThat(v >>> 32).isZero());
            });
  }
}
