package dev.symbolic.demangle;

import java.util.Optional;

/**
 * Demangles Rust names: v0 ({@code _R…}) as {@code llvm-cxxfilt-19} prints them, legacy
 * ({@code _ZN…17h<hash>E}) as GNU {@code c++filt 2.40} prints them (escapes decoded, the
 * {@code ::h<hash>} segment kept unless {@link DemangleOptions#rustHash()} is off). A leading
 * extra underscore (as on macOS) is accepted. Never throws; malformed input gives an empty
 * result. Stateless and thread-safe.
 */
final class RustDemangler {
  private RustDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid Rust name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    if (mangled == null || options == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(demangle(mangled, RustStyle.LLVM_GNU, options.rustHash()));
  }

  /**
   * The demangled name in the given style, or null. For {@link RustStyle#LLVM_GNU},
   * {@code hash} keeps the hash of legacy names; the rustc-demangle styles decide that
   * themselves (display keeps it, alternate drops it).
   */
  static String demangle(String mangled, RustStyle style, boolean hash) {
    try {
      if (style == RustStyle.LLVM_GNU) {
        return demangleLlvmGnu(mangled, hash);
      }
      return demangleRustc(mangled, style == RustStyle.RUSTC_ALTERNATE);
    } catch (RuntimeException | StackOverflowError e) {
      return null; // last-resort safety net; the parsers are designed not to get here
    }
  }

  private static String demangleLlvmGnu(String s, boolean hash) {
    int skip = s.startsWith("__") ? 1 : 0;
    if (s.startsWith("_R", skip)) {
      return RustV0.demangleLlvm(s, skip + 2);
    }
    if (s.startsWith("_ZN", skip)) {
      return RustLegacy.demangleGnu(s, skip + 3, hash);
    }
    return null;
  }

  /** rustc-demangle 0.1.27's {@code demangle} followed by {@code Display}. */
  private static String demangleRustc(String s, boolean alternate) {
    int llvm = s.indexOf(".llvm.");
    if (llvm >= 0) {
      boolean allHex = true;
      for (int i = llvm + 6; i < s.length() && allHex; i++) {
        char c = s.charAt(i);
        allHex = (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == '@';
      }
      if (allHex) {
        s = s.substring(0, llvm);
      }
    }
    String[] result = RustLegacy.demangleRustc(s, alternate);
    if (result == null) {
      result = RustV0.demangleRustc(s, alternate);
    }
    if (result == null) {
      return null;
    }
    String suffix = result[1];
    if (!suffix.isEmpty()) {
      if (suffix.charAt(0) != '.' || !isSymbolLike(suffix)) {
        return null;
      }
    }
    return result[0] + suffix;
  }

  private static boolean isSymbolLike(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code mangled} has the shape of a Rust name (for language detection): {@code _R}
   * followed by an uppercase letter (v0), or {@code _ZN…17h<16 hex>E} optionally followed by a
   * {@code .suffix} (legacy); either with one more leading underscore. Allocation-free.
   */
  static boolean looksLikeRust(String mangled) {
    if (mangled == null) {
      return false;
    }
    int skip = mangled.startsWith("__") ? 1 : 0;
    if (mangled.startsWith("_R", skip)) {
      int at = skip + 2;
      return at < mangled.length() && mangled.charAt(at) >= 'A' && mangled.charAt(at) <= 'Z';
    }
    if (!mangled.startsWith("_ZN", skip)) {
      return false;
    }
    int start = skip + 3;
    // The legacy name ends in an 'E' that ends "17h<16 hex>" and is followed by the end or a
    // '.': only those places are looked at, so a long C++ name costs a few probes.
    int n = mangled.length();
    if (endsHash(mangled, start, n - 1)) {
      return true;
    }
    for (int dot = mangled.indexOf('.', start); dot >= 0; dot = mangled.indexOf('.', dot + 1)) {
      if (endsHash(mangled, start, dot - 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsHash(String s, int start, int e) {
    return e >= start + 19 && s.charAt(e) == 'E' && isHashSegment(s, e - 19);
  }

  private static boolean isHashSegment(String s, int at) {
    if (!s.startsWith("17h", at)) {
      return false;
    }
    for (int i = at + 3; i < at + 19; i++) {
      if (RustLegacy.lowerHex(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
