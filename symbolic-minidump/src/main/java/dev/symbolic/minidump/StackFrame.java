package dev.symbolic.minidump;

import java.util.Objects;
import java.util.Optional;

/**
 * One frame of a walked stack: its registers, how it was found, its module and what the symbols
 * say about it.
 *
 * @param instruction the address symbols were looked up at: the instruction pointer of the
 *     innermost frame, the return address minus one (x86, amd64), two (arm) or four (arm64) for a
 *     caller, so that it lies within the call instruction
 * @param returnAddress the address stack walkers print offsets from: the frame's instruction
 *     pointer (for callers, the return address); for inlined frames, {@code instruction}
 * @param context the frame's registers; for an inlined frame, those of the frame it is inlined in
 * @param trust how the frame was found
 * @param module the module containing {@code instruction}, if any
 * @param function the function name, or empty if unknown
 * @param functionBase the absolute address where the function (or inlined range) starts
 * @param sourceFile the source file, or empty if unknown
 * @param sourceLine the source line, 0 if unknown
 * @param sourceLineBase the absolute address where the code of the source line starts
 */
public record StackFrame(
    long instruction,
    long returnAddress,
    CpuContext context,
    FrameTrust trust,
    Optional<MinidumpModule> module,
    String function,
    long functionBase,
    String sourceFile,
    long sourceLine,
    long sourceLineBase) {
  /** Checks for nulls. */
  public StackFrame {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(sourceFile, "sourceFile");
  }

  /** An unsymbolized frame. */
  static StackFrame of(long instruction, CpuContext context, FrameTrust trust) {
    long ip = context.instructionPointer().orElse(instruction);
    return new StackFrame(instruction, ip, context, trust, Optional.empty(), "", 0, "", 0, 0);
  }

  /**
   * Tells whether the frame was inlined into the next one.
   *
   * @return true if found by {@link FrameTrust#INLINE}
   */
  public boolean isInlined() {
    return trust == FrameTrust.INLINE;
  }
}
