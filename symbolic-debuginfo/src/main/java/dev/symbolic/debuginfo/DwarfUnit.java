package dev.symbolic.debuginfo;

import java.util.Arrays;
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

  // DIE tree, loaded on demand.
  private volatile boolean treeLoaded;
  int dieCount;
  /** Offsets relative to {@link #dieStart}: a unit is smaller than 2 GiB. */
  int[] dieRel;
  int[] dieParent;
  /** Tags, which DWARF keeps below 0x10000 ({@code 0xffff} stands for anything else). */
  char[] dieTag;
  int[] dieEnd;
  /** llvm's AddrDieMap: low (sign-flipped) to {high (sign-flipped), DIE index}. */
  private DwarfAddressMap subroutines;

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

  /** Walks all DIEs once, recording offsets, parents and subroutine address ranges. */
  void loadTree() {
    if (!treeLoaded) {
      loadTreeLocked();
    }
  }

  private synchronized void loadTreeLocked() {
    if (treeLoaded) {
      return;
    }
    DwarfAddressMap idx = new DwarfAddressMap();
    Tree t = walk(idx);
    idx.freeze();
    dieCount = t.count;
    dieRel = t.rel;
    dieParent = t.parent;
    dieTag = t.tag;
    dieEnd = t.end;
    subroutines = idx;
    treeLoaded = true;
  }

  /**
   * DIE offsets (relative to {@code base}), parents, tags and subtree ends (index after the last
   * descendant), in arrays of at least {@code count} entries.
   */
  record Tree(int count, long base, int[] rel, int[] parent, char[] tag, int[] end) {
    long off(int i) {
      return base + rel[i];
    }
  }

  /** The absolute offset of DIE {@code i}. */
  long dieOffset(int i) {
    return dieStart + dieRel[i];
  }

  /**
   * The DIE tree: the cached one if symbolication loaded it, else a fresh walk that is not kept
   * (listing all functions of a file then holds one unit's tree at a time).
   */
  Tree tree() {
    if (treeLoaded) {
      return new Tree(dieCount, dieStart, dieRel, dieParent, dieTag, dieEnd);
    }
    return walk(null);
  }

  /** Walks all DIEs once; indexes subroutine address ranges into {@code idx} unless null. */
  private Tree walk(DwarfAddressMap idx) {
    loadRoot();
    if (end - dieStart > Integer.MAX_VALUE) {
      throw new DebugInfoException(offset, "unit larger than 2 GiB");
    }
    long bytes = end - dieStart;
    int cap = dwarf.dieCapacity(bytes);
    int[] offs = new int[cap];
    int[] parents = new int[cap];
    char[] tags = new char[cap];
    int[] ends = new int[cap];
    int[] stack = new int[MAX_DEPTH];
    int depth = 0;
    int n = 0;
    DwarfDie d = new DwarfDie();
    long[] ranges = new long[16];
    long off = dieStart;
    DwarfLayout layout = DwarfLayout.of(this, abbrevs());
    DwarfCursor c = DwarfCursor.sequential(dwarf.info, dwarf.le, dieStart);
    while (off < end) {
      long next = dwarf.scanDie(this, c, off, d, layout);
      if (d.tag == 0) {
        if (depth > 0) {
          depth--;
          ends[stack[depth]] = n;
        }
        off = next;
        continue;
      }
      if (n == offs.length) {
        int len = n + (n >> 1) + 64;
        offs = Arrays.copyOf(offs, len);
        parents = Arrays.copyOf(parents, len);
        tags = Arrays.copyOf(tags, len);
        ends = Arrays.copyOf(ends, len);
      }
      int i = n++;
      offs[i] = (int) (off - dieStart);
      parents[i] = depth > 0 ? stack[depth - 1] : -1;
      tags[i] = d.tag >= 0 && d.tag < 0xffff ? (char) d.tag : (char) 0xffff;
      ends[i] = i + 1;
      if (idx != null
          && (d.tag == DwarfConstants.TAG_SUBPROGRAM
              || d.tag == DwarfConstants.TAG_INLINED_SUBROUTINE)) {
        ranges = dwarf.ranges(this, d, ranges);
        int count = (int) ranges[0];
        for (int r = 0; r < count; r++) {
          idx.add(ranges[1 + 2 * r], ranges[2 + 2 * r], i);
        }
      }
      if (d.hasChildren) {
        if (depth >= MAX_DEPTH) {
          throw new DebugInfoException(off, "DIE nesting too deep");
        }
        stack[depth++] = i;
      }
      off = next;
      if (depth == 0) {
        break; // the unit DIE and its children are done
      }
    }
    while (depth > 0) {
      depth--;
      ends[stack[depth]] = n;
    }
    dwarf.observeDies(bytes, n);
    if (offs.length - n <= n >>> 3) {
      return new Tree(n, dieStart, offs, parents, tags, ends);
    }
    // Trimmed: trees of every unit symbolized stay in memory.
    return new Tree(n, dieStart, Arrays.copyOf(offs, n), Arrays.copyOf(parents, n),
        Arrays.copyOf(tags, n), Arrays.copyOf(ends, n));
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

  /** Returns the subprogram or inlined subroutine DIE for an address (llvm's rules), or -1. */
  int findSubroutine(long address) {
    loadTree();
    return subroutines.find(address);
  }

  /** Returns the index of the DIE at an absolute offset, or -1. */
  int indexOf(long dieOffset) {
    loadTree();
    long rel = dieOffset - dieStart;
    if (rel < 0 || rel > Integer.MAX_VALUE) {
      return -1;
    }
    int i = Arrays.binarySearch(dieRel, 0, dieCount, (int) rel);
    return i >= 0 ? i : -1;
  }

  @Override
  public String toString() {
    return "DwarfUnit[offset=0x" + Long.toHexString(offset) + ", version=" + version + "]";
  }
}
