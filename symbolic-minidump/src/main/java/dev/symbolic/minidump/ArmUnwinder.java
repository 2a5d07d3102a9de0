package dev.symbolic.minidump;

import java.util.List;

/**
 * Breakpad's 32-bit ARM unwinding: call frame information, then scanning. (Breakpad follows a
 * frame pointer only on iOS.)
 */
final class ArmUnwinder implements Unwinder {
  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    CpuContext callee = w.last().context();
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
