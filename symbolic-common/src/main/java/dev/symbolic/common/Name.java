package dev.symbolic.common;

import java.util.Objects;

/**
 * The possibly mangled name of a symbol, with what is known about its language and mangling.
 *
 * <p>Debug formats mostly store mangled names; carrying the language along lets a demangler pick
 * the right scheme instead of guessing from the string. Instances are immutable and thread-safe.
 */
public final class Name {
  private final String text;
  private final NameMangling mangling;
  private final Language language;

  private Name(String text, NameMangling mangling, Language language) {
    this.text = Objects.requireNonNull(text, "text");
    this.mangling = Objects.requireNonNull(mangling, "mangling");
    this.language = Objects.requireNonNull(language, "language");
  }

  /**
   * Creates a name of unknown language and mangling.
   *
   * @param text the name as found in the file
   * @return the name
   */
  public static Name of(String text) {
    return new Name(text, NameMangling.UNKNOWN, Language.UNKNOWN);
  }

  /**
   * Creates a name of a known language and unknown mangling.
   *
   * @param text the name as found in the file
   * @param language the declared language
   * @return the name
   */
  public static Name of(String text, Language language) {
    return new Name(text, NameMangling.UNKNOWN, language);
  }

  /**
   * Creates a name.
   *
   * @param text the name as found in the file
   * @param mangling whether the name is known to be mangled
   * @param language the declared language
   * @return the name
   */
  public static Name of(String text, NameMangling mangling, Language language) {
    return new Name(text, mangling, language);
  }

  /**
   * Returns the name as found in the file.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * Returns whether the name is known to be mangled.
   *
   * @return the mangling state
   */
  public NameMangling mangling() {
    return mangling;
  }

  /**
   * Returns the declared language.
   *
   * @return the language, {@link Language#UNKNOWN} if not declared
   */
  public Language language() {
    return language;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Name)) {
      return false;
    }
    Name n = (Name) o;
    return text.equals(n.text) && mangling == n.mangling && language == n.language;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, mangling, language);
  }

  /** Returns {@link #text()}. */
  @Override
  public String toString() {
    return text;
  }
}
