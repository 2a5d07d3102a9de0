package dev.symbolic.debuginfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A Zstandard backward bit stream: bits are read from the end of a byte range towards its start,
 * most significant first, after skipping the zero padding and the marker bit of the last byte.
 *
 * <p>Reading past the start of the stream is not an error by itself: the stream is then
 * "overflowed", reads give meaningless values, and callers detect it with {@link #overflowed()} or
 * {@link #finished()}. Every loop that reads from a stream is bounded by a symbol count.
 */
final class ZstdBitReader {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf;
  private int begin;
  private int ptr;

  /** The 64 bits ending at {@code ptr + 8}; bits are consumed from the most significant end. */
  long bits;

  /** Bits of {@link #bits} already consumed, counted from the most significant end. */
  int consumed;

  static long le64(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }

  /** Starts reading {@code buf[begin, end)} from its end; {@code errOffset} is reported on error. */
  void init(byte[] buf, int begin, int end, long errOffset) {
    int size = end - begin;
    if (size <= 0) {
      throw new DebugInfoException(errOffset, "zstd: empty bit stream");
    }
    int last = buf[end - 1] & 0xFF;
    if (last == 0) {
      throw new DebugInfoException(errOffset + size - 1, "zstd: bit stream lacks its end marker");
    }
    this.buf = buf;
    this.begin = begin;
    int pad = 8 - (31 - Integer.numberOfLeadingZeros(last));
    if (size >= 8) {
      ptr = end - 8;
      bits = le64(buf, ptr);
      consumed = pad;
    } else {
      ptr = begin;
      long v = 0;
      for (int i = size - 1; i >= 0; i--) {
        v = (v << 8) | (buf[begin + i] & 0xFF);
      }
      bits = v;
      consumed = pad + (8 - size) * 8;
    }
  }

  /** Reads {@code n} bits, {@code 0 <= n <= 63}; at most 57 bits may be read between reloads. */
  long read(int n) {
    long v = (bits << consumed) >>> 1 >>> (63 - n);
    consumed += n;
    return v;
  }

  /** Refills the container so that at least 57 bits are available, unless near the start. */
  void reload() {
    if (consumed > 64) {
      return;
    }
    if (ptr >= begin + 8) {
      ptr -= consumed >>> 3;
      consumed &= 7;
      bits = le64(buf, ptr);
      return;
    }
    if (ptr == begin) {
      return;
    }
    int n = consumed >>> 3;
    if (ptr - n < begin) {
      n = ptr - begin;
    }
    ptr -= n;
    consumed -= n << 3;
    bits = le64(buf, ptr);
  }

  /** More bits were read than the stream holds. */
  boolean overflowed() {
    return consumed > 64;
  }

  /** Every bit of the stream was read, and no more. */
  boolean finished() {
    return ptr == begin && consumed == 64;
  }
}
