package dev.symbolic.debuginfo;

import dev.symbolic.common.CpuFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes an ELF file's call frame information as Breakpad {@code STACK CFI INIT} and {@code STACK
 * CFI} records, line for line as symbolic-cfi's {@code AsciiCfiWriter} does for ELF: {@code
 * .debug_frame} first, then {@code .eh_frame}; per FDE an {@code INIT} record with the first row
 * and one record per later row that changes something; addresses relative to the load address.
 *
 * <p>A record lists the CFA rule when it changed and then each register whose rule changed, in
 * the order the program defined them: {@code .cfa: $rsp 16 +}, {@code $rbx: .cfa -16 + ^} (saved
 * at CFA-16), {@code $rbx: .cfa -16 +} (value is CFA-16), {@code $rbx: $rax} (in a register) or
 * {@code $rbx: $rbx} (same value). The return address register is written as {@code .ra}; on ARM,
 * MIPS and PowerPC an {@code INIT} record without a rule for it gets {@code .ra: REGISTER}.
 * Expression rules and unnamed registers are left out, and a record left empty is not written.
 *
 * <p>Unlike symbolic-cfi, which aborts on the first malformed FDE program, a malformed FDE is
 * skipped; a malformed entry structure ends that section's records.
 */
public final class CfiAsciiWriter {
  private CfiAsciiWriter() {}

  /**
   * The Breakpad CFI text of a file.
   *
   * @param elf the file
   * @return the records, each line ending in {@code \n}; empty if the file has no CFI
   */
  public static String toText(ElfFile elf) {
    StringBuilder sb = new StringBuilder();
    try {
      write(elf, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  /**
   * Writes the Breakpad CFI text of a file.
   *
   * @param elf the file
   * @param out where the records go
   * @throws IOException if {@code out} fails
   */
  public static void write(ElfFile elf, Appendable out) throws IOException {
    CpuFamily family = elf.arch().cpuFamily();
    long loadAddress = elf.loadAddress();
    List<UnwindInfo> sections = new ArrayList<>(2);
    sections.addAll(sectionOrEmpty(() -> UnwindInfo.debugFrame(elf)));
    sections.addAll(sectionOrEmpty(() -> UnwindInfo.ehFrame(elf)));
    FdeWriter writer = new FdeWriter(family, loadAddress);
    for (UnwindInfo info : sections) {
      try {
        for (UnwindFde fde : info.fdes()) {
          writer.write(info, fde, out);
        }
      } catch (DebugInfoException brokenStructure) {
        // The entries after a broken length cannot be found; keep the records written so far.
      }
    }
  }

  /** Reads an optional section; an unreadable one counts as absent. */
  private static List<UnwindInfo> sectionOrEmpty(
      Supplier<Optional<UnwindInfo>> reader) {
    try {
      return reader.get().map(List::of).orElse(List.of());
    } catch (DebugInfoException unreadable) {
      return List.of();
    }
  }

  /** Formats the rows of one FDE at a time, reusing its buffers. */
  private static final class FdeWriter implements UnwindProgram.RowSink {
    private final String[] names;
    private final boolean raInRegister;
    private final long loadAddress;
    private final UnwindProgram program = new UnwindProgram();

    private int ra;
    private long[] rowStarts = new long[16];
    private String[] rowRules = new String[16];
    private int rowCount;
    private long lastEnd;
    private boolean cfaCached;
    private boolean cachedCfaIsExpression;
    private int cachedCfaRegister;
    private long cachedCfaOffset;
    private long cachedCfaExpressionOffset;
    private long cachedCfaExpressionLength;
    private int[] cachedRegisters = new int[16];
    private UnwindRule[] cachedRules = new UnwindRule[16];
    private int cachedCount;
    private final StringBuilder line = new StringBuilder();

    FdeWriter(CpuFamily family, long loadAddress) {
      this.names = CfiRegisterNames.table(family);
      this.loadAddress = loadAddress;
      switch (family) {
        case ARM_32:
        case ARM_64:
        case ARM_64_32:
        case MIPS_32:
        case MIPS_64:
        case PPC_32:
        case PPC_64:
          this.raInRegister = true;
          break;
        default:
          this.raInRegister = false;
      }
    }

    void write(UnwindInfo info, UnwindFde fde, Appendable out) throws IOException {
      // symbolic-cfi skips FDEs at u64::MAX, which user-provided files sometimes contain.
      if (fde.address() == -1L) {
        return;
      }
      ra = fde.cie().returnAddressRegister();
      rowCount = 0;
      try {
        info.run(program, fde, this);
      } catch (DebugInfoException malformed) {
        return;
      }
      long start = rowStarts[0];
      if (Long.compareUnsigned(start, loadAddress) < 0) {
        return;
      }
      // The rules depend only on the rows before, so they were formatted while running; the
      // INIT records also need the FDE's total length, known only now.
      long length = lastEnd - start;
      for (int i = 0; i < rowCount; i++) {
        if (rowRules[i] == null) {
          continue;
        }
        out.append("STACK CFI ");
        if (rowStarts[i] == start) {
          out.append("INIT ").append(Long.toHexString(start - loadAddress)).append(' ')
              .append(Long.toHexString(length));
        } else {
          out.append(Long.toHexString(rowStarts[i] - loadAddress));
        }
        out.append(rowRules[i]).append('\n');
      }
    }

    @Override
    public void row(long start, long end) {
      if (rowCount == 0) {
        cfaCached = false;
        cachedCount = 0;
      }
      boolean init = rowCount == 0 || start == rowStarts[0];
      if (rowCount == rowStarts.length) {
        rowStarts = Arrays.copyOf(rowStarts, rowCount * 2);
        rowRules = Arrays.copyOf(rowRules, rowCount * 2);
      }
      line.setLength(0);
      boolean written = false;
      UnwindProgram p = program;
      if (!cfaCached || cachedCfaIsExpression != p.cfaIsExpression
          || (p.cfaIsExpression
              ? cachedCfaExpressionOffset != p.cfaExpressionOffset
                  || cachedCfaExpressionLength != p.cfaExpressionLength
              : cachedCfaRegister != p.cfaRegister || cachedCfaOffset != p.cfaOffset)) {
        cfaCached = true;
        cachedCfaIsExpression = p.cfaIsExpression;
        cachedCfaRegister = p.cfaRegister;
        cachedCfaOffset = p.cfaOffset;
        cachedCfaExpressionOffset = p.cfaExpressionOffset;
        cachedCfaExpressionLength = p.cfaExpressionLength;
        if (!p.cfaIsExpression) {
          Optional<String> name = CfiRegisterNames.name(names, p.cfaRegister);
          if (name.isPresent()) {
            line.append(" .cfa: ").append(name.get()).append(' ').append(p.cfaOffset)
                .append(" +");
            written = true;
          }
        }
      }
      boolean raWritten = false;
      for (int i = 0; i < p.count; i++) {
        int register = p.registers[i];
        UnwindRule rule = p.rules[i];
        if (cacheChanged(register, rule)) {
          raWritten |= register == ra;
          written |= writeRule(register, rule);
        }
      }
      if (init && !raWritten && raInRegister) {
        CfiRegisterNames.name(names, ra).ifPresent(n -> line.append(" .ra: ").append(n));
      }
      rowStarts[rowCount] = start;
      rowRules[rowCount] = written ? line.toString() : null;
      rowCount++;
      lastEnd = end;
    }

    /** Records the register's rule; tells whether it differs from the last one recorded. */
    private boolean cacheChanged(int register, UnwindRule rule) {
      for (int i = 0; i < cachedCount; i++) {
        if (cachedRegisters[i] == register) {
          if (cachedRules[i].equals(rule)) {
            return false;
          }
          cachedRules[i] = rule;
          return true;
        }
      }
      if (cachedCount == cachedRegisters.length) {
        cachedRegisters = Arrays.copyOf(cachedRegisters, cachedCount * 2);
        cachedRules = Arrays.copyOf(cachedRules, cachedCount * 2);
      }
      cachedRegisters[cachedCount] = register;
      cachedRules[cachedCount] = rule;
      cachedCount++;
      return true;
    }

    private boolean writeRule(int register, UnwindRule rule) {
      String value;
      if (rule instanceof UnwindRule.SameValue) {
        Optional<String> name = CfiRegisterNames.name(names, register);
        if (name.isEmpty()) {
          return false;
        }
        value = name.get();
      } else if (rule instanceof UnwindRule.Offset offset) {
        value = ".cfa " + offset.offset() + " + ^";
      } else if (rule instanceof UnwindRule.ValOffset offset) {
        value = ".cfa " + offset.offset() + " +";
      } else if (rule instanceof UnwindRule.InRegister in) {
        Optional<String> name = CfiRegisterNames.name(names, in.register());
        if (name.isEmpty()) {
          return false;
        }
        value = name.get();
      } else {
        return false;
      }
      String registerName;
      if (register == ra) {
        registerName = ".ra";
      } else {
        Optional<String> name = CfiRegisterNames.name(names, register);
        if (name.isEmpty()) {
          return false;
        }
        registerName = name.get();
      }
      line.append(' ').append(registerName).append(": ").append(value);
      return true;
    }
  }
}
