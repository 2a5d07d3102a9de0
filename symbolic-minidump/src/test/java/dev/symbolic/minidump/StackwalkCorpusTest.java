package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walks every dump of the corpus with its symbols; minidump2 must match Breakpad exactly. */
class StackwalkCorpusTest {
  static List<Path> symbolRoots() {
    Path root = MinidumpCorpusTest.corpus();
    return List.of(root.resolve("breakpad/symbols"), root.resolve("rust-minidump/symbols"));
  }

  @Test
  void everyDumpWalksWithinTheLimits() throws IOException {
    List<Path> files = MinidumpCorpusTest.dumps();
    assumeTrue(!files.isEmpty(), "corpus absent at "
        + MinidumpCorpusTest.corpus().toAbsolutePath() + "; skipped");
    SymbolSupplier symbols = SymbolSupplier.of(symbolRoots());
    int walked = 0;
    long frames = 0;
    for (Path p : files) {
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
    assertThat(walked).isGreaterThanOrEqualTo(57);
    assertThat(frames).isGreaterThan(1000);
  }

  @Test
  void minidump2ReproducesBreakpadsStackwalkOutputsExactly() throws IOException {
    Path dmp = MinidumpCorpusTest.minidump2();
    ProcessState state = ProcessState.process(Minidump.parse(ByteView.map(dmp)),
        SymbolSupplier.of(List.of(dmp.resolveSibling("symbols"))));
    assertThat(StackwalkPrinter.human(state))
        .isEqualTo(Files.readString(dmp.resolveSibling("minidump2.stackwalk.out")));
    assertThat(StackwalkPrinter.machineReadable(state)).isEqualTo(
        Files.readString(dmp.resolveSibling("minidump2.stackwalk.machine_readable.out")));
  }
}
