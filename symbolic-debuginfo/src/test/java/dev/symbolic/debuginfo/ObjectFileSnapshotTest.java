package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The object model against symbolic's own snapshots ({@code symbolic/expected/test_objects__*}):
 * functions with lines and nested inlinees, files and symbols of an ELF debug file and a Breakpad
 * symbol file. Content is compared line by line; blank lines and indentation width are symbolic's
 * debug formatting and are ignored, and so are the {@code variables:} blocks (symbolic's
 * experimental variable locations, not part of this object model).
 */
class ObjectFileSnapshotTest {
  @Test
  void elfFunctionsFilesAndSymbols() throws IOException {
    ObjectFile object = open("fixtures/linux/crash.debug");
    assertThat(object.format()).isEqualTo(FileFormat.ELF);
    assertThat(object.kind()).isEqualTo(ObjectKind.DEBUG);
    compare(object, "elf");
  }

  @Test
  void breakpadFunctionsFilesAndSymbols() throws IOException {
    ObjectFile object = open("fixtures/windows/crash.sym");
    assertThat(object.format()).isEqualTo(FileFormat.BREAKPAD);
    compare(object, "breakpad");
  }

  private static ObjectFile open(String fixture) throws IOException {
    Path file = ElfCorpus.symbolic().resolve(fixture);
    assumeTrue(Files.isRegularFile(file), fixture + " absent: skipping");
    return ObjectFile.open(ByteView.map(file));
  }

  private static void compare(ObjectFile object, String prefix) throws IOException {
    Path expected = ElfCorpus.symbolic().resolve("expected");
    List<String> functions = new ArrayList<>();
    object.debugSession().functions().limit(10).forEach(f -> render(f, 0, functions));
    assertThat(functions)
        .isEqualTo(snapshot(expected.resolve("test_objects__" + prefix + "_functions.snap")));

    List<String> files = object.debugSession().files().limit(10)
        .map(FileEntry::absolutePath).collect(Collectors.toList());
    assertThat(files)
        .isEqualTo(snapshot(expected.resolve("test_objects__" + prefix + "_files.snap")));

    List<String> symbols = object.symbols().stream()
        .map(s -> Long.toHexString(s.address()) + " " + s.name().text())
        .collect(Collectors.toList());
    assertThat(symbols)
        .isEqualTo(snapshot(expected.resolve("test_objects__" + prefix + "_symbols.snap")));
    System.out.printf("[object snapshots] %s: %d function lines, %d files, %d symbols match%n",
        prefix, functions.size(), files.size(), symbols.size());
  }

  /** Symbolic's FunctionsDebug shape, without its blank lines and indentation. */
  private static void render(Function f, int depth, List<String> out) {
    out.add(String.format("> 0x%x: %s (0x%x)", f.address(), f.name().text(), f.size()));
    for (LineInfo l : f.lines()) {
      out.add(String.format("0x%x: %s:%d (%s)", l.address(), l.file().name(), l.line(),
          l.file().dir()));
    }
    for (Function inlinee : f.inlinees()) {
      render(inlinee, depth + 1, out);
    }
  }

  /** The non-blank lines after the second {@code ---}, trimmed, inner runs of spaces collapsed. */
  private static List<String> snapshot(Path snap) throws IOException {
    List<String> lines = new ArrayList<>();
    int dashes = 0;
    boolean skipping = false;
    for (String line : Files.readAllLines(snap)) {
      if (dashes < 2) {
        if (line.equals("---")) {
          dashes++;
        }
        continue;
      }
      if (line.trim().equals("variables:")) {
        skipping = true;
        continue;
      }
      if (skipping && line.trim().startsWith(">")) {
        skipping = false;
      }
      if (!line.isBlank() && !skipping) {
        lines.add(line.trim().replaceAll("^([0-9a-f]+) +", "$1 "));
      }
    }
    return lines;
  }
}
