package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.util.Arrays;
import java.util.Optional;

/**
 * The line table of one compile unit (DWARF 2-5 {@code .debug_line}), executed into rows held in
 * primitive arrays. Rows are grouped into sequences; sequences are sorted by their end address
 * and rows within a sequence by address, so an address maps to a row by binary search.
 */
public final class DwarfLineTable {
  private static final int MAX_ENTRIES = 1 << 22;

  private final int version;
  private final String compDir;
  private String[] dirs = new String[0];
  private String[] fileNames = new String[0];
  private long[] fileDirs = new long[0];
  private int fileCount;
  /**
   * Joined paths by file, per {@link PathKind}, filled as they are asked for: symbolizing asks
   * for the same few files over and over, and joining allocated more than anything else.
   * Threads may race to fill a slot; they store equal strings, which are safe to publish.
   */
  private String[] absolutePaths;
  private String[] relativePaths;

  private int rowCount;
  private long[] addr = new long[64];
  private int[] file = new int[64];
  private int[] line = new int[64];
  private int[] column = new int[64];
  private int[] discr = new int[64];
  private boolean[] endSeq = new boolean[64];

  private long[] seqLow;
  private long[] seqHigh;
  private int[] seqStart;
  private int[] seqEnd;

  private DwarfLineTable(int version, String compDir) {
    this.version = version;
    this.compDir = compDir;
  }

  static DwarfLineTable parse(Dwarf dwarf, DwarfUnit unit, long offset, String compDir) {
    ByteView sec = dwarf.line;
    DwarfCursor c = DwarfCursor.sequential(sec, dwarf.le, offset);
    boolean[] f64 = new boolean[1];
    long length = c.unitLength(f64);
    boolean dwarf64 = f64[0];
    long end = c.pos + length;
    int version = c.u16();
    if (version < 2 || version > 5) {
      throw new DebugInfoException(offset, "unsupported line table version " + version);
    }
    DwarfLineTable t = new DwarfLineTable(version, compDir);
    int addressSize = unit.addressSize();
    if (version >= 5) {
      int as = c.u8();
      if (as == 2 || as == 4 || as == 8) {
        addressSize = as;
      }
      c.u8(); // segment selector size
    }
    long headerLength = c.offset(dwarf64);
    long programStart = c.pos + headerLength;
    if (headerLength < 0 || programStart > end) {
      throw new DebugInfoException(c.pos, "line table header past end");
    }
    int minInst = c.u8();
    if (version >= 4) {
      c.u8(); // maximum_operations_per_instruction
    }
    boolean defaultIsStmt = c.u8() != 0;
    int lineBase = (byte) c.u8();
    int lineRange = c.u8();
    int opcodeBase = c.u8();
    int[] opLengths = new int[Math.max(opcodeBase, 1)];
    for (int i = 1; i < opcodeBase; i++) {
      opLengths[i] = c.u8();
    }
    if (version >= 5) {
      t.readEntries5(dwarf, unit, c, dwarf64, true);
      t.readEntries5(dwarf, unit, c, dwarf64, false);
    } else {
      int nd = 0;
      String[] ds = new String[8];
      while (c.pos < programStart) {
        String s = c.cstring();
        if (s.isEmpty()) {
          break;
        }
        if (nd == ds.length) {
          ds = Arrays.copyOf(ds, nd * 2);
        }
        ds[nd++] = s;
      }
      t.dirs = Arrays.copyOf(ds, nd);
      while (c.pos < programStart) {
        String s = c.cstring();
        if (s.isEmpty()) {
          break;
        }
        long dir = c.uleb();
        c.uleb();
        c.uleb();
        t.addFile(s, dir);
      }
    }
    t.run(DwarfCursor.sequential(sec.slice(0, end), dwarf.le, programStart), addressSize, minInst,
        defaultIsStmt, lineBase, lineRange, opcodeBase, opLengths);
    t.buildSequences();
    return t;
  }

  private void addFile(String name, long dir) {
    int n = fileCount;
    if (n >= MAX_ENTRIES) {
      throw new DebugInfoException(-1, "too many line table files");
    }
    if (n == fileNames.length) {
      fileNames = Arrays.copyOf(fileNames, Math.max(8, n * 2));
      fileDirs = Arrays.copyOf(fileDirs, Math.max(8, n * 2));
    }
    fileNames[n] = name;
    fileDirs[n] = dir;
    fileCount++;
  }

  private void readEntries5(
      Dwarf dwarf, DwarfUnit unit, DwarfCursor c, boolean dwarf64, boolean directories) {
    int formatCount = c.u8();
    long[] types = new long[formatCount];
    int[] forms = new int[formatCount];
    for (int i = 0; i < formatCount; i++) {
      types[i] = c.uleb();
      forms[i] = (int) Math.min(c.uleb(), Integer.MAX_VALUE);
    }
    long count = c.uleb();
    if (count < 0 || count > c.remaining() || count > MAX_ENTRIES) {
      throw new DebugInfoException(c.pos, "bad line table entry count " + count);
    }
    String[] names = new String[(int) count];
    long[] dirIdx = new long[(int) count];
    for (int e = 0; e < count; e++) {
      String name = null;
      long dir = 0;
      for (int i = 0; i < formatCount; i++) {
        int form = forms[i];
        String s = null;
        long v = 0;
        switch (form) {
          case DwarfConstants.FORM_STRING:
            s = c.cstring();
            break;
          case DwarfConstants.FORM_LINE_STRP:
            s = dwarf.lineStr.cstring(c.offset(dwarf64));
            break;
          case DwarfConstants.FORM_STRP:
            s = dwarf.str.cstring(c.offset(dwarf64));
            break;
          case DwarfConstants.FORM_STRX:
          case DwarfConstants.FORM_STRX1:
          case DwarfConstants.FORM_STRX2:
          case DwarfConstants.FORM_STRX3:
          case DwarfConstants.FORM_STRX4:
            long idx = form == DwarfConstants.FORM_STRX ? c.uleb() : c.uN(form - 0x24);
            s = dwarf.string(unit, DwarfConstants.FORM_STRX, idx);
            break;
          case DwarfConstants.FORM_UDATA:
            v = c.uleb();
            break;
          case DwarfConstants.FORM_DATA1:
            v = c.u8();
            break;
          case DwarfConstants.FORM_DATA2:
            v = c.u16();
            break;
          case DwarfConstants.FORM_DATA4:
            v = c.u32();
            break;
          case DwarfConstants.FORM_DATA8:
            v = c.u64();
            break;
          case DwarfConstants.FORM_DATA16:
            c.skip(16);
            break;
          case DwarfConstants.FORM_BLOCK:
            c.skip(c.uleb());
            break;
          default:
            throw new DebugInfoException(c.pos, "unsupported form in line table header " + form);
        }
        if (types[i] == 1) { // DW_LNCT_path
          name = s;
        } else if (types[i] == 2) { // DW_LNCT_directory_index
          dir = v;
        }
      }
      names[e] = name == null ? "" : name;
      dirIdx[e] = dir;
    }
    if (directories) {
      dirs = names;
    } else {
      fileNames = names;
      fileDirs = dirIdx;
      fileCount = names.length;
    }
  }

  private void run(
      DwarfCursor c,
      int addressSize,
      int minInst,
      boolean defaultIsStmt,
      int lineBase,
      int lineRange,
      int opcodeBase,
      int[] opLengths) {
    // A row takes at least one byte of program, and about five in compilers' output: sized for
    // one per four bytes, the arrays rarely regrow.
    sizeRows((int) Math.min(1 << 20, c.remaining() / 4 + 64));
    long address = 0;
    int fileIdx = 1;
    int lineNo = 1;
    int col = 0;
    int disc = 0;
    while (c.hasRemaining()) {
      int op = c.u8();
      if (op >= opcodeBase) {
        int adj = op - opcodeBase;
        if (lineRange != 0) {
          address += (long) (adj / lineRange) * minInst;
          lineNo += lineBase + adj % lineRange;
        }
        emit(address, fileIdx, lineNo, col, disc, false);
        disc = 0;
      } else if (op == 0) {
        long len = c.uleb();
        if (len <= 0 || len > c.remaining()) {
          throw new DebugInfoException(c.pos, "bad extended opcode length " + len);
        }
        long next = c.pos + len;
        int sub = c.u8();
        switch (sub) {
          case 1: // DW_LNE_end_sequence
            emit(address, fileIdx, lineNo, col, disc, true);
            address = 0;
            fileIdx = 1;
            lineNo = 1;
            col = 0;
            disc = 0;
            break;
          case 2: // DW_LNE_set_address
            int n = (int) (len - 1);
            address = (n == 1 || n == 2 || n == 4 || n == 8) ? c.uN(n) : c.uN(addressSize);
            break;
          case 3: // DW_LNE_define_file
            String s = c.cstring();
            long dir = c.uleb();
            addFile(s, dir);
            break;
          case 4: // DW_LNE_set_discriminator
            disc = (int) c.uleb();
            break;
          default:
            break;
        }
        c.pos = next;
      } else {
        switch (op) {
          case 1: // copy
            emit(address, fileIdx, lineNo, col, disc, false);
            disc = 0;
            break;
          case 2: // advance_pc
            address += c.uleb() * minInst;
            break;
          case 3: // advance_line
            lineNo += (int) c.sleb();
            break;
          case 4: // set_file
            fileIdx = (int) c.uleb();
            break;
          case 5: // set_column
            col = (int) c.uleb();
            break;
          case 6: // negate_stmt
          case 7: // set_basic_block
          case 10: // set_prologue_end
          case 11: // set_epilogue_begin
            break;
          case 8: // const_add_pc
            if (lineRange != 0) {
              address += (long) ((255 - opcodeBase) / lineRange) * minInst;
            }
            break;
          case 9: // fixed_advance_pc
            address += c.u16();
            break;
          case 12: // set_isa
            c.uleb();
            break;
          default:
            for (int i = 0; i < opLengths[op]; i++) {
              c.uleb();
            }
            break;
        }
      }
    }
  }

  private void emit(long a, int f, int l, int col, int d, boolean end) {
    if (rowCount == addr.length) {
      sizeRows(rowCount * 2);
    }
    addr[rowCount] = a;
    file[rowCount] = f;
    line[rowCount] = l;
    column[rowCount] = col;
    discr[rowCount] = d;
    endSeq[rowCount] = end;
    rowCount++;
  }

  private void sizeRows(int len) {
    if (len > addr.length) {
      addr = Arrays.copyOf(addr, len);
      file = Arrays.copyOf(file, len);
      line = Arrays.copyOf(line, len);
      column = Arrays.copyOf(column, len);
      discr = Arrays.copyOf(discr, len);
      endSeq = Arrays.copyOf(endSeq, len);
    }
  }

  private void buildSequences() {
    // Find sequences [start, end] where end is an end_sequence row.
    int n = 0;
    int[] starts = new int[16];
    int[] ends = new int[16];
    int start = 0;
    for (int i = 0; i < rowCount; i++) {
      if (endSeq[i]) {
        if (Long.compareUnsigned(addr[start], addr[i]) < 0) {
          if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
            ends = Arrays.copyOf(ends, n * 2);
          }
          starts[n] = start;
          ends[n] = i + 1;
          n++;
        }
        start = i + 1;
      }
    }
    long[] highs = new long[n];
    for (int s = 0; s < n; s++) {
      highs[s] = addr[ends[s] - 1] ^ Long.MIN_VALUE;
    }
    int[] order = DwarfSort.sortIndices(highs, n);
    int total = 0;
    for (int s = 0; s < n; s++) {
      total += ends[s] - starts[s];
    }
    long[] a2 = new long[total];
    int[] f2 = new int[total];
    int[] l2 = new int[total];
    int[] c2 = new int[total];
    int[] d2 = new int[total];
    boolean[] e2 = new boolean[total];
    seqLow = new long[n];
    seqHigh = new long[n];
    seqStart = new int[n];
    seqEnd = new int[n];
    int k = 0;
    for (int s = 0; s < n; s++) {
      int o = order[s];
      int len = ends[o] - starts[o];
      System.arraycopy(addr, starts[o], a2, k, len);
      System.arraycopy(file, starts[o], f2, k, len);
      System.arraycopy(line, starts[o], l2, k, len);
      System.arraycopy(column, starts[o], c2, k, len);
      System.arraycopy(discr, starts[o], d2, k, len);
      System.arraycopy(endSeq, starts[o], e2, k, len);
      seqStart[s] = k;
      seqEnd[s] = k + len;
      seqLow[s] = a2[k] ^ Long.MIN_VALUE;
      seqHigh[s] = a2[k + len - 1] ^ Long.MIN_VALUE;
      k += len;
    }
    addr = a2;
    file = f2;
    line = l2;
    column = c2;
    discr = d2;
    endSeq = e2;
    rowCount = total;
  }

  /**
   * Finds the row describing an address: in the first sequence (by end address) that ends after
   * it, the last row at or before it.
   *
   * @param address the address
   * @return the row index, or -1 if no sequence covers the address
   */
  public int lookup(long address) {
    long a = address ^ Long.MIN_VALUE;
    int lo = 0;
    int hi = seqHigh.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (seqHigh[mid] <= a) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= seqHigh.length || seqLow[lo] > a) {
      return -1;
    }
    int first = seqStart[lo];
    int r0 = first + 1;
    int r1 = seqEnd[lo] - 1; // exclude the end_sequence row
    while (r0 < r1) {
      int mid = (r0 + r1) >>> 1;
      if ((addr[mid] ^ Long.MIN_VALUE) <= a) {
        r0 = mid + 1;
      } else {
        r1 = mid;
      }
    }
    return r0 - 1;
  }

  /**
   * Returns the line table version.
   *
   * @return 2 to 5
   */
  public int version() {
    return version;
  }

  /**
   * Returns the number of rows, end-of-sequence rows included.
   *
   * @return the row count
   */
  public int rowCount() {
    return rowCount;
  }

  /**
   * Returns a row's address.
   *
   * @param row the row index
   * @return the address
   */
  public long address(int row) {
    return addr[row];
  }

  /**
   * Returns a row's file index (1-based before DWARF 5, 0-based in DWARF 5).
   *
   * @param row the row index
   * @return the file index
   */
  public int file(int row) {
    return file[row];
  }

  /**
   * Returns a row's line.
   *
   * @param row the row index
   * @return the line, 0 if unknown
   */
  public int line(int row) {
    return line[row];
  }

  /**
   * Returns a row's column.
   *
   * @param row the row index
   * @return the column, 0 if unknown
   */
  public int column(int row) {
    return column[row];
  }

  /**
   * Returns a row's discriminator.
   *
   * @param row the row index
   * @return the discriminator, 0 if none
   */
  public int discriminator(int row) {
    return discr[row];
  }

  /**
   * Tells whether a row ends a sequence (its address is one past the sequence).
   *
   * @param row the row index
   * @return true for end_sequence rows
   */
  public boolean isEndSequence(int row) {
    return endSeq[row];
  }

  /**
   * Returns the number of file entries.
   *
   * @return the count
   */
  public int fileCount() {
    return fileCount;
  }

  /** How {@link #fileName(long, PathKind)} joins a file name with the directories above it. */
  public enum PathKind {
    /**
     * Joined with its include directory and the compilation directory: llvm's {@code
     * AbsoluteFilePath}, what llvm-symbolizer prints by default.
     */
    ABSOLUTE,
    /**
     * Joined with its include directory only, never with the compilation directory: llvm's {@code
     * RelativeFilePath}, what {@code llvm-symbolizer --relativenames} prints. A name or include
     * directory that is absolute still gives an absolute path.
     */
    RELATIVE
  }

  /**
   * Returns the full path of a file, joined with its include directory and the compilation
   * directory the way llvm-symbolizer does.
   *
   * @param index the file index as used by rows and DW_AT_call_file / DW_AT_decl_file
   * @return the path, or empty if the index is invalid
   */
  public Optional<String> fileName(long index) {
    return fileName(index, PathKind.ABSOLUTE);
  }

  /**
   * Returns the path of a file as llvm's {@code Prologue::getFileNameByIndex} builds it for
   * {@code kind}: an absolute file name as it is, else the name under its include directory
   * and, for {@link PathKind#ABSOLUTE}, under the compilation directory.
   *
   * @param index the file index as used by rows and DW_AT_call_file / DW_AT_decl_file
   * @param kind which directories to join
   * @return the path, or empty if the index is invalid
   */
  public Optional<String> fileName(long index, PathKind kind) {
    long i = version >= 5 ? index : index - 1;
    if (i < 0 || i >= fileCount) {
      return Optional.empty();
    }
    boolean absolute = kind == PathKind.ABSOLUTE;
    String[] joined = absolute ? absolutePaths : relativePaths;
    if (joined == null) {
      joined = new String[fileCount];
      if (absolute) {
        absolutePaths = joined;
      } else {
        relativePaths = joined;
      }
    }
    String path = joined[(int) i];
    if (path == null) {
      path = join((int) i, absolute);
      joined[(int) i] = path;
    }
    return Optional.of(path);
  }

  private String join(int i, boolean absolute) {
    String name = fileNames[i];
    if (isAbsolute(name)) {
      return name;
    }
    long dirIdx = fileDirs[i];
    String includeDir = "";
    if (version >= 5) {
      // DWARF 5 directory 0 is the compilation directory, which a relative path leaves out.
      if ((absolute || dirIdx != 0) && dirIdx >= 0 && dirIdx < dirs.length) {
        includeDir = dirs[(int) dirIdx];
      }
    } else if (dirIdx > 0 && dirIdx <= dirs.length) {
      includeDir = dirs[(int) dirIdx - 1];
    }
    String path = "";
    if (absolute && (version < 5 || dirIdx != 0) && compDir != null && !compDir.isEmpty()
        && !isAbsolute(includeDir)) {
      path = compDir;
    }
    path = append(path, includeDir);
    return append(path, name);
  }

  /**
   * The file as the table records it, without joining: its name and its include directory
   * (for DWARF 2-4, directory 0 is the compilation directory).
   */
  FileInfo fileInfo(long index) {
    long i = version >= 5 ? index : index - 1;
    if (i < 0 || i >= fileCount) {
      return new FileInfo("", "");
    }
    long dirIdx = fileDirs[(int) i];
    String dir = "";
    if (version >= 5) {
      if (dirIdx >= 0 && dirIdx < dirs.length) {
        dir = dirs[(int) dirIdx];
      }
    } else if (dirIdx > 0 && dirIdx <= dirs.length) {
      dir = dirs[(int) dirIdx - 1];
    } else if (dirIdx == 0 && compDir != null) {
      dir = compDir;
    }
    return new FileInfo(fileNames[(int) i], dir);
  }

  /** The file indexes valid for {@link #fileInfo(long)}, in table order. */
  long firstFileIndex() {
    return version >= 5 ? 0 : 1;
  }

  int sequenceCount() {
    return seqStart.length;
  }

  /** The first row of sequence {@code s} (sequences sorted by end address). */
  int sequenceStart(int s) {
    return seqStart[s];
  }

  /** One past the last row of sequence {@code s}; the last row is the end_sequence row. */
  int sequenceEnd(int s) {
    return seqEnd[s];
  }

  static boolean isAbsolute(String p) {
    if (p.startsWith("/") || p.startsWith("\\")) {
      return true;
    }
    return p.length() >= 3
        && p.charAt(1) == ':'
        && (p.charAt(2) == '\\' || p.charAt(2) == '/')
        && Character.isLetter(p.charAt(0));
  }

  private static String append(String path, String component) {
    if (component.isEmpty()) {
      return path;
    }
    boolean pathHasSep = !path.isEmpty() && path.charAt(path.length() - 1) == '/';
    boolean compHasSep = component.charAt(0) == '/';
    if (!pathHasSep && !path.isEmpty() && !compHasSep) {
      return path + "/" + component;
    }
    return path + component;
  }
}
