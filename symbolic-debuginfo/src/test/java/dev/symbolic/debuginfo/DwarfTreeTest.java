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

  /**
   * A DW_AT_sibling that lies, pointing inside its subprogram's subtree (after a null entry, so
   * that it passes for a real one): the first walk goes wrong after it, the subprogram's own walk
   * ends elsewhere and marks the tree suspect, and the lookup asks a full walk of the unit
   * instead, which answers as the unmodified file does.
   */
  @Test
  void lyingSiblingMakesTheUnitWalkEveryDie() throws Exception {
    Path bin = DwarfTestSupport.corpusDir().resolve("generated/binaries/c-gcc-O2-dwarf5");
    assumeTrue(Files.exists(bin), "corpus absent: " + bin);
    byte[] bytes = Files.readAllBytes(bin);
    Dwarf truth = Dwarf.open(DwarfTestSupport.elfSections(bin));
    ElfFile elf = ElfFile.parse(dev.symbolic.common.ByteView.of(bytes));
    Dwarf dwarf = Dwarf.open(DwarfSections.of(elf::section, elf.isLittleEndian(), 8));
    DwarfDie d = new DwarfDie();
    DwarfDie c = new DwarfDie();
    long[] ranges = new long[16];
    for (DwarfUnit u : dwarf.units()) {
      u.loadRoot();
      DwarfTree full = DwarfTree.full(u, true);
      for (int i = 0; i < full.count; i++) {
        if (full.tag[i] != DwarfConstants.TAG_SUBPROGRAM) {
          continue;
        }
        long first = dwarf.readDie(u, full.off(i), d);
        ranges = dwarf.ranges(u, d, ranges);
        if (ranges[0] == 0 || d.sibling < 0 || full.end[i] == i + 1) {
          continue;
        }
        // A child with children of its own and a sibling: where the lie will point.
        long lie = -1;
        for (int k = i + 1; k < full.end[i] && lie < 0; k = Math.max(k + 1, full.end[k])) {
          dwarf.readDie(u, full.off(k), c);
          if (full.end[k] > k + 1 && c.sibling > full.off(k)) {
            lie = c.sibling;
          }
        }
        int at = refAt(bytes, elf, full.off(i), first, d.sibling - u.offset);
        if (lie < 0 || at < 0) {
          continue;
        }
        long address = ranges[1];
        List<String> expected = render(truth.symbolize(address));
        patch(bytes, at, lie - u.offset);
        // The subprogram's walk finds the lie out, and the full tree answers.
        assertThat(render(dwarf.symbolize(address))).isEqualTo(expected);
        assertThat(render(dwarf.symbolize(address))).isEqualTo(expected);
        assertThat(u.tree().isFull()).isTrue();
        return;
      }
    }
    throw new AssertionError("no subprogram to lie about in " + bin);
  }

  /** Where in the file the 4-byte reference {@code value} sits among a DIE's attributes, or -1. */
  private static int refAt(byte[] bytes, ElfFile elf, long die, long end, long value) {
    long base = elf.sectionHeader(".debug_info").orElseThrow().offset();
    int found = -1;
    for (long p = base + die; p + 4 <= base + end; p++) {
      int v = (bytes[(int) p] & 0xff) | (bytes[(int) p + 1] & 0xff) << 8
          | (bytes[(int) p + 2] & 0xff) << 16 | (bytes[(int) p + 3] & 0xff) << 24;
      if (v == value) {
        if (found >= 0) {
          return -1; // ambiguous
        }
        found = (int) p;
      }
    }
    return found;
  }

  private static void patch(byte[] bytes, int at, long value) {
    for (int k = 0; k < 4; k++) {
      bytes[at + k] = (byte) (value >>> (8 * k));
    }
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
