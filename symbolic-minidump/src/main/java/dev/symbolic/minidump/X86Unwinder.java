package dev.symbolic.minidump;

import dev.symbolic.debuginfo.BreakpadFunction;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.BreakpadWin;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Breakpad's x86 unwinding: {@code STACK WIN} records, then {@code STACK CFI}, then the {@code
 * %ebp} chain, then scanning.
 */
final class X86Unwinder implements Unwinder {
  /** Farthest a scanned frame's saved {@code %ebp} may lie above its return address. */
  private static final long MAX_GAP_BETWEEN_FRAMES = 128 * 1024;

  private static final List<String> ESSENTIALS = List.of("eip", "esp", "ebp");
  private static final List<String> CALLEE_SAVED = List.of("ebp", "ebx", "esi", "edi");

  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    CpuContext callee = w.last().context();
    StackFrame frame = byStackWin(w, callee, scanAllowed);
    if (frame == null) {
      frame = byCfi(w, callee);
    }
    if (frame == null) {
      frame = byFramePointer(w, callee, scanAllowed);
    }
    if (frame == null) {
      return null;
    }
    long eip = frame.context().raw("eip");
    long esp = frame.context().raw("esp");
    if (w.terminates(eip, esp, callee.raw("esp"))) {
      return null;
    }
    return frame;
  }

  private static StackFrame byStackWin(Walk w, CpuContext callee, boolean scanAllowed) {
    long instruction = w.last().instruction();
    Optional<BreakpadWin> info =
        w.symbolsAt(instruction).flatMap(s -> s.winFor(w.relative(instruction)));
    if (info.isEmpty()) {
      return null;
    }
    WinCallee winCallee = new WinCallee(w.cfiRegisters(callee), calleeParameterSize(w),
        w.lastIsContext(), scanAllowed);
    WinModules modules = new WinModules() {
      @Override
      public boolean containsAddress(long address) {
        return w.walker.moduleAt(address).isPresent();
      }

      @Override
      public boolean isPlausibleReturnAddress(long address) {
        return w.walker.instructionSeemsValid((address - 1) & 0xFFFF_FFFFL);
      }
    };
    Optional<WinCaller> caller = WinUnwinder.findCaller(info.get(), winCallee, w.memory(),
        modules);
    if (caller.isEmpty()) {
      return null;
    }
    FrameTrust trust = switch (caller.get().trust()) {
      case CFI -> FrameTrust.CFI;
      case CFI_SCAN -> FrameTrust.CFI_SCAN;
      case SCAN -> FrameTrust.SCAN;
    };
    CpuContext c = w.callerContext(callee, caller.get().registers(), List.of());
    return StackFrame.of((c.raw("eip") - 1) & 0xFFFF_FFFFL, c, trust);
  }

  /**
   * The parameter size Breakpad's walker passes for the frames below the last one: it loops over
   * them all without stopping, so the innermost frame with a known size wins. A frame's size comes
   * from its {@code STACK WIN} record, else from its {@code FUNC} record.
   */
  private static long calleeParameterSize(Walk w) {
    for (int i = 0; i < w.frames.size() - 1; i++) {
      OptionalLong size = parameterSize(w, w.frames.get(i).instruction());
      if (size.isPresent()) {
        return size.getAsLong();
      }
    }
    return 0;
  }

  private static OptionalLong parameterSize(Walk w, long instruction) {
    Optional<BreakpadSymbols> symbols = w.symbolsAt(instruction);
    if (symbols.isEmpty()) {
      return OptionalLong.empty();
    }
    long rel = w.relative(instruction);
    Optional<BreakpadWin> win = symbols.get().winFor(rel);
    if (win.isPresent()) {
      return OptionalLong.of(win.get().parameterSize());
    }
    Optional<BreakpadFunction> func = symbols.get().functionAt(rel);
    return func.isPresent() ? OptionalLong.of(func.get().parameterSize()) : OptionalLong.empty();
  }

  private static StackFrame byCfi(Walk w, CpuContext callee) {
    Optional<CfiRegisters> caller = w.cfiCaller();
    if (caller.isEmpty()) {
      return null;
    }
    CpuContext c = w.callerContext(callee, caller.get(), CALLEE_SAVED);
    for (String r : ESSENTIALS) {
      if (!c.isValid(r)) {
        return null;
      }
    }
    return StackFrame.of((c.raw("eip") - 1) & 0xFFFF_FFFFL, c, FrameTrust.CFI);
  }

  /**
   * The standard frame: {@code %ebp} points at the caller's saved {@code %ebp}, the return
   * address above it. If that memory is unreadable, scan for a return address instead.
   */
  private static StackFrame byFramePointer(Walk w, CpuContext callee, boolean scanAllowed) {
    long ebp = callee.raw("ebp");
    OptionalLong eip = w.word(ebp + 4);
    OptionalLong savedEbp = w.word(ebp);
    long callerEip;
    long callerEsp;
    long callerEbp;
    FrameTrust trust;
    if (eip.isPresent() && savedEbp.isPresent()) {
      callerEip = eip.getAsLong();
      callerEsp = w.addr(ebp + 8);
      callerEbp = savedEbp.getAsLong();
      trust = FrameTrust.FRAME_POINTER;
    } else {
      long[] found = scanAllowed ? w.scanFromLast(callee.raw("esp")) : null;
      if (found == null) {
        return null;
      }
      callerEip = found[1];
      callerEsp = w.addr(found[0] + 4);
      // The caller's %ebp was pushed just below the return address, if the chain is sane.
      long slot = w.addr(callerEsp - 8);
      OptionalLong chained = w.word(slot);
      if (chained.isPresent() && Long.compareUnsigned(chained.getAsLong(), slot) > 0
          && chained.getAsLong() - slot <= MAX_GAP_BETWEEN_FRAMES) {
        callerEbp = chained.getAsLong();
      } else {
        callerEbp = ebp;
      }
      trust = FrameTrust.SCAN;
    }
    CpuContext c = callee.with("eip", callerEip).with("esp", callerEsp).with("ebp", callerEbp)
        .retainOnly(ESSENTIALS);
    return StackFrame.of((callerEip - 1) & 0xFFFF_FFFFL, c, trust);
  }
}
