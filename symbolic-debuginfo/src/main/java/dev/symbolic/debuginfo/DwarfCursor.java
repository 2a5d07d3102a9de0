package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;

/** A mutable, endian-aware cursor over one DWARF section; not thread-safe. */
final class DwarfCursor {
  final ByteView view;
  final boolean le;
  long pos;

  DwarfCursor(ByteView view, boolean le, long pos) {
    this.view = view;
    this.le = le;
    this.pos = pos;
  }

  boolean hasRemaining() {
    return pos < view.length();
  }

  long remaining() {
    return view.length() - pos;
  }

  int u8() {
    int v = view.u8(pos);
    pos++;
    return v;
  }

  int u16() {
    int v = le ? view.u16le(pos) : view.u16be(pos);
    pos += 2;
    return v;
  }

  long u24() {
    long a = view.u8(pos);
    long b = view.u8(pos + 1);
    long c = view.u8(pos + 2);
    pos += 3;
    return le ? (a | (b << 8) | (c << 16)) : ((a << 16) | (b << 8) | c);
  }

  long u32() {
    long v = le ? view.u32le(pos) : view.u32be(pos);
    pos += 4;
    return v;
  }

  long u64() {
    long v = le ? view.u64le(pos) : view.u64be(pos);
    pos += 8;
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
      int b = view.u8(pos++);
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
      b = view.u8(pos++);
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
