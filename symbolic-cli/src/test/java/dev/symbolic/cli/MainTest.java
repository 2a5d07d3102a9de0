package dev.symbolic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.proguard.ProguardCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final String MAPPING = String.join("\n",
      "# compiler: R8",
      "# compiler_version: 8.5.35",
      "# min_api: 24",
      "# {\"id\":\"com.android.tools.r8.mapping\",\"version\":\"2.2\"}",
      "# pg_map_id: 1a2b3c4",
      "com.example.app.Checkout -> a.a:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"Checkout.java\"}",
      "    java.util.List items -> a",
      "    1:1:void pay(int):20:20 -> a",
      "    2:2:void com.example.app.Cart.validate():7:7 -> a",
      "    2:2:void pay(int):21 -> a",
      "    3:4:void pay(int):22:23 -> a",
      "    1:2:void pay(java.lang.String):30:31 -> b",
      "    3:3:void pay(java.lang.String,int):40:40 -> b",
      "com.example.app.PaymentException -> a.b:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"PaymentException.java\"}",
      "    1:1:void <init>(java.lang.String,java.lang.Throwable):5:5 -> <init>",
      "com.example.app.Main -> a.c:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"Main.java\"}",
      "    1:1:void main(java.lang.String[]):12:12 -> main",
      "");

  private static final String TRACE = String.join("\n",
      "Exception in thread \"main\" a.b: payment failed",
      "\tat a.a.a(SourceFile:4)",
      "\tat a.c.main(SourceFile:1)",
      "Caused by: java.lang.IllegalStateException: empty cart",
      "\tat a.a.a(SourceFile:2)",
      "\t... 1 more",
      "");

  private static final String RETRACED = String.join("\n",
      "Exception in thread \"main\" com.example.app.PaymentException: payment failed",
      "\tat com.example.app.Checkout.pay(Checkout.java:23)",
      "\tat com.example.app.Main.main(Main.java:12)",
      "Caused by: java.lang.IllegalStateException: empty cart",
      "\tat com.example.app.Cart.validate(Cart.java:7)",
      "\tat com.example.app.Checkout.pay(Checkout.java:21)",
      "\t... 1 more",
      "");

  @TempDir
  Path dir;

  private Path mapping;
  private Path trace;

  @BeforeEach
  void writeInputs() throws IOException {
    mapping = Files.writeString(dir.resolve("mapping.txt"), MAPPING);
    trace = Files.writeString(dir.resolve("trace.txt"), TRACE);
  }


  @Test
  void retracesAFile() {
    CliRun.Result r =
        CliRun.run("proguard", "retrace", "--mapping", mapping.toString(), trace.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(RETRACED);
  }

  @Test
  void retracesStandardInputWhenTheTraceIsDashOrAbsent() {
    CliRun.Result dash =
        CliRun.withInput(TRACE, "proguard", "retrace", "--mapping", mapping.toString(), "-");
    assertThat(dash.code()).isZero();
    assertThat(dash.out()).isEqualTo(RETRACED);
    CliRun.Result absent = CliRun.withInput(TRACE, "proguard", "retrace", "--mapping=" + mapping);
    assertThat(absent.code()).isZero();
    assertThat(absent.out()).isEqualTo(RETRACED);
  }

  @Test
  void verbosePrintsSignatures() {
    CliRun.Result r =
        CliRun.run("proguard", "retrace", "--verbose", "--mapping", mapping.toString(),
        trace.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("at com.example.app.Checkout.void pay(int)(Checkout.java:23)");
  }

  @Test
  void buildsTheCacheOnceAndThenUsesItWithoutTheMapping() throws IOException {
    Path cache = dir.resolve("sub/mapping.cache");
    CliRun.Result first = CliRun.run("proguard", "retrace", "--mapping", mapping.toString(),
        "--cache", cache.toString(), trace.toString());
    assertThat(first.err()).isEmpty();
    assertThat(first.code()).isZero();
    assertThat(first.out()).isEqualTo(RETRACED);
    assertThat(cache).isRegularFile();
    try (var files = Files.list(cache.getParent())) {
      assertThat(files).as("no temporary file is left behind").containsExactly(cache);
    }

    CliRun.Result second =
        CliRun.run("proguard", "retrace", "--cache", cache.toString(), trace.toString());
    assertThat(second.err()).isEmpty();
    assertThat(second.code()).isZero();
    assertThat(second.out()).isEqualTo(RETRACED);

    CliRun.Result info = CliRun.run("proguard", "cache", "info", cache.toString());
    assertThat(info.code()).isZero();
    assertThat(info.out()).startsWith("version: " + ProguardCache.VERSION + "\nclasses: 3\n")
        .contains("compiler: R8\n", "map_version: 2.2\n", "pg_map_id: 1a2b3c4\n");
  }

  @Test
  void rebuildsAnInvalidCacheFromTheMapping() throws IOException {
    Path cache = Files.writeString(dir.resolve("mapping.cache"), "not a cache");
    CliRun.Result r = CliRun.run("proguard", "retrace", "--mapping", mapping.toString(),
        "--cache", cache.toString(), trace.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(RETRACED);
    assertThat(CliRun.run("proguard", "cache", "info", cache.toString()).code()).isZero();
  }

  @Test
  void rebuildsACacheOlderThanTheMapping() throws IOException {
    Path cache = dir.resolve("mapping.cache");
    assertThat(CliRun.run("proguard", "cache", "build", "--mapping", mapping.toString(),
        "--output", cache.toString()).code()).isZero();
    Files.setLastModifiedTime(cache, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    Files.writeString(mapping, MAPPING.replace("Checkout.java", "Register.java"));
    CliRun.Result r = CliRun.run("proguard", "retrace", "--mapping", mapping.toString(),
        "--cache", cache.toString(), trace.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("(Register.java:23)");
  }

  @Test
  void aCacheWithoutAMappingIsAUsageErrorWhenUnusable() throws IOException {
    CliRun.Result missing =
        CliRun.run("proguard", "retrace", "--cache", dir.resolve("nope.cache").toString(),
        trace.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).startsWith("symbolic: ").doesNotContain("\tat ");

    Path junk = Files.writeString(dir.resolve("junk.cache"), "junk");
    CliRun.Result invalid =
        CliRun.run("proguard", "retrace", "--cache", junk.toString(), trace.toString());
    assertThat(invalid.code()).isEqualTo(2);
    assertThat(invalid.err()).contains("is not usable").doesNotContain("\tat ");

    CliRun.Result neither = CliRun.run("proguard", "retrace", trace.toString());
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err()).contains("--mapping");
  }

  @Test
  void missingFilesFailWithOneLine() {
    CliRun.Result r = CliRun.run("proguard", "retrace", "--mapping", "x", trace.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("symbolic: cannot read mapping 'x': No such file\n");
    assertThat(r.out()).isEmpty();

    CliRun.Result noTrace =
        CliRun.run("proguard", "retrace", "--mapping", mapping.toString(), "no-trace");
    assertThat(noTrace.code()).isEqualTo(1);
    assertThat(noTrace.err()).isEqualTo("symbolic: cannot read trace 'no-trace': No such file\n");

    CliRun.Result dirAsMapping = CliRun.run("proguard", "uuid", dir.toString());
    assertThat(dirAsMapping.code()).isEqualTo(1);
    assertThat(dirAsMapping.err()).endsWith(": Is a directory\n");

    CliRun.Result noCache = CliRun.run("proguard", "cache", "info", "x.cache");
    assertThat(noCache.code()).isEqualTo(1);
    assertThat(noCache.err()).isEqualTo("symbolic: cannot read cache 'x.cache': No such file\n");
  }

  @Test
  void anInvalidCacheFailsCacheInfo() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.cache"), "junk");
    CliRun.Result r = CliRun.run("proguard", "cache", "info", junk.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("symbolic: cannot read cache '" + junk + "': not a valid cache")
        .doesNotContain("\tat ");
  }

  @Test
  void printsTheUuid() throws IOException {
    CliRun.Result r = CliRun.run("proguard", "uuid", mapping.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).endsWith("\n");
    String uuid = r.out().trim();
    assertThat(UUID.fromString(uuid).toString()).isEqualTo(uuid);
    assertThat(UUID.fromString(uuid).version()).isEqualTo(5);
    // The UUID depends on the bytes only.
    Path copy = Files.copy(mapping, dir.resolve("copy.txt"));
    assertThat(CliRun.run("proguard", "uuid", copy.toString()).out()).isEqualTo(r.out());
  }

  @Test
  void printsMappingInfo() {
    CliRun.Result r = CliRun.run("proguard", "info", mapping.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("classes: 3\nbroken_lines: 0\ncompiler: R8\n")
        .contains("compiler_version: 8.5.35\n", "min_api: 24\n", "map_version: 2.2\n")
        .containsPattern("\nuuid: [0-9a-f-]{36}\n$");
  }

  @Test
  void everyCommandHasHelp() {
    String[][] commands = {
        {}, {"demangle"}, {"proguard"}, {"proguard", "retrace"}, {"proguard", "uuid"},
        {"proguard", "info"},
        {"proguard", "cache"}, {"proguard", "cache", "build"}, {"proguard", "cache", "info"}};
    for (String[] command : commands) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliRun.Result r = CliRun.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: symbolic");
    }
    assertThat(CliRun.run("--help").out()).contains("proguard");
    assertThat(CliRun.run("proguard", "--help").out()).contains("retrace", "uuid", "cache", "info");
  }

  @Test
  void printsTheVersion() {
    CliRun.Result r = CliRun.run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("symbolic ");
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRun.Result unknown = CliRun.run("proguard", "frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("symbolic: ").contains("--help");
    assertThat(CliRun.run().code()).isEqualTo(2);
    assertThat(CliRun.run("proguard").code()).isEqualTo(2);
    assertThat(CliRun.run("proguard", "cache", "build", "--mapping", "x").code()).isEqualTo(2);
    assertThat(CliRun.run("proguard", "uuid").code()).isEqualTo(2);
    assertThat(CliRun.run("proguard", "retrace", "--bogus").code()).isEqualTo(2);
  }

  @Test
  void demanglesArgumentsAndStandardInput() {
    CliRun.Result args = CliRun.run("demangle", "_ZN3foo3barEv", "?foo@bar@@YAHH@Z", "plain");
    assertThat(args.code()).isZero();
    assertThat(args.out()).isEqualTo("foo::bar()\nint __cdecl bar::foo(int)\nplain\n");
    CliRun.Result stdin =
        CliRun.withInput("_ZN3foo3barEv\nnot a name\n_RNvCs1234_7mycrate3foo\n", "demangle");
    assertThat(stdin.code()).isZero();
    assertThat(stdin.out()).isEqualTo("foo::bar()\nnot a name\nmycrate::foo\n");
  }

  @Test
  void demanglesLargeInputInOrder() {
    // Many blocks of lines: CRLF and LF ends, non-ASCII text, a line longer than a block, and a
    // last line without its LF; the output keeps the input's order line for line.
    StringBuilder in = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      String name = "f" + i;
      in.append("_Z").append(name.length()).append(name).append('v')
          .append(i % 3 == 0 ? "\r\n" : "\n");
      expected.append(name).append("()\n");
      if (i % 997 == 0) {
        in.append("naïve ").append(i).append('\n');
        expected.append("naïve ").append(i).append('\n');
      }
    }
    String huge = "x".repeat(200_000);
    in.append(huge).append('\n').append("_Z4lastv");
    expected.append(huge).append('\n').append("last()\n");
    CliRun.Result result = CliRun.withInput(in.toString(), "demangle");
    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(expected.toString());
  }

  @Test
  void demangleOptions() {
    assertThat(CliRun.run("demangle", "--no-params",
        "_ZN3foo3barEi").out()).isEqualTo("foo::bar\n");
    String legacy = "_ZN4core3ptr13drop_in_place17h0123456789abcdefE";
    assertThat(CliRun.run("demangle", legacy).out())
        .isEqualTo("core::ptr::drop_in_place::h0123456789abcdef\n");
    assertThat(CliRun.run("demangle", "--no-rust-hash", legacy).out())
        .isEqualTo("core::ptr::drop_in_place\n");
    assertThat(CliRun.run("demangle", "--lang", "rust", "_ZN3foo3barEv").out())
        .isEqualTo("_ZN3foo3barEv\n");
    assertThat(CliRun.run("demangle", "--lang", "msvc", "_ZN3foo3barEv").out())
        .isEqualTo("_ZN3foo3barEv\n");
    CliRun.Result bad = CliRun.run("demangle", "--lang", "cobol", "x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("symbolic: unknown language 'cobol'");
  }

  // ------------------------------------------------------------------------------------------
  // sourcemap

  // Minified: "function a(b){return b.c()}var d=function(){};" with names mapped back to
  // computeTotal, cart, sum, handler (VLQ built by hand: see the segments listed in the map).
  private static final String JS = "function a(b){return b.c()}var d=function(){};\n";
  private static final String SOURCE_MAP = "{\"version\":3,\"file\":\"app.min.js\","
      + "\"sources\":[\"src/app \\\"quoted\\\".js\"],"
      + "\"sourcesContent\":[\"function computeTotal(cart) {\\n  return cart.sum();\\n}\\n"
      + "var handler = function () {};\\n\"],"
      + "\"names\":[\"computeTotal\",\"cart\",\"sum\",\"handler\"],"
      // 0->0:0, 9->0:9 computeTotal, 11->0:22 cart, 14->1:2, 21->1:9 cart, 23->1:14 sum,
      // 27->3:0, 31->3:4 handler, 33->3:14
      + "\"mappings\":\"AAAA,SAASA,EAAaC,GACpB,OAAOA,EAAKC,IAEd,IAAIC,EAAU\"}";

  private Path writeSourceMapFiles() throws IOException {
    Files.writeString(dir.resolve("app.min.js"), JS);
    return Files.writeString(dir.resolve("app.min.js.map"), SOURCE_MAP);
  }

  @Test
  void sourcemapLookupPrintsOneJsonObjectPerPosition() throws IOException {
    Path map = writeSourceMapFiles();
    CliRun.Result r = CliRun.run("sourcemap", "lookup", "--map", map.toString(), "--minified",
        dir.resolve("app.min.js").toString(), "1:23", "1:0", "1:28", "2:0", "1:3");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(String.join("\n",
        "{\"line\":1,\"column\":23,\"source\":\"src/app \\\"quoted\\\".js\",\"original_line\":2,"
            + "\"original_column\":14,\"name\":\"sum\",\"function\":\"computeTotal\"}",
        "{\"line\":1,\"column\":0,\"source\":\"src/app \\\"quoted\\\".js\",\"original_line\":1,"
            + "\"original_column\":0,\"name\":null,\"function\":\"computeTotal\"}",
        "{\"line\":1,\"column\":28,\"source\":\"src/app \\\"quoted\\\".js\",\"original_line\":4,"
            + "\"original_column\":0,\"name\":null,\"function\":null}",
        "{\"line\":2,\"column\":0,\"source\":null,\"original_line\":null,\"original_column\":null,"
            + "\"name\":null,\"function\":null}",
        "{\"line\":1,\"column\":3,\"source\":\"src/app \\\"quoted\\\".js\",\"original_line\":1,"
            + "\"original_column\":0,\"name\":null,\"function\":\"computeTotal\"}",
        ""));
  }

  @Test
  void sourcemapLookupReadsStandardInputAndNeedsMinifiedForFunctions() throws IOException {
    Path map = writeSourceMapFiles();
    CliRun.Result r =
        CliRun.withInput("1 23\n\n1:31\n", "sourcemap", "lookup", "--map", map.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(
        "{\"line\":1,\"column\":23,\"source\":\"src/app \\\"quoted\\\".js\",\"original_line\":2,"
            + "\"original_column\":14,\"name\":\"sum\",\"function\":null}\n"
            + "{\"line\":1,\"column\":31,\"source\":\"src/app \\\"quoted\\\".js\",\"original_line\":4,"
            + "\"original_column\":4,\"name\":\"handler\",\"function\":null}\n");
    CliRun.Result bad =
        CliRun.withInput("1:2\nnonsense\n", "sourcemap", "lookup", "--map", map.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).startsWith("symbolic: invalid position 'nonsense' on line 2");
    assertThat(bad.out()).hasLineCount(1);
  }

  @Test
  void sourcemapCacheBuildInfoAndLookup() throws IOException {
    Path map = writeSourceMapFiles();
    Path cache = dir.resolve("out/app.smcache");
    CliRun.Result build =
        CliRun.run("sourcemap", "cache", "build", "--map", map.toString(), "--minified",
        dir.resolve("app.min.js").toString(), "--output", cache.toString());
    assertThat(build.err()).isEmpty();
    assertThat(build.code()).isZero();
    assertThat(cache).isRegularFile();
    CliRun.Result info = CliRun.run("sourcemap", "cache", "info", cache.toString());
    assertThat(info.code()).isZero();
    assertThat(info.out()).contains("version: 1\n", "file: app.min.js\n", "lines: 1\n",
        "sources: 1\n", "sources_with_content: 1\n", "function_names: yes\n");
    CliRun.Result viaMap = CliRun.run("sourcemap", "lookup", "--map", map.toString(), "--minified",
        dir.resolve("app.min.js").toString(), "1:23", "1:40", "1:45");
    CliRun.Result viaCache =
        CliRun.run("sourcemap", "lookup", "--map", cache.toString(), "1:23", "1:40",
        "1:45");
    assertThat(viaCache.err()).isEmpty();
    assertThat(viaCache.out()).isEqualTo(viaMap.out()).contains("\"function\":\"handler\"");
    CliRun.Result both = CliRun.run("sourcemap", "lookup", "--map", cache.toString(), "--minified",
        dir.resolve("app.min.js").toString(), "1:0");
    assertThat(both.code()).isEqualTo(2);
    Files.write(cache, new byte[] {'S', 'Y', 'M', 'S', 'M', 'A', 'P', 'C', 1});
    CliRun.Result corrupt = CliRun.run("sourcemap", "lookup", "--map", cache.toString(), "1:0");
    assertThat(corrupt.code()).isEqualTo(1);
    assertThat(corrupt.err()).startsWith("symbolic: cannot read cache '").doesNotContain("\tat ");
    assertThat(CliRun.run("sourcemap", "cache", "info", cache.toString()).code()).isEqualTo(1);
  }

  @Test
  void sourcemapFlattenWritesARegularMap() throws IOException {
    Path index = Files.writeString(dir.resolve("index.map"), "{\"version\":3,\"sections\":["
        + "{\"offset\":{\"line\":0,\"column\":0},\"map\":{\"version\":3,\"sources\":[\"a.js\"],"
        + "\"names\":[],\"mappings\":\"AAAA\"}},"
        + "{\"offset\":{\"line\":1,\"column\":5},\"map\":{\"version\":3,\"sources\":[\"b.js\"],"
        + "\"names\":[\"x\"],\"mappings\":\"AACAA\"}}]}");
    CliRun.Result stdout = CliRun.run("sourcemap", "flatten", "--map", index.toString());
    assertThat(stdout.err()).isEmpty();
    assertThat(stdout.code()).isZero();
    assertThat(stdout.out()).doesNotContain("sections").contains("\"a.js\"", "\"b.js\"");
    Path out = dir.resolve("flat.map");
    assertThat(CliRun.run("sourcemap", "flatten", "--map", index.toString(), "--output",
        out.toString()).code()).isZero();
    assertThat(Files.readString(out) + "\n").isEqualTo(stdout.out());
    CliRun.Result lookup = CliRun.run("sourcemap", "lookup", "--map", out.toString(), "2:5", "2:4");
    assertThat(lookup.out()).isEqualTo(
        "{\"line\":2,\"column\":5,\"source\":\"b.js\",\"original_line\":2,\"original_column\":0,"
            + "\"name\":\"x\",\"function\":null}\n"
            + "{\"line\":2,\"column\":4,\"source\":null,\"original_line\":null,"
            + "\"original_column\":null,\"name\":null,\"function\":null}\n");
  }

  @Test
  void sourcemapErrorsAndHelp() throws IOException {
    Path map = writeSourceMapFiles();
    for (String[] args : new String[][] {
        {"sourcemap", "--help"}, {"sourcemap", "lookup", "--help"},
        {"sourcemap", "cache", "--help"}, {"sourcemap", "cache", "build", "--help"},
        {"sourcemap", "cache", "info", "--help"}, {"sourcemap", "flatten", "--help"}}) {
      CliRun.Result help = CliRun.run(args);
      assertThat(help.code()).as(String.join(" ", args)).isZero();
      assertThat(help.out()).startsWith("Usage: symbolic sourcemap");
    }
    assertThat(CliRun.run("--help").out()).contains("sourcemap");
    CliRun.Result missing = CliRun.run("sourcemap", "lookup", "1:0");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("symbolic: missing option '--map FILE'");
    CliRun.Result badPosition = CliRun.run("sourcemap", "lookup", "--map", map.toString(), "0:5");
    assertThat(badPosition.code()).isEqualTo(2);
    assertThat(badPosition.err()).startsWith("symbolic: invalid position '0:5'");
    CliRun.Result noFile =
        CliRun.run("sourcemap", "lookup", "--map", dir.resolve("nope.map").toString(),
        "1:0");
    assertThat(noFile.code()).isEqualTo(1);
    assertThat(noFile.err()).isEqualTo("symbolic: cannot read source map '"
        + dir.resolve("nope.map") + "': No such file\n");
    Path broken = Files.writeString(dir.resolve("broken.map"), "{\"version\":3,\"mappings\":");
    CliRun.Result parse = CliRun.run("sourcemap", "lookup", "--map", broken.toString(), "1:0");
    assertThat(parse.code()).isEqualTo(1);
    assertThat(parse.err()).startsWith("symbolic: cannot parse source map '").hasLineCount(1);
  }

  @Test
  void sourcemapJsonEscaping() {
    StringBuilder sb = new StringBuilder();
    Sourcemap.string(sb, "a\"b\\c\n\t\u0001\u2028é\uD83D\uDE00\uD800x");
    assertThat(sb.toString())
        .isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001\\u2028é\uD83D\uDE00\\ud800x\"");
  }
}
