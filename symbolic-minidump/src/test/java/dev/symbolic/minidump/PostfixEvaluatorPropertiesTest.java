package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.CpuFamily;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The evaluator against a naive recursive model over expression trees, and robustness. */
class PostfixEvaluatorPropertiesTest {
  static final CfiRegisters REGS =
      CfiRegisters.empty().with("$esp", 0x1000).with("rbp", -16).with(".cfa", 0xFFFF_FFF0L);

  /** Readable where address % 3 != 0; the word there is a function of the address. */
  static final CfiMemory MEMORY =
      (address, size) ->
          Long.remainderUnsigned(address, 3) == 0
              ? OptionalLong.empty()
              : OptionalLong.of(size == 4 ? (address * 31 + 7) & 0xFFFF_FFFFL : address * 31 + 7);

  /** An expression tree. */
  sealed interface Node permits Leaf, Unary, Binary {}

  record Leaf(String token) implements Node {}

  record Unary(Node operand) implements Node {}

  record Binary(char op, Node left, Node right) implements Node {}

  static String render(Node n) {
    if (n instanceof Leaf l) {
      return l.token();
    }
    if (n instanceof Unary u) {
      return render(u.operand()) + " ^";
    }
    Binary b = (Binary) n;
    return render(b.left()) + " " + render(b.right()) + " " + b.op();
  }

  /** The model: BigInteger arithmetic modulo 2^(8 * wordSize), empty on any failure. */
  static Optional<BigInteger> model(Node n, int wordSize) {
    BigInteger mod = BigInteger.ONE.shiftLeft(8 * wordSize);
    if (n instanceof Leaf l) {
      String t = l.token();
      OptionalLong reg = REGS.contains(t) ? REGS.get(t) : OptionalLong.empty();
      if (reg.isPresent()) {
        return Optional.of(BigInteger.valueOf(reg.getAsLong()).mod(mod));
      }
      boolean neg = t.startsWith("-");
      String digits = neg ? t.substring(1) : t;
      if (digits.startsWith("+") || digits.startsWith("-")) {
        neg ^= digits.startsWith("-");
        digits = digits.substring(1);
      }
      BigInteger v;
      try {
        v =
            digits.startsWith("0x")
                ? new BigInteger(digits.substring(2), 16)
                : new BigInteger(digits, 10);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (digits.startsWith("-") || digits.startsWith("+") || v.compareTo(mod) >= 0) {
        return Optional.empty();
      }
      return Optional.of((neg ? v.negate() : v).mod(mod));
    }
    if (n instanceof Unary u) {
      return model(u.operand(), wordSize)
          .flatMap(
              a -> {
                OptionalLong w = MEMORY.read(a.longValue(), wordSize);
                return w.isPresent()
                    ? Optional.of(BigInteger.valueOf(w.getAsLong()).mod(mod))
                    : Optional.empty();
              });
    }
    Binary b = (Binary) n;
    Optional<BigInteger> left = model(b.left(), wordSize);
    Optional<BigInteger> right = model(b.right(), wordSize);
    if (left.isEmpty() || right.isEmpty()) {
      return Optional.empty();
    }
    BigInteger x = left.get();
    BigInteger y = right.get();
    return switch (b.op()) {
      case '+' -> Optional.of(x.add(y).mod(mod));
      case '-' -> Optional.of(x.subtract(y).mod(mod));
      case '*' -> Optional.of(x.multiply(y).mod(mod));
      case '/' -> y.signum() == 0 ? Optional.empty() : Optional.of(x.divide(y));
      case '%' -> y.signum() == 0 ? Optional.empty() : Optional.of(x.mod(y));
      default -> Optional.of(x.and(y.subtract(BigInteger.ONE).mod(mod).not()).mod(mod));
    };
  }

  @Provide
  Arbitrary<Node> trees() {
    return tree(4);
  }

  static Arbitrary<Node> tree(int depth) {
    Arbitrary<Node> leaf =
        Arbitraries.oneOf(
            Arbitraries.of(
                "$esp", "esp", "rbp", ".cfa", "$nope", "0", "1", "-4", "0x10", "+7", "--3", "-+0x4",
                "---1"),
            Arbitraries.longs().map(Long::toUnsignedString),
            Arbitraries.longs().map(v -> "0x" + Long.toHexString(v)),
            Arbitraries.integers().between(0, 100_000).map(i -> "-" + i),
            Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(70))
                .map(BigInteger::toString))
            .map(Leaf::new);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Node> sub = Arbitraries.lazy(() -> tree(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(1, sub.map(Unary::new)),
        net.jqwik.api.Tuple.of(
            3,
            Combinators.combine(Arbitraries.of('+', '-', '*', '/', '%', '@'), sub, sub)
                .as(Binary::new)));
  }

  @Property(tries = 2000)
  void matchesTheModel(@ForAll("trees") Node tree) {
    for (int wordSize : new int[] {4, 8}) {
      OptionalLong actual = PostfixEvaluator.evaluate(render(tree), REGS, MEMORY, wordSize);
      Optional<BigInteger> expected = model(tree, wordSize);
      assertThat(actual.isPresent()).as(render(tree)).isEqualTo(expected.isPresent());
      if (expected.isPresent()) {
        assertThat(actual.getAsLong()).as(render(tree)).isEqualTo(expected.get().longValue());
      }
    }
  }

  @Property(tries = 2000)
  void arbitraryTokensNeverThrow(
      @ForAll("tokenSoup") List<String> tokens, @ForAll boolean wide) {
    String text = String.join(" ", tokens);
    int wordSize = wide ? 8 : 4;
    PostfixEvaluator.evaluate(text, REGS, MEMORY, wordSize);
    PostfixEvaluator.execute(text, REGS, MEMORY, wordSize)
        .ifPresent(a -> assertThat(a.size()).isLessThanOrEqualTo(tokens.size()));
    CfiRules.parse(text)
        .ifPresent(r -> r.findCallerRegisters(REGS, MEMORY, wide ? CpuFamily.AMD_64 : CpuFamily.INTEL_32));
  }

  @Provide
  Arbitrary<List<String>> tokenSoup() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "+", "-", "*", "/", "%", "@", "^", "=", "=$T0", "$T0", "$T1", "$", ".cfa:",
                ".ra:", "$esp:", ":", "$esp", ".cfa", ".ra", "0", "-1", "0x", "4294967296"),
            Arbitraries.strings().ofMaxLength(6))
        .list()
        .ofMaxSize(40);
  }

  @Property(tries = 500)
  void rulesRoundTripThroughToString(@ForAll("ruleSets") String text) {
    Optional<CfiRules> parsed = CfiRules.parse(text);
    assertThat(parsed).isPresent();
    CfiRules again = CfiRules.parse(parsed.get().toString()).orElseThrow();
    assertThat(again.cfaRule()).isEqualTo(parsed.get().cfaRule());
    assertThat(again.raRule()).isEqualTo(parsed.get().raRule());
    assertThat(again.registerRules()).isEqualTo(parsed.get().registerRules());
  }

  @Provide
  Arbitrary<String> ruleSets() {
    Arbitrary<String> rule =
        Combinators.combine(
                Arbitraries.of(".cfa", ".ra", "$rbx", "rbx", "x29", "$ebp"),
                trees().map(PostfixEvaluatorPropertiesTest::render))
            .as((name, expr) -> name + ": " + expr);
    return rule.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join(" ", l));
  }
}
