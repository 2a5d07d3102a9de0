package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads from a minidump file at absolute offsets (RVAs), failing with {@link
 * MinidumpException} instead of the generic {@code ParseException} of {@link ByteView}, so that
 * every offset in an error is a file offset.
 */
final class DumpBytes {
  /** Longest string read from a dump: names and annotations are far shorter in practice. */
  static final int MAX_STRING_BYTES = 1 << 20;

  private DumpBytes() {}

  static void check(ByteView file, long offset, long length, String what) {
    if (offset < 0 || length < 0 || offset > file.length() || length > file.length() - offset) {
      throw new MinidumpException(
          offset, what + " of " + length + " bytes runs past the end of the file");
    }
  }

  static int u8(ByteView file, long offset) {
    check(file, offset, 1, "u8");
    return file.u8(offset);
  }

  static int u16(ByteView file, long offset) {
    check(file, offset, 2, "u16");
    return file.u16le(offset);
  }

  static long u32(ByteView file, long offset) {
    check(file, offset, 4, "u32");
    return file.u32le(offset);
  }

  static long u64(ByteView file, long offset) {
    check(file, offset, 8, "u64");
    return file.u64le(offset);
  }

  static ByteView slice(ByteView file, long offset, long length, String what) {
    check(file, offset, length, what);
    return file.slice(offset, length);
  }

  static byte[] bytes(ByteView file, long offset, int length, String what) {
    check(file, offset, length, what);
    byte[] out = new byte[length];
    file.copyTo(offset, out, 0, length);
    return out;
  }

  /** A {@code MINIDUMP_STRING}: a byte length, then that many bytes of UTF-16LE. */
  static String utf16String(ByteView file, long rva, ReadBudget budget) {
    long length = u32(file, rva);
    if (length > MAX_STRING_BYTES) {
      throw new MinidumpException(rva, "string of " + length + " bytes is too long");
    }
    budget.spend(rva, length);
    byte[] b = bytes(file, rva + 4, (int) (length & ~1L), "string");
    return new String(b, StandardCharsets.UTF_16LE);
  }

  /** A Crashpad {@code MinidumpUTF8String}: a byte length, then that many bytes of UTF-8. */
  static String utf8String(ByteView file, long rva, ReadBudget budget) {
    long length = u32(file, rva);
    if (length > MAX_STRING_BYTES) {
      throw new MinidumpException(rva, "string of " + length + " bytes is too long");
    }
    budget.spend(rva, length);
    return new String(bytes(file, rva + 4, (int) length, "string"), StandardCharsets.UTF_8);
  }

  /** A fixed-size UTF-16LE field, up to its first NUL. */
  static String utf16Field(ByteView file, long offset, int chars) {
    check(file, offset, 2L * chars, "string field");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chars; i++) {
      char c = (char) file.u16le(offset + 2L * i);
      if (c == 0) {
        break;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Bytes up to the first NUL or the end of {@code [offset, offset + length)}, as UTF-8. */
  static String utf8Field(ByteView file, long offset, long length, ReadBudget budget) {
    check(file, offset, length, "string field");
    long end = file.indexOf((byte) 0, offset, offset + length);
    long n = (end < 0 ? offset + length : end) - offset;
    if (n > MAX_STRING_BYTES) {
      throw new MinidumpException(offset, "string of " + n + " bytes is too long");
    }
    budget.spend(offset, n);
    return file.utf8(offset, (int) n);
  }
}
