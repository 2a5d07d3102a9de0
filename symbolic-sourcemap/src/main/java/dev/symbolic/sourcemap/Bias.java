package dev.symbolic.sourcemap;

/**
 * Which segment a lookup picks when no segment starts exactly at the requested generated column.
 * Lookups never leave the requested generated line.
 */
public enum Bias {
  /**
   * The segment at, or else the closest before, the requested column (the default). Among several
   * segments at the same generated column the first one in map order is returned, like
   * {@code @jridgewell/trace-mapping}.
   */
  GREATEST_LOWER_BOUND,
  /**
   * The segment at, or else the closest after, the requested column. Among several segments at
   * exactly the requested column the last one in map order is returned, like
   * {@code @jridgewell/trace-mapping}.
   */
  LEAST_UPPER_BOUND
}
