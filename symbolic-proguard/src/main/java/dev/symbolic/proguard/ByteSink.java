package dev.symbolic.proguard;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that retraced lines are written into before they go out in bulk. */
final class ByteSink {
  private byte[] bytes;
  private int size;

  /** A sink starting with room for {@code capacity} bytes; it grows as needed. */
  ByteSink(int capacity) {
    bytes = new byte[capacity];
  }

  int size() {
    return size;
  }

  /** The buffer: its first {@link #size} bytes are what was written. */
  byte[] bytes() {
    return bytes;
  }

  void clear() {
    size = 0;
  }

  /** Forgets what was written after the first {@code size} bytes. */
  void truncate(int size) {
    this.size = size;
  }

  void write(byte[] b, int from, int to) {
    int n = to - from;
    // The check inline, not a call: the first lines are written by interpreted code.
    if (bytes.length - size < n) {
      ensure(n);
    }
    System.arraycopy(b, from, bytes, size, n);
    size += n;
  }

  void write(int b) {
    if (size == bytes.length) {
      ensure(1);
    }
    bytes[size++] = (byte) b;
  }

  /** Writes {@code length} bytes of {@code data} from {@code offset}. */
  void write(ByteView data, long offset, int length) {
    ensure(length);
    data.copyTo(offset, bytes, size, length);
    size += length;
  }

  /** Writes {@code value} in decimal. */
  void writeDecimal(int value) {
    ensure(11);
    if (value < 0) {
      bytes[size++] = '-';
    }
    long v = Math.abs((long) value);
    int digits = 1;
    for (long p = 10; p <= v && digits < 10; p *= 10) {
      digits++;
    }
    for (int i = size + digits - 1; i >= size; i--) {
      bytes[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    size += digits;
  }

  /** Writes everything to {@code out} and empties the buffer. */
  void drainTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
    size = 0;
  }

  private void ensure(int n) {
    if (bytes.length - size < n) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
    }
  }
}
