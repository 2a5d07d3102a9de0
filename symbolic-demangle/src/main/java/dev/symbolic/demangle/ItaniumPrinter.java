package dev.symbolic.demangle;

/**
 * The output buffer of the Itanium demangler: a growable character buffer with the printing
 * state of LLVM's {@code OutputBuffer} (current pack expansion, {@code >} inside template
 * arguments) and a budget. Printing more than {@link #MAX_OUTPUT} characters, doing more than
 * {@link #MAX_STEPS} steps or nesting deeper than {@link #MAX_DEPTH} throws {@link Overflow}.
 */
final class ItaniumPrinter {
  static final int MAX_OUTPUT = 1 << 20;
  static final int MAX_DEPTH = 1024;
  static final long MAX_STEPS = 8_000_000L;
  static final int NONE = Integer.MAX_VALUE;

  /** Thrown when the printing budget is exhausted; carries no stack trace. */
  static final class Overflow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Overflow INSTANCE = new Overflow();

    private Overflow() {
      super("itanium demangler budget exhausted", null, false, false);
    }
  }

  /**
   * The output. A StringBuilder rather than a char array: names are almost always Latin-1,
   * which it stores as bytes, so appending and {@link #toString} are plain copies.
   */
  private final StringBuilder buf;
  int packIndex = NONE;
  int packMax = NONE;
  int gtIsGt = 1;
  private int depth;
  private long steps;

  /**
   * A printer for the name {@code mangled}. Output is typically one and a half times as long as
   * the mangled name, and at most twice as long plus 16 for nine names in ten: sized for that,
   * the buffer rarely grows.
   */
  ItaniumPrinter(String mangled) {
    buf = new StringBuilder(Math.min(MAX_OUTPUT, 2 * mangled.length() + 16));
  }

  int position() {
    return buf.length();
  }

  void setPosition(int pos) {
    buf.setLength(pos);
  }

  char back() {
    int len = buf.length();
    return len == 0 ? '\0' : buf.charAt(len - 1);
  }

  boolean isGtInsideTemplateArgs() {
    return gtIsGt == 0;
  }

  private void ensure(int extra) {
    if (buf.length() + extra > MAX_OUTPUT) {
      throw Overflow.INSTANCE;
    }
    steps += extra;
    if (steps > MAX_STEPS) {
      throw Overflow.INSTANCE;
    }
  }

  ItaniumPrinter add(String s) {
    ensure(s.length());
    buf.append(s);
    return this;
  }

  ItaniumPrinter add(char c) {
    ensure(1);
    buf.append(c);
    return this;
  }

  ItaniumPrinter add(long v) {
    return add(Long.toString(v));
  }

  void printOpen(char c) {
    gtIsGt++;
    add(c);
  }

  void printOpen() {
    printOpen('(');
  }

  void printClose(char c) {
    gtIsGt--;
    add(c);
  }

  void printClose() {
    printClose(')');
  }

  void enter() {
    if (++depth > MAX_DEPTH || ++steps > MAX_STEPS) {
      throw Overflow.INSTANCE;
    }
  }

  void exit() {
    depth--;
  }

  /** Prints the left part of {@code n}. */
  void left(ItaniumNode n) {
    enter();
    n.printLeft(this);
    depth--;
  }

  /** Prints the right part of {@code n}. */
  void right(ItaniumNode n) {
    enter();
    n.printRight(this);
    depth--;
  }

  /** Bumps the step counter for work that prints nothing (cache look-ups on packs). */
  void step() {
    if (++steps > MAX_STEPS) {
      throw Overflow.INSTANCE;
    }
  }

  @Override
  public String toString() {
    return buf.toString();
  }
}
