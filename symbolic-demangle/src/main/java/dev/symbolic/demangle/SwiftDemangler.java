package dev.symbolic.demangle;

import java.util.Optional;

/** Demangles Swift names. Never throws; malformed input gives an empty result. */
final class SwiftDemangler {
  private SwiftDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid Swift name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    return Optional.empty();
  }

  /** Whether {@code mangled} has the shape of a Swift name (for language detection). */
  static boolean looksLikeSwift(String mangled) {
    return mangled.startsWith("$s") || mangled.startsWith("$S") || mangled.startsWith("_$s")
        || mangled.startsWith("_$S") || mangled.startsWith("_T0") || mangled.startsWith("$e");
  }
}
