package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;

/**
 * A mutable, endian-aware cursor over one DWARF section; not thread-safe.
 *
 * <p>A cursor made by {@link #sequential} reads through a window: a heap copy of the next bytes
 * of the view, refilled as the cursor moves on, starting small and growing to {@link
 * #MAX_WINDOW}. Reading a mapped view byte by byte goes through the buffer's bounds, session and
 * memory-access layers on every byte, which before C2 inlines them costs a chain of calls; a
 * DIE walk or a line program reads millions of bytes. A cursor made by the constructor reads
 * the view directly, which suits a cursor that reads a value or two.
 */
final class DwarfCursor {
  private static final int MIN_WINDOW = 256;
  private static final int MAX_WINDOW = 1 << 15;

  final ByteView view;
  final boolean le;
  long pos;
  /** The window: {@code win[0, winLen)} holds the view's bytes from {@code winStart}. */
  private byte[] win;
  private long winStart;
  private int winLen;

  DwarfCursor(ByteView view, boolean le, long pos) {
    this.view = view;
    this.le = le;
    this.pos = pos;
  }

  /** A cursor for reading many values in order, through a window (see the class comment). */
  static DwarfCursor sequential(ByteView view, boolean le, long pos) {
    DwarfCursor c = new DwarfCursor(view, le, pos);
    c.win = new byte[0];
    return c;
  }

  /**
   * The window index of {@code pos} when {@code n} bytes from it are in the window, else -1.
   * Bytes past the view's end are never in it, so a read that fails here and in {@link #fill}
   * goes to the view, which throws as it always did.
   */
  private int at(int n) {
    long i = pos - winStart;
    if (i >= 0 && i <= winLen - n) {
      return (int) i;
    }
    return fill(n);
  }

  /** Moves the window to {@code pos}; its index (0), or -1 when direct or too few bytes left. */
  private int fill(int n) {
    if (win == null || pos < 0 || view.length() - pos < n) {
      return -1;
    }
    if (win.length < MAX_WINDOW) {
      win = new byte[Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, 2 * win.length))];
    }
    winLen = (int) Math.min(win.length, view.length() - pos);
    winStart = pos;
    view.copyTo(pos, win, 0, winLen);
    return 0;
  }

  boolean hasRemaining() {
    return pos < view.length();
  }

  long remaining() {
    return view.length() - pos;
  }

  int u8() {
    int i = at(1);
    int v = i >= 0 ? win[i] & 0xFF : view.u8(pos);
    pos++;
    return v;
  }

  int u16() {
    int i = at(2);
    int v;
    if (i >= 0) {
      int a = win[i] & 0xFF;
      int b = win[i + 1] & 0xFF;
      v = le ? a | (b << 8) : (a << 8) | b;
    } else {
      v = le ? view.u16le(pos) : view.u16be(pos);
    }
    pos += 2;
    return v;
  }

  long u24() {
    long a = u8();
    long b = u8();
    long c = u8();
    return le ? (a | (b << 8) | (c << 16)) : ((a << 16) | (b << 8) | c);
  }

  long u32() {
    int i = at(4);
    long v = i >= 0 ? bytes(i, 4) : le ? view.u32le(pos) : view.u32be(pos);
    pos += 4;
    return v;
  }

  long u64() {
    int i = at(8);
    long v = i >= 0 ? bytes(i, 8) : le ? view.u64le(pos) : view.u64be(pos);
    pos += 8;
    return v;
  }

  /** The {@code n}-byte integer at window index {@code i}, in the cursor's byte order. */
  private long bytes(int i, int n) {
    long v = 0;
    if (le) {
      for (int k = n - 1; k >= 0; k--) {
        v = (v << 8) | (win[i + k] & 0xFF);
      }
    } else {
      for (int k = 0; k < n; k++) {
        v = (v << 8) | (win[i + k] & 0xFF);
      }
    }
    return v;
  }

  /** Reads an unsigned integer of 1, 2, 3, 4 or 8 bytes. */
  long uN(int n) {
    switch (n) {
      case 1:
        return u8();
      case 2:
        return u16();
      case 3:
        return u24();
      case 4:
        return u32();
      case 8:
        return u64();
      default:
        throw new DebugInfoException(pos, "unsupported integer size " + n);
    }
  }

  /** Reads a section offset: 8 bytes in 64-bit DWARF, else 4. */
  long offset(boolean dwarf64) {
    return dwarf64 ? u64() : u32();
  }

  long uleb() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = u8();
      if (shift < 64) {
        result |= ((long) (b & 0x7f)) << shift;
      }
      shift += 7;
      if ((b & 0x80) == 0) {
        return result;
      }
      if (shift > 70 * 7) {
        throw new DebugInfoException(pos, "LEB128 too long");
      }
    }
  }

  long sleb() {
    long result = 0;
    int shift = 0;
    int b;
    do {
      b = u8();
      if (shift < 64) {
        result |= ((long) (b & 0x7f)) << shift;
      }
      shift += 7;
      if (shift > 70 * 7) {
        throw new DebugInfoException(pos, "LEB128 too long");
      }
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  /** Skips a NUL-terminated string. */
  void skipCString() {
    long i = pos - winStart;
    if (i >= 0 && i < winLen) {
      for (int k = (int) i; k < winLen; k++) {
        if (win[k] == 0) {
          pos = winStart + k + 1;
          return;
        }
      }
    }
    long nul = view.indexOf((byte) 0, pos, view.length());
    if (nul < 0) {
      throw new DebugInfoException(pos, "unterminated string");
    }
    pos = nul + 1;
  }

  String cstring() {
    long start = pos;
    skipCString();
    return view.utf8(start, (int) Math.min(Integer.MAX_VALUE - 8, pos - 1 - start));
  }

  void skip(long n) {
    if (n < 0 || n > remaining()) {
      throw new DebugInfoException(pos, "skip of " + n + " bytes past end");
    }
    pos += n;
  }

  /** Reads a unit length; returns it and sets {@code format64[0]}. */
  long unitLength(boolean[] format64) {
    long len = u32();
    if (len == 0xffff_ffffL) {
      format64[0] = true;
      len = u64();
    } else if (len >= 0xffff_fff0L) {
      throw new DebugInfoException(pos - 4, "reserved unit length " + Long.toHexString(len));
    } else {
      format64[0] = false;
    }
    if (len < 0 || len > remaining()) {
      throw new DebugInfoException(pos, "unit length " + len + " past end of section");
    }
    return len;
  }
}
