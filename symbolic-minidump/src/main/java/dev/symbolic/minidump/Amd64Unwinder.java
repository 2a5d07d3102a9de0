package dev.symbolic.minidump;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Breakpad's amd64 unwinding: call frame information; on Windows, a simulated return from a leaf
 * context frame; elsewhere the {@code %rbp} chain; then scanning.
 */
final class Amd64Unwinder implements Unwinder {
  private static final List<String> CALLEE_SAVED =
      List.of("rbx", "rbp", "r12", "r13", "r14", "r15");

  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    CpuContext callee = w.last().context();
    StackFrame frame = byCfi(w, callee);
    if (frame == null && w.lastIsContext() && w.walker.isWindows()) {
      frame = bySimulatingReturn(w, callee);
    }
    if (frame == null && !w.walker.isWindows()) {
      frame = byFramePointer(w, callee);
    }
    if (frame == null && scanAllowed) {
      frame = byScan(w, callee);
    }
    if (frame == null) {
      return null;
    }
    if (w.terminates(frame.context().raw("rip"), frame.context().raw("rsp"), callee.raw("rsp"))) {
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
    if (!c.isValid("rip") || !c.isValid("rsp") || c.raw("rip") == 0 || c.raw("rsp") == 0) {
      return null;
    }
    return StackFrame.of(c.raw("rip") - 1, c, FrameTrust.CFI);
  }

  /** Windows x64 leaf functions have no unwind info: the return address is on top. */
  private static StackFrame bySimulatingReturn(Walk w, CpuContext callee) {
    long[] found = w.scan(callee.raw("rsp"), 1);
    if (found == null) {
      return null;
    }
    CpuContext c = callee.with("rip", found[1]).with("rsp", found[0] + 8);
    return StackFrame.of(found[1] - 1, c, FrameTrust.LEAF);
  }

  private static StackFrame byFramePointer(Walk w, CpuContext callee) {
    long rbp = callee.raw("rbp");
    if (rbp % 8 != 0) {
      return null;
    }
    OptionalLong rip = w.word(rbp + 8);
    OptionalLong savedRbp = w.word(rbp);
    if (rip.isEmpty() || savedRbp.isEmpty()) {
      return null;
    }
    long callerRip = rip.getAsLong();
    long callerRbp = savedRbp.getAsLong();
    long callerRsp = rbp + 16;
    // A non-canonical return address means %rbp was not a frame pointer.
    if (Long.compareUnsigned(callerRip, 0x7FFF_FFFF_FFFFL) > 0
        && Long.compareUnsigned(callerRip, 0xFFFF_8000_0000_0000L) < 0) {
      return null;
    }
    if (Long.compareUnsigned(callerRsp, rbp) <= 0
        || Long.compareUnsigned(callerRbp, callerRsp) < 0
        || w.word(callerRbp).isEmpty()) {
      return null;
    }
    CpuContext c = callee.with("rip", callerRip).with("rsp", callerRsp).with("rbp", callerRbp)
        .retainOnly(List.of("rip", "rsp", "rbp"));
    return StackFrame.of(callerRip - 1, c, FrameTrust.FRAME_POINTER);
  }

  private static StackFrame byScan(Walk w, CpuContext callee) {
    long[] found = w.scanFromLast(callee.raw("rsp"));
    if (found == null) {
      return null;
    }
    long location = found[0];
    CpuContext c = callee.with("rip", found[1]).with("rsp", location + 8);
    List<String> valid = List.of("rip", "rsp");
    if (callee.isValid("rbp")) {
      long rbp = callee.raw("rbp");
      if (location - 8 == rbp) {
        // The callee pushed the caller's %rbp right below the return address.
        OptionalLong saved = w.word(rbp);
        if (saved.isPresent() && Long.compareUnsigned(saved.getAsLong(), location) > 0) {
          c = c.with("rbp", saved.getAsLong());
          valid = List.of("rip", "rsp", "rbp");
        }
      } else if (Long.compareUnsigned(rbp, location + 8) >= 0) {
        // A plausible caller %rbp the callee left alone.
        valid = List.of("rip", "rsp", "rbp");
      }
    }
    return StackFrame.of(found[1] - 1, c.retainOnly(valid), FrameTrust.SCAN);
  }
}
