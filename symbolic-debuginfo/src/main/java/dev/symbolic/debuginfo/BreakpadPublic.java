package dev.symbolic.debuginfo;

import java.util.Objects;

/**
 * A {@code PUBLIC [m] address parameter_size name} record: a symbol without size or lines.
 *
 * @param address the address
 * @param parameterSize the size of the parameters on the stack
 * @param name the name; may be empty
 * @param multiple whether the {@code m} flag is set
 */
public record BreakpadPublic(long address, long parameterSize, String name, boolean multiple) {
  /** Checks for nulls. */
  public BreakpadPublic {
    Objects.requireNonNull(name, "name");
  }
}
