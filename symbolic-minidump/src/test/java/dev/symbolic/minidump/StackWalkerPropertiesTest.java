package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of walks over random stacks: bounded, and the stack pointer only grows. */
class StackWalkerPropertiesTest {
  /** Stack words drawn mostly from addresses that matter: the module, the stack, small ones. */
  static byte[] stack(List<Integer> picks, int wordSize) {
    MinidumpBuilder.Struct s = new MinidumpBuilder.Struct(picks.size() * wordSize);
    for (int i = 0; i < picks.size(); i++) {
      int p = picks.get(i);
      long v = switch (p % 4) {
        case 0 -> StackWalkerTest.MODULE + (p & 0xFFFF);
        case 1 -> StackWalkerTest.STACK + (p & 0xFFF);
        case 2 -> p & 0xFFF;
        default -> p;
      };
      if (wordSize == 4) {
        s.u32(i * 4, v);
      } else {
        s.u64(i * 8, v);
      }
    }
    return s.array();
  }

  static void checkWalk(CallStack cs, String sp) {
    assertThat(cs.frames()).isNotEmpty().hasSizeLessThanOrEqualTo(StackWalker.MAX_FRAMES);
    // Inlined frames share the registers of the frame they are inlined into.
    List<StackFrame> frames = cs.frames().stream().filter(f -> !f.isInlined()).toList();
    long previous = frames.get(0).context().raw(sp);
    for (int i = 1; i < frames.size(); i++) {
      long current = frames.get(i).context().raw(sp);
      if (i == 1) {
        assertThat(Long.compareUnsigned(current, previous)).isGreaterThanOrEqualTo(0);
      } else {
        assertThat(Long.compareUnsigned(current, previous)).isPositive();
      }
      previous = current;
    }
  }

  @Property(tries = 300)
  void x86WalksAreBoundedAndGrowTheStack(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0) Integer> words,
      @ForAll @IntRange(min = 0, max = 0x3FF) int ebp,
      @ForAll boolean withSymbols) {
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", StackWalkerTest.MODULE
        + 0x1012, "esp", StackWalkerTest.STACK, "ebp", StackWalkerTest.STACK + ebp));
    StackWalker w = StackWalkerTest.walker(
        StackWalkerTest.dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT),
        withSymbols ? StackWalkerTest.SYMBOLS : null);
    checkWalk(w.walk(1, ctx, Optional.of(new MemoryRegion(StackWalkerTest.STACK,
        ByteView.of(stack(words, 4))))), "esp");
  }

  @Property(tries = 300)
  void amd64WalksAreBoundedAndGrowTheStack(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0) Integer> words,
      @ForAll @IntRange(min = 0, max = 0x3FF) int rbp,
      @ForAll boolean windows) {
    CpuContext ctx = CpuContext.of(CpuFamily.AMD_64, Map.of("rip", StackWalkerTest.MODULE
        + 0x1012, "rsp", StackWalkerTest.STACK, "rbp", StackWalkerTest.STACK + rbp));
    StackWalker w = StackWalkerTest.walker(StackWalkerTest.dump(SystemInfo.ARCH_AMD64,
        windows ? SystemInfo.OS_WIN32_NT : SystemInfo.OS_LINUX), StackWalkerTest.SYMBOLS);
    checkWalk(w.walk(1, ctx, Optional.of(new MemoryRegion(StackWalkerTest.STACK,
        ByteView.of(stack(words, 8))))), "rsp");
  }

  @Property(tries = 300)
  void arm64WalksAreBoundedAndGrowTheStack(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0) Integer> words,
      @ForAll @IntRange(min = 0, max = 0x3FF) int fp) {
    CpuContext ctx = CpuContext.of(CpuFamily.ARM_64, Map.of("pc", StackWalkerTest.MODULE
        + 0x1010, "sp", StackWalkerTest.STACK, "fp", StackWalkerTest.STACK + fp,
        "lr", StackWalkerTest.MODULE + 0x2004));
    StackWalker w = StackWalkerTest.walker(
        StackWalkerTest.dump(SystemInfo.ARCH_ARM64, SystemInfo.OS_LINUX), null);
    checkWalk(w.walk(1, ctx, Optional.of(new MemoryRegion(StackWalkerTest.STACK,
        ByteView.of(stack(words, 8))))), "sp");
  }
}
