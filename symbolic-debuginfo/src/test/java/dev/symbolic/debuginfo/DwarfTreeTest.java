package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lazy {@link DwarfTree} answers as the full one: the same DIE for every address at the start,
 * middle and end of every subroutine range, and for every DIE offset the same tag and chain of
 * parents, through {@link DwarfTree#indexOf} (which walks skipped subtrees) and through {@link
 * DwarfTree#ancestors} on a fresh tree (which hops over siblings instead).
 */
class DwarfTreeTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
    "c-gcc-O0-dwarf5", "c-gcc-O1-dwarf3", "c-gcc-O2-dwarf5", "c-gcc-O2-dwarf64",
    "c-gcc-O2-flto-dwarf5", "c-gcc-O2-m32-dwarf5", "cpp-gcc-O2-dwarf5", "cpp-gcc-O2-dwarf4-dwz",
    "cpp-clang-O2-dwarf5", "rust-O2-dwarf4", "free-aarch64-O2-dwarf5",
  })
  void corpusBinaries(String name) throws IOException {
    Path bin = DwarfTestSupport.corpusDir().resolve("generated/binaries").resolve(name);
    assumeTrue(Files.exists(bin), "corpus absent: " + bin);
    int skipping = check(Dwarf.open(DwarfTestSupport.elfSections(bin)), Integer.MAX_VALUE);
    if (name.contains("gcc")) {
      assertThat(skipping).as("units with skipped subtrees").isPositive();
    }
  }

  @Test
  void largeBinaryFirstUnits() throws Exception {
    Path bin = DwarfTestSupport.largeBinary();
    assumeTrue(Files.exists(bin), "corpus absent: " + bin);
    assertThat(check(Dwarf.open(DwarfTestSupport.elfSections(bin)), 3)).isPositive();
  }

  /**
   * gcc puts the code of a lambda's and a local class's functions in DIEs inside the enclosing
   * function's, outside its address ranges: they are found before that function is walked.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-O0", "-O2"})
  void nestedFunctionsOfLocalClassesAndLambdas(String opt) throws Exception {
    String source = String.join("\n",
        "#include <cstdio>",
        "#include <algorithm>",
        "#include <vector>",
        "template <typename T> int outer(std::vector<T> v) {",
        "  struct Local { __attribute__((noinline)) static int twice(int x) { return 2 * x; } };",
        "  std::sort(v.begin(), v.end(), [](T a, T b) { return a > b; });",
        "  auto f = [&](int k) __attribute__((noinline)) { return Local::twice(k) + (int) v[0]; };",
        "  return f((int) v.size());",
        "}",
        "int main(int argc, char **) {",
        "  std::vector<int> v{3, 1, argc};",
        "  std::printf(\"%d\\n\", outer(v));",
        "  return 0;",
        "}",
        "");
    Path src = Files.writeString(dir.resolve("nested.cpp"), source);
    Path bin = dir.resolve("nested");
    Process p;
    try {
      p = new ProcessBuilder("g++", opt, "-gdwarf-5", "-o", bin.toString(), src.toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "g++ absent: " + e.getMessage());
      return;
    }
    p.getInputStream().readAllBytes();
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "g++ failed");
    Dwarf dwarf = Dwarf.open(DwarfTestSupport.elfSections(bin));
    assertThat(check(dwarf, Integer.MAX_VALUE)).isPositive();
    // Through the public API too, for an address in each function with code.
    Dwarf full = Dwarf.open(DwarfTestSupport.elfSections(bin));
    for (DwarfUnit u : full.units()) {
      u.fullTree();
    }
    for (DwarfFunction f : full.functions()) {
      long address = f.rangeStart(0);
      assertThat(render(dwarf.symbolize(address))).as("0x%x", address)
          .isEqualTo(render(full.symbolize(address)));
    }
  }

  private static List<String> render(List<DwarfFrame> frames) {
    List<String> out = new ArrayList<>();
    for (DwarfFrame f : frames) {
      out.add(f.linkageName() + " " + f.name() + " " + f.shortName() + " " + f.file() + ":"
          + f.line() + ":" + f.column() + ":" + f.discriminator() + " " + f.isInlined() + " "
          + f.startFile() + ":" + f.startLine());
    }
    return out;
  }

  /** Compares lazy and full trees of the first {@code maxUnits} units; returns how many skip. */
  private static int check(Dwarf dwarf, int maxUnits) {
    int skipping = 0;
    int units = 0;
    for (DwarfUnit u : dwarf.units()) {
      if (u.isTypeUnit() || units++ >= maxUnits) {
        continue;
      }
      u.loadRoot();
      DwarfTree full = DwarfTree.full(u, true);
      DwarfTree lazy = DwarfTree.lazy(u);
      DwarfTree fresh = DwarfTree.lazy(u);
      if (!lazy.isFull()) {
        skipping++;
      }
      int[] tags = new int[DwarfUnit.MAX_DEPTH];
      long[] offsets = new long[DwarfUnit.MAX_DEPTH];
      for (int i = 0; i < full.count; i++) {
        long off = full.off(i);
        List<Long> chain = new ArrayList<>();
        for (int p = full.parent[i]; p >= 0; p = full.parent[p]) {
          chain.add(full.off(p));
        }
        int n = fresh.ancestors(off, tags, offsets);
        assertThat(n).as("ancestors of 0x%x", off).isEqualTo(chain.size());
        for (int k = 0; k < n; k++) {
          assertThat(offsets[k]).isEqualTo(chain.get(k));
          assertThat(tags[k]).isEqualTo((int) full.tag[full.indexOf(chain.get(k))]);
        }
        int id = lazy.indexOf(off);
        assertThat(id).as("DIE at 0x%x", off).isNotNegative();
        assertThat(lazy.offset(id)).isEqualTo(off);
        assertThat(lazy.tag(id)).isEqualTo((int) full.tag[i]);
        int p = lazy.parent(id);
        assertThat(p < 0 ? -1L : lazy.offset(p))
            .isEqualTo(full.parent[i] < 0 ? -1L : full.off(full.parent[i]));
      }
      DwarfDie d = new DwarfDie();
      long[] ranges = new long[16];
      for (int i = 0; i < full.count; i++) {
        if (full.tag[i] != DwarfConstants.TAG_SUBPROGRAM
            && full.tag[i] != DwarfConstants.TAG_INLINED_SUBROUTINE) {
          continue;
        }
        dwarf.readDie(u, full.off(i), d);
        ranges = dwarf.ranges(u, d, ranges);
        for (int r = 0; r < (int) ranges[0]; r++) {
          long lo = ranges[1 + 2 * r];
          long hi = ranges[2 + 2 * r];
          if (lo >= hi) {
            continue;
          }
          for (long a : new long[] {lo, lo + (hi - lo) / 2, hi - 1}) {
            int want = full.find(a);
            int got = (i & 1) == 0 ? lazy.find(a) : fresh.find(a);
            DwarfTree t = (i & 1) == 0 ? lazy : fresh;
            assertThat(got < 0 ? -1L : t.offset(got)).as("0x%x", a)
                .isEqualTo(want < 0 ? -1L : full.off(want));
          }
        }
      }
    }
    return skipping;
  }
}
