package dev.symbolic.demangle;

/**
 * The text buffer the MSVC demangler prints into.
 *
 * <p>Bounded: one demangling shares a {@link Budget} of characters among all buffers it prints
 * (the final text and the names rendered for back-references), and a buffer also bounds its
 * nesting depth, so exponential back-reference blow-ups and deep trees end in a {@link
 * MsvcFailure} instead of exhausting the heap or the stack. Not thread-safe; one per use.
 */
final class MsvcOutput {
  /** Deepest nesting of node printing. */
  static final int MAX_DEPTH = 1024;

  /** Characters one demangling may print in all, final text and back-reference names. */
  static final class Budget {
    private long remaining;

    Budget(long remaining) {
      this.remaining = remaining;
    }

    void spend(int n) {
      remaining -= n;
      if (remaining < 0) {
        throw new MsvcFailure("output too long");
      }
    }
  }

  private final StringBuilder sb = new StringBuilder(64);
  private final Budget budget;
  private int depth;

  MsvcOutput(Budget budget) {
    this.budget = budget;
  }

  MsvcOutput append(String s) {
    budget.spend(s.length());
    sb.append(s);
    return this;
  }

  MsvcOutput append(char c) {
    budget.spend(1);
    sb.append(c);
    return this;
  }

  /** Appends {@code v} as a signed decimal number. */
  MsvcOutput appendSigned(long v) {
    return append(Long.toString(v));
  }

  /** Appends {@code v} as an unsigned 64-bit decimal number. */
  MsvcOutput appendUnsigned(long v) {
    return append(Long.toUnsignedString(v));
  }

  boolean isEmpty() {
    return sb.length() == 0;
  }

  /** The last character, or NUL when empty. */
  char last() {
    int n = sb.length();
    return n == 0 ? '\0' : sb.charAt(n - 1);
  }

  int length() {
    return sb.length();
  }

  /** Enters one level of nesting; fails past {@link #MAX_DEPTH}. */
  void enter() {
    if (++depth > MAX_DEPTH) {
      throw new MsvcFailure("output nesting too deep");
    }
  }

  void exit() {
    depth--;
  }

  /** Writes a space unless empty or the text ends in punctuation (not alphanumeric or '>'). */
  void spaceIfNecessary() {
    if (sb.length() == 0) {
      return;
    }
    char c = sb.charAt(sb.length() - 1);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '>') {
      append(' ');
    }
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
