package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code MINIDUMP_MODULE} of the module list: where a code file was loaded, and what
 * identifies it and its debug file.
 *
 * <p>Identifiers follow Breakpad's processor: the debug file and debug id come from the CodeView
 * record (for ELF modules, the debug file is the code file), and the code id is the ELF build id
 * or, for PE files, the timestamp and image size.
 */
public final class MinidumpModule {
  /** Size of a {@code MINIDUMP_MODULE}. */
  static final int SIZE = 108;

  /** {@code IMAGE_DEBUG_MISC_EXENAME}: a misc record naming the debug file. */
  private static final long MISC_EXENAME = 1;

  private final long baseAddress;
  private final long size;
  private final long checksum;
  private final long timestamp;
  private final String codeFile;
  private final FixedFileInfo versionInfo;
  private final Optional<CodeViewRecord> codeView;
  private final String miscDebugFile;

  private MinidumpModule(
      long baseAddress,
      long size,
      long checksum,
      long timestamp,
      String codeFile,
      FixedFileInfo versionInfo,
      Optional<CodeViewRecord> codeView,
      String miscDebugFile) {
    this.baseAddress = baseAddress;
    this.size = size;
    this.checksum = checksum;
    this.timestamp = timestamp;
    this.codeFile = codeFile;
    this.versionInfo = versionInfo;
    this.codeView = codeView;
    this.miscDebugFile = miscDebugFile;
  }

  static MinidumpModule read(ByteView file, long offset, ReadBudget budget) {
    long base = DumpBytes.u64(file, offset);
    long size = DumpBytes.u32(file, offset + 8);
    long checksum = DumpBytes.u32(file, offset + 12);
    long timestamp = DumpBytes.u32(file, offset + 16);
    String name = DumpBytes.utf16String(file, DumpBytes.u32(file, offset + 20), budget);
    FixedFileInfo version = FixedFileInfo.read(file, offset + 24);
    long cvSize = DumpBytes.u32(file, offset + 76);
    long cvRva = DumpBytes.u32(file, offset + 80);
    Optional<CodeViewRecord> cv =
        cvSize == 0 ? Optional.empty()
        : Optional.of(CodeViewRecord.read(file, cvRva, cvSize, budget));
    long miscSize = DumpBytes.u32(file, offset + 84);
    long miscRva = DumpBytes.u32(file, offset + 88);
    String misc = miscSize == 0 ? "" : miscDebugFile(file, miscRva, miscSize, budget);
    return new MinidumpModule(base, size, checksum, timestamp, name, version, cv, misc);
  }

  /**
   * A module of the unloaded module list, as Breakpad's walker uses one for an address in no
   * loaded module: its name, range, checksum and time stamp, without version or debug records.
   */
  static MinidumpModule unloaded(UnloadedModule m) {
    FixedFileInfo noVersion = new FixedFileInfo(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    return new MinidumpModule(m.baseAddress(), m.size(), m.checksum(), m.timestamp(),
        m.codeFile(), noVersion, Optional.empty(), "");
  }

  /** The file name of an {@code IMAGE_DEBUG_MISC} record, or empty for other record types. */
  private static String miscDebugFile(ByteView file, long rva, long size, ReadBudget budget) {
    DumpBytes.check(file, rva, size, "misc debug record");
    if (size < 12 || DumpBytes.u32(file, rva) != MISC_EXENAME) {
      return "";
    }
    boolean unicode = DumpBytes.u8(file, rva + 8) != 0;
    int n = (int) Math.min(size - 12, DumpBytes.MAX_STRING_BYTES);
    budget.spend(rva + 12, n);
    byte[] b = DumpBytes.bytes(file, rva + 12, n, "misc debug file name");
    String s = new String(b, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  /**
   * Returns the load address.
   *
   * @return the unsigned address of the first byte of the image
   */
  public long baseAddress() {
    return baseAddress;
  }

  /**
   * Returns the size of the loaded image.
   *
   * @return the size in bytes
   */
  public long size() {
    return size;
  }

  /**
   * Tells whether an address lies in the loaded image.
   *
   * @param address an unsigned address
   * @return true if {@code base <= address < base + size}
   */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, baseAddress) >= 0
        && Long.compareUnsigned(address - baseAddress, size) < 0;
  }

  /**
   * Returns the image checksum.
   *
   * @return the unsigned 32-bit checksum, 0 if unknown
   */
  public long checksum() {
    return checksum;
  }

  /**
   * Returns the PE timestamp.
   *
   * @return the unsigned 32-bit {@code TimeDateStamp}, 0 for non-PE modules
   */
  public long timestamp() {
    return timestamp;
  }

  /**
   * Returns the path of the code file as the dump names it.
   *
   * @return for example {@code C:\WINDOWS\system32\ntdll.dll} or {@code /lib/libc.so.6}
   */
  public String codeFile() {
    return codeFile;
  }

  /**
   * Returns the version resource.
   *
   * @return the raw {@code VS_FIXEDFILEINFO}
   */
  public FixedFileInfo versionInfo() {
    return versionInfo;
  }

  /**
   * Returns the file version as Breakpad prints it.
   *
   * @return for example {@code 5.1.2600.2180}, or empty if the module has no version resource
   */
  public Optional<String> version() {
    return versionInfo.fileVersion();
  }

  /**
   * Returns the CodeView record.
   *
   * @return the record, or empty if the module has none
   */
  public Optional<CodeViewRecord> codeView() {
    return codeView;
  }

  /**
   * Returns the debug file: the PDB path of a PDB record, the code file for an ELF record, else
   * the file a misc record names.
   *
   * @return the path, or empty if unknown
   */
  public String debugFile() {
    if (codeView.isPresent()) {
      CodeViewRecord cv = codeView.get();
      if (cv.signature() == CodeViewRecord.PDB70 || cv.signature() == CodeViewRecord.PDB20) {
        return cv.pdbFileName();
      }
      if (cv.signature() == CodeViewRecord.ELF) {
        return codeFile;
      }
    }
    return miscDebugFile;
  }

  /**
   * Returns the debug id of a PDB 7.0 or ELF module.
   *
   * @return the id, or empty for other modules
   */
  public Optional<DebugId> debugId() {
    return codeView
        .filter(cv -> cv.signature() == CodeViewRecord.PDB70
            || cv.signature() == CodeViewRecord.ELF)
        .map(CodeViewRecord::debugId);
  }

  /**
   * Returns the debug identifier as Breakpad prints it and names symbol directories.
   *
   * @return for example {@code 5A9832E5287241C1838ED98914E9B7FF1}, or empty if unknown
   */
  public String debugIdentifier() {
    return codeView.map(CodeViewRecord::debugIdentifier).orElse("");
  }

  /**
   * Returns the code identifier as Breakpad prints it: the ELF build id in hex, or else the PE
   * timestamp as 8 uppercase digits followed by the image size in lowercase hex.
   *
   * @return for example {@code 45D35F6C2d000}
   */
  public String codeIdentifier() {
    if (codeView.isPresent() && codeView.get().signature() == CodeViewRecord.ELF) {
      return codeView.get().buildId().toString();
    }
    return String.format(Locale.ROOT, "%08X%x", timestamp, size);
  }

  /**
   * Returns the code id, normalized as {@link CodeId} does.
   *
   * @return the ELF build id, or the PE code id
   */
  public CodeId codeId() {
    return CodeId.parse(codeIdentifier());
  }

  /**
   * Returns what a symbol store knows this module by: debug file and id, code file and id.
   *
   * @return the key for {@link SymbolSupplier#lookup}
   */
  public SymbolSupplierModule symbolKey() {
    CodeId codeId = codeId();
    return new SymbolSupplierModule(
        debugFile().isEmpty() ? Optional.empty() : Optional.of(debugFile()), debugId(),
        codeFile.isEmpty() ? Optional.empty() : Optional.of(codeFile),
        codeId.isEmpty() ? Optional.empty() : Optional.of(codeId));
  }

  @Override
  public String toString() {
    return "MinidumpModule{0x" + Long.toHexString(baseAddress) + " " + codeFile + "}";
  }
}
