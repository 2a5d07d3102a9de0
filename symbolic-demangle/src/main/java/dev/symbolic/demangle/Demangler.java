package dev.symbolic.demangle;

import dev.symbolic.common.Language;
import java.util.Optional;

/**
 * Demangles symbol names of C++ (Itanium and MSVC), Rust (legacy and v0), Objective-C and Swift.
 *
 * <pre>{@code
 * Demangler.demangle("_ZN3foo3barEv");                          // Optional[foo::bar()]
 * Demangler.demangle("_ZN3foo3barEv", DemangleOptions.nameOnly()); // Optional[foo::bar]
 * Demangler.detectLanguage("_RNvCs1234_7mycrate3foo");          // RUST
 * }</pre>
 *
 * <p>Never throws: input that is not a valid mangled name gives an empty result. Recursion,
 * node count and output length are bounded, so adversarial names cannot exhaust the stack or
 * the heap. Thread-safe and stateless.
 */
public final class Demangler {
  private Demangler() {}

  /** Demangles with {@link DemangleOptions#complete()}, detecting the language. */
  public static Optional<String> demangle(String mangled) {
    return demangle(mangled, Language.UNKNOWN, DemangleOptions.complete());
  }

  /** Demangles, detecting the language. */
  public static Optional<String> demangle(String mangled, DemangleOptions options) {
    return demangle(mangled, Language.UNKNOWN, options);
  }

  /**
   * Demangles a name of the given language ({@link Language#UNKNOWN} detects it; {@link
   * Language#CPP} takes Itanium and MSVC names).
   */
  public static Optional<String> demangle(
      String mangled, Language language, DemangleOptions options) {
    if (mangled == null || mangled.isEmpty() || options == null) {
      return Optional.empty();
    }
    boolean detect = language == null || language == Language.UNKNOWN;
    if (detect && mangled.startsWith("_Z") && !RustDemangler.looksLikeRust(mangled)) {
      // What detection concludes for the most common shape, without its other checks.
      return ItaniumDemangler.demangle(mangled, options);
    }
    Language lang = detect ? detectLanguage(mangled) : language;
    switch (lang) {
      case OBJCPP:
        if (isObjcMethod(mangled)) {
          return Optional.of(mangled);
        }
        return isMsvc(mangled)
            ? MsvcDemangler.demangle(mangled, options)
            : ItaniumDemangler.demangle(mangled, options);
      case CPP:
        return isMsvc(mangled)
            ? MsvcDemangler.demangle(mangled, options)
            : ItaniumDemangler.demangle(mangled, options);
      case RUST:
        return RustDemangler.demangle(mangled, options);
      case SWIFT:
        return SwiftDemangler.demangle(mangled, options);
      case OBJC:
        return isObjcMethod(mangled) ? Optional.of(mangled) : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /**
   * The language a mangled name is in, from its shape: Objective-C methods ({@code -[C sel]}),
   * Rust ({@code _R…}, or {@code _ZN…17h<hash>E}), C++ ({@code _Z…}, {@code ?…}), Swift
   * ({@code $s…}, {@code _T0…}); {@link Language#UNKNOWN} otherwise.
   */
  public static Language detectLanguage(String mangled) {
    if (mangled == null || mangled.isEmpty()) {
      return Language.UNKNOWN;
    }
    if (isObjcMethod(mangled)) {
      return Language.OBJC;
    }
    if (RustDemangler.looksLikeRust(mangled)) {
      return Language.RUST;
    }
    if (isMsvc(mangled) || ItaniumDemangler.looksLikeItanium(mangled)) {
      return Language.CPP;
    }
    if (SwiftDemangler.looksLikeSwift(mangled)) {
      return Language.SWIFT;
    }
    return Language.UNKNOWN;
  }

  static boolean isMsvc(String mangled) {
    if (mangled.isEmpty()) {
      return false;
    }
    char c = mangled.charAt(0);
    return c == '?' || c == '.' && mangled.startsWith(".?A") || c == '@' && mangled.startsWith("@?");
  }

  private static boolean isObjcMethod(String name) {
    return name.length() > 4
        && (name.charAt(0) == '-' || name.charAt(0) == '+')
        && name.charAt(1) == '['
        && name.endsWith("]")
        && name.indexOf(' ') > 2;
  }
}
