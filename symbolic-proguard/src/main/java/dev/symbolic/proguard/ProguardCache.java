package dev.symbolic.proguard;

import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_ENTRY_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.HEADER_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.HEADER_STRING_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.MAGIC;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_STRING_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_VARINT_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_METHOD;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ORIGINAL_SINGLE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_OUTLINE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.MIN_MEMBER_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.MIN_RULE_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.NO_STRING;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_CLASS_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_FILE_LENGTH;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_HEADER_STRINGS;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_SECTIONS;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_STRING_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_VERSION;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_BY_ORIGINAL;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_CLASSES;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_NAMES;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_RECORDS;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_STRING_DATA;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_STRING_ENDS;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A binary cache of a ProGuard/R8 mapping: the parsed mapping in a form that opens in
 * milliseconds and answers a lookup by decoding one class, however large the mapping.
 *
 * <p>A text mapping must be scanned before its first lookup (about a second for 50 MB); a cache
 * is memory-mapped and only its header is validated. Its tables are sorted by the UTF-8 bytes of
 * the class names, so a lookup is a binary search over the mapped bytes followed by decoding that
 * class's record; decoded classes are kept, as {@link ProguardMapping} keeps parsed ones. The
 * cache gives the same answers as the mapping it was written from, for every lookup: the same
 * {@link ClassMapping}s, header and retraced traces. The layout is versioned ({@link #VERSION});
 * a cache of another version is rejected, to be rebuilt from the text.
 *
 * <pre>{@code
 * Path cacheFile = Path.of("mapping.pgcache");
 * try (OutputStream out = Files.newOutputStream(cacheFile)) {
 *   ProguardCache.write(ProguardMapping.open(Path.of("mapping.txt")), out);
 * }
 * ProguardCache cache = ProguardCache.open(cacheFile);
 * cache.remapClass("a.b");                                  // Optional[com.example.Foo]
 * String original = Retracer.of(cache).retrace(obfuscatedStackTrace);
 * }</pre>
 *
 * <p>Cache files are input like any other: every read is bounds-checked, and a truncated or
 * corrupted file makes {@link #open(Path)}, {@link #of(ByteView)} or a later lookup throw a
 * {@link ParseException} with the offset of the problem, never anything else. Counts are checked
 * against the bytes present before anything is allocated for them, and what decoding may produce
 * in total is bounded in proportion to the file's length, so a small hostile file cannot exhaust
 * the heap by referencing the same bytes over and over.
 *
 * <p>Immutable and thread-safe: decoded strings and classes are published through atomic
 * arrays.
 */
public final class ProguardCache implements Mapping {
  /** The version of the layout this class reads and writes. */
  public static final int VERSION = 1;

  /** Largest class or string count: the length of the largest array the JVM allocates. */
  private static final long MAX_COUNT = Integer.MAX_VALUE - 8;

  private final ByteView data;
  private final MappingHeader header;
  private final int classCount;
  private final int stringCount;
  private final long classesOffset;
  private final long byOriginalOffset;
  private final long stringEndsOffset;
  private final long stringDataOffset;
  private final long stringDataLength;
  private final long recordsOffset;
  private final long recordsLength;

  private final AtomicReferenceArray<String> strings;
  private final AtomicReferenceArray<ClassMapping> classes;

  // What decoding has produced so far, against what a well-formed file can make it produce.
  // Strings and records of a well-formed file do not overlap, so decoding each once stays within
  // the section lengths; a hostile file whose entries overlap hits these limits instead of
  // making the reader allocate the same bytes over and over.
  private final AtomicLong stringBytesDecoded = new AtomicLong();
  private final AtomicLong recordBytesDecoded = new AtomicLong();
  /**
   * Class indexes found by name, so a trace naming a class again skips the binary search. Only
   * names found are kept: at most two per class, whatever a hostile trace asks for.
   */
  private final Map<String, Integer> byObfuscatedName = new ConcurrentHashMap<>();
  private final Map<String, Integer> byOriginalName = new ConcurrentHashMap<>();
  private final AtomicLong textDecoded = new AtomicLong();
  private final long textLimit;

  private ProguardCache(ByteView data) {
    this.data = Objects.requireNonNull(data, "bytes");
    long length = data.length();
    if (!data.startsWith(0, MAGIC)) {
      throw new ParseException(0, "not a ProGuard cache (bad magic)");
    }
    long version = data.u32le(OFF_VERSION);
    if (version != VERSION) {
      throw new ParseException(
          OFF_VERSION, "unsupported ProGuard cache version " + version + " (expected " + VERSION
              + ")");
    }
    if (length < HEADER_SIZE) {
      throw new ParseException(length, "ProGuard cache header truncated");
    }
    long flags = data.u32le(OFF_FLAGS);
    if (flags != 0) {
      throw new ParseException(OFF_FLAGS, "unknown ProGuard cache flags " + flags);
    }
    long declared = data.u64le(OFF_FILE_LENGTH);
    if (declared != length) {
      throw new ParseException(OFF_FILE_LENGTH, "cache is " + length + " bytes but its header says "
          + Long.toUnsignedString(declared) + " (truncated or appended to)");
    }
    long classes = data.u32le(OFF_CLASS_COUNT);
    long stringCount = data.u32le(OFF_STRING_COUNT);
    if (classes > MAX_COUNT || stringCount > MAX_COUNT) {
      throw new ParseException(OFF_CLASS_COUNT, "too many classes or strings (" + classes + ", "
          + stringCount + ")");
    }

    long[] offsets = new long[SECTION_COUNT];
    long[] lengths = new long[SECTION_COUNT];
    long previousEnd = HEADER_SIZE;
    for (int s = 0; s < SECTION_COUNT; s++) {
      long at = OFF_SECTIONS + 16L * s;
      long offset = data.u64le(at);
      long size = data.u64le(at + 8);
      // Sections lie in order, apart, and inside the file; unsigned values above 2^63 read as
      // negative and fail the same tests.
      if (offset < previousEnd || size < 0 || offset > length || size > length - offset) {
        throw new ParseException(at, SECTION_NAMES[s] + " section [" + Long.toUnsignedString(offset)
            + ", +" + Long.toUnsignedString(size) + ") out of bounds");
      }
      offsets[s] = offset;
      lengths[s] = size;
      previousEnd = offset + size;
    }
    // The fixed-width tables must be exactly as long as the counts say. This bounds the counts by
    // the file length before the arrays below are allocated from them.
    expectLength(SECTION_CLASSES, lengths, classes * CLASS_ENTRY_SIZE);
    expectLength(SECTION_BY_ORIGINAL, lengths, classes * 4);
    expectLength(SECTION_STRING_ENDS, lengths, stringCount * 4);
    if (lengths[SECTION_STRING_DATA] > 0xFFFF_FFFFL) {
      throw new ParseException(OFF_SECTIONS + 16L * SECTION_STRING_DATA + 8,
          "string data longer than 4 GiB");
    }
    this.classCount = (int) classes;
    this.stringCount = (int) stringCount;
    this.classesOffset = offsets[SECTION_CLASSES];
    this.byOriginalOffset = offsets[SECTION_BY_ORIGINAL];
    this.stringEndsOffset = offsets[SECTION_STRING_ENDS];
    this.stringDataOffset = offsets[SECTION_STRING_DATA];
    this.stringDataLength = lengths[SECTION_STRING_DATA];
    this.recordsOffset = offsets[SECTION_RECORDS];
    this.recordsLength = lengths[SECTION_RECORDS];
    this.strings = new AtomicReferenceArray<>(this.stringCount);
    this.classes = new AtomicReferenceArray<>(this.classCount);
    this.textLimit = ProguardCacheFormat.textLimit(length);

    String[] h = new String[HEADER_STRING_COUNT];
    for (int k = 0; k < HEADER_STRING_COUNT; k++) {
      long at = OFF_HEADER_STRINGS + 4L * k;
      long index = data.u32le(at);
      h[k] = index == NO_STRING ? null : string(index, at);
    }
    this.header = new MappingHeader(h[0], h[1], h[2], h[3], h[4], h[5]);
  }

  private static void expectLength(int section, long[] lengths, long expected) {
    if (lengths[section] != expected) {
      throw new ParseException(OFF_SECTIONS + 16L * section + 8, SECTION_NAMES[section]
          + " is " + lengths[section] + " bytes, expected " + expected);
    }
  }

  /**
   * Writes the cache of a parsed mapping. Parses every class of {@code mapping}; streams through
   * a buffer and flushes {@code out}, but does not close it.
   *
   * @throws IOException if writing fails, or the mapping is beyond the format's limits (more
   *     than 4 GiB of distinct strings, or a string longer than 1 MiB)
   */
  public static void write(ProguardMapping mapping, OutputStream out) throws IOException {
    ProguardCacheWriter.write(mapping, out);
  }

  /**
   * Memory-maps and validates a cache file. Only the header and the section bounds are checked
   * here, in constant time; the rest is checked as it is read.
   *
   * @throws ParseException if the file is not a valid cache of this {@link #VERSION}
   * @throws IOException if the file cannot be read
   */
  public static ProguardCache open(Path file) throws IOException {
    return new ProguardCache(ByteView.map(file));
  }

  /**
   * Validates and wraps cache bytes, which the cache keeps and must not change.
   *
   * @throws ParseException if the bytes are not a valid cache of this {@link #VERSION}
   */
  public static ProguardCache of(ByteView bytes) {
    return new ProguardCache(bytes);
  }

  @Override
  public MappingHeader header() {
    return header;
  }

  /** The number of classes, those with a duplicate name included, as in the mapping. */
  public int classCount() {
    return classCount;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ParseException if the cache is corrupt
   */
  @Override
  public Optional<ClassMapping> classMapping(String obfuscatedName) {
    if (obfuscatedName == null) {
      return Optional.empty();
    }
    Integer known = byObfuscatedName.get(obfuscatedName);
    if (known != null) {
      return Optional.of(classAt(known));
    }
    byte[] key = obfuscatedName.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = classCount;
    // Lower bound: the first of several classes with this name is the one the mapping returns.
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(obfuscatedNameIndex(mid), key, classEntry(mid)) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == classCount || compare(obfuscatedNameIndex(lo), key, classEntry(lo)) != 0) {
      return Optional.empty();
    }
    ClassMapping cls = classAt(lo);
    // Equal bytes but different strings happen only for a name with an unpaired surrogate,
    // which encodes as '?' and so names no class.
    if (!cls.obfuscatedName().equals(obfuscatedName)) {
      return Optional.empty();
    }
    byObfuscatedName.put(obfuscatedName, lo);
    return Optional.of(cls);
  }

  /**
   * {@inheritDoc}
   *
   * @throws ParseException if the cache is corrupt
   */
  @Override
  public Optional<ClassMapping> classMappingByOriginalName(String originalName) {
    if (originalName == null) {
      return Optional.empty();
    }
    Integer known = byOriginalName.get(originalName);
    if (known != null) {
      return Optional.of(classAt(known));
    }
    byte[] key = originalName.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = classCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int cls = byOriginal(mid);
      if (compare(originalNameIndex(cls), key, classEntry(cls) + 4) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == classCount) {
      return Optional.empty();
    }
    int cls = byOriginal(lo);
    if (compare(originalNameIndex(cls), key, classEntry(cls) + 4) != 0) {
      return Optional.empty();
    }
    ClassMapping c = classAt(cls);
    if (!c.originalName().equals(originalName)) {
      return Optional.empty();
    }
    byOriginalName.put(originalName, cls);
    return Optional.of(c);
  }

  @Override
  public String toString() {
    return "ProguardCache[classes=" + classCount + ", length=" + data.length() + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Tables

  private long classEntry(int index) {
    return classesOffset + (long) index * CLASS_ENTRY_SIZE;
  }

  private long obfuscatedNameIndex(int cls) {
    return data.u32le(classEntry(cls));
  }

  private long originalNameIndex(int cls) {
    return data.u32le(classEntry(cls) + 4);
  }

  /** Entry {@code i} of the original-name index: a class-table index. */
  private int byOriginal(int i) {
    long at = byOriginalOffset + 4L * i;
    long cls = data.u32le(at);
    if (cls >= classCount) {
      throw new ParseException(at, "class index " + cls + " out of range (" + classCount
          + " classes)");
    }
    return (int) cls;
  }

  /**
   * Compares string {@code index}'s bytes with {@code key}, unsigned, as the writer sorted,
   * without decoding the string.
   */
  private int compare(long index, byte[] key, long referencedAt) {
    long start = stringStart(index, referencedAt);
    long end = stringEnd(index);
    long len = end - start;
    long base = stringDataOffset + start;
    int n = (int) Math.min(len, key.length);
    // One bulk copy: per-byte reads of mapped memory are slow until the JIT has compiled them.
    byte[] stored = new byte[n];
    data.copyTo(base, stored, 0, n);
    int c = java.util.Arrays.compareUnsigned(stored, 0, n, key, 0, n);
    return c != 0 ? c : Long.compare(len, key.length);
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /** Start of string {@code index} in string data; checks the index and the string's bounds. */
  private long stringStart(long index, long referencedAt) {
    if (index < 0 || index >= stringCount) {
      throw new ParseException(referencedAt,
          "string index " + index + " out of range (" + stringCount + " strings)");
    }
    long start = index == 0 ? 0 : data.u32le(stringEndsOffset + 4 * (index - 1));
    long end = data.u32le(stringEndsOffset + 4 * index);
    if (start > end || end > stringDataLength || end - start > MAX_STRING_BYTES) {
      throw new ParseException(stringEndsOffset + 4 * index, "string " + index + " has bad bounds ["
          + start + ", " + end + ") in string data of " + stringDataLength + " bytes");
    }
    return start;
  }

  /** End of string {@code index}; call after {@link #stringStart}, which checks it. */
  private long stringEnd(long index) {
    return data.u32le(stringEndsOffset + 4 * index);
  }

  /**
   * String {@code index}, decoded once and shared by every reference to it.
   *
   * @param referencedAt the offset of the reference, for error messages
   */
  private String string(long index, long referencedAt) {
    if (index < 0 || index >= stringCount) {
      throw new ParseException(referencedAt,
          "string index " + index + " out of range (" + stringCount + " strings)");
    }
    int i = (int) index;
    String s = strings.get(i);
    if (s != null) {
      return s;
    }
    long start = stringStart(index, referencedAt);
    int len = (int) (stringEnd(index) - start);
    if (stringBytesDecoded.get() + len > stringDataLength) {
      throw new ParseException(stringEndsOffset + 4 * index, "strings overlap");
    }
    s = data.utf8(stringDataOffset + start, len);
    if (strings.compareAndSet(i, null, s)) {
      stringBytesDecoded.addAndGet(len);
      return s;
    }
    return strings.get(i);
  }

  // ---------------------------------------------------------------------------------------------
  // Class records

  private ClassMapping classAt(int index) {
    ClassMapping cls = classes.get(index);
    if (cls != null) {
      return cls;
    }
    long entry = classEntry(index);
    long start = data.u64le(entry + 8);
    long end = index + 1 < classCount ? data.u64le(classEntry(index + 1) + 8) : recordsLength;
    if (start < 0 || start > end || end > recordsLength) {
      throw new ParseException(entry + 8, "class record [" + Long.toUnsignedString(start) + ", "
          + Long.toUnsignedString(end) + ") out of bounds (records are " + recordsLength
          + " bytes)");
    }
    long length = end - start;
    if (recordBytesDecoded.get() + length > recordsLength) {
      throw new ParseException(entry + 8, "class records overlap");
    }
    Decoder d = new Decoder(recordsOffset + start, recordsOffset + end);
    String obfuscated = d.string(obfuscatedNameIndex(index), entry);
    String original = d.string(originalNameIndex(index), entry + 4);
    cls = d.decodeClass(obfuscated, original, entry);
    if (classes.compareAndSet(index, null, cls)) {
      recordBytesDecoded.addAndGet(length);
      textDecoded.addAndGet(d.text);
      return cls;
    }
    return classes.get(index);
  }

  /** A copy of {@code [pos, end)} when it is of a sane size, else null (read the mapping). */
  private byte[] copy(long pos, long end) {
    if (end - pos > MAX_COPIED_RECORD) {
      return null;
    }
    byte[] bytes = new byte[(int) (end - pos)];
    data.copyTo(pos, bytes, 0, bytes.length);
    return bytes;
  }

  private void checkStringIndex(long index, long referencedAt) {
    if (index < 0 || index >= stringCount) {
      throw new ParseException(referencedAt,
          "string index " + index + " out of range (" + stringCount + " strings)");
    }
  }

  /**
   * The members of one checked class record, decoded when a lookup asks for their name. The
   * text their strings stand for is charged against the cache's text budget as they are decoded,
   * so a hostile cache cannot make lookups derive more text than the cache could hold.
   */
  private final class LazyMembers implements ClassMapping.MemberSource {
    private final long recordStart;
    private final long recordEnd;
    private final byte[] bytes;
    private final long[] starts;
    private final Map<String, int[]> byName;
    private final long entry;
    private final AtomicReferenceArray<MemberMapping> decoded;

    LazyMembers(long recordStart, long recordEnd, byte[] bytes, long[] starts,
        Map<String, int[]> byName, long entry) {
      this.recordStart = recordStart;
      this.recordEnd = recordEnd;
      this.bytes = bytes;
      this.starts = starts;
      this.byName = byName;
      this.entry = entry;
      this.decoded = new AtomicReferenceArray<>(starts.length);
    }

    @Override
    public List<MemberMapping> named(String obfuscatedName) {
      int[] ks = byName.get(obfuscatedName);
      if (ks == null) {
        return List.of();
      }
      List<MemberMapping> out = new ArrayList<>(ks.length);
      for (int k : ks) {
        out.add(member(k));
      }
      return out;
    }

    @Override
    public List<MemberMapping> all() {
      List<MemberMapping> out = new ArrayList<>(starts.length);
      for (int k = 0; k < starts.length; k++) {
        out.add(member(k));
      }
      return out;
    }

    /** Member {@code k}, decoded (and its text charged) once. */
    private MemberMapping member(int k) {
      MemberMapping m = decoded.get(k);
      if (m != null) {
        return m;
      }
      Decoder d = new Decoder(recordStart, recordEnd, bytes);
      d.pos = starts[k];
      m = d.member();
      if (!decoded.compareAndSet(k, null, m)) {
        return decoded.get(k);
      }
      if (textDecoded.addAndGet(d.text) > textLimit) {
        throw new ParseException(entry + 8, "class records reference more text than the cache"
            + " can (" + textDecoded.get() + " chars)");
      }
      return m;
    }
  }

  /** Class records up to this size are decoded from a copy. */
  private static final int MAX_COPIED_RECORD = 1 << 20;

  /** Reads one class record, checking every read against the record's end. */
  private final class Decoder {
    private long pos;
    private final long end;
    /**
     * The record, copied out in one go when it is of a sane size: per-byte reads of mapped
     * memory are slow until the JIT has compiled them.
     */
    private final byte[] bytes;
    private final long base;
    /** Chars of text the references of this record stand for; see TEXT_RATIO. */
    long text;

    Decoder(long pos, long end) {
      this(pos, end, copy(pos, end));
    }

    /** A decoder over {@code [pos, end)}, reading {@code bytes} (a copy of it) when not null. */
    Decoder(long pos, long end, byte[] bytes) {
      this.pos = pos;
      this.end = end;
      this.base = pos;
      this.bytes = bytes;
    }

    /**
     * Checks a class record and indexes its members by obfuscated name without decoding them:
     * a lookup then decodes only the members with the name it asks for (see {@link
     * LazyMembers}). Only the obfuscated member names are read as strings here.
     */
    ClassMapping decodeClass(String obfuscated, String original, long entry) {
      long at = pos;
      int flags = u8();
      if ((flags & ~CLASS_FLAGS) != 0) {
        throw new ParseException(at, "unknown class flags " + flags);
      }
      String sourceFile = optionalString();
      int count = count(MIN_MEMBER_SIZE, "member");
      long[] starts = new long[count];
      Map<String, int[]> byName = new HashMap<>();
      for (int k = 0; k < count; k++) {
        starts[k] = pos;
        String name = skipMember();
        int[] ks = byName.get(name);
        if (ks == null) {
          byName.put(name, new int[] {k});
        } else {
          int[] grown = Arrays.copyOf(ks, ks.length + 1);
          grown[ks.length] = k;
          byName.put(name, grown);
        }
      }
      if (pos != end) {
        throw new ParseException(pos, (end - pos) + " unread bytes at the end of class record");
      }
      return new ClassMapping(obfuscated, original, sourceFile, (flags & CLASS_SYNTHESIZED) != 0,
          new LazyMembers(base, end, bytes, starts, byName, entry));
    }

    /** Reads past one member record, checking it; returns its obfuscated name. */
    private String skipMember() {
      long at = pos;
      int flags = u8();
      if ((flags & ~MEMBER_FLAGS) != 0) {
        throw new ParseException(at, "unknown member flags " + flags);
      }
      for (int k = 0; k < 4; k++) {
        skipString(); // type, original class, original name, arguments
      }
      long nameAt = pos;
      // Not counted as text here: decoding the member counts it, as the writer does.
      String obfuscatedName = ProguardCache.this.string(varint(), nameAt);
      for (int k = 0; k < 4; k++) {
        int32(); // minified and original line ranges
      }
      skipOptionalString(); // residual signature
      skipOptionalString(); // outline target
      at = pos;
      long positions = varint();
      if (positions > 0) {
        int n = checkCount(positions - 1, 1, "outline position", at);
        for (int k = 0; k < n; k++) {
          int32();
        }
      }
      int ruleCount = count(MIN_RULE_SIZE, "rewrite rule");
      for (int r = 0; r < ruleCount; r++) {
        int descriptorCount = count(1, "descriptor");
        for (int k = 0; k < descriptorCount; k++) {
          skipString();
        }
        int32();
      }
      return obfuscatedName;
    }

    private void skipString() {
      long at = pos;
      checkStringIndex(varint(), at);
    }

    private void skipOptionalString() {
      long at = pos;
      long v = varint();
      if (v != 0) {
        checkStringIndex(v - 1, at);
      }
    }

    private MemberMapping member() {
      long at = pos;
      int flags = u8();
      if ((flags & ~MEMBER_FLAGS) != 0) {
        throw new ParseException(at, "unknown member flags " + flags);
      }
      String type = string();
      String originalClass = string();
      String originalName = string();
      String arguments = string();
      String obfuscatedName = string();
      int minifiedStart = int32();
      int minifiedEnd = int32();
      int originalStart = int32();
      int originalEnd = int32();
      String residualSignature = optionalString();
      String outlineTarget = optionalString();
      int[] outlinePositions = null;
      at = pos;
      long positions = varint();
      if (positions > 0) {
        int n = checkCount(positions - 1, 1, "outline position", at);
        outlinePositions = new int[n];
        for (int k = 0; k < n; k++) {
          outlinePositions[k] = int32();
        }
      }
      int ruleCount = count(MIN_RULE_SIZE, "rewrite rule");
      List<RewriteFrameRule> rules = ruleCount == 0 ? List.of() : new ArrayList<>(ruleCount);
      for (int r = 0; r < ruleCount; r++) {
        int descriptorCount = count(1, "descriptor");
        List<String> descriptors = new ArrayList<>(descriptorCount);
        for (int k = 0; k < descriptorCount; k++) {
          descriptors.add(string());
        }
        rules.add(new RewriteFrameRule(descriptors, int32()));
      }
      return new MemberMapping(
          (flags & MEMBER_METHOD) != 0, type, originalClass, originalName, arguments,
          obfuscatedName, minifiedStart, minifiedEnd, originalStart, originalEnd,
          (flags & MEMBER_ORIGINAL_SINGLE) != 0, (flags & MEMBER_SYNTHESIZED) != 0, (flags & MEMBER_OUTLINE) != 0, residualSignature,
          outlinePositions, outlineTarget, rules);
    }

    private int u8() {
      if (pos >= end) {
        throw new ParseException(pos, "class record ends early");
      }
      return bytes != null ? bytes[(int) (pos++ - base)] & 0xFF : data.u8(pos++);
    }

    /** A ULEB128 value of at most 35 bits. */
    private long varint() {
      long at = pos;
      long value = 0;
      for (int k = 0; k < MAX_VARINT_BYTES; k++) {
        int b = u8();
        value |= (long) (b & 0x7F) << (7 * k);
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new ParseException(at, "varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    /** An int stored as its unsigned 32-bit value + 1. */
    private int int32() {
      long at = pos;
      long v = varint();
      if (v > 0xFFFF_FFFFL) {
        throw new ParseException(at, "number " + v + " wider than 32 bits");
      }
      return (int) v - 1;
    }

    /** A count of items each at least {@code minSize} bytes, checked against the bytes left. */
    private int count(int minSize, String what) {
      long at = pos;
      return checkCount(varint(), minSize, what, at);
    }

    private int checkCount(long n, int minSize, String what, long at) {
      if (n > (end - pos) / minSize) {
        throw new ParseException(at, n + " " + what + "s cannot fit in the " + (end - pos)
            + " bytes left of the class record");
      }
      return (int) n;
    }

    private String string() {
      long at = pos;
      return string(varint(), at);
    }

    private String optionalString() {
      long at = pos;
      long v = varint();
      return v == 0 ? null : string(v - 1, at);
    }

    String string(long index, long at) {
      String s = ProguardCache.this.string(index, at);
      text += s.length();
      return s;
    }
  }
}
