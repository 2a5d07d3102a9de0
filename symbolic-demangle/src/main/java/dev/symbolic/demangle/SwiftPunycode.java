package dev.symbolic.demangle;

/**
 * Swift's Punycode variant (RFC 3492 with digits {@code a-z A-J} and delimiter {@code _}), used
 * for identifiers with non-ASCII characters. Code points 0xD800-0xD87F stand for ASCII
 * characters that may not appear in a symbol.
 */
final class SwiftPunycode {
  private static final int BASE = 36;
  private static final int TMIN = 1;
  private static final int TMAX = 26;
  private static final int SKEW = 38;
  private static final int DAMP = 700;
  private static final int INITIAL_BIAS = 72;
  private static final int INITIAL_N = 128;
  private static final int MAX_CODE_POINTS = 4096;

  private SwiftPunycode() {}

  /** The decoded identifier, or null when {@code in} is not valid (strict: no partial output). */
  static String decode(String in) {
    int[] out = new int[Math.min(in.length(), MAX_CODE_POINTS) + 1];
    int len = 0;
    int n = INITIAL_N;
    int i = 0;
    int bias = INITIAL_BIAS;
    int pos = 0;
    int last = in.lastIndexOf('_');
    if (last >= 0) {
      for (int k = 0; k < last; k++) {
        char c = in.charAt(k);
        if (c > 0x7f) {
          return null;
        }
        out[len++] = c;
      }
      pos = last + 1;
    }
    while (pos < in.length()) {
      int oldi = i;
      int w = 1;
      for (int k = BASE; ; k += BASE) {
        if (pos >= in.length()) {
          return null;
        }
        int digit = digit(in.charAt(pos++));
        if (digit < 0) {
          return null;
        }
        if (digit > (Integer.MAX_VALUE - i) / w) {
          return null;
        }
        i += digit * w;
        int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (digit < t) {
          break;
        }
        if (w > Integer.MAX_VALUE / (BASE - t)) {
          return null;
        }
        w *= BASE - t;
      }
      bias = adapt(i - oldi, len + 1, oldi == 0);
      if (i / (len + 1) > Integer.MAX_VALUE - n) {
        return null;
      }
      n += i / (len + 1);
      i %= len + 1;
      if (n < 0x80 || len + 1 >= out.length) {
        return null;
      }
      System.arraycopy(out, i, out, i + 1, len - i);
      out[i] = n;
      len++;
      i++;
    }
    StringBuilder sb = new StringBuilder(len);
    for (int k = 0; k < len; k++) {
      int s = out[k];
      if (!(s < 0xD880 || (s >= 0xE000 && s <= 0x1FFFFF))) {
        return null;
      }
      if (s >= 0xD800 && s < 0xD880) {
        s -= 0xD800;
      }
      if (s > 0x10FFFF || (s >= 0xD800 && s < 0xE000)) {
        return null; // not representable as a Java string
      }
      sb.appendCodePoint(s);
    }
    return sb.toString();
  }

  private static int digit(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'J') {
      return c - 'A' + 26;
    }
    return -1;
  }

  private static int adapt(int delta, int numPoints, boolean first) {
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / numPoints;
    int k = 0;
    while (delta > ((BASE - TMIN) * TMAX) / 2) {
      delta /= BASE - TMIN;
      k += BASE;
    }
    return k + (((BASE - TMIN + 1) * delta) / (delta + SKEW));
  }
}
