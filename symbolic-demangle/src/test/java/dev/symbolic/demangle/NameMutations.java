package dev.symbolic.demangle;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Mutations of mangled names for the property tests: one edit after the {@code _Z}. */
final class NameMutations {
  private NameMutations() {}

  /**
   * Names from {@code seeds}, each with one edit drawn from {@code alphabet}: a character
   * replaced, inserted or deleted, the name cut short, or its tail inserted again.
   */
  static Arbitrary<String> of(List<String> seeds, String alphabet) {
    Arbitrary<String> seed = Arbitraries.of(seeds);
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 1000);
    Arbitrary<Character> ch = Arbitraries.of(alphabet.chars().mapToObj(c -> (char) c)
        .toArray(Character[]::new));
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
    return Combinators.combine(seed, where, ch, kind).as((s, w, c, k) -> {
      int p = 2 + w % Math.max(1, s.length() - 2);
      StringBuilder b = new StringBuilder(s);
      switch (k) {
        case 0:
          b.setCharAt(Math.min(p, b.length() - 1), c);
          break;
        case 1:
          b.insert(Math.min(p, b.length()), c);
          break;
        case 2:
          b.deleteCharAt(Math.min(p, b.length() - 1));
          break;
        case 3:
          b.setLength(Math.min(p, b.length()));
          break;
        default:
          b.insert(Math.min(p, b.length()), s, 2, s.length());
          break;
      }
      return b.toString();
    });
  }
}
