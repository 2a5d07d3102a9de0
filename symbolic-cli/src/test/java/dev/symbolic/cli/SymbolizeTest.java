package dev.symbolic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolizeTest {
  private static final String PROGRAM = String.join("\n",
      "#include <stdio.h>",
      "static inline __attribute__((always_inline)) int twice(int x) {",
      "  return x * 2;",
      "}",
      "__attribute__((noinline)) int work(int n) {",
      "  int s = 0;",
      "  for (int i = 0; i < n; i++) {",
      "    s += twice(i);",
      "  }",
      "  return s;",
      "}",
      "int main(int argc, char **argv) {",
      "  printf(\"%d\\n\", work(argc * 10));",
      "  return 0;",
      "}",
      "");

  /** A header whose function is inlined: its directory is an include directory entry. */
  private static final String HEADER = String.join("\n",
      "extern volatile int sink;",
      "static inline __attribute__((always_inline)) int helper(int x) {",
      "  sink = x;",
      "  return sink + 1;",
      "}",
      "");

  /** The lines of a program inlining {@link #HEADER}'s function into an inlined function. */
  private static final List<String> WITH_HEADER = List.of(
      "#include <stdio.h>",
      "#include \"helper.h\"",
      "volatile int sink;",
      "static inline __attribute__((always_inline)) int twice(int x) {",
      "  return helper(x) * 2;",
      "}",
      "__attribute__((noinline)) int work(int n) {",
      "  int s = 0;",
      "  for (int i = 0; i < n; i++) {",
      "    s += twice(i);",
      "  }",
      "  return s;",
      "}",
      "int main(int argc, char **argv) {",
      "  printf(\"%d\\n\", work(argc * 10));",
      "  return 0;",
      "}");

  @TempDir
  Path dir;

  /** Runs a program; null if it cannot be started or fails. */
  private static String exec(Path workDir, String stdin, String... command)
      throws IOException, InterruptedException {
    return exec(workDir, workDir, stdin, command);
  }

  /**
   * Runs a program in {@code workDir} with its standard input written to a file in {@code
   * scratch}; null if it cannot be started or fails.
   */
  private static String exec(Path workDir, Path scratch, String stdin, String... command)
      throws IOException, InterruptedException {
    Process p;
    // Standard input from a file: a large input written to a pipe would block on a full output.
    Path input = Files.writeString(Files.createTempFile(scratch, "stdin", ".txt"), stdin);
    try {
      p = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectInput(input.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
  }

  /** Compiles {@link #PROGRAM} with gcc; skips the test if gcc is absent. */
  private Path compile(String... flags) throws Exception {
    Path src = Files.writeString(dir.resolve("prog.c"), PROGRAM);
    List<String> cmd = new ArrayList<>(List.of("gcc"));
    cmd.addAll(List.of(flags));
    cmd.addAll(List.of("-o", "prog", src.getFileName().toString()));
    String built = exec(dir, "", cmd.toArray(new String[0]));
    assumeTrue(built != null, "gcc not found or failed: skipping the compiled-program test");
    return dir.resolve("prog");
  }

  /** The addresses of the executable code of {@code main} and {@code work}, every byte. */
  private static List<String> addresses(Path binary) throws Exception {
    String nm = exec(binary.getParent(), "", "nm", "-S", binary.toString());
    List<String> out = new ArrayList<>();
    if (nm != null) {
      for (String line : nm.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 4 && (f[3].equals("main") || f[3].equals("work"))) {
          long start = Long.parseLong(f[0], 16);
          long size = Long.parseLong(f[1], 16);
          for (long a = start; a < start + size; a++) {
            out.add("0x" + Long.toHexString(a));
          }
        }
      }
    }
    out.add("0x0");
    out.add("0x10");
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"-O0", "-O2"})
  void matchesLlvmSymbolizerOnACompiledProgram(String opt) throws Exception {
    Path binary = compile("-g", opt);
    CliRun.Result basic = CliRun.withInput("", "symbolize", "--obj", binary.toString(),
        "--functions=short",
        "0x0");
    assertThat(basic.code()).isZero();
    assertThat(basic.out()).isEqualTo("??\n??:0:0\n\n");
    List<String> addrs = addresses(binary);
    assertThat(addrs.size()).isGreaterThan(2);
    String stdin = String.join("\n", addrs) + "\n";
    CliRun.Result json = CliRun.withInput(stdin, "symbolize", "--output-style=JSON", "-e",
        binary.toString());
    assertThat(json.code()).isZero();
    assertThat(json.out()).contains("\"FunctionName\":\"work\"", "prog.c");
    String llvm = exec(dir, "", "llvm-symbolizer-19", "--version");
    assumeTrue(llvm != null, "llvm-symbolizer-19 not installed: compared only the basics");
    String[][] variants = {
        {}, {"--output-style=GNU"}, {"--output-style=JSON"}, {"--no-inlines"},
        {"--functions=short"}, {"--functions=none", "--output-style=GNU"},
        {"--no-inlines", "--output-style=GNU"}, {"--no-demangle", "--output-style=JSON"},
        {"-a"}, {"-p"}, {"--addresses", "--pretty-print"}, {"-aps", "--output-style=GNU"},
        {"--print-address", "--output-style=GNU"}, {"-p", "--functions=none"},
        {"-a", "-p", "--no-inlines"}, {"--basenames", "--output-style=JSON"}, {"-s", "-i"},
        {"--adjust-vma=0x10", "-a"}, {"--adjust-vma", "16", "--output-style=JSON"},
        {"--verbose"}, {"--verbose", "--output-style=GNU"}, {"--verbose", "-a", "-p"},
        {"--verbose", "--functions=none", "--no-inlines"},
        {"--inlining=false"}, {"--inlining=true", "--output-style=GNU"},
        {"--inlining", "-p"}, {"-demangle=false", "--output-style=JSON"}, {"-demangle=true"},
    };
    for (String[] v : variants) {
      List<String> args = new ArrayList<>(List.of("symbolize", "--obj", binary.toString()));
      args.addAll(List.of(v));
      CliRun.Result ours = CliRun.withInput(stdin, args.toArray(new String[0]));
      List<String> theirs = new ArrayList<>(List.of("llvm-symbolizer-19", "--obj",
          binary.toString()));
      theirs.addAll(List.of(v));
      String expected = exec(dir, stdin, theirs.toArray(new String[0]));
      assertThat(ours.out()).as("%s %s", opt, List.of(v)).isEqualTo(expected);
      // Addresses as arguments give the same text (JSON: one array).
      List<String> withArgs = new ArrayList<>(args);
      withArgs.addAll(addrs.subList(0, Math.min(20, addrs.size())));
      List<String> theirsArgs = new ArrayList<>(theirs);
      theirsArgs.addAll(addrs.subList(0, Math.min(20, addrs.size())));
      assertThat(CliRun.withInput("", withArgs.toArray(new String[0])).out()).as("%s args %s", opt,
          List.of(v)).isEqualTo(exec(dir, "", theirsArgs.toArray(new String[0])));
    }
  }

  @Test
  void readsInputLinesAndSymbolNamesAsLlvmSymbolizerDoes() throws Exception {
    Path binary = compile("-g", "-O2");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the input-line comparison");
    String work = addresses(binary).get(0);
    String stdin = String.join("\n", "main", "work", "work+4", "work+0x4000", "work+", "twice",
        "nope", work + " trailing words", "CODE " + work, "  CODE " + work, "CODE",
        "  " + work + "\t", work + ",", "0x12z", "", "   ", "main 7") + "\n";
    String[][] variants = {
        {}, {"--output-style=JSON"}, {"--output-style=GNU", "-a"}, {"-a", "-p", "--no-inlines"},
        {"--functions=short"}, {"-f=none", "-p"}, {"-s", "--output-style=JSON"},
        {"--verbose"}, {"--verbose", "--output-style=GNU"},
    };
    for (String[] v : variants) {
      List<String> args = new ArrayList<>(List.of("symbolize", "--obj", binary.toString()));
      args.addAll(List.of(v));
      List<String> theirs = new ArrayList<>(List.of("llvm-symbolizer-19", "--obj",
          binary.toString()));
      theirs.addAll(List.of(v));
      assertThat(CliRun.withInput(stdin, args.toArray(new String[0])).out()).as("%s", List.of(v))
          .isEqualTo(exec(dir, stdin, theirs.toArray(new String[0])));
    }
  }

  /**
   * {@code --relativenames} on gcc's DWARF 4 and 5, with the sources named relative to the
   * compilation directory and with absolute names and include directories: every file name
   * (line table file, call file, declaration file) leaves out only the compilation directory.
   * With {@code -s} after it, llvm prints base names, as we do.
   */
  @ParameterizedTest
  @CsvSource({"-gdwarf-4, false", "-gdwarf-5, false", "-gdwarf-4, true", "-gdwarf-5, true"})
  void matchesLlvmSymbolizerWithRelativeNames(String version, boolean absolute)
      throws Exception {
    Path inc = Files.createDirectories(dir.resolve("inc"));
    Files.writeString(inc.resolve("helper.h"), HEADER);
    Path src = Files.writeString(dir.resolve("prog.c"), String.join("\n", WITH_HEADER) + "\n");
    String built = exec(dir, "", "gcc", "-g", version, "-O2",
        "-I" + (absolute ? inc.toString() : "inc"), "-o", "prog",
        absolute ? src.toString() : "prog.c");
    assumeTrue(built != null, "gcc not found or failed: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    Path binary = dir.resolve("prog");
    List<String> addrs = addresses(binary);
    addrs.addAll(List.of("work", "main+4", "twice", "nope"));
    String stdin = String.join("\n", addrs) + "\n";
    String[][] variants = {
        {"--relativenames"}, {"--relativenames", "-s"}, {"--relativenames", "--basenames", "-p"},
        {"--relativenames", "--verbose"}, {"--relativenames", "--verbose", "--no-inlines"},
        {"--relativenames", "--output-style=JSON"}, {"--relativenames", "--output-style=GNU"},
        {"--relativenames", "-a", "-p", "--functions=short"},
        {"--relativenames", "-s", "--verbose", "--output-style=JSON"},
        // The later of -s and --relativenames applies.
        {"-s", "--relativenames"}, {"--basenames", "--relativenames", "--output-style=JSON"},
        {"-aps", "--relativenames", "--verbose"}, {"--relativenames", "-aps"},
    };
    String out = compareLive(binary, dir, stdin, variants);
    assertThat(out).contains(absolute ? inc + "/helper.h:" : "\ninc/helper.h:");
  }

  /**
   * {@code --print-source-context-lines=N} as llvm prints it, on a program whose source is read
   * through a path relative to the current directory (so that {@code --relativenames} finds it
   * too), with CRLF line ends, no final line end, control characters and non-ASCII text, line
   * numbers around 100 (their width is that of the last line asked for), inlined frames from a
   * header whose first lines are asked for, and lines asked for past the end of the file; then
   * with the header gone.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-O2 -gdwarf-5", "-O2 -gdwarf-4", "-O0 -gdwarf-5"})
  void matchesLlvmSymbolizerSourceContext(String flags) throws Exception {
    Path inc = Files.createDirectories(dir.resolve("inc"));
    Files.writeString(inc.resolve("helper.h"), HEADER);
    List<String> lines = new ArrayList<>(WITH_HEADER.subList(0, 2));
    for (int i = 0; i < 88; i++) {
      lines.add("/* " + i + ": tab\t form feed \f backspace \b quote \" backslash \\ \u00e9"
          + " \u0001 */");
    }
    lines.addAll(WITH_HEADER.subList(2, WITH_HEADER.size()));
    Files.writeString(dir.resolve("prog.c"), String.join("\r\n", lines));
    // Compiled from the current directory, as llvm-symbolizer is run: relative names resolve.
    Path here = Path.of("").toAbsolutePath();
    Path rel = here.relativize(dir);
    List<String> cmd = new ArrayList<>(List.of("gcc", "-g"));
    cmd.addAll(List.of(flags.split(" ")));
    cmd.addAll(List.of("-I" + rel.resolve("inc"), "-o", dir.resolve("prog").toString(),
        rel.resolve("prog.c").toString()));
    assumeTrue(exec(here, dir, "", cmd.toArray(new String[0])) != null,
        "gcc not found or failed: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    Path binary = dir.resolve("prog");
    List<String> addrs = addresses(binary);
    addrs.addAll(List.of("work", "main+4", "nope", "0x12z", ""));
    String stdin = String.join("\n", addrs) + "\n";
    String[][] variants = {
        {"--print-source-context-lines=1"}, {"--print-source-context-lines=2", "-a"},
        {"--print-source-context-lines=3", "--output-style=GNU"},
        {"--print-source-context-lines=5", "--output-style=JSON"},
        {"--print-source-context-lines=5", "-p", "-a", "--output-style=GNU"},
        {"--print-source-context-lines", "40", "--output-style=JSON", "--no-inlines"},
        {"--print-source-context-lines=4", "--no-inlines", "--output-style=GNU"},
        {"--print-source-context-lines=3", "--verbose"},
        {"--print-source-context-lines=0x3", "-s"}, {"--print-source-context-lines=-2"},
        {"--print-source-context-lines=3", "--relativenames"},
        {"--print-source-context-lines=2", "--relativenames", "--output-style=JSON"},
        {"--print-source-context-lines=200", "-p", "--functions=none"},
    };
    String out = compareLive(binary, here, stdin, variants);
    assertThat(out).contains(" >: ", "\"Source\":\"", "\\u000c", "\u00e9");
    Files.delete(inc.resolve("helper.h"));
    compareLive(binary, here, stdin, new String[][] {
        {"--print-source-context-lines=3"}, {"--print-source-context-lines=2",
            "--output-style=JSON"}});
  }

  /**
   * Source lines that are not valid UTF-8 (Latin-1 text, a stray continuation byte, a truncated
   * sequence, an overlong encoding) print byte for byte as llvm prints them: raw in the text
   * styles, replaced in JSON; compared as bytes, since decoding would hide the difference.
   */
  @Test
  void sourceContextKeepsInvalidUtf8Bytes() throws Exception {
    byte[] junk = {'/', '*', ' ', 'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0x80, ' ', (byte) 0xE2,
        (byte) 0x82, ' ', (byte) 0xC0, (byte) 0xAF, ' ', (byte) 0xF0, (byte) 0x9F, (byte) 0x98,
        (byte) 0x80, ' ', '*', '/', '\n'};
    ByteArrayOutputStream src = new ByteArrayOutputStream();
    for (int i = 0; i < WITH_HEADER.size(); i++) {
      src.write(junk);
      src.write((WITH_HEADER.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.createDirectories(dir.resolve("inc"));
    Files.writeString(dir.resolve("inc/helper.h"), HEADER);
    Files.write(dir.resolve("latin.c"), src.toByteArray());
    assumeTrue(exec(dir, "", "gcc", "-g", "-O2", "-Iinc", "-o", "latin", "latin.c") != null,
        "gcc not found or failed: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    Path binary = dir.resolve("latin");
    String stdin = String.join("\n", addresses(binary)) + "\n";
    Path input = Files.writeString(dir.resolve("latin-stdin.txt"), stdin);
    for (String style : List.of("LLVM", "GNU", "JSON")) {
      String[] args = {"symbolize", "--obj", binary.toString(), "--output-style=" + style,
          "--print-source-context-lines=3"};
      Process p = new ProcessBuilder(List.of("llvm-symbolizer-19", args[1], args[2], args[3],
          args[4])).directory(dir.toFile()).redirectInput(input.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] theirs = p.getInputStream().readAllBytes();
      assertThat(p.waitFor()).isZero();
      ByteArrayOutputStream ours = new ByteArrayOutputStream();
      int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
          new PrintStream(ours), new PrintStream(new ByteArrayOutputStream()));
      assertThat(code).isZero();
      assertThat(ours.toByteArray()).as(style).isEqualTo(theirs);
      if (!style.equals("JSON")) {
        assertThat(new String(theirs, StandardCharsets.ISO_8859_1)).contains("caf\u00e9 \u0080");
      }
    }
  }

  /**
   * Standard input cut as llvm's {@code fgets} into 1,024 bytes cuts it: a long line becomes
   * several inputs, an input ends at a NUL byte, and every CR and LF in it is dropped.
   */
  @Test
  void cutsStandardInputAsLlvmDoes() throws Exception {
    Path binary = compile("-g", "-O2");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    String a = addresses(binary).get(2);
    String b = addresses(binary).get(5);
    String stdin = a + " ".repeat(1100) + b + "\n" + "work".repeat(400) + "\n"
        + a.substring(0, 3) + "\r" + a.substring(3) + "\n" + a + "\0" + b + "\n\r\n"
        + "0x" + "0".repeat(1030) + a.substring(2) + "\n" + b;
    String out = compareLive(binary, dir, stdin, new String[][] {
        {}, {"--output-style=JSON"}, {"-a", "--output-style=GNU"}});
    assertThat(out).contains("main\n", "\"SymName\":\"workwork");
  }

  /**
   * The separate debug file as llvm finds it: by build id under the debug file directory even
   * for a file with DWARF of its own (the build id's file wins), and by {@code .gnu_debuglink}
   * beside the file or under {@code --fallback-debug-path}, not under the debug file directory.
   */
  @Test
  void findsDebugFilesAsLlvmDoes() throws Exception {
    Path binary = compile("-g", "-O2", "-Wl,--build-id=0x1234abcd");
    // The same program two lines lower, with the same build id: its DWARF says other lines.
    Files.writeString(dir.resolve("shifted.c"), "\n\n" + PROGRAM);
    assumeTrue(exec(dir, "", "gcc", "-g", "-O2", "-Wl,--build-id=0x1234abcd", "-o", "shifted",
        "shifted.c") != null, "gcc failed: skipping");
    Path byId = Files.createDirectories(dir.resolve("ids/.build-id/12"));
    Files.copy(dir.resolve("shifted"), byId.resolve("34abcd.debug"));
    assumeTrue(exec(dir, "", "objcopy", "--only-keep-debug", "prog", "prog.debug") != null
        && exec(dir, "", "objcopy", "--strip-debug", "--add-gnu-debuglink=prog.debug", "prog",
        "linked") != null, "objcopy failed: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    String in = String.join("\n", addresses(binary).subList(0, 40)) + "\n";
    // The debug file under FALLBACK/<absolute directory of the binary>/prog.debug only.
    Path fallback = dir.resolve("fallback");
    Path away = Files.createDirectories(Path.of(fallback + dir.toAbsolutePath().toString()));
    Files.move(dir.resolve("prog.debug"), away.resolve("prog.debug"));
    String[][] variants = {
        {}, {"--debug-file-directory=" + dir.resolve("ids")},
        {"--fallback-debug-path=" + fallback}, {"--debug-file-directory=" + fallback},
    };
    for (Path obj : List.of(binary, dir.resolve("linked"))) {
      String out = compareLive(obj, dir, in, variants);
      assertThat(out).contains("prog.c:");
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(compareLive(binary, dir, in, new String[][] {
        {"--debug-file-directory=" + dir.resolve("ids")},
        {"--debug-file-directory=" + empty, "--debug-file-directory=" + dir.resolve("ids")}}))
        .contains("shifted.c:");
    assertThat(compareLive(dir.resolve("linked"), dir, in, new String[][] {
        {"--debug-file-directory=" + fallback}})).doesNotContain("prog.c:");
  }

  /**
   * Symbol addresses with a tag in their top byte (as HWASan and MTE builds can carry): llvm
   * untags them by default, sign-extending bit 55, and keeps them with {@code
   * --no-untag-addresses}; the flags llvm takes for other formats or for markup are accepted.
   */
  @Test
  void untagsSymbolAddressesAsLlvmDoes() throws Exception {
    Path binary = compile("-g", "-O2");
    byte[] elf = Files.readAllBytes(binary);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int shoff = (int) b.getLong(0x28);
    int shentsize = b.getShort(0x3a) & 0xffff;
    int shnum = b.getShort(0x3c) & 0xffff;
    int tagged = 0;
    for (int i = 0; i < shnum; i++) {
      int sh = shoff + i * shentsize;
      if (b.getInt(sh + 4) != 2) {
        continue; // SHT_SYMTAB only
      }
      int symOff = (int) b.getLong(sh + 0x18);
      int symSize = (int) b.getLong(sh + 0x20);
      int strSh = shoff + b.getInt(sh + 0x28) * shentsize;
      int strOff = (int) b.getLong(strSh + 0x18);
      for (int e = symOff; e + 24 <= symOff + symSize; e += 24) {
        int name = strOff + b.getInt(e);
        if (new String(elf, name, 5, StandardCharsets.US_ASCII).equals("work\0")) {
          elf[e + 8 + 7] = 0x12; // the top byte of st_value
          tagged++;
        }
      }
    }
    assumeTrue(tagged == 1, "no symbol 'work' to tag: skipping");
    Path taggedBinary = Files.write(dir.resolve("tagged"), elf);
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    StringBuilder in = new StringBuilder("work\nwork+4\nDATA work\n");
    for (String a : addresses(binary).subList(0, 8)) {
      in.append(a).append('\n');
    }
    String[][] variants = {
        {}, {"--no-untag-addresses"}, {"--no-untag-addresses", "--untag-addresses"},
        {"--untag-addresses", "--no-untag-addresses", "--output-style=JSON"},
        {"--cache-size=1000", "--no-debuginfod", "--color=never", "--dia", "--default-arch=x86_64",
            "--dsym-hint=x.dSYM"},
    };
    String out = compareLive(taggedBinary, dir, in.toString(), variants);
    assertThat(out).contains("work\n");
  }

  /**
   * Split DWARF left in {@code .dwo} files beside the binary, not packaged: each skeleton's file
   * is found at its comp_dir/dwo_name, as llvm finds it (inlined frames, start lines and
   * locals come from there); then with the files gone.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-gdwarf-4", "-gdwarf-5"})
  void matchesLlvmSymbolizerWithDwoFiles(String version) throws Exception {
    Path binary = compile("-g", version, "-O2", "-gsplit-dwarf");
    List<Path> dwos;
    try (var files = Files.list(dir)) {
      dwos = files.filter(p -> p.toString().endsWith(".dwo")).toList();
    }
    assumeTrue(!dwos.isEmpty(), "gcc wrote no .dwo file: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    List<String> addrs = addresses(binary);
    StringBuilder in = new StringBuilder();
    for (String a : addrs) {
      in.append(a).append('\n').append("FRAME ").append(a).append('\n');
    }
    String[][] variants = {{}, {"--verbose"}, {"--output-style=JSON"}, {"--output-style=GNU"}};
    String out = compareLive(binary, dir, in.toString(), variants);
    assertThat(out).contains("Function start line: ");
    for (Path dwo : dwos) {
      Files.delete(dwo);
    }
    compareLive(binary, dir, in.toString(), variants);
  }

  /**
   * Without {@code --obj}, each line names its object file as llvm's parseCommand reads it: a
   * first word, quoted or not, {@code FILE:} and {@code BUILDID:} prefixes (found under the
   * debug file directory), with their errors, and files that cannot be opened (reported once,
   * a missing build ID each time); and {@code --build-id}. Standard output and standard error
   * as llvm-symbolizer-19 prints them, in every style.
   */
  @Test
  void matchesLlvmSymbolizerWithModulesPerLine() throws Exception {
    Path binary = compile("-g", "-O2");
    Path other = dir.resolve("other");
    Files.copy(binary, other);
    String elf = binary.toString();
    String id = buildId(binary);
    assumeTrue(id != null, "no build ID: skipping");
    Path debugDir = Files.createDirectories(dir.resolve("debug/.build-id/" + id.substring(0, 2)));
    Files.copy(binary, debugDir.resolve(id.substring(2) + ".debug"));
    Files.createDirectories(dir.resolve("adir"));
    Files.writeString(dir.resolve("text"), "not an object file\n");
    List<String> lines = new ArrayList<>();
    for (String a : addresses(binary).subList(0, 6)) {
      lines.add(elf + " " + a);
    }
    lines.addAll(List.of(
        "\"" + elf + "\" work", "'" + elf + "' work+3", "FILE:" + elf + " 0x0",
        "CODE FILE:  " + other + " main", "DATA " + elf + " g_counter", "FRAME " + elf + " work",
        "BUILDID:" + id + " main", "BUILDID:" + id.toUpperCase(java.util.Locale.ROOT) + " work",
        "BUILDID:00ff 0x10", "BUILDID:00ff main", "BUILDID:zz 0x1", "BUILDID: 0x1",
        "FILE:FILE:" + elf + " 0x1", "FILE:BUILDID:ab 0x1", "FILE:", "FILE:\"" + elf + " 0x1",
        dir.resolve("nope") + " 0x10", "DATA " + dir.resolve("nope") + " 0x20",
        dir.resolve("nope") + " main", dir.resolve("adir") + " 0x1",
        dir.resolve("text") + " 0x1", elf, elf + "\t0x10", elf + " 12z",
        "   " + elf + " main extra", "   ", "", "\"\" 0x1", elf + " 0x0"));
    String stdin = String.join("\n", lines) + "\n";
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    String[][] variants = {
        {}, {"--output-style=JSON"}, {"--output-style=GNU", "-a"}, {"-a", "-p"},
        {"--output-style=JSON", "-p"}, {"--no-inlines", "--output-style=JSON"},
    };
    for (String[] v : variants) {
      List<String> args = new ArrayList<>(List.of("--debug-file-directory=" + dir.resolve("debug")));
      args.addAll(List.of(v));
      CliRun.Result r = compareWithErrors(stdin, args);
      if (v.length == 0) {
        assertThat(r.out()).contains("work\n" + dir.resolve("prog.c") + ":");
        assertThat(r.err()).contains("could not find build ID", "No such file or directory",
            "Is a directory", "not recognized as a valid object file", "unbalanced quotes",
            "duplicate input file specification prefix", "wrong format of build-id");
      }
    }
    compareWithErrors("", List.of("--debug-file-directory=" + dir.resolve("debug"),
        "--build-id=" + id, "main", "0x0"));
    compareWithErrors("", List.of("--build-id=00ff", "--output-style=JSON", "main", "0x0"));
    compareWithErrors("", List.of("--obj=" + dir.resolve("nope"), "0x1"));
    compareWithErrors("", List.of("--obj=" + dir.resolve("text"), "--output-style=JSON", "0x1"));
    compareWithErrors("", List.of(elf + " work", "--output-style=JSON", other + " 0x0"));
  }

  /**
   * Asserts that we print what llvm-symbolizer-19 prints, on standard output and, with our name
   * for its, on standard error, and exit as it does.
   */
  private CliRun.Result compareWithErrors(String stdin, List<String> options) throws Exception {
    Path input = Files.writeString(Files.createTempFile(dir, "stdin", ".txt"), stdin);
    List<String> theirs = new ArrayList<>(List.of("llvm-symbolizer-19"));
    theirs.addAll(options);
    Process p = new ProcessBuilder(theirs).directory(dir.toFile())
        .redirectInput(input.toFile()).start();
    java.util.concurrent.CompletableFuture<byte[]> err =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return p.getErrorStream().readAllBytes();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    byte[] out = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    List<String> ours = new ArrayList<>(List.of("symbolize"));
    ours.addAll(options);
    CliRun.Result r = CliRun.withInput(stdin, ours.toArray(new String[0]));
    assertThat(r.out()).as("%s", options).isEqualTo(new String(out, StandardCharsets.UTF_8));
    assertThat(r.err()).as("stderr %s", options).isEqualTo(new String(err.get(),
        StandardCharsets.UTF_8).replace("llvm-symbolizer-19: ", "symbolic: "));
    assertThat(r.code()).as("exit %s", options).isEqualTo(code);
    return r;
  }

  /**
   * Asserts that each variant of the options prints what llvm-symbolizer-19, run in {@code cwd}
   * (where relative source paths are read from, as in-process ones from ours), prints on the same
   * input; returns all of it.
   */
  private String compareLive(Path binary, Path cwd, String stdin, String[][] variants)
      throws Exception {
    StringBuilder all = new StringBuilder();
    for (String[] v : variants) {
      List<String> args = new ArrayList<>(List.of("symbolize", "--obj", binary.toString()));
      args.addAll(List.of(v));
      List<String> theirs = new ArrayList<>(List.of("llvm-symbolizer-19", "--obj",
          binary.toString()));
      theirs.addAll(List.of(v));
      String ours = CliRun.withInput(stdin, args.toArray(new String[0])).out();
      assertThat(ours).as("%s", List.of(v))
          .isEqualTo(exec(cwd, dir, stdin, theirs.toArray(new String[0])));
      all.append(ours);
    }
    return all.toString();
  }

  /** Globals, statics, constants, function-local statics, TLS and bss for DATA requests. */
  private static final String DATA_PROGRAM = String.join("\n",
      "#include <stdio.h>",
      "int g_init = 5;",
      "int g_bss;",
      "static int s_init = 7;",
      "static int s_bss;",
      "const int carr[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};",
      "struct S { int a; char b[13]; double d; } gs = {1, \"x\", 2.0};",
      "__thread int tls_var = 3;",
      "char *ptr = \"hello\";",
      "int arr2[3][4];",
      "typedef struct S ST;",
      "ST tdarr[2];",
      "volatile const long vcl = 9;",
      "int work(int n) {",
      "  static int fstatic = 3;",
      "  static int fbss;",
      "  int local = n * 2;",
      "  fbss += local;",
      "  return fstatic + fbss + s_init + s_bss + tls_var + (int) vcl;",
      "}",
      "int main(int argc, char **argv) {",
      "  s_bss = argc;",
      "  printf(\"%d %d %d %d %s %d\\n\", work(argc), g_init, g_bss, carr[argc], ptr,",
      "      gs.a + arr2[1][argc] + tdarr[1].a);",
      "  return 0;",
      "}",
      "");

  /**
   * DATA requests for every byte of every data symbol (and the byte after), code addresses and
   * symbol names ({@code NAME+OFFSET} looks up OFFSET alone), as {@code cmd} requests.
   */
  private String dataRequests(Path binary, String cmd) throws Exception {
    // Scratch files in the test's directory: the binary's may be the shared corpus.
    String nm = exec(dir, dir, "", "nm", "-S", binary.toString());
    assumeTrue(nm != null, "nm not installed: skipping the live comparison");
    StringBuilder in = new StringBuilder();
    for (String line : nm.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 4 && "tTUwWvV".indexOf(f[2].charAt(0)) < 0) {
        long start = Long.parseUnsignedLong(f[0], 16);
        long size = Math.min(Long.parseUnsignedLong(f[1], 16), 4096);
        for (long a = start; a <= start + size; a++) {
          in.append(cmd).append(" 0x").append(Long.toHexString(a)).append('\n');
        }
      } else if (f.length >= 3 && f[f.length - 2].equalsIgnoreCase("t")) {
        long start = Long.parseUnsignedLong(f[0], 16);
        for (long d : new long[] {0, 3, 9}) {
          in.append(cmd).append(" 0x").append(Long.toHexString(start + d)).append('\n');
        }
      }
    }
    in.append(cmd).append(" 0x0\n").append(cmd).append("  0x10\n").append(cmd)
        .append(" main\n").append(cmd).append(" gs+4\n").append(cmd).append(" 0x20 words\n");
    return in.toString();
  }

  /**
   * {@code DATA ADDRESS} as llvm-symbolizer-19 answers it: the symbol table's name, start and
   * size, then the DWARF variable's declaration (gcc's DWARF 5 names no file: its
   * DW_FORM_implicit_const decl_file has no unit in llvm), or a local symbol's STT_FILE name.
   * 32-bit code is covered by the corpus's -m32 binary: this machine's gcc builds no -m32.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-gdwarf-4 -O0", "-gdwarf-5 -O0", "-gdwarf-4 -O2", "-gdwarf-5 -O2"})
  void matchesLlvmSymbolizerOnDataRequests(String flags) throws Exception {
    Path src = Files.writeString(dir.resolve("data.c"), DATA_PROGRAM);
    List<String> cmd = new ArrayList<>(List.of("gcc", "-g"));
    cmd.addAll(List.of(flags.split(" ")));
    cmd.addAll(List.of("-o", "data", src.toString()));
    assumeTrue(exec(dir, "", cmd.toArray(new String[0])) != null,
        "gcc not found or failed (" + flags + "): skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    Path binary = dir.resolve("data");
    String stdin = "DATA 0x0\n" + dataRequests(binary, "DATA") + "DATA\nDATA \nDATA 12z\n";
    String[][] variants = {
        {}, {"--output-style=JSON"}, {"--output-style=GNU"}, {"-a"}, {"-a", "-p"},
        {"--output-style=GNU", "-a", "-p"}, {"--functions=none"}, {"-s"}, {"--relativenames"},
        {"--adjust-vma=0x10", "-a"}, {"--no-demangle", "--output-style=JSON"}, {"--verbose"},
    };
    String out = compareLive(binary, dir, stdin, variants);
    assertThat(out).contains("\"Data\":{\"Name\":\"carr\"", "??:?", "crtstuff.c:0");
    if (flags.contains("-gdwarf-4")) {
      assertThat(out).contains(src + ":6\n");
    }
  }

  /**
   * {@code FRAME ADDRESS} as llvm-symbolizer-19 answers it: the locals of the innermost
   * (inlined) function at the address and everything nested in it, with frame offsets from
   * {@code DW_OP_fbreg} and frame-base registers in expressions and location lists.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-gdwarf-4 -O0", "-gdwarf-5 -O0", "-gdwarf-4 -O2", "-gdwarf-5 -O2"})
  void matchesLlvmSymbolizerOnFrameRequests(String flags) throws Exception {
    Path src = Files.writeString(dir.resolve("data.c"), DATA_PROGRAM);
    Path inc = Files.createDirectories(dir.resolve("inc"));
    Files.writeString(inc.resolve("helper.h"), HEADER);
    Path prog = Files.writeString(dir.resolve("prog.c"), String.join("\n", WITH_HEADER) + "\n");
    for (Path source : List.of(src, prog)) {
      List<String> cmd = new ArrayList<>(List.of("gcc", "-g", "-Iinc"));
      cmd.addAll(List.of(flags.split(" ")));
      cmd.addAll(List.of("-o", "frames", source.toString()));
      assumeTrue(exec(dir, "", cmd.toArray(new String[0])) != null,
          "gcc not found or failed (" + flags + "): skipping");
      assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
          "llvm-symbolizer-19 not installed: skipping the live comparison");
      Path binary = dir.resolve("frames");
      StringBuilder in = new StringBuilder();
      for (String a : addresses(binary)) {
        in.append("FRAME ").append(a).append('\n');
      }
      String stdin = in + dataRequests(binary, "FRAME");
      String out = compareLive(binary, dir, stdin, new String[][] {
          {}, {"--output-style=JSON"}, {"--output-style=GNU", "-a", "-p"}, {"-a"}});
      assertThat(out).contains("\"Frame\":[{\"DeclFile\":");
    }
  }

  /**
   * DATA and FRAME requests over the corpus binaries: every byte of each data symbol, code
   * addresses.
   */
  @ParameterizedTest
  @ValueSource(strings = {"c-clang-O2-dwarf5", "c-gcc-O0-dwarf5", "c-gcc-O1-dwarf3",
      "cpp-clang-O0-dwarf4", "cpp-clang-O2-dwarf5-typeunits", "cpp-gcc-O2-dwarf4-dwz",
      "c-gcc-O2-m32-dwarf5", "c-gcc-O2-dwarf64", "c-clang-O2-dwarf5-split", "rust-O2-dwarf4",
      "free-riscv64-O2-dwarf5"})
  void matchesLlvmSymbolizerOnDataRequestsOverTheCorpus(String name) throws Exception {
    Path binary = corpus().resolve("binaries").resolve(name).toAbsolutePath();
    assumeTrue(Files.isRegularFile(binary), name + " not in the corpus: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    String stdin = dataRequests(binary, "DATA") + dataRequests(binary, "FRAME");
    compareLive(binary, dir, stdin, new String[][] {
        {}, {"--output-style=JSON"}, {"--output-style=GNU", "-a"}});
  }

  @Test
  void reportsErrors() {
    CliRun.Result missing = CliRun.withInput("", "symbolize", "--obj",
        dir.resolve("nope").toString(), "0x10");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).startsWith("symbolic: ").contains("nope");
    assertThat(missing.err().strip().lines().count()).isEqualTo(1);
    // Without --obj the first word names the file, as llvm reads it: here there is no address.
    CliRun.Result noObj = CliRun.withInput("", "symbolize", "0x10");
    assertThat(noObj.code()).isZero();
    assertThat(noObj.out()).isEqualTo("??\n??:0:0\n\n");
    assertThat(noObj.err()).isEqualTo("symbolic: error: '0x10': no module offset has been"
        + " specified\n");
    CliRun.Result badStyle = CliRun.withInput("", "symbolize", "--obj", "x",
        "--output-style=XML", "0x10");
    assertThat(badStyle.code()).isEqualTo(2);
    CliRun.Result badVma = CliRun.withInput("", "symbolize", "--obj", "x", "--adjust-vma=-1",
        "0x10");
    assertThat(badVma.code()).isEqualTo(2);
    assertThat(badVma.err()).contains("--adjust-vma=: expected a non-negative integer, but got '-1'");
    for (String bad : new String[] {"abc", "", " 3", "+2", "2147483648", "-2147483649", "1e2"}) {
      CliRun.Result badLines = CliRun.withInput("", "symbolize", "--obj", "x",
          "--print-source-context-lines=" + bad, "0x10");
      assertThat(badLines.code()).as(bad).isEqualTo(2);
      assertThat(badLines.err()).contains("--print-source-context-lines=: expected a"
          + " non-negative integer, but got '" + bad + "'");
    }
    assertThat(Symbolize.parseInt("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(Symbolize.parseInt("0x7fffffff")).isEqualTo(Integer.MAX_VALUE);
    assertThat(Symbolize.parseInt("010")).isEqualTo(8);
    assertThat(Symbolize.parseInt("-0")).isZero();
    assertThat(Symbolize.parseInt("--1")).isNull();
    CliRun.Result help = CliRun.withInput("", "symbolize", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--obj FILE", "--output-style STYLE", "--relativenames",
        "DATA ADDRESS", "FRAME ADDRESS",
        "--print-source-context-lines N");
  }

  @Test
  void rejectsNonElfFiles() throws IOException {
    Path text = Files.writeString(dir.resolve("text"), "not an ELF file\n");
    CliRun.Result r = CliRun.withInput("", "symbolize", "--obj", text.toString(), "0x10");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("symbolic: ");
  }

  @Test
  void parsesAddressesAsLlvmDoes() {
    assertThat(Symbolize.parseAddress("0x1f")).isEqualTo(0x1fL);
    assertThat(Symbolize.parseAddress("31")).isEqualTo(31L);
    assertThat(Symbolize.parseAddress("017")).isEqualTo(15L);
    assertThat(Symbolize.parseAddress("0b11")).isEqualTo(3L);
    assertThat(Symbolize.parseAddress("0xffffffffffffffff")).isEqualTo(-1L);
    assertThat(Symbolize.parseAddress("0x1ffffffffffffffff")).isNull();
    assertThat(Symbolize.parseAddress("12zz")).isNull();
    assertThat(Symbolize.parseAddress("main")).isNull();
  }

  // ------------------------------------------------------------------------------ corpus

  private static Path corpus() {
    String configured = System.getProperty("symbolic.corpus");
    Path root = configured != null && !configured.isEmpty() ? Path.of(configured)
        : Path.of("../shared/corpus");
    if (!Files.isDirectory(root.resolve("debuginfo"))) {
      root = Path.of("../../shared/corpus");
    }
    Path dir = root.resolve("debuginfo").resolve("generated");
    assumeTrue(Files.isDirectory(dir), "debuginfo corpus not found at " + dir.toAbsolutePath()
        + " (set -Dsymbolic.corpus=DIR): skipping");
    return dir;
  }

  /**
   * The printing options and symbol-name inputs over the corpus binaries, compared live: every
   * text symbol's start, +3 and +9 bytes, and every symbol name, alone and with {@code +4}.
   */
  @ParameterizedTest
  @ValueSource(strings = {"c-clang-O2-dwarf5", "cpp-clang-O0-dwarf4", "cpp-clang-O2-gmlt",
      "cpp-gcc-O2-dwarf4-dwz", "c-gcc-O2-m32-dwarf5", "free-riscv64-O2-dwarf5"})
  void matchesLlvmSymbolizerOptionsOnTheCorpus(String name) throws Exception {
    Path binary = corpus().resolve("binaries").resolve(name);
    assumeTrue(Files.isRegularFile(binary), name + " not in the corpus: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    String nm = exec(dir, "", "nm", binary.toString());
    assumeTrue(nm != null, "nm not installed: skipping the live comparison");
    StringBuilder in = new StringBuilder();
    for (String line : nm.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        in.append(f[2]).append('\n').append(f[2]).append("+4\n");
        if (f[1].equalsIgnoreCase("t")) {
          long a = Long.parseUnsignedLong(f[0], 16);
          for (long d : new long[] {0, 3, 9}) {
            in.append("0x").append(Long.toHexString(a + d)).append('\n');
          }
        }
      }
    }
    String stdin = in.toString();
    String[][] variants = {
        {"--verbose"}, {"--verbose", "--no-inlines"}, {"--verbose", "--output-style=GNU"},
        {"-a", "-p", "-s"}, {"--output-style=JSON"}, {"--relativenames", "--verbose"},
        {"--relativenames", "--output-style=JSON"}, {"--relativenames", "-p", "-a"},
    };
    for (String[] v : variants) {
      List<String> args = new ArrayList<>(List.of("symbolize", "--obj", binary.toString()));
      args.addAll(List.of(v));
      List<String> theirs = new ArrayList<>(List.of("llvm-symbolizer-19", "--obj",
          binary.toString()));
      theirs.addAll(List.of(v));
      assertThat(CliRun.withInput(stdin, args.toArray(new String[0])).out())
          .as("%s %s", name, List.of(v)).isEqualTo(exec(dir, stdin, theirs.toArray(new String[0])));
    }
  }

  /**
   * {@code --dwp FILE} reads a DWARF package kept elsewhere, and {@code --debug-file-directory
   * DIR} finds a stripped file's debug file by build id there, as llvm-symbolizer does.
   */
  @Test
  void findsAPackageAndADebugFileWhereTheOptionsSay() throws Exception {
    Path binaries = corpus().resolve("binaries");
    Path split = binaries.resolve("c-clang-O2-dwarf5-split");
    Path linked = binaries.resolve("c-gcc-O2-dwarf5-debuglink");
    assumeTrue(Files.isRegularFile(split) && Files.isRegularFile(linked),
        "corpus binaries absent: skipping");
    assumeTrue(exec(dir, "", "llvm-symbolizer-19", "--version") != null,
        "llvm-symbolizer-19 not installed: skipping the live comparison");
    String nm = exec(dir, "", "nm", split.toString());
    assumeTrue(nm != null, "nm not installed: skipping");
    StringBuilder in = new StringBuilder();
    for (String line : nm.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[1].equalsIgnoreCase("t")) {
        in.append("0x").append(f[0]).append('\n');
      }
    }
    // The binary alone in a directory, its package in another.
    Path lone = Files.copy(split, Files.createDirectories(dir.resolve("lone")).resolve("prog"));
    Path dwp = Files.copy(binaries.resolve("c-clang-O2-dwarf5-split.dwp"),
        Files.createDirectories(dir.resolve("pkg")).resolve("prog.dwp"));
    String theirs = exec(dir, in.toString(), "llvm-symbolizer-19", "--obj", lone.toString(),
        "--dwp=" + dwp);
    assertThat(CliRun.withInput(in.toString(), "symbolize", "--obj", lone.toString(),
        "--dwp=" + dwp).out()).isEqualTo(theirs).contains(".c:");

    // A stripped copy whose debug file sits under DIR/.build-id/xx/rest.debug.
    String id = buildId(linked);
    assumeTrue(id != null, "no build id: skipping");
    Path debugDir = dir.resolve("debug");
    Path target = debugDir.resolve(".build-id").resolve(id.substring(0, 2))
        .resolve(id.substring(2) + ".debug");
    Files.createDirectories(target.getParent());
    Files.copy(binaries.resolve("c-gcc-O2-dwarf5-debuglink.debug"), target);
    Path stripped = Files.copy(linked,
        Files.createDirectories(dir.resolve("stripped")).resolve("prog"));
    // The stripped file has no symbol table: take code addresses from the debug file's.
    String nm2 = exec(dir, "", "nm", binaries.resolve("c-gcc-O2-dwarf5-debuglink.debug")
        .toString());
    StringBuilder in2 = new StringBuilder();
    for (String line : (nm2 == null ? "" : nm2).split("\\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[1].equalsIgnoreCase("t")) {
        in2.append("0x").append(f[0]).append('\n');
      }
    }
    String theirs2 = exec(dir, in2.toString(), "llvm-symbolizer-19", "--obj",
        stripped.toString(), "--debug-file-directory=" + debugDir);
    assertThat(CliRun.withInput(in2.toString(), "symbolize", "--obj", stripped.toString(),
        "--debug-file-directory=" + debugDir).out()).isEqualTo(theirs2).contains(".c:");
  }

  /** The GNU build id of an ELF file as hex, from readelf, or null. */
  private String buildId(Path elf) throws Exception {
    String notes = exec(dir, "", "readelf", "-n", elf.toString());
    if (notes == null) {
      return null;
    }
    for (String line : notes.split("\n")) {
      int at = line.indexOf("Build ID: ");
      if (at >= 0) {
        return line.substring(at + "Build ID: ".length()).trim();
      }
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"c-gcc-O2-dwarf5", "c-clang-O2-dwarf5-split", "cpp-clang-O2-dwarf5",
      "c-gcc-O2-dwarf5-debuglink", "c-gcc-O2-m32-dwarf5", "cpp-gcc-O2-dwarf4-dwz"})
  void matchesTheCorpusExpectations(String name) throws IOException {
    Path generated = corpus();
    Path binary = generated.resolve("binaries").resolve(name);
    Path expectedFile = generated.resolve("expected").resolve(name + ".symbolizer.jsonl.gz");
    assumeTrue(Files.isRegularFile(binary) && Files.isRegularFile(expectedFile),
        name + " not in the corpus: skipping");
    List<String> addrs = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    String module = binary.toString();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(expectedFile)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> rec = (Map<String, Object>) new Json(line).value();
        if (rec.containsKey("arch")) {
          continue;
        }
        String address = (String) rec.get("address");
        addrs.add(address);
        StringBuilder sb = new StringBuilder("{\"Address\":\"").append(address)
            .append("\",\"ModuleName\":");
        Sourcemap.string(sb, module);
        sb.append(",\"Symbol\":[");
        @SuppressWarnings("unchecked")
        List<Object> frames = (List<Object>) rec.get("frames");
        for (int i = 0; i < frames.size(); i++) {
          @SuppressWarnings("unchecked")
          Map<String, Object> f = (Map<String, Object>) frames.get(i);
          sb.append(i > 0 ? "," : "").append("{\"Column\":").append(f.get("column"))
              .append(",\"Discriminator\":").append(f.get("discriminator"))
              .append(",\"FileName\":");
          Sourcemap.string(sb, (String) f.get("file"));
          sb.append(",\"FunctionName\":");
          Sourcemap.string(sb, (String) f.get("function_demangled"));
          sb.append(",\"Line\":").append(f.get("line")).append(",\"StartAddress\":");
          Sourcemap.string(sb, (String) f.get("start_address"));
          sb.append(",\"StartFileName\":");
          Sourcemap.string(sb, (String) f.get("start_file"));
          sb.append(",\"StartLine\":").append(f.get("start_line")).append('}');
        }
        expected.add(sb.append("]}").toString());
      }
    }
    CliRun.Result r = CliRun.withInput(String.join("\n", addrs) + "\n", "symbolize",
        "--output-style=JSON",
        "--obj", module);
    assertThat(r.code()).isZero();
    List<String> actual = r.out().lines().toList();
    assertThat(actual).hasSameSizeAs(expected);
    int same = 0;
    String firstDiff = null;
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i).equals(actual.get(i))) {
        same++;
      } else if (firstDiff == null) {
        firstDiff = "expected " + expected.get(i) + "\n but was " + actual.get(i);
      }
    }
    assertThat(same).as("%s: %d/%d equal; first difference:%n%s", name, same, expected.size(),
        firstDiff).isEqualTo(expected.size());
  }

  /** A minimal JSON reader for the expectation files: objects, arrays, strings, numbers. */
  private static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        skip();
        if (s.charAt(i) == '}') {
          i++;
          return m;
        }
        while (true) {
          skip();
          String k = string();
          skip();
          i++; // ':'
          m.put(k, value());
          skip();
          if (s.charAt(i++) == '}') {
            return m;
          }
        }
      }
      if (c == '[') {
        i++;
        List<Object> l = new ArrayList<>();
        skip();
        if (s.charAt(i) == ']') {
          i++;
          return l;
        }
        while (true) {
          l.add(value());
          skip();
          if (s.charAt(i++) == ']') {
            return l;
          }
        }
      }
      if (c == '"') {
        return string();
      }
      int start = i;
      while (i < s.length() && "-+0123456789.eEtruefalsn".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String t = s.substring(start, i);
      return t.equals("null") ? null : t.equals("true") || t.equals("false") ? t
          : Long.valueOf(t);
    }

    private String string() {
      i++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
              sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
