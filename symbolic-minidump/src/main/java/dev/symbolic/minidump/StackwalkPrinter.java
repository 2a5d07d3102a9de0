package dev.symbolic.minidump;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints a {@link ProcessState} as Breakpad's {@code minidump_stackwalk} does: the human-readable
 * report (the default) and the pipe-delimited machine-readable one ({@code -m}).
 */
public final class StackwalkPrinter {
  private static final int MAX_WIDTH = 80;

  private StackwalkPrinter() {}

  /**
   * Formats the human-readable report.
   *
   * @param state the processed dump
   * @return the report, lines ending in {@code \n}
   */
  public static String human(ProcessState state) {
    StringBuilder out = new StringBuilder();
    SystemInfo sys = state.systemInfo().orElse(null);
    String cpu = sys == null ? "" : sys.cpu();
    out.append("Operating system: ").append(sys == null ? "" : sys.os()).append('\n');
    out.append("                  ").append(osVersion(state)).append('\n');
    out.append("CPU: ").append(cpu).append('\n');
    if (!cpuInfo(state).isEmpty()) {
      out.append("     ").append(cpuInfo(state)).append('\n');
    }
    int cpus = sys == null ? 0 : sys.processorCount();
    out.append("     ").append(cpus).append(" CPU").append(cpus != 1 ? "s" : "").append("\n\n");
    Optional<MicrodumpInfo> gpu = state.microdump().filter(MicrodumpInfo::hasGpu);
    if (gpu.isPresent()) {
      out.append("GPU: ").append(gpu.get().glVersion()).append("\n     ")
          .append(gpu.get().glVendor()).append("\n     ").append(gpu.get().glRenderer())
          .append("\n\n");
    } else {
      out.append("GPU: UNKNOWN\n\n");
    }
    if (state.crash().isPresent()) {
      out.append("Crash reason:  ").append(state.crash().get().reason()).append('\n');
      out.append("Crash address: 0x").append(Long.toHexString(state.crash().get().address()))
          .append('\n');
      if (!state.crashParameters().isEmpty()) {
        out.append("Crash parameters:\n");
        for (long p : state.crashParameters()) {
          out.append(String.format(Locale.ROOT, "    value: 0x%016x  description: %n", p));
        }
      }
    } else {
      out.append("No crash\n");
    }
    state.assertion().ifPresent(a -> out.append("Assertion: ").append(a).append('\n'));
    if (state.uptime().isPresent()) {
      out.append("Process uptime: ").append(state.uptime().getAsLong()).append(" seconds\n");
    } else {
      out.append("Process uptime: not available\n");
    }
    int requesting = state.requestingThread();
    if (requesting >= 0) {
      out.append("\nThread ").append(requesting).append(state.crash().isPresent()
          ? " (crashed)" : " (requested dump, did not crash)").append('\n');
      stack(out, state.threads().get(requesting), cpu);
    }
    for (int i = 0; i < state.threads().size(); i++) {
      if (i != requesting) {
        out.append("\nThread ").append(i).append('\n');
        stack(out, state.threads().get(i), cpu);
      }
    }
    out.append("\nLoaded modules:\n");
    long main = state.mainModule().map(MinidumpModule::baseAddress).orElse(0L);
    for (MinidumpModule m : state.modules()) {
      String issue = state.modulesWithoutSymbols().contains(m)
          ? "  (WARNING: No symbols, " + basename(m.debugFile()) + ", " + m.debugIdentifier()
              + ")"
          : state.modulesWithCorruptSymbols().contains(m)
          ? "  (WARNING: Corrupt symbols, " + basename(m.debugFile()) + ", "
              + m.debugIdentifier() + ")" : "";
      out.append(String.format(Locale.ROOT, "0x%08x - 0x%08x  %s  %s%s%s%n", m.baseAddress(),
          m.baseAddress() + m.size() - 1, basename(m.codeFile()), m.version().orElse("???"),
          main != 0 && m.baseAddress() == main ? "  (main)" : "", issue));
    }
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  /** The OS version: a microdump's own text, else the system info's. */
  static String osVersion(ProcessState state) {
    return state.microdump().map(MicrodumpInfo::osVersion)
        .orElseGet(() -> state.systemInfo().map(SystemInfo::osVersion).orElse(""));
  }

  /** The CPU description; Breakpad leaves it empty for microdumps. */
  static String cpuInfo(ProcessState state) {
    return state.microdump().isPresent() ? ""
        : state.systemInfo().map(SystemInfo::cpuInfo).orElse("");
  }

  private static void stack(StringBuilder out, CallStack stack, String cpu) {
    List<StackFrame> frames = stack.frames();
    if (frames.isEmpty()) {
      out.append(" <no frames>\n");
    }
    for (int i = 0; i < frames.size(); i++) {
      StackFrame f = frames.get(i);
      out.append(String.format(Locale.ROOT, "%2d  ", i));
      long address = f.returnAddress();
      if (f.module().isPresent()) {
        out.append(basename(f.module().get().codeFile()));
        if (!f.function().isEmpty()) {
          out.append('!').append(f.function());
          if (!f.sourceFile().isEmpty()) {
            out.append(" [").append(basename(f.sourceFile())).append(" : ").append(f.sourceLine())
                .append(" + 0x").append(Long.toHexString(address - f.sourceLineBase())).append(']');
          } else {
            out.append(" + 0x").append(Long.toHexString(address - f.functionBase()));
          }
        } else {
          out.append(" + 0x")
              .append(Long.toHexString(address - f.module().get().baseAddress()));
        }
      } else {
        out.append("0x").append(Long.toHexString(address));
      }
      out.append("\n ");
      if (!f.isInlined()) {
        registers(out, f.context(), cpu);
      }
      out.append("\n    Found by: ").append(f.trust().description()).append('\n');
    }
  }

  /** The registers Breakpad prints for MIPS frames, in its order, when they are valid. */
  private static final List<String> MIPS_PRINTED =
      List.of("gp", "sp", "fp", "ra", "pc", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");

  /**
   * The valid registers, four (32-bit) or two (64-bit) to an 80-column line; MIPS registers are
   * printed 64 bits wide on both widths, as Breakpad does.
   */
  private static void registers(StringBuilder out, CpuContext c, String cpu) {
    int column = 0;
    boolean mips = cpu.equals("mips") || cpu.equals("mips64");
    boolean wide = mips || c.family().pointerSize().orElse(8) == 8;
    List<String> names = c.validRegisterNames();
    if (cpu.equals("x86") && !c.allValid()) {
      // Breakpad prints eax, ecx, edx and efl only for frames that know every register.
      names = names.stream().filter(n -> !List.of("eax", "ecx", "edx", "efl").contains(n))
          .toList();
    } else if (mips) {
      names = MIPS_PRINTED.stream().filter(c::isValid).toList();
    }
    for (String name : names) {
      long v = c.register(name).orElseThrow();
      String text = wide
          ? String.format(Locale.ROOT, " %5s = 0x%016x", name, v)
          : String.format(Locale.ROOT, " %5s = 0x%08x", name, v);
      if (column + text.length() > MAX_WIDTH) {
        column = 0;
        out.append("\n ");
      }
      out.append(text);
      column += text.length();
    }
  }

  /**
   * Formats the machine-readable report: {@code OS}, {@code CPU}, {@code GPU}, {@code Crash} and
   * {@code Module} lines, a blank line, then one {@code thread|frame|module|function|file|line|
   * offset} line per frame, the crashed thread first.
   *
   * @param state the processed dump
   * @return the report, lines ending in {@code \n}
   */
  public static String machineReadable(ProcessState state) {
    StringBuilder out = new StringBuilder();
    SystemInfo sys = state.systemInfo().orElse(null);
    out.append("OS|").append(strip(sys == null ? "" : sys.os())).append('|')
        .append(strip(osVersion(state))).append('\n');
    out.append("CPU|").append(strip(sys == null ? "" : sys.cpu())).append('|')
        .append(strip(cpuInfo(state))).append('|')
        .append(sys == null ? 0 : sys.processorCount()).append('\n');
    Optional<MicrodumpInfo> micro = state.microdump();
    out.append("GPU|").append(strip(micro.map(MicrodumpInfo::glVersion).orElse(""))).append('|')
        .append(strip(micro.map(MicrodumpInfo::glVendor).orElse(""))).append('|')
        .append(strip(micro.map(MicrodumpInfo::glRenderer).orElse(""))).append('\n');
    out.append("Crash|");
    if (state.crash().isPresent()) {
      out.append(strip(state.crash().get().reason())).append("|0x")
          .append(Long.toHexString(state.crash().get().address())).append('|');
    } else if (state.assertion().isPresent()) {
      out.append(strip(state.assertion().get())).append("||");
    } else {
      out.append("No crash||");
    }
    int requesting = state.requestingThread();
    out.append(requesting >= 0 ? String.valueOf(requesting) : "").append('\n');
    Optional<MinidumpModule> main = state.mainModule();
    for (MinidumpModule m : state.modules()) {
      out.append(String.format(Locale.ROOT, "Module|%s|%s|%s|%s|0x%08x|0x%08x|%d%n",
          strip(basename(m.codeFile())), strip(m.version().orElse("")),
          strip(basename(m.debugFile())), strip(m.debugIdentifier()), m.baseAddress(),
          m.baseAddress() + m.size() - 1,
          main.isPresent() && main.get().baseAddress() == m.baseAddress() ? 1 : 0));
    }
    out.append('\n');
    if (requesting >= 0) {
      machineStack(out, requesting, state.threads().get(requesting));
    }
    for (int i = 0; i < state.threads().size(); i++) {
      if (i != requesting) {
        machineStack(out, i, state.threads().get(i));
      }
    }
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  private static void machineStack(StringBuilder out, int thread, CallStack stack) {
    List<StackFrame> frames = stack.frames();
    for (int i = 0; i < frames.size(); i++) {
      StackFrame f = frames.get(i);
      out.append(thread).append('|').append(i).append('|');
      long address = f.returnAddress();
      if (f.module().isPresent()) {
        out.append(strip(basename(f.module().get().codeFile())));
        if (!f.function().isEmpty()) {
          out.append('|').append(strip(f.function()));
          if (!f.sourceFile().isEmpty()) {
            out.append('|').append(strip(f.sourceFile())).append('|').append(f.sourceLine())
                .append("|0x").append(Long.toHexString(address - f.sourceLineBase()));
          } else {
            out.append("|||0x").append(Long.toHexString(address - f.functionBase()));
          }
        } else {
          out.append("||||0x").append(Long.toHexString(address - f.module().get().baseAddress()));
        }
      } else {
        out.append("||||0x").append(Long.toHexString(address));
      }
      out.append('\n');
    }
  }

  /** The file name of a Windows or POSIX path, as Breakpad's {@code PathnameStripper}. */
  static String basename(String path) {
    int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(i + 1);
  }

  /** Breakpad's {@code StripSeparator}: no {@code |} and no newlines in a field. */
  private static String strip(String s) {
    return s.replace("|", "").replace("\n", "");
  }
}
