package dev.symbolic.debuginfo;

import java.util.List;
import java.util.Objects;

/**
 * A {@code FUNC [m] address size parameter_size name} record with its line and inline records.
 *
 * @param address the first address
 * @param size the size in bytes
 * @param parameterSize the size of the parameters on the stack
 * @param name the (usually demangled) name, possibly with spaces; may be empty
 * @param multiple whether the {@code m} flag marks code shared by several functions
 * @param lines the line records in file order
 * @param inlinees the {@code INLINE} records in file order
 */
public record BreakpadFunction(
    long address,
    long size,
    long parameterSize,
    String name,
    boolean multiple,
    List<BreakpadLine> lines,
    List<BreakpadInline> inlinees) {
  /** Checks for nulls and makes the lists unmodifiable. */
  public BreakpadFunction {
    Objects.requireNonNull(name, "name");
    lines = List.copyOf(lines);
    inlinees = List.copyOf(inlinees);
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
}
