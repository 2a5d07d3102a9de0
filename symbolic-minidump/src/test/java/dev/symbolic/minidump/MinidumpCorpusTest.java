package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads every minidump of the shared corpus and checks minidump2 against Breakpad's outputs. */
class MinidumpCorpusTest {
  static Path corpus() {
    return Path.of(System.getProperty("symbolic.corpus", "../shared/corpus")).resolve("minidump");
  }

  static List<Path> dumps() throws IOException {
    Path root = corpus();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".dmp")).sorted().collect(Collectors.toList());
    }
  }

  static Path minidump2() {
    Path p = corpus().resolve("breakpad/minidump2.dmp");
    assumeTrue(Files.isRegularFile(p),
        "corpus absent at " + corpus().toAbsolutePath() + "; skipped");
    return p;
  }

  @Test
  void everyDumpParsesOrIsRejectedWithTheDocumentedException() throws IOException {
    List<Path> files = dumps();
    assumeTrue(!files.isEmpty(), "corpus absent at " + corpus().toAbsolutePath() + "; skipped");
    List<String> rejected = new ArrayList<>();
    int parsed = 0;
    for (Path p : files) {
      String name = p.getFileName().toString();
      ByteView bytes = ByteView.map(p);
      try {
        Minidump dump = Minidump.parse(bytes);
        MinidumpReading.readEverything(dump);
        parsed++;
      } catch (MinidumpException e) {
        assertThat(name).as("only the invalid dumps may be rejected: " + e).startsWith("invalid-");
        rejected.add(name);
      }
    }
    assertThat(parsed).isGreaterThanOrEqualTo(57); // the 7 text microdumps included
    // The invalid dumps have valid headers; what is broken is streams pointing past the end of
    // the file, which only their (unknown or raw) streams' readers see.
    assertThat(rejected).isEmpty();
  }

  @Test
  void streamsOfTheInvalidDumpsThatPointOutsideTheFileAreRejected() throws IOException {
    for (String name : List.of("invalid-range.dmp", "invalid-record-count.dmp")) {
      Path p = corpus().resolve("rust-minidump").resolve(name);
      assumeTrue(Files.isRegularFile(p), "corpus absent; skipped");
      Minidump dump = Minidump.parse(ByteView.map(p));
      long outside = dump.streams().stream()
          .filter(s -> s.rva() + s.size() > dump.bytes().length())
          .peek(s -> assertThatThrownBy(() -> dump.streamBytes(s))
              .isInstanceOf(MinidumpException.class))
          .count();
      assertThat(outside).as(name).isPositive();
    }
  }

  @Test
  void minidump2AgreesWithMachineReadableStackwalk() throws IOException {
    Path dmp = minidump2();
    Minidump dump = Minidump.parse(ByteView.map(dmp));
    List<String> expected = Files.readAllLines(
        dmp.resolveSibling("minidump2.stackwalk.machine_readable.out"), StandardCharsets.UTF_8);
    SystemInfo system = dump.systemInfo().orElseThrow();
    assertThat("OS|" + system.os() + "|" + system.osVersion()).isEqualTo(expected.get(0));
    assertThat("CPU|" + system.cpu() + "|" + system.cpuInfo() + "|" + system.processorCount())
        .isEqualTo(expected.get(1));
    CrashReason crash = dump.crashReason().orElseThrow();
    assertThat("Crash|" + crash.reason() + "|0x" + Long.toHexString(crash.address()) + "|0")
        .isEqualTo(expected.get(3));
    List<String> modules = new ArrayList<>();
    List<MinidumpModule> list = dump.modules();
    // Breakpad lists modules by address, flagging the main (first) module.
    List<MinidumpModule> sorted = new ArrayList<>(list);
    sorted.sort((a, b) -> Long.compareUnsigned(a.baseAddress(), b.baseAddress()));
    for (MinidumpModule m : sorted) {
      modules.add(String.format(Locale.ROOT, "Module|%s|%s|%s|%s|0x%08x|0x%08x|%d",
          basename(m.codeFile()), m.version().orElse(""), basename(m.debugFile()),
          m.debugIdentifier(), m.baseAddress(), m.baseAddress() + m.size() - 1,
          m == list.get(0) ? 1 : 0));
    }
    List<String> expectedModules =
        expected.stream().filter(l -> l.startsWith("Module|")).collect(Collectors.toList());
    assertThat(modules).containsExactlyElementsOf(expectedModules);
  }

  @Test
  void minidump2AgreesWithMinidumpDump() throws IOException {
    Path dmp = minidump2();
    Minidump dump = Minidump.parse(ByteView.map(dmp));
    String out = Files.readString(dmp.resolveSibling("minidump2.dump.out"));
    assertThat(out).contains("  version              = 0x" + Long.toHexString(dump.version()));
    assertThat(out).contains("  stream_count         = " + dump.streams().size());
    assertThat(dump.timestamp()).isEqualTo(0x45d35f73L);
    assertThat(dump.streams()).extracting(MinidumpStream::typeName).startsWith(
        "MD_THREAD_LIST_STREAM", "MD_MODULE_LIST_STREAM", "MD_MEMORY_LIST_STREAM",
        "MD_EXCEPTION_STREAM", "MD_SYSTEM_INFO_STREAM", "MD_MISC_INFO_STREAM",
        "MD_BREAKPAD_INFO_STREAM", "MD_UNUSED_STREAM");
    List<MinidumpThread> threads = dump.threads();
    assertThat(threads).extracting(MinidumpThread::threadId).containsExactly(0xbf4L, 0x11c0L);
    assertThat(threads.get(0).teb()).isEqualTo(0x7ffdf000L);
    assertThat(threads.get(0).stack().orElseThrow().start()).isEqualTo(0x12f31cL);
    assertThat(threads.get(0).stack().orElseThrow().size()).isEqualTo(0xce4L);
    CpuContext ctx = threads.get(0).context().orElseThrow();
    assertThat(ctx.flags()).isEqualTo(0x1003fL);
    assertThat(ctx.register("eip")).hasValue(0x7c90eb94L);
    assertThat(ctx.register("esp")).hasValue(0x12f320L);
    assertThat(ctx.register("ebp")).hasValue(0x12f384L);
    assertThat(ctx.register("efl")).hasValue(0x246L);
    MinidumpModule ntdll = dump.modules().get(1);
    assertThat(ntdll.codeIdentifier()).isEqualTo("411096B4b0000");
    assertThat(ntdll.debugIdentifier()).isEqualTo("36515FB5D04345E491F672FA2E2878C02");
    assertThat(ntdll.codeView().orElseThrow().debugId().toString())
        .startsWith("36515fb5-d043-45e4-91f6-72fa2e2878c0");
    assertThat(dump.memory().regions()).hasSize(3);
    assertThat(dump.memory().readU32(0x12f320L)).hasValue(0x7c90e9c0L);
    ExceptionStream e = dump.exception().orElseThrow();
    assertThat(e.threadId()).isEqualTo(0xbf4L);
    assertThat(e.code()).isEqualTo(0xc0000005L);
    assertThat(e.address()).isEqualTo(0x40429eL);
    assertThat(e.parameters()).containsExactly(1L, 0x45L);
    assertThat(e.context().orElseThrow().register("eip")).hasValue(0x40429eL);
    SystemInfo s = dump.systemInfo().orElseThrow();
    assertThat(s.processorRevision()).isEqualTo(0xd08);
    assertThat(s.csdVersion()).isEqualTo("Service Pack 2");
    assertThat(s.suiteMask()).isEqualTo(0x100);
    assertThat(s.x86FeatureInformation()).isEqualTo(0xafe9fbffL);
    MiscInfo misc = dump.miscInfo().orElseThrow();
    assertThat(misc.processId()).isEqualTo(3932);
    assertThat(misc.processCreateTime()).isEqualTo(0x45d35f73L);
    BreakpadInfo bp = dump.breakpadInfo().orElseThrow();
    assertThat(bp.dumpThreadId()).hasValue(0x11c0L);
    assertThat(bp.requestingThreadId()).hasValue(0xbf4L);
  }

  static String basename(String path) {
    int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(i + 1);
  }
}
