package dev.symbolic.minidump;

import java.util.Objects;

/**
 * The caller frame a {@code STACK WIN} record recovered.
 *
 * @param registers the caller's {@code eip}, {@code esp} and {@code ebp}, plus {@code ebx}, {@code
 *     esi} and {@code edi} where the program string recovered them
 * @param trust how the return address was found
 */
public record WinCaller(CfiRegisters registers, Trust trust) {
  /** Checks for nulls. */
  public WinCaller {
    Objects.requireNonNull(registers, "registers");
    Objects.requireNonNull(trust, "trust");
  }

  /** How the return address was found, in Breakpad's terms. */
  public enum Trust {
    /** From the frame data or FPO program alone: "call frame info". */
    CFI,
    /** From the program, corrected by a stack scan: "call frame info with scanning". */
    CFI_SCAN,
    /** The program failed; found by scanning the stack: "stack scanning". */
    SCAN
  }
}
