package dev.symbolic.debuginfo;

import java.util.Objects;

/**
 * A {@code STACK CFI address rules} record: rule changes taking effect at {@code address}.
 *
 * @param address where the rules take effect
 * @param rules the rules, e.g. {@code .cfa: $rsp 16 + $rbx: .cfa -16 + ^}
 */
public record BreakpadCfiDelta(long address, String rules) {
  /** Checks for nulls. */
  public BreakpadCfiDelta {
    Objects.requireNonNull(rules, "rules");
  }
}
