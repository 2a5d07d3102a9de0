package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.minidump.MinidumpBuilder.ModuleSpec;
import dev.symbolic.minidump.MinidumpBuilder.Struct;
import dev.symbolic.minidump.MinidumpBuilder.ThreadSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each stream of synthesized dumps, read back field by field. */
class MinidumpStreamsTest {
  static final byte[] GUID = {
    (byte) 0xe5, 0x32, (byte) 0x98, 0x5a, 0x72, 0x28, (byte) 0xc1, 0x41,
    (byte) 0x83, (byte) 0x8e, (byte) 0xd9, (byte) 0x89, 0x14, (byte) 0xe9, (byte) 0xb7, (byte) 0xff
  };

  static Minidump parse(MinidumpBuilder b) {
    return Minidump.parse(ByteView.of(b.build()));
  }

  @Test
  void headerAndDirectory() {
    Minidump d = parse(new MinidumpBuilder().timestamp(1234).stream(0x12345678L, new byte[8])
        .stream(StreamType.UNUSED, new byte[0]));
    assertThat(d.version()).isEqualTo(0xa793);
    assertThat(d.timestamp()).isEqualTo(1234);
    assertThat(d.streams()).hasSize(2);
    assertThat(d.streams().get(0).type()).isEqualTo(0x12345678L);
    assertThat(d.streams().get(0).typeName()).isEqualTo("unknown");
    assertThat(d.streams().get(1).typeName()).isEqualTo("MD_UNUSED_STREAM");
    assertThat(d.stream(0x12345678L)).isPresent();
    assertThat(d.streamBytes(d.streams().get(0)).length()).isEqualTo(8);
  }

  @Test
  void aDumpWithoutStreamsHasEmptyResults() {
    Minidump d = parse(new MinidumpBuilder());
    assertThat(d.threads()).isEmpty();
    assertThat(d.modules()).isEmpty();
    assertThat(d.memory().regions()).isEmpty();
    assertThat(d.exception()).isEmpty();
    assertThat(d.crashReason()).isEmpty();
    assertThat(d.systemInfo()).isEmpty();
    assertThat(d.cpuFamily()).isEqualTo(CpuFamily.UNKNOWN);
    assertThat(d.threadNames()).isEmpty();
    assertThat(d.linuxCmdLine()).isEmpty();
    assertThat(d.crashpadInfo()).isEmpty();
    assertThat(MinidumpReading.readEverything(d)).isNotZero();
  }

  @Test
  void rejectsWhatIsNotAMinidump() {
    assertThatThrownBy(() -> Minidump.parse(ByteView.of(new byte[10])))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("too small");
    assertThatThrownBy(() -> Minidump.parse(ByteView.of(new byte[64])))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("MDMP");
    byte[] micro = ("01-25 09:57:54.139 F/google-breakpad(23467): -----BEGIN BREAKPAD MICRODUMP"
        + "-----\n").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Minidump.parse(ByteView.of(micro)))
        .isInstanceOf(MinidumpException.class)
        .hasMessageContaining("microdump without system, stack or context records");
    byte[] swapped = new MinidumpBuilder().build();
    swapped[0] = 'P';
    swapped[1] = 'M';
    swapped[2] = 'D';
    swapped[3] = 'M';
    assertThatThrownBy(() -> Minidump.parse(ByteView.of(swapped)))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("big-endian");
    byte[] version = new MinidumpBuilder().build();
    version[4] = 0;
    assertThatThrownBy(() -> Minidump.parse(ByteView.of(version)))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("version");
    byte[] directory = new MinidumpBuilder().build();
    directory[8] = 100; // 100 entries, none present
    assertThatThrownBy(() -> Minidump.parse(ByteView.of(directory)))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("directory");
  }

  @Test
  void aStreamOutsideTheFileFailsOnlyItsOwnAccessor() {
    Minidump d = parse(new MinidumpBuilder().systemInfo(0, SystemInfo.OS_LINUX, "x")
        .entry(StreamType.THREAD_LIST, 1000, 1 << 20));
    assertThat(d.systemInfo()).isPresent();
    assertThatThrownBy(d::threads).isInstanceOf(MinidumpException.class)
        .hasMessageContaining("past the end");
  }

  @Test
  void threadsWithContextAndStack() {
    byte[] stack = new byte[64];
    stack[8] = 0x78;
    stack[9] = 0x56;
    stack[10] = 0x34;
    stack[11] = 0x12;
    byte[] ctx = MinidumpBuilder.x86Context(Map.of("eip", 0x401000L, "esp", 0x1000L,
        "ebp", 0x1010L, "eax", 0xFFFF_FFFFL, "efl", 0x246L));
    Minidump d = parse(new MinidumpBuilder().systemInfo(SystemInfo.ARCH_X86, 2, null)
        .threadList(List.of(new ThreadSpec(0xbf4, 0x1000, stack, ctx))));
    MinidumpThread t = d.threads().get(0);
    assertThat(t.threadId()).isEqualTo(0xbf4);
    assertThat(t.teb()).isEqualTo(0x7ffdf000L);
    MemoryRegion s = t.stack().orElseThrow();
    assertThat(s.start()).isEqualTo(0x1000);
    assertThat(s.readU32(0x1008)).hasValue(0x12345678L);
    assertThat(s.readU32(0x103e)).isEmpty();
    CpuContext c = t.context().orElseThrow();
    assertThat(c.family()).isEqualTo(CpuFamily.INTEL_32);
    assertThat(c.flags()).isEqualTo(0x1003f);
    assertThat(c.instructionPointer()).hasValue(0x401000L);
    assertThat(c.stackPointer()).hasValue(0x1000L);
    assertThat(c.register("$ebp")).hasValue(0x1010L);
    assertThat(c.register("eax")).hasValue(0xFFFF_FFFFL);
    assertThat(c.register("rip")).isEmpty();
    assertThat(c.allValid()).isTrue();
    assertThat(c.registerNames()).containsExactly(
        "eip", "esp", "ebp", "ebx", "esi", "edi", "eax", "ecx", "edx", "efl");
  }

  @Test
  void aPaddedThreadListIsAccepted() {
    MinidumpBuilder b = new MinidumpBuilder();
    long ctx = b.add(MinidumpBuilder.x86Context(Map.of("eip", 7L)));
    Struct list = new Struct(8 + 48).u32(0, 1).u32(8, 42).u32(48, CpuContext.X86_SIZE)
        .u32(52, ctx);
    Minidump d = parse(b.stream(StreamType.THREAD_LIST, list.array()));
    assertThat(d.threads()).singleElement().satisfies(t -> {
      assertThat(t.threadId()).isEqualTo(42);
      assertThat(t.context().orElseThrow().instructionPointer()).hasValue(7L);
    });
  }

  @Test
  void aThreadCountBeyondTheStreamIsRejected() {
    Minidump d = parse(new MinidumpBuilder().stream(StreamType.THREAD_LIST,
        new Struct(52).u32(0, 0x10000000).array()));
    assertThatThrownBy(d::threads).isInstanceOf(MinidumpException.class)
        .hasMessageContaining("does not fit");
  }

  @Test
  void threadNamesAndThreadInfo() {
    MinidumpBuilder b = new MinidumpBuilder();
    long name = b.addString("main thread");
    b.stream(StreamType.THREAD_NAMES, new Struct(16).u32(0, 1).u32(4, 7).u64(8, name).array());
    b.stream(StreamType.THREAD_INFO_LIST, new Struct(12 + 64).u32(0, 12).u32(4, 64).u32(8, 1)
        .u32(12, 7).u64(12 + 48, 0x401000L).array());
    Minidump d = parse(b);
    assertThat(d.threadNames()).containsExactly(Map.entry(7L, "main thread"));
    assertThat(d.threadInfos()).singleElement().satisfies(i -> {
      assertThat(i.threadId()).isEqualTo(7);
      assertThat(i.startAddress()).isEqualTo(0x401000L);
    });
  }

  @Test
  void modulesWithPdbAndElfIdentifiers() {
    byte[] buildId = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    Minidump d = parse(new MinidumpBuilder().moduleList(List.of(
        new ModuleSpec(0x400000, 0x2d000, "c:\\test_app.exe",
            MinidumpBuilder.pdb70(GUID, 1, "c:\\test_app.pdb"), 0x50001, 0x0a280884),
        new ModuleSpec(0x7f0000000000L, 0x1000, "/lib/libc.so.6",
            MinidumpBuilder.elfBuildId(buildId), 0, 0),
        new ModuleSpec(0x10000, 0x1000, "nocv.dll", new byte[0], 0, 0))));
    List<MinidumpModule> m = d.modules();
    MinidumpModule pe = m.get(0);
    assertThat(pe.codeFile()).isEqualTo("c:\\test_app.exe");
    assertThat(pe.debugFile()).isEqualTo("c:\\test_app.pdb");
    assertThat(pe.debugIdentifier()).isEqualTo("5A9832E5287241C1838ED98914E9B7FF1");
    assertThat(pe.debugId().orElseThrow().toString())
        .isEqualTo("5a9832e5-2872-41c1-838e-d98914e9b7ff-1");
    assertThat(pe.codeIdentifier()).isEqualTo("45D35F6C2d000");
    assertThat(pe.codeId().toString()).isEqualTo("45d35f6c2d000");
    assertThat(pe.version()).hasValue("5.1.2600.2180");
    assertThat(pe.contains(0x42cfffL)).isTrue();
    assertThat(pe.contains(0x42d000L)).isFalse();
    MinidumpModule elf = m.get(1);
    assertThat(elf.debugFile()).isEqualTo("/lib/libc.so.6");
    assertThat(elf.codeIdentifier()).isEqualTo("0102030405060708090a0b0c0d0e0f1011121314");
    assertThat(elf.debugIdentifier()).isEqualTo("0403020106050807090A0B0C0D0E0F100");
    assertThat(elf.version()).isEmpty();
    MinidumpModule none = m.get(2);
    assertThat(none.debugFile()).isEmpty();
    assertThat(none.debugIdentifier()).isEmpty();
    assertThat(none.debugId()).isEmpty();
  }

  @Test
  void pdb20CodeViewRecord() {
    byte[] name = "old.pdb\0".getBytes(StandardCharsets.US_ASCII);
    byte[] cv = new Struct(16 + name.length).u32(0, CodeViewRecord.PDB20).u32(8, 0x3a1b2c3dL)
        .u32(12, 2).bytes(16, name).array();
    Minidump d = parse(new MinidumpBuilder().moduleList(
        List.of(new ModuleSpec(0x1000, 0x1000, "old.dll", cv, 0, 0))));
    MinidumpModule m = d.modules().get(0);
    assertThat(m.debugFile()).isEqualTo("old.pdb");
    assertThat(m.debugIdentifier()).isEqualTo("3A1B2C3D2");
    assertThat(m.debugId()).isEmpty();
  }

  @Test
  void unloadedModules() {
    MinidumpBuilder b = new MinidumpBuilder();
    long name = b.addString("gone.dll");
    b.stream(StreamType.UNLOADED_MODULE_LIST, new Struct(12 + 24).u32(0, 12).u32(4, 24).u32(8, 1)
        .u64(12, 0x5000).u32(20, 0x100).u32(32, name).array());
    UnloadedModule u = parse(b).unloadedModules().get(0);
    assertThat(u.codeFile()).isEqualTo("gone.dll");
    assertThat(u.contains(0x50ff)).isTrue();
    assertThat(u.contains(0x5100)).isFalse();
  }

  @Test
  void memoryFromBothListsIsSearchedByAddress() {
    Map<Long, byte[]> small = new LinkedHashMap<>();
    small.put(0x2000L, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    small.put(0x1000L, new byte[] {9, 9, 9, 9});
    Map<Long, byte[]> big = new LinkedHashMap<>();
    big.put(0xffff_ffff_0000_0000L, new byte[] {1, 0, 0, 0, 0, 0, 0, (byte) 0x80});
    big.put(0x3000L, new byte[] {0x11, 0x22});
    Minidump d = parse(new MinidumpBuilder().memoryList(small).memory64List(big));
    MinidumpMemory m = d.memory();
    assertThat(m.regions()).extracting(MemoryRegion::start)
        .containsExactly(0x1000L, 0x2000L, 0x3000L, 0xffff_ffff_0000_0000L);
    assertThat(m.readU32(0x2000)).hasValue(0x04030201L);
    assertThat(m.readU64(0x2000)).hasValue(0x0807060504030201L);
    assertThat(m.readU32(0x2005)).isEmpty(); // straddles the end
    assertThat(m.readU32(0x1fff)).isEmpty(); // unmapped
    assertThat(m.readU8(0x3001)).hasValue(0x22);
    assertThat(m.readU64(0xffff_ffff_0000_0000L)).hasValue(0x8000000000000001L);
    assertThat(m.readPointer(0x1000, 4)).hasValue(0x09090909L);
    assertThat(m.regionFor(0x1003)).hasValueSatisfying(r -> assertThat(r.size()).isEqualTo(4));
    assertThat(m.regionFor(0x1004)).isEmpty();
    assertThat(m.readU32(-1)).isEmpty();
  }

  @Test
  void aMemoryRegionOutsideTheFileIsRejected() {
    Minidump d = parse(new MinidumpBuilder().stream(StreamType.MEMORY_LIST,
        new Struct(20).u32(0, 1).u64(4, 0x1000).u32(12, 0x100).u32(16, 0x100000).array()));
    assertThatThrownBy(d::memory).isInstanceOf(MinidumpException.class);
  }

  @Test
  void memoryInfoList() {
    Minidump d = parse(new MinidumpBuilder().stream(StreamType.MEMORY_INFO_LIST,
        new Struct(16 + 48).u32(0, 16).u32(4, 48).u64(8, 1).u64(16, 0x400000).u64(24, 0x400000)
            .u64(40, 0x1000).u32(48, 0x1000).u32(52, 0x20).u32(56, 0x1000000).array()));
    MemoryInfo i = d.memoryInfos().get(0);
    assertThat(i.baseAddress()).isEqualTo(0x400000);
    assertThat(i.regionSize()).isEqualTo(0x1000);
    assertThat(i.isExecutable()).isTrue();
    assertThat(i.contains(0x400fff)).isTrue();
  }

  @Test
  void systemInfoStrings() {
    SystemInfo s = parse(new MinidumpBuilder().systemInfo(SystemInfo.ARCH_X86,
        SystemInfo.OS_WIN32_NT, "Service Pack 2")).systemInfo().orElseThrow();
    assertThat(s.os()).isEqualTo("Windows NT");
    assertThat(s.osVersion()).isEqualTo("5.1.2600 Service Pack 2");
    assertThat(s.cpu()).isEqualTo("x86");
    assertThat(s.cpuInfo()).isEqualTo("GenuineIntel family 6 model 13 stepping 8");
    assertThat(s.processorCount()).isEqualTo(4);
    SystemInfo linux = parse(new MinidumpBuilder().systemInfo(SystemInfo.ARCH_AMD64,
        SystemInfo.OS_LINUX, null)).systemInfo().orElseThrow();
    assertThat(linux.os()).isEqualTo("Linux");
    assertThat(linux.osVersion()).isEqualTo("5.1.2600");
    assertThat(linux.cpu()).isEqualTo("amd64");
    assertThat(linux.cpuInfo()).isEqualTo("family 6 model 13 stepping 8");
    assertThat(linux.cpuFamily()).isEqualTo(CpuFamily.AMD_64);
    SystemInfo odd = parse(new MinidumpBuilder().systemInfo(0x1234, 0x9999, null))
        .systemInfo().orElseThrow();
    assertThat(odd.os()).isEqualTo("0x00009999");
    assertThat(odd.cpu()).isEqualTo("0x1234");
    assertThat(odd.cpuInfo()).isEmpty();
  }

  @Test
  void armCpuInfo() {
    assertThat(ArmCpuNames.describe(7, 0x413fc090L, (1 << 2) | (1 << 12)))
        .isEqualTo("ARMv7 ARM Cortex-A9 features: thumb,neon");
    assertThat(ArmCpuNames.describe(8, 0x12000000L, 0))
        .isEqualTo("ARMv8 vendor(0x12) part(0x12000000)");
  }

  @Test
  void miscInfoBreakpadInfoAndAssertion() {
    MinidumpBuilder b = new MinidumpBuilder()
        .stream(StreamType.MISC_INFO, new Struct(24).u32(0, 24).u32(4, 3).u32(8, 3932)
            .u32(12, 0x45d35f70L).array())
        .stream(StreamType.BREAKPAD_INFO, new Struct(12).u32(0, 2).u32(4, 1).u32(8, 0xbf4).array());
    Struct a = new Struct(AssertionInfo.SIZE);
    a.bytes(0, "x != 0".getBytes(StandardCharsets.UTF_16LE));
    a.bytes(256, "f".getBytes(StandardCharsets.UTF_16LE));
    a.bytes(512, "a.c".getBytes(StandardCharsets.UTF_16LE));
    a.u32(768, 3).u32(772, 1);
    Minidump d = parse(b.stream(StreamType.ASSERTION_INFO, a.array()));
    MiscInfo m = d.miscInfo().orElseThrow();
    assertThat(m.processId()).isEqualTo(3932);
    assertThat(m.hasProcessId()).isTrue();
    assertThat(m.hasProcessTimes()).isTrue();
    assertThat(m.processCreateTime()).isEqualTo(0x45d35f70L);
    assertThat(m.buildString()).isEmpty();
    assertThat(d.processUptime()).hasValue(0x45d35f73L - 0x45d35f70L);
    BreakpadInfo bp = d.breakpadInfo().orElseThrow();
    assertThat(bp.dumpThreadId()).isEmpty();
    assertThat(bp.requestingThreadId()).hasValue(0xbf4L);
    assertThat(d.assertion().orElseThrow().description()).isEqualTo(
        "Invalid parameter passed to library function x != 0 in function f, in file a.c"
            + " at line 3");
  }

  @Test
  void crashpadAnnotations() {
    MinidumpBuilder b = new MinidumpBuilder();
    long k = b.addUtf8("ver");
    long v = b.addUtf8("1.0");
    long dict = b.add(new Struct(12).u32(0, 1).u32(4, k).u32(8, v).array());
    long item = b.addUtf8("hello");
    long list = b.add(new Struct(8).u32(0, 1).u32(4, item).array());
    long objName = b.addUtf8("obj");
    long objValue = b.add(new Struct(7).u32(0, 3).bytes(4, "abc".getBytes()).array());
    long objects = b.add(new Struct(16).u32(0, 1).u32(4, objName).u16(8, 1).u32(12, objValue)
        .array());
    long moduleInfo = b.add(new Struct(28).u32(0, 1).u32(4, 8).u32(8, list).u32(12, 12)
        .u32(16, dict).u32(20, 16).u32(24, objects).array());
    long modules = b.add(new Struct(16).u32(0, 1).u32(4, 3).u32(8, 28).u32(12, moduleInfo)
        .array());
    Struct info = new Struct(52).u32(0, 1).u32(4, 0x01020304).u16(8, 0x0506).u16(10, 0x0708)
        .u32(36, 12).u32(40, dict).u32(44, 16).u32(48, modules);
    CrashpadInfo c = parse(b.stream(StreamType.CRASHPAD_INFO, info.array())).crashpadInfo()
        .orElseThrow();
    assertThat(c.reportId()).isEqualTo(UUID.fromString("01020304-0506-0708-0000-000000000000"));
    assertThat(c.simpleAnnotations()).containsExactly(Map.entry("ver", "1.0"));
    CrashpadModuleInfo m = c.modules().get(0);
    assertThat(m.moduleIndex()).isEqualTo(3);
    assertThat(m.listAnnotations()).containsExactly("hello");
    assertThat(m.simpleAnnotations()).containsEntry("ver", "1.0");
    assertThat(m.annotationObjects()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("obj");
      assertThat(a.type()).isEqualTo(CrashpadAnnotation.TYPE_STRING);
      assertThat(a.valueAsString()).isEqualTo("abc");
    });
  }

  @Test
  void linuxStreams() {
    byte[] auxv = new Struct(48).u64(0, 6).u64(8, 4096).u64(16, 33).u64(24, 0x7fff0000L)
        .array();
    Minidump d = parse(new MinidumpBuilder().systemInfo(SystemInfo.ARCH_AMD64, SystemInfo.OS_LINUX,
            null)
        .stream(StreamType.LINUX_CPU_INFO, "processor : 0\n".getBytes(StandardCharsets.UTF_8))
        .stream(StreamType.LINUX_MAPS, "00400000-00401000 r-xp\n".getBytes(StandardCharsets.UTF_8))
        .stream(StreamType.LINUX_CMD_LINE, "/bin/app\0--flag\0".getBytes(StandardCharsets.UTF_8))
        .stream(StreamType.LINUX_ENVIRON, "A=1\0B=2\0".getBytes(StandardCharsets.UTF_8))
        .stream(StreamType.LINUX_AUXV, auxv)
        .stream(StreamType.LINUX_DSO_DEBUG, new byte[40]));
    assertThat(d.linuxCpuInfo()).hasValue("processor : 0\n");
    assertThat(d.linuxMaps()).hasValueSatisfying(m -> assertThat(m).startsWith("00400000"));
    assertThat(d.linuxProcStatus()).isEmpty();
    assertThat(d.linuxCmdLine()).containsExactly("/bin/app", "--flag");
    assertThat(d.linuxEnviron()).containsExactly("A=1", "B=2");
    assertThat(d.linuxAuxv())
        .containsExactly(new AuxvEntry(6, 4096), new AuxvEntry(33, 0x7fff0000L));
    assertThat(d.linuxDsoDebug()).hasValueSatisfying(b -> assertThat(b.length()).isEqualTo(40));
  }

  @Test
  void handleData() {
    MinidumpBuilder b = new MinidumpBuilder();
    long type = b.addString("File");
    Minidump d = parse(b.stream(StreamType.HANDLE_DATA, new Struct(16 + 32).u32(0, 16).u32(4, 32)
        .u32(8, 1).u64(16, 0x44).u32(24, type).u32(36, 0x12019f).u32(40, 1).array()));
    HandleDescriptor h = d.handles().get(0);
    assertThat(h.handle()).isEqualTo(0x44);
    assertThat(h.typeName()).isEqualTo("File");
    assertThat(h.objectName()).isEmpty();
    assertThat(h.grantedAccess()).isEqualTo(0x12019f);
  }

  @Test
  void aHugeStringLengthIsRejected() {
    MinidumpBuilder b = new MinidumpBuilder();
    long name = b.add(new Struct(8).u32(0, 0x7fffffff).array());
    Struct list = new Struct(4 + 108).u32(0, 1).u32(4 + 20, name);
    Minidump d = parse(b.stream(StreamType.MODULE_LIST, list.array()));
    assertThatThrownBy(d::modules).isInstanceOf(MinidumpException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void modulesSharingOneLongNameCannotMultiplyTheOutput() {
    MinidumpBuilder b = new MinidumpBuilder();
    long name = b.addString("x".repeat(100_000));
    int n = 100;
    Struct list = new Struct(4 + 108 * n).u32(0, n);
    for (int i = 0; i < n; i++) {
      list.u32(4 + 108 * i + 20, name);
    }
    Minidump d = parse(b.stream(StreamType.MODULE_LIST, list.array()));
    assertThatThrownBy(d::modules).isInstanceOf(MinidumpException.class)
        .hasMessageContaining("more bytes than the file");
  }
}
