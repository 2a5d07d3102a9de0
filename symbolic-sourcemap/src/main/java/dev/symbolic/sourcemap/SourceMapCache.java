package dev.symbolic.sourcemap;

import static dev.symbolic.sourcemap.SourceMapCacheFormat.FLAG_FACEBOOK;
import static dev.symbolic.sourcemap.SourceMapCacheFormat.FLAG_FUNCTIONS;
import static dev.symbolic.sourcemap.SourceMapCacheFormat.HEADER_SIZE;
import static dev.symbolic.sourcemap.SourceMapCacheFormat.MAGIC;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A binary lookup index of a source map, like symbolic's {@code SourceMapCache}: written once from
 * a parsed map (and, for function names, its minified file), then opened in microseconds (the file
 * is memory-mapped and nothing is decoded up front) and answering {@link #lookup(int, int)} with a
 * binary search over the mapped bytes.
 *
 * <p>A lookup gives what {@link SourceMap#lookup(int, int)} gives for the same position (source,
 * original line and column, name), plus the original name of the enclosing function (see {@link
 * FunctionNames}) and the source lines around the original line from {@code sourcesContent}
 * ({@link SourceLocation#sourceContext(int)}), all without the JSON.
 *
 * <p><b>Robustness.</b> Every read is bounds-checked; the header's counts are checked against
 * the size of the file when it is opened, and offsets and indices read later are checked when they
 * are used. Corrupt input makes {@link #of}, {@link #lookup} and the accessors throw a {@link
 * ParseException} and nothing else.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * SourceMap map = SourceMap.parse(Files.readAllBytes(Path.of("app.min.js.map")));
 * try (OutputStream out = Files.newOutputStream(Path.of("app.smcache"))) {
 *   SourceMapCache.write(map, Files.readString(Path.of("app.min.js")), out);
 * }
 * SourceMapCache cache = SourceMapCache.open(Path.of("app.smcache"));
 * cache.lookup(0, 1234).ifPresent(loc -> System.out.println(loc.functionName()));
 * }</pre>
 */
public final class SourceMapCache {
  /** The format version this class reads and writes. */
  public static final int VERSION = SourceMapCacheFormat.VERSION;

  private final ByteView data;
  private final int flags;
  private final int lineCount;
  private final int rangeCount;
  private final int sourceCount;
  private final int stringCount;
  private final int lineOffsetCount;
  private final long stringBytes;
  private final int fileString;
  private final int debugIdString;
  private final int segmentCount;
  private final int nameCount;

  private final long lineStartOff;
  private final long columnOff;
  private final long sourceOff;
  private final long origLineOff;
  private final long origColOff;
  private final long nameOff;
  private final long functionOff;
  private final long sourcesOff;
  private final long lineOffsetsOff;
  private final long stringOffsetsOff;
  private final long stringBytesOff;
  // Decoded source names (immutable strings: a racy publication is safe).
  private final String[] sourceNames;

  private SourceMapCache(ByteView data) {
    this.data = data;
    if (data.length() < HEADER_SIZE) {
      throw new ParseException(data.length(), "truncated source map cache header ("
          + data.length() + " bytes)");
    }
    if (!data.startsWith(0, MAGIC)) {
      throw new ParseException(0, "not a source map cache (bad magic)");
    }
    long version = data.u32le(SourceMapCacheFormat.OFF_VERSION);
    if (version != VERSION) {
      throw new ParseException(SourceMapCacheFormat.OFF_VERSION,
          "unsupported source map cache version " + version + " (expected " + VERSION + ")");
    }
    this.flags = (int) count(SourceMapCacheFormat.OFF_FLAGS);
    this.lineCount = (int) count(SourceMapCacheFormat.OFF_LINES);
    this.rangeCount = (int) count(SourceMapCacheFormat.OFF_RANGES);
    this.sourceCount = (int) count(SourceMapCacheFormat.OFF_SOURCES);
    this.stringCount = (int) count(SourceMapCacheFormat.OFF_STRINGS);
    this.lineOffsetCount = (int) count(SourceMapCacheFormat.OFF_LINE_OFFSETS);
    this.stringBytes = data.u32le(SourceMapCacheFormat.OFF_STRING_BYTES);
    this.fileString = data.i32le(SourceMapCacheFormat.OFF_FILE);
    this.debugIdString = data.i32le(SourceMapCacheFormat.OFF_DEBUG_ID);
    this.segmentCount = data.i32le(SourceMapCacheFormat.OFF_SEGMENTS);
    this.nameCount = data.i32le(SourceMapCacheFormat.OFF_NAMES);
    long off = HEADER_SIZE;
    lineStartOff = off;
    off += 4L * (lineCount + 1L);
    columnOff = off;
    off += 4L * rangeCount;
    sourceOff = off;
    off += 4L * rangeCount;
    origLineOff = off;
    off += 4L * rangeCount;
    origColOff = off;
    off += 4L * rangeCount;
    nameOff = off;
    off += 4L * rangeCount;
    functionOff = off;
    off += 4L * rangeCount;
    sourcesOff = off;
    off += 4L * SourceMapCacheFormat.SOURCE_ENTRY_INTS * sourceCount;
    lineOffsetsOff = off;
    off += 4L * lineOffsetCount;
    stringOffsetsOff = off;
    off += 4L * (stringCount + 1L);
    stringBytesOff = off;
    off += stringBytes;
    if (off != data.length()) {
      throw new ParseException(Math.min(off, data.length()), "source map cache size "
          + data.length() + " does not match its header (expected " + off + " bytes)");
    }
    if (data.u32le(lineStartOff) != 0 || data.u32le(lineStartOff + 4L * lineCount) != rangeCount) {
      throw new ParseException(lineStartOff, "corrupt line index of source map cache");
    }
    if (data.u32le(stringOffsetsOff + 4L * stringCount) != stringBytes) {
      throw new ParseException(stringOffsetsOff, "corrupt string table of source map cache");
    }
    this.sourceNames = new String[Math.min(sourceCount, 1 << 16)];
    if (segmentCount < 0 || nameCount < 0) {
      throw new ParseException(SourceMapCacheFormat.OFF_SEGMENTS, "negative count");
    }
  }

  /** A header count: an unsigned 32-bit value that must fit a Java array. */
  private long count(int offset) {
    long v = data.u32le(offset);
    if (v > Integer.MAX_VALUE - 16) {
      throw new ParseException(offset, "count out of range: " + v);
    }
    return v;
  }

  /**
   * Writes the cache of a source map.
   *
   * @param map the source map (an index map is written flattened)
   * @param minifiedJsOrNull the minified file the map describes, for function names; null for
   *     none (a map with Metro function maps has function names without it)
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public static void write(SourceMap map, String minifiedJsOrNull, OutputStream out)
      throws IOException {
    write(map, FunctionNames.resolve(map, minifiedJsOrNull), out);
  }

  /**
   * Writes the cache of a source map with function names resolved already.
   *
   * @param map the source map
   * @param functionNames the function names ({@link FunctionNames#resolve}), or null for none
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public static void write(SourceMap map, FunctionNames functionNames, OutputStream out)
      throws IOException {
    SourceMapCacheWriter.write(map, functionNames, out);
  }

  /**
   * Memory-maps a cache file.
   *
   * @param file the cache file
   * @return the cache
   * @throws IOException if the file cannot be read
   * @throws ParseException if it is not a valid cache
   */
  public static SourceMapCache open(Path file) throws IOException {
    return of(ByteView.map(file));
  }

  /**
   * Reads a cache from bytes; they are not copied.
   *
   * @param bytes the cache bytes
   * @return the cache
   * @throws ParseException if they are not a valid cache
   */
  public static SourceMapCache of(ByteView bytes) {
    return new SourceMapCache(Objects.requireNonNull(bytes, "bytes"));
  }

  /**
   * Tells whether bytes start like a cache (its magic), for telling caches from JSON.
   *
   * @param bytes the bytes
   * @return true if they start with the cache magic
   */
  public static boolean isCache(ByteView bytes) {
    return bytes.length() >= MAGIC.length && bytes.startsWith(0, MAGIC);
  }

  /**
   * Finds the original location of a generated position, as {@link SourceMap#lookup(int, int)}
   * does (greatest lower bound on the line), with the enclosing function's original name.
   *
   * @param line the 0-based generated line
   * @param column the 0-based generated column in UTF-16 code units
   * @return the location, empty where the map has none
   * @throws ParseException if the cache is corrupt
   */
  public Optional<SourceLocation> lookup(int line, int column) {
    if (line < 0 || column < 0 || line >= lineCount) {
      return Optional.empty();
    }
    long lo = data.u32le(lineStartOff + 4L * line);
    long hi = data.u32le(lineStartOff + 4L * line + 4);
    if (lo > hi || hi > rangeCount) {
      throw new ParseException(lineStartOff + 4L * line, "corrupt line index of source map cache");
    }
    // Last range of the line starting at or before the column.
    long a = lo;
    long b = hi;
    while (a < b) {
      long mid = (a + b) >>> 1;
      if (data.u32le(columnOff + 4 * mid) <= column) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    long i = a - 1;
    if (i < lo) {
      return Optional.empty();
    }
    int src = data.i32le(sourceOff + 4 * i);
    if (src < 0) {
      return Optional.empty();
    }
    int origLine = data.i32le(origLineOff + 4 * i);
    int origCol = data.i32le(origColOff + 4 * i);
    String name = stringOrNull(data.i32le(nameOff + 4 * i));
    String function = stringOrNull(data.i32le(functionOff + 4 * i));
    String source = src < sourceCount ? sourceName(src) : null;
    return Optional.of(new SourceLocation(line, column, src, source, origLine, origCol, name,
        function, this::contentLines));
  }

  private String sourceName(int source) {
    if (source >= sourceNames.length) {
      return string(sourceEntry(source, 0));
    }
    String s = sourceNames[source];
    if (s == null) {
      s = string(sourceEntry(source, 0));
      sourceNames[source] = s;
    }
    return s;
  }

  private int sourceEntry(int source, int field) {
    return data.i32le(sourcesOff + 4L * (SourceMapCacheFormat.SOURCE_ENTRY_INTS * (long) source
        + field));
  }

  private String stringOrNull(int index) {
    return index == -1 ? null : string(index);
  }

  /** String {@code index} of the string table. */
  private String string(int index) {
    long[] range = stringRange(index);
    return text(stringBytesOff + range[0], stringBytesOff + range[1]);
  }

  /** Decodes bytes {@code [from, to)}: UTF-8, with the 3-byte surrogates of the format. */
  private String text(long from, long to) {
    int length = (int) (to - from);
    // 0xED starts the 3-byte form of a surrogate; without one, plain UTF-8 decoding is exact.
    if (data.indexOf((byte) 0xED, from, to) < 0) {
      return data.utf8(from, length);
    }
    byte[] b = new byte[length];
    data.copyTo(from, b, 0, length);
    return SourceMapCacheFormat.decode(b);
  }

  private long[] stringRange(int index) {
    if (index < 0 || index >= stringCount) {
      throw new ParseException(stringOffsetsOff, "string index out of range: " + index);
    }
    long at = stringOffsetsOff + 4L * index;
    long start = data.u32le(at);
    long end = data.u32le(at + 4);
    if (start > end || end > stringBytes) {
      throw new ParseException(at, "corrupt string table of source map cache");
    }
    return new long[] {start, end};
  }

  /** Lines {@code [from, to)} of a source's content, clipped. */
  private List<String> contentLines(int source, int from, int to) {
    if (source < 0 || source >= sourceCount || from >= to) {
      return List.of();
    }
    int content = sourceEntry(source, 1);
    if (content == -1) {
      return List.of();
    }
    long[] range = stringRange(content);
    long length = range[1] - range[0];
    long first = sourceEntry(source, 2) & 0xFFFF_FFFFL;
    long count = sourceEntry(source, 3) & 0xFFFF_FFFFL;
    if (first + count > lineOffsetCount) {
      throw new ParseException(sourcesOff + 16L * source, "corrupt content lines of source "
          + source);
    }
    long end = Math.min(to, count);
    List<String> out = new ArrayList<>((int) Math.max(0, Math.min(end - from, 1024)));
    for (long l = from; l < end; l++) {
      long at = lineOffsetsOff + 4 * (first + l);
      long s = data.u32le(at);
      long e = l + 1 < count ? data.u32le(at + 4) : length;
      if (s > e || e > length) {
        throw new ParseException(at, "corrupt content line offsets of source " + source);
      }
      long base = stringBytesOff + range[0];
      // Drop the line terminator: LF, CRLF or CR.
      if (e > s && data.get(base + e - 1) == '\n') {
        e--;
      }
      if (e > s && data.get(base + e - 1) == '\r') {
        e--;
      }
      out.add(text(base + s, base + e));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the number of generated lines the cache covers.
   *
   * @return the line count
   */
  public int lineCount() {
    return lineCount;
  }

  /**
   * Returns the number of lookup ranges.
   *
   * @return the range count
   */
  public int rangeCount() {
    return rangeCount;
  }

  /**
   * Returns the number of sources.
   *
   * @return the source count
   */
  public int sourceCount() {
    return sourceCount;
  }

  /**
   * Returns a source (joined with the map's {@code sourceRoot}).
   *
   * @param index the source index
   * @return the source
   * @throws IndexOutOfBoundsException if the index is out of range
   * @throws ParseException if the cache is corrupt
   */
  public String source(int index) {
    Objects.checkIndex(index, sourceCount);
    return sourceName(index);
  }

  /**
   * Tells whether a source has content in the cache.
   *
   * @param index the source index
   * @return true if its {@code sourcesContent} was stored
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public boolean hasSourceContent(int index) {
    Objects.checkIndex(index, sourceCount);
    return sourceEntry(index, 1) != -1;
  }

  /**
   * Returns the content of a source.
   *
   * @param index the source index
   * @return the content, if stored
   * @throws IndexOutOfBoundsException if the index is out of range
   * @throws ParseException if the cache is corrupt
   */
  public Optional<String> sourceContent(int index) {
    Objects.checkIndex(index, sourceCount);
    int c = sourceEntry(index, 1);
    return c == -1 ? Optional.empty() : Optional.of(string(c));
  }

  /**
   * Returns the number of strings of the string table.
   *
   * @return the string count
   */
  public int stringCount() {
    return stringCount;
  }

  /**
   * Returns the number of segments of the map the cache was written from.
   *
   * @return the segment count
   */
  public int segmentCount() {
    return segmentCount;
  }

  /**
   * Returns the number of names of the map the cache was written from.
   *
   * @return the name count
   */
  public int nameCount() {
    return nameCount;
  }

  /**
   * Tells whether the cache holds function names.
   *
   * @return true if written with a minified file with functions, or from a map with Metro
   *     function maps
   */
  public boolean hasFunctionNames() {
    return (flags & FLAG_FUNCTIONS) != 0;
  }

  /**
   * Tells whether the function names come from Metro function maps ({@code x_facebook_sources}).
   *
   * @return true if they do
   */
  public boolean hasFacebookFunctionNames() {
    return (flags & FLAG_FACEBOOK) != 0;
  }

  /**
   * Returns the map's {@code file} field.
   *
   * @return the file, if the map had one
   * @throws ParseException if the cache is corrupt
   */
  public Optional<String> file() {
    return Optional.ofNullable(stringOrNull(fileString));
  }

  /**
   * Returns the map's debug ID.
   *
   * @return the debug ID, if the map had one
   * @throws ParseException if the cache is corrupt
   */
  public Optional<String> debugId() {
    return Optional.ofNullable(stringOrNull(debugIdString));
  }

  /**
   * Returns the size of the cache.
   *
   * @return the byte count
   */
  public long byteSize() {
    return data.length();
  }

  @Override
  public String toString() {
    return "SourceMapCache[" + lineCount + " lines, " + rangeCount + " ranges, " + sourceCount
        + " sources]";
  }
}
