package dev.symbolic.minidump;

import dev.symbolic.debuginfo.BreakpadWin;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Recovers an x86 caller frame from a {@code STACK WIN} record, following Breakpad's {@code
 * StackwalkerX86::GetCallerByWindowsFrameInfo}.
 *
 * <p>The record's program string, or for FPO records without one a program derived from the
 * saved-register, local and parameter sizes, runs over a dictionary of the callee's {@code $ebp},
 * {@code $esp} and (if known) {@code $ebx}, and Breakpad's constants {@code .cbCalleeParams},
 * {@code .cbSavedRegs}, {@code .cbLocals}, {@code .cbParams}, {@code .raSearchStart} and {@code
 * .raSearch}. {@code .raSearchStart}, where the return address should be, is {@code esp +
 * calleeParams + locals + savedRegs}, moved to the first plausible return address among the
 * three words above it (the stack may have been aligned), or to {@code ebp + 4} when the program
 * aligns with {@code @}. Breakpad's corrections follow: if the program fails or does not assign
 * both {@code $eip} and {@code $esp}, the stack is scanned from {@code esp}; if the recovered
 * {@code $eip} lies in no module, the stack is scanned from {@code .raSearchStart + 4}; and for
 * frames that save {@code %ebp}, a recovered {@code $ebp} that is unreadable, or that suggests
 * skipped frames after a scan, is replaced by the first word of the saved-register area that
 * points to readable memory.
 *
 * <p>Arithmetic is 32-bit. The result depends only on the record, the callee, the memory and the
 * modules. Malformed programs and unreadable memory give an empty result, never an exception.
 */
public final class WinUnwinder {
  /** How many words past the start a stack scan reads, as Breakpad's {@code kRASearchWords}. */
  public static final int RA_SEARCH_WORDS = 40;

  /**
   * The most words the search for a saved {@code %ebp} reads; Breakpad reads the whole
   * saved-register area, whose size a hostile record can make gigabytes.
   */
  public static final int MAX_FP_SEARCH_WORDS = 4096;

  private static final long MASK = 0xFFFF_FFFFL;

  // The return address search when the function allocates a base pointer, and when it does not
  // use %ebp at all: %eip_new = *.raSearchStart, %esp_new = .raSearchStart + 4, and in the first
  // case %ebp_new = *(%esp_old + callee_params + saved_regs - 8).
  private static final String BASE_POINTER_PROGRAM =
      "$eip .raSearchStart ^ = $ebp $esp .cbCalleeParams + .cbSavedRegs + 8 - ^ = "
          + "$esp .raSearchStart 4 + =";
  private static final String NO_BASE_POINTER_PROGRAM =
      "$eip .raSearchStart ^ = $esp .raSearchStart 4 + =";

  private WinUnwinder() {}

  /**
   * Recovers the caller of {@code callee}.
   *
   * @param info the {@code STACK WIN} record covering the callee's instruction
   * @param callee the callee frame
   * @param memory the stack memory
   * @param modules where code lies, for stack scans
   * @return the caller, or empty if the record is neither FPO (type 0) nor frame data (type 4),
   *     which Breakpad never uses, if the callee lacks {@code eip}, {@code esp} or {@code ebp},
   *     or if the program fails and no return address is found by scanning
   */
  public static Optional<WinCaller> findCaller(
      BreakpadWin info, WinCallee callee, CfiMemory memory, WinModules modules) {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(modules, "modules");
    if (info.type() != BreakpadWin.FPO && info.type() != BreakpadWin.FRAME_DATA) {
      return Optional.empty();
    }
    CfiRegisters regs = callee.registers();
    OptionalLong eipValue = regs.get("eip");
    OptionalLong espValue = regs.get("esp");
    OptionalLong ebpValue = regs.get("ebp");
    if (eipValue.isEmpty() || espValue.isEmpty() || ebpValue.isEmpty()) {
      return Optional.empty();
    }
    long eip = eipValue.getAsLong() & MASK;
    long esp = espValue.getAsLong() & MASK;
    long ebp = ebpValue.getAsLong() & MASK;
    OptionalLong ebx = regs.get("ebx");
    long calleeParams = callee.calleeParameterSize() & MASK;
    long savedRegs = info.savedRegisterSize() & MASK;
    long locals = info.localSize() & MASK;
    int scanWords = callee.contextFrame() ? RA_SEARCH_WORDS * 4 : RA_SEARCH_WORDS;
    Scanner scanner = new Scanner(memory, modules);

    CfiRegisters dict = CfiRegisters.empty().with("$ebp", ebp).with("$esp", esp);
    if (ebx.isPresent()) {
      dict = dict.with("$ebx", ebx.getAsLong() & MASK);
    }
    dict =
        dict.with(".cbCalleeParams", calleeParams)
            .with(".cbSavedRegs", savedRegs)
            .with(".cbLocals", locals)
            .with(".cbParams", info.parameterSize() & MASK);

    long raSearchStart = (esp + calleeParams + locals + savedRegs) & MASK;
    if (scanner.scan(raSearchStart, 3)) {
      // An FPO-optimized system call in the context frame: the callee returned but its return
      // address, the current instruction, is still on top of the stack. Skip it.
      boolean returnedSystemCall =
          callee.contextFrame()
              && info.type() == BreakpadWin.FPO
              && scanner.location == raSearchStart
              && scanner.ip == eip;
      raSearchStart = scanner.location;
      if (returnedSystemCall) {
        raSearchStart = (raSearchStart + 4) & MASK;
        if (scanner.scan(raSearchStart, 3)) {
          raSearchStart = scanner.location;
        }
      }
    }

    String program;
    boolean recoverEbp = true;
    if (info.programString().isPresent() && !info.programString().get().isBlank()) {
      program = info.programString().get();
    } else if (info.allocatesBasePointer()) {
      program = BASE_POINTER_PROGRAM;
    } else {
      // %ebp is unused, so it carries through; %ebx is commonly unchanged by the simple
      // forwarding functions of this kind, so Breakpad carries it through too.
      program = ebx.isPresent() ? NO_BASE_POINTER_PROGRAM + " $ebx $ebx =" : NO_BASE_POINTER_PROGRAM;
      recoverEbp = false;
    }
    // An aligning program means %esp was rounded, so .raSearchStart derived from it is wrong;
    // %ebp is the only reliable anchor, and the return address sits just above the saved %ebp.
    if (program.indexOf('@') >= 0) {
      raSearchStart = (ebp + 4) & MASK;
    }
    dict = dict.with(".raSearchStart", raSearchStart).with(".raSearch", raSearchStart);

    PostfixEvaluator evaluator = PostfixEvaluator.create(program, dict, memory, 4);
    boolean ran = evaluator.runProgram(program);
    CfiRegisters assigned = evaluator.assigned();
    dict = evaluator.dictionary();
    WinCaller.Trust trust = WinCaller.Trust.CFI;
    if (!ran || !assigned.contains("eip") || !assigned.contains("esp")) {
      if (!callee.stackScanAllowed() || !scanner.scan(esp, scanWords)) {
        return Optional.empty();
      }
      dict = dict.with("eip", scanner.ip).with("esp", (scanner.location + 4) & MASK);
      trust = WinCaller.Trust.SCAN;
    }

    // Both zero means the program found the end of the stack: no corrections then.
    if (value(dict, "eip") != 0 || value(dict, "ebp") != 0) {
      long offset = 0;
      if (!modules.containsAddress(value(dict, "eip"))) {
        long start = (raSearchStart + 4) & MASK;
        if (callee.stackScanAllowed() && scanner.scan(start, scanWords)) {
          dict = dict.with("eip", scanner.ip).with("esp", (scanner.location + 4) & MASK);
          offset = (scanner.location - start) & MASK;
          trust = WinCaller.Trust.CFI_SCAN;
        }
      }
      if (recoverEbp) {
        dict = recoverEbp(dict, memory, trust, raSearchStart, offset, esp + calleeParams, savedRegs);
      }
    }

    CfiRegisters caller =
        CfiRegisters.empty()
            .with("eip", value(dict, "eip"))
            .with("esp", value(dict, "esp"))
            .with("ebp", value(dict, "ebp"));
    for (String name : new String[] {"ebx", "esi", "edi"}) {
      OptionalLong v = assigned.get(name);
      if (v.isPresent()) {
        caller = caller.with(name, v.getAsLong());
      }
    }
    return Optional.of(new WinCaller(caller, trust));
  }

  /**
   * Replaces an unreadable recovered %ebp, or one below the return address after a scan (a sign
   * of skipped frames), by the highest word of the saved-register area (widened by the scan
   * offset) that points to readable memory: prologues save %ebp early.
   */
  private static CfiRegisters recoverEbp(
      CfiRegisters dict,
      CfiMemory memory,
      WinCaller.Trust trust,
      long raSearchStart,
      long offset,
      long areaEnd,
      long savedRegs) {
    long ebp = value(dict, "ebp");
    boolean skippedFrames =
        trust != WinCaller.Trust.CFI
            && Long.compareUnsigned(ebp, (raSearchStart + offset) & MASK) <= 0;
    if (!skippedFrames && memory.read(ebp, 4).isPresent()) {
      return dict;
    }
    long end = areaEnd & MASK;
    long start = (end + savedRegs + offset) & MASK;
    if (start < end) {
      return dict; // the area wraps around the address space
    }
    long words = Math.min((start - end) / 4 + 1, MAX_FP_SEARCH_WORDS);
    for (long i = 0; i < words; i++) {
      OptionalLong candidate = memory.read(start - 4 * i, 4);
      if (candidate.isEmpty()) {
        break;
      }
      long c = candidate.getAsLong() & MASK;
      if (memory.read(c, 4).isPresent()) {
        return dict.with("ebp", c);
      }
    }
    return dict;
  }

  /** A variable's value; 0 when absent, as a C++ map's operator[] gives. */
  private static long value(CfiRegisters dict, String name) {
    return dict.get(name).orElse(0) & MASK;
  }

  /** Breakpad's {@code ScanForReturnAddress} for 32-bit words. */
  private static final class Scanner {
    private final CfiMemory memory;
    private final WinModules modules;
    long location;
    long ip;

    Scanner(CfiMemory memory, WinModules modules) {
      this.memory = memory;
      this.modules = modules;
    }

    /** Looks at {@code words + 1} words from {@code start} up; sets location and ip if found. */
    boolean scan(long start, int words) {
      // Breakpad's loop bound wraps in 32 bits and then runs no iteration.
      if (start + 4L * words > MASK) {
        return false;
      }
      for (int i = 0; i <= words; i++) {
        long at = start + 4L * i;
        OptionalLong word = memory.read(at, 4);
        if (word.isEmpty()) {
          return false;
        }
        long candidate = word.getAsLong() & MASK;
        if (modules.containsAddress(candidate) && modules.isPlausibleReturnAddress(candidate)) {
          location = at;
          ip = candidate;
          return true;
        }
      }
      return false;
    }
  }
}
