package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.minidump.MinidumpBuilder.ModuleSpec;
import dev.symbolic.minidump.MinidumpBuilder.Struct;
import dev.symbolic.minidump.MinidumpBuilder.ThreadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each unwinding rule on synthesized stacks, and the walk's limits. */
class StackWalkerTest {
  static final long STACK = 0x10000;
  static final long MODULE = 0x400000;

  /** A dump with one module at 0x400000 (size 0x10000) and no threads. */
  static Minidump dump(int arch, long platform) {
    return Minidump.parse(ByteView.of(new MinidumpBuilder().systemInfo(arch, platform, null)
        .moduleList(List.of(new ModuleSpec(MODULE, 0x10000, "app.exe",
            MinidumpBuilder.pdb70(MinidumpStreamsTest.GUID, 1, "app.pdb"), 0, 0)))
        .build()));
  }

  static Optional<MemoryRegion> stack(Struct words) {
    return Optional.of(new MemoryRegion(STACK, ByteView.of(words.array())));
  }

  static StackWalker walker(Minidump dump, String sym) {
    Optional<BreakpadSymbols> symbols = sym == null ? Optional.empty()
        : Optional.of(BreakpadSymbols.parse(ByteView.of(sym.getBytes(StandardCharsets.UTF_8))));
    return StackWalker.of(dump, m -> symbols);
  }

  static final String SYMBOLS = String.join("\n",
      "MODULE windows x86 5A9832E5287241C1838ED98914E9B7FF1 app.pdb",
      "FILE 1 c:\\src\\app.cc",
      "INLINE_ORIGIN 0 inlined_helper",
      "FUNC 1000 100 0 crash",
      "1000 10 10 1",
      "1010 f0 11 1",
      "FUNC 2000 100 0 main",
      "INLINE 0 20 1 0 2000 40",
      "2000 40 30 1",
      "2040 c0 21 1",
      "PUBLIC 3000 0 start",
      "");

  @Test
  void x86FollowsTheFramePointerChain() {
    Struct s = new Struct(0x100);
    s.u32(0x10, 0x10040).u32(0x14, MODULE + 0x2010); // frame 0's %ebp: saved %ebp, return
    s.u32(0x40, 0).u32(0x44, MODULE + 0x3005); // frame 1's %ebp: end of the chain
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32,
        Map.of("eip", MODULE + 0x1012, "esp", STACK, "ebp", STACK + 0x10));
    CallStack cs = walker(dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT), SYMBOLS)
        .walk(1, ctx, stack(s));
    List<StackFrame> f = cs.frames();
    assertThat(f).extracting(StackFrame::trust).containsExactly(FrameTrust.CONTEXT,
        FrameTrust.INLINE, FrameTrust.FRAME_POINTER, FrameTrust.FRAME_POINTER);
    assertThat(f.get(0).function()).isEqualTo("crash");
    assertThat(f.get(0).sourceLine()).isEqualTo(11);
    assertThat(f.get(0).sourceLineBase()).isEqualTo(MODULE + 0x1010);
    assertThat(f.get(0).returnAddress()).isEqualTo(MODULE + 0x1012);
    // The caller is looked up one byte before the return address, inside the call.
    assertThat(f.get(2).instruction()).isEqualTo(MODULE + 0x200f);
    assertThat(f.get(2).returnAddress()).isEqualTo(MODULE + 0x2010);
    assertThat(f.get(1).function()).isEqualTo("inlined_helper");
    assertThat(f.get(1).sourceLine()).isEqualTo(30);
    assertThat(f.get(2).function()).isEqualTo("main");
    assertThat(f.get(2).sourceLine()).isEqualTo(20); // the call site of the inlined function
    assertThat(f.get(2).context().validRegisterNames()).containsExactly("eip", "esp", "ebp");
    assertThat(f.get(2).context().register("esp")).hasValue(STACK + 0x18);
    assertThat(f.get(2).context().register("ebp")).hasValue(STACK + 0x40);
    assertThat(f.get(3).function()).isEqualTo("start");
    assertThat(f.get(3).sourceFile()).isEmpty();
    assertThat(f.get(3).functionBase()).isEqualTo(MODULE + 0x3000);
  }

  @Test
  void x86ScansWhenTheFramePointerLeadsOutOfTheStack() {
    Struct s = new Struct(0x100);
    s.u32(0x4, MODULE + 0x0500); // in the module but in no function: skipped with symbols
    s.u32(0x8, 0x12345678); // outside every module
    s.u32(0xc, MODULE + 0x2050); // in main: the return address
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32,
        Map.of("eip", MODULE + 0x1012, "esp", STACK, "ebp", 0x7000_0000L));
    List<StackFrame> f = walker(dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT), SYMBOLS)
        .walk(1, ctx, stack(s)).frames();
    assertThat(f).hasSize(2);
    assertThat(f.get(1).trust()).isEqualTo(FrameTrust.SCAN);
    assertThat(f.get(1).function()).isEqualTo("main");
    assertThat(f.get(1).context().register("esp")).hasValue(STACK + 0x10);
    assertThat(f.get(1).context().register("ebp")).hasValue(0x7000_0000L); // unchanged
  }

  @Test
  void withoutSymbolsAnyAddressInAModuleIsAReturnAddress() {
    Struct s = new Struct(0x40);
    s.u32(0x4, MODULE + 0x0500);
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32,
        Map.of("eip", MODULE + 0x1012, "esp", STACK, "ebp", 0L));
    StackWalker w = walker(dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT), null);
    List<StackFrame> f = w.walk(1, ctx, stack(s)).frames();
    assertThat(f).hasSize(2);
    assertThat(f.get(1).returnAddress()).isEqualTo(MODULE + 0x500);
    assertThat(f.get(1).function()).isEmpty();
    assertThat(w.modulesWithoutSymbols()).extracting(MinidumpModule::codeFile)
        .containsExactly("app.exe");
  }

  @Test
  void theWalkStopsWhenTheStackDoesNotGrow() {
    Struct s = new Struct(0x100);
    s.u32(0x10, STACK + 0x10).u32(0x14, MODULE + 0x2010); // %ebp points at itself
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32,
        Map.of("eip", MODULE + 0x1012, "esp", STACK, "ebp", STACK + 0x10));
    List<StackFrame> f = walker(dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT), null)
        .walk(1, ctx, stack(s)).frames();
    // Frame 1 has %esp 0x10018 and %ebp 0x10010; its caller would have %esp 0x10018 again.
    assertThat(f).hasSize(2);
  }

  @Test
  void theWalkStopsAtATinyInstructionPointerAndWithoutStack() {
    Struct s = new Struct(0x40);
    s.u32(0x10, 0).u32(0x14, 0x20);
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32,
        Map.of("eip", MODULE + 0x1012, "esp", STACK, "ebp", STACK + 0x10));
    StackWalker w = walker(dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT), null);
    assertThat(w.walk(1, ctx, stack(s)).frames()).hasSize(1);
    assertThat(w.walk(1, ctx, Optional.empty()).frames()).hasSize(1);
  }

  /**
   * An address in no loaded module belongs to an unloaded one, as in Breakpad: the frame names
   * it, and a scanned return address into it is plausible.
   */
  @Test
  void unloadedModulesNameFramesAndPassTheScan() {
    MinidumpBuilder b = new MinidumpBuilder().systemInfo(SystemInfo.ARCH_X86,
        SystemInfo.OS_WIN32_NT, null).moduleList(List.of(new ModuleSpec(MODULE, 0x10000,
        "app.exe", MinidumpBuilder.pdb70(MinidumpStreamsTest.GUID, 1, "app.pdb"), 0, 0)));
    long name = b.addString("C:\\gone\\plugin.dll");
    b.stream(StreamType.UNLOADED_MODULE_LIST, new Struct(12 + 24).u32(0, 12).u32(4, 24)
        .u32(8, 1).u64(12, 0x700000).u32(20, 0x1000).u32(32, name).array());
    Minidump dump = Minidump.parse(ByteView.of(b.build()));
    Struct s = new Struct(0x20);
    s.u32(0x8, 0x700123);
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32,
        Map.of("eip", 0x700010L, "esp", STACK, "ebp", 0L));
    List<StackFrame> frames = walker(dump, null).walk(1, ctx, stack(s)).frames();
    assertThat(frames.get(0).module().map(MinidumpModule::codeFile))
        .hasValue("C:\\gone\\plugin.dll");
    assertThat(frames).hasSizeGreaterThan(1);
    assertThat(frames.get(1).trust()).isEqualTo(FrameTrust.SCAN);
    assertThat(frames.get(1).returnAddress()).isEqualTo(0x700123L);
    assertThat(StackwalkPrinter.human(ProcessState.process(dump, m -> Optional.empty())))
        .doesNotContain("plugin.dll  ");
  }

  @Test
  void aLongChainIsWalkedWhole() {
    // Deep recursion (a stack overflow) gives thousands of frames; Breakpad prints them all.
    int n = 3000;
    Struct s = new Struct(8 * n + 16);
    for (int i = 0; i < n; i++) {
      s.u32(8 * i, STACK + 8L * (i + 1)).u32(8 * i + 4, MODULE + 0x2010);
    }
    CpuContext ctx = CpuContext.of(CpuFamily.INTEL_32,
        Map.of("eip", MODULE + 0x1012, "esp", STACK, "ebp", STACK));
    assertThat(walker(dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT), null)
        .walk(1, ctx, stack(s)).frames()).hasSize(n + 1);
  }

  @Test
  void amd64FollowsTheFramePointerOffWindows() {
    Struct s = new Struct(0x100);
    s.u64(0x20, STACK + 0x60).u64(0x28, MODULE + 0x2010);
    s.u64(0x60, STACK + 0x80).u64(0x68, 0); // end
    CpuContext ctx = CpuContext.of(CpuFamily.AMD_64,
        Map.of("rip", MODULE + 0x1012, "rsp", STACK, "rbp", STACK + 0x20));
    List<StackFrame> f = walker(dump(SystemInfo.ARCH_AMD64, SystemInfo.OS_LINUX), null)
        .walk(1, ctx, stack(s)).frames();
    assertThat(f).extracting(StackFrame::trust)
        .containsExactly(FrameTrust.CONTEXT, FrameTrust.FRAME_POINTER);
    assertThat(f.get(1).context().register("rsp")).hasValue(STACK + 0x30);
    assertThat(f.get(1).context().register("rbp")).hasValue(STACK + 0x60);
  }

  @Test
  void amd64OnWindowsSimulatesALeafReturnThenScans() {
    Struct s = new Struct(0x100);
    s.u64(0, MODULE + 0x2010); // the leaf's return address on top
    s.u64(0x18, STACK + 0x80); // the caller's saved %rbp
    s.u64(0x20, MODULE + 0x3010); // found by scanning from the caller's %rsp
    CpuContext ctx = CpuContext.of(CpuFamily.AMD_64,
        Map.of("rip", MODULE + 0x1012, "rsp", STACK, "rbp", STACK + 0x18));
    List<StackFrame> f = walker(dump(SystemInfo.ARCH_AMD64, SystemInfo.OS_WIN32_NT), SYMBOLS)
        .walk(1, ctx, stack(s)).frames();
    assertThat(f).extracting(StackFrame::trust).containsExactly(FrameTrust.CONTEXT,
        FrameTrust.INLINE, FrameTrust.LEAF, FrameTrust.SCAN);
    assertThat(f.get(3).context().register("rsp")).hasValue(STACK + 0x28);
    // %rbp sat right below the return address: the caller's %rbp was saved there.
    assertThat(f.get(3).context().register("rbp")).hasValue(STACK + 0x80);
  }

  @Test
  void arm64FollowsFrameRecordsAndStripsPointerAuthentication() {
    Struct s = new Struct(0x100);
    s.u64(0x40, STACK + 0x80).u64(0x48, 0x0023_0000_0000_0000L | (MODULE + 0x3004));
    s.u64(0x80, 0).u64(0x88, 0);
    long[] x = new long[31];
    x[29] = STACK + 0x40;
    x[30] = MODULE + 0x2004; // lr
    byte[] raw = MinidumpBuilder.arm64Context(x, STACK, MODULE + 0x1010);
    CpuContext ctx = CpuContext.parse(ByteView.of(raw), 0, raw.length, CpuFamily.ARM_64);
    List<StackFrame> f = walker(dump(SystemInfo.ARCH_ARM64, SystemInfo.OS_IOS), null)
        .walk(1, ctx, stack(s)).frames();
    assertThat(f).extracting(StackFrame::trust).containsExactly(FrameTrust.CONTEXT,
        FrameTrust.FRAME_POINTER, FrameTrust.FRAME_POINTER);
    assertThat(f.get(1).returnAddress()).isEqualTo(MODULE + 0x2004);
    assertThat(f.get(1).instruction()).isEqualTo(MODULE + 0x2000);
    assertThat(f.get(1).context().register("sp")).hasValue(STACK + 0x50);
    assertThat(f.get(2).returnAddress()).isEqualTo(MODULE + 0x3004);
  }

  @Test
  void armScansForReturnAddresses() {
    Struct s = new Struct(0x40);
    s.u32(0x8, MODULE + 0x2011);
    long[] r = new long[16];
    r[13] = STACK;
    r[15] = MODULE + 0x1010;
    byte[] raw = MinidumpBuilder.armContext(r);
    CpuContext ctx = CpuContext.parse(ByteView.of(raw), 0, raw.length, CpuFamily.ARM_32);
    List<StackFrame> f = walker(dump(SystemInfo.ARCH_ARM, SystemInfo.OS_LINUX), null)
        .walk(1, ctx, stack(s)).frames();
    assertThat(f).hasSize(2);
    assertThat(f.get(1).trust()).isEqualTo(FrameTrust.SCAN);
    assertThat(f.get(1).instruction()).isEqualTo(MODULE + 0x200f);
    assertThat(f.get(1).context().register("sp")).hasValue(STACK + 0xc);
  }

  @Test
  void armOnIosFollowsR7() {
    Struct s = new Struct(0x40);
    s.u32(0x10, STACK + 0x20).u32(0x14, MODULE + 0x3011);
    s.u32(0x20, 0).u32(0x24, 0);
    long[] r = new long[16];
    r[7] = STACK + 0x10;
    r[13] = STACK;
    r[14] = MODULE + 0x2011; // lr
    r[15] = MODULE + 0x1010;
    byte[] raw = MinidumpBuilder.armContext(r);
    CpuContext ctx = CpuContext.parse(ByteView.of(raw), 0, raw.length, CpuFamily.ARM_32);
    List<StackFrame> f = walker(dump(SystemInfo.ARCH_ARM, SystemInfo.OS_IOS), null)
        .walk(1, ctx, stack(s)).frames();
    assertThat(f).extracting(StackFrame::trust).containsExactly(FrameTrust.CONTEXT,
        FrameTrust.FRAME_POINTER, FrameTrust.FRAME_POINTER);
    assertThat(f.get(1).returnAddress()).isEqualTo(MODULE + 0x2011);
    assertThat(f.get(1).context().register("sp")).hasValue(STACK + 0x18);
    assertThat(f.get(2).returnAddress()).isEqualTo(MODULE + 0x3011);
    assertThat(f.get(2).context().validRegisterNames()).containsExactly("r7", "sp", "lr", "pc");
  }

  @Test
  void processStateSkipsTheDumpThreadAndWalksTheCrashFromTheExceptionContext() {
    Struct stack = new Struct(0x40);
    stack.u32(0x10, 0).u32(0x14, MODULE + 0x2010);
    byte[] threadCtx = MinidumpBuilder.x86Context(Map.of("eip", MODULE + 0x3000L, "esp", STACK,
        "ebp", STACK + 0x10));
    byte[] crashCtx = MinidumpBuilder.x86Context(Map.of("eip", MODULE + 0x1012L, "esp", STACK,
        "ebp", STACK + 0x10, "efl", 0x246L));
    byte[] dumpBytes = new MinidumpBuilder()
        .systemInfo(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT, "Service Pack 2")
        .moduleList(List.of(new ModuleSpec(MODULE, 0x10000, "c:\\app.exe",
            MinidumpBuilder.pdb70(MinidumpStreamsTest.GUID, 1, "c:\\app.pdb"), 0x10002, 3)))
        .threadList(List.of(new ThreadSpec(7, STACK, stack.array(), threadCtx),
            new ThreadSpec(8, STACK, stack.array(), threadCtx)))
        .exception(7, 0xc0000005L, 0, MODULE + 0x1012, new long[] {1, 0x45}, crashCtx)
        .stream(StreamType.BREAKPAD_INFO, new Struct(12).u32(0, 3).u32(4, 8).u32(8, 7).array())
        .stream(StreamType.MISC_INFO, new Struct(24).u32(0, 24).u32(4, 3).u32(8, 42)
            .u32(12, 0x45d35f70L).array())
        .build();
    Minidump dump = Minidump.parse(ByteView.of(dumpBytes));
    Optional<BreakpadSymbols> symbols =
        Optional.of(BreakpadSymbols.parse(ByteView.of(SYMBOLS.getBytes(StandardCharsets.UTF_8))));
    ProcessState state = ProcessState.process(dump, m -> symbols);
    assertThat(state.threads()).hasSize(1);
    assertThat(state.requestingThread()).isZero();
    assertThat(state.uptime()).hasValue(3);
    assertThat(state.processId()).hasValue(42);
    assertThat(StackwalkPrinter.human(state)).isEqualTo(String.join("\n",
        "Operating system: Windows NT",
        "                  5.1.2600 Service Pack 2",
        "CPU: x86",
        "     GenuineIntel family 6 model 13 stepping 8",
        "     4 CPUs",
        "",
        "GPU: UNKNOWN",
        "",
        "Crash reason:  EXCEPTION_ACCESS_VIOLATION_WRITE",
        "Crash address: 0x45",
        "Crash parameters:",
        "    value: 0x0000000000000001  description: ",
        "    value: 0x0000000000000045  description: ",
        "Process uptime: 3 seconds",
        "",
        "Thread 0 (crashed)",
        " 0  app.exe!crash [app.cc : 11 + 0x2]",
        "    eip = 0x00401012   esp = 0x00010000   ebp = 0x00010010   ebx = 0x00000000",
        "    esi = 0x00000000   edi = 0x00000000   eax = 0x00000000   ecx = 0x00000000",
        "    edx = 0x00000000   efl = 0x00000246",
        "    Found by: given as instruction pointer in context",
        " 1  app.exe!inlined_helper [app.cc : 30 + 0xf]",
        " ",
        "    Found by: inlining",
        " 2  app.exe!main [app.cc : 20 + 0x10]",
        "    eip = 0x00402010   esp = 0x00010018   ebp = 0x00000000",
        "    Found by: previous frame's frame pointer",
        "",
        "Loaded modules:",
        "0x00400000 - 0x0040ffff  app.exe  1.2.0.3  (main)",
        ""));
    assertThat(StackwalkPrinter.machineReadable(state)).isEqualTo(String.join("\n",
        "OS|Windows NT|5.1.2600 Service Pack 2",
        "CPU|x86|GenuineIntel family 6 model 13 stepping 8|4",
        "GPU|||",
        "Crash|EXCEPTION_ACCESS_VIOLATION_WRITE|0x45|0",
        "Module|app.exe|1.2.0.3|app.pdb|5A9832E5287241C1838ED98914E9B7FF1|0x00400000|0x0040ffff|1",
        "",
        "0|0|app.exe|crash|c:\\src\\app.cc|11|0x2",
        "0|1|app.exe|inlined_helper|c:\\src\\app.cc|30|0xf",
        "0|2|app.exe|main|c:\\src\\app.cc|20|0x10",
        ""));
    String json = StackwalkJson.of(state);
    assertThat(json).startsWith("{\"status\":\"OK\",\"pid\":42,\"crash_info\":{\"type\":"
        + "\"EXCEPTION_ACCESS_VIOLATION_WRITE\",\"address\":\"0x00000045\",\"crashing_thread\":0,");
    assertThat(json).contains("\"frame_count\":2")
        .contains("\"inlines\":[{\"function\":\"inlined_helper\",\"file\":\"c:\\\\src\\\\app.cc\","
            + "\"line\":30}]")
        .contains("\"registers\":{\"eip\":\"0x00401012\"")
        .contains("\"loaded_symbols\":true");
  }

  @Test
  void aPublicSymbolIsBoundedByTheNearestFunctionBelow() {
    String sym = String.join("\n", "MODULE windows x86 5A9832E5287241C1838ED98914E9B7FF1 app.pdb",
        "FUNC 1000 100 0 f", "PUBLIC 800 0 early", "PUBLIC 3000 0 late", "");
    StackWalker w = walker(dump(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT), sym);
    // After f ends, Breakpad does not reach back past f to the public symbol before it.
    assertThat(w.walk(1, CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", MODULE + 0x1200,
        "esp", STACK)), Optional.empty()).frames().get(0).function()).isEmpty();
    assertThat(w.instructionSeemsValid(MODULE + 0x1200)).isFalse();
    assertThat(w.walk(1, CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", MODULE + 0x3005,
        "esp", STACK)), Optional.empty()).frames().get(0).function()).isEqualTo("late");
    assertThat(w.walk(1, CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", MODULE + 0x900,
        "esp", STACK)), Optional.empty()).frames().get(0).function()).isEqualTo("early");
  }

  @Test
  void modulesWithMissingOrCorruptSymbolsAreFlagged(@TempDir Path store) throws IOException {
    byte[] stack = new Struct(0x40).u32(0x10, 0).u32(0x14, MODULE + 0x2010).array();
    byte[] dumpBytes = new MinidumpBuilder()
        .systemInfo(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT, null)
        .moduleList(List.of(
            new ModuleSpec(MODULE, 0x10000, "c:\\app.exe",
                MinidumpBuilder.pdb70(MinidumpStreamsTest.GUID, 1, "c:\\app.pdb"), 0, 0),
            new ModuleSpec(0x500000, 0x1000, "c:\\other.dll",
                MinidumpBuilder.pdb70(MinidumpStreamsTest.GUID, 2, "other.pdb"), 0, 0)))
        .threadList(List.of(new ThreadSpec(1, STACK, stack, MinidumpBuilder.x86Context(
            Map.of("eip", MODULE + 0x1010L, "esp", STACK, "ebp", STACK + 0x10)))))
        .build();
    Path dir = store.resolve("app.pdb").resolve("5A9832E5287241C1838ED98914E9B7FF1");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("app.sym"), "not a symbol file\n");
    ProcessState state = ProcessState.process(Minidump.parse(ByteView.of(dumpBytes)),
        SymbolSupplier.of(List.of(store)));
    assertThat(state.modulesWithCorruptSymbols()).extracting(MinidumpModule::codeFile)
        .containsExactly("c:\\app.exe");
    assertThat(state.modulesWithoutSymbols()).isEmpty();
    assertThat(StackwalkPrinter.human(state)).contains(
        "0x00400000 - 0x0040ffff  app.exe  ???  (main)  (WARNING: Corrupt symbols, app.pdb,"
            + " 5A9832E5287241C1838ED98914E9B7FF1)\n",
        "0x00500000 - 0x00500fff  other.dll  ???\n");
    Files.delete(dir.resolve("app.sym"));
    ProcessState missing = ProcessState.process(Minidump.parse(ByteView.of(dumpBytes)),
        SymbolSupplier.of(List.of(store)));
    assertThat(StackwalkPrinter.human(missing)).contains(
        "app.exe  ???  (main)  (WARNING: No symbols, app.pdb, 5A9832E5287241C1838ED98914E9B7FF1)");
    assertThat(StackwalkJson.of(missing)).contains("\"missing_symbols\":true");
  }
}
