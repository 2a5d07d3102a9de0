package dev.symbolic.proguard;

import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_ENTRY_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.HEADER_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.HEADER_STRING_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.MAGIC;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_STRING_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_VARINT_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ENTRY_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_MEMBER_OFFSET;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_METHOD;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ORIGINAL_SINGLE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_OUTLINE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.MIN_MEMBER_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.MIN_RULE_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.NO_STRING;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_CLASS_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_ENTRY_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_ENTRY_ORIGINAL;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_ENTRY_RECORD;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_ENTRY_SOURCE_FILE;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_FILE_LENGTH;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_HEADER_STRINGS;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_SECTIONS;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_STRING_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_VERSION;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_BY_OBFUSCATED;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_BY_ORIGINAL;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_CLASSES;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_NAMES;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_RECORDS;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_STRING_DATA;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_STRING_ENDS;
import static dev.symbolic.proguard.ProguardCacheFormat.SLOT_SIZE;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
  public static final int VERSION = 3;

  /** Largest class or string count: the length of the largest array the JVM allocates. */
  private static final long MAX_COUNT = Integer.MAX_VALUE - 8;

  private final ByteView data;
  private final MappingHeader header;
  private final int classCount;
  private final int stringCount;
  private final long classesOffset;
  private final long byObfuscatedOffset;
  private final long byOriginalOffset;
  /** Slots in each hash index. */
  private final long slots;
  private final long stringEndsOffset;
  private final long stringDataOffset;
  private final long stringDataLength;
  private final long recordsOffset;
  private final long recordsLength;

  // Decoded strings and classes, created on first use: the byte path of Retracer decodes none,
  // and the first atomic array of a process costs it the set-up of VarHandles.
  private volatile AtomicReferenceArray<String> strings;
  private volatile AtomicReferenceArray<ClassMapping> classes;

  // What decoding has produced so far, against what a well-formed file can make it produce.
  // Strings and records of a well-formed file do not overlap, so decoding each once stays within
  // the section lengths; a hostile file whose entries overlap hits these limits instead of
  // making the reader allocate the same bytes over and over.
  private final AtomicLong stringBytesDecoded = new AtomicLong();
  private final AtomicLong recordBytesDecoded = new AtomicLong();
  private final AtomicLong textDecoded = new AtomicLong();
  private final long textLimit;

  /** See {@link #tables}. */
  private volatile CacheFrames.Tables tables;

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
    long slots = ProguardCacheFormat.slotCount(classes);
    expectLength(SECTION_BY_OBFUSCATED, lengths, slots * SLOT_SIZE);
    expectLength(SECTION_BY_ORIGINAL, lengths, slots * SLOT_SIZE);
    expectLength(SECTION_STRING_ENDS, lengths, stringCount * 4);
    if (lengths[SECTION_STRING_DATA] > 0xFFFF_FFFFL) {
      throw new ParseException(OFF_SECTIONS + 16L * SECTION_STRING_DATA + 8,
          "string data longer than 4 GiB");
    }
    this.classCount = (int) classes;
    this.stringCount = (int) stringCount;
    this.classesOffset = offsets[SECTION_CLASSES];
    this.byObfuscatedOffset = offsets[SECTION_BY_OBFUSCATED];
    this.byOriginalOffset = offsets[SECTION_BY_ORIGINAL];
    this.slots = slots;
    this.stringEndsOffset = offsets[SECTION_STRING_ENDS];
    this.stringDataOffset = offsets[SECTION_STRING_DATA];
    this.stringDataLength = lengths[SECTION_STRING_DATA];
    this.recordsOffset = offsets[SECTION_RECORDS];
    this.recordsLength = lengths[SECTION_RECORDS];
    this.textLimit = ProguardCacheFormat.textLimit(length);

    String[] h = new String[HEADER_STRING_COUNT];
    for (int k = 0; k < HEADER_STRING_COUNT; k++) {
      long at = OFF_HEADER_STRINGS + 4L * k;
      long index = data.u32le(at);
      if (index != NO_STRING) {
        // Decoded once here, not kept with the other strings (see decodedStrings).
        long start = stringStart(index, at);
        h[k] = data.utf8(stringDataOffset + start, (int) (stringEnd(index) - start));
      }
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
    int cls = find(obfuscatedName, byObfuscatedOffset, 0);
    if (cls < 0) {
      return Optional.empty();
    }
    ClassMapping c = classAt(cls);
    // Equal bytes but different strings happen only for a name with an unpaired surrogate,
    // which encodes as '?' and so names no class.
    return c.obfuscatedName().equals(obfuscatedName) ? Optional.of(c) : Optional.empty();
  }

  /**
   * {@inheritDoc}
   *
   * @throws ParseException if the cache is corrupt
   */
  @Override
  public Optional<ClassMapping> classMappingByOriginalName(String originalName) {
    int cls = find(originalName, byOriginalOffset, OFF_ENTRY_ORIGINAL);
    if (cls < 0) {
      return Optional.empty();
    }
    ClassMapping c = classAt(cls);
    return c.originalName().equals(originalName) ? Optional.of(c) : Optional.empty();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the class table only: no class record is decoded.
   *
   * @throws ParseException if the cache is corrupt
   */
  @Override
  public Optional<String> sourceFile(String originalName) {
    int cls = find(originalName, byOriginalOffset, OFF_ENTRY_ORIGINAL);
    if (cls < 0 || !string(originalNameIndex(cls), classEntry(cls) + OFF_ENTRY_ORIGINAL)
        .equals(originalName)) {
      return Optional.empty();
    }
    return Optional.ofNullable(sourceFileAt(classEntry(cls)));
  }

  /**
   * The class-table index of the first class whose name has the bytes of {@code name}, or -1:
   * looked up in the hash index at {@code indexOffset}, comparing the name at {@code nameField}
   * of each class entry.
   */
  private int find(String name, long indexOffset, int nameField) {
    if (name == null) {
      return -1;
    }
    byte[] key = name.getBytes(StandardCharsets.UTF_8);
    return find(key, 0, key.length, indexOffset, nameField, null);
  }

  /**
   * The class-table index of the first class whose obfuscated name ({@code original} false) or
   * original name is {@code key[from, to)}, or -1. {@code scratch}, when long enough, receives
   * the stored names while they are compared.
   */
  int findClass(byte[] key, int from, int to, boolean original, byte[] scratch) {
    return original ? find(key, from, to, byOriginalOffset, OFF_ENTRY_ORIGINAL, scratch)
        : find(key, from, to, byObfuscatedOffset, 0, scratch);
  }

  private int find(byte[] key, int from, int to, long indexOffset, int nameField,
      byte[] scratch) {
    if (slots == 0) {
      return -1;
    }
    int hash = ProguardCacheFormat.hash(key, from, to);
    long mask = slots - 1;
    long i = hash & mask;
    // Every slot at most once, whatever a corrupt table holds.
    for (long probes = 0; probes < slots; probes++, i = (i + 1) & mask) {
      long slot = indexOffset + i * SLOT_SIZE;
      long classPlusOne = data.u32le(slot);
      if (classPlusOne == 0) {
        return -1;
      }
      if ((int) data.u32le(slot + 4) != hash) {
        continue;
      }
      if (classPlusOne > classCount) {
        throw new ParseException(slot, "class index " + (classPlusOne - 1) + " out of range ("
            + classCount + " classes)");
      }
      int cls = (int) classPlusOne - 1;
      long at = classEntry(cls) + nameField;
      if (compare(data.u32le(at), key, from, to, at, scratch) == 0) {
        return cls;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "ProguardCache[classes=" + classCount + ", length=" + data.length() + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Tables

  long classEntry(int index) {
    return classesOffset + (long) index * CLASS_ENTRY_SIZE;
  }

  long obfuscatedNameIndex(int cls) {
    return data.u32le(classEntry(cls));
  }

  long originalNameIndex(int cls) {
    return data.u32le(classEntry(cls) + OFF_ENTRY_ORIGINAL);
  }

  /**
   * Compares string {@code index}'s bytes with {@code key}, unsigned, as the writer sorted,
   * without decoding the string.
   */
  private int compare(long index, byte[] key, long referencedAt) {
    return compare(index, key, 0, key.length, referencedAt, null);
  }

  /**
   * Compares string {@code index}'s bytes with {@code key[from, to)}, unsigned; the stored bytes
   * are copied into {@code scratch} when it is long enough, else into a new array.
   */
  int compare(long index, byte[] key, int from, int to, long referencedAt, byte[] scratch) {
    long start = stringStart(index, referencedAt);
    long len = stringEnd(index) - start;
    int keyLength = to - from;
    int n = (int) Math.min(len, keyLength);
    // One bulk copy: per-byte reads of mapped memory are slow until the JIT has compiled them.
    byte[] stored = scratch != null && scratch.length >= n ? scratch : new byte[n];
    data.copyTo(stringDataOffset + start, stored, 0, n);
    int c = Arrays.compareUnsigned(stored, 0, n, key, from, from + n);
    return c != 0 ? c : Long.compare(len, keyLength);
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /** Start of string {@code index} in string data; checks the index and the string's bounds. */
  long stringStart(long index, long referencedAt) {
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
  long stringEnd(long index) {
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
    AtomicReferenceArray<String> strings = decodedStrings();
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

  private AtomicReferenceArray<String> decodedStrings() {
    AtomicReferenceArray<String> a = strings;
    if (a == null) {
      synchronized (this) {
        a = strings;
        if (a == null) {
          a = new AtomicReferenceArray<>(stringCount);
          strings = a;
        }
      }
    }
    return a;
  }

  private AtomicReferenceArray<ClassMapping> decodedClasses() {
    AtomicReferenceArray<ClassMapping> a = classes;
    if (a == null) {
      synchronized (this) {
        a = classes;
        if (a == null) {
          a = new AtomicReferenceArray<>(classCount);
          classes = a;
        }
      }
    }
    return a;
  }

  // ---------------------------------------------------------------------------------------------
  // Class records

  private ClassMapping classAt(int index) {
    AtomicReferenceArray<ClassMapping> classes = decodedClasses();
    ClassMapping cls = classes.get(index);
    if (cls != null) {
      return cls;
    }
    long entry = classEntry(index);
    long flags = classFlags(index);
    if ((flags & ~CLASS_FLAGS) != 0) {
      throw new ParseException(entry + OFF_ENTRY_FLAGS, "unknown class flags " + flags);
    }
    long recordStart = recordStart(index);
    long length = recordEnd(index) - recordStart;
    if (recordBytesDecoded.get() + length > recordsLength) {
      throw new ParseException(entry + OFF_ENTRY_RECORD, "class records overlap");
    }
    if (length < 4) {
      throw new ParseException(recordStart, "class record ends early");
    }
    long count = data.u32le(recordStart);
    if (count > (length - 4) / (MEMBER_ENTRY_SIZE + MIN_MEMBER_SIZE)) {
      throw new ParseException(recordStart, count + " members cannot fit in the " + length
          + " bytes of the class record");
    }
    String obfuscated = string(obfuscatedNameIndex(index), entry);
    String original = string(originalNameIndex(index), entry + OFF_ENTRY_ORIGINAL);
    String sourceFile = sourceFileAt(entry);
    cls = new ClassMapping(obfuscated, original, sourceFile, (flags & CLASS_SYNTHESIZED) != 0,
        new LazyMembers(recordStart, recordStart + length, (int) count, entry));
    if (classes.compareAndSet(index, null, cls)) {
      recordBytesDecoded.addAndGet(length);
      long text = obfuscated.length() + original.length()
          + (sourceFile == null ? 0 : sourceFile.length());
      if (textDecoded.addAndGet(text) > textLimit) {
        throw new ParseException(entry, "class records reference more text than the cache can ("
            + textDecoded.get() + " chars)");
      }
      return cls;
    }
    return classes.get(index);
  }

  long classFlags(int index) {
    return data.u32le(classEntry(index) + OFF_ENTRY_FLAGS);
  }

  /** Where class {@code index}'s record starts in the file; checks the record's bounds. */
  long recordStart(int index) {
    long entry = classEntry(index);
    long start = data.u64le(entry + OFF_ENTRY_RECORD);
    long end = index + 1 < classCount ? data.u64le(classEntry(index + 1) + OFF_ENTRY_RECORD)
        : recordsLength;
    if (start < 0 || start > end || end > recordsLength) {
      throw new ParseException(entry + OFF_ENTRY_RECORD, "class record ["
          + Long.toUnsignedString(start) + ", " + Long.toUnsignedString(end)
          + ") out of bounds (records are " + recordsLength + " bytes)");
    }
    return recordsOffset + start;
  }

  /** Where class {@code index}'s record ends in the file; call after {@link #recordStart}. */
  long recordEnd(int index) {
    return recordsOffset + (index + 1 < classCount
        ? data.u64le(classEntry(index + 1) + OFF_ENTRY_RECORD) : recordsLength);
  }

  /** Source file field of class {@code index}: 0 for none, else its string index + 1. */
  long sourceFileField(int index) {
    return data.u32le(classEntry(index) + OFF_ENTRY_SOURCE_FILE);
  }

  /** The bytes of the cache. */
  ByteView data() {
    return data;
  }

  /**
   * A copy of the string table: where each string ends in {@link #copyStringData}. Not checked:
   * ends may be out of order or out of bounds in a corrupt file.
   */
  int[] copyStringEnds() {
    return copyInts(stringEndsOffset, stringCount);
  }

  /** A copy of the class table: six u32 per class (see ProguardCacheFormat). */
  int[] copyClassTable() {
    return copyInts(classesOffset, Math.multiplyExact(classCount, CLASS_ENTRY_SIZE / 4));
  }

  /** A copy of a hash index, by original or by obfuscated names: two u32 per slot. */
  int[] copyIndex(boolean original) {
    return copyInts(original ? byOriginalOffset : byObfuscatedOffset,
        Math.toIntExact(slots * (SLOT_SIZE / 4)));
  }

  /** The tables the byte path of Retracer reads, copied out of the file on first use. */
  CacheFrames.Tables tables() {
    CacheFrames.Tables t = tables;
    if (t == null) {
      synchronized (this) {
        t = tables;
        if (t == null) {
          t = CacheFrames.Tables.copy(this);
          tables = t;
        }
      }
    }
    return t;
  }

  /** {@code count} little-endian u32 at {@code offset}, in one bulk read. */
  private int[] copyInts(long offset, int count) {
    int[] ints = new int[count];
    data.copyIntsLe(offset, ints, 0, count);
    return ints;
  }

  long recordsOffset() {
    return recordsOffset;
  }

  long recordsLength() {
    return recordsLength;
  }

  long stringDataLength() {
    return stringDataLength;
  }

  /** A copy of the string data; call only when {@link #stringDataLength} fits an array. */
  byte[] copyStringData() {
    byte[] bytes = new byte[Math.toIntExact(stringDataLength)];
    data.copyTo(stringDataOffset, bytes, 0, bytes.length);
    return bytes;
  }

  /** The source file of the class at table entry {@code entry}, or null. */
  private String sourceFileAt(long entry) {
    long v = data.u32le(entry + OFF_ENTRY_SOURCE_FILE);
    return v == 0 ? null : string(v - 1, entry + OFF_ENTRY_SOURCE_FILE);
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

  /**
   * The members of one class record, found through its name table and decoded when a lookup
   * asks for their name. The text their strings stand for is charged against the cache's text
   * budget as they are decoded, so a hostile cache cannot make lookups derive more text than the
   * cache could hold.
   */
  private final class LazyMembers implements ClassMapping.MemberSource {
    private final long recordStart;
    private final long recordEnd;
    private final int count;
    private final long entry;
    /** Members by name-table position. */
    private final AtomicReferenceArray<MemberMapping> decoded;

    LazyMembers(long recordStart, long recordEnd, int count, long entry) {
      this.recordStart = recordStart;
      this.recordEnd = recordEnd;
      this.count = count;
      this.entry = entry;
      this.decoded = new AtomicReferenceArray<>(count);
    }

    private long tableEntry(int k) {
      return recordStart + 4 + (long) MEMBER_ENTRY_SIZE * k;
    }

    @Override
    public List<MemberMapping> named(String obfuscatedName) {
      byte[] key = obfuscatedName.getBytes(StandardCharsets.UTF_8);
      int lo = 0;
      int hi = count;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        long at = tableEntry(mid);
        if (compare(data.u32le(at), key, at) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      List<MemberMapping> out = List.of();
      for (int k = lo; k < count; k++) {
        long at = tableEntry(k);
        if (compare(data.u32le(at), key, at) != 0) {
          break;
        }
        MemberMapping m = member(k);
        // Equal bytes, different names: a name with an unpaired surrogate encodes as '?'.
        if (m.obfuscatedName().equals(obfuscatedName)) {
          if (out.isEmpty()) {
            out = new ArrayList<>(2);
          }
          out.add(m);
        }
      }
      return out;
    }

    @Override
    public List<MemberMapping> all() {
      // In mapping order, which is the order of the records after the name table.
      Decoder d = new Decoder(tableEntry(count), recordEnd);
      List<MemberMapping> out = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        out.add(d.member());
      }
      charge(d.text);
      return out;
    }

    /** Member {@code k} of the name table, decoded (and its text charged) once. */
    private MemberMapping member(int k) {
      MemberMapping m = decoded.get(k);
      if (m != null) {
        return m;
      }
      long at = tableEntry(k) + OFF_MEMBER_OFFSET;
      long offset = data.u32le(at);
      long membersStart = tableEntry(count) - recordStart;
      if (offset < membersStart || offset >= recordEnd - recordStart) {
        throw new ParseException(at, "member offset " + offset + " outside the member records ["
            + membersStart + ", " + (recordEnd - recordStart) + ") of its class");
      }
      long pos = recordStart + offset;
      // Most members take a few dozen bytes: copy a window, not the whole record.
      Decoder d = new Decoder(pos, recordEnd, copy(pos, Math.min(recordEnd, pos + MEMBER_WINDOW)));
      m = d.member();
      if (!decoded.compareAndSet(k, null, m)) {
        return decoded.get(k);
      }
      charge(d.text);
      return m;
    }

    private void charge(long text) {
      if (textDecoded.addAndGet(text) > textLimit) {
        throw new ParseException(entry + OFF_ENTRY_RECORD, "class records reference more text"
            + " than the cache can (" + textDecoded.get() + " chars)");
      }
    }
  }

  /** Class records up to this size are decoded from a copy. */
  private static final int MAX_COPIED_RECORD = 1 << 20;

  /** Bytes copied to decode one member; a longer member reads the rest from the mapping. */
  private static final int MEMBER_WINDOW = 256;

  /** Reads one class record, checking every read against the record's end. */
  private final class Decoder {
    private long pos;
    private final long end;
    /**
     * The bytes from the start, or a first part of them, copied out in one go when that is of a
     * sane size: per-byte reads of mapped memory are slow until the JIT has compiled them.
     */
    private final byte[] bytes;
    private final long base;
    /** Chars of text the references of this record stand for; see TEXT_RATIO. */
    long text;

    Decoder(long pos, long end) {
      this(pos, end, copy(pos, end));
    }

    /**
     * A decoder over {@code [pos, end)}, reading {@code bytes} (a copy of its start) where they
     * reach.
     */
    Decoder(long pos, long end, byte[] bytes) {
      this.pos = pos;
      this.end = end;
      this.base = pos;
      this.bytes = bytes;
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
      long i = pos++ - base;
      return bytes != null && i < bytes.length ? bytes[(int) i] & 0xFF : data.u8(i + base);
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
