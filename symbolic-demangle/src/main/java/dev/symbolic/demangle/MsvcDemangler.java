package dev.symbolic.demangle;

import java.util.Optional;

/** Demangles Msvc names. Never throws; malformed input gives an empty result. */
final class MsvcDemangler {
  private MsvcDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid Msvc name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    return Optional.empty();
  }
}
