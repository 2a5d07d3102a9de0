package dev.symbolic.proguard;

/**
 * The layout of a {@link ProguardCache} file, shared by the writer and the reader.
 *
 * <p>Everything is little-endian. The file is a fixed header followed by six sections, in this
 * order and each starting at an 8-byte aligned offset:
 *
 * <pre>
 * header (HEADER_SIZE bytes)
 *   0  u8[8]  magic "SYMPGC\0\0"
 *   8  u32    version (ProguardCache.VERSION)
 *  12  u32    flags, reserved, 0
 *  16  u64    file length, padding included (a truncated or appended file is rejected at once)
 *  24  u32    class count
 *  28  u32    string count
 *  32  u32[6] header strings: compiler, compiler_version, min_api, map version, pg_map_id,
 *             pg_map_hash; string index or NO_STRING
 *  56  (u64 offset, u64 length)[6]  the sections below, offsets from the start of the file
 *
 * CLASSES      class count x 24 bytes, sorted by the unsigned UTF-8 bytes of the obfuscated name,
 *              classes with equal names in mapping order:
 *                u32 obfuscated name (string index), u32 original name (string index),
 *                u32 source file (0 = none, else string index + 1), u32 flags (CLASS_*:
 *                CLASS_FIRST_ORIGINAL marks the class BY_ORIGINAL finds for its original name),
 *                u64 record offset within RECORDS; the record ends where the next one starts
 * BY_OBFUSCATED  hash index of the obfuscated names (below)
 * BY_ORIGINAL    hash index of the original names
 * STRING_ENDS  string count x u32: where string i ends in STRING_DATA; it starts where string
 *              i - 1 ends (string 0 at 0)
 * STRING_DATA  the UTF-8 bytes of every distinct string, each once
 * RECORDS      one record per class, in CLASSES order (then zero padding, see TEXT_RATIO)
 * </pre>
 *
 * <p>A hash index finds a class by name in one or two probes, where a binary search over a large
 * mapping's class table would take about seventeen, each reading a string somewhere else in the
 * file. It is an open-addressing table of a power-of-two number of 8-byte slots, at least twice
 * the class count (no slots without classes): u32 class index + 1 (0 = empty slot), u32 the
 * name's {@link #hash}. A name's probe sequence starts at its hash modulo the slot count and goes
 * on slot by slot, wrapping, up to an empty slot. Classes are inserted in CLASSES order for
 * obfuscated names and in original-name order (then mapping order) for original names, so the
 * first match along the sequence is the class a text mapping answers with.
 *
 * <p>A class record, with ULEB128 varints ({@code v} below):
 *
 * <pre>
 *   u32 member count n
 *   n x (u32 obfuscated name (string index), u32 offset of the member from the record start,
 *     u32 the name's {@link #nameKey}), sorted by the unsigned UTF-8 bytes of the name, then
 *     mapping order
 *   n members in mapping order
 * member:
 *   u8 flags (MEMBER_*), v type, v original class ("" if unqualified), v original name,
 *   v arguments, v obfuscated name (string indices),
 *   v minified start, v minified end, v original start, v original end (each an int + 1 as an
 *     unsigned 32-bit value, so -1, "none", is 0),
 *   v residual signature (0 = none, else index + 1), v outline target (likewise),
 *   v outline positions (0 = not a call site, else array length + 1), then each int + 1,
 *   v rewrite rule count, each: v descriptor count, descriptors (string indices),
 *     v removeInnerFrames + 1
 * </pre>
 *
 * <p>Varints keep member records at a few bytes each (a member of a large mapping costs about
 * 15 bytes instead of about 50 with fixed-width fields), while every table that is searched or
 * indexed stays fixed-width. A lookup reads only the class table entry, binary-searches the
 * class's member names, and decodes just the members it finds: most classes of a trace are seen
 * once, so nothing per class may cost in proportion to its member count. The name keys let that
 * search order most names (obfuscated names are a few bytes long) without reading their strings,
 * each of which is a cache miss somewhere else in the file.
 */
final class ProguardCacheFormat {
  private ProguardCacheFormat() {}

  static final byte[] MAGIC = {'S', 'Y', 'M', 'P', 'G', 'C', 0, 0};

  static final int OFF_VERSION = 8;
  static final int OFF_FLAGS = 12;
  static final int OFF_FILE_LENGTH = 16;
  static final int OFF_CLASS_COUNT = 24;
  static final int OFF_STRING_COUNT = 28;
  static final int OFF_HEADER_STRINGS = 32;
  static final int HEADER_STRING_COUNT = 6;
  static final int OFF_SECTIONS = OFF_HEADER_STRINGS + 4 * HEADER_STRING_COUNT;

  static final int SECTION_CLASSES = 0;
  static final int SECTION_BY_OBFUSCATED = 1;
  static final int SECTION_BY_ORIGINAL = 2;
  static final int SECTION_STRING_ENDS = 3;
  static final int SECTION_STRING_DATA = 4;
  static final int SECTION_RECORDS = 5;
  static final int SECTION_COUNT = 6;
  static final String[] SECTION_NAMES = {
    "class table", "obfuscated-name index", "original-name index", "string ends", "string data",
    "class records"
  };

  static final int HEADER_SIZE = OFF_SECTIONS + 16 * SECTION_COUNT;

  static final int CLASS_ENTRY_SIZE = 24;

  static final int OFF_ENTRY_ORIGINAL = 4;
  static final int OFF_ENTRY_SOURCE_FILE = 8;
  static final int OFF_ENTRY_FLAGS = 12;
  static final int OFF_ENTRY_RECORD = 16;

  /** A hash-index slot: class index + 1 and name hash. */
  static final int SLOT_SIZE = 8;

  /** The number of hash-index slots for {@code classes} classes: 0, or a power of two. */
  static long slotCount(long classes) {
    return classes == 0 ? 0 : Long.highestOneBit(2 * classes - 1) << 1;
  }

  /** The 32-bit FNV-1a hash of {@code bytes[from, to)}: the hash of a name's UTF-8 bytes. */
  static int hash(byte[] bytes, int from, int to) {
    int h = 0x811C9DC5;
    for (int i = from; i < to; i++) {
      h = (h ^ (bytes[i] & 0xFF)) * 0x01000193;
    }
    return h;
  }

  /** A member-name table entry: name string index, member offset and name key. */
  static final int MEMBER_ENTRY_SIZE = 12;

  static final int OFF_MEMBER_OFFSET = 4;
  static final int OFF_MEMBER_KEY = 8;

  /**
   * The key of a name's UTF-8 bytes {@code bytes[from, to)}: its first three bytes (zero-padded)
   * in the high 24 bits, its length (at most 255) in the low 8. Two names whose keys differ in
   * the high 24 bits are ordered by them; with equal high bits, a name of at most three bytes is
   * a prefix of the other name, so their lengths order them. Only two longer names with the same
   * first three bytes need their strings compared.
   */
  static int nameKey(byte[] bytes, int from, int to) {
    int length = to - from;
    int key = 0;
    for (int i = 0; i < 3; i++) {
      key = key << 8 | (i < length ? bytes[from + i] & 0xFF : 0);
    }
    return key << 8 | Math.min(length, 255);
  }

  /** What {@link #compareNameKeys} answers when only the names' strings can tell. */
  static final int KEYS_UNDECIDED = Integer.MIN_VALUE;

  /**
   * Compares two names by their {@link #nameKey}s: negative, zero or positive as the unsigned
   * bytes of the names compare, or {@link #KEYS_UNDECIDED}.
   */
  static int compareNameKeys(int x, int y) {
    int c = Integer.compare(x >>> 8, y >>> 8);
    if (c != 0) {
      return c;
    }
    int xLength = x & 0xFF;
    int yLength = y & 0xFF;
    return Math.min(xLength, yLength) <= 3 ? Integer.compare(xLength, yLength) : KEYS_UNDECIDED;
  }

  /** A header string that is absent. */
  static final long NO_STRING = 0xFFFF_FFFFL;

  static final int CLASS_SYNTHESIZED = 1;
  /**
   * The class is the one BY_ORIGINAL finds for its original name (the first of several classes
   * with that original name, or the only one): a frame of the class that keeps its name needs
   * no look-up for its source file.
   */
  static final int CLASS_FIRST_ORIGINAL = 2;
  static final int CLASS_FLAGS = CLASS_SYNTHESIZED | CLASS_FIRST_ORIGINAL;

  static final int MEMBER_METHOD = 1;
  static final int MEMBER_SYNTHESIZED = 2;
  static final int MEMBER_OUTLINE = 4;
  /** The original line is written {@code :10}, not {@code :10:10}. */
  static final int MEMBER_ORIGINAL_SINGLE = 8;
  static final int MEMBER_FLAGS =
      MEMBER_METHOD | MEMBER_SYNTHESIZED | MEMBER_OUTLINE | MEMBER_ORIGINAL_SINGLE;

  /**
   * The fewest bytes a member record takes: flags, five names, four line numbers, residual
   * signature, outline target, outline positions and rule count, one byte each. Counts read from
   * a record are checked against this (plus its name-table entry) before anything is allocated
   * for them.
   */
  static final int MIN_MEMBER_SIZE = 14;

  /** The fewest bytes a rewrite rule takes: descriptor count and removeInnerFrames. */
  static final int MIN_RULE_SIZE = 2;

  /**
   * The longest string. A mapping line is at most 64 KiB (longer lines are junk to the parser),
   * and re-encoding the replacement characters of malformed UTF-8 can triple that; anything
   * longer in a cache is corrupt.
   */
  static final int MAX_STRING_BYTES = 1 << 20;

  /**
   * Bound on the text (string chars referenced by the decoded classes, counted once per
   * reference) a cache may make the reader produce: TEXT_BASE + TEXT_RATIO times the file length.
   * Strings are shared through references, so without a bound a small hostile file could
   * reference one long string millions of times and make the derived strings a class builds
   * (member keys) exhaust the heap. Real caches reference about 5 chars of text per byte; the
   * writer pads the rare cache that would exceed the bound, so whatever it writes reads back.
   */
  static final long TEXT_BASE = 16L << 20;

  static final long TEXT_RATIO = 32;

  /** The most text a cache of {@code fileLength} bytes may make the reader decode. */
  static long textLimit(long fileLength) {
    return TEXT_BASE + TEXT_RATIO * fileLength;
  }

  /** Varints are at most five bytes: every value fits in 32 bits. */
  static final int MAX_VARINT_BYTES = 5;

  static long align8(long offset) {
    return (offset + 7) & ~7L;
  }
}
