package dev.symbolic.debuginfo;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One unit of {@code .debug_info}: its header is read eagerly, its DIEs and line table lazily.
 * Thread-safe.
 */
public final class DwarfUnit {
  static final int MAX_DEPTH = 512;

  final Dwarf dwarf;
  final int index;
  final long offset;
  final long end;
  final long dieStart;
  final boolean dwarf64;
  final int version;
  final int unitType;
  final int addrSize;
  final long abbrevOffset;
  final long dwoIdHeader;

  /** A type unit's signature and the offset of its type DIE from the unit; -1 otherwise. */
  long typeSignature;

  long typeOffset = -1;

  // Split DWARF: contributions of a package (.dwp) and what a split unit inherits from its
  // skeleton. Set before the unit is used.
  long abbrevBase;
  long strOffsetsContrib;
  long rnglistsContrib;
  long rangesBase;
  DwarfUnit skeleton;

  private volatile boolean rootLoaded;
  private volatile DwarfAbbrevs abbrevs;
  long strOffsetsBase;
  long addrBase;
  long rnglistsBase;
  /** DW_AT_loclists_base, or the first list's offset after a 32-bit header. */
  long loclistsBase;
  long baseAddress;
  long gnuRangesBase;
  private String name;
  private String compDir;
  /** DW_AT_language of the unit DIE, or -1. */
  long language = -1;
  /** Whether the unit DIE has DW_AT_ranges or a non-zero DW_AT_low_pc. */
  boolean rootHasCode;
  private long stmtList = -1;
  private long dwoId;
  private String dwoName;

  private volatile boolean lineLoaded;
  private DwarfLineTable lineTable;

  /** The DIE tree, walked on first use (see {@link #tree()}). */
  private volatile DwarfTree tree;

  DwarfUnit(
      Dwarf dwarf,
      int index,
      long offset,
      long end,
      long dieStart,
      boolean dwarf64,
      int version,
      int unitType,
      int addrSize,
      long abbrevOffset,
      long dwoIdHeader) {
    this.dwarf = dwarf;
    this.index = index;
    this.offset = offset;
    this.end = end;
    this.dieStart = dieStart;
    this.dwarf64 = dwarf64;
    this.version = version;
    this.unitType = unitType;
    this.addrSize = addrSize;
    this.abbrevOffset = abbrevOffset;
    this.dwoIdHeader = dwoIdHeader;
  }

  /**
   * Returns the offset of the unit header in {@code .debug_info}.
   *
   * @return the offset
   */
  public long offset() {
    return offset;
  }

  /**
   * Returns the DWARF version of the unit.
   *
   * @return 2 to 5
   */
  public int version() {
    return version;
  }

  /**
   * Returns the unit type (DW_UT_*); units before DWARF 5 report DW_UT_compile (1).
   *
   * @return the unit type
   */
  public int unitType() {
    return unitType;
  }

  /**
   * Returns the address size of the unit.
   *
   * @return the size in bytes
   */
  public int addressSize() {
    return addrSize;
  }

  /**
   * Tells whether the unit uses the 64-bit DWARF format.
   *
   * @return true for 64-bit DWARF
   */
  public boolean isDwarf64() {
    return dwarf64;
  }

  /**
   * Tells whether this is a type unit.
   *
   * @return true for DW_UT_type and DW_UT_split_type
   */
  public boolean isTypeUnit() {
    return unitType == DwarfConstants.UT_TYPE || unitType == DwarfConstants.UT_SPLIT_TYPE;
  }

  /**
   * Returns the unit's DW_AT_name.
   *
   * @return the name, if any
   */
  public Optional<String> name() {
    return Dwarf.guard(
        () -> {
          loadRoot();
          return Optional.ofNullable(name);
        });
  }

  /**
   * Returns the unit's DW_AT_comp_dir.
   *
   * @return the compilation directory, if any
   */
  public Optional<String> compDir() {
    return Dwarf.guard(
        () -> {
          loadRoot();
          return Optional.ofNullable(compDir);
        });
  }

  /**
   * Returns the name of the split DWARF object of a skeleton unit.
   *
   * @return DW_AT_dwo_name or DW_AT_GNU_dwo_name, if present
   */
  public Optional<String> dwoName() {
    return Dwarf.guard(
        () -> {
          loadRoot();
          return Optional.ofNullable(dwoName);
        });
  }

  /**
   * Returns the split DWARF id of a skeleton or split unit.
   *
   * @return the id from the DWARF 5 header or DW_AT_GNU_dwo_id, if any
   */
  public OptionalLong dwoId() {
    return Dwarf.guard(
        () -> {
          loadRoot();
          return dwoId != 0 ? OptionalLong.of(dwoId) : OptionalLong.empty();
        });
  }

  /**
   * Returns the unit's line table.
   *
   * @return the line table, or empty if the unit has none
   */
  public Optional<DwarfLineTable> lineTable() {
    return Dwarf.guard(() -> Optional.ofNullable(lines()));
  }

  DwarfLineTable lines() {
    if (lineLoaded) {
      return lineTable;
    }
    return loadLines();
  }

  private synchronized DwarfLineTable loadLines() {
    if (!lineLoaded) {
      loadRoot();
      if (stmtList >= 0 && stmtList < dwarf.line.length()) {
        lineTable = DwarfLineTable.parse(dwarf, this, stmtList, compDir);
      }
      lineLoaded = true;
    }
    return lineTable;
  }

  DwarfAbbrevs abbrevs() {
    DwarfAbbrevs a = abbrevs;
    if (a == null) {
      a = dwarf.abbrevs(abbrevBase + abbrevOffset);
      abbrevs = a;
    }
    return a;
  }

  /** Reads the unit DIE's attributes: bases, name, comp dir, statement list. */
  void loadRoot() {
    if (!rootLoaded) {
      loadRootLocked();
    }
  }

  private synchronized void loadRootLocked() {
    if (rootLoaded) {
      return;
    }
    DwarfDie d = new DwarfDie();
    dwarf.readDie(this, dieStart, d);
    long defaultStrBase = version >= 5 ? (dwarf64 ? 16 : 8) : 0;
    strOffsetsBase = strOffsetsContrib + (d.strOffsetsBase >= 0 ? d.strOffsetsBase : defaultStrBase);
    addrBase = d.addrBase >= 0 ? d.addrBase : 0;
    rnglistsBase = d.rnglistsBase >= 0 ? d.rnglistsBase : 0;
    loclistsBase = d.loclistsBase >= 0 ? d.loclistsBase : dwarf64 ? 20 : 12;
    if (skeleton != null) {
      skeleton.loadRoot();
      addrBase = skeleton.addrBase;
      baseAddress = skeleton.baseAddress;
      rnglistsBase = rnglistsContrib + (dwarf64 ? 20 : 12);
      rangesBase = skeleton.gnuRangesBase;
    }
    gnuRangesBase = d.gnuRangesBase >= 0 ? d.gnuRangesBase : 0;
    if (d.lowPcForm != 0) {
      baseAddress = dwarf.address(this, d.lowPcForm, d.lowPc);
    }
    stmtList = d.stmtList;
    dwoId = dwoIdHeader != 0 ? dwoIdHeader : d.dwoId;
    name = safeString(d.nameForm, d.nameValue);
    compDir = safeString(d.compDirForm, d.compDir);
    language = d.language;
    rootHasCode = d.rangesForm != 0 || (d.lowPcForm != 0 && baseAddress != 0);
    dwoName = safeString(d.dwoNameForm, d.dwoName);
    rootLoaded = true;
  }

  /** Resolves a string of the unit DIE; a malformed one reads as absent. */
  private String safeString(int form, long value) {
    try {
      return dwarf.string(this, form, value);
    } catch (dev.symbolic.common.ParseException e) {
      return null;
    }
  }

  long dwoIdValue() {
    loadRoot();
    return dwoId;
  }

  /**
   * The DIE tree for looking up addresses and offsets: the one kept, else a lazy one (see {@link
   * DwarfTree}), kept. Its DIE numbers mean something only to this tree.
   */
  DwarfTree tree() {
    DwarfTree t = tree;
    return t != null && !t.isSuspect() ? t : loadTree(false);
  }

  /** A tree with every DIE: the one kept if it is full, else a full walk, kept instead. */
  DwarfTree fullTree() {
    DwarfTree t = tree;
    return t != null && t.isFull() ? t : loadTree(true);
  }

  private synchronized DwarfTree loadTree(boolean full) {
    DwarfTree t = tree;
    if (t != null && (full ? t.isFull() : !t.isSuspect())) {
      return t;
    }
    loadRoot();
    t = full || t != null ? DwarfTree.full(this, true) : DwarfTree.lazy(this);
    tree = t;
    return t;
  }

  /**
   * A tree with every DIE for listing: the one kept if it is full, else a fresh walk that is not
   * kept (listing all functions of a file then holds one unit's tree at a time).
   */
  DwarfTree listingTree() {
    DwarfTree t = tree;
    if (t != null && t.isFull()) {
      return t;
    }
    loadRoot();
    return DwarfTree.full(this, false);
  }

  private volatile DwarfVariables variables;

  /** The unit's variables with a static address, collected on first use. */
  DwarfVariables variables() {
    DwarfVariables v = variables;
    if (v == null) {
      synchronized (this) {
        v = variables;
        if (v == null) {
          v = DwarfVariables.build(this);
          variables = v;
        }
      }
    }
    return v;
  }

  @Override
  public String toString() {
    return "DwarfUnit[offset=0x" + Long.toHexString(offset) + ", version=" + version + "]";
  }
}
