package dev.symbolic.demangle;

/**
 * Formats the floating-point literals of Itanium names the way LLVM does on x86-64 Linux: the
 * value's bytes, given as hexadecimal, printed with C's {@code %a} ({@code float} with an
 * {@code f} suffix, {@code long double} as the x87 80-bit type with {@code %La} and an
 * {@code L} suffix).
 */
final class ItaniumFloats {
  private ItaniumFloats() {}

  static final int FLOAT = 0;
  static final int DOUBLE = 1;
  static final int LONG_DOUBLE = 2;

  /** The number of hex digits LLVM reads for each kind. */
  static int mangledSize(int kind) {
    return kind == FLOAT ? 8 : kind == DOUBLE ? 16 : 20;
  }

  static String format(String hex, int kind) {
    int n = mangledSize(kind);
    if (hex.length() < n) {
      return "";
    }
    switch (kind) {
      case FLOAT: {
        long bits = Long.parseLong(hex.substring(0, 8), 16);
        double d = Float.intBitsToFloat((int) bits);
        return formatDouble(Double.doubleToRawLongBits(d)) + "f";
      }
      case DOUBLE:
        return formatDouble(Long.parseUnsignedLong(hex.substring(0, 16), 16));
      default:
        return formatX87(Integer.parseInt(hex.substring(0, 4), 16),
            Long.parseUnsignedLong(hex.substring(4, 20), 16)) + "L";
    }
  }

  private static String formatDouble(long bits) {
    boolean neg = bits < 0;
    int exp = (int) ((bits >>> 52) & 0x7ff);
    long frac = bits & 0xfffffffffffffL;
    StringBuilder sb = new StringBuilder(32);
    if (neg) {
      sb.append('-');
    }
    if (exp == 0x7ff) {
      sb.append(frac == 0 ? "inf" : "nan");
      return sb.toString();
    }
    int e;
    char lead;
    if (exp == 0) {
      lead = '0';
      e = frac == 0 ? 0 : -1022;
    } else {
      lead = '1';
      e = exp - 1023;
    }
    sb.append("0x").append(lead);
    appendFraction(sb, frac, 13);
    sb.append('p').append(e < 0 ? '-' : '+').append(Math.abs(e));
    return sb.toString();
  }

  private static String formatX87(int signExp, long mantissa) {
    boolean neg = (signExp & 0x8000) != 0;
    int exp = signExp & 0x7fff;
    StringBuilder sb = new StringBuilder(40);
    if (neg) {
      sb.append('-');
    }
    if (exp == 0x7fff) {
      sb.append((mantissa << 1) == 0 ? "inf" : "nan");
      return sb.toString();
    }
    char lead = Character.forDigit((int) (mantissa >>> 60), 16);
    long rest = mantissa & 0x0fffffffffffffffL;
    int e;
    if (exp == 0) {
      e = mantissa == 0 ? 0 : -16385;
    } else {
      e = exp - (16383 + 3);
    }
    sb.append("0x").append(lead);
    appendFraction(sb, rest, 15);
    sb.append('p').append(e < 0 ? '-' : '+').append(Math.abs(e));
    return sb.toString();
  }

  private static void appendFraction(StringBuilder sb, long frac, int digits) {
    if (frac == 0) {
      return;
    }
    char[] d = new char[digits];
    long f = frac;
    for (int i = digits - 1; i >= 0; i--) {
      d[i] = Character.forDigit((int) (f & 0xf), 16);
      f >>>= 4;
    }
    int end = digits;
    while (end > 0 && d[end - 1] == '0') {
      end--;
    }
    sb.append('.').append(d, 0, end);
  }
}
