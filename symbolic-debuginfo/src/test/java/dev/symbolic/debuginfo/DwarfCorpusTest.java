package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compares {@link Dwarf#symbolize} with llvm-symbolizer-19 on the corpus binaries. */
class DwarfCorpusTest {
  private static final boolean VERBOSE = Boolean.getBoolean("dwarf.verbose");

  /** The 40 MB benchmark binary ({@link DwarfTestSupport#largeBinary()}). */
  @org.junit.jupiter.api.Test
  void largeBinaryBenchmarkAddresses() throws Exception {
    Path bin = DwarfTestSupport.largeBinary();
    Path exp =
        DwarfTestSupport.corpusDir()
            .resolve("generated/bench/large-cpp-gcc-O2-dwarf5.bench.symbolizer.jsonl.gz");
    assumeTrue(Files.exists(bin) && Files.exists(exp), "decompressed large binary absent: " + bin);
    long t0 = System.nanoTime();
    Dwarf dwarf = Dwarf.open(DwarfTestSupport.elfSections(bin));
    System.out.printf("DWARF large: open %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    checkRecords("large-cpp-gcc-O2-dwarf5 (bench)", dwarf, DwarfTestSupport.readJsonLines(exp), 99);
  }

  /** Binaries whose DWARF is in a companion: a split DWARF package or a separate debug file. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "c-clang-O2-dwarf5-split, c-clang-O2-dwarf5-split, c-clang-O2-dwarf5-split.dwp, 99",
    "c-gcc-O2-dwarf5-debuglink, c-gcc-O2-dwarf5-debuglink.debug, '', 99",
    "c-gcc-O2-dwarf5-zlib, c-gcc-O2-dwarf5-zlib, '', 99",
    "c-clang-O2-dwarf5-lld-zstd, c-clang-O2-dwarf5-lld-zstd, '', 99",
  })
  void matchesLlvmSymbolizerWithCompanions(String name, String main, String dwp, int floor)
      throws Exception {
    Path bins = DwarfTestSupport.corpusDir().resolve("generated/binaries");
    assumeTrue(Files.exists(bins.resolve(main)), "corpus absent: " + bins);
    Dwarf dwarf =
        dwp == null || dwp.isEmpty()
            ? Dwarf.open(DwarfTestSupport.elfSections(bins.resolve(main)))
            : Dwarf.open(
                DwarfTestSupport.elfSections(bins.resolve(main)),
                DwarfTestSupport.elfSections(bins.resolve(dwp)));
    check(name, dwarf, floor);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "c-clang-O2-dwarf5, 95",
    "c-gcc-O0-dwarf5, 95",
    "c-gcc-O1-dwarf3, 95",
    "c-gcc-O2-dwarf5, 95",
    "c-gcc-O2-dwarf64, 95",
    "c-gcc-O2-flto-dwarf5, 95",
    "c-gcc-O2-m32-dwarf5, 95",
    "cpp-clang-O2-dwarf5, 95",
    "cpp-gcc-O2-dwarf5, 95",
    "cpp-clang-O0-dwarf4, 95",
    "cpp-gcc-O2-dwarf4-dwz, 95",
    "cpp-clang-O2-gmlt, 95",
    "cpp-clang-O2-dwarf5-typeunits, 95",
    "rust-O2-dwarf4, 95",
    "rust-O0-dwarf4, 95",
    "free-aarch64-O2-dwarf5, 95",
    "free-riscv64-O2-dwarf5, 95",
  })
  void matchesLlvmSymbolizer(String name, int floorPercent) throws Exception {
    Path dir = DwarfTestSupport.corpusDir().resolve("generated");
    Path bin = dir.resolve("binaries").resolve(name);
    Path exp = dir.resolve("expected").resolve(name + ".symbolizer.jsonl.gz");
    assumeTrue(Files.exists(bin) && Files.exists(exp), "corpus absent: " + bin);
    check(name, Dwarf.open(DwarfTestSupport.elfSections(bin)), floorPercent);
  }

  private static void check(String name, Dwarf dwarf, int floorPercent) throws Exception {
    Path exp =
        DwarfTestSupport.corpusDir()
            .resolve("generated/expected")
            .resolve(name + ".symbolizer.jsonl.gz");
    assumeTrue(Files.exists(exp), "corpus absent: " + exp);
    checkRecords(name, dwarf, DwarfTestSupport.readJsonLines(exp), floorPercent);
  }

  static void checkRecords(
      String name, Dwarf dwarf, List<Map<String, Object>> records, int floorPercent) {
    int total = 0;
    int ok = 0;
    int shown = 0;
    long t0 = System.nanoTime();
    for (Map<String, Object> rec : records) {
      long address = Long.parseUnsignedLong(((String) rec.get("address")).substring(2), 16);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> frames = (List<Map<String, Object>>) rec.get("frames");
      List<DwarfFrame> got = dwarf.symbolize(address);
      total++;
      String why = compare(frames, got);
      if (why == null) {
        ok++;
      } else if (VERBOSE && shown++ < 15) {
        System.out.println(name + " " + rec.get("address") + " " + rec.get("kind") + ": " + why
            + "\n   expected " + frames + "\n   got " + got);
      }
    }
    double pct = 100.0 * ok / Math.max(1, total);
    System.out.printf("DWARF %-32s %4d/%4d = %6.2f%% (%d ms)%n", name, ok, total, pct,
        (System.nanoTime() - t0) / 1_000_000);
    assertThat(pct).as(name).isGreaterThanOrEqualTo(floorPercent);
  }

  /** Returns null if the frames match, else a reason. */
  static String compare(List<Map<String, Object>> expected, List<DwarfFrame> got) {
    List<DwarfFrame> g = new ArrayList<>(got);
    if (g.isEmpty()
        && expected.size() == 1
        && ((String) expected.get(0).get("function_short")).isEmpty()
        && ((Number) expected.get(0).get("line")).intValue() == 0) {
      return null; // a symbol-table-only answer (STT_FILE name as file): not DWARF's business
    }
    if (g.isEmpty()) {
      g.add(new DwarfFrame(null, "", "", "", 0, 0, 0, false, "", 0, false, 0));
    }
    if (g.size() != expected.size()) {
      return "frame count " + g.size() + " != " + expected.size();
    }
    for (int i = 0; i < g.size(); i++) {
      Map<String, Object> e = expected.get(i);
      DwarfFrame f = g.get(i);
      if (!e.get("file").equals(f.file())) {
        return "frame " + i + " file";
      }
      if (((Number) e.get("line")).intValue() != f.line()) {
        return "frame " + i + " line";
      }
      if (((Number) e.get("column")).intValue() != f.column()) {
        return "frame " + i + " column";
      }
      if (e.containsKey("discriminator")
          && ((Number) e.get("discriminator")).intValue() != f.discriminator()) {
        return "frame " + i + " discriminator";
      }
      if (e.containsKey("start_file") && !e.get("start_file").equals(f.startFile())) {
        return "frame " + i + " start_file";
      }
      if (e.containsKey("start_line")
          && ((Number) e.get("start_line")).intValue() != f.startLine()) {
        return "frame " + i + " start_line";
      }
      if (e.containsKey("start_address")) {
        String sa = (String) e.get("start_address");
        String mine =
            f.startAddress().isPresent() ? "0x" + Long.toHexString(f.startAddress().getAsLong()) : "";
        // The outermost frame's start address comes from the symbol table in llvm-symbolizer.
        boolean fromSymtab = i == g.size() - 1;
        if (!fromSymtab && !sa.equals(mine)) {
          return "frame " + i + " start_address " + mine;
        }
      }
      boolean outermost = i == g.size() - 1;
      if (!outermost) {
        if (!e.get("function").equals(f.function())) {
          return "frame " + i + " function";
        }
      } else {
        String s = (String) e.get("function_short");
        if (!s.isEmpty() && !s.equals(f.shortName())) {
          return "frame " + i + " short name";
        }
      }
    }
    return null;
  }
}
