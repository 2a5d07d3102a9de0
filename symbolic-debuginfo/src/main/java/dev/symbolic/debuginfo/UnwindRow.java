package dev.symbolic.debuginfo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of an unwind table: the rules that hold for the addresses {@code [startAddress,
 * endAddress)}.
 *
 * @param startAddress the first address the row covers
 * @param endAddress the first address after the row
 * @param cfa how to compute the canonical frame address
 * @param registers the rules of the defined registers, in the order the program first defined
 *     them (the order symbolic writes them in)
 */
public record UnwindRow(
    long startAddress, long endAddress, UnwindCfaRule cfa, List<UnwindRegisterRule> registers) {
  /** Checks for nulls and makes {@code registers} unmodifiable. */
  public UnwindRow {
    Objects.requireNonNull(cfa, "cfa");
    registers = List.copyOf(registers);
  }

  /**
   * Tells whether {@code address} lies in {@code [startAddress, endAddress)}, unsigned.
   *
   * @param address the address
   * @return true if covered
   */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, startAddress) >= 0
        && Long.compareUnsigned(address, endAddress) < 0;
  }

  /**
   * The rule of one register.
   *
   * @param register the DWARF register number
   * @return its rule, or empty if the register is undefined in this row
   */
  public Optional<UnwindRule> rule(int register) {
    for (UnwindRegisterRule r : registers) {
      if (r.register() == register) {
        return Optional.of(r.rule());
      }
    }
    return Optional.empty();
  }
}
