package dev.symbolic.demangle;

import java.util.Optional;

/** Demangles Itanium names. Never throws; malformed input gives an empty result. */
final class ItaniumDemangler {
  private ItaniumDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid Itanium name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    return Optional.empty();
  }

  /** Whether {@code mangled} has the shape of a Itanium name (for language detection). */
  static boolean looksLikeItanium(String mangled) {
    return mangled.startsWith("_Z") || mangled.startsWith("__Z") || mangled.startsWith("___Z")
        || mangled.startsWith("_GLOBAL__");
  }
}
