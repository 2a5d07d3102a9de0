package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks CFA rules against {@code llvm-dwarfdump-19 --eh-frame} / {@code --debug-frame} for
 * a sample of rows of every corpus ELF. Runs the tool live; skipped when it is not installed.
 */
class UnwindDwarfdumpTest {
  private static final String TOOL = "llvm-dwarfdump-19";
  private static final Pattern FDE = Pattern.compile(
      "^\\p{XDigit}+ \\p{XDigit}+ \\p{XDigit}+ FDE cie=\\p{XDigit}+ pc=(\\p{XDigit}+)\\.\\.\\.(\\p{XDigit}+)");
  private static final Pattern ROW = Pattern.compile("^  0x(\\p{XDigit}+): CFA=([^:]*)");
  private static final Pattern REGISTER_CFA = Pattern.compile("^([A-Z][A-Z0-9]*)([+-]\\d+)?$");
  /** Rows checked per file and section, spread over the section. */
  private static final int SAMPLE = 400;

  @Test
  void cfaRulesAgreeWithLlvmDwarfdump() throws Exception {
    assumeTrue(toolAvailable(), TOOL + " not installed: skipping");
    List<Path> files = new ArrayList<>(UnwindCorpusTest.corpusElfs());
    assumeTrue(!files.isEmpty(), "ELF corpus absent: skipping");
    Path large = DwarfTestSupport.largeBinary();
    if (Files.isRegularFile(large)) {
      files.add(large);
    }
    int checked = 0;
    int expressions = 0;
    List<String> mismatches = new ArrayList<>();
    for (Path file : files) {
      ElfFile elf = ElfFile.parse(ByteView.map(file));
      String[] names = CfiRegisterNames.table(elf.arch().cpuFamily());
      for (boolean eh : new boolean[] {true, false}) {
        Optional<UnwindInfo> info = eh ? UnwindInfo.ehFrame(elf) : UnwindInfo.debugFrame(elf);
        if (info.isEmpty()) {
          continue;
        }
        List<long[]> addresses = new ArrayList<>();
        List<String> cfas = new ArrayList<>();
        rows(dump(file, eh ? "--eh-frame" : "--debug-frame"), addresses, cfas);
        int step = Math.max(1, addresses.size() / SAMPLE);
        for (int i = 0; i < addresses.size(); i += step) {
          long address = addresses.get(i)[0];
          String want = cfas.get(i);
          Optional<UnwindRow> row = info.get().rowFor(address);
          if (row.isEmpty()) {
            mismatches.add(file.getFileName() + " " + Long.toHexString(address) + ": no row");
            continue;
          }
          String got = describe(row.get().cfa(), names, elf.arch().cpuFamily());
          if (want.startsWith("DW_OP")) {
            expressions++;
            if (!got.equals("expression")) {
              mismatches.add(file.getFileName() + " " + Long.toHexString(address) + ": " + got
                  + " != " + want);
            }
          } else if (!got.equals(normalize(want))) {
            mismatches.add(file.getFileName() + " " + Long.toHexString(address) + ": " + got
                + " != " + want);
          }
          checked++;
        }
      }
    }
    System.out.printf("llvm-dwarfdump cross-check: %d rows checked (%d expression CFAs), %d"
        + " mismatches%n", checked, expressions, mismatches.size());
    assertThat(mismatches).isEmpty();
    assertThat(checked).isGreaterThan(1000);
  }

  /**
   * Collects the last row llvm-dwarfdump lists at each address inside its FDE (earlier rows at
   * the same address are empty).
   */
  private static void rows(String dump, List<long[]> addresses, List<String> cfas) {
    long fdeStart = 0;
    long fdeEnd = 0;
    for (String line : dump.split("\n")) {
      Matcher fde = FDE.matcher(line);
      if (fde.find()) {
        fdeStart = Long.parseUnsignedLong(fde.group(1), 16);
        fdeEnd = Long.parseUnsignedLong(fde.group(2), 16);
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (!row.find()) {
        continue;
      }
      long address = Long.parseUnsignedLong(row.group(1), 16);
      if (Long.compareUnsigned(address, fdeStart) < 0 || Long.compareUnsigned(address, fdeEnd) >= 0) {
        continue;
      }
      int last = addresses.size() - 1;
      if (last >= 0 && addresses.get(last)[0] == address) {
        cfas.set(last, row.group(2).trim());
      } else {
        addresses.add(new long[] {address});
        cfas.add(row.group(2).trim());
      }
    }
  }

  /** llvm's {@code REG+N} in our form: upper-case name, explicit offset. */
  private static String normalize(String llvm) {
    Matcher m = REGISTER_CFA.matcher(llvm);
    if (!m.matches()) {
      return llvm;
    }
    // llvm names AArch64 registers by their 32-bit views (W0-W30, WSP).
    String reg = m.group(1).equals("WSP") ? "SP" : m.group(1).replaceFirst("^W(\\d+)$", "X$1");
    long offset = m.group(2) == null ? 0 : Long.parseLong(m.group(2).replace("+", ""));
    return reg + (offset < 0 ? "" : "+") + offset;
  }

  private static String describe(UnwindCfaRule cfa, String[] names, CpuFamily family) {
    if (!(cfa instanceof UnwindCfaRule.RegisterOffset ro)) {
      return "expression";
    }
    String reg;
    if (family == CpuFamily.RISCV_64 || family == CpuFamily.RISCV_32) {
      reg = "X" + ro.register();
    } else {
      reg = CfiRegisterNames.name(names, ro.register()).orElse("R" + ro.register())
          .replace("$", "").toUpperCase(Locale.ROOT);
    }
    return reg + (ro.offset() < 0 ? "" : "+") + ro.offset();
  }

  private static String dump(Path file, String option) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(TOOL, option, file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    p.waitFor();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static boolean toolAvailable() {
    try {
      Process p = new ProcessBuilder(TOOL, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
