package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import dev.symbolic.debuginfo.BreakpadSymbols;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Walks every dump of the corpus with its symbols; minidump2 must match Breakpad exactly. */
class StackwalkCorpusTest {
  /** Breakpad's symbol store layout: DEBUG_FILE/DEBUG_ID/DEBUG_FILE_WITHOUT_PDB.sym. */
  static Function<MinidumpModule, Optional<BreakpadSymbols>> store(List<Path> roots) {
    return module -> {
      String file = StackwalkPrinter.basename(module.debugFile());
      String stem = file.toLowerCase(Locale.ROOT).endsWith(".pdb")
          ? file.substring(0, file.length() - 4) : file;
      for (Path root : roots) {
        Path sym = root.resolve(file).resolve(module.debugIdentifier()).resolve(stem + ".sym");
        if (!file.isEmpty() && Files.isRegularFile(sym)) {
          try {
            return Optional.of(BreakpadSymbols.parse(ByteView.map(sym)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return Optional.empty();
    };
  }

  static List<Path> symbolRoots() {
    Path root = MinidumpCorpusTest.corpus();
    return List.of(root.resolve("breakpad/symbols"), root.resolve("rust-minidump/symbols"));
  }

  @Test
  void everyDumpWalksWithinTheLimits() throws IOException {
    List<Path> files = MinidumpCorpusTest.dumps();
    assumeTrue(!files.isEmpty(), "corpus absent at "
        + MinidumpCorpusTest.corpus().toAbsolutePath() + "; skipped");
    Function<MinidumpModule, Optional<BreakpadSymbols>> symbols = store(symbolRoots());
    int walked = 0;
    long frames = 0;
    for (Path p : files) {
      if (p.getFileName().toString().startsWith("microdump-")) {
        continue;
      }
      ProcessState state = ProcessState.process(Minidump.parse(ByteView.map(p)), symbols);
      for (CallStack stack : state.threads()) {
        assertThat(stack.frames()).hasSizeLessThanOrEqualTo(StackWalker.MAX_FRAMES);
        frames += stack.frames().size();
      }
      assertThat(StackwalkPrinter.human(state)).contains("Loaded modules:");
      assertThat(StackwalkPrinter.machineReadable(state)).startsWith("OS|");
      assertThat(StackwalkJson.of(state)).startsWith("{\"status\":\"OK\"");
      walked++;
    }
    assertThat(walked).isGreaterThanOrEqualTo(50);
    assertThat(frames).isGreaterThan(1000);
  }
}
