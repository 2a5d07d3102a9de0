package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Dwarf#functions()} agrees with llvm-symbolizer's inline chains; thread safety. */
class DwarfFunctionsTest {

  private static Path bin(String name) {
    return DwarfTestSupport.corpusDir().resolve("generated/binaries").resolve(name);
  }

  private static Path expected(String name) {
    return DwarfTestSupport.corpusDir()
        .resolve("generated/expected")
        .resolve(name + ".symbolizer.jsonl.gz");
  }

  private static boolean contains(DwarfFunction f, long a) {
    for (int i = 0; i < f.rangeCount(); i++) {
      if (Long.compareUnsigned(f.rangeStart(i), a) <= 0
          && Long.compareUnsigned(a, f.rangeEnd(i)) < 0) {
        return true;
      }
    }
    return false;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"c-gcc-O2-dwarf5", "c-clang-O2-dwarf5", "cpp-gcc-O2-dwarf5", "cpp-clang-O2-dwarf5",
        "cpp-gcc-O2-dwarf4-dwz", "c-gcc-O2-flto-dwarf5", "rust-O2-dwarf4"})
  void inlineTreesMatchSymbolizerChains(String name) throws Exception {
    assumeTrue(Files.exists(bin(name)) && Files.exists(expected(name)), "corpus absent");
    Dwarf dwarf = Dwarf.open(DwarfTestSupport.elfSections(bin(name)));
    List<DwarfFunction> fns = dwarf.functions();
    assertThat(fns).isNotEmpty();
    int checked = 0;
    int ok = 0;
    for (Map<String, Object> rec : DwarfTestSupport.readJsonLines(expected(name))) {
      if ("outside".equals(rec.get("kind"))) {
        continue; // tombstoned ranges overlap at 0
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> frames = (List<Map<String, Object>>) rec.get("frames");
      if (frames.size() < 2) {
        continue;
      }
      long a = Long.parseUnsignedLong(((String) rec.get("address")).substring(2), 16);
      checked++;
      DwarfFunction top = null;
      for (DwarfFunction f : fns) {
        if (contains(f, a)) {
          top = f;
        }
      }
      if (top == null) {
        continue;
      }
      // Descend through inlinees; each level's call site is the location of the frame outside.
      List<DwarfFunction> chain = new ArrayList<>();
      DwarfFunction cur = top;
      chain.add(cur);
      for (boolean found = true; found; ) {
        found = false;
        for (DwarfFunction in : cur.inlinees()) {
          if (contains(in, a)) {
            cur = in;
            chain.add(in);
            found = true;
            break;
          }
        }
      }
      if (chain.size() != frames.size()) {
        continue;
      }
      boolean match = true;
      for (int level = 1; level < chain.size(); level++) {
        DwarfFunction in = chain.get(level);
        Map<String, Object> outer = frames.get(frames.size() - level);
        match &= in.callFile().equals(outer.get("file"));
        match &= in.callLine() == ((Number) outer.get("line")).intValue();
        Map<String, Object> self = frames.get(frames.size() - 1 - level);
        match &= in.linkageName().orElse(in.shortName()).equals(self.get("function"));
      }
      if (match) {
        ok++;
      }
    }
    double pct = 100.0 * ok / Math.max(1, checked);
    System.out.printf("DWARF functions() %-28s %4d/%4d inline chains = %6.2f%%%n", name, ok,
        checked, pct);
    assertThat(pct).as(name).isGreaterThanOrEqualTo(99.0);
  }

  @Test
  void concurrentSymbolicationAgreesWithSequential() throws Exception {
    String name = "cpp-gcc-O2-dwarf5";
    assumeTrue(Files.exists(bin(name)) && Files.exists(expected(name)), "corpus absent");
    List<Long> addresses = new ArrayList<>();
    for (Map<String, Object> rec : DwarfTestSupport.readJsonLines(expected(name))) {
      addresses.add(Long.parseUnsignedLong(((String) rec.get("address")).substring(2), 16));
    }
    Dwarf reference = Dwarf.open(DwarfTestSupport.elfSections(bin(name)));
    List<String> want = new ArrayList<>();
    for (long a : addresses) {
      want.add(reference.symbolize(a).toString());
    }
    Dwarf shared = Dwarf.open(DwarfTestSupport.elfSections(bin(name)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int shift = t * 97;
        futures.add(
            pool.submit(
                () -> {
                  List<String> got = new ArrayList<>(addresses.size());
                  for (int i = 0; i < addresses.size(); i++) {
                    got.add(null);
                  }
                  for (int k = 0; k < addresses.size(); k++) {
                    int i = (k + shift) % addresses.size();
                    got.set(i, shared.symbolize(addresses.get(i)).toString());
                  }
                  return got;
                }));
      }
      for (Future<List<String>> f : futures) {
        assertThat(f.get()).isEqualTo(want);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
