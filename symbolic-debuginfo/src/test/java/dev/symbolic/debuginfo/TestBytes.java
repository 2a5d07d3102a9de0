package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A builder of synthetic section bytes for the tests: fixed-size integers in either byte order,
 * LEB128, NUL-terminated strings, and patching of values written before.
 *
 * @param <T> the concrete builder, which every call returns for chaining
 */
abstract class TestBytes<T extends TestBytes<T>> {
  byte[] buf = new byte[256];
  /** The number of bytes written, which is also where the next one goes. */
  int n;
  final boolean le;

  TestBytes(boolean le) {
    this.le = le;
  }

  abstract T self();

  T u8(long v) {
    if (n == buf.length) {
      buf = Arrays.copyOf(buf, n * 2);
    }
    buf[n++] = (byte) v;
    return self();
  }

  T u8(int... values) {
    for (int v : values) {
      u8((long) v);
    }
    return self();
  }

  T un(long v, int size) {
    for (int i = 0; i < size; i++) {
      int shift = le ? 8 * i : 8 * (size - 1 - i);
      u8(v >>> shift);
    }
    return self();
  }

  T u16(long v) {
    return un(v, 2);
  }

  T u32(long v) {
    return un(v, 4);
  }

  T u64(long v) {
    return un(v, 8);
  }

  T uleb(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      u8(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return self();
  }

  T sleb(long v) {
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      u8(done ? b : b | 0x80);
      if (done) {
        return self();
      }
    }
  }

  /** A UTF-8 string and its terminating NUL. */
  T str(String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      u8(b);
    }
    return u8(0);
  }

  T bytes(byte[] b) {
    for (byte x : b) {
      u8(x);
    }
    return self();
  }

  /** Overwrites the {@code size}-byte value at {@code at}. */
  void patch(int at, long v, int size) {
    int save = n;
    n = at;
    un(v, size);
    n = save;
  }

  ByteView view() {
    return ByteView.of(Arrays.copyOf(buf, n));
  }
}
