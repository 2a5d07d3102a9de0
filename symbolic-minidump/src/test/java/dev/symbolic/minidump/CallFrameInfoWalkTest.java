package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.minidump.MinidumpBuilder.Struct;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unwinding with {@code STACK CFI} and {@code STACK WIN} records, per CPU. */
class CallFrameInfoWalkTest {
  static final long STACK = StackWalkerTest.STACK;
  static final long MODULE = StackWalkerTest.MODULE;

  static List<StackFrame> walk(int arch, long platform, String symbols, CpuContext ctx,
      Struct stack) {
    return StackWalkerTest.walker(StackWalkerTest.dump(arch, platform), symbols)
        .walk(1, ctx, StackWalkerTest.stack(stack)).frames();
  }

  static String symbols(String arch, String... records) {
    return "MODULE windows " + arch + " 5A9832E5287241C1838ED98914E9B7FF1 app.pdb\n"
        + "FUNC 1000 100 8 callee\nFUNC 2000 100 0 caller\n" + String.join("\n", records) + "\n";
  }

  @Test
  void x86StackCfi() {
    Struct s = new Struct(0x40);
    s.u32(0x0, 0x11111111).u32(0x4, STACK + 0x30).u32(0x8, MODULE + 0x2010);
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", MODULE + 0x1010,
        "esp", STACK, "ebp", 0x99L, "ebx", 7L, "esi", 8L, "edi", 9L, "eax", 1L));
    List<StackFrame> f = walk(SystemInfo.ARCH_X86, SystemInfo.OS_LINUX, symbols("x86",
        "STACK CFI INIT 1000 100 .cfa: $esp 12 + .ra: .cfa -4 + ^ $ebp: .cfa -8 + ^"), ctx, s);
    assertThat(f).hasSize(2);
    StackFrame caller = f.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.function()).isEqualTo("caller");
    assertThat(caller.context().register("eip")).hasValue(MODULE + 0x2010);
    assertThat(caller.context().register("esp")).hasValue(STACK + 12);
    assertThat(caller.context().register("ebp")).hasValue(STACK + 0x30);
    // Callee-saved registers carry over; scratch registers do not.
    assertThat(caller.context().validRegisterNames())
        .containsExactly("eip", "esp", "ebp", "ebx", "esi", "edi");
  }

  @Test
  void x86StackWinProgramIsPreferredToStackCfi() {
    Struct s = new Struct(0x40);
    s.u32(0x10, STACK + 0x30).u32(0x14, MODULE + 0x2010);
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", MODULE + 0x1010,
        "esp", STACK, "ebp", STACK + 0x10, "ebx", 7L));
    List<StackFrame> f = walk(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT, symbols("x86",
        "STACK WIN 4 1000 100 0 0 8 0 0 0 1 $T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = "
            + "$esp $T0 8 + =",
        "STACK CFI INIT 1000 100 .cfa: $esp 4 + .ra: .cfa -4 + ^"), ctx, s);
    StackFrame caller = f.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.context().register("eip")).hasValue(MODULE + 0x2010);
    assertThat(caller.context().register("esp")).hasValue(STACK + 0x18);
    assertThat(caller.context().register("ebp")).hasValue(STACK + 0x30);
    assertThat(caller.context().validRegisterNames()).containsExactly("eip", "esp", "ebp");
  }

  @Test
  void x86StackWinFpoWithoutProgramReadsTheReturnAddressAboveTheFrame() {
    Struct s = new Struct(0x40);
    s.u32(0xc, MODULE + 0x2010); // esp + locals (4) + saved registers (8)
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", MODULE + 0x1010,
        "esp", STACK, "ebp", 0x5555L));
    List<StackFrame> f = walk(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT, symbols("x86",
        "STACK WIN 0 1000 100 0 0 8 4 8 0 0 0"), ctx, s);
    StackFrame caller = f.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.context().register("eip")).hasValue(MODULE + 0x2010);
    assertThat(caller.context().register("esp")).hasValue(STACK + 0x10);
    assertThat(caller.context().register("ebp")).hasValue(0x5555L); // unused, carried through
  }

  @Test
  void amd64StackCfi() {
    Struct s = new Struct(0x40);
    s.u64(0x0, STACK + 0x38).u64(0x8, MODULE + 0x2010);
    CpuContext ctx = CpuContext.of(CpuFamily.AMD_64, Map.of("rip", MODULE + 0x1010,
        "rsp", STACK, "rbp", 0x77L, "rbx", 3L, "r12", 4L, "rax", 5L));
    List<StackFrame> f = walk(SystemInfo.ARCH_AMD64, SystemInfo.OS_WIN32_NT, symbols("x86_64",
        "STACK CFI INIT 1000 100 .cfa: $rsp 8 + .ra: .cfa -8 + ^",
        "STACK CFI 1004 .cfa: $rsp 16 + $rbp: .cfa -16 + ^"), ctx, s);
    StackFrame caller = f.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.context().register("rip")).hasValue(MODULE + 0x2010);
    assertThat(caller.context().register("rsp")).hasValue(STACK + 16);
    assertThat(caller.context().register("rbp")).hasValue(STACK + 0x38);
    assertThat(caller.context().validRegisterNames())
        .containsExactlyInAnyOrder("rip", "rsp", "rbp", "rbx", "r12");
  }

  @Test
  void arm64StackCfiRestoresTheFrameRecordAndStripsPointerAuthentication() {
    Struct s = new Struct(0x40);
    s.u64(0x0, STACK + 0x30).u64(0x8, 0x0010_0000_0000_0000L | (MODULE + 0x2004));
    long[] x = new long[31];
    x[19] = 0x1919;
    x[29] = 0x2929;
    x[30] = MODULE + 0x9999;
    byte[] raw = MinidumpBuilder.arm64Context(x, STACK, MODULE + 0x1010);
    CpuContext ctx = CpuContext.parse(ByteView.of(raw), 0, raw.length, CpuFamily.ARM_64);
    List<StackFrame> f = walk(SystemInfo.ARCH_ARM64, SystemInfo.OS_IOS, symbols("arm64",
        "STACK CFI INIT 1000 100 .cfa: sp 16 + .ra: .cfa -8 + ^ x29: .cfa -16 + ^"), ctx, s);
    StackFrame caller = f.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.returnAddress()).isEqualTo(MODULE + 0x2004);
    assertThat(caller.instruction()).isEqualTo(MODULE + 0x2000);
    assertThat(caller.context().register("fp")).hasValue(STACK + 0x30);
    assertThat(caller.context().register("sp")).hasValue(STACK + 16);
    assertThat(caller.context().register("x19")).hasValue(0x1919L);
    assertThat(caller.context().isValid("x0")).isFalse();
  }

  @Test
  void armStackCfi() {
    Struct s = new Struct(0x40);
    s.u32(0x0, STACK + 0x30).u32(0x4, MODULE + 0x2011);
    long[] r = new long[16];
    r[4] = 0x44;
    r[13] = STACK;
    r[15] = MODULE + 0x1010;
    byte[] raw = MinidumpBuilder.armContext(r);
    CpuContext ctx = CpuContext.parse(ByteView.of(raw), 0, raw.length, CpuFamily.ARM_32);
    List<StackFrame> f = walk(SystemInfo.ARCH_ARM, SystemInfo.OS_LINUX, symbols("arm",
        "STACK CFI INIT 1000 100 .cfa: sp 8 + .ra: .cfa -4 + ^ r11: .cfa -8 + ^"), ctx, s);
    StackFrame caller = f.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.context().register("pc")).hasValue(MODULE + 0x2011);
    assertThat(caller.instruction()).isEqualTo(MODULE + 0x200f);
    assertThat(caller.context().register("fp")).hasValue(STACK + 0x30);
    assertThat(caller.context().register("r4")).hasValue(0x44L);
  }

  @Test
  void failingCfiFallsBackToTheFramePointer() {
    Struct s = new Struct(0x40);
    s.u32(0x10, 0).u32(0x14, MODULE + 0x2010);
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", MODULE + 0x1010,
        "esp", STACK, "ebp", STACK + 0x10));
    // The rule reads memory that is not saved.
    List<StackFrame> f = walk(SystemInfo.ARCH_X86, SystemInfo.OS_LINUX, symbols("x86",
        "STACK CFI INIT 1000 100 .cfa: $esp 4096 + .ra: .cfa -4 + ^"), ctx, s);
    assertThat(f.get(1).trust()).isEqualTo(FrameTrust.FRAME_POINTER);
    assertThat(Optional.of(f.get(1).function())).hasValue("caller");
  }
}
