package dev.symbolic.debuginfo;

/** What an object file is for, independent of its format. */
public enum ObjectKind {
  /** No kind declared. */
  NONE("none", "No object"),
  /** An object file before linking. */
  RELOCATABLE("rel", "Relocatable"),
  /** A linked executable. */
  EXECUTABLE("exe", "Executable"),
  /** A shared library (or position-independent executable). */
  LIBRARY("lib", "Library"),
  /** A core dump. */
  DUMP("dump", "Memory dump"),
  /** A debug companion: debug information without code (split debug file, dSYM, PDB, .sym). */
  DEBUG("dbg", "Debug companion"),
  /** A bundle of source files. */
  SOURCES("src", "Sources"),
  /** Anything else. */
  OTHER("other", "Other");

  private final String shortName;
  private final String displayName;

  ObjectKind(String shortName, String displayName) {
    this.shortName = shortName;
    this.displayName = displayName;
  }

  /**
   * The short name symbolic uses, e.g. {@code exe} or {@code dbg}.
   *
   * @return the name
   */
  public String shortName() {
    return shortName;
  }

  /**
   * A human-readable name, e.g. {@code Debug companion}.
   *
   * @return the name
   */
  public String displayName() {
    return displayName;
  }

  static ObjectKind of(ElfKind kind) {
    switch (kind) {
      case NONE:
        return NONE;
      case RELOCATABLE:
        return RELOCATABLE;
      case EXECUTABLE:
        return EXECUTABLE;
      case LIBRARY:
        return LIBRARY;
      case CORE:
        return DUMP;
      case DEBUG:
        return DEBUG;
      default:
        return OTHER;
    }
  }
}
