package dev.symbolic.common;

import java.util.Locale;

/**
 * The programming language of a symbol, as declared in debug information. It selects the
 * demangler.
 *
 * <p>Mirrors Sentry symbolic's {@code Language}, plus JVM and JavaScript languages.
 */
public enum Language {
  /** Not declared or not recognized. */
  UNKNOWN("unknown", "unknown"),
  /** C. */
  C("c", "C"),
  /** C++. */
  CPP("cpp", "C++"),
  /** D. */
  D("d", "D"),
  /** Go. */
  GO("go", "Go"),
  /** Objective-C. */
  OBJC("objc", "Objective-C"),
  /** Objective-C++. */
  OBJCPP("objcpp", "Objective-C++"),
  /** Rust. */
  RUST("rust", "Rust"),
  /** Swift. */
  SWIFT("swift", "Swift"),
  /** C#. */
  CSHARP("csharp", "C#"),
  /** Visual Basic. */
  VISUALBASIC("visualbasic", "Visual Basic"),
  /** F#. */
  FSHARP("fsharp", "F#"),
  /** Java. */
  JAVA("java", "Java"),
  /** Kotlin. */
  KOTLIN("kotlin", "Kotlin"),
  /** JavaScript. */
  JAVASCRIPT("javascript", "JavaScript");

  private final String canonicalName;
  private final String displayName;

  Language(String canonicalName, String displayName) {
    this.canonicalName = canonicalName;
    this.displayName = displayName;
  }

  /**
   * Parses a language name case-insensitively: the canonical name ({@code cpp}), the display name
   * ({@code C++}) and a few common aliases ({@code c#}, {@code js}).
   *
   * @param name the name
   * @return the language, or {@link #UNKNOWN} if not recognized
   */
  public static Language parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Language lang : values()) {
      if (lang.canonicalName.equals(n) || lang.displayName.toLowerCase(Locale.ROOT).equals(n)) {
        return lang;
      }
    }
    switch (n) {
      case "c++":
      case "cxx":
        return CPP;
      case "objective-c":
      case "objectivec":
        return OBJC;
      case "objc++":
      case "objective-cpp":
        return OBJCPP;
      case "cs":
        return CSHARP;
      case "vb":
      case "vb.net":
        return VISUALBASIC;
      case "fs":
        return FSHARP;
      case "js":
        return JAVASCRIPT;
      default:
        return UNKNOWN;
    }
  }

  /**
   * Returns the lowercase name used for serialization, e.g. {@code cpp} or {@code objcpp}.
   *
   * @return the canonical name
   */
  public String canonicalName() {
    return canonicalName;
  }

  /**
   * Returns the human-readable name, e.g. {@code C++} or {@code Objective-C}.
   *
   * @return the display name
   */
  public String displayName() {
    return displayName;
  }
}
