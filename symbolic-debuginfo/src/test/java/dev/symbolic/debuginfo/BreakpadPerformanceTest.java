package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Generates a ~8 MB symbol file under target/ and reports parse throughput (the README figures come from a 50 MB run). */
class BreakpadPerformanceTest {
  @Test
  void parsesEightMegabytes() throws IOException {
    Path file = Path.of("target", "breakpad-perf.sym");
    if (!Files.exists(file) || Files.size(file) < 8_000_000L) {
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write("MODULE Linux x86_64 5A5F32914295A4FA22B591670A49FBEF0 big.so\n");
        for (int i = 0; i < 2000; i++) {
          w.write("FILE " + i + " /build/src/some/dir/file" + i + ".cc\n");
        }
        long addr = 0x1000;
        int f = 0;
        while (true) {
          w.write(String.format("FUNC %x 100 0 ns::Class%d::method(int, char const*)%n", addr, f));
          for (int l = 0; l < 16; l++) {
            w.write(String.format("%x 10 %d %d%n", addr + l * 16, 100 + l, f % 2000));
          }
          w.write(String.format("STACK CFI INIT %x 100 .cfa: $rsp 8 + .ra: .cfa -8 + ^%n", addr));
          w.write(String.format("STACK CFI %x .cfa: $rsp 16 +%n", addr + 1));
          addr += 0x100;
          if (++f % 1000 == 0 && Files.size(file) >= 8_000_000L) {
            break;
          }
          if (f % 1000 == 0) {
            w.flush();
          }
        }
      }
    }
    ByteView data = ByteView.map(file);
    double mb = data.length() / 1e6;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      BreakpadSymbols s = BreakpadSymbols.parse(data);
      long t1 = System.nanoTime();
      long lines = s.functions().mapToLong(fn -> fn.lines().size()).sum();
      long t2 = System.nanoTime();
      long broken = s.brokenLineCount();
      long t3 = System.nanoTime();
      assertThat(broken).isZero();
      assertThat(lines).isEqualTo(16L * s.functionCount());
      assertThat(s.symbolize(0x1000 + 0x100L * 5 + 0x25).get(0).line()).isEqualTo(102);
      System.out.printf(
          "Breakpad perf: %.1f MB; scan %.0f MB/s; all FUNC+lines %.0f MB/s; full validation"
              + " %.0f MB/s%n",
          mb, mb / ((t1 - t0) / 1e9), mb / ((t2 - t1) / 1e9), mb / ((t3 - t2) / 1e9));
    }
  }
}
