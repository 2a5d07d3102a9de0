package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.debuginfo.BreakpadCfi;
import dev.symbolic.debuginfo.BreakpadCfiDelta;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.BreakpadWin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every {@code STACK CFI} and {@code STACK WIN} record of every symbol file in the shared
 * corpus against synthetic registers and memory: no exception, and every real rule set parses.
 */
class CfiCorpusTest {
  static final long STACK = 0x7FFF_0000L;

  /** Readable words around {@link #STACK}, each pointing back into the stack. */
  static final CfiMemory MEMORY =
      (address, size) ->
          address >= STACK - 0x1_0000 && address + size <= STACK + 0x1_0000
              ? OptionalLong.of(STACK + (address * 0x9E37 & 0xFFF0))
              : OptionalLong.empty();

  static Path corpus() {
    return Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"));
  }

  static List<Path> symFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String dir : new String[] {"minidump", "symbolic/fixtures"}) {
      Path d = corpus().resolve(dir);
      if (Files.isDirectory(d)) {
        try (Stream<Path> s = Files.walk(d)) {
          s.filter(p -> p.toString().endsWith(".sym")).forEach(out::add);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Every register name the corpus's rules use, across CPUs, with values in the stack; and
   * {@code .ra}, which ARM64 epilogue rules ({@code .ra: .ra}) read from the callee.
   */
  static CfiRegisters registers() {
    CfiRegisters r = CfiRegisters.empty().with(".ra", STACK + 0x800);
    String[] names = {
      "eip", "esp", "ebp", "ebx", "esi", "edi", "eax", "ecx", "edx", "rip", "rsp", "rbp", "rax",
      "rbx", "rcx", "rdx", "rsi", "rdi", "pc", "sp", "lr", "fp", "ra", "gp"
    };
    for (int i = 0; i < names.length; i++) {
      r = r.with(names[i], STACK + 16L * i);
    }
    for (int i = 0; i <= 31; i++) {
      r = r.with("x" + i, STACK + 8L * i).with("r" + i, STACK + 4L * i).with("v" + i, i);
    }
    return r;
  }

  @Test
  void everyCfiRecordEvaluates() throws IOException {
    List<Path> files = symFiles();
    assumeTrue(!files.isEmpty(), "corpus absent at " + corpus().toAbsolutePath() + "; skipped");
    CfiRegisters callee = registers();
    long ruleSets = 0;
    long recovered = 0;
    List<String> unparsed = new ArrayList<>();
    List<String> unrecovered = new ArrayList<>();
    long incomplete = 0;
    for (Path p : files) {
      BreakpadSymbols s = BreakpadSymbols.parse(ByteView.map(p));
      CpuFamily cpu = s.module().arch().cpuFamily();
      for (BreakpadCfi c : s.cfi()) {
        List<Long> addresses = new ArrayList<>();
        addresses.add(c.address());
        for (BreakpadCfiDelta d : c.deltas()) {
          addresses.add(d.address());
        }
        for (long a : addresses) {
          ruleSets++;
          var rules = CfiRules.forAddress(c, a);
          assertThat(CfiRules.parse(c.rulesAt(a)).isPresent()).isEqualTo(rules.isPresent());
          if (rules.isEmpty()) {
            unparsed.add(p.getFileName() + " @" + Long.toHexString(a) + ": " + c.rulesAt(a));
            continue;
          }
          var caller = rules.get().findCallerRegisters(callee, MEMORY, cpu);
          boolean complete = rules.get().cfaRule().isPresent() && rules.get().raRule().isPresent();
          if (!complete) {
            incomplete++;
          }
          if (caller.isEmpty() && complete) {
            unrecovered.add(p.getFileName() + " @" + Long.toHexString(a) + ": " + c.rulesAt(a));
          }
          if (caller.isPresent()) {
            recovered++;
            assertThat(caller.get().contains(".cfa")).isTrue();
            assertThat(caller.get().contains(".ra")).isTrue();
          }
        }
      }
    }
    System.out.printf(
        "CFI corpus: %d files, %d rule sets, %d recovered a caller, %d without .cfa or .ra,"
            + " %d unparsable%n",
        files.size(), ruleSets, recovered, incomplete, unparsed.size());
    assertThat(unparsed).isEmpty();
    assertThat(unrecovered).isEmpty();
    assertThat(recovered).isEqualTo(ruleSets - incomplete);
  }

  @Test
  void everyWinRecordEvaluates() throws IOException {
    List<Path> files = symFiles();
    assumeTrue(!files.isEmpty(), "corpus absent at " + corpus().toAbsolutePath() + "; skipped");
    WinModules modules = a -> a >= STACK && a < STACK + 0x8000;
    long records = 0;
    Map<WinCaller.Trust, Long> trusts = new EnumMap<>(WinCaller.Trust.class);
    long none = 0;
    for (Path p : files) {
      BreakpadSymbols s = BreakpadSymbols.parse(ByteView.map(p));
      for (BreakpadWin w : s.win()) {
        for (boolean context : new boolean[] {true, false}) {
          records++;
          WinCallee callee =
              new WinCallee(
                  CfiRegisters.empty()
                      .with("eip", 0x401000)
                      .with("esp", STACK)
                      .with("ebp", STACK + 0x40)
                      .with("ebx", 7),
                  context ? 0 : 8,
                  context,
                  true);
          var caller = WinUnwinder.findCaller(w, callee, MEMORY, modules);
          if (caller.isPresent()) {
            trusts.merge(caller.get().trust(), 1L, Long::sum);
            assertThat(caller.get().registers().names()).contains("eip", "esp", "ebp");
          } else {
            none++;
          }
        }
      }
    }
    System.out.printf("WIN corpus: %d evaluations, %s, %d without caller%n", records, trusts, none);
    assertThat(records).isPositive();
  }
}
