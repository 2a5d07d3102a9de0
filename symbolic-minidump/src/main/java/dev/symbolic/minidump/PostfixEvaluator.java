package dev.symbolic.minidump;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Evaluates Breakpad's postfix expressions: the right-hand sides of {@code STACK CFI} rules and
 * the programs of {@code STACK WIN} frame data records, with the semantics of Breakpad's {@code
 * PostfixEvaluator}.
 *
 * <p>Tokens are separated by white space. An operand is a literal or a variable:
 *
 * <ul>
 *   <li>a literal is a decimal number with an optional leading {@code -} (negated modulo the word
 *       size), or a hexadecimal number {@code 0x...} (an extension of Breakpad, which reads only
 *       decimals); as in Breakpad, a second sign may follow the {@code -} ({@code +5}, {@code
 *       --5}); a literal whose magnitude does not fit the word size is no literal;
 *   <li>anything else names a variable, looked up in the dictionary when the operand is used:
 *       registers ({@code $esp}, {@code sp}), pseudo registers ({@code .cfa}, {@code .ra}) and
 *       program variables ({@code $T0}).
 * </ul>
 *
 * <p>Operators: {@code + - * / %} (unsigned, wrapping at the word size; division and remainder
 * by zero fail), {@code @} (align: {@code a b @} is {@code a & ~(b - 1)}), {@code ^} (replace the
 * address on top of the stack by the word read from memory there) and {@code =} (in programs
 * only: {@code $name value =} assigns; the name must start with {@code $}). As in Breakpad, an
 * {@code =} stuck to the front of the next token ({@code =$eip}) is read as two tokens, a form
 * MSVC writes in link-time code generation builds.
 *
 * <p>Evaluation never throws on malformed input: an unknown variable, a missing operand, a failed
 * memory read, a division by zero, a stack deeper than {@value #MAX_STACK_DEPTH} entries, more
 * than {@value #MAX_TOKENS} tokens, or a stack not holding exactly what is expected at the end
 * all give an empty result. Time and memory are linear in the length of the expression.
 */
public final class PostfixEvaluator {
  /** The deepest operand stack evaluation allows; real rules need fewer than ten entries. */
  public static final int MAX_STACK_DEPTH = 256;

  /** The longest expression, in tokens, evaluation accepts; real programs have under a hundred. */
  public static final int MAX_TOKENS = 4096;

  private final CfiMemory memory;
  private final long mask;
  private final int wordSize;
  private CfiRegisters dictionary;
  private CfiRegisters assigned;
  // The operand stack: a computed value, or the token still to be read as a literal or looked up
  // as a variable when popped (Breakpad resolves variables lazily, which matters for =).
  private final long[] values;
  private final String[] tokens;
  private int depth;
  // The result of the last successful popValue or parseLiteral; a field so that no step allocates.
  private long popped;

  private PostfixEvaluator(CfiRegisters dictionary, CfiMemory memory, int wordSize, int capacity) {
    this.dictionary = dictionary;
    this.assigned = CfiRegisters.empty();
    this.memory = memory;
    this.wordSize = wordSize;
    this.mask = wordSize == 4 ? 0xFFFF_FFFFL : -1L;
    this.values = new long[capacity];
    this.tokens = new String[capacity];
  }

  /**
   * Evaluates an expression for its value, as Breakpad's {@code EvaluateForValue} does.
   *
   * @param expression the postfix expression, e.g. {@code .cfa -8 + ^}
   * @param variables the values of registers and variables
   * @param memory the memory {@code ^} reads
   * @param wordSize 4 or 8: the width of values, literals and memory reads
   * @return the value, or empty if evaluation fails or does not leave exactly one value
   * @throws IllegalArgumentException if {@code wordSize} is neither 4 nor 8
   */
  public static OptionalLong evaluate(
      String expression, CfiRegisters variables, CfiMemory memory, int wordSize) {
    PostfixEvaluator e = create(expression, variables, memory, wordSize);
    if (!e.run(expression, false) || e.depth != 1) {
      return OptionalLong.empty();
    }
    return e.popValue() ? OptionalLong.of(e.popped) : OptionalLong.empty();
  }

  /**
   * Runs a program of assignments, as Breakpad's {@code Evaluate} does for {@code STACK WIN}
   * program strings.
   *
   * @param program the program, e.g. {@code $T0 $ebp = $eip $T0 4 + ^ = $esp $T0 8 + =}
   * @param variables the values of registers and variables before the program runs
   * @param memory the memory {@code ^} reads
   * @param wordSize 4 or 8: the width of values, literals and memory reads
   * @return the variables the program assigned, with their final values (names without the
   *     leading {@code $}); empty if the program fails or leaves operands on the stack
   * @throws IllegalArgumentException if {@code wordSize} is neither 4 nor 8
   */
  public static Optional<CfiRegisters> execute(
      String program, CfiRegisters variables, CfiMemory memory, int wordSize) {
    PostfixEvaluator e = create(program, variables, memory, wordSize);
    return e.runProgram(program) ? Optional.of(e.assigned) : Optional.empty();
  }

  /**
   * Runs a program on this evaluator; on failure the assignments made before it stay visible
   * through {@link #dictionary()} and {@link #assigned()}, as in Breakpad, whose x86 walker keeps
   * using them.
   */
  boolean runProgram(String program) {
    return run(program, true) && depth == 0;
  }

  /** The variables now: the initial ones overlaid with the assignments. */
  CfiRegisters dictionary() {
    return dictionary;
  }

  /** The variables assigned so far, with their latest values. */
  CfiRegisters assigned() {
    return assigned;
  }

  static PostfixEvaluator create(
      String expression, CfiRegisters variables, CfiMemory memory, int wordSize) {
    if (wordSize != 4 && wordSize != 8) {
      throw new IllegalArgumentException("word size must be 4 or 8: " + wordSize);
    }
    // Every token pushes at most one entry, and a token takes at least two characters with its
    // separator: the stack never needs more room than that.
    int capacity = Math.min(MAX_STACK_DEPTH, expression.length() / 2 + 1);
    return new PostfixEvaluator(variables, memory, wordSize, capacity);
  }

  /** Runs every token; false on the first failure. */
  private boolean run(String text, boolean assignments) {
    int n = text.length();
    int count = 0;
    int i = 0;
    while (true) {
      while (i < n && isSpace(text.charAt(i))) {
        i++;
      }
      if (i == n) {
        return true;
      }
      int start = i;
      while (i < n && !isSpace(text.charAt(i))) {
        i++;
      }
      if (++count > MAX_TOKENS) {
        return false;
      }
      String token = text.substring(start, i);
      if (token.length() > 1 && token.charAt(0) == '=') {
        if (!step("=", assignments)) {
          return false;
        }
        token = token.substring(1);
      }
      if (!step(token, assignments)) {
        return false;
      }
    }
  }

  /** The white space C++'s {@code >>} skips. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private boolean step(String token, boolean assignments) {
    if (token.length() == 1) {
      char op = token.charAt(0);
      switch (op) {
        case '+', '-', '*', '/', '%', '@' -> {
          return binary(op);
        }
        case '^' -> {
          if (!popValue()) {
            return false;
          }
          OptionalLong word = memory.read(popped, wordSize);
          return word.isPresent() && push(word.getAsLong() & mask, null);
        }
        case '=' -> {
          return assignments && assign();
        }
        default -> {
          // an operand
        }
      }
    }
    return push(0, token);
  }

  private boolean binary(char op) {
    if (!popValue()) {
      return false;
    }
    long b = popped;
    if (!popValue()) {
      return false;
    }
    long a = popped;
    long r;
    switch (op) {
      case '+' -> r = a + b;
      case '-' -> r = a - b;
      case '*' -> r = a * b;
      case '/' -> {
        if (b == 0) {
          return false;
        }
        r = Long.divideUnsigned(a, b);
      }
      case '%' -> {
        if (b == 0) {
          return false;
        }
        r = Long.remainderUnsigned(a, b);
      }
      default -> r = a & ~(b - 1); // '@'
    }
    return push(r & mask, null);
  }

  private boolean assign() {
    if (!popValue()) {
      return false;
    }
    long value = popped;
    if (depth == 0) {
      return false;
    }
    depth--;
    String name = tokens[depth];
    // The target must be an unevaluated token that is no literal and names a $ variable.
    if (name == null || parseLiteral(name) || name.length() < 2 || name.charAt(0) != '$') {
      return false;
    }
    dictionary = dictionary.with(name, value);
    assigned = assigned.with(name, value);
    return true;
  }

  private boolean push(long value, String token) {
    if (depth == values.length) {
      return false;
    }
    values[depth] = value;
    tokens[depth] = token;
    depth++;
    return true;
  }

  /** Pops the top entry as a value: a computed value, a literal, or a known variable. */
  private boolean popValue() {
    if (depth == 0) {
      return false;
    }
    depth--;
    String token = tokens[depth];
    tokens[depth] = null;
    if (token == null) {
      popped = values[depth];
      return true;
    }
    if (parseLiteral(token)) {
      return true;
    }
    if (token.equals("$")) {
      return false;
    }
    int k = dictionary.indexOf(CfiRegisters.canonical(token));
    if (k < 0) {
      return false;
    }
    popped = dictionary.valueAt(k) & mask;
    return true;
  }

  /**
   * Parses {@code [-][+|-]decimal} or {@code [-][+|-]0xhex} whose magnitude fits the word size.
   * The two signs mirror Breakpad, which strips one {@code -} itself and lets C++'s unsigned
   * extraction read another sign.
   */
  private boolean parseLiteral(String token) {
    int n = token.length();
    int i = 0;
    boolean negative = false;
    if (i < n && token.charAt(i) == '-') {
      negative = true;
      i++;
    }
    if (i < n && (token.charAt(i) == '+' || token.charAt(i) == '-')) {
      negative ^= token.charAt(i) == '-';
      i++;
    }
    int radix = 10;
    if (n - i > 2 && token.charAt(i) == '0' && (token.charAt(i + 1) | 0x20) == 'x') {
      radix = 16;
      i += 2;
    }
    if (i == n) {
      return false;
    }
    long limit = Long.divideUnsigned(mask, radix);
    long v = 0;
    for (; i < n; i++) {
      int d = Character.digit(token.charAt(i), radix);
      // Character.digit also accepts non-ASCII digits, which C++ does not.
      if (d < 0 || token.charAt(i) > 'f') {
        return false;
      }
      if (Long.compareUnsigned(v, limit) > 0) {
        return false;
      }
      // v * radix cannot overflow after the limit check; v * radix + d can pass the mask.
      long next = v * radix + d;
      if (Long.compareUnsigned(next, v * radix) < 0 || Long.compareUnsigned(next, mask) > 0) {
        return false;
      }
      v = next;
    }
    popped = (negative ? -v : v) & mask;
    return true;
  }
}
