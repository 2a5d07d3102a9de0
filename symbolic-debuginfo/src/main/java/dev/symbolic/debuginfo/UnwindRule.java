package dev.symbolic.debuginfo;

/**
 * How to recover one register of the caller from a row of an unwind table (DWARF 5 §6.4.1). A
 * register without a rule is undefined: its value cannot be recovered.
 */
public sealed interface UnwindRule {
  /** The register still holds the caller's value. */
  record SameValue() implements UnwindRule {}

  /**
   * The caller's value is saved in memory at {@code CFA + offset}.
   *
   * @param offset the signed byte offset from the CFA
   */
  record Offset(long offset) implements UnwindRule {}

  /**
   * The caller's value is {@code CFA + offset} itself (not stored in memory).
   *
   * @param offset the signed byte offset from the CFA
   */
  record ValOffset(long offset) implements UnwindRule {}

  /**
   * The caller's value is held in another register of the callee.
   *
   * @param register the DWARF number of that register
   */
  record InRegister(int register) implements UnwindRule {}

  /**
   * The caller's value is in memory at the address a DWARF expression computes. Expressions are
   * not evaluated; the rule names where the expression lies in the section.
   *
   * @param sectionOffset the offset of the expression's first byte in the unwind section
   * @param length the length of the expression in bytes
   */
  record Expression(long sectionOffset, long length) implements UnwindRule {}

  /**
   * The caller's value is what a DWARF expression computes. Expressions are not evaluated; the
   * rule names where the expression lies in the section.
   *
   * @param sectionOffset the offset of the expression's first byte in the unwind section
   * @param length the length of the expression in bytes
   */
  record ValExpression(long sectionOffset, long length) implements UnwindRule {}

  /**
   * The register holds a constant: the AArch64 {@code RA_SIGN_STATE} pseudo-register toggled by
   * {@code DW_CFA_AARCH64_negate_ra_state}.
   *
   * @param value the constant
   */
  record Constant(long value) implements UnwindRule {}
}
