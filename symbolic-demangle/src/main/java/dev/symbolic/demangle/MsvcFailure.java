package dev.symbolic.demangle;

/**
 * Internal signal that an MSVC name cannot be demangled (malformed input, or a bound reached).
 * Carries no stack trace, so throwing it is cheap; never escapes {@link MsvcDemangler}.
 */
final class MsvcFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MsvcFailure(String message) {
    super(message, null, false, false);
  }
}
