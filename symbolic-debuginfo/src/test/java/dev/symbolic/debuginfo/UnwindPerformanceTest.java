package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Times the Breakpad CFI text of the 40 MB corpus binary ({@link
 * DwarfTestSupport#largeBinary()}) or of {@code -Dsymbolic.large=FILE}; skipped when absent.
 */
class UnwindPerformanceTest {
  @Test
  void breakpadTextOfTheLargeBinary() throws IOException, InterruptedException {
    String named = System.getProperty("symbolic.large");
    Path bin = named != null ? Path.of(named) : DwarfTestSupport.largeBinary();
    assumeTrue(Files.isRegularFile(bin), "large binary absent at " + bin + ": skipping");
    ByteView data = ByteView.map(bin);
    long best = Long.MAX_VALUE;
    String text = "";
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      text = CfiAsciiWriter.toText(ElfFile.parse(data));
      best = Math.min(best, System.nanoTime() - t0);
    }
    long lines = text.lines().count();
    long fdes = text.lines().filter(l -> l.startsWith("STACK CFI INIT ")).count();
    System.out.printf("Unwind perf: %.1f MB file, %d FDEs, %d lines, %.1f MB of text in %d ms"
        + " (best of 5)%n", data.length() / 1e6, fdes, lines, text.length() / 1e6,
        best / 1_000_000);
    assertThat(fdes).isPositive();
  }
}
