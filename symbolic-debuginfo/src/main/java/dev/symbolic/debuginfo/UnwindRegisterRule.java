package dev.symbolic.debuginfo;

import java.util.Objects;

/**
 * The rule for one register in a row of an unwind table.
 *
 * @param register the DWARF register number
 * @param rule how to recover the caller's value
 */
public record UnwindRegisterRule(int register, UnwindRule rule) {
  /** Checks for nulls. */
  public UnwindRegisterRule {
    Objects.requireNonNull(rule, "rule");
  }
}
