package dev.symbolic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
