package dev.symbolic.common;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Read-only bytes backed by a {@code byte[]} or by a memory-mapped file of any size.
 *
 * <p>A view is immutable and safe to share between threads: it only ever uses absolute reads and
 * never touches the position of its underlying buffers. {@link #slice(long, long) Slicing} is
 * zero-copy, so format parsers can hand out sub-views of a multi-gigabyte file cheaply.
 *
 * <p>Every read is bounds-checked. An out-of-range read, including one at a negative offset or of
 * a negative length, throws a {@link ParseException} carrying the offending offset relative to
 * this view; lower-level exceptions such as {@code ArrayIndexOutOfBoundsException} never escape.
 *
 * <p>Offsets are {@code long} because mapped files may exceed 2 GiB. Such files are mapped as
 * several consecutive, non-overlapping chunks of at most 1 GiB (a {@code MappedByteBuffer} is
 * indexed by {@code int}); reads that straddle two chunks are assembled transparently.
 *
 * <p>Example:
 *
 * <pre>{@code
 * ByteView file = ByteView.map(Path.of("libfoo.so"));
 * if (!file.startsWith(0, new byte[] {0x7f, 'E', 'L', 'F'})) {
 *   throw new ParseException(0, "not an ELF file");
 * }
 * ByteReader header = file.reader(16);
 * int type = header.u16le();
 * int machine = header.u16le();
 * ByteView section = file.slice(0x1000, 0x200); // zero-copy
 * String name = section.cstring(0x10);
 * }</pre>
 *
 * <p>A mapped file stays mapped until the view (and every slice of it) becomes unreachable. If
 * the file is truncated by another process while mapped, the JVM may report an internal error on
 * access; that cannot be detected in advance.
 */
public final class ByteView {
  /** Chunks of mapped files are {@code 1 << 30} bytes: the largest power of two an int indexes. */
  static final int DEFAULT_CHUNK_SHIFT = 30;

  /** Arrays slightly smaller than {@code Integer.MAX_VALUE} are the largest the JVM allocates. */
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private static final ByteView EMPTY = new ByteView(new byte[0], null, 0, 0, 0);

  /**
   * Multi-byte reads from arrays go through VarHandles, which compile to single unaligned loads.
   * They live in a holder class so that a process reading only mapped files never creates them:
   * the first VarHandle costs several milliseconds of method-handle set-up at start-up.
   */
  private static final class ArrayAccess {
    static final VarHandle SHORT =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  }

  // Constants of the branch-free "find a zero byte in a word" trick used by indexOf.
  private static final long ONES = 0x0101010101010101L;
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;

  /** The backing array of a heap view, or null for a mapped view. */
  private final byte[] array;

  /** The chunks of a mapped view, all little-endian, or null for a heap view. */
  private final ByteBuffer[] chunks;

  /** Chunk {@code i} covers bytes {@code [i << shift, (i + 1) << shift)} of the file. */
  private final int shift;

  /** Where this view starts in the array or file. */
  private final long base;

  private final long length;

  /** The only chunk of a mapped file under 1 GiB, else null: byte reads then skip the lookup. */
  private final ByteBuffer single;

  private ByteView(byte[] array, ByteBuffer[] chunks, int shift, long base, long length) {
    this.array = array;
    this.chunks = chunks;
    this.shift = shift;
    this.base = base;
    this.length = length;
    this.single = chunks != null && chunks.length == 1 ? chunks[0] : null;
  }

  /**
   * Wraps a whole array without copying it. The caller must not modify the array afterwards.
   *
   * @param bytes the bytes to view
   * @return a view of {@code bytes}
   */
  public static ByteView of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new ByteView(bytes, null, 0, 0, bytes.length);
  }

  /**
   * Wraps part of an array without copying it. The caller must not modify the array afterwards.
   *
   * @param bytes the bytes to view
   * @param offset the first byte of the view
   * @param length the number of bytes in the view
   * @return a view of {@code bytes[offset, offset + length)}
   * @throws ParseException if the range is not within {@code bytes}
   */
  public static ByteView of(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    return of(bytes).slice(offset, length);
  }

  /**
   * Memory-maps a file read-only. Files of any size are supported; an empty file gives an empty
   * view. The file handle is closed before returning; the mapping lives on with the view.
   *
   * @param file the file to map
   * @return a view of the file's contents
   * @throws IOException if the file cannot be opened or mapped
   */
  public static ByteView map(Path file) throws IOException {
    return map(file, DEFAULT_CHUNK_SHIFT);
  }

  /** Maps with a chosen chunk size, so tests can exercise chunk boundaries with small files. */
  static ByteView map(Path file, int shift) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return EMPTY;
      }
      long chunkSize = 1L << shift;
      long count = (size + chunkSize - 1) >>> shift;
      if (count > Integer.MAX_VALUE) {
        throw new IOException("file too large to map: " + size + " bytes");
      }
      ByteBuffer[] chunks = new ByteBuffer[(int) count];
      for (int i = 0; i < chunks.length; i++) {
        long start = (long) i << shift;
        long len = Math.min(chunkSize, size - start);
        // Order is set before the view is published and never changed again.
        chunks[i] =
            channel.map(FileChannel.MapMode.READ_ONLY, start, len).order(ByteOrder.LITTLE_ENDIAN);
      }
      return new ByteView(null, chunks, shift, 0, size);
    }
  }

  /**
   * Returns the empty view.
   *
   * @return a view of zero bytes
   */
  public static ByteView empty() {
    return EMPTY;
  }

  /**
   * Returns the number of bytes in this view.
   *
   * @return the length, never negative
   */
  public long length() {
    return length;
  }

  /**
   * Tells whether this view has no bytes.
   *
   * @return true if {@link #length()} is zero
   */
  public boolean isEmpty() {
    return length == 0;
  }

  /**
   * Returns a zero-copy view of part of this view.
   *
   * @param offset the first byte of the slice
   * @param length the number of bytes in the slice
   * @return the slice
   * @throws ParseException if the range is not within this view
   */
  public ByteView slice(long offset, long length) {
    check(offset, length);
    if (offset == 0 && length == this.length) {
      return this;
    }
    return new ByteView(array, chunks, shift, base + offset, length);
  }

  /**
   * Returns a zero-copy view from {@code offset} to the end of this view.
   *
   * @param offset the first byte of the slice
   * @return the slice
   * @throws ParseException if {@code offset} is negative or past the end
   */
  public ByteView slice(long offset) {
    checkOffset(offset);
    return slice(offset, length - offset);
  }

  /**
   * Reads a raw signed byte.
   *
   * @param offset where to read
   * @return the byte
   * @throws ParseException if out of range
   */
  public byte get(long offset) {
    check(offset, 1);
    return at(offset);
  }

  /**
   * Reads an unsigned byte.
   *
   * @param offset where to read
   * @return the byte, 0 to 255
   * @throws ParseException if out of range
   */
  public int u8(long offset) {
    check(offset, 1);
    return at(offset) & 0xFF;
  }

  /**
   * Reads an unsigned little-endian 16-bit integer.
   *
   * @param offset where to read
   * @return the value, 0 to 65535
   * @throws ParseException if out of range
   */
  public int u16le(long offset) {
    return s16(offset) & 0xFFFF;
  }

  /**
   * Reads an unsigned big-endian 16-bit integer.
   *
   * @param offset where to read
   * @return the value, 0 to 65535
   * @throws ParseException if out of range
   */
  public int u16be(long offset) {
    return Short.reverseBytes(s16(offset)) & 0xFFFF;
  }

  /**
   * Reads an unsigned little-endian 32-bit integer.
   *
   * @param offset where to read
   * @return the value, 0 to 2<sup>32</sup>-1
   * @throws ParseException if out of range
   */
  public long u32le(long offset) {
    return s32(offset) & 0xFFFF_FFFFL;
  }

  /**
   * Reads an unsigned big-endian 32-bit integer.
   *
   * @param offset where to read
   * @return the value, 0 to 2<sup>32</sup>-1
   * @throws ParseException if out of range
   */
  public long u32be(long offset) {
    return Integer.reverseBytes(s32(offset)) & 0xFFFF_FFFFL;
  }

  /**
   * Reads a signed little-endian 32-bit integer.
   *
   * @param offset where to read
   * @return the value
   * @throws ParseException if out of range
   */
  public int i32le(long offset) {
    return s32(offset);
  }

  /**
   * Reads a signed big-endian 32-bit integer.
   *
   * @param offset where to read
   * @return the value
   * @throws ParseException if out of range
   */
  public int i32be(long offset) {
    return Integer.reverseBytes(s32(offset));
  }

  /**
   * Reads a little-endian 64-bit integer. Java has no unsigned long, so the raw bits are
   * returned; use {@link Long#toUnsignedString(long)} and friends to treat it as unsigned.
   *
   * @param offset where to read
   * @return the raw 64 bits
   * @throws ParseException if out of range
   */
  public long u64le(long offset) {
    return s64(offset);
  }

  /**
   * Reads a big-endian 64-bit integer as raw bits.
   *
   * @param offset where to read
   * @return the raw 64 bits
   * @throws ParseException if out of range
   */
  public long u64be(long offset) {
    return Long.reverseBytes(s64(offset));
  }

  /**
   * Finds the first occurrence of a byte in {@code [from, to)}.
   *
   * <p>This is the hot path of text parsers, so it scans eight bytes per step.
   *
   * @param b the byte to find
   * @param from the first offset to look at
   * @param to the offset after the last one to look at
   * @return the offset of the first match, or -1 if there is none
   * @throws ParseException unless {@code 0 <= from <= to <= length()}
   */
  public long indexOf(byte b, long from, long to) {
    checkOffset(from);
    checkOffset(to);
    if (from > to) {
      throw new ParseException(from, "search range ends before it starts (to " + to + ")");
    }
    if (array != null) {
      int hit = indexOf(array, b, (int) (base + from), (int) (base + to));
      return hit < 0 ? -1 : hit - base;
    }
    long p = base + from;
    long end = base + to;
    while (p < end) {
      ByteBuffer chunk = chunks[(int) (p >>> shift)];
      int start = (int) (p & mask());
      int stop = (int) Math.min(chunk.capacity(), start + (end - p));
      int hit = indexOf(chunk, b, start, stop);
      if (hit >= 0) {
        return p - start + hit - base;
      }
      p += stop - start;
    }
    return -1;
  }

  /**
   * Tells whether the bytes at {@code offset} equal {@code prefix}.
   *
   * @param offset where to compare
   * @param prefix the expected bytes
   * @return true if they match; false if they differ or the range is out of bounds
   */
  public boolean startsWith(long offset, byte[] prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (offset < 0 || offset > length - prefix.length) {
      return false;
    }
    if (array != null) {
      int from = (int) (base + offset);
      return Arrays.equals(array, from, from + prefix.length, prefix, 0, prefix.length);
    }
    for (int i = 0; i < prefix.length; i++) {
      if (at(offset + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Copies bytes into an array.
   *
   * @param offset the first byte to copy
   * @param dst the destination
   * @param dstOffset where to start writing in {@code dst}
   * @param length the number of bytes to copy
   * @throws ParseException if the source range is not within this view
   * @throws IllegalArgumentException if the destination range is not within {@code dst}
   */
  public void copyTo(long offset, byte[] dst, int dstOffset, int length) {
    check(offset, length);
    Objects.requireNonNull(dst, "dst");
    if (dstOffset < 0 || dstOffset > dst.length - length) {
      throw new IllegalArgumentException(
          "destination range [" + dstOffset + ", +" + length + ") outside array of " + dst.length);
    }
    if (array != null) {
      System.arraycopy(array, (int) (base + offset), dst, dstOffset, length);
      return;
    }
    long p = base + offset;
    int done = 0;
    while (done < length) {
      ByteBuffer chunk = chunks[(int) (p >>> shift)];
      int start = (int) (p & mask());
      int n = Math.min(chunk.capacity() - start, length - done);
      chunk.get(start, dst, dstOffset + done, n); // absolute: leaves the position alone
      done += n;
      p += n;
    }
  }

  /**
   * Copies {@code count} little-endian 32-bit integers, starting at {@code offset}, into
   * {@code dst}: a table read in one bulk copy rather than value by value.
   *
   * @param offset where the first value starts
   * @param dst the destination
   * @param dstOffset where to start writing in {@code dst}
   * @param count the number of values
   * @throws ParseException if the source range is not within this view
   * @throws IllegalArgumentException if the destination range is not within {@code dst}
   */
  public void copyIntsLe(long offset, int[] dst, int dstOffset, int count) {
    Objects.requireNonNull(dst, "dst");
    if (count < 0 || dstOffset < 0 || dstOffset > dst.length - count) {
      throw new IllegalArgumentException(
          "destination range [" + dstOffset + ", +" + count + ") outside array of " + dst.length);
    }
    check(offset, 4L * count);
    if (array != null) {
      ByteBuffer.wrap(array, (int) (base + offset), 4 * count).slice()
          .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, dstOffset, count);
      return;
    }
    int done = 0;
    while (done < count) {
      long p = base + offset + 4L * done;
      ByteBuffer chunk = chunks[(int) (p >>> shift)];
      int start = (int) (p & mask());
      int n = Math.min((chunk.capacity() - start) / 4, count - done);
      if (n == 0) {
        dst[dstOffset + done] = s32(offset + 4L * done); // straddles two chunks
        done++;
        continue;
      }
      chunk.slice(start, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
          .get(dst, dstOffset + done, n);
      done += n;
    }
  }

  /**
   * Copies the whole view into a new array.
   *
   * @return a copy of the bytes
   * @throws ParseException if the view is too large for a Java array
   */
  public byte[] toByteArray() {
    if (length > MAX_ARRAY_LENGTH) {
      throw new ParseException(0, "view of " + length + " bytes too large for an array");
    }
    byte[] out = new byte[(int) length];
    copyTo(0, out, 0, out.length);
    return out;
  }

  /**
   * Decodes UTF-8. Malformed sequences are replaced with U+FFFD rather than rejected, because
   * symbol names in the wild are not always valid UTF-8.
   *
   * @param offset the first byte
   * @param length the number of bytes
   * @return the decoded string
   * @throws ParseException if the range is out of bounds
   */
  public String utf8(long offset, int length) {
    return decode(offset, length, StandardCharsets.UTF_8);
  }

  /**
   * Decodes ISO-8859-1, mapping each byte to the code point of the same value.
   *
   * @param offset the first byte
   * @param length the number of bytes
   * @return the decoded string
   * @throws ParseException if the range is out of bounds
   */
  public String latin1(long offset, int length) {
    return decode(offset, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes a NUL-terminated UTF-8 string.
   *
   * @param offset the first byte of the string
   * @return the string without its terminator
   * @throws ParseException if {@code offset} is out of range or no NUL follows before the end
   */
  public String cstring(long offset) {
    return utf8(offset, stringLength(offset));
  }

  /**
   * Returns a cursor positioned at the start of this view.
   *
   * @return a new reader
   */
  public ByteReader reader() {
    return new ByteReader(this, 0);
  }

  /**
   * Returns a cursor positioned at {@code offset}.
   *
   * @param offset the initial position, from 0 to {@link #length()} inclusive
   * @return a new reader
   * @throws ParseException if {@code offset} is out of range
   */
  public ByteReader reader(long offset) {
    checkOffset(offset);
    return new ByteReader(this, offset);
  }

  /**
   * Returns a stream over the bytes of this view. The stream supports mark and reset and needs no
   * closing.
   *
   * @return a new stream positioned at the start of the view
   */
  public InputStream inputStream() {
    return new ViewInputStream(this);
  }

  @Override
  public String toString() {
    return "ByteView[length=" + length + "]";
  }

  /** Returns the number of bytes before the NUL terminator of the string at {@code offset}. */
  int stringLength(long offset) {
    checkOffset(offset);
    long nul = indexOf((byte) 0, offset, length);
    if (nul < 0) {
      throw new ParseException(offset, "unterminated string");
    }
    if (nul - offset > MAX_ARRAY_LENGTH) {
      throw new ParseException(offset, "string of " + (nul - offset) + " bytes too long");
    }
    return (int) (nul - offset);
  }

  private String decode(long offset, int length, Charset charset) {
    check(offset, length);
    if (array != null) {
      return new String(array, (int) (base + offset), length, charset);
    }
    byte[] bytes = new byte[length];
    copyTo(offset, bytes, 0, length);
    return new String(bytes, charset);
  }

  private long mask() {
    return (1L << shift) - 1;
  }

  /** Reads one byte at a checked offset. */
  private byte at(long offset) {
    long p = base + offset;
    if (array != null) {
      return array[(int) p];
    }
    if (single != null) {
      return single.get((int) p);
    }
    return chunks[(int) (p >>> shift)].get((int) (p & mask()));
  }

  private short s16(long offset) {
    check(offset, 2);
    long p = base + offset;
    if (array != null) {
      return (short) ArrayAccess.SHORT.get(array, (int) p);
    }
    ByteBuffer chunk = chunks[(int) (p >>> shift)];
    int i = (int) (p & mask());
    return i <= chunk.capacity() - 2 ? chunk.getShort(i) : (short) straddling(offset, 2);
  }

  private int s32(long offset) {
    check(offset, 4);
    long p = base + offset;
    if (array != null) {
      return (int) ArrayAccess.INT.get(array, (int) p);
    }
    ByteBuffer chunk = chunks[(int) (p >>> shift)];
    int i = (int) (p & mask());
    return i <= chunk.capacity() - 4 ? chunk.getInt(i) : (int) straddling(offset, 4);
  }

  private long s64(long offset) {
    check(offset, 8);
    long p = base + offset;
    if (array != null) {
      return (long) ArrayAccess.LONG.get(array, (int) p);
    }
    ByteBuffer chunk = chunks[(int) (p >>> shift)];
    int i = (int) (p & mask());
    return i <= chunk.capacity() - 8 ? chunk.getLong(i) : straddling(offset, 8);
  }

  /** Assembles a little-endian value byte by byte when it crosses a chunk boundary. */
  private long straddling(long offset, int n) {
    long v = 0;
    for (int k = n - 1; k >= 0; k--) {
      v = (v << 8) | (at(offset + k) & 0xFF);
    }
    return v;
  }

  /** Marks bytes equal to zero: 0x80 in exactly those bytes of {@code x} that are zero. */
  private static long zeroBytes(long x) {
    // Adding 0x7F to the low seven bits sets the high bit unless they are all zero, and cannot
    // carry into the next byte; or-ing x adds its own high bit. No false positives, unlike the
    // shorter (x - ONES) & ~x variant, so the lowest marked byte is always a real match.
    return ~(((x & LOWS) + LOWS) | x | LOWS);
  }

  private static int indexOf(byte[] a, byte b, int i, int end) {
    long pattern = (b & 0xFFL) * ONES;
    for (; i <= end - 8; i += 8) {
      long hits = zeroBytes((long) ArrayAccess.LONG.get(a, i) ^ pattern);
      if (hits != 0) {
        return i + (Long.numberOfTrailingZeros(hits) >>> 3);
      }
    }
    for (; i < end; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(ByteBuffer buf, byte b, int i, int end) {
    long pattern = (b & 0xFFL) * ONES;
    for (; i <= end - 8; i += 8) {
      long hits = zeroBytes(buf.getLong(i) ^ pattern); // buffers are little-endian
      if (hits != 0) {
        return i + (Long.numberOfTrailingZeros(hits) >>> 3);
      }
    }
    for (; i < end; i++) {
      if (buf.get(i) == b) {
        return i;
      }
    }
    return -1;
  }

  /** Checks that {@code [offset, offset + n)} lies within the view. */
  private void check(long offset, long n) {
    // length - n cannot overflow: both are non-negative once the first two tests pass.
    if (offset < 0 || n < 0 || offset > length - n) {
      throw outOfRange(offset, n);
    }
  }

  /** Checks that {@code offset} is a position within the view, the end included. */
  private void checkOffset(long offset) {
    if (offset < 0 || offset > length) {
      throw outOfRange(offset, 0);
    }
  }

  /** Builds the exception apart from the checks, keeping them small enough to inline. */
  ParseException outOfRange(long offset, long n) {
    if (offset < 0) {
      return new ParseException(offset, "negative offset");
    }
    if (n < 0) {
      return new ParseException(offset, "negative length " + n);
    }
    if (n == 0) {
      return new ParseException(offset, "offset past end (length " + length + ")");
    }
    return new ParseException(
        offset,
        "read of " + n + (n == 1 ? " byte" : " bytes") + " past end (length " + length + ")");
  }

  /** A stream over a view; like any stream, not thread-safe. */
  private static final class ViewInputStream extends InputStream {
    private final ByteView view;
    private long pos;
    private long mark;

    ViewInputStream(ByteView view) {
      this.view = view;
    }

    @Override
    public int read() {
      return pos < view.length ? view.at(pos++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length); // the InputStream contract
      if (len == 0) {
        return 0;
      }
      long left = view.length - pos;
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      view.copyTo(pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, view.length - pos));
      pos += k;
      return k;
    }

    @Override
    public int available() {
      return (int) Math.min(view.length - pos, Integer.MAX_VALUE);
    }

    @Override
    public boolean markSupported() {
      return true;
    }

    @Override
    public void mark(int readLimit) {
      mark = pos;
    }

    @Override
    public void reset() {
      pos = mark;
    }
  }
}
