package dev.symbolic.debuginfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A function with code (DW_TAG_subprogram) or an inlined call (DW_TAG_inlined_subroutine). */
public final class DwarfFunction {
  private final String linkageName;
  private final String name;
  private final String shortName;
  private final long[] ranges;
  private final boolean inlined;
  private final String callFile;
  private final int callLine;
  private final int callColumn;
  private final List<DwarfFunction> inlinees = new ArrayList<>();

  DwarfFunction(
      String linkageName,
      String name,
      String shortName,
      long[] ranges,
      boolean inlined,
      String callFile,
      int callLine,
      int callColumn) {
    this.linkageName = linkageName;
    this.name = name;
    this.shortName = shortName;
    this.ranges = ranges;
    this.inlined = inlined;
    this.callFile = callFile;
    this.callLine = callLine;
    this.callColumn = callColumn;
  }

  void addInlinee(DwarfFunction f) {
    inlinees.add(f);
  }

  /**
   * Returns the linkage (mangled) name.
   *
   * @return the linkage name, if any
   */
  public Optional<String> linkageName() {
    return Optional.ofNullable(linkageName);
  }

  /**
   * Returns the name qualified by namespaces and types.
   *
   * @return the qualified name, empty if unknown
   */
  public String name() {
    return name;
  }

  /**
   * Returns the plain DW_AT_name.
   *
   * @return the short name, empty if unknown
   */
  public String shortName() {
    return shortName;
  }

  /**
   * Returns the number of address ranges.
   *
   * @return the count
   */
  public int rangeCount() {
    return ranges.length / 2;
  }

  /**
   * Returns the start of a range.
   *
   * @param i the range index
   * @return the first address
   */
  public long rangeStart(int i) {
    return ranges[2 * i];
  }

  /**
   * Returns the end of a range.
   *
   * @param i the range index
   * @return the address after the last one
   */
  public long rangeEnd(int i) {
    return ranges[2 * i + 1];
  }

  /**
   * Tells whether this is an inlined call.
   *
   * @return true for DW_TAG_inlined_subroutine
   */
  public boolean isInlined() {
    return inlined;
  }

  /**
   * Returns the call site file of an inlined call.
   *
   * @return the absolute path, empty for functions or if unknown
   */
  public String callFile() {
    return callFile;
  }

  /**
   * Returns the call site line of an inlined call.
   *
   * @return the line, 0 if unknown
   */
  public int callLine() {
    return callLine;
  }

  /**
   * Returns the call site column of an inlined call.
   *
   * @return the column, 0 if unknown
   */
  public int callColumn() {
    return callColumn;
  }

  /**
   * Returns the calls inlined directly into this function or inlined call.
   *
   * @return the inlinees in DIE order
   */
  public List<DwarfFunction> inlinees() {
    return Collections.unmodifiableList(inlinees);
  }

  @Override
  public String toString() {
    return (linkageName != null ? linkageName : name) + " (" + rangeCount() + " ranges, "
        + inlinees.size() + " inlinees)";
  }
}
