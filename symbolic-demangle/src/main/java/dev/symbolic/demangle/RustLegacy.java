package dev.symbolic.demangle;

/**
 * Legacy Rust mangling: an Itanium-style nested name {@code _ZN <len><ident>... E} whose last
 * segment is the hash {@code h<16 hex>}, with {@code $LT$}-style escapes inside identifiers.
 * Two printers: GNU c++filt 2.40's and rustc-demangle's. Stateless; returns null on failure.
 */
final class RustLegacy {
  private static final int HASH_SEGMENT = 19; // "17h" + 16 hex digits

  private RustLegacy() {}

  // ---------------------------------------------------------------------------------------------
  // GNU c++filt (libiberty rust-demangle.c)

  /**
   * GNU's output for {@code s}, whose {@code _ZN} ends at {@code start}; {@code verbose} keeps
   * the {@code ::h<hash>} segment. Null if GNU would not take it as a Rust name.
   */
  static String demangleGnu(String s, int start, boolean verbose) {
    int n = s.length();
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (!(isAlnum(c) || c == '_' || c == '$' || c == '.' || c == ':' || c == '@')) {
        return null;
      }
    }
    // Drop a ".suffix" after the final 'E'.
    int end = n;
    boolean dotSuffix = true;
    while (end > start && !(dotSuffix && s.charAt(end - 1) == 'E')) {
      dotSuffix = s.charAt(end - 1) == '.';
      end--;
    }
    if (end <= start || s.charAt(end - 1) != 'E') {
      return null;
    }
    end--;
    if (!(end - start > HASH_SEGMENT && s.startsWith("17h", end - HASH_SEGMENT))) {
      return null;
    }
    // First pass: validate the segments, and that the last one is the hash.
    int pos = start;
    int lastStart = -1;
    int lastLen = 0;
    do {
      long seg = parseSegment(s, pos, end);
      if (seg < 0) {
        return null;
      }
      lastStart = (int) (seg >>> 32);
      lastLen = (int) seg - lastStart;
      pos = (int) seg;
    } while (pos < end);
    if (!isGnuHash(s, lastStart, lastLen)) {
      return null;
    }
    int printEnd = verbose ? end : end - HASH_SEGMENT;
    StringBuilder out = new StringBuilder(n);
    pos = start;
    do {
      if (pos > start) {
        out.append("::");
      }
      long seg = parseSegment(s, pos, printEnd);
      if (seg < 0) {
        return null;
      }
      int from = (int) (seg >>> 32);
      pos = (int) seg;
      printGnuIdent(s, from, pos, out);
    } while (pos < printEnd);
    return out.toString();
  }

  /**
   * Parses {@code <decimal length><bytes>} at {@code pos} within {@code end}; returns
   * {@code (identStart << 32) | identEnd}, or -1 if malformed or empty.
   */
  private static long parseSegment(String s, int pos, int end) {
    if (pos >= end || !isDigit(s.charAt(pos))) {
      return -1;
    }
    long len = s.charAt(pos) - '0';
    pos++;
    if (len != 0) {
      while (pos < end && isDigit(s.charAt(pos))) {
        len = len * 10 + (s.charAt(pos) - '0');
        pos++;
        if (len > end) {
          return -1;
        }
      }
    }
    if (len == 0 || len > end - pos) {
      return -1;
    }
    return ((long) pos << 32) | (pos + len);
  }

  private static boolean isGnuHash(String s, int from, int len) {
    if (len != 17 || s.charAt(from) != 'h') {
      return false;
    }
    int seen = 0;
    for (int i = from + 1; i < from + 17; i++) {
      int nibble = lowerHex(s.charAt(i));
      if (nibble < 0) {
        return false;
      }
      seen |= 1 << nibble;
    }
    return Integer.bitCount(seen) >= 5;
  }

  private static void printGnuIdent(String s, int from, int to, StringBuilder out) {
    if (to - from >= 2 && s.charAt(from) == '_' && s.charAt(from + 1) == '$') {
      from++;
    }
    while (from < to) {
      char c = s.charAt(from);
      if (c == '$') {
        int decoded = gnuEscape(s, from, to);
        if (decoded < 0) {
          out.append(s, from, to); // unknown escape: the rest verbatim
          return;
        }
        out.append((char) (decoded & 0xFF));
        from += decoded >>> 8;
      } else if (c == '.') {
        if (from + 1 < to && s.charAt(from + 1) == '.') {
          out.append("::");
          from += 2;
        } else {
          out.append('.');
          from++;
        }
      } else {
        int stop = from;
        while (stop < to && s.charAt(stop) != '$' && s.charAt(stop) != '.') {
          stop++;
        }
        out.append(s, from, stop);
        from = stop;
      }
    }
  }

  /** A {@code $..$} escape at {@code at}: {@code (length << 8) | char}, or -1. */
  private static int gnuEscape(String s, int at, int to) {
    int len = to - at - 1; // after the '$'
    if (len < 2) {
      return -1;
    }
    int e = at + 1;
    int c = 0;
    int escLen = 0;
    char e0 = s.charAt(e);
    if (e0 == 'C') {
      escLen = 1;
      c = ',';
    } else if (len > 2) {
      escLen = 2;
      char e1 = s.charAt(e + 1);
      if (e0 == 'S' && e1 == 'P') {
        c = '@';
      } else if (e0 == 'B' && e1 == 'P') {
        c = '*';
      } else if (e0 == 'R' && e1 == 'F') {
        c = '&';
      } else if (e0 == 'L' && e1 == 'T') {
        c = '<';
      } else if (e0 == 'G' && e1 == 'T') {
        c = '>';
      } else if (e0 == 'L' && e1 == 'P') {
        c = '(';
      } else if (e0 == 'R' && e1 == 'P') {
        c = ')';
      } else if (e0 == 'u' && len > 3) {
        escLen = 3;
        int hi = lowerHex(e1);
        int lo = lowerHex(s.charAt(e + 2));
        if (hi < 0 || lo < 0 || hi > 7) {
          return -1;
        }
        c = (hi << 4) | lo;
        if (c < 0x20) {
          return -1;
        }
      }
    }
    if (c == 0 || len <= escLen || s.charAt(e + escLen) != '$') {
      return -1;
    }
    return ((2 + escLen) << 8) | c;
  }

  // ---------------------------------------------------------------------------------------------
  // rustc-demangle (src/legacy.rs)

  /**
   * rustc-demangle's legacy output for {@code s} (with the {@code .llvm.} suffix already
   * removed) as {@code [demangled, suffix]}, or null if it is not a legacy name.
   */
  static String[] demangleRustc(String s, boolean alternate) {
    int start;
    if (s.startsWith("_ZN")) {
      start = 3;
    } else if (s.startsWith("ZN")) {
      start = 2;
    } else if (s.startsWith("__ZN")) {
      start = 4;
    } else {
      return null;
    }
    int n = s.length();
    for (int i = start; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return null;
      }
    }
    // Count the elements up to the closing 'E'.
    int pos = start;
    int elements = 0;
    if (pos >= n) {
      return null;
    }
    while (s.charAt(pos) != 'E') {
      if (!isDigit(s.charAt(pos))) {
        return null;
      }
      long len = 0;
      while (pos < n && isDigit(s.charAt(pos))) {
        len = len * 10 + (s.charAt(pos) - '0');
        if (len > n) {
          return null;
        }
        pos++;
      }
      // The identifier, and one more byte after it, must exist.
      if (pos >= n || len >= n - pos) {
        return null;
      }
      pos += (int) len;
      elements++;
    }
    pos++;
    String suffix = s.substring(pos);
    StringBuilder out = new StringBuilder(n);
    int p = start;
    for (int el = 0; el < elements; el++) {
      int len = 0;
      while (isDigit(s.charAt(p))) {
        len = len * 10 + (s.charAt(p) - '0');
        p++;
      }
      int from = p;
      int to = p + len;
      p = to;
      if (alternate && el + 1 == elements && isRustcHash(s, from, to)) {
        break;
      }
      if (el != 0) {
        out.append("::");
      }
      printRustcIdent(s, from, to, out);
    }
    return new String[] {out.toString(), suffix};
  }

  private static boolean isRustcHash(String s, int from, int to) {
    if (from >= to || s.charAt(from) != 'h') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static void printRustcIdent(String s, int from, int to, StringBuilder out) {
    if (to - from >= 2 && s.charAt(from) == '_' && s.charAt(from + 1) == '$') {
      from++;
    }
    while (from < to) {
      char c = s.charAt(from);
      if (c == '.') {
        if (from + 1 < to && s.charAt(from + 1) == '.') {
          out.append("::");
          from += 2;
        } else {
          out.append('.');
          from++;
        }
      } else if (c == '$') {
        int close = s.indexOf('$', from + 1);
        if (close < 0 || close >= to) {
          break;
        }
        int cp = rustcEscape(s, from + 1, close);
        if (cp < 0) {
          break;
        }
        out.appendCodePoint(cp);
        from = close + 1;
      } else {
        int stop = from;
        while (stop < to && s.charAt(stop) != '$' && s.charAt(stop) != '.') {
          stop++;
        }
        out.append(s, from, stop);
        from = stop;
      }
    }
    out.append(s, from, to);
  }

  private static int rustcEscape(String s, int from, int to) {
    int len = to - from;
    if (len == 1 && s.charAt(from) == 'C') {
      return ',';
    }
    if (len == 2) {
      char a = s.charAt(from);
      char b = s.charAt(from + 1);
      if (a == 'S' && b == 'P') {
        return '@';
      } else if (a == 'B' && b == 'P') {
        return '*';
      } else if (a == 'R' && b == 'F') {
        return '&';
      } else if (a == 'L' && b == 'T') {
        return '<';
      } else if (a == 'G' && b == 'T') {
        return '>';
      } else if (a == 'L' && b == 'P') {
        return '(';
      } else if (a == 'R' && b == 'P') {
        return ')';
      }
    }
    if (len >= 2 && s.charAt(from) == 'u') {
      long v = 0;
      for (int i = from + 1; i < to; i++) {
        int d = lowerHex(s.charAt(i));
        if (d < 0) {
          return -1;
        }
        v = v * 16 + d;
        if (v > 0x10FFFF) {
          return -1;
        }
      }
      if ((v >= 0xD800 && v <= 0xDFFF) || Character.isISOControl((int) v)) {
        return -1;
      }
      return (int) v;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static int lowerHex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  private static boolean isAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
