package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Parses every Breakpad symbol file of the shared corpus and compares with symbolic's snapshots. */
class BreakpadCorpusTest {
  static Path corpus() {
    return Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"));
  }

  static List<Path> symFiles() throws IOException {
    Path root = corpus();
    List<Path> out = new ArrayList<>();
    Path minidump = root.resolve("minidump");
    if (Files.isDirectory(minidump)) {
      try (Stream<Path> s = Files.walk(minidump)) {
        s.filter(p -> p.toString().endsWith(".sym"))
            .filter(p -> minidump.relativize(p).toString().contains("symbols"))
            .forEach(out::add);
      }
    }
    Path fixtures = root.resolve("symbolic/fixtures");
    if (Files.isDirectory(fixtures)) {
      try (Stream<Path> s = Files.walk(fixtures)) {
        s.filter(p -> p.toString().endsWith(".sym")).forEach(out::add);
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void parsesEveryCorpusFileWithoutBrokenLines() throws IOException {
    List<Path> files = symFiles();
    assumeTrue(!files.isEmpty(), "corpus absent at " + corpus().toAbsolutePath() + "; skipped");
    long funcs = 0;
    long lines = 0;
    long inlines = 0;
    long publics = 0;
    long cfi = 0;
    long win = 0;
    List<String> brokenReport = new ArrayList<>();
    for (Path p : files) {
      BreakpadSymbols s = BreakpadSymbols.parse(ByteView.map(p));
      List<BreakpadFunction> fs = s.functions().collect(Collectors.toList());
      funcs += fs.size();
      for (BreakpadFunction f : fs) {
        lines += f.lines().size();
        inlines += f.inlinees().size();
        // Every address of a function symbolizes to frames ending with the function itself.
        List<BreakpadFrame> frames = s.symbolize(f.address());
        assertThat(frames).isNotEmpty();
        if (f.size() > 0) {
          assertThat(frames.get(frames.size() - 1).address()).isEqualTo(f.address());
        }
        for (BreakpadInline in : f.inlinees()) {
          assertThat(s.inlineOrigins()).containsKey(in.origin());
        }
      }
      publics += s.publics().size();
      cfi += s.cfi().size();
      win += s.win().size();
      for (BreakpadCfi c : s.cfi()) {
        if (c.size() > 0) {
          assertThat(s.cfiFor(c.address())).isPresent();
        }
      }
      if (s.brokenLineCount() != 0) {
        brokenReport.add(p + ": " + s.brokenLineCount());
      }
    }
    System.out.printf(
        "Breakpad corpus: %d files, %d FUNC, %d lines, %d INLINE, %d PUBLIC, %d CFI, %d WIN%n",
        files.size(), funcs, lines, inlines, publics, cfi, win);
    brokenReport.forEach(r -> System.out.println("broken lines: " + r));
    assertThat(brokenReport).isEmpty();
  }

  /** {@code test_objects__breakpad_*.snap} are symbolic's snapshots of windows/crash.sym. */
  @Test
  void matchesSymbolicSnapshots() throws IOException {
    Path expected = corpus().resolve("symbolic/expected");
    Path sym = corpus().resolve("symbolic/fixtures/windows/crash.sym");
    assumeTrue(Files.isRegularFile(sym) && Files.isDirectory(expected), "corpus absent; skipped");
    BreakpadSymbols s = BreakpadSymbols.parse(ByteView.map(sym));

    // Files: the first 10 FILE records, in file order.
    List<String> files = snapLines(expected.resolve("test_objects__breakpad_files.snap"));
    assertThat(s.files().values().stream().limit(10).collect(Collectors.toList()))
        .isEqualTo(files);

    // Symbols: symbolic lists the PUBLIC records sorted by address.
    List<String> symbols = snapLines(expected.resolve("test_objects__breakpad_symbols.snap"));
    List<String> ours =
        s.publics().stream()
            .map(p -> String.format("%16x %s", p.address(), p.name()))
            .collect(Collectors.toList());
    assertThat(ours).isEqualTo(symbols.stream().map(l -> String.format("%s", l)).collect(
        Collectors.toList()));

    // Functions: "> 0xaddr: name (0xsize)" then "  0xaddr: basename:line (dir)" for 10 functions.
    List<String> funcs = snapLines(expected.resolve("test_objects__breakpad_functions.snap"));
    List<String> mine = new ArrayList<>();
    Map<Long, String> names = s.files();
    s.functions()
        .limit(10)
        .forEach(
            f -> {
              if (!mine.isEmpty()) {
                mine.add("");
              }
              mine.add(String.format("> 0x%x: %s (0x%x)", f.address(), f.name(), f.size()));
              for (BreakpadLine l : f.lines()) {
                if (l.size() == 0) {
                  continue; // symbolic drops empty line records; we report them raw
                }
                String path = names.getOrDefault(l.file(), "");
                int cut = path.lastIndexOf('\\');
                String base = cut < 0 ? path : path.substring(cut + 1);
                String dir = cut < 0 ? "" : path.substring(0, cut);
                mine.add(String.format("  0x%x: %s:%d (%s)", l.address(), base, l.line(), dir));
              }
            });
    assertThat(mine).isEqualTo(funcs);
    System.out.printf(
        "Breakpad snapshots: %d files, %d symbols, %d function lines match%n",
        files.size(), symbols.size(), funcs.size());
  }

  /** {@code test_cfi__cfi_sym_linux.snap} re-serializes the CFI of linux/crash.sym. */
  @Test
  void matchesSymbolicCfiSnapshot() throws IOException {
    Path snap = corpus().resolve("symbolic/expected/test_cfi__cfi_sym_linux.snap");
    Path sym = corpus().resolve("symbolic/fixtures/linux/crash.sym");
    assumeTrue(Files.isRegularFile(sym) && Files.isRegularFile(snap), "corpus absent; skipped");
    BreakpadSymbols s = BreakpadSymbols.parse(ByteView.map(sym));
    List<String> mine = new ArrayList<>();
    for (BreakpadCfi c : s.cfi()) {
      mine.add(String.format("STACK CFI INIT %x %x %s", c.address(), c.size(), c.initRules()));
      for (BreakpadCfiDelta d : c.deltas()) {
        mine.add(String.format("STACK CFI %x %s", d.address(), d.rules()));
      }
    }
    List<String> expected = snapLines(snap);
    assertThat(mine).isEqualTo(expected);
    System.out.printf("Breakpad CFI snapshot: %d lines match%n", expected.size());
  }

  /** The body of an insta snapshot: everything after the second {@code ---} line. */
  static List<String> snapLines(Path snap) throws IOException {
    List<String> all = Files.readAllLines(snap, StandardCharsets.UTF_8);
    int dashes = 0;
    int i = 0;
    while (i < all.size() && dashes < 2) {
      if (all.get(i).equals("---")) {
        dashes++;
      }
      i++;
    }
    List<String> body = new ArrayList<>(all.subList(i, all.size()));
    while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
      body.remove(body.size() - 1);
    }
    return body;
  }
}
