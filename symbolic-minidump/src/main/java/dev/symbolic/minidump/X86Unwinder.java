package dev.symbolic.minidump;

import java.util.List;
import java.util.OptionalLong;

/**
 * Breakpad's x86 unwinding: call frame information, then the {@code %ebp} chain, then scanning.
 */
final class X86Unwinder implements Unwinder {
  /** Farthest a scanned frame's saved {@code %ebp} may lie above its return address. */
  private static final long MAX_GAP_BETWEEN_FRAMES = 128 * 1024;

  private static final List<String> ESSENTIALS = List.of("eip", "esp", "ebp");

  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    StackFrame last = w.last();
    CpuContext callee = last.context();
    StackFrame frame = byFramePointer(w, callee, scanAllowed);
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
    return frame(callee, callerEip, callerEsp, callerEbp, trust);
  }

  static StackFrame frame(CpuContext callee, long eip, long esp, long ebp, FrameTrust trust) {
    CpuContext c = callee.with("eip", eip).with("esp", esp).with("ebp", ebp)
        .retainOnly(ESSENTIALS);
    return StackFrame.of((eip - 1) & 0xFFFF_FFFFL, c, trust);
  }
}
