package dev.symbolic.sourcemap;

import java.nio.charset.StandardCharsets;

/**
 * The layout of a {@link SourceMapCache} file, version {@value #VERSION}. All integers are
 * little-endian 32-bit; the file is a fixed header followed by arrays, each directly after the
 * previous one (everything is 4-byte aligned):
 *
 * <pre>
 * header (64 bytes)
 *   0  magic "SYMSMAPC"
 *   8  u32 version
 *  12  u32 flags (bit 0: function names present; bit 1: they come from Metro function maps)
 *  16  u32 L  generated lines
 *  20  u32 R  ranges
 *  24  u32 S  sources
 *  28  u32 N  strings
 *  32  u32 T  source-content line offsets
 *  36  u32 B  string bytes
 *  40  i32    string index of the map's "file", or -1
 *  44  i32    string index of the map's debug ID, or -1
 *  48  u32    segment count of the map (informational)
 *  52  u32    name count of the map (informational)
 *  56  8 bytes reserved (zero)
 * lineStart[L + 1]   u32: ranges of generated line l are [lineStart[l], lineStart[l + 1])
 * column[R]          u32: generated start column of each range, ascending within a line
 * source[R]          i32: source index, -1 for an unmapped range
 * originalLine[R]    i32
 * originalColumn[R]  i32
 * name[R]            i32: string index of the segment's name, or -1
 * function[R]        i32: string index of the enclosing function's original name, or -1
 * sources[S]         4 x i32: name string, content string (-1: none), first line offset, count
 * lineOffsets[T]     u32: byte offset of each content line within its content string
 * stringOffsets[N+1] u32: string i is bytes [stringOffsets[i], stringOffsets[i + 1])
 * stringBytes[B]     UTF-8; an unpaired surrogate (JSON allows "\ud800") as its 3-byte form
 *                    (WTF-8), so that every string round-trips
 * </pre>
 *
 * <p>A range starts at every segment of the map (the first of several at one column) and at every
 * position where the enclosing function changes; consecutive ranges of a line with equal values
 * are merged.
 */
final class SourceMapCacheFormat {
  private SourceMapCacheFormat() {}

  static final byte[] MAGIC = "SYMSMAPC".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_SIZE = 64;

  static final int FLAG_FUNCTIONS = 1;
  static final int FLAG_FACEBOOK = 2;

  static final int OFF_VERSION = 8;
  static final int OFF_FLAGS = 12;
  static final int OFF_LINES = 16;
  static final int OFF_RANGES = 20;
  static final int OFF_SOURCES = 24;
  static final int OFF_STRINGS = 28;
  static final int OFF_LINE_OFFSETS = 32;
  static final int OFF_STRING_BYTES = 36;
  static final int OFF_FILE = 40;
  static final int OFF_DEBUG_ID = 44;
  static final int OFF_SEGMENTS = 48;
  static final int OFF_NAMES = 52;

  static final int SOURCE_ENTRY_INTS = 4;

  /** Encodes UTF-8, unpaired surrogates as 3-byte sequences (WTF-8) instead of '?'. */
  static byte[] encode(String s) {
    boolean lone = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        lone = true;
        break;
      }
    }
    if (!lone) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (Character.isHighSurrogate((char) c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        c = Character.toCodePoint((char) c, s.charAt(++i));
      }
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >> 6));
        out.write(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        out.write(0xE0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      } else {
        out.write(0xF0 | (c >> 18));
        out.write(0x80 | ((c >> 12) & 0x3F));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
    return out.toByteArray();
  }

  /**
   * Decodes what {@link #encode} writes: UTF-8 plus 3-byte surrogates. Malformed bytes become
   * U+FFFD; never throws.
   */
  static String decode(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length);
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      int need;
      int cp;
      if (c < 0x80) {
        sb.append((char) c);
        i++;
        continue;
      } else if (c >= 0xC2 && c < 0xE0) {
        need = 1;
        cp = c & 0x1F;
      } else if (c >= 0xE0 && c < 0xF0) {
        need = 2;
        cp = c & 0x0F;
      } else if (c >= 0xF0 && c < 0xF5) {
        need = 3;
        cp = c & 0x07;
      } else {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      if (i + need >= b.length) {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; k <= need; k++) {
        int d = b[i + k] & 0xFF;
        if ((d & 0xC0) != 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (d & 0x3F);
      }
      int min = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000;
      if (!ok || cp < min || cp > 0x10FFFF) {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      sb.appendCodePoint(cp);
      i += need + 1;
    }
    return sb.toString();
  }
}
