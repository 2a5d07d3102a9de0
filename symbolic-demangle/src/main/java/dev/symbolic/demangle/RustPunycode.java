package dev.symbolic.demangle;

/**
 * Bootstring (Punycode, RFC 3492) decoding of Rust v0 identifiers. Rust writes the basic code
 * points first and separates them from the encoded deltas with the <em>last</em> {@code '_'}
 * (where standard Punycode uses {@code '-'}). Stateless.
 */
final class RustPunycode {
  private static final int BASE = 36;
  private static final int T_MIN = 1;
  private static final int T_MAX = 26;
  private static final int SKEW = 38;
  private static final int INITIAL_BIAS = 72;
  private static final int INITIAL_N = 0x80;
  private static final int INITIAL_DAMP = 700;
  /** Decoded identifiers longer than this are rejected (bounds the quadratic insertion). */
  static final int MAX_CODE_POINTS = 4096;

  private RustPunycode() {}

  /**
   * Decodes {@code ascii} (the basic code points, may be empty) followed by the deltas in
   * {@code s[from, to)} and appends the result to {@code out}. Returns false, leaving {@code out}
   * unchanged, when the deltas are malformed, overflow, or decode to a surrogate or a value past
   * U+10FFFF.
   */
  static boolean decode(
      CharSequence s, int asciiFrom, int asciiTo, int from, int to, StringBuilder out) {
    int asciiLen = asciiTo - asciiFrom;
    if (asciiLen > MAX_CODE_POINTS) {
      return false;
    }
    int[] cps = new int[Math.max(8, asciiLen + (to - from))];
    int len = 0;
    for (int i = asciiFrom; i < asciiTo; i++) {
      cps[len++] = s.charAt(i);
    }
    long bias = INITIAL_BIAS;
    long damp = INITIAL_DAMP;
    long n = INITIAL_N;
    long i = 0;
    int p = from;
    while (p < to) {
      long oldI = i;
      long w = 1;
      for (long k = BASE; ; k += BASE) {
        if (p >= to) {
          return false;
        }
        int d = digit(s.charAt(p++));
        if (d < 0) {
          return false;
        }
        if (d > (Long.MAX_VALUE - i) / w) {
          return false;
        }
        i += d * w;
        long t = k <= bias ? T_MIN : (k >= bias + T_MAX ? T_MAX : k - bias);
        if (d < t) {
          break;
        }
        if (w > Long.MAX_VALUE / (BASE - t)) {
          return false;
        }
        w *= BASE - t;
      }
      int numPoints = len + 1;
      bias = adapt(i - oldI, numPoints, damp);
      damp = 2;
      if (i / numPoints > 0x10FFFF - n) {
        return false;
      }
      n += i / numPoints;
      i %= numPoints;
      if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) || len >= MAX_CODE_POINTS) {
        return false;
      }
      if (len == cps.length) {
        cps = java.util.Arrays.copyOf(cps, cps.length * 2);
      }
      int at = (int) i;
      System.arraycopy(cps, at, cps, at + 1, len - at);
      cps[at] = (int) n;
      len++;
      i++;
    }
    for (int k = 0; k < len; k++) {
      out.appendCodePoint(cps[k]);
    }
    return true;
  }

  private static long adapt(long delta, int numPoints, long damp) {
    delta /= damp;
    delta += delta / numPoints;
    long k = 0;
    while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
      delta /= BASE - T_MIN;
      k += BASE;
    }
    return k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW);
  }

  private static int digit(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= '0' && c <= '9') {
      return 26 + (c - '0');
    }
    return -1;
  }
}
