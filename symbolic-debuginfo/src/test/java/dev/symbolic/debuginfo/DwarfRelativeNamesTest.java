package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.DwarfLineTable.PathKind.ABSOLUTE;
import static dev.symbolic.debuginfo.DwarfLineTable.PathKind.RELATIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File paths built as llvm's {@code RelativeFilePath} ({@code llvm-symbolizer --relativenames}):
 * joined with the include directory but never with the compilation directory, on hand-assembled
 * DWARF 5 and on gcc's DWARF 4 and 5; and relative and absolute lookups on one reader do not see
 * each other's cached paths.
 */
class DwarfRelativeNamesTest {
  private static final String HEADER = String.join("\n",
      "extern volatile int sink;",
      "static inline __attribute__((always_inline)) int helper(int x) {",
      "  sink = x;",
      "  return sink + 1;",
      "}",
      "");

  private static final String PROGRAM = String.join("\n",
      "#include \"helper.h\"",
      "volatile int sink;",
      "__attribute__((noinline)) int work(int n) {",
      "  int s = 0;",
      "  for (int i = 0; i < n; i++) {",
      "    s += helper(i);",
      "  }",
      "  return s;",
      "}",
      "int main(int argc, char **argv) {",
      "  return work(argc * 10);",
      "}",
      "");

  @TempDir
  Path dir;

  @Test
  void relativeNamesLeaveOutOnlyTheCompilationDirectory() {
    Dwarf d = DwarfSyntheticTest.build(true, false);
    DwarfLineTable lt = d.units().get(0).lineTable().orElseThrow();
    // DWARF 5: a.c is under directory 0 (the compilation directory), b.h under "inc".
    assertThat(lt.fileName(0, RELATIVE)).contains("a.c");
    assertThat(lt.fileName(1, RELATIVE)).contains("inc/b.h");
    assertThat(lt.fileName(0, ABSOLUTE)).contains("/comp/a.c").isEqualTo(lt.fileName(0));
    assertThat(lt.fileName(1, ABSOLUTE)).contains("/comp/inc/b.h").isEqualTo(lt.fileName(1));
    assertThat(lt.fileName(2, RELATIVE)).isEmpty();
    assertThat(lt.fileName(-1, RELATIVE)).isEmpty();

    List<DwarfFrame> frames = d.symbolize(0x1045, RELATIVE);
    assertThat(frames).extracting(DwarfFrame::file).containsExactly("inc/b.h", "a.c");
    assertThat(frames).extracting(DwarfFrame::startFile).containsExactly("", "inc/b.h");
  }

  @Test
  void relativeAndAbsoluteLookupsKeepTheirOwnPaths() {
    for (boolean relativeFirst : new boolean[] {true, false}) {
      Dwarf d = DwarfSyntheticTest.build(true, false);
      List<DwarfFrame> first = relativeFirst ? d.symbolize(0x1045, RELATIVE) : d.symbolize(0x1045);
      List<DwarfFrame> second = relativeFirst ? d.symbolize(0x1045) : d.symbolize(0x1045, RELATIVE);
      List<DwarfFrame> relative = relativeFirst ? first : second;
      List<DwarfFrame> absolute = relativeFirst ? second : first;
      assertThat(absolute).extracting(DwarfFrame::file)
          .containsExactly("/comp/inc/b.h", "/comp/a.c");
      assertThat(absolute).extracting(DwarfFrame::startFile).containsExactly("", "/comp/inc/b.h");
      assertThat(relative).extracting(DwarfFrame::file).containsExactly("inc/b.h", "a.c");
      assertThat(relative).extracting(DwarfFrame::startFile).containsExactly("", "inc/b.h");
      assertThat(d.symbolize(0x1045, RELATIVE)).extracting(DwarfFrame::startFile)
          .containsExactly("", "inc/b.h");
      assertThat(d.symbolize(0x1045, ABSOLUTE)).extracting(DwarfFrame::startFile)
          .containsExactly("", "/comp/inc/b.h");
    }
  }

  /**
   * gcc puts the header's directory in the include directories: DWARF 4 numbers them from 1 and
   * gives the main file directory 0 (none), DWARF 5 makes directory 0 the compilation directory.
   * Either way the relative paths are {@code prog.c} and {@code inc/helper.h}, for the line
   * table's file, DW_AT_call_file and DW_AT_decl_file alike.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-gdwarf-4", "-gdwarf-5"})
  void gccIncludeDirectoriesStayInRelativeNames(String version) throws Exception {
    Files.createDirectories(dir.resolve("inc"));
    Files.writeString(dir.resolve("inc/helper.h"), HEADER);
    Files.writeString(dir.resolve("prog.c"), PROGRAM);
    assumeTrue(run("gcc", "-g", version, "-O2", "-Iinc", "-o", "prog", "prog.c"),
        "gcc absent or failed: skipping");
    Dwarf d = Dwarf.open(DwarfTestSupport.elfSections(dir.resolve("prog")));
    DwarfFunction work = d.functions().stream().filter(f -> f.name().equals("work"))
        .findFirst().orElseThrow();
    DwarfFunction helper = work.inlinees().stream().filter(f -> f.name().equals("helper"))
        .findFirst().orElseThrow();
    long address = helper.rangeStart(0);

    List<DwarfFrame> relative = d.symbolize(address, RELATIVE);
    assertThat(relative).extracting(DwarfFrame::name).containsExactly("helper", "work");
    assertThat(relative).extracting(DwarfFrame::file).containsExactly("inc/helper.h", "prog.c");
    assertThat(relative.get(0).startFile()).isEqualTo("inc/helper.h");

    List<DwarfFrame> absolute = d.symbolize(address);
    assertThat(absolute.get(0).file()).startsWith("/").endsWith("/inc/helper.h");
    assertThat(absolute.get(1).file()).startsWith("/").endsWith("/prog.c");
    assertThat(absolute.get(0).startFile()).isEqualTo(absolute.get(0).file());
    assertThat(d.symbolize(address, RELATIVE).get(0).startFile()).isEqualTo("inc/helper.h");
  }

  private boolean run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return false;
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }
}
