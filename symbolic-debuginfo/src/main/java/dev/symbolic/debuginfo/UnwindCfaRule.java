package dev.symbolic.debuginfo;

/** How to compute the canonical frame address (CFA) in a row of an unwind table. */
public sealed interface UnwindCfaRule {
  /**
   * The CFA is a register's value plus an offset.
   *
   * @param register the DWARF number of the register
   * @param offset the signed byte offset
   */
  record RegisterOffset(int register, long offset) implements UnwindCfaRule {}

  /**
   * The CFA is what a DWARF expression computes ({@code DW_CFA_def_cfa_expression}). Expressions
   * are not evaluated; the rule names where the expression lies in the section.
   *
   * @param sectionOffset the offset of the expression's first byte in the unwind section
   * @param length the length of the expression in bytes
   */
  record Expression(long sectionOffset, long length) implements UnwindCfaRule {}
}
