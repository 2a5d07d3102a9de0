package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The MSVC demangler never throws and stays bounded, on random strings and on mutations of
 * real names.
 */
class MsvcRobustnessTest {
  /** Real names (from the corpus sources) that mutations start from. */
  private static final String[] SEEDS = {
    "?push_back@?$vector@EU?$allocator@E@std@@@std@@QEAAX$$QEAE@Z",
    "?id@Diamond@oop@corpus@@$4PPPPPPPM@A@EBAHXZ",
    "??_C@_1M@HLGMDFHM@?$AAi?$AAt?$AA?9?$AAC?$AAH?$AA?$AA@",
    "?name@?$Traits@PEQWidget@tmpl@corpus@@H@tmpl@corpus@@SAPEBDXZ",
    "?dtor$7@?0???$fill_and_count@V?$optional@UWidget@tmpl@corpus@@@std@@@tmpl@corpus@@YA_KH@Z@4HA",
    "?mp_si@basics@corpus@@YAXP8SI@12@AEXXZ@Z",
    "??$?RV?$basic_string@DU?$char_traits@D@std@@U?$allocator@D@2@@std@@V01@@<lambda_0>@?0??"
        + "simple_lambdas@lam@corpus@@YAHH@Z@QEBA?A?<auto>@@V?$basic_string@DU?$char_traits@D"
        + "@std@@U?$allocator@D@2@@std@@0@Z",
    "??_R3?$impl@V<lambda_19>@lam@corpus@@@?$function@$$A6AHXZ@std@@8",
    ".?AV?$reverse_iterator@V?$_Vector_iterator@V?$_Vector_val@U?$_Simple_types@D@std@@@std@@@"
        + "std@@@std@@",
    "??_7Foo@@6BBar@@@",
    "??_R1A@?0A@EA@Foo@@8",
    "??$f@$J?g@Foo@@QAEXXZA@A@A@@@YAXXZ",
    "??__E?x@Foo@@2HA@@YAXXZ",
    "?f@@YAXP6AHHH@Z0@Z",
    "??_B?1??f@@YAXXZ@51",
    "?x@@3P8Foo@@EAAXXZEQ1@",
  };

  private static final String ALPHABET = "?@$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcz<>.";

  @Property(tries = 3000)
  void randomStringsNeverThrow(@ForAll("msvcLike") String s) {
    check(s);
  }

  @Property(tries = 3000)
  void mutatedRealNamesNeverThrow(@ForAll("mutated") String s) {
    check(s);
  }

  @Property(tries = 500)
  void anyUnicodeNeverThrows(@ForAll String s) {
    check(s);
    check("?" + s);
  }

  private static void check(String s) {
    for (DemangleOptions options : new DemangleOptions[] {
        DemangleOptions.complete(), DemangleOptions.nameOnly()}) {
      Optional<String> r = MsvcDemangler.demangle(s, options);
      assertThat(r).isNotNull();
      r.ifPresent(v -> assertThat(v.length()).isLessThanOrEqualTo(1 << 22));
    }
  }

  @Provide
  Arbitrary<String> msvcLike() {
    Arbitrary<String> body = Arbitraries.strings().withChars(ALPHABET.toCharArray())
        .ofMinLength(0).ofMaxLength(80);
    return Combinators.combine(Arbitraries.of("?", "??", "??_", "??$", ".?A", "??_C@_", ""), body)
        .as((p, b) -> p + b);
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 10_000);
    Arbitrary<Character> what = Arbitraries.chars().with(ALPHABET.toCharArray());
    Arbitrary<Integer> op = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> count = Arbitraries.integers().between(1, 4);
    return Combinators.combine(seed, where, what, op, count).as((s, w, c, o, n) -> {
      StringBuilder sb = new StringBuilder(s);
      int at = w;
      for (int k = 0; k < n && sb.length() > 0; k++) {
        int i = (at + 7919 * k) % sb.length();
        switch ((o + k) % 4) {
          case 0:
            sb.setCharAt(i, c);
            break;
          case 1:
            sb.insert(i, c);
            break;
          case 2:
            sb.deleteCharAt(i);
            break;
          default:
            sb.setLength(i);
            break;
        }
      }
      return sb.toString();
    });
  }
}
