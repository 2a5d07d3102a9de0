package dev.symbolic.minidump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Breakpad's arm64 unwinding: call frame information, then the frame record chain ({@code x29}
 * points at the saved {@code x29} and {@code x30}), then scanning. Return addresses are stripped
 * of pointer authentication bits.
 */
final class Arm64Unwinder implements Unwinder {
  private static final List<String> FP_VALID = List.of("pc", "lr", "fp", "sp");
  private static final List<String> CALLEE_SAVED = List.of("x19", "x20", "x21", "x22", "x23",
      "x24", "x25", "x26", "x27", "x28", "fp");

  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    CpuContext callee = w.last().context();
    StackFrame frame = byCfi(w, callee);
    if (frame == null) {
      frame = byFramePointer(w, callee);
    }
    if (frame == null && scanAllowed) {
      frame = byScan(w, callee);
    }
    if (frame == null) {
      return null;
    }
    if (w.terminates(frame.context().raw("pc"), frame.context().raw("sp"), callee.raw("sp"))) {
      return null;
    }
    return frame;
  }

  private static StackFrame byCfi(Walk w, CpuContext callee) {
    Optional<CfiRegisters> caller = w.cfiCaller();
    if (caller.isEmpty()) {
      return null;
    }
    CpuContext c = w.callerContext(callee, caller.get(), CALLEE_SAVED);
    if (!c.isValid("pc") || !c.isValid("sp")) {
      return null;
    }
    long pc = strip(w, c.raw("pc"));
    c = c.with("pc", pc);
    if (c.isValid("lr")) {
      c = c.with("lr", strip(w, c.raw("lr")));
    }
    return StackFrame.of(pc - 4, c, FrameTrust.CFI);
  }

  private static StackFrame byFramePointer(Walk w, CpuContext callee) {
    if (!callee.isValid("lr")) {
      callee = correctLinkRegister(w, callee);
    }
    long fp = callee.raw("fp");
    long callerFp = 0;
    long callerLr = 0;
    if (fp != 0) {
      OptionalLong savedFp = w.word(fp);
      OptionalLong savedLr = w.word(fp + 8);
      if (savedFp.isEmpty() || savedLr.isEmpty()) {
        return null;
      }
      callerFp = savedFp.getAsLong();
      callerLr = strip(w, savedLr.getAsLong());
    }
    long callerSp = fp != 0 ? fp + 16 : callee.raw("sp");
    // The callee's link register, valid or stale, is the return address, as in Breakpad.
    long pc = callee.raw("lr");
    CpuContext c = callee.with("fp", callerFp).with("lr", callerLr).with("sp", callerSp)
        .with("pc", pc).retainOnly(FP_VALID);
    return StackFrame.of(pc - 4, c, FrameTrust.FRAME_POINTER);
  }

  /**
   * Breakpad's repair of a link register that CFI did not restore: if the frame record the
   * callee's frame pointer points at links to this frame's frame pointer, the return address
   * saved next to it is this frame's link register.
   */
  private static CpuContext correctLinkRegister(Walk w, CpuContext last) {
    if (w.frames.size() < 2
        || Long.compareUnsigned(last.raw("fp"), last.raw("sp")) <= 0) {
      return last;
    }
    long calleeFp = w.frames.get(w.frames.size() - 2).context().raw("fp");
    long linkedFp = 0;
    long linkedLr = 0;
    if (calleeFp != 0) {
      OptionalLong fp = w.word(calleeFp);
      OptionalLong lr = w.word(calleeFp + 8);
      if (fp.isEmpty() || lr.isEmpty()) {
        return last;
      }
      linkedFp = fp.getAsLong();
      linkedLr = lr.getAsLong();
    }
    if (last.raw("fp") != linkedFp) {
      return last;
    }
    // Only the value changes: the register stays invalid, as in Breakpad.
    return last.with("lr", strip(w, linkedLr)).retainOnly(last.validRegisterNames());
  }

  private static StackFrame byScan(Walk w, CpuContext callee) {
    long[] found = w.scanFromLast(callee.raw("sp"));
    if (found == null) {
      return null;
    }
    long pc = strip(w, found[1]);
    CpuContext c = callee.with("pc", pc).with("sp", found[0] + 8)
        .retainOnly(List.of("pc", "sp"));
    return StackFrame.of(pc - 4, c, FrameTrust.SCAN);
  }

  /**
   * Breakpad's removal of pointer authentication bits: keep only the bits the end of the
   * highest module needs, if the result then lies in a module.
   */
  static long strip(Walk w, long pointer) {
    long highest = w.walker.moduleIndex().highestAddress();
    if (highest == 0) {
      return pointer;
    }
    long mask = -1L >>> Long.numberOfLeadingZeros(highest);
    long stripped = pointer & mask;
    return w.walker.moduleAt(stripped).isPresent() ? stripped : pointer;
  }
}
