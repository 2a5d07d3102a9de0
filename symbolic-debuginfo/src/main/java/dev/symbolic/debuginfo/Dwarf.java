package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.DwarfConstants.*;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import dev.symbolic.debuginfo.DwarfLineTable.PathKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A DWARF 2-5 reader over the sections of one object file: units, line tables, functions with
 * their inlinees, and symbolication of addresses into inlined frames the way {@code
 * llvm-symbolizer-19 --inlines} reports them (address to unit through {@code .debug_aranges} and
 * unit ranges, address to DIE with llvm's AddrDieMap rules, names through
 * DW_AT_specification/DW_AT_abstract_origin, file paths joined with include and compilation
 * directories).
 *
 * <p>Supported: 32- and 64-bit DWARF; compile, partial (dwz), skeleton and type unit headers;
 * every DW_FORM of DWARF 2-5 and the GNU extensions; {@code .debug_ranges} and {@code
 * .debug_rnglists}; {@code .debug_addr}/{@code .debug_str_offsets}; split DWARF through {@link
 * #open(DwarfSections, DwarfSections)} (DWARF 5 and GNU DWARF 4 {@code .dwp} packages, or a single
 * {@code .dwo}) or through {@link #open(DwarfSections, java.util.function.Function)} (each
 * skeleton's own {@code .dwo} file).
 *
 * <p>Not supported: supplementary object files ({@code .gnu_debugaltlink}, {@code .debug_sup}:
 * DW_FORM_GNU_ref_alt, DW_FORM_GNU_strp_alt, DW_FORM_ref_sup4/8 are read but not followed, as
 * llvm-symbolizer-19 does not follow them either), type units in DWARF 4 {@code .debug_types}
 * (not needed for symbolication).
 *
 * <p>All parsing is lazy and offset-based over {@link ByteView}s; line rows live in primitive
 * arrays. Malformed input only ever raises {@link DebugInfoException}; nesting, reference chains
 * and list lengths are bounded. Instances are thread-safe.
 */
public final class Dwarf {
  private static final int MAX_CHAIN = 64;
  private static final int MAX_QUALIFIERS = 64;

  final boolean le;
  final int defaultAddrSize;
  final ByteView info;
  final ByteView abbrev;
  final ByteView str;
  final ByteView lineStr;
  final ByteView strOffsets;
  final ByteView addr;
  final ByteView rangesSec;
  final ByteView rnglists;
  final ByteView line;
  final ByteView aranges;
  final ByteView loc;
  final ByteView loclists;

  private final List<DwarfUnit> units;
  private final long[] unitOffsets;
  private final Map<Long, DwarfAbbrevs> abbrevCache = new HashMap<>();
  private volatile UnitMap unitRanges;

  /** The split DWARF package, or null. */
  private final Dwarf dwp;

  /**
   * Without a package: the sections of the {@code .dwo} file at a path, or empty; null when
   * split units are not looked for in {@code .dwo} files.
   */
  private final Function<String, Optional<DwarfSections>> dwoFiles;

  /** The {@code .dwo} files read so far, by path; empty for a file that could not be read. */
  private final Map<String, Optional<Dwarf>> dwoDwarfs = new ConcurrentHashMap<>();

  /** For a package: rows of .debug_cu_index, or null if there is no index (a single .dwo). */
  private long[] indexSignatures;

  private long[][] indexOffsets;
  private int[] indexSections;
  private final Map<Long, DwarfUnit> splitUnits = new HashMap<>();
  /**
   * Names by DIE offset. Sized from {@code .debug_info} (one entry per KiB, up to 64k) so that a
   * large batch does not spend its time growing the table: about one named DIE per 2 KiB of a
   * gcc -O2 C++ binary is asked for by 10,000 addresses.
   */
  private final Map<Long, Names> nameCache;

  private Dwarf(DwarfSections s, Dwarf main, DwarfSections package_,
      Function<String, Optional<DwarfSections>> dwoFiles) {
    this.dwoFiles = dwoFiles;
    le = s.littleEndian();
    defaultAddrSize = s.addressSize();
    String x = main != null ? ".dwo" : "";
    info = s.section(".debug_info" + x);
    nameCache =
        new ConcurrentHashMap<>((int) Math.min(1 << 16, Math.max(16, info.length() >> 10)));
    abbrev = s.section(".debug_abbrev" + x);
    str = s.section(".debug_str" + x);
    strOffsets = s.section(".debug_str_offsets" + x);
    rnglists = s.section(".debug_rnglists" + x);
    line = s.section(".debug_line" + x);
    loc = s.section(".debug_loc" + x);
    loclists = s.section(".debug_loclists" + x);
    if (main != null) {
      lineStr = main.lineStr;
      addr = main.addr;
      rangesSec = main.rangesSec;
      aranges = ByteView.empty();
    } else {
      lineStr = s.section(".debug_line_str");
      addr = s.section(".debug_addr");
      rangesSec = s.section(".debug_ranges");
      aranges = s.section(".debug_aranges");
    }
    units = Collections.unmodifiableList(scanUnits());
    unitOffsets = new long[units.size()];
    for (int i = 0; i < unitOffsets.length; i++) {
      unitOffsets[i] = units.get(i).offset;
    }
    if (main != null) {
      readCuIndex(s.section(".debug_cu_index"));
    }
    dwp = package_ == null ? null : new Dwarf(package_, this, null, null);
  }

  /**
   * Opens the DWARF data of an object file together with its split DWARF: a {@code .dwp}
   * package (with {@code .debug_cu_index}) or a single {@code .dwo} file, whose sections carry
   * the {@code .dwo} suffix ({@code .debug_info.dwo}, {@code .debug_abbrev.dwo}, ...).
   *
   * @param sections the sections of the object file with the skeleton units
   * @param splitDwarf the sections of the package or .dwo file
   * @return the reader
   * @throws DebugInfoException if the unit headers are malformed
   */
  public static Dwarf open(DwarfSections sections, DwarfSections splitDwarf) {
    Objects.requireNonNull(sections, "sections");
    Objects.requireNonNull(splitDwarf, "splitDwarf");
    return guard(() -> new Dwarf(sections, null, splitDwarf, null));
  }

  /**
   * Opens the DWARF data of an object file whose split units are in {@code .dwo} files, as llvm
   * finds them without a package: for a skeleton unit, {@code dwoFiles} is asked for the
   * sections of the file at its DW_AT_dwo_name (joined to its DW_AT_comp_dir when relative),
   * once per path, and the split unit is the one there with the skeleton's DWO id.
   *
   * <pre>{@code
   * Dwarf dwarf = Dwarf.open(sections, path -> readSectionsOf(path));  // empty if unreadable
   * }</pre>
   *
   * @param sections the sections of the object file with the skeleton units
   * @param dwoFiles the sections of the {@code .dwo} file at a path, or empty
   * @return the reader
   * @throws DebugInfoException if the unit headers are malformed
   */
  public static Dwarf open(
      DwarfSections sections, Function<String, Optional<DwarfSections>> dwoFiles) {
    Objects.requireNonNull(sections, "sections");
    Objects.requireNonNull(dwoFiles, "dwoFiles");
    return guard(() -> new Dwarf(sections, null, null, dwoFiles));
  }

  private void readCuIndex(ByteView idx) {
    if (idx.length() < 16) {
      return;
    }
    DwarfCursor c = new DwarfCursor(idx, le, 0);
    long version = c.u32();
    if (version != 2) {
      c.pos = 0;
      version = c.u16();
      c.u16();
    }
    if (version != 2 && version != 5) {
      throw new DebugInfoException(0, "unsupported unit index version " + version);
    }
    long sections = c.u32();
    long unitCount = c.u32();
    long slots = c.u32();
    if (sections > 64
        || unitCount * sections * 8 > idx.length()
        || slots > idx.length() / 12) {
      throw new DebugInfoException(4, "bad unit index header");
    }
    long[] sigs = new long[(int) slots];
    for (int i = 0; i < slots; i++) {
      sigs[i] = c.u64();
    }
    long[] rows = new long[(int) slots];
    for (int i = 0; i < slots; i++) {
      rows[i] = c.u32();
    }
    int[] ids = new int[(int) sections];
    for (int i = 0; i < sections; i++) {
      ids[i] = (int) c.u32();
    }
    long[][] offs = new long[(int) unitCount][(int) sections];
    for (int r = 0; r < unitCount; r++) {
      for (int k = 0; k < sections; k++) {
        offs[r][k] = c.u32();
      }
    }
    int used = 0;
    long[] sigOut = new long[(int) slots];
    long[][] offOut = new long[(int) slots][];
    for (int i = 0; i < slots; i++) {
      if (rows[i] != 0 && rows[i] <= unitCount) {
        sigOut[used] = sigs[i];
        offOut[used++] = offs[(int) rows[i] - 1];
      }
    }
    indexSignatures = Arrays.copyOf(sigOut, used);
    indexOffsets = Arrays.copyOf(offOut, used);
    indexSections = ids;
  }

  /** Returns the split unit for a skeleton, or null. */
  DwarfUnit splitUnit(DwarfUnit skeleton) {
    long id = skeleton.dwoIdValue();
    if (id == 0) {
      return null;
    }
    if (dwp != null) {
      return dwp.findSplit(id, skeleton);
    }
    if (dwoFiles == null) {
      return null;
    }
    Optional<String> name = skeleton.dwoName();
    if (name.isEmpty() || name.get().isEmpty()) {
      return null;
    }
    String path = name.get();
    String compDir = skeleton.compDir().orElse("");
    if (!path.startsWith("/") && !compDir.isEmpty()) {
      path = compDir.endsWith("/") ? compDir + path : compDir + "/" + path;
    }
    Optional<Dwarf> dwo = dwoDwarfs.computeIfAbsent(path, this::openDwo);
    return dwo.map(d -> d.findSplit(id, skeleton)).orElse(null);
  }

  /** The split DWARF of the {@code .dwo} file at {@code path}, or empty if it cannot be read. */
  private Optional<Dwarf> openDwo(String path) {
    try {
      Optional<DwarfSections> sections = dwoFiles.apply(path);
      return sections.map(s -> new Dwarf(s, this, null, null));
    } catch (RuntimeException e) {
      return Optional.empty(); // llvm, too, goes on without the split unit
    }
  }

  private synchronized DwarfUnit findSplit(long dwoId, DwarfUnit skeleton) {
    DwarfUnit cached = splitUnits.get(dwoId);
    if (cached != null || splitUnits.containsKey(dwoId)) {
      return cached;
    }
    DwarfUnit found = null;
    if (indexSignatures != null) {
      for (int i = 0; i < indexSignatures.length && found == null; i++) {
        if (indexSignatures[i] != dwoId) {
          continue;
        }
        long infoOff = -1;
        long abbrevOff = 0;
        long strOff = 0;
        long rngOff = 0;
        for (int k = 0; k < indexSections.length; k++) {
          long o = indexOffsets[i][k];
          switch (indexSections[k]) {
            case 1:
              infoOff = o;
              break;
            case 3:
              abbrevOff = o;
              break;
            case 6:
              strOff = o;
              break;
            case 8:
              rngOff = o;
              break;
            default:
              break;
          }
        }
        int ui = Arrays.binarySearch(unitOffsets, infoOff);
        if (ui >= 0) {
          found = split(units.get(ui), skeleton, abbrevOff, strOff, rngOff);
        }
      }
    } else {
      for (DwarfUnit u : units) {
        if (u.isTypeUnit()) {
          continue;
        }
        DwarfUnit s = split(u, skeleton, 0, 0, 0);
        if (s.dwoIdValue() == dwoId) {
          found = s;
          break;
        }
      }
    }
    splitUnits.put(dwoId, found);
    return found;
  }

  private DwarfUnit split(DwarfUnit u, DwarfUnit skeleton, long abbrevOff, long strOff, long rngOff) {
    DwarfUnit s =
        new DwarfUnit(
            this, u.index, u.offset, u.end, u.dieStart, u.dwarf64, u.version, u.unitType,
            u.addrSize, u.abbrevOffset, u.dwoIdHeader);
    s.abbrevBase = abbrevOff;
    s.strOffsetsContrib = strOff;
    s.rnglistsContrib = rngOff;
    s.skeleton = skeleton;
    return s;
  }

  /**
   * Opens the DWARF data of an object file. Only unit headers are read here.
   *
   * @param sections the sections
   * @return the reader
   * @throws DebugInfoException if the unit headers are malformed
   */
  public static Dwarf open(DwarfSections sections) {
    Objects.requireNonNull(sections, "sections");
    return guard(() -> new Dwarf(sections, null, null, null));
  }

  /** Runs an action, turning any runtime failure from malformed input into DebugInfoException. */
  static <T> T guard(Supplier<T> action) {
    try {
      return action.get();
    } catch (DebugInfoException e) {
      throw e;
    } catch (ParseException e) {
      throw new DebugInfoException(e.offset(), e.reason(), e);
    } catch (RuntimeException | StackOverflowError e) {
      throw new DebugInfoException(-1, "malformed DWARF: " + e, e);
    }
  }

  /**
   * Returns all units of {@code .debug_info} in section order (compile, partial, skeleton and
   * type units). Their contents are parsed lazily.
   *
   * @return the units
   */
  public List<DwarfUnit> units() {
    return units;
  }

  private List<DwarfUnit> scanUnits() {
    List<DwarfUnit> out = new ArrayList<>();
    DwarfCursor c = new DwarfCursor(info, le, 0);
    boolean[] f64 = new boolean[1];
    while (c.remaining() >= 11) {
      long start = c.pos;
      long length = c.unitLength(f64);
      long end = c.pos + length;
      int version = c.u16();
      if (version < 2 || version > 5) {
        c.pos = end; // an unknown unit version: skip the unit, keep the others
        continue;
      }
      int unitType = UT_COMPILE;
      int addrSize;
      long abbrevOff;
      long dwoId = 0;
      long typeSignature = 0;
      long typeOffset = -1;
      if (version >= 5) {
        unitType = c.u8();
        addrSize = c.u8();
        abbrevOff = c.offset(f64[0]);
        switch (unitType) {
          case UT_SKELETON:
          case UT_SPLIT_COMPILE:
            dwoId = c.u64();
            break;
          case UT_TYPE:
          case UT_SPLIT_TYPE:
            typeSignature = c.u64();
            typeOffset = c.offset(f64[0]);
            break;
          default:
            break;
        }
      } else {
        abbrevOff = c.offset(f64[0]);
        addrSize = c.u8();
      }
      if (addrSize != 2 && addrSize != 4 && addrSize != 8) {
        throw new DebugInfoException(start, "unsupported address size " + addrSize);
      }
      if (c.pos > end) {
        throw new DebugInfoException(start, "unit header longer than unit");
      }
      DwarfUnit unit =
          new DwarfUnit(
              this, out.size(), start, end, c.pos, f64[0], version, unitType, addrSize, abbrevOff,
              dwoId);
      unit.typeSignature = typeSignature;
      unit.typeOffset = typeOffset;
      out.add(unit);
      c.pos = end;
    }
    return out;
  }

  synchronized DwarfAbbrevs abbrevs(long offset) {
    DwarfAbbrevs a = abbrevCache.get(offset);
    if (a == null) {
      if (offset < 0 || offset >= abbrev.length()) {
        throw new DebugInfoException(offset, "abbreviation offset out of range");
      }
      a = DwarfAbbrevs.parse(DwarfCursor.sequential(abbrev, le, offset));
      abbrevCache.put(offset, a);
    }
    return a;
  }

  /** Returns the unit containing an absolute .debug_info offset, or null. */
  DwarfUnit unitAt(long dieOffset) {
    int i = Arrays.binarySearch(unitOffsets, dieOffset);
    if (i < 0) {
      i = -i - 2;
    }
    if (i < 0) {
      return null;
    }
    DwarfUnit u = units.get(i);
    return dieOffset >= u.dieStart && dieOffset < u.end ? u : null;
  }

  // ---------------------------------------------------------------------------------------------
  // DIEs and forms

  /**
   * DIEs per KiB of {@code .debug_info} in the last large unit walked. The units of one file are
   * alike, so this sizes the next walk's arrays within a few percent: they are then neither
   * regrown nor trimmed, which were two thirds of what a walk allocated. Racy on purpose: any
   * value written is a fair estimate.
   */
  private int diesPerKib = 64;

  /** The DIE arrays' initial size for a unit of {@code bytes}: the estimate and 1/16 more. */
  int dieCapacity(long bytes) {
    long estimate = bytes * diesPerKib / 1024;
    return (int) Math.min(1 << 20, estimate + (estimate >> 4) + 64);
  }

  /** Records what a walk found, for {@link #dieCapacity}. */
  void observeDies(long bytes, int count) {
    if (bytes >= 4096) {
      diesPerKib = (int) Math.min(1024, count * 1024L / bytes + 1);
    }
  }

  /** Reads the DIE at {@code off} into {@code d}; returns the offset after it. */
  long readDie(DwarfUnit u, long off, DwarfDie d) {
    if (u.dwarf != this) {
      return u.dwarf.readDie(u, off, d);
    }
    return readDie(u, new DwarfCursor(info, le, off), off, d);
  }

  /** {@link #readDie(DwarfUnit, long, DwarfDie)} with a cursor over this file's DIEs. */
  private long readDie(DwarfUnit u, DwarfCursor c, long off, DwarfDie d) {
    c.pos = off;
    if (off >= u.end) {
      throw new DebugInfoException(off, "DIE past end of unit");
    }
    d.reset(off);
    long code = c.uleb();
    if (code == 0) {
      return c.pos;
    }
    DwarfAbbrevs ab = u.abbrevs();
    int ai = ab.find(code);
    if (ai < 0) {
      throw new DebugInfoException(off, "unknown abbreviation code " + code);
    }
    d.tag = ab.tags[ai];
    if (d.tag == 0) {
      d.tag = -1; // distinguishes a DIE with tag 0 from a null entry
    }
    d.hasChildren = ab.children[ai];
    for (int k = ab.attrStart[ai], e = ab.attrStart[ai + 1]; k < e; k++) {
      int at = ab.attrNames[k];
      int form = ab.attrForms[k];
      for (int guard = 0; form == FORM_INDIRECT; guard++) {
        if (guard > 8) {
          throw new DebugInfoException(c.pos, "indirect form loop");
        }
        form = (int) Math.min(c.uleb(), Integer.MAX_VALUE);
      }
      long before = c.pos;
      long v = readForm(c, u, form, ab.implicitConsts[k]);
      switch (at) {
        case AT_LOCATION:
          d.locationForm = form;
          d.location = v;
          if (isBlock(form)) {
            d.location = blockStart(form, before);
            d.locationLength = c.pos - d.location;
          }
          break;
        case AT_FRAME_BASE:
          if (isBlock(form) && c.pos > blockStart(form, before)) {
            d.frameBaseOp = info.u8(blockStart(form, before));
          }
          break;
        case AT_TYPE:
          d.typeForm = form;
          d.type = v;
          break;
        case AT_BYTE_SIZE:
          d.byteSizeForm = form;
          d.byteSize = v;
          break;
        case AT_COUNT:
          d.countForm = form;
          d.count = v;
          break;
        case AT_UPPER_BOUND:
          d.upperBoundForm = form;
          d.upperBound = v;
          break;
        case AT_LOWER_BOUND:
          d.lowerBoundForm = form;
          d.lowerBound = v;
          break;
        case AT_LLVM_TAG_OFFSET:
          d.tagOffsetForm = form;
          d.tagOffset = v;
          break;
        case AT_NAME:
          d.nameForm = form;
          d.nameValue = v;
          break;
        case AT_LINKAGE_NAME:
        case AT_MIPS_LINKAGE_NAME:
          d.linkageForm = form;
          d.linkageValue = v;
          break;
        case AT_LOW_PC:
          d.lowPcForm = form;
          d.lowPc = v;
          break;
        case AT_HIGH_PC:
          d.highPcForm = form;
          d.highPc = v;
          break;
        case AT_RANGES:
          d.rangesForm = form;
          d.ranges = v;
          break;
        case AT_ABSTRACT_ORIGIN:
          d.abstractOrigin = isRef(form) ? v : -1;
          break;
        case AT_SPECIFICATION:
          d.specification = isRef(form) ? v : -1;
          break;
        case AT_SIBLING:
          d.sibling = isRef(form) ? v : -1;
          break;
        case AT_CALL_FILE:
          d.callFile = v;
          break;
        case AT_DECL_FILE:
          d.declFile = v;
          d.declFileForm = form;
          break;
        case AT_DECL_LINE:
          d.declLine = v;
          break;
        case AT_LANGUAGE:
          d.language = v;
          break;
        case AT_CALL_LINE:
          d.callLine = v;
          break;
        case AT_CALL_COLUMN:
          d.callColumn = v;
          break;
        case AT_GNU_DISCRIMINATOR: // what llvm reads for the caller frame's discriminator
          d.callDiscriminator = v;
          break;
        case AT_STMT_LIST:
          d.stmtList = v;
          break;
        case AT_COMP_DIR:
          d.compDirForm = form;
          d.compDir = v;
          break;
        case AT_STR_OFFSETS_BASE:
          d.strOffsetsBase = v;
          break;
        case AT_ADDR_BASE:
        case AT_GNU_ADDR_BASE:
          d.addrBase = v;
          break;
        case AT_RNGLISTS_BASE:
          d.rnglistsBase = v;
          break;
        case AT_LOCLISTS_BASE:
          d.loclistsBase = v;
          break;
        case AT_GNU_RANGES_BASE:
          d.gnuRangesBase = v;
          break;
        case AT_DWO_NAME:
        case AT_GNU_DWO_NAME:
          d.dwoNameForm = form;
          d.dwoName = v;
          break;
        case AT_GNU_DWO_ID:
          d.dwoId = v;
          break;
        default:
          break;
      }
    }
    return c.pos;
  }

  /**
   * Like {@link #readDie}, but only decodes the attributes of subroutine DIEs; other DIEs are
   * skipped, by a precomputed size when all their forms have a fixed size.
   */
  long scanDie(DwarfUnit u, DwarfCursor c, long off, DwarfDie d, DwarfLayout layout) {
    if (off >= u.end) {
      throw new DebugInfoException(off, "DIE past end of unit");
    }
    c.pos = off;
    long code = c.uleb();
    if (code == 0) {
      d.reset(off);
      return c.pos;
    }
    DwarfAbbrevs ab = u.abbrevs();
    int ai = ab.find(code);
    if (ai < 0) {
      throw new DebugInfoException(off, "unknown abbreviation code " + code);
    }
    int tag = ab.tags[ai];
    int fixed = layout.size[ai];
    if (tag == TAG_SUBPROGRAM || tag == TAG_INLINED_SUBROUTINE) {
      if (fixed < 0) {
        return u.dwarf == this ? readDie(u, c, off, d) : readDie(u, off, d);
      }
      // Every attribute at a known offset: read just the ranges and the sibling.
      d.reset(off);
      d.tag = tag;
      d.hasChildren = ab.children[ai];
      long attrs = c.pos;
      int k = layout.lowPc[ai];
      if (k >= 0) {
        c.pos = attrs + layout.lowPcOffset[ai];
        d.lowPcForm = ab.attrForms[k];
        d.lowPc = readForm(c, u, d.lowPcForm, ab.implicitConsts[k]);
      }
      k = layout.highPc[ai];
      if (k >= 0) {
        c.pos = attrs + layout.highPcOffset[ai];
        d.highPcForm = ab.attrForms[k];
        d.highPc = readForm(c, u, d.highPcForm, ab.implicitConsts[k]);
      }
      k = layout.ranges[ai];
      if (k >= 0) {
        c.pos = attrs + layout.rangesOffset[ai];
        d.rangesForm = ab.attrForms[k];
        d.ranges = readForm(c, u, d.rangesForm, ab.implicitConsts[k]);
      }
      k = layout.sibling[ai];
      if (k >= 0 && isRef(ab.attrForms[k])) {
        c.pos = attrs + layout.siblingOffset[ai];
        d.sibling = readForm(c, u, ab.attrForms[k], 0);
      }
      c.pos = attrs;
      c.skip(fixed);
      return c.pos;
    }
    // Only what a tree walk reads of a DIE that is not a subroutine: no full reset.
    d.offset = off;
    d.tag = tag == 0 ? -1 : tag;
    d.hasChildren = ab.children[ai];
    if (fixed >= 0) {
      c.skip(fixed);
      return c.pos;
    }
    for (int k = ab.attrStart[ai], e = ab.attrStart[ai + 1]; k < e; k++) {
      int form = ab.attrForms[k];
      for (int guard = 0; form == FORM_INDIRECT; guard++) {
        if (guard > 8) {
          throw new DebugInfoException(c.pos, "indirect form loop");
        }
        form = (int) Math.min(c.uleb(), Integer.MAX_VALUE);
      }
      readForm(c, u, form, 0);
    }
    return c.pos;
  }

  /** The byte size of a form's value, or -1 if it varies (strings, blocks, LEB128). */
  static int formSize(int form, int addrSize, int offSize, int version) {
    switch (form) {
      case FORM_ADDR:
        return addrSize;
      case FORM_DATA1:
      case FORM_REF1:
      case FORM_FLAG:
      case FORM_STRX1:
      case FORM_ADDRX1:
        return 1;
      case FORM_DATA2:
      case FORM_REF2:
      case FORM_STRX2:
      case FORM_ADDRX2:
        return 2;
      case FORM_STRX3:
      case FORM_ADDRX3:
        return 3;
      case FORM_DATA4:
      case FORM_REF4:
      case FORM_STRX4:
      case FORM_ADDRX4:
      case FORM_REF_SUP4:
        return 4;
      case FORM_DATA8:
      case FORM_REF8:
      case FORM_REF_SIG8:
      case FORM_REF_SUP8:
        return 8;
      case FORM_DATA16:
        return 16;
      case FORM_STRP:
      case FORM_LINE_STRP:
      case FORM_SEC_OFFSET:
      case FORM_STRP_SUP:
      case FORM_GNU_STRP_ALT:
      case FORM_GNU_REF_ALT:
        return offSize;
      case FORM_REF_ADDR:
        return version <= 2 ? addrSize : offSize;
      case FORM_FLAG_PRESENT:
      case FORM_IMPLICIT_CONST:
        return 0;
      default:
        return -1;
    }
  }

  static boolean isBlock(int form) {
    switch (form) {
      case FORM_BLOCK1:
      case FORM_BLOCK2:
      case FORM_BLOCK4:
      case FORM_BLOCK:
      case FORM_EXPRLOC:
        return true;
      default:
        return false;
    }
  }

  /** Where the bytes of a block attribute whose length prefix starts at {@code at} begin. */
  private long blockStart(int form, long at) {
    switch (form) {
      case FORM_BLOCK1:
        return at + 1;
      case FORM_BLOCK2:
        return at + 2;
      case FORM_BLOCK4:
        return at + 4;
      default:
        long p = at;
        while ((info.u8(p) & 0x80) != 0) {
          p++;
        }
        return p + 1;
    }
  }

  static boolean isRef(int form) {
    switch (form) {
      case FORM_REF_ADDR:
      case FORM_REF1:
      case FORM_REF2:
      case FORM_REF4:
      case FORM_REF8:
      case FORM_REF_UDATA:
        return true;
      default:
        return false;
    }
  }

  /**
   * Reads one attribute value. Returns the value; references come back as absolute {@code
   * .debug_info} offsets; inline strings as the offset of their first byte; blocks as 0.
   */
  private static long readForm(DwarfCursor c, DwarfUnit u, int form, long implicit) {
    switch (form) {
      case FORM_ADDR:
        return c.uN(u.addrSize);
      case FORM_BLOCK2:
        c.skip(c.u16());
        return 0;
      case FORM_BLOCK4:
        c.skip(c.u32());
        return 0;
      case FORM_DATA2:
        return c.u16();
      case FORM_DATA4:
        return c.u32();
      case FORM_DATA8:
        return c.u64();
      case FORM_STRING:
        {
          long p = c.pos;
          c.skipCString();
          return p;
        }
      case FORM_BLOCK:
      case FORM_EXPRLOC:
        c.skip(c.uleb());
        return 0;
      case FORM_BLOCK1:
        c.skip(c.u8());
        return 0;
      case FORM_DATA1:
      case FORM_FLAG:
        return c.u8();
      case FORM_SDATA:
        return c.sleb();
      case FORM_STRP:
      case FORM_LINE_STRP:
      case FORM_SEC_OFFSET:
      case FORM_STRP_SUP:
      case FORM_GNU_STRP_ALT:
      case FORM_GNU_REF_ALT:
        return c.offset(u.dwarf64);
      case FORM_UDATA:
        return c.uleb();
      case FORM_REF_ADDR:
        return u.version <= 2 ? c.uN(u.addrSize) : c.offset(u.dwarf64);
      case FORM_REF1:
        return u.offset + c.u8();
      case FORM_REF2:
        return u.offset + c.u16();
      case FORM_REF4:
        return u.offset + c.u32();
      case FORM_REF8:
        return u.offset + c.u64();
      case FORM_REF_UDATA:
        return u.offset + c.uleb();
      case FORM_FLAG_PRESENT:
        return 1;
      case FORM_STRX:
      case FORM_ADDRX:
      case FORM_LOCLISTX:
      case FORM_RNGLISTX:
      case FORM_GNU_ADDR_INDEX:
      case FORM_GNU_STR_INDEX:
        return c.uleb();
      case FORM_REF_SUP4:
        return c.u32();
      case FORM_REF_SUP8:
      case FORM_REF_SIG8:
        return c.u64();
      case FORM_DATA16:
        c.skip(16);
        return 0;
      case FORM_IMPLICIT_CONST:
        return implicit;
      case FORM_STRX1:
      case FORM_ADDRX1:
        return c.u8();
      case FORM_STRX2:
      case FORM_ADDRX2:
        return c.u16();
      case FORM_STRX3:
      case FORM_ADDRX3:
        return c.u24();
      case FORM_STRX4:
      case FORM_ADDRX4:
        return c.u32();
      default:
        throw new DebugInfoException(c.pos, "unknown form 0x" + Integer.toHexString(form));
    }
  }

  /** Resolves a string attribute; returns null if absent or unresolvable. */
  String string(DwarfUnit u, int form, long v) {
    if (u.dwarf != this) {
      return u.dwarf.string(u, form, v);
    }
    switch (form) {
      case 0:
        return null;
      case FORM_STRING:
        return info.cstring(v);
      case FORM_STRP:
        return str.cstring(v);
      case FORM_LINE_STRP:
        return lineStr.cstring(v);
      case FORM_STRX:
      case FORM_STRX1:
      case FORM_STRX2:
      case FORM_STRX3:
      case FORM_STRX4:
      case FORM_GNU_STR_INDEX:
        {
          int size = u.dwarf64 ? 8 : 4;
          DwarfCursor c = new DwarfCursor(strOffsets, le, u.strOffsetsBase + v * size);
          return str.cstring(c.uN(size));
        }
      default:
        return null;
    }
  }

  /** Resolves an address attribute (addr or addrx forms); other forms return the value. */
  long address(DwarfUnit u, int form, long v) {
    switch (form) {
      case FORM_ADDRX:
      case FORM_ADDRX1:
      case FORM_ADDRX2:
      case FORM_ADDRX3:
      case FORM_ADDRX4:
      case FORM_GNU_ADDR_INDEX:
        return indexedAddress(u, v);
      default:
        return v;
    }
  }

  private long indexedAddress(DwarfUnit u, long index) {
    if (u.dwarf != this) {
      return u.dwarf.indexedAddress(u, index);
    }
    long off = u.addrBase + index * u.addrSize;
    if (index < 0 || off < 0) {
      throw new DebugInfoException(off, "address index out of range");
    }
    return new DwarfCursor(addr, le, off).uN(u.addrSize);
  }

  private static boolean isAddressForm(int form) {
    switch (form) {
      case FORM_ADDR:
      case FORM_ADDRX:
      case FORM_ADDRX1:
      case FORM_ADDRX2:
      case FORM_ADDRX3:
      case FORM_ADDRX4:
      case FORM_GNU_ADDR_INDEX:
        return true;
      default:
        return false;
    }
  }

  private static long tombstone(int addrSize) {
    return addrSize >= 8 ? -1L : (1L << (8 * addrSize)) - 1;
  }

  /**
   * Computes the address ranges of a DIE into {@code buf}: {@code buf[0]} is the count, then
   * pairs [lo, hi). Returns the (possibly grown) buffer.
   */
  long[] ranges(DwarfUnit u, DwarfDie d, long[] buf) {
    if (u.dwarf != this) {
      return u.dwarf.ranges(u, d, buf);
    }
    buf[0] = 0;
    long tomb = tombstone(u.addrSize);
    if (d.rangesForm != 0) {
      long off;
      boolean v5 = u.version >= 5;
      if (d.rangesForm == FORM_RNGLISTX) {
        long base = u.rnglistsBase != 0 ? u.rnglistsBase : (u.dwarf64 ? 20 : 12);
        int size = u.dwarf64 ? 8 : 4;
        off = base + new DwarfCursor(rnglists, le, base + d.ranges * size).uN(size);
      } else {
        off = d.ranges + (v5 ? 0 : u.rangesBase);
      }
      return v5 ? rnglist(u, off, tomb, buf) : rangeList(u, off, tomb, buf);
    }
    if (d.lowPcForm != 0 && d.highPcForm != 0) {
      long lo = address(u, d.lowPcForm, d.lowPc);
      long hi = isAddressForm(d.highPcForm) ? address(u, d.highPcForm, d.highPc) : lo + d.highPc;
      if (lo != tomb) {
        buf = push(buf, lo, hi);
      }
    }
    return buf;
  }

  private static long[] push(long[] buf, long lo, long hi) {
    int n = (int) buf[0];
    if (2 * n + 3 > buf.length) {
      if (n > (1 << 24)) {
        throw new DebugInfoException(-1, "too many ranges");
      }
      buf = Arrays.copyOf(buf, buf.length * 2 + 3);
    }
    buf[1 + 2 * n] = lo;
    buf[2 + 2 * n] = hi;
    buf[0] = n + 1;
    return buf;
  }

  private long[] rangeList(DwarfUnit u, long off, long tomb, long[] buf) {
    DwarfCursor c = new DwarfCursor(rangesSec, le, off);
    long base = u.baseAddress;
    long max = tombstone(u.addrSize);
    while (true) {
      long start = c.uN(u.addrSize);
      long end = c.uN(u.addrSize);
      if (start == 0 && end == 0) {
        return buf;
      }
      if (start == max) {
        base = end;
        continue;
      }
      buf = push(buf, base + start, base + end);
    }
  }

  private long[] rnglist(DwarfUnit u, long off, long tomb, long[] buf) {
    DwarfCursor c = new DwarfCursor(rnglists, le, off);
    long base = u.baseAddress;
    while (true) {
      int kind = c.u8();
      long lo;
      long hi;
      switch (kind) {
        case 0: // DW_RLE_end_of_list
          return buf;
        case 1: // base_addressx
          base = indexedAddress(u, c.uleb());
          continue;
        case 2: // startx_endx
          lo = indexedAddress(u, c.uleb());
          hi = indexedAddress(u, c.uleb());
          break;
        case 3: // startx_length
          lo = indexedAddress(u, c.uleb());
          hi = lo + c.uleb();
          break;
        case 4: // offset_pair
          lo = base + c.uleb();
          hi = base + c.uleb();
          break;
        case 5: // base_address
          base = c.uN(u.addrSize);
          continue;
        case 6: // start_end
          lo = c.uN(u.addrSize);
          hi = c.uN(u.addrSize);
          break;
        case 7: // start_length
          lo = c.uN(u.addrSize);
          hi = lo + c.uleb();
          break;
        default:
          throw new DebugInfoException(c.pos - 1, "unknown range list entry kind " + kind);
      }
      if (lo != tomb) {
        buf = push(buf, lo, hi);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Address to unit

  /** Address-to-unit map, built as llvm's DWARFDebugAranges: .debug_aranges, then unit DIEs. */
  private UnitMap unitRanges() {
    UnitMap r = unitRanges;
    if (r != null) {
      return r;
    }
    synchronized (this) {
      if (unitRanges != null) {
        return unitRanges;
      }
      Endpoints ep = new Endpoints();
      boolean[] covered = new boolean[units.size()];
      readAranges(ep, covered);
      long[] buf = new long[16];
      DwarfDie d = new DwarfDie();
      for (DwarfUnit u : units) {
        if (covered[u.index] || u.isTypeUnit()) {
          continue;
        }
        try {
          u.loadRoot();
          readDie(u, u.dieStart, d);
          buf = ranges(u, d, buf);
        } catch (ParseException e) {
          continue; // one broken unit must not hide the others
        }
        for (int k = 0; k < buf[0]; k++) {
          ep.add(buf[1 + 2 * k], buf[2 + 2 * k], u.index);
        }
      }
      r = ep.construct();
      unitRanges = r;
      return r;
    }
  }

  /** Range endpoints of units, swept into disjoint segments like DWARFDebugAranges::construct. */
  private static final class Endpoints {
    long[] addr = new long[32]; // sign-flipped
    int[] unit = new int[32]; // unit index; negative (~index) marks a range end
    int n;

    void add(long lo, long hi, int u) {
      if (Long.compareUnsigned(lo, hi) >= 0) {
        return;
      }
      if (n + 2 > addr.length) {
        addr = Arrays.copyOf(addr, addr.length * 2);
        unit = Arrays.copyOf(unit, unit.length * 2);
      }
      addr[n] = lo ^ Long.MIN_VALUE;
      unit[n++] = u;
      addr[n] = hi ^ Long.MIN_VALUE;
      unit[n++] = ~u;
    }

    UnitMap construct() {
      int[] order = DwarfSort.sortIndices(addr, n);
      java.util.TreeMap<Integer, Integer> valid = new java.util.TreeMap<>();
      long[] lo = new long[16];
      long[] hi = new long[16];
      int[] cu = new int[16];
      int m = 0;
      boolean havePrev = false;
      long prev = 0;
      for (int k = 0; k < n; k++) {
        int e = order[k];
        long a = addr[e];
        if (havePrev && prev < a && !valid.isEmpty()) {
          if (m > 0 && hi[m - 1] == prev && valid.containsKey(cu[m - 1])) {
            hi[m - 1] = a;
          } else {
            if (m == lo.length) {
              lo = Arrays.copyOf(lo, m * 2);
              hi = Arrays.copyOf(hi, m * 2);
              cu = Arrays.copyOf(cu, m * 2);
            }
            lo[m] = prev;
            hi[m] = a;
            cu[m] = valid.firstKey();
            m++;
          }
        }
        int u = unit[e];
        if (u >= 0) {
          valid.merge(u, 1, Integer::sum);
        } else {
          valid.computeIfPresent(~u, (key, c) -> c == 1 ? null : c - 1);
        }
        prev = a;
        havePrev = true;
      }
      return new UnitMap(Arrays.copyOf(lo, m), Arrays.copyOf(hi, m), Arrays.copyOf(cu, m));
    }
  }

  /** Disjoint sorted segments (sign-flipped addresses) mapped to unit indexes. */
  private static final class UnitMap {
    final long[] lo;
    final long[] hi;
    final int[] cu;

    UnitMap(long[] lo, long[] hi, int[] cu) {
      this.lo = lo;
      this.hi = hi;
      this.cu = cu;
    }

    int find(long address) {
      long a = address ^ Long.MIN_VALUE;
      int l = 0;
      int h = lo.length;
      while (l < h) {
        int mid = (l + h) >>> 1;
        if (lo[mid] <= a) {
          l = mid + 1;
        } else {
          h = mid;
        }
      }
      int i = l - 1;
      return i >= 0 && a < hi[i] ? cu[i] : -1;
    }
  }

  private void readAranges(Endpoints r, boolean[] covered) {
    DwarfCursor c = new DwarfCursor(aranges, le, 0);
    boolean[] f64 = new boolean[1];
    try {
      while (c.remaining() >= 16) {
        long start = c.pos;
        long length = c.unitLength(f64);
        long end = c.pos + length;
        c.u16(); // version
        long cuOff = c.offset(f64[0]);
        int as = c.u8();
        int seg = c.u8();
        if (as != 2 && as != 4 && as != 8) {
          c.pos = end;
          continue;
        }
        long tuple = 2L * as + seg;
        long rem = (c.pos - start) % tuple;
        if (rem != 0) {
          c.pos += tuple - rem;
        }
        int ui = Arrays.binarySearch(unitOffsets, cuOff);
        while (c.pos + tuple <= end) {
          c.skip(seg);
          long a = c.uN(as);
          long len = c.uN(as);
          if (ui >= 0) {
            r.add(a, a + len, ui);
          }
        }
        if (ui >= 0) {
          covered[ui] = true;
        }
        c.pos = end;
      }
    } catch (ParseException e) {
      // A malformed .debug_aranges is ignored from here on; unit DIE ranges stand in for it.
    }
  }

  private DwarfUnit unitForAddress(long address) {
    int i = unitRanges().find(address);
    return i < 0 ? null : units.get(i);
  }

  // ---------------------------------------------------------------------------------------------
  // Symbolication

  /**
   * Symbolizes an address into frames, innermost first, as {@code llvm-symbolizer --inlines}
   * does: the innermost frame's location comes from the line table; each outer frame's location
   * is the call site (DW_AT_call_file/line/column) of the frame inside it. File paths are
   * absolute ({@link PathKind#ABSOLUTE}).
   *
   * @param address the address in the object file's address space
   * @return the frames, empty if no unit covers the address
   * @throws DebugInfoException if the debug information is malformed
   */
  public List<DwarfFrame> symbolize(long address) {
    return symbolize(address, PathKind.ABSOLUTE);
  }

  /**
   * Symbolizes an address like {@link #symbolize(long)}, with every file path (the line table's
   * file, DW_AT_call_file and DW_AT_decl_file) built as {@code paths} says: {@link
   * PathKind#RELATIVE} is {@code llvm-symbolizer --relativenames}.
   *
   * @param address the address in the object file's address space
   * @param paths how file paths are joined with their directories
   * @return the frames, empty if no unit covers the address
   * @throws DebugInfoException if the debug information is malformed
   */
  public List<DwarfFrame> symbolize(long address, PathKind paths) {
    Objects.requireNonNull(paths, "paths");
    return guard(() -> symbolizeImpl(address, paths));
  }

  private List<DwarfFrame> symbolizeImpl(long address, PathKind paths) {
    DwarfUnit u = unitForAddress(address);
    if (u == null) {
      return List.of();
    }
    DwarfLineTable lt = u.lines();
    String file = "";
    int lineNo = 0;
    int col = 0;
    int disc = 0;
    boolean found = false;
    if (lt != null) {
      int row = lt.lookup(address);
      if (row >= 0) {
        found = true;
        file = lt.fileName(lt.file(row), paths).orElse("");
        lineNo = lt.line(row);
        col = lt.column(row);
        disc = lt.discriminator(row);
      }
    }
    DwarfUnit split = u.unitType == UT_SKELETON || u.version < 5 ? splitUnit(u) : null;
    if (split != null) {
      u = split;
    }
    DwarfTree tree = u.tree();
    int die = tree.find(address);
    if (tree.isSuspect()) {
      // A DW_AT_sibling lied, as the walk of the subprogram just found: ask the full tree.
      tree = u.tree();
      die = tree.find(address);
    }
    if (die < 0) {
      return found
          ? List.of(new DwarfFrame(null, "", "", file, lineNo, col, disc, false, "", 0, false, 0))
          : List.of();
    }
    List<DwarfFrame> frames = new ArrayList<>();
    DwarfDie d = new DwarfDie();
    for (int cur = die, steps = 0; cur >= 0 && steps < DwarfUnit.MAX_DEPTH; steps++) {
      int tag = tree.tag(cur);
      if (tag == TAG_SUBPROGRAM || tag == TAG_INLINED_SUBROUTINE) {
        long off = tree.offset(cur);
        readDie(u, off, d);
        Names names = names(u, off);
        long start = -1;
        boolean hasStart = false;
        if (d.lowPcForm != 0) {
          start = address(u, d.lowPcForm, d.lowPc);
          hasStart = true;
        }
        frames.add(
            new DwarfFrame(
                names.linkage,
                names.qualified(),
                names.shortName == null ? "" : names.shortName,
                file,
                lineNo,
                col,
                disc,
                tag == TAG_INLINED_SUBROUTINE,
                names.declFile(paths),
                (int) Math.max(0, names.declLine),
                hasStart,
                start));
        if (tag == TAG_SUBPROGRAM) {
          break;
        }
        file = d.callFile >= 0 && lt != null ? lt.fileName(d.callFile, paths).orElse("") : "";
        lineNo = (int) d.callLine;
        col = (int) d.callColumn;
        disc = (int) d.callDiscriminator;
      }
      cur = tree.parent(cur);
    }
    return Collections.unmodifiableList(frames);
  }

  /**
   * Finds the variable with a static address that covers an address, as llvm-symbolizer's {@code
   * DATA} command does (DWARFContext::getLineInfoForDataAddress): the unit covering the address
   * through {@code .debug_aranges} and unit ranges, or else the first unit that has such a
   * variable; in it, the variable ({@code DW_TAG_variable} outside of types, global or static,
   * whose DW_AT_location is exactly {@code DW_OP_addr[x]}, optionally plus a constant) starting
   * last at or before the address, if the address is inside it. Its declaration file and line
   * follow DW_AT_specification and DW_AT_abstract_origin; a DW_AT_decl_file of form {@code
   * DW_FORM_implicit_const} names no file, as in llvm. Split units are not searched, as llvm
   * does not.
   *
   * @param address the address in the object file's address space
   * @return the variable, or empty
   * @throws DebugInfoException if the debug information is malformed
   */
  public Optional<DwarfVariable> variableAt(long address) {
    return guard(() -> variableImpl(address));
  }

  private Optional<DwarfVariable> variableImpl(long address) {
    DwarfUnit u = unitForAddress(address);
    if (u != null) {
      return variable(u, address);
    }
    for (DwarfUnit unit : units) {
      Optional<DwarfVariable> v = variable(unit, address);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  private Optional<DwarfVariable> variable(DwarfUnit u, long address) {
    DwarfVariables vars = u.variables();
    int i = vars.find(address);
    if (i < 0) {
      return Optional.empty();
    }
    Names n = names(u, vars.die(i));
    long start = vars.start(i);
    return Optional.of(new DwarfVariable(start, vars.end(i) - start,
        n.declFile(PathKind.ABSOLUTE), Math.max(0, n.declLine)));
  }

  /**
   * Lists the local variables and parameters at a code address, as llvm-symbolizer's {@code
   * FRAME} command does (DWARFContext::getLocalsForAddress): in the unit covering the address,
   * the innermost subprogram or inlined subroutine there, and every DW_TAG_variable and
   * DW_TAG_formal_parameter in it at any depth (lexical blocks whatever their ranges, nested
   * inlined subroutines naming their own function), in DIE order. The frame offset is that of a
   * location {@code DW_OP_fbreg N} or {@code DW_OP_bregR N} with R the frame base register,
   * optionally followed by {@code DW_OP_deref}; location lists give none here. Split units are
   * not searched, as llvm does not.
   *
   * @param address the address in the object file's address space
   * @return the locals, empty if none
   * @throws DebugInfoException if the debug information is malformed
   */
  public List<DwarfLocal> locals(long address) {
    return guard(() -> localsImpl(address));
  }

  private List<DwarfLocal> localsImpl(long address) {
    DwarfUnit u = unitForAddress(address);
    if (u == null) {
      return List.of();
    }
    DwarfTree tree = u.fullTree();
    int top = tree.find(address);
    if (top < 0) {
      return List.of();
    }
    int pointerSize = units.isEmpty() ? 0 : units.get(0).addrSize; // llvm's getCUAddrSize
    DwarfLineTable lt = u.lines();
    List<DwarfLocal> out = new ArrayList<>();
    DwarfDie d = new DwarfDie();
    // The function of each inlined subroutine on the path: the subtree ends and origins.
    int[] scopeEnd = new int[DwarfUnit.MAX_DEPTH + 1];
    long[] scopeFunction = new long[DwarfUnit.MAX_DEPTH + 1];
    // The frame base register of each scope's function: an inlined function's origin has none.
    int[] scopeFrameReg = new int[DwarfUnit.MAX_DEPTH + 1];
    int depth = 0;
    scopeEnd[0] = tree.end[top];
    scopeFunction[0] = function(u, tree.off(top), d);
    scopeFrameReg[0] = frameBaseReg(scopeFunction[0], d);
    for (int i = top + 1; i < tree.end[top]; ) {
      while (depth > 0 && i >= scopeEnd[depth]) {
        depth--;
      }
      int tag = tree.tag[i];
      if (tag == TAG_VARIABLE || tag == TAG_FORMAL_PARAMETER) {
        out.add(local(u, tree.off(i), scopeFunction[depth], scopeFrameReg[depth], lt,
            pointerSize));
        i = Math.max(i + 1, tree.end[i]); // llvm does not look inside a variable
        continue;
      }
      if (tag == TAG_INLINED_SUBROUTINE && depth < DwarfUnit.MAX_DEPTH) {
        depth++;
        scopeEnd[depth] = tree.end[i];
        scopeFunction[depth] = function(u, tree.off(i), d);
        scopeFrameReg[depth] = frameBaseReg(scopeFunction[depth], d);
      }
      i++;
    }
    return Collections.unmodifiableList(out);
  }

  /** The register R of a function's DW_AT_frame_base {@code DW_OP_regR}, or -1. */
  private int frameBaseReg(long function, DwarfDie d) {
    DwarfUnit fu = unitAt(function);
    if (fu == null) {
      return -1;
    }
    readDie(fu, function, d);
    return d.frameBaseOp >= OP_REG0 && d.frameBaseOp <= OP_REG31 ? d.frameBaseOp - OP_REG0 : -1;
  }

  /** The DIE naming the function of a subroutine: an inlined one's abstract origin. */
  private long function(DwarfUnit u, long off, DwarfDie d) {
    readDie(u, off, d);
    if (d.tag == TAG_INLINED_SUBROUTINE && d.abstractOrigin >= 0) {
      DwarfVariables.DieRef origin =
          DwarfVariables.referencedDie(u, FORM_REF_ADDR, d.abstractOrigin);
      if (origin != null) {
        return origin.offset();
      }
    }
    return off;
  }

  private DwarfLocal local(DwarfUnit u, long off, long function, int frameBaseReg,
      DwarfLineTable lt, int pointerSize) {
    DwarfDie d = new DwarfDie();
    readDie(u, off, d);
    OptionalLong frameOffset = Dwarf.isBlock(d.locationForm)
        ? frameOffset(info, d.location, d.locationLength, frameBaseReg)
        : listFrameOffset(u, d.locationForm, d.location, frameBaseReg);
    OptionalLong tagOffset = DwarfVariables.unsignedConstant(d.tagOffsetForm, d.tagOffset);
    DwarfUnit du = u;
    if (d.abstractOrigin >= 0) {
      DwarfVariables.DieRef origin =
          DwarfVariables.referencedDie(u, FORM_REF_ADDR, d.abstractOrigin);
      if (origin != null) {
        du = origin.unit();
        readDie(du, origin.offset(), d);
      }
    }
    String name = d.nameForm != 0 ? string(du, d.nameForm, d.nameValue) : null;
    OptionalLong size = OptionalLong.empty();
    DwarfVariables.DieRef type =
        d.typeForm != 0 ? DwarfVariables.referencedDie(du, d.typeForm, d.type) : null;
    if (type != null) {
      size = DwarfVariables.typeSize(type.unit(), type.offset(), pointerSize);
    }
    String declFile = d.declFile >= 0 && lt != null
        ? lt.fileName(d.declFile, PathKind.ABSOLUTE).orElse("") : "";
    DwarfUnit fu = unitAt(function);
    String functionName = fu == null ? null : names(fu, function).shortName;
    return new DwarfLocal(functionName == null ? "" : functionName, name == null ? "" : name,
        declFile, Math.max(0, d.declLine), frameOffset, size, tagOffset);
  }

  /**
   * llvm's getExpressionFrameOffset: {@code DW_OP_fbreg N} or {@code DW_OP_bregR N} with R the
   * frame base register, alone or followed by {@code DW_OP_deref}.
   */
  private OptionalLong frameOffset(ByteView section, long start, long length,
      int frameBaseReg) {
    if (length <= 0) {
      return OptionalLong.empty();
    }
    int op = section.u8(start);
    if (op != OP_FBREG && (frameBaseReg < 0 || op != OP_BREG0 + frameBaseReg)) {
      return OptionalLong.empty();
    }
    DwarfCursor c = new DwarfCursor(section, le, start + 1);
    long offset = c.sleb();
    long end = start + length;
    if (c.pos == end || (c.pos + 1 == end && section.u8(c.pos) == OP_DEREF)) {
      return OptionalLong.of(offset);
    }
    return OptionalLong.empty();
  }

  /** Location list entries read at most; longer lists count as malformed. */
  private static final int MAX_LOCATIONS = 1 << 16;

  /**
   * The frame offset of the first entry of a location list that has one, as llvm's
   * getLocations then getExpressionFrameOffset: none when the list is malformed anywhere.
   */
  private OptionalLong listFrameOffset(DwarfUnit u, int form, long value, int frameBaseReg) {
    boolean v5 = u.version >= 5;
    long off;
    if (form == FORM_LOCLISTX && v5) {
      u.loadRoot();
      long base = u.loclistsBase;
      int size = u.dwarf64 ? 8 : 4;
      off = base + new DwarfCursor(loclists, le, base + value * size).uN(size);
    } else if (form == FORM_SEC_OFFSET || (u.version <= 3 && (form == FORM_DATA4
        || form == FORM_DATA8))) {
      off = value;
    } else {
      return OptionalLong.empty();
    }
    ByteView section = v5 ? loclists : loc;
    long[] exprs = new long[16]; // start, length pairs
    int n = 0;
    DwarfCursor c = new DwarfCursor(section, le, off);
    long max = tombstone(u.addrSize);
    for (int k = 0; ; k++) {
      if (k > MAX_LOCATIONS) {
        return OptionalLong.empty();
      }
      long length;
      if (v5) {
        int kind = c.u8();
        if (kind == 0) {
          break;
        }
        switch (kind) {
          case 1: // base_addressx
            indexedAddress(u, c.uleb());
            continue;
          case 2: // startx_endx
          case 3: // startx_length
            indexedAddress(u, c.uleb());
            if (kind == 2) {
              indexedAddress(u, c.uleb());
            } else {
              c.uleb();
            }
            break;
          case 4: // offset_pair
            c.uleb();
            c.uleb();
            break;
          case 5: // default_location
            break;
          case 6: // base_address
            c.uN(u.addrSize);
            continue;
          case 7: // start_end
            c.uN(u.addrSize);
            c.uN(u.addrSize);
            break;
          case 8: // start_length
            c.uN(u.addrSize);
            c.uleb();
            break;
          default:
            return OptionalLong.empty();
        }
        length = c.uleb();
      } else {
        long start = c.uN(u.addrSize);
        long end = c.uN(u.addrSize);
        if (start == 0 && end == 0) {
          break;
        }
        if (start == max) {
          continue; // base address selection
        }
        length = c.u16();
      }
      if (length < 0 || c.pos + length > section.length()) {
        return OptionalLong.empty();
      }
      if (2 * n + 2 > exprs.length) {
        exprs = Arrays.copyOf(exprs, exprs.length * 2);
      }
      exprs[2 * n] = c.pos;
      exprs[2 * n + 1] = length;
      n++;
      c.skip(length);
    }
    for (int i = 0; i < n; i++) {
      OptionalLong o = frameOffset(section, exprs[2 * i], exprs[2 * i + 1], frameBaseReg);
      if (o.isPresent()) {
        return o;
      }
    }
    return OptionalLong.empty();
  }

  private volatile Map<Long, DwarfUnit> typeUnits;

  /** The type unit with a signature, or null. */
  DwarfUnit typeUnit(long signature) {
    Map<Long, DwarfUnit> m = typeUnits;
    if (m == null) {
      m = new HashMap<>();
      for (DwarfUnit u : units) {
        if (u.isTypeUnit()) {
          m.putIfAbsent(u.typeSignature, u);
        }
      }
      typeUnits = m;
    }
    return m.get(signature);
  }

  /**
   * Names of a subroutine DIE. The declaration file is kept as its line table and index, not as
   * a path: one cached entry serves every {@link PathKind}.
   */
  static final class Names {
    String linkage;
    String shortName;
    long declLine = -1;
    boolean haveDeclFile;
    List<String> scopes = List.of();

    /** The line table of DW_AT_decl_file, or null when it names no file. */
    DwarfLineTable declLines;

    long declFileIndex;

    /** Built once: the same function is named in many frames. */
    private volatile String qualified;

    private volatile String absoluteDeclFile;
    private volatile String relativeDeclFile;

    /** The path of DW_AT_decl_file as {@code kind} joins it; empty if unknown. */
    String declFile(PathKind kind) {
      boolean absolute = kind == PathKind.ABSOLUTE;
      String f = absolute ? absoluteDeclFile : relativeDeclFile;
      if (f == null) {
        f = declLines == null ? "" : declLines.fileName(declFileIndex, kind).orElse("");
        if (absolute) {
          absoluteDeclFile = f;
        } else {
          relativeDeclFile = f;
        }
      }
      return f;
    }

    String qualified() {
      String q = qualified;
      if (q == null) {
        if (shortName == null) {
          q = "";
        } else if (scopes.isEmpty()) {
          q = shortName;
        } else {
          StringBuilder sb = new StringBuilder();
          for (int i = scopes.size() - 1; i >= 0; i--) {
            sb.append(scopes.get(i)).append("::");
          }
          q = sb.append(shortName).toString();
        }
        qualified = q;
      }
      return q;
    }
  }

  /**
   * Finds the linkage name and the name of a DIE, following DW_AT_specification and
   * DW_AT_abstract_origin (as llvm's findRecursively does), and the scopes of the named DIE.
   */
  Names names(DwarfUnit unit, long dieOffset) {
    if (unit.dwarf != this) {
      return unit.dwarf.names(unit, dieOffset);
    }
    Names cached = nameCache.get(dieOffset);
    if (cached == null) {
      long origin = nameOrigin(unit, dieOffset);
      if (origin >= 0) {
        // Every inline site of a function names it alike: compute that once, for the origin.
        cached = nameCache.get(origin);
        if (cached == null) {
          cached = computeNames(unit, origin);
          nameCache.putIfAbsent(origin, cached);
        }
      } else {
        cached = computeNames(unit, dieOffset);
      }
      nameCache.putIfAbsent(dieOffset, cached);
    }
    return cached;
  }

  /**
   * The DW_AT_abstract_origin of a DIE that has no name, linkage name, declaration file or line
   * and no DW_AT_specification of its own, as an inlined subroutine or the concrete copy of an
   * inlined function has: its names are its origin's. Else -1.
   */
  private long nameOrigin(DwarfUnit unit, long dieOffset) {
    DwarfUnit u = dieOffset >= unit.dieStart && dieOffset < unit.end ? unit : unitAt(dieOffset);
    if (u == null) {
      return -1;
    }
    u.loadRoot();
    DwarfDie d = new DwarfDie();
    readDie(u, dieOffset, d);
    boolean own = d.nameForm != 0 || d.linkageForm != 0 || d.declFile >= 0 || d.declLine >= 0;
    return own || d.specification >= 0 || d.abstractOrigin == dieOffset ? -1 : d.abstractOrigin;
  }

  private Names computeNames(DwarfUnit unit, long dieOffset) {
    Names n = new Names();
    // Chains are short (a DIE, its abstract origin, a declaration): the arrays grow to
    // MAX_CHAIN only when a chain does.
    long[] work = new long[8];
    long[] seen = new long[8];
    int nw = 0;
    int ns = 0;
    work[nw++] = dieOffset;
    DwarfDie d = new DwarfDie();
    long nameDie = -1;
    DwarfUnit nameUnit = null;
    while (nw > 0 && ns < MAX_CHAIN) {
      long off = work[--nw];
      boolean dup = false;
      for (int i = 0; i < ns; i++) {
        dup |= seen[i] == off;
      }
      if (dup) {
        continue;
      }
      if (ns == seen.length) {
        seen = Arrays.copyOf(seen, Math.min(MAX_CHAIN, 2 * ns));
      }
      seen[ns++] = off;
      DwarfUnit u = off >= unit.dieStart && off < unit.end ? unit : unit.dwarf.unitAt(off);
      if (u == null) {
        continue;
      }
      u.loadRoot();
      readDie(u, off, d);
      if (n.linkage == null && d.linkageForm != 0) {
        n.linkage = string(u, d.linkageForm, d.linkageValue);
      }
      if (n.shortName == null && d.nameForm != 0) {
        n.shortName = string(u, d.nameForm, d.nameValue);
        if (n.shortName != null) {
          nameDie = off;
          nameUnit = u;
        }
      }
      if (!n.haveDeclFile && d.declFile >= 0) {
        n.haveDeclFile = true;
        DwarfUnit lu = u.skeleton != null ? u.skeleton : u;
        DwarfLineTable lt = lu.lines();
        // llvm resolves no file for DW_FORM_implicit_const (its form value carries no unit).
        if (d.declFileForm != FORM_IMPLICIT_CONST) {
          n.declLines = lt;
          n.declFileIndex = d.declFile;
        }
      }
      if (n.declLine < 0 && d.declLine >= 0) {
        n.declLine = d.declLine;
      }
      if (n.linkage != null && n.shortName != null && n.haveDeclFile && n.declLine >= 0) {
        break;
      }
      if (nw + 2 > work.length && work.length < MAX_CHAIN) {
        work = Arrays.copyOf(work, Math.min(MAX_CHAIN, 2 * work.length));
      }
      if (d.abstractOrigin >= 0 && nw < work.length) {
        work[nw++] = d.abstractOrigin;
      }
      if (d.specification >= 0 && nw < work.length) {
        work[nw++] = d.specification;
      }
    }
    if (nameUnit != null) {
      n.scopes = scopes(nameUnit, nameDie);
    }
    return n;
  }

  /** Returns the names of the enclosing namespaces and types of a DIE, innermost first. */
  private List<String> scopes(DwarfUnit u, long dieOffset) {
    int[] tags = new int[MAX_QUALIFIERS];
    long[] offsets = new long[MAX_QUALIFIERS];
    int n = u.tree().ancestors(dieOffset, tags, offsets);
    List<String> out = new ArrayList<>();
    DwarfDie d = new DwarfDie();
    for (int i = 0; i < n; i++) {
      int tag = tags[i];
      if (tag == TAG_NAMESPACE
          || tag == TAG_CLASS_TYPE
          || tag == TAG_STRUCTURE_TYPE
          || tag == TAG_UNION_TYPE
          || tag == TAG_ENUMERATION_TYPE) {
        readDie(u, offsets[i], d);
        String s = string(u, d.nameForm, d.nameValue);
        if (s == null) {
          s = tag == TAG_NAMESPACE ? "(anonymous namespace)" : "(anonymous)";
        }
        out.add(s);
      } else {
        break;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Functions

  /**
   * Lists all functions with code (DW_TAG_subprogram with address ranges) of all compile and
   * partial units, each with its inlinees nested.
   *
   * @return the functions in DIE order
   * @throws DebugInfoException if the debug information is malformed
   */
  public List<DwarfFunction> functions() {
    return guard(
        () -> {
          List<DwarfFunction> out = new ArrayList<>();
          for (DwarfUnit u : units) {
            if (!u.isTypeUnit()) {
              functions(u, out);
            }
          }
          return Collections.unmodifiableList(out);
        });
  }

  private void functions(DwarfUnit unit, List<DwarfFunction> out) {
    DwarfLineTable lt = unit.lines();
    DwarfUnit split = unit.unitType == UT_SKELETON || unit.version < 5 ? splitUnit(unit) : null;
    DwarfUnit u = split != null ? split : unit;
    DwarfTree tree = u.fullTree();
    DwarfFunction[] owner = new DwarfFunction[tree.count];
    DwarfDie d = new DwarfDie();
    long[] buf = new long[16];
    for (int i = 0; i < tree.count; i++) {
      int tag = tree.tag[i];
      if (tag != TAG_SUBPROGRAM && tag != TAG_INLINED_SUBROUTINE) {
        continue;
      }
      readDie(u, tree.off(i), d);
      buf = ranges(u, d, buf);
      if (buf[0] == 0) {
        continue;
      }
      long[] r = Arrays.copyOfRange(buf, 1, 1 + 2 * (int) buf[0]);
      DwarfFunction parent = null;
      for (int p = tree.parent[i]; p >= 0 && parent == null; p = tree.parent[p]) {
        parent = owner[p];
      }
      Names names = names(u, tree.off(i));
      boolean inlined = tag == TAG_INLINED_SUBROUTINE;
      String callFile =
          inlined && d.callFile >= 0 && lt != null ? lt.fileName(d.callFile).orElse("") : "";
      DwarfFunction f =
          new DwarfFunction(
              names.linkage,
              names.qualified(),
              names.shortName == null ? "" : names.shortName,
              r,
              inlined,
              callFile,
              inlined ? (int) d.callLine : 0,
              inlined ? (int) d.callColumn : 0);
      owner[i] = f;
      if (parent != null && inlined) {
        parent.addInlinee(f);
      } else if (!inlined) {
        out.add(f);
      }
    }
  }
}
