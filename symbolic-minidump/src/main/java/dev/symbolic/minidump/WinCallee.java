package dev.symbolic.minidump;

import java.util.Objects;

/**
 * The frame a {@code STACK WIN} record unwinds from, with what Breakpad's x86 walker knows about
 * it besides the record.
 *
 * @param registers the frame's registers; {@code eip}, {@code esp} and {@code ebp} are needed,
 *     {@code ebx} is used when present
 * @param calleeParameterSize the parameter size of a frame below this one, from its {@code STACK
 *     WIN} record or, lacking one, its {@code FUNC} or {@code PUBLIC} record; 0 for the context
 *     frame or when unknown. Breakpad's walker loops over all non-inline frames below without
 *     stopping, so the innermost one with a known size wins
 * @param contextFrame whether this is the frame given by the thread context, which lets stack
 *     scans look four times farther
 * @param stackScanAllowed whether the walker still allows stack scanning (Breakpad stops
 *     scanning after a number of scanned frames)
 */
public record WinCallee(
    CfiRegisters registers,
    long calleeParameterSize,
    boolean contextFrame,
    boolean stackScanAllowed) {
  /** Checks for nulls. */
  public WinCallee {
    Objects.requireNonNull(registers, "registers");
  }
}
