package dev.symbolic.debuginfo;

import java.util.Optional;

/** One frame of a symbolicated address; inlined frames come before the frames they are in. */
public final class DwarfFrame {
  private final String linkageName;
  private final String name;
  private final String shortName;
  private final String file;
  private final int line;
  private final int column;
  private final int discriminator;
  private final boolean inlined;
  private final String startFile;
  private final int startLine;
  private final boolean hasStartAddress;
  private final long startAddress;

  DwarfFrame(
      String linkageName,
      String name,
      String shortName,
      String file,
      int line,
      int column,
      int discriminator,
      boolean inlined,
      String startFile,
      int startLine,
      boolean hasStartAddress,
      long startAddress) {
    this.linkageName = linkageName;
    this.name = name;
    this.shortName = shortName;
    this.file = file;
    this.line = line;
    this.column = column;
    this.discriminator = discriminator;
    this.inlined = inlined;
    this.startFile = startFile;
    this.startLine = startLine;
    this.hasStartAddress = hasStartAddress;
    this.startAddress = startAddress;
  }

  /**
   * Returns the declaration file of the function (DW_AT_decl_file, following abstract origins
   * and specifications), as llvm-symbolizer's {@code StartFileName}.
   *
   * @return the path, absolute unless asked for relative paths ({@link
   *     Dwarf#symbolize(long, DwarfLineTable.PathKind)}), empty if unknown
   */
  public String startFile() {
    return startFile;
  }

  /**
   * Returns the declaration line of the function (DW_AT_decl_line), as llvm-symbolizer's {@code
   * StartLine}.
   *
   * @return the line, 0 if unknown
   */
  public int startLine() {
    return startLine;
  }

  /**
   * Returns the DW_AT_low_pc of the function or inlined call, as llvm-symbolizer's {@code
   * StartAddress}; absent when the DIE has no low_pc (e.g. only DW_AT_ranges).
   *
   * @return the start address, if any
   */
  public java.util.OptionalLong startAddress() {
    return hasStartAddress ? java.util.OptionalLong.of(startAddress) : java.util.OptionalLong.empty();
  }

  /**
   * Returns the linkage (usually mangled) name, following specification/abstract origin chains.
   *
   * @return DW_AT_linkage_name or DW_AT_MIPS_linkage_name, if any
   */
  public Optional<String> linkageName() {
    return Optional.ofNullable(linkageName);
  }

  /**
   * Returns the name qualified by the enclosing namespaces and types, e.g. {@code ns::Cls::f}.
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
   * Returns the name llvm-symbolizer prints with {@code --functions=linkage --no-demangle}: the
   * linkage name if present, else the short name.
   *
   * @return the function name, empty if unknown
   */
  public String function() {
    return linkageName != null ? linkageName : shortName;
  }

  /**
   * Returns the source path: absolute unless asked for relative paths ({@link
   * Dwarf#symbolize(long, DwarfLineTable.PathKind)}).
   *
   * @return the file, empty if unknown
   */
  public String file() {
    return file;
  }

  /**
   * Returns the line.
   *
   * @return the line, 0 if unknown
   */
  public int line() {
    return line;
  }

  /**
   * Returns the column.
   *
   * @return the column, 0 if unknown
   */
  public int column() {
    return column;
  }

  /**
   * Returns the line-table discriminator (innermost frame) or DW_AT_call_discriminator.
   *
   * @return the discriminator, 0 if none
   */
  public int discriminator() {
    return discriminator;
  }

  /**
   * Tells whether this frame is an inlined subroutine.
   *
   * @return true if inlined
   */
  public boolean isInlined() {
    return inlined;
  }

  @Override
  public String toString() {
    return function() + " at " + file + ":" + line + ":" + column + (inlined ? " (inlined)" : "");
  }
}
