package dev.symbolic.debuginfo;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.common.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The call frame information of one section: {@code .eh_frame} (LSB) or {@code .debug_frame}
 * (DWARF 2-5, CIE versions 1, 3 and 4, 32- and 64-bit format), parsed lazily from offsets.
 *
 * <p>{@link #fdes()} walks the entries in file order. An FDE whose contents are malformed (bad
 * CIE pointer, unknown augmentation, unresolvable pointer) is skipped, as symbolic-cfi skips it; a
 * broken entry length ends the walk with a {@link DebugInfoException}. {@link #rowFor} finds the
 * FDE of an address through the {@code .eh_frame_hdr} search table when there is one, else through
 * an index of all FDEs built on first use.
 *
 * <p>Thread-safe: instances hold no mutable state besides the lazily built index.
 */
public final class UnwindInfo {
  /** The most rules (counting each row's CFA) {@link #rows} materializes for one FDE. */
  static final long MAX_TABLE_RULES = 1L << 22;

  private final ByteView section;
  private final boolean ehFrame;
  private final boolean le;
  private final boolean aarch64;
  private final UnwindPointerReader pointers;
  private final Optional<SearchTable> searchTable;
  private volatile FdeIndex index;

  /** The {@code .eh_frame_hdr} table: sorted (initial location, FDE address) pairs. */
  private record SearchTable(
      ByteView hdr, UnwindPointerReader pointers, int encoding, long tableOffset, long count) {}

  /** All FDEs sorted by address. */
  private record FdeIndex(long[] starts, long[] offsets) {}

  private UnwindInfo(ByteView section, boolean ehFrame, boolean le, boolean aarch64,
      UnwindPointerReader pointers, Optional<SearchTable> searchTable) {
    this.section = section;
    this.ehFrame = ehFrame;
    this.le = le;
    this.aarch64 = aarch64;
    this.pointers = pointers;
    this.searchTable = searchTable;
  }

  /**
   * The {@code .eh_frame} of an ELF file, with its {@code .eh_frame_hdr} search table if usable.
   *
   * @param elf the file
   * @return the unwind info, or empty if the file has no {@code .eh_frame} contents
   * @throws DebugInfoException if the section lies outside the file
   */
  public static Optional<UnwindInfo> ehFrame(ElfFile elf) {
    Optional<ElfSection> header = elf.sectionHeader(".eh_frame");
    Optional<ByteView> data = elf.section(".eh_frame");
    if (header.isEmpty() || data.isEmpty() || data.get().isEmpty()) {
      return Optional.empty();
    }
    long address = header.get().address();
    int addressSize = addressSize(elf);
    boolean le = elf.isLittleEndian();
    UnwindPointerReader pointers = new UnwindPointerReader(address, addressSize,
        sectionAddress(elf, ".text"), -1, Optional.of(elf));
    Optional<SearchTable> table = Optional.empty();
    Optional<ElfSection> hdrHeader = elf.sectionHeader(".eh_frame_hdr");
    if (hdrHeader.isPresent() && !hdrHeader.get().isNoBits()) {
      long hdrAddress = hdrHeader.get().address();
      table = searchTable(elf.rawData(hdrHeader.get()), le, new UnwindPointerReader(hdrAddress,
          addressSize, -1, hdrAddress, Optional.of(elf)));
    }
    return Optional.of(new UnwindInfo(data.get(), true, le, isAarch64(elf.arch()), pointers,
        table));
  }

  /**
   * The {@code .debug_frame} of an ELF file (decompressed if needed).
   *
   * @param elf the file
   * @return the unwind info, or empty if the file has no {@code .debug_frame} contents
   * @throws DebugInfoException if the section lies outside the file or fails to decompress
   */
  public static Optional<UnwindInfo> debugFrame(ElfFile elf) {
    Optional<ByteView> data = elf.section(".debug_frame");
    if (data.isEmpty() || data.get().isEmpty()) {
      return Optional.empty();
    }
    long address = elf.sectionHeader(".debug_frame").map(ElfSection::address).orElse(0L);
    UnwindPointerReader pointers = new UnwindPointerReader(address, addressSize(elf), -1, -1,
        Optional.empty());
    return Optional.of(new UnwindInfo(data.get(), false, elf.isLittleEndian(),
        isAarch64(elf.arch()), pointers, Optional.empty()));
  }

  /**
   * Raw {@code .eh_frame} bytes, without a search table; pc-relative pointers resolve against
   * {@code sectionAddress}, text- and data-relative and indirect ones do not resolve.
   *
   * @param section the section contents
   * @param sectionAddress the section's virtual address
   * @param arch the target architecture (address size, AArch64 opcodes); 8-byte addresses if its
   *     size is unknown
   * @param littleEndian the byte order
   * @return the unwind info
   */
  public static UnwindInfo ehFrame(ByteView section, long sectionAddress, Arch arch,
      boolean littleEndian) {
    int addressSize = arch.cpuFamily().pointerSize().orElse(8);
    return new UnwindInfo(section, true, littleEndian, isAarch64(arch),
        new UnwindPointerReader(sectionAddress, addressSize, -1, -1, Optional.empty()),
        Optional.empty());
  }

  /**
   * Raw {@code .debug_frame} bytes.
   *
   * @param section the section contents
   * @param arch the target architecture (default address size, AArch64 opcodes); 8-byte addresses
   *     if its size is unknown
   * @param littleEndian the byte order
   * @return the unwind info
   */
  public static UnwindInfo debugFrame(ByteView section, Arch arch, boolean littleEndian) {
    int addressSize = arch.cpuFamily().pointerSize().orElse(8);
    return new UnwindInfo(section, false, littleEndian, isAarch64(arch),
        new UnwindPointerReader(0, addressSize, -1, -1, Optional.empty()), Optional.empty());
  }

  /** Whether this is {@code .eh_frame} (else {@code .debug_frame}). */
  public boolean isEhFrame() {
    return ehFrame;
  }

  /** Whether an {@code .eh_frame_hdr} binary-search table is used for lookups. */
  public boolean hasSearchTable() {
    return searchTable.isPresent();
  }

  /**
   * The FDEs in file order, parsed as the iteration proceeds. Iterators throw {@link
   * DebugInfoException} from {@code hasNext} when an entry's length is malformed.
   *
   * @return a lazy iterable
   */
  public Iterable<UnwindFde> fdes() {
    return () -> new Iterator<>() {
      private long pos;
      private UnwindFde next;

      @Override
      public boolean hasNext() {
        return guard(() -> {
          while (next == null && pos >= 0) {
            long[] end = new long[1];
            next = entry(pos, end);
            pos = end[0];
          }
          return next != null;
        });
      }

      @Override
      public UnwindFde next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        UnwindFde fde = next;
        next = null;
        return fde;
      }
    };
  }

  /**
   * The rows of an FDE's unwind table in address order.
   *
   * @param fde an FDE of this section
   * @return the rows; at least one
   * @throws DebugInfoException if the FDE's instructions are malformed, or would materialize
   *     more than 4 Mi rules in total
   */
  public List<UnwindRow> rows(UnwindFde fde) {
    List<UnwindRow> rows = new ArrayList<>();
    UnwindProgram program = new UnwindProgram();
    long[] rules = new long[1];
    run(program, fde, (start, end) -> {
      // Every row copies all rules; bound the total so a hostile program cannot exhaust memory.
      rules[0] += program.count + 1;
      if (rules[0] > MAX_TABLE_RULES) {
        throw new DebugInfoException(fde.offset(), "unwind table of more than "
            + MAX_TABLE_RULES + " rules");
      }
      rows.add(new UnwindRow(start, end, program.cfaRule(), program.registerRules()));
    });
    return rows;
  }

  /**
   * The FDE covering an address.
   *
   * @param address a virtual address
   * @return the FDE, or empty if none covers the address
   * @throws DebugInfoException if the section or its search table is malformed
   */
  public Optional<UnwindFde> fdeFor(long address) {
    return guard(() -> findFde(address));
  }

  private Optional<UnwindFde> findFde(long address) {
    if (searchTable.isPresent()) {
      return searchTableLookup(searchTable.get(), address);
    }
    FdeIndex idx = index();
    int lo = 0;
    int hi = idx.starts.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(idx.starts[mid], address) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) {
      return Optional.empty();
    }
    UnwindFde fde = entry(idx.offsets[found], new long[1]);
    return fde != null && fde.contains(address) ? Optional.of(fde) : Optional.empty();
  }

  /**
   * The unwind row in effect at an address.
   *
   * @param address a virtual address
   * @return the row, or empty if no FDE covers the address
   * @throws DebugInfoException if the section or the FDE's instructions are malformed
   */
  public Optional<UnwindRow> rowFor(long address) {
    Optional<UnwindFde> fde = fdeFor(address);
    if (fde.isEmpty()) {
      return Optional.empty();
    }
    UnwindRow[] found = new UnwindRow[1];
    UnwindProgram program = new UnwindProgram();
    run(program, fde.get(), (start, end) -> {
      if (found[0] == null && Long.compareUnsigned(address, start) >= 0
          && Long.compareUnsigned(address, end) < 0) {
        found[0] = new UnwindRow(start, end, program.cfaRule(), program.registerRules());
      }
    });
    return Optional.ofNullable(found[0]);
  }

  /** Runs an FDE's program into a sink; the writer's allocation-free path. */
  void run(UnwindProgram program, UnwindFde fde, UnwindProgram.RowSink sink) {
    guard(() -> {
      program.run(section, le, pointers, fde, ehFrame, aarch64, sink);
      return null;
    });
  }

  /** Reports every malformation as a {@link DebugInfoException}, as ByteView reads do not. */
  private static <T> T guard(Supplier<T> body) {
    try {
      return body.get();
    } catch (DebugInfoException e) {
      throw e;
    } catch (ParseException e) {
      throw new DebugInfoException(e.offset(), e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------- entries

  /**
   * Parses the entry at {@code pos}; stores the next entry's offset in {@code end[0]} (-1 after
   * the last one).
   *
   * @return the FDE, or null for a CIE, padding, the terminator or a malformed FDE
   * @throws DebugInfoException if the entry's length is malformed
   */
  private UnwindFde entry(long pos, long[] end) {
    if (pos >= section.length()) {
      end[0] = -1;
      return null;
    }
    DwarfCursor c = new DwarfCursor(section, le, pos);
    boolean[] format64 = new boolean[1];
    long length = c.unitLength(format64);
    if (length == 0) {
      // .eh_frame ends at a zero terminator; a zero .debug_frame entry is padding.
      end[0] = ehFrame ? -1 : c.pos;
      return null;
    }
    long entryEnd = c.pos + length;
    end[0] = entryEnd;
    c = new DwarfCursor(section.slice(0, entryEnd), le, c.pos);
    long idPos = c.pos;
    if (c.remaining() < (format64[0] ? 8 : 4)) {
      throw new DebugInfoException(idPos, "entry too short for its CIE pointer");
    }
    long id = c.offset(format64[0]);
    if (isCieId(id, format64[0])) {
      return null;
    }
    try {
      return fde(pos, c, format64[0], ehFrame ? idPos - id : id);
    } catch (ParseException malformed) {
      return null;
    }
  }

  private boolean isCieId(long id, boolean format64) {
    if (ehFrame) {
      return id == 0;
    }
    return format64 ? id == -1L : id == 0xffff_ffffL;
  }

  private UnwindFde fde(long offset, DwarfCursor c, boolean format64, long cieOffset) {
    if (cieOffset < 0 || cieOffset >= section.length()) {
      throw new DebugInfoException(offset, "CIE pointer out of the section");
    }
    UnwindCie cie = cie(cieOffset);
    c.skip(cie.segmentSelectorSize());
    long address;
    long size;
    if (ehFrame) {
      address = pointers.pointer(c, cie.pointerEncoding(), -1);
      size = pointers.value(c, cie.pointerEncoding() & 0x0f);
    } else {
      address = c.uN(cie.addressSize());
      size = c.uN(cie.addressSize());
    }
    OptionalLong lsda = OptionalLong.empty();
    if (cie.hasAugmentationData()) {
      long augLength = c.uleb();
      long augStart = c.pos;
      c.skip(augLength);
      if (cie.lsdaEncoding() != UnwindPointerReader.OMIT && augLength > 0) {
        c.pos = augStart;
        lsda = pointers.tryPointer(c, cie.lsdaEncoding(), address);
      }
      c.pos = augStart + augLength;
    }
    return new UnwindFde(offset, cie, address, size, lsda, c.pos, c.view.length() - c.pos);
  }

  private UnwindCie cie(long offset) {
    DwarfCursor c = new DwarfCursor(section, le, offset);
    boolean[] format64 = new boolean[1];
    long length = c.unitLength(format64);
    long end = c.pos + length;
    c = new DwarfCursor(section.slice(0, end), le, c.pos);
    long id = c.offset(format64[0]);
    if (!isCieId(id, format64[0])) {
      throw new DebugInfoException(offset, "FDE's CIE pointer does not point to a CIE");
    }
    int version = c.u8();
    if (version != 1 && version != 3 && (ehFrame || version != 4)) {
      throw new DebugInfoException(offset, "unsupported CIE version " + version);
    }
    String augmentation = c.cstring();
    int addressSize = pointers.addressSize();
    int segmentSize = 0;
    if (version == 4) {
      addressSize = c.u8();
      segmentSize = c.u8();
      if (addressSize != 2 && addressSize != 4 && addressSize != 8) {
        throw new DebugInfoException(offset, "unsupported address size " + addressSize);
      }
    }
    long codeAlign = c.uleb();
    long dataAlign = c.sleb();
    long ra = version == 1 ? c.u8() : c.uleb();
    if (ra < 0 || ra > 0xffff) {
      throw new DebugInfoException(offset, "return address register out of range");
    }
    int pointerEncoding = 0;
    int lsdaEncoding = UnwindPointerReader.OMIT;
    OptionalLong personality = OptionalLong.empty();
    boolean signalFrame = false;
    if (augmentation.startsWith("z")) {
      long augLength = c.uleb();
      long augStart = c.pos;
      c.skip(augLength);
      c.pos = augStart;
      augmentation:
      for (int i = 1; i < augmentation.length(); i++) {
        switch (augmentation.charAt(i)) {
          case 'L':
            lsdaEncoding = c.u8();
            break;
          case 'P':
            personality = pointers.tryPointer(c, c.u8(), -1);
            break;
          case 'R':
            pointerEncoding = c.u8();
            break;
          case 'S':
            signalFrame = true;
            break;
          case 'B':
          case 'G':
            break;
          default:
            // The sized augmentation data lets us skip what we do not know (LSB).
            break augmentation;
        }
      }
      if (c.pos > augStart + augLength) {
        throw new DebugInfoException(offset, "augmentation data overruns its length");
      }
      c.pos = augStart + augLength;
    } else if (!augmentation.isEmpty()) {
      throw new DebugInfoException(offset, "unsupported augmentation \"" + augmentation + "\"");
    }
    if (pointerEncoding == UnwindPointerReader.OMIT || (pointerEncoding & 0x0f) > 0x0c) {
      throw new DebugInfoException(offset, "unusable FDE pointer encoding 0x"
          + Integer.toHexString(pointerEncoding));
    }
    return new UnwindCie(offset, version, augmentation, addressSize, segmentSize, codeAlign,
        dataAlign, (int) ra, pointerEncoding, lsdaEncoding, personality, signalFrame, c.pos,
        end - c.pos);
  }

  // ------------------------------------------------------------------------------- lookup

  private static Optional<SearchTable> searchTable(ByteView hdr, boolean le,
      UnwindPointerReader pointers) {
    try {
      DwarfCursor c = new DwarfCursor(hdr, le, 0);
      int version = c.u8();
      int framePtrEncoding = c.u8();
      int countEncoding = c.u8();
      int tableEncoding = c.u8();
      if (version != 1 || countEncoding == UnwindPointerReader.OMIT
          || !UnwindPointerReader.fixedSize(tableEncoding) || (tableEncoding & 0x80) != 0) {
        return Optional.empty();
      }
      if (framePtrEncoding != UnwindPointerReader.OMIT) {
        pointers.pointer(c, framePtrEncoding, -1);
      }
      long count = pointers.pointer(c, countEncoding, -1);
      long entrySize = 2L * pointers.size(tableEncoding);
      if (count <= 0 || count > c.remaining() / entrySize) {
        return Optional.empty();
      }
      return Optional.of(new SearchTable(hdr, pointers, tableEncoding, c.pos, count));
    } catch (ParseException malformed) {
      return Optional.empty();
    }
  }

  private Optional<UnwindFde> searchTableLookup(SearchTable table, long address) {
    long entrySize = 2L * table.pointers.size(table.encoding);
    DwarfCursor c = new DwarfCursor(table.hdr, le, 0);
    long lo = 0;
    long hi = table.count - 1;
    long fdeAddress = -1;
    boolean found = false;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      c.pos = table.tableOffset + mid * entrySize;
      long start = table.pointers.pointer(c, table.encoding, -1);
      if (Long.compareUnsigned(start, address) <= 0) {
        fdeAddress = table.pointers.pointer(c, table.encoding, -1);
        found = true;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (!found) {
      return Optional.empty();
    }
    long offset = fdeAddress - pointers.sectionAddress();
    if (offset < 0 || offset >= section.length()) {
      throw new DebugInfoException(offset, "search table points outside .eh_frame");
    }
    UnwindFde fde = entry(offset, new long[1]);
    return fde != null && fde.contains(address) ? Optional.of(fde) : Optional.empty();
  }

  private FdeIndex index() {
    FdeIndex idx = index;
    if (idx == null) {
      long[] starts = new long[16];
      long[] offsets = new long[16];
      int n = 0;
      long[] end = new long[1];
      for (long pos = 0; pos >= 0; pos = end[0]) {
        UnwindFde fde = entry(pos, end);
        if (fde != null) {
          if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
            offsets = Arrays.copyOf(offsets, n * 2);
          }
          starts[n] = fde.address() ^ Long.MIN_VALUE;
          offsets[n] = pos;
          n++;
        }
      }
      int[] order = DwarfSort.sortIndices(starts, n);
      long[] sortedStarts = new long[n];
      long[] sortedOffsets = new long[n];
      for (int i = 0; i < n; i++) {
        sortedStarts[i] = starts[order[i]] ^ Long.MIN_VALUE;
        sortedOffsets[i] = offsets[order[i]];
      }
      idx = new FdeIndex(sortedStarts, sortedOffsets);
      index = idx;
    }
    return idx;
  }

  // ------------------------------------------------------------------------------- helpers

  private static int addressSize(ElfFile elf) {
    return elf.arch().cpuFamily().pointerSize().orElse(elf.is64() ? 8 : 4);
  }

  private static long sectionAddress(ElfFile elf, String name) {
    return elf.sectionHeader(name).map(ElfSection::address).orElse(-1L);
  }

  private static boolean isAarch64(Arch arch) {
    CpuFamily family = arch.cpuFamily();
    return family == CpuFamily.ARM_64 || family == CpuFamily.ARM_64_32;
  }
}
