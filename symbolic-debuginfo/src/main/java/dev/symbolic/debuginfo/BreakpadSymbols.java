package dev.symbolic.debuginfo;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A Breakpad text symbol file ({@code .sym}), as written by {@code dump_syms}.
 *
 * <p>{@link #parse(ByteView)} reads the {@code MODULE} and {@code INFO} records and scans the file
 * once, remembering where each record starts; everything else is parsed on demand. Lookup indexes
 * for {@link #symbolize(long)}, {@link #cfiFor(long)} and {@link #winFor(long)} are built on first
 * use. Instances are immutable and safe to share between threads.
 *
 * <p>Parsing is lenient, as Breakpad and rust-minidump are: a malformed line is skipped and
 * counted in {@link #brokenLineCount()}, never fatal. Line records outside of a {@code FUNC} block
 * and {@code STACK CFI} deltas outside of a {@code STACK CFI INIT} block are malformed too. Empty
 * lines are ignored, CRLF line ends and a UTF-8 byte order mark are accepted, names are decoded
 * as UTF-8 with malformed sequences replaced. Hex numbers longer than 64 bits and decimal numbers
 * that overflow a {@code long} make their line malformed.
 *
 * <p>The only exception this class throws is {@link DebugInfoException}, and only from {@link
 * #parse(ByteView)} when the first non-empty line is not a valid {@code MODULE os arch debugid
 * [name]} record (missing fields or an unparseable debug id). An unknown architecture is not an
 * error; it maps to {@link Arch#UNKNOWN}.
 */
public final class BreakpadSymbols {
  private static final byte[] MODULE = ascii("MODULE ");
  private static final byte[] INFO = ascii("INFO ");
  private static final byte[] FILE = ascii("FILE ");
  private static final byte[] FUNC = ascii("FUNC ");
  private static final byte[] INLINE = ascii("INLINE ");
  private static final byte[] INLINE_ORIGIN = ascii("INLINE_ORIGIN ");
  private static final byte[] PUBLIC = ascii("PUBLIC ");
  private static final byte[] STACK_CFI_INIT = ascii("STACK CFI INIT ");
  private static final byte[] STACK_CFI = ascii("STACK CFI ");
  private static final byte[] STACK_WIN = ascii("STACK WIN ");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final int MAX_CHUNK = Integer.MAX_VALUE - 16;

  private final ByteView data;
  private final BreakpadModule module;
  private final CodeId codeId;
  private final String codeFile;
  private final String generator;
  private final int scanBroken;
  private final long[] fileOff;
  private final long[] originOff;
  private final long[] funcStart;
  private final long[] funcEnd;
  private final long[] publicOff;
  private final long[] cfiStart;
  private final long[] cfiEnd;
  private final long[] winOff;

  // Lazily computed, idempotent; racy single-check initialization is safe for immutable values.
  private volatile Map<Long, String> files;
  private volatile Map<Long, String> origins;
  private volatile RangeIndex funcIndex;
  private volatile RangeIndex publicIndex;
  private volatile RangeIndex cfiIndex;
  private volatile RangeIndex winFrameDataIndex;
  private volatile RangeIndex winOtherIndex;
  private volatile Long broken;

  private BreakpadSymbols(ByteView data, Scanner s) {
    this.data = data;
    this.module = s.module;
    this.codeId = s.codeId;
    this.codeFile = s.codeFile;
    this.generator = s.generator;
    this.scanBroken = s.broken;
    this.fileOff = s.files.toArray();
    this.originOff = s.origins.toArray();
    this.funcStart = s.funcStart.toArray();
    this.funcEnd = s.funcEnd.toArray();
    this.publicOff = s.publics.toArray();
    this.cfiStart = s.cfiStart.toArray();
    this.cfiEnd = s.cfiEnd.toArray();
    this.winOff = s.wins.toArray();
  }

  /**
   * Parses a Breakpad symbol file.
   *
   * @param data the file contents; must not change while this object is used
   * @return the parsed file
   * @throws DebugInfoException if the first non-empty line is not a valid {@code MODULE} record
   */
  public static BreakpadSymbols parse(ByteView data) {
    Objects.requireNonNull(data, "data");
    try {
      Scanner s = new Scanner(data);
      s.run();
      return new BreakpadSymbols(data, s);
    } catch (DebugInfoException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DebugInfoException(0, "cannot read Breakpad symbols: " + e, e);
    }
  }

  /**
   * Tells whether {@code data} looks like a Breakpad symbol file: it starts with {@code MODULE }.
   *
   * @param data the bytes to test
   * @return true if the file starts like a Breakpad symbol file
   */
  public static boolean test(ByteView data) {
    return data.startsWith(0, MODULE)
        || (data.startsWith(0, BOM) && data.startsWith(BOM.length, MODULE));
  }

  /**
   * Returns the {@code MODULE} record.
   *
   * @return the module
   */
  public BreakpadModule module() {
    return module;
  }

  /**
   * Returns the code id of the first valid {@code INFO CODE_ID} record.
   *
   * @return the code id, or empty if there is none
   */
  public Optional<CodeId> codeId() {
    return Optional.ofNullable(codeId);
  }

  /**
   * Returns the code file name of the {@code INFO CODE_ID} record, such as {@code crash.exe}.
   *
   * @return the code file, or empty if there is none
   */
  public Optional<String> codeFile() {
    return Optional.ofNullable(codeFile);
  }

  /**
   * Returns the text of the {@code INFO GENERATOR} record.
   *
   * @return the generator, or empty if there is none
   */
  public Optional<String> generator() {
    return Optional.ofNullable(generator);
  }

  /**
   * Returns the {@code FILE} records, index to name, in file order. A later record with the same
   * index wins.
   *
   * @return an unmodifiable map
   */
  public Map<Long, String> files() {
    Map<Long, String> m = files;
    if (m == null) {
      m = indexedNames(fileOff, FILE, new int[1]);
      files = m;
    }
    return m;
  }

  /**
   * Returns the {@code INLINE_ORIGIN} records, index to name, in file order.
   *
   * @return an unmodifiable map
   */
  public Map<Long, String> inlineOrigins() {
    Map<Long, String> m = origins;
    if (m == null) {
      m = indexedNames(originOff, INLINE_ORIGIN, new int[1]);
      origins = m;
    }
    return m;
  }

  /**
   * Returns the name of a {@code FILE} record.
   *
   * @param index the file index
   * @return the name, or empty if there is no such record
   */
  public Optional<String> fileName(long index) {
    return Optional.ofNullable(files().get(index));
  }

  /**
   * Returns the number of {@code FUNC} records, including malformed ones.
   *
   * @return the count
   */
  public int functionCount() {
    return funcStart.length;
  }

  /**
   * Parses the {@code FUNC} records with their line and {@code INLINE} records, in file order.
   * Functions whose {@code FUNC} line is malformed are skipped. Each call parses anew.
   *
   * @return a sequential stream
   */
  public Stream<BreakpadFunction> functions() {
    return IntStream.range(0, funcStart.length)
        .mapToObj(i -> parseFunction(i, new int[1]))
        .filter(Objects::nonNull);
  }

  /**
   * Returns the {@code FUNC} record containing {@code address}.
   *
   * @param address a module-relative address
   * @return the function, or empty
   */
  public Optional<BreakpadFunction> functionAt(long address) {
    RangeIndex idx = funcIndex();
    int k = idx.find(address, true);
    if (k < 0) {
      return Optional.empty();
    }
    BreakpadFunction f = parseFunction(idx.record[k], new int[1]);
    return f != null && f.contains(address) ? Optional.of(f) : Optional.empty();
  }

  /**
   * Returns the valid {@code PUBLIC} records sorted by address (unsigned; stable for ties).
   *
   * @return an unmodifiable list
   */
  public List<BreakpadPublic> publics() {
    RangeIndex idx = publicIndex();
    List<BreakpadPublic> out = new ArrayList<>(idx.size());
    for (int k = 0; k < idx.size(); k++) {
      BreakpadPublic p = parsePublicIndex(idx.record[k]);
      if (p != null) {
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the valid {@code STACK CFI INIT} records with their deltas, in file order.
   *
   * @return an unmodifiable list
   */
  public List<BreakpadCfi> cfi() {
    List<BreakpadCfi> out = new ArrayList<>(cfiStart.length);
    for (int i = 0; i < cfiStart.length; i++) {
      BreakpadCfi c = parseCfi(i, new int[1]);
      if (c != null) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the {@code STACK CFI INIT} record covering {@code address}; of overlapping records,
   * the one starting last.
   *
   * @param address a module-relative address
   * @return the record, or empty
   */
  public Optional<BreakpadCfi> cfiFor(long address) {
    RangeIndex idx = cfiIndex();
    int k = idx.find(address, true);
    return k < 0 ? Optional.empty() : Optional.ofNullable(parseCfi(idx.record[k], new int[1]));
  }

  /**
   * Returns the valid {@code STACK WIN} records in file order.
   *
   * @return an unmodifiable list
   */
  public List<BreakpadWin> win() {
    List<BreakpadWin> out = new ArrayList<>(winOff.length);
    for (long off : winOff) {
      BreakpadWin w = parseWin(off);
      if (w != null) {
        out.add(w);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the {@code STACK WIN} record covering {@code address}, preferring frame data (type
   * 4) over other types as Breakpad's stack walker does.
   *
   * @param address a module-relative address
   * @return the record, or empty
   */
  public Optional<BreakpadWin> winFor(long address) {
    buildWinIndexes();
    for (RangeIndex idx : new RangeIndex[] {winFrameDataIndex, winOtherIndex}) {
      int k = idx.find(address, true);
      if (k >= 0) {
        BreakpadWin w = parseWin(winOff[idx.record[k]]);
        if (w != null) {
          return Optional.of(w);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Symbolizes a module-relative address.
   *
   * <p>If a {@code FUNC} record covers the address, the result has one frame per {@code INLINE}
   * record covering it (depth by depth, innermost first) followed by the function itself. The
   * innermost frame gets the file and line of the line record covering the address; every outer
   * frame gets the call site of the inline record directly inside it, as rust-minidump and
   * symbolic do. Otherwise the {@code PUBLIC} record with the greatest address not above {@code
   * address} names a single frame without file or line. Otherwise the result is empty.
   *
   * @param address a module-relative address
   * @return the frames, innermost first; unmodifiable
   */
  public List<BreakpadFrame> symbolize(long address) {
    Optional<BreakpadFunction> func = functionAt(address);
    if (func.isPresent()) {
      return frames(func.get(), address);
    }
    RangeIndex idx = publicIndex();
    int k = idx.find(address, false);
    if (k >= 0) {
      BreakpadPublic p = parsePublicIndex(idx.record[k]);
      if (p != null) {
        return List.of(new BreakpadFrame(p.name(), p.address(), "", 0, false, true));
      }
    }
    return List.of();
  }

  /**
   * Counts malformed lines. The first call parses the whole file to find them; the result is
   * cached.
   *
   * @return the number of malformed lines
   */
  public long brokenLineCount() {
    Long b = broken;
    if (b == null) {
      long n = scanBroken;
      int[] count = new int[1];
      indexedNames(fileOff, FILE, count);
      indexedNames(originOff, INLINE_ORIGIN, count);
      for (int i = 0; i < funcStart.length; i++) {
        parseFunction(i, count);
      }
      for (int i = 0; i < cfiStart.length; i++) {
        parseCfi(i, count);
      }
      for (long off : publicOff) {
        if (parsePublicAt(off) == null) {
          count[0]++;
        }
      }
      for (long off : winOff) {
        if (parseWin(off) == null) {
          count[0]++;
        }
      }
      b = n + count[0];
      broken = b;
    }
    return b;
  }

  @Override
  public String toString() {
    return "BreakpadSymbols[" + module + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Symbolication

  private List<BreakpadFrame> frames(BreakpadFunction f, long address) {
    String file = "";
    long line = 0;
    for (BreakpadLine l : f.lines()) {
      if (l.contains(address)) {
        file = files().getOrDefault(l.file(), "");
        line = l.line();
        break;
      }
    }
    List<BreakpadInline> chain = new ArrayList<>();
    List<BreakpadInline> inlinees = f.inlinees();
    for (long depth = 0; ; depth++) {
      BreakpadInline found = null;
      for (BreakpadInline in : inlinees) {
        if (in.depth() == depth && in.contains(address)) {
          found = in;
          break;
        }
      }
      if (found == null) {
        break;
      }
      chain.add(found);
    }
    List<BreakpadFrame> out = new ArrayList<>(chain.size() + 1);
    for (int k = chain.size() - 1; k >= 0; k--) {
      BreakpadInline in = chain.get(k);
      long start = address;
      for (BreakpadRange r : in.ranges()) {
        if (r.contains(address)) {
          start = r.address();
          break;
        }
      }
      out.add(new BreakpadFrame(in.name(), start, file, line, true, false));
      file = files().getOrDefault(in.callFile(), "");
      line = in.callLine();
    }
    out.add(new BreakpadFrame(f.name(), f.address(), file, line, false, false));
    return Collections.unmodifiableList(out);
  }

  // ---------------------------------------------------------------------------------------------
  // Indexes

  /** Records sorted by unsigned start address; {@code record[k]} identifies the record. */
  private static final class RangeIndex {
    final long[] start;
    final long[] size;
    final int[] record;

    RangeIndex(long[] start, long[] size, int[] record) {
      this.start = start;
      this.size = size;
      this.record = record;
    }

    int size() {
      return start.length;
    }

    static RangeIndex build(LongList starts, LongList sizes, IntList records) {
      int n = starts.size;
      Integer[] perm = null;
      for (int i = 1; i < n; i++) {
        if (Long.compareUnsigned(starts.data[i - 1], starts.data[i]) > 0) {
          perm = new Integer[n];
          break;
        }
      }
      long[] s = Arrays.copyOf(starts.data, n);
      long[] z = Arrays.copyOf(sizes.data, n);
      int[] r = Arrays.copyOf(records.data, n);
      if (perm != null) {
        for (int i = 0; i < n; i++) {
          perm[i] = i;
        }
        long[] s0 = s;
        Arrays.sort(perm, (a, b) -> Long.compareUnsigned(s0[a], s0[b])); // stable
        long[] s2 = new long[n];
        long[] z2 = new long[n];
        int[] r2 = new int[n];
        for (int i = 0; i < n; i++) {
          s2[i] = s[perm[i]];
          z2[i] = z[perm[i]];
          r2[i] = r[perm[i]];
        }
        s = s2;
        z = z2;
        r = r2;
      }
      return new RangeIndex(s, z, r);
    }

    /**
     * Finds the last entry starting at or before {@code address}; if {@code ranged}, only one
     * whose range covers it.
     */
    int find(long address, boolean ranged) {
      int lo = 0;
      int hi = start.length - 1;
      int best = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (Long.compareUnsigned(start[mid], address) <= 0) {
          best = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (best < 0 || !ranged) {
        return best;
      }
      // Prefer the last-starting covering entry; look back a little for overlapping ranges.
      for (int k = best; k >= 0 && k > best - 64; k--) {
        if (BreakpadRange.covers(start[k], size[k], address)) {
          return k;
        }
      }
      return -1;
    }
  }

  private RangeIndex funcIndex() {
    RangeIndex idx = funcIndex;
    if (idx == null) {
      idx = addressRangeIndex(funcStart, FUNC, true);
      funcIndex = idx;
    }
    return idx;
  }

  private RangeIndex publicIndex() {
    RangeIndex idx = publicIndex;
    if (idx == null) {
      LongList s = new LongList();
      LongList z = new LongList();
      IntList r = new IntList();
      for (int i = 0; i < publicOff.length; i++) {
        BreakpadPublic p = parsePublicAt(publicOff[i]);
        if (p != null) {
          s.add(p.address());
          z.add(0);
          r.add(i);
        }
      }
      idx = RangeIndex.build(s, z, r);
      publicIndex = idx;
    }
    return idx;
  }

  private RangeIndex cfiIndex() {
    RangeIndex idx = cfiIndex;
    if (idx == null) {
      idx = addressRangeIndex(cfiStart, STACK_CFI_INIT, false);
      cfiIndex = idx;
    }
    return idx;
  }

  /**
   * Indexes records of the form {@code KEYWORD [m] address size ...} ({@code FUNC}, with the
   * {@code m} flag, and {@code STACK CFI INIT}) by their address range; malformed lines are left
   * out.
   */
  private RangeIndex addressRangeIndex(long[] starts, byte[] keyword, boolean flagged) {
    LongList s = new LongList();
    LongList z = new LongList();
    IntList r = new IntList();
    Reader rd = new Reader();
    for (int i = 0; i < starts.length; i++) {
      if (rd.line(data, starts[i]) && rd.keyword(keyword)) {
        try {
          if (flagged) {
            rd.flag();
          }
          long a = rd.hex();
          rd.space();
          long size = rd.hex();
          s.add(a);
          z.add(size);
          r.add(i);
        } catch (Malformed | RuntimeException e) {
          // skipped; counted by brokenLineCount
        }
      }
    }
    return RangeIndex.build(s, z, r);
  }

  private void buildWinIndexes() {
    if (winOtherIndex != null && winFrameDataIndex != null) {
      return;
    }
    LongList s4 = new LongList();
    LongList z4 = new LongList();
    IntList r4 = new IntList();
    LongList s0 = new LongList();
    LongList z0 = new LongList();
    IntList r0 = new IntList();
    for (int i = 0; i < winOff.length; i++) {
      BreakpadWin w = parseWin(winOff[i]);
      if (w == null) {
        continue;
      }
      if (w.type() == BreakpadWin.FRAME_DATA) {
        s4.add(w.address());
        z4.add(w.size());
        r4.add(i);
      } else {
        s0.add(w.address());
        z0.add(w.size());
        r0.add(i);
      }
    }
    winFrameDataIndex = RangeIndex.build(s4, z4, r4);
    winOtherIndex = RangeIndex.build(s0, z0, r0);
  }

  // ---------------------------------------------------------------------------------------------
  // Record parsers: never throw; return null (and count) for malformed records.

  private Map<Long, String> indexedNames(long[] offsets, byte[] keyword, int[] brokenCount) {
    Map<Long, String> m = new LinkedHashMap<>();
    Reader rd = new Reader();
    for (long off : offsets) {
      try {
        if (!rd.line(data, off) || !rd.keyword(keyword)) {
          throw Malformed.INSTANCE;
        }
        long index = rd.dec(false);
        String name = rd.atEnd() ? "" : rd.restAfterSpace();
        m.put(index, name);
      } catch (Malformed | RuntimeException e) {
        brokenCount[0]++;
      }
    }
    return Collections.unmodifiableMap(m);
  }

  private BreakpadFunction parseFunction(int i, int[] brokenCount) {
    Reader rd = new Reader();
    if (!rd.block(data, funcStart[i], funcEnd[i])) {
      brokenCount[0]++;
      return null;
    }
    long address;
    long size;
    long params;
    String name;
    boolean multiple;
    try {
      rd.nextLine();
      if (!rd.keyword(FUNC)) {
        throw Malformed.INSTANCE;
      }
      multiple = rd.flag();
      address = rd.hex();
      rd.space();
      size = rd.hex();
      rd.space();
      params = rd.hex();
      name = rd.atEnd() ? "" : rd.restAfterSpace();
    } catch (Malformed | RuntimeException e) {
      brokenCount[0]++;
      return null;
    }
    List<BreakpadLine> lines = new ArrayList<>();
    List<BreakpadInline> inlinees = new ArrayList<>();
    Map<Long, String> originNames = null;
    while (rd.nextLine()) {
      if (rd.isEmptyLine()) {
        continue;
      }
      try {
        if (rd.keyword(INLINE)) {
          if (originNames == null) {
            originNames = inlineOrigins();
          }
          inlinees.add(parseInline(rd, originNames));
        } else {
          long a = rd.hex();
          rd.space();
          long s = rd.hex();
          rd.space();
          long line = rd.dec(true);
          rd.space();
          long file = rd.dec(false);
          rd.end();
          lines.add(new BreakpadLine(a, s, line, file));
        }
      } catch (Malformed | RuntimeException e) {
        brokenCount[0]++;
      }
    }
    return new BreakpadFunction(address, size, params, name, multiple, lines, inlinees);
  }

  private static BreakpadInline parseInline(Reader rd, Map<Long, String> originNames)
      throws Malformed {
    List<Long> numbers = new ArrayList<>();
    // Count the fields first: 4 decimals then pairs (new format) or 3 decimals then pairs (old).
    int fields = rd.countFields();
    if (fields < 5) {
      throw Malformed.INSTANCE;
    }
    int decimals = (fields % 2 == 0) ? 4 : 3;
    for (int k = 0; k < decimals; k++) {
      if (k > 0) {
        rd.space();
      }
      numbers.add(rd.dec(k == 1));
    }
    List<BreakpadRange> ranges = new ArrayList<>();
    while (!rd.atEnd()) {
      rd.space();
      if (rd.atEnd()) {
        break;
      }
      long a = rd.hex();
      rd.space();
      long s = rd.hex();
      ranges.add(new BreakpadRange(a, s));
    }
    if (ranges.isEmpty()) {
      throw Malformed.INSTANCE;
    }
    long depth = numbers.get(0);
    long callLine = numbers.get(1);
    long callFile = decimals == 4 ? numbers.get(2) : -1;
    long origin = numbers.get(decimals - 1);
    String name = originNames.getOrDefault(origin, "");
    return new BreakpadInline(depth, callLine, callFile, origin, name, ranges);
  }

  private BreakpadPublic parsePublicAt(long off) {
    Reader rd = new Reader();
    try {
      if (!rd.line(data, off) || !rd.keyword(PUBLIC)) {
        return null;
      }
      boolean multiple = rd.flag();
      long address = rd.hex();
      rd.space();
      long params = rd.hex();
      String name = rd.atEnd() ? "" : rd.restAfterSpace();
      return new BreakpadPublic(address, params, name, multiple);
    } catch (Malformed | RuntimeException e) {
      return null;
    }
  }

  private BreakpadPublic parsePublicIndex(int index) {
    return parsePublicAt(publicOff[index]);
  }

  private BreakpadCfi parseCfi(int i, int[] brokenCount) {
    Reader rd = new Reader();
    if (!rd.block(data, cfiStart[i], cfiEnd[i])) {
      brokenCount[0]++;
      return null;
    }
    long address;
    long size;
    String rules;
    try {
      rd.nextLine();
      if (!rd.keyword(STACK_CFI_INIT)) {
        throw Malformed.INSTANCE;
      }
      address = rd.hex();
      rd.space();
      size = rd.hex();
      rules = rd.atEnd() ? "" : rd.restAfterSpace();
    } catch (Malformed | RuntimeException e) {
      brokenCount[0]++;
      return null;
    }
    List<BreakpadCfiDelta> deltas = new ArrayList<>();
    while (rd.nextLine()) {
      if (rd.isEmptyLine()) {
        continue;
      }
      try {
        if (!rd.keyword(STACK_CFI)) {
          throw Malformed.INSTANCE;
        }
        long a = rd.hex();
        String r = rd.atEnd() ? "" : rd.restAfterSpace();
        deltas.add(new BreakpadCfiDelta(a, r));
      } catch (Malformed | RuntimeException e) {
        brokenCount[0]++;
      }
    }
    return new BreakpadCfi(address, size, rules, deltas);
  }

  private BreakpadWin parseWin(long off) {
    Reader rd = new Reader();
    try {
      if (!rd.line(data, off) || !rd.keyword(STACK_WIN)) {
        return null;
      }
      long type = rd.hex();
      long[] f = new long[8];
      for (int k = 0; k < 8; k++) {
        rd.space();
        f[k] = rd.hex();
      }
      rd.space();
      long hasProgram = rd.hex();
      if (type > 0xff || (hasProgram != 0 && hasProgram != 1)) {
        return null;
      }
      Optional<String> program = Optional.empty();
      boolean allocatesBp = false;
      if (hasProgram == 1) {
        program = Optional.of(rd.atEnd() ? "" : rd.restAfterSpace());
      } else {
        rd.space();
        allocatesBp = rd.hex() != 0;
        rd.end();
      }
      return new BreakpadWin(
          (int) type, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], program, allocatesBp);
    } catch (Malformed | RuntimeException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scanning

  private static final class Scanner {
    final ByteView data;
    BreakpadModule module;
    CodeId codeId;
    String codeFile;
    String generator;
    int broken;
    final LongList files = new LongList();
    final LongList origins = new LongList();
    final LongList funcStart = new LongList();
    final LongList funcEnd = new LongList();
    final LongList publics = new LongList();
    final LongList cfiStart = new LongList();
    final LongList cfiEnd = new LongList();
    final LongList wins = new LongList();

    Scanner(ByteView data) {
      this.data = data;
    }

    void run() {
      long len = data.length();
      long pos = data.startsWith(0, BOM) ? BOM.length : 0;
      // The first non-empty line must be MODULE.
      while (true) {
        if (pos >= len) {
          throw new DebugInfoException(pos, "no MODULE record in Breakpad symbols");
        }
        long nl = data.indexOf((byte) '\n', pos, len);
        long end = nl < 0 ? len : nl;
        if (lineLength(pos, end) == 0) {
          pos = nl < 0 ? len : nl + 1;
          continue;
        }
        module = parseModule(pos, end);
        pos = nl < 0 ? len : nl + 1;
        break;
      }
      final int none = 0;
      final int func = 1;
      final int cfi = 2;
      int block = none;
      while (pos < len) {
        long nl = data.indexOf((byte) '\n', pos, len);
        long end = nl < 0 ? len : nl;
        long next = nl < 0 ? len : nl + 1;
        if (lineLength(pos, end) == 0) {
          pos = next;
          continue;
        }
        byte c = data.get(pos);
        int newBlock = -1; // -1: the line belongs to the current block (or is broken)
        switch (c) {
          case 'F':
            if (data.startsWith(pos, FUNC)) {
              funcStart.add(pos);
              newBlock = func;
            } else if (data.startsWith(pos, FILE)) {
              files.add(pos);
              newBlock = none;
            }
            break;
          case 'I':
            if (data.startsWith(pos, INLINE_ORIGIN)) {
              origins.add(pos);
              newBlock = none;
            } else if (data.startsWith(pos, INLINE)) {
              if (block != func) {
                broken++;
                newBlock = none;
              }
            } else if (data.startsWith(pos, INFO)) {
              info(pos, end);
              newBlock = none;
            }
            break;
          case 'P':
            if (data.startsWith(pos, PUBLIC)) {
              publics.add(pos);
              newBlock = none;
            }
            break;
          case 'S':
            if (data.startsWith(pos, STACK_CFI_INIT)) {
              cfiStart.add(pos);
              newBlock = cfi;
            } else if (data.startsWith(pos, STACK_CFI)) {
              if (block != cfi) {
                broken++;
                newBlock = none;
              }
            } else if (data.startsWith(pos, STACK_WIN)) {
              wins.add(pos);
              newBlock = none;
            }
            break;
          case 'M':
            if (data.startsWith(pos, MODULE)) {
              broken++; // a second MODULE record
              newBlock = none;
            }
            break;
          default:
            break;
        }
        if (newBlock == -1) {
          if (block == none) {
            broken++; // a line record, delta or junk outside of any block
          }
        } else {
          closeBlock(block, pos);
          block = newBlock;
        }
        pos = next;
      }
      closeBlock(block, len);
    }

    private void closeBlock(int block, long end) {
      if (block == 1) {
        funcEnd.add(end);
      } else if (block == 2) {
        cfiEnd.add(end);
      }
    }

    /** The length of {@code [pos, end)} without a trailing CR. */
    private long lineLength(long pos, long end) {
      if (end > pos && data.get(end - 1) == '\r') {
        end--;
      }
      return end - pos;
    }

    private BreakpadModule parseModule(long pos, long end) {
      Reader rd = new Reader();
      try {
        if (!rd.line(data, pos) || !rd.keyword(MODULE)) {
          throw Malformed.INSTANCE;
        }
        String os = rd.token();
        rd.space();
        String arch = rd.token();
        rd.space();
        String id = rd.token();
        String name = rd.atEnd() ? "" : rd.restAfterSpace();
        DebugId debugId = DebugId.parse(id);
        return new BreakpadModule(os, Arch.parse(arch).orElse(Arch.UNKNOWN), arch, debugId, name);
      } catch (Malformed | RuntimeException e) {
        throw new DebugInfoException(pos, "invalid Breakpad MODULE record");
      }
    }

    private void info(long pos, long end) {
      Reader rd = new Reader();
      try {
        if (!rd.line(data, pos) || !rd.keyword(INFO)) {
          throw Malformed.INSTANCE;
        }
        String kind = rd.token();
        if (kind.equals("CODE_ID")) {
          rd.space();
          String id = rd.token();
          String file = rd.atEnd() ? null : rd.restAfterSpace();
          CodeId parsed = CodeId.parse(id);
          if (codeId == null) {
            codeId = parsed;
            codeFile = file;
          }
        } else if (kind.equals("GENERATOR")) {
          String g = rd.atEnd() ? "" : rd.restAfterSpace();
          if (generator == null) {
            generator = g;
          }
        }
        // Other INFO records are allowed and ignored.
      } catch (Malformed | RuntimeException e) {
        broken++;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Tokenizer

  /** Thrown by the tokenizer for malformed fields; preallocated and stackless, never escapes. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    static final Malformed INSTANCE = new Malformed();

    private Malformed() {
      super("malformed", null, false, false);
    }
  }

  /** Reads fields of the lines of a copied block of bytes. */
  private static final class Reader {
    private byte[] buf = new byte[0];
    private int bufEnd;
    private int nextLine;
    private int pos;
    private int end;

    /** Loads the single line at {@code off}; false if it cannot be loaded. */
    boolean line(ByteView data, long off) {
      long nl = data.indexOf((byte) '\n', off, data.length());
      long e = nl < 0 ? data.length() : nl;
      return block(data, off, e) && nextLine();
    }

    /** Loads {@code [start, stop)} of {@code data}; false if it is too large for an array. */
    boolean block(ByteView data, long start, long stop) {
      long n = stop - start;
      if (n < 0 || n > MAX_CHUNK) {
        return false;
      }
      if (buf.length < n) {
        buf = new byte[(int) n];
      }
      data.copyTo(start, buf, 0, (int) n);
      bufEnd = (int) n;
      nextLine = 0;
      return true;
    }

    /** Moves to the next line of the block, false at the end. */
    boolean nextLine() {
      if (nextLine >= bufEnd) {
        return false;
      }
      pos = nextLine;
      int e = pos;
      while (e < bufEnd && buf[e] != '\n') {
        e++;
      }
      nextLine = e + 1;
      if (e > pos && buf[e - 1] == '\r') {
        e--;
      }
      end = e;
      return true;
    }

    boolean isEmptyLine() {
      return pos == end;
    }

    boolean atEnd() {
      return pos >= end;
    }

    /** Consumes {@code kw} (which ends with a space) and any further spaces if present. */
    boolean keyword(byte[] kw) {
      if (end - pos < kw.length) {
        return false;
      }
      for (int i = 0; i < kw.length; i++) {
        if (buf[pos + i] != kw[i]) {
          return false;
        }
      }
      pos += kw.length;
      skipSpaces();
      return true;
    }

    /** Consumes an {@code m} flag and its spaces if present. */
    boolean flag() {
      if (end - pos >= 2 && buf[pos] == 'm' && isSpace(buf[pos + 1])) {
        pos++;
        skipSpaces();
        return true;
      }
      return false;
    }

    private static boolean isSpace(byte b) {
      return b == ' ' || b == '\t';
    }

    private void skipSpaces() {
      while (pos < end && isSpace(buf[pos])) {
        pos++;
      }
    }

    /** Requires at least one space and skips all. */
    void space() throws Malformed {
      if (pos >= end || !isSpace(buf[pos])) {
        throw Malformed.INSTANCE;
      }
      skipSpaces();
    }

    void end() throws Malformed {
      skipSpaces();
      if (pos != end) {
        throw Malformed.INSTANCE;
      }
    }

    /** Counts the space-separated fields left on the line without consuming them. */
    int countFields() {
      int n = 0;
      boolean in = false;
      for (int i = pos; i < end; i++) {
        boolean sp = isSpace(buf[i]);
        if (!sp && !in) {
          n++;
        }
        in = !sp;
      }
      return n;
    }

    /** Reads up to 64 bits of hex digits (at least one); a following field needs a space. */
    long hex() throws Malformed {
      int start = pos;
      long v = 0;
      int significant = 0;
      while (pos < end) {
        int d = Character.digit(buf[pos], 16);
        if (d < 0) {
          break;
        }
        if (significant > 0 || d != 0) {
          if (++significant > 16) {
            throw Malformed.INSTANCE;
          }
        }
        v = v << 4 | d;
        pos++;
      }
      if (pos == start || (pos < end && !isSpace(buf[pos]))) {
        throw Malformed.INSTANCE;
      }
      return v;
    }

    /** Reads a decimal number, optionally signed, that fits a long. */
    long dec(boolean signed) throws Malformed {
      boolean negative = false;
      if (signed && pos < end && buf[pos] == '-') {
        negative = true;
        pos++;
      }
      int start = pos;
      long v = 0;
      while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
        int d = buf[pos] - '0';
        if (v > (Long.MAX_VALUE - d) / 10) {
          throw Malformed.INSTANCE;
        }
        v = v * 10 + d;
        pos++;
      }
      if (pos == start || (pos < end && !isSpace(buf[pos]))) {
        throw Malformed.INSTANCE;
      }
      return negative ? -v : v;
    }

    /** Reads a field up to the next space. */
    String token() throws Malformed {
      int start = pos;
      while (pos < end && !isSpace(buf[pos])) {
        pos++;
      }
      if (pos == start) {
        throw Malformed.INSTANCE;
      }
      return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    /** Requires a separator, then returns the rest of the line (which may contain spaces). */
    String restAfterSpace() throws Malformed {
      if (pos >= end || !isSpace(buf[pos])) {
        throw Malformed.INSTANCE;
      }
      pos++; // exactly one separator; further spaces belong to the name
      String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
      pos = end;
      return s;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Utilities

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static final class LongList {
    long[] data = new long[16];
    int size;

    void add(long v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }

  private static final class IntList {
    int[] data = new int[16];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }
  }
}
