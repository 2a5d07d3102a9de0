package dev.symbolic.debuginfo;

import java.util.Objects;

/**
 * A variable with a static address ({@code DW_TAG_variable} whose location is {@code
 * DW_OP_addr[x]}, optionally plus a constant), as {@link Dwarf#variableAt} finds it.
 *
 * @param address the start of the variable
 * @param size its size in bytes: the type's size, or 1 when that is unknown
 * @param declFile the absolute path of its declaration file, or "" when unknown
 * @param declLine its declaration line, or 0 when unknown
 */
public record DwarfVariable(long address, long size, String declFile, long declLine) {
  /**
   * Creates a variable.
   *
   * @throws NullPointerException if {@code declFile} is null
   */
  public DwarfVariable {
    Objects.requireNonNull(declFile, "declFile");
  }
}
