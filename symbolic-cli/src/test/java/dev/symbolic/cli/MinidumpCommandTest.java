package dev.symbolic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinidumpCommandTest {
  @TempDir
  Path dir;

  static Path corpus() {
    return Path.of(System.getProperty("symbolic.corpus", "../shared/corpus")).resolve("minidump");
  }

  @Test
  void dumpPrintsTheLinesOfMinidumpDumpForMinidump2() throws IOException {
    Path dmp = corpus().resolve("breakpad/minidump2.dmp");
    assumeTrue(Files.isRegularFile(dmp), "corpus absent at " + corpus().toAbsolutePath());
    CliRun.Result r = CliRun.run("minidump", "dump", dmp.toString());
    assertThat(r.code()).isEqualTo(0);
    // Every header, directory, thread, module identity, memory, exception, system and misc
    // info line of Breakpad's output appears in ours.
    List<String> expected = Files.readAllLines(dmp.resolveSibling("minidump2.dump.out")).stream()
        .filter(l -> l.matches("  (signature|version|stream_count|stream_directory_rva|checksum"
            + "|time_date_stamp|flags|stream_type|location\\.\\w+|thread_count|thread_id"
            + "|stack\\.[\\w.]+|thread_context\\.\\w+|teb|module_count|base_of_image"
            + "|size_of_image|\\(code_file\\)|\\(code_identifier\\)|\\(debug_file\\)"
            + "|\\(debug_identifier\\)|\\(version\\)|version_info\\.\\w+|start_of_memory_range"
            + "|memory\\.data_size|exception_record\\.[\\w\\[\\] ]+|processor_\\w+"
            + "|number_of_processors|major_version|minor_version|build_number|suite_mask"
            + "|size_of_info|flags1|process_\\w+|validity|dump_thread_id"
            + "|requesting_thread_id|eip|esp|ebp|edi|esi|ebx|edx|ecx|eax|context_flags) +=.*"))
        .filter(l -> !l.contains("processor_architecture") && !l.contains("platform_id"))
        .distinct()
        .collect(Collectors.toList());
    assertThat(expected).hasSizeGreaterThan(200);
    List<String> actual = r.out().lines().collect(Collectors.toList());
    assertThat(actual).containsAll(expected);
    assertThat(r.out()).contains("  (crash_reason)                             = "
        + "EXCEPTION_ACCESS_VIOLATION_WRITE");
  }

  @Test
  void stackwalkPrintsWhatMinidumpStackwalkPrints() throws IOException {
    Path dmp = corpus().resolve("breakpad/minidump2.dmp");
    assumeTrue(Files.isRegularFile(dmp), "corpus absent at " + corpus().toAbsolutePath());
    String symbols = dmp.resolveSibling("symbols").toString();
    CliRun.Result human = CliRun.run("minidump", "stackwalk", dmp.toString(), symbols);
    assertThat(human.code()).isEqualTo(0);
    assertThat(human.out())
        .isEqualTo(Files.readString(dmp.resolveSibling("minidump2.stackwalk.out")));
    CliRun.Result machine = CliRun.run("minidump", "stackwalk", "--machine-readable",
        dmp.toString(), symbols);
    assertThat(machine.out()).isEqualTo(
        Files.readString(dmp.resolveSibling("minidump2.stackwalk.machine_readable.out")));
    CliRun.Result json = CliRun.run("minidump", "stackwalk", dmp.toString(), symbols, "--json");
    assertThat(json.out()).startsWith("{\"status\":\"OK\",\"pid\":3932,")
        .contains("\"function\":\"main\"").endsWith("}\n");
    CliRun.Result both = CliRun.run("minidump", "stackwalk", dmp.toString(), "--json", "--human");
    assertThat(both.code()).isEqualTo(2);
  }

  @Test
  void aFileThatIsNotAMinidumpFailsWithExitCode1() throws IOException {
    Path f = dir.resolve("x.dmp");
    Files.writeString(f, "not a minidump at all, just some text here");
    CliRun.Result r = CliRun.run("minidump", "dump", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("not a minidump");
  }
}
