package dev.symbolic.common;

/**
 * A cursor that reads a {@link ByteView} sequentially.
 *
 * <p>Readers are cheap: create one per parse rather than sharing. Unlike the view it reads, a
 * reader is mutable and <b>not thread-safe</b>.
 *
 * <p>Every read is bounds-checked and throws {@link ParseException} carrying the absolute offset
 * within the view at which the read failed. A failed read leaves the position unchanged.
 */
public final class ByteReader {
  /** A LEB128 value of up to 64 bits needs at most ten 7-bit groups. */
  private static final int MAX_LEB128_BYTES = 10;

  private final ByteView view;
  private long pos;

  ByteReader(ByteView view, long pos) {
    this.view = view;
    this.pos = pos;
  }

  /**
   * Returns the view this reader reads.
   *
   * @return the view
   */
  public ByteView view() {
    return view;
  }

  /**
   * Returns the current offset within the view.
   *
   * @return the position
   */
  public long position() {
    return pos;
  }

  /**
   * Moves to an absolute offset.
   *
   * @param offset the new position, from 0 to the view's length inclusive
   * @return this reader
   * @throws ParseException if {@code offset} is out of range
   */
  public ByteReader seek(long offset) {
    if (offset < 0 || offset > view.length()) {
      throw view.outOfRange(offset, 0);
    }
    pos = offset;
    return this;
  }

  /**
   * Advances the position.
   *
   * @param n the number of bytes to skip, not negative
   * @return this reader
   * @throws ParseException if {@code n} is negative or more than {@link #remaining()}
   */
  public ByteReader skip(long n) {
    if (n < 0) {
      throw new ParseException(pos, "negative skip " + n);
    }
    if (n > remaining()) {
      throw new ParseException(
          pos, "skip of " + n + " bytes past end (length " + view.length() + ")");
    }
    pos += n;
    return this;
  }

  /**
   * Returns the number of bytes between the position and the end of the view.
   *
   * @return the remaining byte count
   */
  public long remaining() {
    return view.length() - pos;
  }

  /**
   * Tells whether any bytes remain.
   *
   * @return true if {@link #remaining()} is positive
   */
  public boolean hasRemaining() {
    return pos < view.length();
  }

  /**
   * Reads an unsigned byte.
   *
   * @return the byte, 0 to 255
   * @throws ParseException if no bytes remain
   */
  public int u8() {
    int v = view.u8(pos);
    pos += 1;
    return v;
  }

  /**
   * Reads an unsigned little-endian 16-bit integer.
   *
   * @return the value
   * @throws ParseException if fewer than 2 bytes remain
   */
  public int u16le() {
    int v = view.u16le(pos);
    pos += 2;
    return v;
  }

  /**
   * Reads an unsigned big-endian 16-bit integer.
   *
   * @return the value
   * @throws ParseException if fewer than 2 bytes remain
   */
  public int u16be() {
    int v = view.u16be(pos);
    pos += 2;
    return v;
  }

  /**
   * Reads an unsigned little-endian 32-bit integer.
   *
   * @return the value
   * @throws ParseException if fewer than 4 bytes remain
   */
  public long u32le() {
    long v = view.u32le(pos);
    pos += 4;
    return v;
  }

  /**
   * Reads an unsigned big-endian 32-bit integer.
   *
   * @return the value
   * @throws ParseException if fewer than 4 bytes remain
   */
  public long u32be() {
    long v = view.u32be(pos);
    pos += 4;
    return v;
  }

  /**
   * Reads a signed little-endian 32-bit integer.
   *
   * @return the value
   * @throws ParseException if fewer than 4 bytes remain
   */
  public int i32le() {
    int v = view.i32le(pos);
    pos += 4;
    return v;
  }

  /**
   * Reads a signed big-endian 32-bit integer.
   *
   * @return the value
   * @throws ParseException if fewer than 4 bytes remain
   */
  public int i32be() {
    int v = view.i32be(pos);
    pos += 4;
    return v;
  }

  /**
   * Reads a little-endian 64-bit integer as raw bits.
   *
   * @return the value
   * @throws ParseException if fewer than 8 bytes remain
   */
  public long u64le() {
    long v = view.u64le(pos);
    pos += 8;
    return v;
  }

  /**
   * Reads a big-endian 64-bit integer as raw bits.
   *
   * @return the value
   * @throws ParseException if fewer than 8 bytes remain
   */
  public long u64be() {
    long v = view.u64be(pos);
    pos += 8;
    return v;
  }

  /**
   * Reads an unsigned LEB128 integer, as used by DWARF and WebAssembly.
   *
   * @return the value as raw 64 bits
   * @throws ParseException if truncated, longer than 10 bytes, or wider than 64 bits
   */
  public long uleb128() {
    long result = 0;
    long p = pos;
    for (int i = 0; ; i++) {
      int b = view.u8(p);
      long group = b & 0x7F;
      if (i == MAX_LEB128_BYTES - 1) {
        if ((b & 0x80) != 0) {
          throw new ParseException(p, "LEB128 longer than 10 bytes");
        }
        if (group > 1) { // the tenth group holds bit 63 only
          throw new ParseException(p, "unsigned LEB128 overflows 64 bits");
        }
      }
      result |= group << (7 * i);
      p++;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    pos = p;
    return result;
  }

  /**
   * Reads a signed LEB128 integer, as used by DWARF and WebAssembly.
   *
   * @return the value
   * @throws ParseException if truncated, longer than 10 bytes, or outside the range of a long
   */
  public long sleb128() {
    long result = 0;
    long p = pos;
    for (int i = 0; ; i++) {
      int b = view.u8(p);
      long group = b & 0x7F;
      if (i == MAX_LEB128_BYTES - 1) {
        if ((b & 0x80) != 0) {
          throw new ParseException(p, "LEB128 longer than 10 bytes");
        }
        // The tenth group holds bit 63; its other six bits must repeat it as sign extension.
        if (group != 0 && group != 0x7F) {
          throw new ParseException(p, "signed LEB128 overflows 64 bits");
        }
        result |= group << 63;
        p++;
        break;
      }
      result |= group << (7 * i);
      p++;
      if ((b & 0x80) == 0) {
        if ((b & 0x40) != 0) {
          result |= -1L << (7 * (i + 1)); // sign-extend; the shift is at most 63 here
        }
        break;
      }
    }
    pos = p;
    return result;
  }

  /**
   * Reads a NUL-terminated UTF-8 string and moves past its terminator.
   *
   * @return the string without its terminator
   * @throws ParseException if no NUL follows before the end of the view
   */
  public String cstring() {
    int n = view.stringLength(pos);
    String s = view.utf8(pos, n);
    pos += n + 1L;
    return s;
  }

  /**
   * Returns a zero-copy slice of the next {@code length} bytes and moves past them.
   *
   * @param length the number of bytes
   * @return the slice
   * @throws ParseException if {@code length} is negative or more than {@link #remaining()}
   */
  public ByteView bytes(long length) {
    ByteView slice = view.slice(pos, length);
    pos += length;
    return slice;
  }

  /**
   * Copies the next {@code length} bytes into a new array and moves past them.
   *
   * @param length the number of bytes
   * @return the copy
   * @throws ParseException if {@code length} is negative or more than {@link #remaining()}
   */
  public byte[] byteArray(int length) {
    // Slice first so a hostile length is rejected before anything is allocated.
    byte[] out = view.slice(pos, length).toByteArray();
    pos += length;
    return out;
  }

  @Override
  public String toString() {
    return "ByteReader[position=" + pos + ", length=" + view.length() + "]";
  }
}
