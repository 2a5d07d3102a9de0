package dev.symbolic.minidump;

import java.util.List;
import java.util.Optional;

/**
 * Breakpad's 32-bit ARM unwinding: {@code STACK CFI}, then scanning. (Breakpad follows a frame
 * pointer only on iOS.)
 */
final class ArmUnwinder implements Unwinder {
  private static final List<String> CALLEE_SAVED =
      List.of("r4", "r5", "r6", "r7", "r8", "r9", "r10", "fp");

  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    CpuContext callee = w.last().context();
    Optional<CfiRegisters> cfi = w.cfiCaller();
    if (cfi.isPresent()) {
      CpuContext c = w.callerContext(callee, cfi.get(), CALLEE_SAVED);
      if (c.isValid("pc") && c.isValid("sp")
          && !w.terminates(c.raw("pc"), c.raw("sp"), callee.raw("sp"))) {
        return StackFrame.of((c.raw("pc") - 2) & 0xFFFF_FFFFL, c, FrameTrust.CFI);
      }
      if (c.isValid("pc") && c.isValid("sp")) {
        return null;
      }
    }
    if (!scanAllowed) {
      return null;
    }
    long[] found = w.scanFromLast(callee.raw("sp"));
    if (found == null) {
      return null;
    }
    long pc = found[1];
    long sp = w.addr(found[0] + 4);
    if (w.terminates(pc, sp, callee.raw("sp"))) {
      return null;
    }
    CpuContext c = callee.with("pc", pc).with("sp", sp).retainOnly(List.of("pc", "sp"));
    return StackFrame.of((pc - 2) & 0xFFFF_FFFFL, c, FrameTrust.SCAN);
  }
}
