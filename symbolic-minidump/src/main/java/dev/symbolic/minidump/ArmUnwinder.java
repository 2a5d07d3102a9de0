package dev.symbolic.minidump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Breakpad's 32-bit ARM unwinding: {@code STACK CFI}; on iOS, whose ABI keeps the frame pointer
 * in {@code r7}, the frame record chain; then scanning.
 */
final class ArmUnwinder implements Unwinder {
  private static final List<String> CALLEE_SAVED =
      List.of("r4", "r5", "r6", "r7", "r8", "r9", "r10", "fp");

  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    CpuContext callee = w.last().context();
    StackFrame frame = byCfi(w, callee);
    if (frame == null && w.walker.isIos()) {
      frame = byFramePointer(w, callee);
    }
    if (frame == null && scanAllowed) {
      frame = byScan(w, callee);
    }
    if (frame == null
        || w.terminates(frame.context().raw("pc"), frame.context().raw("sp"), callee.raw("sp"))) {
      return null;
    }
    return frame;
  }

  private static StackFrame byCfi(Walk w, CpuContext callee) {
    Optional<CfiRegisters> cfi = w.cfiCaller();
    if (cfi.isEmpty()) {
      return null;
    }
    CpuContext c = w.callerContext(callee, cfi.get(), CALLEE_SAVED);
    if (!c.isValid("pc") || !c.isValid("sp")) {
      return null;
    }
    return frame(c, FrameTrust.CFI);
  }

  /** {@code r7} points at the saved {@code r7} and the return address (iOS). */
  private static StackFrame byFramePointer(Walk w, CpuContext callee) {
    if (!callee.isValid("r7")) {
      return null;
    }
    long fp = callee.raw("r7");
    long callerFp = 0;
    long callerLr = 0;
    if (fp != 0) {
      OptionalLong savedFp = w.word(fp);
      OptionalLong savedLr = w.word(fp + 4);
      if (savedFp.isEmpty() || savedLr.isEmpty()) {
        return null;
      }
      callerFp = savedFp.getAsLong();
      callerLr = savedLr.getAsLong();
    }
    long sp = fp != 0 ? w.addr(fp + 8) : callee.raw("sp");
    CpuContext c = callee.with("r7", callerFp).with("sp", sp).with("pc", callee.raw("lr"))
        .with("lr", callerLr).retainOnly(List.of("r7", "sp", "pc", "lr"));
    return frame(c, FrameTrust.FRAME_POINTER);
  }

  private static StackFrame byScan(Walk w, CpuContext callee) {
    long[] found = w.scanFromLast(callee.raw("sp"));
    if (found == null) {
      return null;
    }
    CpuContext c = callee.with("pc", found[1]).with("sp", w.addr(found[0] + 4))
        .retainOnly(List.of("pc", "sp"));
    return frame(c, FrameTrust.SCAN);
  }

  /** Callers are looked up two bytes before the return address, within a Thumb call. */
  private static StackFrame frame(CpuContext c, FrameTrust trust) {
    return StackFrame.of((c.raw("pc") - 2) & 0xFFFF_FFFFL, c, trust);
  }
}
