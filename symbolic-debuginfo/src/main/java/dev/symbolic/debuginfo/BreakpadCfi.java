package dev.symbolic.debuginfo;

import java.util.List;
import java.util.Objects;

/**
 * A {@code STACK CFI INIT address size rules} record with the {@code STACK CFI} deltas that follow
 * it.
 *
 * @param address the first address covered
 * @param size the number of bytes covered
 * @param initRules the rules at {@code address}
 * @param deltas the later rule changes in file order
 */
public record BreakpadCfi(long address, long size, String initRules, List<BreakpadCfiDelta> deltas) {
  /** Checks for nulls and makes {@code deltas} unmodifiable. */
  public BreakpadCfi {
    Objects.requireNonNull(initRules, "initRules");
    deltas = List.copyOf(deltas);
  }

  /**
   * Tells whether {@code addr} lies in {@code [address, address + size)}, unsigned.
   *
   * @param addr the address
   * @return true if covered
   */
  public boolean contains(long addr) {
    return BreakpadRange.covers(address, size, addr);
  }

  /**
   * Returns the rules in effect at {@code addr}: the init rules followed by every delta whose
   * address is at most {@code addr}, separated by spaces. Later rules for the same register
   * override earlier ones when evaluated left to right, as Breakpad's stack walker does.
   *
   * @param addr an address inside this record
   * @return the concatenated rules
   */
  public String rulesAt(long addr) {
    StringBuilder sb = new StringBuilder(initRules);
    for (BreakpadCfiDelta d : deltas) {
      if (Long.compareUnsigned(d.address(), addr) <= 0) {
        sb.append(' ').append(d.rules());
      }
    }
    return sb.toString();
  }
}
