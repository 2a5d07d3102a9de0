package dev.symbolic.debuginfo;

import dev.symbolic.common.Language;
import dev.symbolic.common.Name;
import dev.symbolic.common.NameMangling;

/**
 * Names for symbol-table entries, whose language no format records: the mangling scheme's prefix
 * tells it (Itanium {@code _Z}, Rust v0 {@code _R}, Swift {@code $s}, MSVC {@code ?}); anything
 * else stays unknown so a demangler may still try.
 */
final class SymbolNames {
  private SymbolNames() {}

  static Name of(String text) {
    String t = text.startsWith("__") ? text.substring(1) : text;
    if (t.startsWith("_Z")) {
      return Name.of(text, NameMangling.MANGLED, isRustLegacy(t) ? Language.RUST : Language.CPP);
    }
    if (t.startsWith("_R")) {
      return Name.of(text, NameMangling.MANGLED, Language.RUST);
    }
    if (t.startsWith("$s") || t.startsWith("_$s") || t.startsWith("$S") || t.startsWith("_$S")
        || t.startsWith("_T0")) {
      return Name.of(text, NameMangling.MANGLED, Language.SWIFT);
    }
    if (text.startsWith("?")) {
      return Name.of(text, NameMangling.MANGLED, Language.CPP);
    }
    return Name.of(text, NameMangling.UNKNOWN, Language.UNKNOWN);
  }

  /** Legacy Rust symbols are Itanium-shaped and end in a {@code 17h<16 hex digits>E} hash. */
  private static boolean isRustLegacy(String t) {
    int n = t.length();
    if (n < 21 || t.charAt(n - 1) != 'E' || !t.startsWith("17h", n - 20)) {
      return false;
    }
    for (int i = n - 17; i < n - 1; i++) {
      if (Character.digit(t.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The language of a {@code DW_AT_language} code. */
  static Language ofDwarf(long lang) {
    switch ((int) Math.min(lang, Integer.MAX_VALUE)) {
      case 0x01: // C89
      case 0x02: // C
      case 0x0c: // C99
      case 0x1d: // C11
      case 0x2c: // C17
        return Language.C;
      case 0x04: // C++
      case 0x19: // C++03
      case 0x1a: // C++11
      case 0x21: // C++14
      case 0x2a: // C++17
      case 0x2b: // C++20
        return Language.CPP;
      case 0x13:
        return Language.D;
      case 0x16:
        return Language.GO;
      case 0x10:
        return Language.OBJC;
      case 0x11:
        return Language.OBJCPP;
      case 0x1c:
        return Language.RUST;
      case 0x1e:
        return Language.SWIFT;
      default:
        return Language.UNKNOWN;
    }
  }
}
