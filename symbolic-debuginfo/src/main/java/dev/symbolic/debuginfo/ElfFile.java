package dev.symbolic.debuginfo;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import dev.symbolic.common.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An ELF object file (ELF32 or ELF64, little- or big-endian) over a {@link ByteView}.
 *
 * <p>{@link #parse(ByteView)} reads only the file header, the program headers and the section
 * headers; everything else (symbols, notes, section contents) is read on demand from the view,
 * like OW2 ASM's {@code ClassReader}. Instances are immutable and thread-safe.
 *
 * <p>Identifiers follow Sentry symbolic: the {@link #codeId() code id} is the GNU build id in hex;
 * the {@link #debugId() debug id} is the build id's first 16 bytes (GUID-swapped on little-endian
 * files) or, without a build id, the first page of {@code .text} XOR-folded into 16 bytes.
 *
 * <p>Every failure caused by malformed input is a {@link DebugInfoException}.
 */
public final class ElfFile {
  /** Default upper bound of a decompressed section: 1 GiB. */
  public static final long DEFAULT_MAX_DECOMPRESSED = 1L << 30;

  /** {@code ELFCOMPRESS_ZLIB}. */
  public static final int ELFCOMPRESS_ZLIB = 1;
  /** {@code ELFCOMPRESS_ZSTD}. */
  public static final int ELFCOMPRESS_ZSTD = 2;

  /** {@code ET_*} values. */
  private static final int ET_NONE = 0;
  private static final int ET_REL = 1;
  private static final int ET_EXEC = 2;
  private static final int ET_DYN = 3;
  private static final int ET_CORE = 4;

  private static final int EM_386 = 3;
  private static final int EM_MIPS = 8;
  private static final int EM_MIPS_RS3_LE = 10;
  private static final int EM_PPC = 20;
  private static final int EM_PPC64 = 21;
  private static final int EM_ARM = 40;
  private static final int EM_X86_64 = 62;
  private static final int EM_AARCH64 = 183;
  private static final int EM_RISCV = 243;

  private static final long EF_MIPS_ABI_O64 = 0x2000;
  private static final long EF_MIPS_ABI_EABI64 = 0x4000;

  private static final int NT_GNU_BUILD_ID = 3;
  private static final int PAGE_SIZE = 4096;
  private static final int SHN_UNDEF = 0;
  private static final int SHN_LORESERVE = 0xff00;
  private static final int SHN_XINDEX = 0xffff;
  private static final int PN_XNUM = 0xffff;

  private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
  private static final byte[] ZLIB_MAGIC = {'Z', 'L', 'I', 'B'};

  private final ByteView data;
  private final boolean is64;
  private final boolean littleEndian;
  private final int osAbi;
  private final int type;
  private final int machine;
  private final long flags;
  private final long entry;
  private final List<ElfSection> sections;
  private final List<ElfProgramHeader> programHeaders;

  // Lazily computed, benign races: every thread computes the same immutable value.
  private volatile List<ElfSymbol> symbols;
  private volatile List<ElfSymbol> symbolMap;

  private ElfFile(ByteView data) {
    this.data = data;
    if (!isElf(data) || data.length() < 16) {
      throw new DebugInfoException(0, "not an ELF file");
    }
    int cls = data.u8(4);
    int enc = data.u8(5);
    if (cls != 1 && cls != 2) {
      throw new DebugInfoException(4, "invalid ELF class " + cls);
    }
    if (enc != 1 && enc != 2) {
      throw new DebugInfoException(5, "invalid ELF data encoding " + enc);
    }
    this.is64 = cls == 2;
    this.littleEndian = enc == 1;
    this.osAbi = data.u8(7);
    int ehsize = is64 ? 64 : 52;
    if (data.length() < ehsize) {
      throw new DebugInfoException(data.length(), "truncated ELF header");
    }
    this.type = u16(16);
    this.machine = u16(18);
    this.entry = addr(24);
    long phoff = addr(is64 ? 32 : 28);
    long shoff = addr(is64 ? 40 : 32);
    this.flags = u32(is64 ? 48 : 36);
    int phentsize = u16(is64 ? 54 : 42);
    int phnum = u16(is64 ? 56 : 44);
    int shentsize = u16(is64 ? 58 : 46);
    int shnum = u16(is64 ? 60 : 48);
    int shstrndx = u16(is64 ? 62 : 50);

    // Section header table; section 0 holds extended counts.
    long shCount = shnum;
    long rawShstrndx = shstrndx;
    long phCount = phnum;
    int shMin = is64 ? 64 : 40;
    if (shoff != 0) {
      if (shentsize < shMin) {
        throw new DebugInfoException(is64 ? 58 : 46, "bad section header size " + shentsize);
      }
      checkRange(shoff, shentsize, "section header 0");
      if (shnum == 0) {
        shCount = sectionField(shoff, Field.SIZE);
      }
      if (shstrndx == SHN_XINDEX) {
        rawShstrndx = sectionField(shoff, Field.LINK);
      }
      if (phnum == PN_XNUM) {
        phCount = sectionField(shoff, Field.INFO);
      }
    } else {
      shCount = 0;
    }
    if (shCount < 0 || shCount > (data.length() - shoff) / Math.max(shentsize, 1)) {
      throw new DebugInfoException(shoff, "section header table exceeds the file");
    }

    List<long[]> raw = new ArrayList<>((int) shCount);
    for (long i = 0; i < shCount; i++) {
      long base = shoff + i * shentsize;
      raw.add(readSectionHeader(base));
    }
    ByteView shstrtab = null;
    if (rawShstrndx > 0 && rawShstrndx < shCount) {
      long[] s = raw.get((int) rawShstrndx);
      if (s[1] != ElfSection.SHT_NOBITS && inFile(s[4], s[5])) {
        shstrtab = data.slice(s[4], s[5]);
      }
    }
    List<ElfSection> secs = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      long[] s = raw.get(i);
      String name = shstrtab == null ? "" : cstringIn(shstrtab, s[0]);
      secs.add(new ElfSection(i, name, s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]));
    }
    this.sections = Collections.unmodifiableList(secs);

    // Program headers.
    List<ElfProgramHeader> phs = new ArrayList<>();
    if (phCount > 0 && phoff != 0) {
      int phMin = is64 ? 56 : 32;
      if (phentsize < phMin) {
        throw new DebugInfoException(is64 ? 54 : 42, "bad program header size " + phentsize);
      }
      if (phCount > (data.length() - Math.max(0, phoff)) / phentsize || phoff < 0) {
        throw new DebugInfoException(phoff, "program header table exceeds the file");
      }
      for (long i = 0; i < phCount; i++) {
        long b = phoff + i * phentsize;
        if (is64) {
          phs.add(new ElfProgramHeader(u32(b), u32(b + 4), u64(b + 8), u64(b + 16), u64(b + 24),
              u64(b + 32), u64(b + 40), u64(b + 48)));
        } else {
          phs.add(new ElfProgramHeader(u32(b), u32(b + 24), u32(b + 4), u32(b + 8), u32(b + 12),
              u32(b + 16), u32(b + 20), u32(b + 28)));
        }
      }
    }
    this.programHeaders = Collections.unmodifiableList(phs);
  }

  private enum Field {
    SIZE,
    LINK,
    INFO
  }

  private long sectionField(long base, Field field) {
    long[] s = readSectionHeader(base);
    switch (field) {
      case SIZE:
        return s[5];
      case LINK:
        return s[6];
      default:
        return s[7];
    }
  }

  /** name, type, flags, addr, offset, size, link, info, addralign, entsize. */
  private long[] readSectionHeader(long b) {
    if (is64) {
      return new long[] {
        u32(b), u32(b + 4), u64(b + 8), u64(b + 16), u64(b + 24), u64(b + 32), u32(b + 40),
        u32(b + 44), u64(b + 48), u64(b + 56)
      };
    }
    return new long[] {
      u32(b), u32(b + 4), u32(b + 8), u32(b + 12), u32(b + 16), u32(b + 20), u32(b + 24),
      u32(b + 28), u32(b + 32), u32(b + 36)
    };
  }

  /**
   * Whether {@code data} starts with the ELF magic {@code \x7fELF}.
   *
   * @param data the bytes to test
   * @return true if it may be an ELF file
   */
  public static boolean isElf(ByteView data) {
    return data != null && data.length() >= 4 && data.startsWith(0, MAGIC);
  }

  /**
   * Parses the headers of an ELF file.
   *
   * @param data the whole file
   * @return the file
   * @throws DebugInfoException if the headers are malformed
   */
  public static ElfFile parse(ByteView data) {
    Objects.requireNonNull(data, "data");
    try {
      return new ElfFile(data);
    } catch (DebugInfoException e) {
      throw e;
    } catch (ParseException e) {
      throw new DebugInfoException(e.offset(), e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new DebugInfoException(0, "malformed ELF file: " + e, e);
    }
  }

  // ---------------------------------------------------------------------------------- header

  /** The whole file. */
  public ByteView data() {
    return data;
  }

  /** Whether this is ELFCLASS64. */
  public boolean is64() {
    return is64;
  }

  /** Whether this is ELFDATA2LSB. */
  public boolean isLittleEndian() {
    return littleEndian;
  }

  /** {@code EI_OSABI}. */
  public int osAbi() {
    return osAbi;
  }

  /** {@code e_type}. */
  public int type() {
    return type;
  }

  /** {@code e_machine}. */
  public int machine() {
    return machine;
  }

  /** {@code e_flags}. */
  public long flags() {
    return flags;
  }

  /** {@code e_entry}. */
  public long entry() {
    return entry;
  }

  /** The section headers, in table order (index 0 is the null section). */
  public List<ElfSection> sections() {
    return sections;
  }

  /** The program headers, in table order. */
  public List<ElfProgramHeader> programHeaders() {
    return programHeaders;
  }

  /**
   * The kind of file. Unlike symbolic, which calls every {@code ET_EXEC} without {@code
   * PT_INTERP} a debug file (and thus misclassifies static executables), an executable or library
   * is {@link ElfKind#DEBUG} when its {@code .text} is missing or {@code SHT_NOBITS}.
   */
  public ElfKind kind() {
    switch (type) {
      case ET_NONE:
        return ElfKind.NONE;
      case ET_REL:
        return ElfKind.RELOCATABLE;
      case ET_CORE:
        return ElfKind.CORE;
      case ET_EXEC:
      case ET_DYN:
        Optional<ElfSection> text = findRawSection(".text");
        if (text.isEmpty()) {
          return ElfKind.DEBUG;
        }
        return type == ET_EXEC ? ElfKind.EXECUTABLE : ElfKind.LIBRARY;
      default:
        return ElfKind.OTHER;
    }
  }

  /** The CPU architecture, from {@code e_machine}, {@code e_flags} and the ELF class. */
  public Arch arch() {
    switch (machine) {
      case EM_386:
        return Arch.X86;
      case EM_X86_64:
        return Arch.AMD64;
      case EM_AARCH64:
        return is64 ? Arch.ARM64 : Arch.ARM64_32;
      case EM_ARM:
        return Arch.ARM;
      case EM_PPC:
        return Arch.PPC;
      case EM_PPC64:
        return Arch.PPC64;
      case EM_MIPS:
      case EM_MIPS_RS3_LE:
        return (flags & (EF_MIPS_ABI_O64 | EF_MIPS_ABI_EABI64)) != 0 || is64
            ? Arch.MIPS64
            : Arch.MIPS;
      case EM_RISCV:
        return is64 ? Arch.RISCV64 : Arch.RISCV32;
      default:
        return Arch.UNKNOWN;
    }
  }

  /**
   * The preferred load address: the virtual address of the first {@code PT_LOAD} segment (ELF
   * requires them sorted, so it is the lowest), not aligned, exactly as symbolic computes it; 0
   * if there is none. Symbolic makes {@link #symbolMap()} addresses relative to it.
   */
  public long loadAddress() {
    for (ElfProgramHeader ph : programHeaders) {
      if (ph.type() == ElfProgramHeader.PT_LOAD) {
        return ph.virtualAddress();
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------------------------- sections

  /**
   * The first section with this exact name.
   *
   * @param name e.g. {@code .debug_info}
   * @return the header, if any
   */
  public Optional<ElfSection> sectionHeader(String name) {
    for (ElfSection s : sections) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Whether a section with this name (or its legacy {@code .zdebug} form) has contents. */
  public boolean hasSection(String name) {
    return findDataSection(name).isPresent();
  }

  /**
   * The bytes of a section as stored in the file (still compressed if it is), or empty for
   * {@code SHT_NOBITS}.
   *
   * @param section a section of this file
   * @return a zero-copy view
   * @throws DebugInfoException if the section lies outside the file
   */
  public ByteView rawData(ElfSection section) {
    if (section.isNoBits()) {
      return ByteView.empty();
    }
    if (!inFile(section.offset(), section.size())) {
      throw new DebugInfoException(section.offset(),
          "section " + section.name() + " exceeds the file");
    }
    return data.slice(section.offset(), section.size());
  }

  /**
   * The uncompressed contents of a section, at most {@link #DEFAULT_MAX_DECOMPRESSED} bytes.
   *
   * @see #section(String, long)
   */
  public Optional<ByteView> section(String name) {
    return section(name, DEFAULT_MAX_DECOMPRESSED);
  }

  /**
   * The uncompressed contents of the first section with this name that has contents in the file.
   * For a {@code .debug_*} name the legacy GNU {@code .zdebug_*} form is also found. {@code
   * SHF_COMPRESSED} sections (zlib; zstd via {@link Zstd}) and {@code .zdebug}
   * sections ({@code "ZLIB"}, 8-byte big-endian size, zlib stream) are decompressed into a new
   * array; other sections are returned zero-copy.
   *
   * @param name the section name with its leading dot, e.g. {@code .debug_info}
   * @param maxSize the largest decompressed size accepted
   * @return the contents, or empty if there is no such section with contents
   * @throws DebugInfoException if the section is out of bounds, its compression is malformed or
   *     unsupported, or it decompresses to more than {@code maxSize}
   */
  public Optional<ByteView> section(String name, long maxSize) {
    return guard(() -> {
      Optional<ElfSection> found = findDataSection(name);
      if (found.isEmpty()) {
        return Optional.<ByteView>empty();
      }
      return Optional.of(contents(found.get(), maxSize));
    });
  }

  /**
   * The uncompressed contents of a section header of this file.
   *
   * @param section the section
   * @param maxSize the largest decompressed size accepted
   * @return the contents
   */
  public ByteView contents(ElfSection section, long maxSize) {
    return guard(() -> {
      ByteView raw = rawData(section);
      if (section.isCompressed()) {
        return decompressChdr(raw, section.offset(), maxSize);
      }
      if (section.name().startsWith(".z") && raw.length() >= 4 && raw.startsWith(0, ZLIB_MAGIC)) {
        if (raw.length() < 12) {
          throw new DebugInfoException(section.offset(), "truncated .zdebug header");
        }
        long size = raw.u64be(4);
        return inflate(raw.slice(12), section.offset() + 12, size, maxSize);
      }
      return raw;
    });
  }

  private ByteView decompressChdr(ByteView raw, long fileOffset, long maxSize) {
    int headerSize = is64 ? 24 : 12;
    if (raw.length() < headerSize) {
      throw new DebugInfoException(fileOffset, "truncated compression header");
    }
    long chType = littleEndian ? raw.u32le(0) : raw.u32be(0);
    long chSize = is64 ? (littleEndian ? raw.u64le(8) : raw.u64be(8))
        : (littleEndian ? raw.u32le(4) : raw.u32be(4));
    ByteView payload = raw.slice(headerSize);
    if (chType == ELFCOMPRESS_ZLIB) {
      return inflate(payload, fileOffset + headerSize, chSize, maxSize);
    }
    if (chType == ELFCOMPRESS_ZSTD) {
      checkDeclared(chSize, maxSize, fileOffset);
      ByteView out = decompressZstd(payload, chSize, fileOffset + headerSize);
      if (out.length() != chSize) {
        throw new DebugInfoException(fileOffset,
            "zstd section decompressed to " + out.length() + " bytes, expected " + chSize);
      }
      return out;
    }
    throw new DebugInfoException(fileOffset, "unsupported section compression " + chType);
  }

  /**
   * Decompresses the zstd frames of a {@code ELFCOMPRESS_ZSTD} section, reporting errors at file
   * offsets rather than offsets within the section.
   *
   * @param compressed the zstd frame(s)
   * @param maxOutput the exact expected size, also the upper bound of the output
   * @param offset the file offset of {@code compressed}, for error messages
   * @return the decompressed bytes
   */
  static ByteView decompressZstd(ByteView compressed, long maxOutput, long offset) {
    try {
      return ByteView.of(Zstd.decompress(compressed, maxOutput));
    } catch (DebugInfoException e) {
      throw new DebugInfoException(offset + e.offset(), e.reason(), e);
    }
  }

  private static void checkDeclared(long declared, long maxSize, long offset) {
    if (declared < 0 || declared > maxSize || declared > Integer.MAX_VALUE - 8) {
      throw new DebugInfoException(offset,
          "decompressed size " + Long.toUnsignedString(declared) + " exceeds the limit " + maxSize);
    }
  }

  /**
   * Inflates a zlib stream that must produce exactly {@code declared} bytes. The output buffer
   * grows with the data actually produced, so a lying size field cannot force a large
   * allocation.
   */
  private static ByteView inflate(ByteView in, long offset, long declared, long maxSize) {
    checkDeclared(declared, maxSize, offset);
    int want = (int) declared;
    byte[] out = new byte[(int) Math.min(want, Math.max(4096L, in.length() * 4))];
    int produced = 0;
    Inflater inflater = new Inflater();
    try {
      byte[] chunk = new byte[(int) Math.min(65536, Math.max(1, in.length()))];
      long pos = 0;
      while (produced < want) {
        if (inflater.needsInput()) {
          if (pos >= in.length()) {
            break;
          }
          int n = (int) Math.min(chunk.length, in.length() - pos);
          in.copyTo(pos, chunk, 0, n);
          pos += n;
          inflater.setInput(chunk, 0, n);
        }
        if (produced == out.length) {
          out = Arrays.copyOf(out, (int) Math.min(want, (long) out.length * 2));
        }
        int n = inflater.inflate(out, produced, out.length - produced);
        produced += n;
        if (inflater.finished()) {
          break;
        }
        if (n == 0 && inflater.needsDictionary()) {
          throw new DebugInfoException(offset, "zlib stream needs a dictionary");
        }
      }
    } catch (DataFormatException e) {
      throw new DebugInfoException(offset, "corrupt zlib stream: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
    if (produced != want) {
      throw new DebugInfoException(offset,
          "zlib stream produced " + produced + " bytes, expected " + want);
    }
    return ByteView.of(out, 0, produced);
  }

  /** The first section named {@code name} (or {@code .zdebug_*}) with bytes in the file. */
  private Optional<ElfSection> findDataSection(String name) {
    String legacy = name.startsWith(".debug_") ? ".zdebug_" + name.substring(7) : null;
    for (ElfSection s : sections) {
      if (s.isNoBits() || s.offset() == 0) {
        continue;
      }
      if (s.name().equals(name) || s.name().equals(legacy)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Like symbolic's {@code raw_section}: not NOBITS, not at offset 0. */
  private Optional<ElfSection> findRawSection(String name) {
    for (ElfSection s : sections) {
      if (!s.isNoBits() && s.offset() != 0 && s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------- ids

  /**
   * The GNU build id: the first {@code NT_GNU_BUILD_ID} note (owner {@code GNU}) of a {@code
   * PT_NOTE} segment, else of a {@code SHT_NOTE} section. Malformed notes are skipped.
   *
   * @return a copy of the note's descriptor
   */
  public Optional<byte[]> buildId() {
    for (ElfProgramHeader ph : programHeaders) {
      if (ph.type() == ElfProgramHeader.PT_NOTE && inFile(ph.offset(), ph.fileSize())) {
        byte[] id = findBuildIdNote(data.slice(ph.offset(), ph.fileSize()), ph.alignment());
        if (id != null) {
          return Optional.of(id);
        }
      }
    }
    for (ElfSection s : sections) {
      if (s.type() == ElfSection.SHT_NOTE && !s.isCompressed() && inFile(s.offset(), s.size())) {
        byte[] id = findBuildIdNote(data.slice(s.offset(), s.size()), s.alignment());
        if (id != null) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  private byte[] findBuildIdNote(ByteView notes, long alignment) {
    long align = alignment == 8 ? 8 : 4;
    long pos = 0;
    try {
      while (notes.length() - pos >= 12) {
        long namesz = u32(notes, pos);
        long descsz = u32(notes, pos + 4);
        long ntype = u32(notes, pos + 8);
        long nameOff = pos + 12;
        long descOff = alignUp(nameOff + namesz, align);
        long next = alignUp(descOff + descsz, align);
        if (descOff + descsz > notes.length()) {
          return null;
        }
        if (ntype == NT_GNU_BUILD_ID && namesz == 4
            && notes.startsWith(nameOff, new byte[] {'G', 'N', 'U', 0})) {
          byte[] id = new byte[(int) descsz];
          notes.copyTo(descOff, id, 0, id.length);
          return id;
        }
        if (next <= pos) {
          return null;
        }
        pos = next;
      }
    } catch (ParseException e) {
      return null;
    }
    return null;
  }

  private static long alignUp(long v, long align) {
    return (v + align - 1) & -align;
  }

  /** The code id: the build id in lowercase hex, if there is a non-empty one. */
  public Optional<CodeId> codeId() {
    return buildId().filter(b -> b.length > 0).map(CodeId::fromBytes);
  }

  /**
   * The debug id, as symbolic computes it: from the build id; else the first 4096 bytes of
   * {@code .text} XORed into 16 bytes ({@code hash[i % 16] ^= text[i]}), treated like a build id;
   * else nil.
   */
  public DebugId debugId() {
    Optional<byte[]> buildId = buildId();
    if (buildId.isPresent()) {
      return DebugId.fromElfBuildId(buildId.get(), littleEndian);
    }
    Optional<ElfSection> text = findRawSection(".text");
    if (text.isPresent() && inFile(text.get().offset(), text.get().size())) {
      ByteView bytes = rawData(text.get());
      byte[] hash = new byte[16];
      int n = (int) Math.min(bytes.length(), PAGE_SIZE);
      for (int i = 0; i < n; i++) {
        hash[i % 16] ^= bytes.get(i);
      }
      return DebugId.fromElfBuildId(hash, littleEndian);
    }
    return DebugId.nil();
  }

  /**
   * The {@code .gnu_debuglink} section: a NUL-terminated file name, padding to 4 bytes, and the
   * CRC-32 of the debug file in the file's byte order.
   *
   * @return the link, or empty if there is none
   * @throws DebugInfoException if the section is malformed
   */
  public Optional<ElfDebugLink> debugLink() {
    return guard(() -> section(".gnu_debuglink").map(s -> {
      long nul = s.indexOf((byte) 0, 0, s.length());
      if (nul < 0) {
        throw new DebugInfoException(0, "unterminated .gnu_debuglink file name");
      }
      String fileName = s.utf8(0, (int) nul);
      long crcOff = alignUp(nul + 1, 4);
      if (crcOff + 4 > s.length()) {
        throw new DebugInfoException(crcOff, ".gnu_debuglink has no CRC");
      }
      return new ElfDebugLink(fileName, u32(s, crcOff));
    }));
  }

  /**
   * The {@code .gnu_debugaltlink} section: a NUL-terminated path and the build id of the
   * supplementary (dwz) file.
   */
  public Optional<ElfDebugAltLink> debugAltLink() {
    return guard(() -> section(".gnu_debugaltlink").map(s -> {
      long nul = s.indexOf((byte) 0, 0, s.length());
      if (nul < 0) {
        throw new DebugInfoException(0, "unterminated .gnu_debugaltlink path");
      }
      String path = s.utf8(0, (int) nul);
      byte[] id = s.slice(nul + 1).toByteArray();
      return new ElfDebugAltLink(path, id);
    }));
  }

  // ---------------------------------------------------------------------------------- symbols

  /** Whether there is a non-empty {@code .symtab} or {@code .dynsym}. */
  public boolean hasSymbols() {
    for (ElfSection s : sections) {
      long entSize = s.entrySize() == 0 ? (is64 ? 24 : 16) : s.entrySize();
      if ((s.type() == ElfSection.SHT_SYMTAB || s.type() == ElfSection.SHT_DYNSYM)
          && Long.compareUnsigned(s.size(), entSize) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether DWARF is present: a {@code .debug_info} (or {@code .zdebug_info}) with contents. */
  public boolean hasDebugInfo() {
    return hasSection(".debug_info");
  }

  /** Whether {@code .eh_frame} or {@code .debug_frame} is present. */
  public boolean hasUnwindInfo() {
    return hasSection(".eh_frame") || hasSection(".debug_frame");
  }

  /** Always false: ELF files do not embed sources. */
  public boolean hasSources() {
    return false;
  }

  /**
   * The defined symbols of {@code .symtab}, or of {@code .dynsym} if there is no {@code .symtab}:
   * every named symbol except undefined ones and section/file symbols, with its {@code st_value}
   * unchanged; sorted by address then name, exact duplicates removed.
   *
   * @throws DebugInfoException if the symbol table is malformed
   */
  public List<ElfSymbol> symbols() {
    List<ElfSymbol> result = symbols;
    if (result == null) {
      result = guard(this::readSymbols);
      symbols = result;
    }
    return result;
  }

  private List<ElfSymbol> readSymbols() {
    ElfSection table = firstOfType(ElfSection.SHT_SYMTAB);
    if (table == null) {
      table = firstOfType(ElfSection.SHT_DYNSYM);
    }
    List<ElfSymbol> out = new ArrayList<>();
    if (table != null) {
      readTable(table, out, false);
    }
    out.sort(Comparator.comparingLong(ElfSymbol::address).thenComparing(ElfSymbol::name));
    List<ElfSymbol> dedup = new ArrayList<>(out.size());
    for (ElfSymbol s : out) {
      if (dedup.isEmpty() || !dedup.get(dedup.size() - 1).equals(s)) {
        dedup.add(s);
      }
    }
    return Collections.unmodifiableList(dedup);
  }

  /**
   * Symbolic's symbol map: the {@code STT_FUNC} symbols of {@code .symtab} followed by those of
   * {@code .dynsym}, each defined in an executable section at or above the {@link #loadAddress()
   * load address}, with addresses made relative to it; stably sorted by address and deduplicated
   * by address (the first wins).
   */
  public List<ElfSymbol> symbolMap() {
    List<ElfSymbol> result = symbolMap;
    if (result == null) {
      result = guard(this::readSymbolMap);
      symbolMap = result;
    }
    return result;
  }

  private List<ElfSymbol> readSymbolMap() {
    List<ElfSymbol> out = new ArrayList<>();
    ElfSection symtab = firstOfType(ElfSection.SHT_SYMTAB);
    if (symtab != null) {
      readTable(symtab, out, true);
    }
    ElfSection dynsym = firstOfType(ElfSection.SHT_DYNSYM);
    if (dynsym != null) {
      readTable(dynsym, out, true);
    }
    long load = loadAddress();
    List<ElfSymbol> rebased = new ArrayList<>(out.size());
    for (ElfSymbol s : out) {
      if (Long.compareUnsigned(s.address(), load) < 0) {
        continue;
      }
      rebased.add(new ElfSymbol(s.name(), s.address() - load, s.size(), s.type(), s.binding(),
          s.sectionIndex()));
    }
    rebased.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
    List<ElfSymbol> dedup = new ArrayList<>(rebased.size());
    for (ElfSymbol s : rebased) {
      if (dedup.isEmpty() || dedup.get(dedup.size() - 1).address() != s.address()) {
        dedup.add(s);
      }
    }
    return Collections.unmodifiableList(dedup);
  }

  private ElfSection firstOfType(long shType) {
    for (ElfSection s : sections) {
      if (s.type() == shType) {
        return s;
      }
    }
    return null;
  }

  private void readTable(ElfSection table, List<ElfSymbol> out, boolean symbolicFunctions) {
    ByteView bytes = rawData(table);
    int entSize = is64 ? 24 : 16;
    long stride = table.entrySize() == 0 ? entSize : table.entrySize();
    if (stride < entSize) {
      throw new DebugInfoException(table.offset(), "bad symbol entry size " + table.entrySize());
    }
    ByteView strtab = ByteView.empty();
    if (table.link() > 0 && table.link() < sections.size()) {
      ElfSection str = sections.get((int) table.link());
      if (!str.isNoBits() && inFile(str.offset(), str.size())) {
        strtab = data.slice(str.offset(), str.size());
      }
    }
    long count = bytes.length() / stride;
    for (long i = 1; i < count; i++) {
      long b = i * stride;
      long nameOff = u32(bytes, b);
      int info;
      int shndx;
      long value;
      long size;
      if (is64) {
        info = bytes.u8(b + 4);
        shndx = u16(bytes, b + 6);
        value = u64(bytes, b + 8);
        size = u64(bytes, b + 16);
      } else {
        value = u32(bytes, b + 4);
        size = u32(bytes, b + 8);
        info = bytes.u8(b + 12);
        shndx = u16(bytes, b + 14);
      }
      int stt = info & 0xf;
      int bind = info >>> 4;
      if (shndx == SHN_UNDEF) {
        continue;
      }
      ElfSymbol.Type t;
      switch (stt) {
        case 1: // STT_OBJECT
        case 5: // STT_COMMON
          t = ElfSymbol.Type.OBJECT;
          break;
        case 2: // STT_FUNC
        case 10: // STT_GNU_IFUNC
          t = ElfSymbol.Type.FUNCTION;
          break;
        case 3: // STT_SECTION
        case 4: // STT_FILE
          continue;
        case 6:
          t = ElfSymbol.Type.TLS;
          break;
        default:
          t = ElfSymbol.Type.OTHER;
          break;
      }
      if (symbolicFunctions) {
        if (stt != 2) {
          continue;
        }
        if (shndx >= SHN_LORESERVE || shndx >= sections.size()
            || !sections.get(shndx).isExecutable()) {
          continue;
        }
      }
      String name = cstringIn(strtab, nameOff);
      if (!symbolicFunctions && (name.isEmpty() || isFormatSpecific(name, stt))) {
        continue;
      }
      out.add(new ElfSymbol(name, value, size, t, bind, shndx));
    }
  }

  /**
   * Like LLVM's {@code SF_FormatSpecific}: ARM/AArch64/RISC-V mapping symbols ({@code $a},
   * {@code $d}, {@code $t}, {@code $x}, optionally followed by {@code .suffix}) and RISC-V
   * {@code ".L0 "} assembler temporaries, which llvm-nm does not list.
   */
  private boolean isFormatSpecific(String name, int stt) {
    if (machine != EM_ARM && machine != EM_AARCH64 && machine != EM_RISCV) {
      return false;
    }
    if (stt == 0 && name.length() >= 2 && name.charAt(0) == '$'
        && "adtx".indexOf(name.charAt(1)) >= 0
        && (name.length() == 2 || name.charAt(2) == '.')) {
      return true;
    }
    return machine == EM_RISCV && name.startsWith(".L0 ");
  }

  // ---------------------------------------------------------------------------------- helpers

  private <T> T guard(Supplier<T> body) {
    try {
      return body.get();
    } catch (DebugInfoException e) {
      throw e;
    } catch (ParseException e) {
      throw new DebugInfoException(e.offset(), e.getMessage(), e);
    } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
      throw new DebugInfoException(0, "malformed ELF file: " + e, e);
    }
  }

  /** Whether {@code [offset, offset + size)} (unsigned) lies within the file. */
  private boolean inFile(long offset, long size) {
    return offset >= 0 && size >= 0 && offset <= data.length() && size <= data.length() - offset;
  }

  private void checkRange(long offset, long size, String what) {
    if (!inFile(offset, size)) {
      throw new DebugInfoException(offset, what + " exceeds the file");
    }
  }

  /** A NUL-terminated string at {@code off} of a string table, or "" if out of range. */
  private static String cstringIn(ByteView table, long off) {
    if (off < 0 || off >= table.length()) {
      return "";
    }
    long nul = table.indexOf((byte) 0, off, table.length());
    long end = nul < 0 ? table.length() : nul;
    long len = Math.min(end - off, Integer.MAX_VALUE - 8);
    return new String(table.slice(off, len).toByteArray(), StandardCharsets.UTF_8);
  }

  private int u16(long off) {
    return u16(data, off);
  }

  private long u32(long off) {
    return u32(data, off);
  }

  private long u64(long off) {
    return u64(data, off);
  }

  private long addr(long off) {
    return is64 ? u64(off) : u32(off);
  }

  private int u16(ByteView v, long off) {
    return littleEndian ? v.u16le(off) : v.u16be(off);
  }

  private long u32(ByteView v, long off) {
    return littleEndian ? v.u32le(off) : v.u32be(off);
  }

  private long u64(ByteView v, long off) {
    return littleEndian ? v.u64le(off) : v.u64be(off);
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ElfFile[" + (is64 ? "ELF64" : "ELF32") + (littleEndian ? " LE" : " BE")
        + ", type=" + type + ", machine=" + machine + ", sections=" + sections.size() + "]";
  }
}
