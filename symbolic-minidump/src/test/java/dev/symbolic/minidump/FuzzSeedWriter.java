package dev.symbolic.minidump;

import dev.symbolic.minidump.MinidumpBuilder.ModuleSpec;
import dev.symbolic.minidump.MinidumpBuilder.ThreadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the seeds of the fuzz module's {@code MinidumpFuzzTest}: small synthesized dumps with
 * every stream kind for {@code reader} and {@code stackwalk}, and the same prefixed with a symbol
 * file with {@code STACK WIN} and {@code STACK CFI} records for {@code stackwalkWithSymbols}.
 * Not a test; run it by hand from the repository root after {@code ./mvnw -q -pl
 * symbolic-minidump -am test-compile}:
 *
 * <pre>
 * java -cp symbolic-minidump/target/test-classes:symbolic-minidump/target/classes:\
 * symbolic-common/target/classes dev.symbolic.minidump.FuzzSeedWriter \
 *     fuzz/src/test/resources/dev/symbolic/fuzz/MinidumpFuzzTestInputs
 * </pre>
 */
public final class FuzzSeedWriter {
  private FuzzSeedWriter() {}

  /**
   * Writes the seeds.
   *
   * @param args the directory holding one seed directory per fuzz target
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path dir = root.resolve("reader");
    Files.createDirectories(dir);
    byte[] stack = new byte[64];
    stack[0] = 0x10;
    stack[1] = 0x10;
    stack[2] = 0x40;
    Map<Long, byte[]> memory = new LinkedHashMap<>();
    memory.put(0x1000L, stack);
    Files.write(dir.resolve("windows-x86.dmp"), new MinidumpBuilder()
        .systemInfo(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT, "Service Pack 2")
        .threadList(List.of(new ThreadSpec(1, 0x1000, stack,
            MinidumpBuilder.x86Context(Map.of("eip", 0x401000L, "esp", 0x1000L)))))
        .moduleList(List.of(new ModuleSpec(0x400000, 0x2000, "a.exe",
            MinidumpBuilder.pdb70(MinidumpStreamsTest.GUID, 1, "a.pdb"), 0x10002, 3)))
        .memoryList(memory)
        .exception(1, 0xc0000005L, 0, 0x401000, new long[] {1, 0x45},
            MinidumpBuilder.x86Context(Map.of("eip", 0x401000L, "esp", 0x1000L)))
        .stream(StreamType.MISC_INFO, new MinidumpBuilder.Struct(24).u32(0, 24).u32(4, 3)
            .array())
        .stream(StreamType.BREAKPAD_INFO, new MinidumpBuilder.Struct(12).u32(0, 3).array())
        .build());
    Files.write(dir.resolve("linux-amd64.dmp"), new MinidumpBuilder()
        .systemInfo(SystemInfo.ARCH_AMD64, SystemInfo.OS_LINUX, "Linux 5.10")
        .threadList(List.of(new ThreadSpec(7, 0x7ffe0000L, new byte[64],
            MinidumpBuilder.amd64Context(Map.of("rip", 0x555555554000L, "rsp", 0x7ffe0000L)))))
        .moduleList(List.of(new ModuleSpec(0x555555554000L, 0x1000, "/bin/app",
            MinidumpBuilder.elfBuildId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), 0, 0)))
        .memory64List(Map.of(0x7ffe0000L, new byte[32]))
        .exception(7, 11, 1, 0, new long[0], new byte[0])
        .stream(StreamType.LINUX_CMD_LINE, "/bin/app\0-v\0".getBytes(StandardCharsets.UTF_8))
        .stream(StreamType.LINUX_AUXV, new MinidumpBuilder.Struct(32).u64(0, 6).u64(8, 4096)
            .array())
        .build());
    Files.write(dir.resolve("arm64.dmp"), new MinidumpBuilder()
        .systemInfo(SystemInfo.ARCH_ARM64, SystemInfo.OS_IOS, null)
        .threadList(List.of(new ThreadSpec(3, 0x2000, new byte[16],
            MinidumpBuilder.arm64Context(new long[31], 0x2000, 0x100000))))
        .exception(3, 1, 1, 0x10, new long[0], new byte[0])
        .build());
    Path walk = root.resolve("stackwalk");
    Path withSymbols = root.resolve("stackwalkWithSymbols");
    Files.createDirectories(walk);
    Files.createDirectories(withSymbols);
    byte[] symbols = String.join("\n",
        "MODULE windows x86 5A9832E5287241C1838ED98914E9B7FF1 a.pdb",
        "FILE 1 a.c",
        "FUNC 1000 100 8 f",
        "1000 100 1 1",
        "STACK WIN 4 1000 100 0 0 8 0 0 0 1 $T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = "
            + "$esp $T0 8 + =",
        "STACK CFI INIT 1000 100 .cfa: $esp 4 + .ra: .cfa -4 + ^",
        "STACK CFI 1004 .cfa: $esp 8 + $ebp: .cfa -8 + ^",
        "").getBytes(StandardCharsets.UTF_8);
    try (var files = Files.list(dir)) {
      for (Path seed : (Iterable<Path>) files::iterator) {
        byte[] dump = Files.readAllBytes(seed);
        Files.write(walk.resolve(seed.getFileName()), dump);
        byte[] prefixed = new byte[2 + symbols.length + dump.length];
        prefixed[0] = (byte) (symbols.length >> 8);
        prefixed[1] = (byte) symbols.length;
        System.arraycopy(symbols, 0, prefixed, 2, symbols.length);
        System.arraycopy(dump, 0, prefixed, 2 + symbols.length, dump.length);
        Files.write(withSymbols.resolve(seed.getFileName()), prefixed);
      }
    }
  }
}
