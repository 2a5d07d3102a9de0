package dev.symbolic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code symbolic object info|symbols|functions}. */
class ObjectCommandTest {
  private static final String SYM = String.join("\n",
      "MODULE Linux x86_64 5A5F32914295A4FA22B591670A49FBEF0 x.so",
      "INFO CODE_ID 915F325A9542FAA422B591670A49FBEFC8B4A1A3",
      "FILE 0 /src/main.c",
      "FILE 1 /src/util.h",
      "INLINE_ORIGIN 0 helper",
      "FUNC 1000 30 0 main",
      "INLINE 0 12 0 0 1010 10",
      "1000 10 10 0",
      "1010 10 3 1",
      "1020 10 13 0",
      "PUBLIC 2000 0 _ZN3foo3barEv",
      "");

  @TempDir
  Path dir;

  private Path sym() throws IOException {
    return Files.writeString(dir.resolve("x.sym"), SYM);
  }

  @Test
  void info() throws IOException {
    CliRun.Result r = CliRun.run("object", "info", sym().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("format:       breakpad\n",
        "kind:         dbg (Debug companion)\n",
        "arch:         x86_64\n", "debug id:     5a5f3291-4295-a4fa-22b5-91670a49fbef\n",
        "debug file:   x.so\n", "load address: 0x0\n", "features:     symtab debug\n");
  }

  @Test
  void infoJson() throws IOException {
    CliRun.Result r = CliRun.run("object", "info", "--json", sym().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("{\"file\":").endsWith("}\n")
        .contains("\"format\":\"breakpad\",\"kind\":\"dbg\",\"arch\":\"x86_64\"",
            "\"debug_id\":\"5a5f3291-4295-a4fa-22b5-91670a49fbef\"", "\"debug_file\":\"x.so\"",
            "\"has_symbols\":true", "\"has_unwind_info\":false", "\"debug_link\":null");
  }

  @Test
  void symbolsPlainAndDemangled() throws IOException {
    Path sym = sym();
    assertThat(CliRun.run("object", "symbols", sym.toString()).out())
        .isEqualTo("0000000000002000        0 _ZN3foo3barEv\n");
    assertThat(CliRun.run("object", "symbols", "--demangle", sym.toString()).out())
        .isEqualTo("0000000000002000        0 foo::bar()\n");
  }

  @Test
  void functionsNestInlinees() throws IOException {
    CliRun.Result r = CliRun.run("object", "functions", sym().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(String.join("\n",
        "> 0x1000: main (0x30)",
        "  0x1000: main.c:10 (/src)",
        "  0x1010: main.c:12 (/src)",
        "  0x1020: main.c:13 (/src)",
        "  > 0x1010: helper (0x10)",
        "    0x1010: util.h:3 (/src)",
        ""));
  }

  @Test
  void breakpadSymbolFileWithDemangledNames() throws IOException {
    CliRun.Result r = CliRun.run("object", "breakpad", "--name", "lib.so", sym().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(String.join("\n",
        "MODULE Linux x86_64 5A5F32914295A4FA22B591670A49FBEF0 lib.so",
        "INFO CODE_ID 915F325A9542FAA422B591670A49FBEFC8B4A1A3",
        "FILE 0 /src/main.c",
        "FILE 1 /src/util.h",
        "INLINE_ORIGIN 0 helper",
        "FUNC 1000 30 0 main",
        "INLINE 0 12 0 0 1010 10",
        "1000 10 10 0",
        "1010 10 3 1",
        "1020 10 13 0",
        "PUBLIC 2000 0 foo::bar()",
        ""));
  }

  @Test
  void errorsNameTheFileAndTheReason() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.txt"), "hello");
    CliRun.Result r = CliRun.run("object", "info", junk.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot read object file '" + junk + "': unknown file format");
    r = CliRun.run("object", "symbols", dir.resolve("missing").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("No such file");
    Path pe = Files.write(dir.resolve("a.exe"), new byte[] {'M', 'Z', 0, 0});
    assertThat(CliRun.run("object", "functions", pe.toString()).err())
        .contains("unsupported file format: pe");
  }
  /**
   * Split DWARF: {@code functions} reads each skeleton unit's own {@code .dwo} file, and lists
   * what it lists with the same units packaged in a {@code .dwp} beside the binary.
   */
  @Test
  void functionsReadSplitDwarfFromDwoFilesAsFromAPackage() throws Exception {
    Files.writeString(dir.resolve("p.c"), String.join("\n",
        "static inline __attribute__((always_inline)) int helper(int x) { return x * 3 + 1; }",
        "__attribute__((noinline)) int work(int n) {",
        "  int s = 0;",
        "  for (int i = 0; i < n; i++) s += helper(i);",
        "  return s;",
        "}",
        "int main(int argc, char **argv) { return work(argc) & 1; }",
        ""));
    assumeTrue(run("gcc", "-g", "-gdwarf-4", "-O2", "-gsplit-dwarf", "-o", "p", "p.c"),
        "gcc absent or failed: skipping");
    List<String> dwos = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.filter(f -> f.toString().endsWith(".dwo")).forEach(f -> dwos.add(f.toString()));
    }
    assumeTrue(!dwos.isEmpty(), "no .dwo file written: skipping");
    String binary = dir.resolve("p").toString();
    CliRun.Result fromDwo = CliRun.run("object", "functions", binary);
    assertThat(fromDwo.code()).isZero();
    assertThat(fromDwo.out()).contains("> ", ": main (", ": work (", "p.c:4");
    List<String> pack = new ArrayList<>(List.of("dwp", "-o", binary + ".dwp"));
    pack.addAll(dwos);
    assumeTrue(run(pack.toArray(new String[0])), "dwp absent or failed: skipping");
    for (String dwo : dwos) {
      Files.delete(Path.of(dwo));
    }
    assertThat(CliRun.run("object", "functions", binary).out()).isEqualTo(fromDwo.out());
  }

  /** Runs a program in {@link #dir}; whether it ran and succeeded. */
  private boolean run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
