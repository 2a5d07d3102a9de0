package dev.symbolic.minidump;

import dev.symbolic.common.CpuFamily;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Breakpad's MIPS unwinding, for mips and mips64: {@code STACK CFI}, then a scan of the stack
 * for a return address whose frame has a plausible saved frame pointer below it. There is no
 * frame-pointer chain to follow.
 *
 * <p>A caller's program counter is its return address minus two words: the call and its delay
 * slot on mips (Breakpad subtracts two 8-byte words on mips64 too). Symbols are looked up there,
 * not one byte before the return address.
 */
final class MipsUnwinder implements Unwinder {
  /** How far, in bytes, one scan looks for a return address, and the largest frame it accepts. */
  private static final int MAX_FRAME_STACK_SIZE = 1024;

  /** Words of argument space every non-leaf o32 frame reserves below its caller's frame. */
  private static final int MIN_ARGS_ON_STACK = 4;

  private static final List<String> CALLEE_SAVED_32 =
      List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "sp", "fp");

  private static final List<String> CALLEE_SAVED_64 =
      List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "gp", "sp", "fp");

  @Override
  public StackFrame caller(Walk w, boolean scanAllowed) {
    CpuContext callee = w.last().context();
    StackFrame frame = byCfi(w, callee);
    if (frame == null && scanAllowed) {
      frame = byScan(w, callee);
    }
    if (frame == null
        || w.terminates(frame.context().raw("pc"), frame.context().raw("sp"),
            w.addr(callee.raw("sp")))) {
      return null;
    }
    return frame;
  }

  private static StackFrame byCfi(Walk w, CpuContext callee) {
    Optional<CfiRegisters> cfi = w.cfiCaller();
    if (cfi.isEmpty()) {
      return null;
    }
    CfiRegisters caller = cfi.get();
    List<String> calleeSaved = w.family == CpuFamily.MIPS_32 ? CALLEE_SAVED_32 : CALLEE_SAVED_64;
    // Breakpad starts the caller from a zeroed context: registers nobody recovered read as 0
    // when the next frame's rules use them.
    CpuContext c = CpuContext.of(w.family, Map.of());
    for (String name : callee.registerNames()) {
      if (name.equals("pc")) {
        continue;
      }
      OptionalLong v = caller.get(Walk.mipsCfiName(name));
      if (v.isPresent()) {
        c = c.with(name, v.getAsLong());
      } else if (calleeSaved.contains(name) && callee.isValid(name)) {
        c = c.with(name, callee.raw(name));
      }
    }
    // The stack pointer is the CFA and the return address .ra, whatever other rules say.
    long cfa = caller.get(".cfa").orElse(0);
    long ra = caller.get(".ra").orElse(0);
    long pc = w.addr(ra - 2L * w.wordSize);
    c = c.with("sp", w.addr(cfa)).with("ra", w.addr(ra)).with("pc", pc);
    return StackFrame.of(pc, c, FrameTrust.CFI);
  }

  /**
   * Scans for a return address, skipping candidates whose saved frame pointer (the word below
   * the return address) lies a whole frame or more away, as Breakpad does.
   */
  private static StackFrame byScan(Walk w, CpuContext callee) {
    long word = w.wordSize;
    long lastSp = w.addr(callee.raw("sp"));
    int count = (int) (MAX_FRAME_STACK_SIZE / word);
    if (w.family == CpuFamily.MIPS_32 && w.frames.size() > 1) {
      // A non-leaf o32 frame reserves four argument words; only the innermost frame may be a
      // leaf, so the others skip them rather than report a frame inside them.
      lastSp = w.addr(lastSp + MIN_ARGS_ON_STACK * word);
      count -= MIN_ARGS_ON_STACK;
    }
    long callerSp;
    long callerPc;
    long callerFp;
    do {
      if (!w.walker.spend(1)) {
        return null;
      }
      long[] found = w.scan(lastSp, count);
      if (found == null) {
        return null;
      }
      callerSp = found[0];
      callerPc = found[1];
      OptionalLong fp = w.word(w.addr(callerSp - word));
      if (fp.isEmpty()) {
        return null;
      }
      callerFp = fp.getAsLong();
      count -= (int) ((callerSp - lastSp) / word);
      lastSp = w.addr(callerSp + word);
    } while (Long.compareUnsigned(w.addr(callerFp - callerSp), MAX_FRAME_STACK_SIZE) >= 0
        && count > 0);
    if (count == 0) {
      return null;
    }
    long sp = w.addr(callerSp + word);
    long pc = w.addr(callerPc - 2 * word);
    CpuContext c = callee.with("pc", pc).with("sp", sp).with("fp", callerFp)
        .with("ra", w.addr(pc + 2 * word)).retainOnly(List.of("pc", "sp", "fp", "ra"));
    return StackFrame.of(pc, c, FrameTrust.SCAN);
  }
}
