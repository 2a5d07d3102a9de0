package dev.symbolic.debuginfo;

import dev.symbolic.common.Name;
import java.util.List;
import java.util.Objects;

/**
 * A function with code, or a call inlined into one, with its line records and the calls inlined
 * into it.
 *
 * <p>Each line record sits at the innermost level of the inline tree that covers its address:
 * where a call was inlined, the caller has one record for the whole inlined range pointing at the
 * call site, and the inlinee has the records of its own code. Lines and inlinees are sorted by
 * address.
 *
 * @param address the first address, relative to {@link ObjectFile#loadAddress()}
 * @param size the size in bytes
 * @param name the name (mangled where a linkage name is known)
 * @param compilationDir the compilation directory of its unit, or {@code ""}
 * @param lines the line records
 * @param inlinees the calls inlined into this function
 * @param inline whether this is an inlined call
 */
public record Function(
    long address,
    long size,
    Name name,
    String compilationDir,
    List<LineInfo> lines,
    List<Function> inlinees,
    boolean inline) {
  /** Checks for nulls and makes the lists unmodifiable. */
  public Function {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(compilationDir, "compilationDir");
    lines = List.copyOf(lines);
    inlinees = List.copyOf(inlinees);
  }

  /**
   * The end address, exclusive.
   *
   * @return {@code address + size}
   */
  public long endAddress() {
    return address + size;
  }
}
