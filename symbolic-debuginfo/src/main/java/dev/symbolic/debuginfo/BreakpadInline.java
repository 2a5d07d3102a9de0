package dev.symbolic.debuginfo;

import java.util.List;
import java.util.Objects;

/**
 * An {@code INLINE depth call_site_line call_site_file_num origin_num [address size]+} record.
 *
 * <p>The record says that the function named by {@code origin} was inlined, at nesting {@code
 * depth} (0 = directly into the enclosing {@code FUNC}), into the code at {@code ranges}, and
 * that the call was written at {@code callFile}:{@code callLine} in the caller.
 *
 * @param depth the nesting depth, 0 for the outermost inlinee
 * @param callLine the line of the call site in the caller
 * @param callFile the {@code FILE} index of the call site, or -1 for the old format without it
 * @param origin the {@code INLINE_ORIGIN} index
 * @param name the origin's name, or {@code ""} if the origin is not defined
 * @param ranges the code ranges, at least one
 */
public record BreakpadInline(
    long depth, long callLine, long callFile, long origin, String name, List<BreakpadRange> ranges) {
  /** Checks for nulls and makes {@code ranges} unmodifiable. */
  public BreakpadInline {
    Objects.requireNonNull(name, "name");
    ranges = List.copyOf(ranges);
  }

  /**
   * Tells whether any range covers {@code address}.
   *
   * @param address the address
   * @return true if covered
   */
  public boolean contains(long address) {
    for (BreakpadRange r : ranges) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
