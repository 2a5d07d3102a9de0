package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Random and mutated input never throws, and output stays bounded. */
class SwiftRobustnessTest {
  private static final DemangleOptions[] OPTIONS = {
    DemangleOptions.complete(), DemangleOptions.nameOnly(),
    DemangleOptions.nameOnly().parameters(true)};

  private static final String[] SEEDS = {
    "$s7ranking22propertyVersusFunctionyyAA1P_p_xtAaCRzlFyAaC_pcAaC_pcfu_",
    "$s18OrderedCollections0A10DictionaryV20uniqueKeysWithValuesACyxq_Gqd___tcSTRd__x_q_t7Elem"
        + "entRtd__lufC6TaggedAHVy8SportsUI0J23ParticipantRowViewModelVSSG_ALs15LazyMapSequenceVy"
        + "SayALGAM_ALtGTt0g5Tf4g_n",
    "$s12SharedDomain7ServiceC06streamC0_4bodyACXDScSyxG_yxYaYbKYCcts8SendableRzlFZyycAA06Str"
        + "eamC0CYbcfu_yycfu0_Tm",
    "_T08mangling10HasVarInitV5stateSbvpZfiSbyKXKfu_",
    "$s8mangling0022egbpdajGbuEbxfgehfvwxnyyF",
    "_T0s18EnumeratedIteratorVyxGs8Sequencess0B8ProtocolRzlsADP5splitSay03SubC0QzGSi9maxSplits"
        + "_Sb25omittingEmptySubsequencesSb7ElementQzKc14whereSeparatortKFTW",
    "$s11Supercharge2AXO7ElementPAAE8elements33_35EDDAA799FBB5B74D2F426690B0D99DLL3for2asSayq"
        + "d__GSo28NSAccessibilityAttributeNamea_qd__mtSo7AXErrorVYKAcDRd__lFAC3AppC_AC6WindowCTgm5",
  };

  private static void check(String input) {
    for (DemangleOptions o : OPTIONS) {
      Optional<String> r = SwiftDemangler.demangle(input, o);
      assertThat(r).isNotNull();
      r.ifPresent(s -> assertThat(s.length()).isLessThanOrEqualTo(16 * 1024 + 64));
      Demangler.demangle(input, o); // the public entry point must not throw either
    }
  }

  @Provide
  Arbitrary<String> manglingLike() {
    Arbitrary<String> body = Arbitraries.strings()
        .withChars("0123456789_$.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        .ofMaxLength(120);
    Arbitrary<String> prefix = Arbitraries.of("$s", "$S", "_$s", "_T0", "$e", "_$S");
    return prefix.flatMap(p -> body.map(b -> p + b));
  }

  @Property(tries = 3000)
  void randomManglingsNeverThrow(@ForAll("manglingLike") String input) {
    check(input);
  }

  @Property(tries = 500)
  void arbitraryStringsNeverThrow(@ForAll String input) {
    check("$s" + input);
    check(input);
  }

  @Property(tries = 3000)
  void mutatedSymbolsNeverThrow(@ForAll @IntRange(min = 0, max = 6) int seed,
      @ForAll @IntRange(min = 0, max = 400) int at, @ForAll @IntRange(min = 0, max = 2) int op,
      @ForAll("chars") char c) {
    String s = SEEDS[seed];
    int i = Math.min(at, s.length() - 1);
    String mutated;
    if (op == 0) {
      mutated = s.substring(0, i) + c + s.substring(i + 1);
    } else if (op == 1) {
      mutated = s.substring(0, i) + c + s.substring(i);
    } else {
      mutated = s.substring(0, i) + s.substring(i + 1);
    }
    check(mutated);
  }

  @Provide
  Arbitrary<Character> chars() {
    return Arbitraries.chars().with("0123456789_abcdefgilmnopqrstuvwxyzABCDEFGLMNOPQRSTVWXYZ");
  }

  @Test
  void deepAndExplosiveInputsAreBounded() {
    List<String> inputs = new ArrayList<>();
    inputs.add("$s" + "Say".repeat(1300) + "Si" + "G".repeat(1300) + "D");
    inputs.add("$s" + "Sq".repeat(1000) + "D");
    StringBuilder sb = new StringBuilder("$s1aSi");
    for (int i = 0; i < 60; i++) {
      sb.append("AA_t");
    }
    inputs.add(sb.append('D').toString());
    StringBuilder nested = new StringBuilder("$s1a");
    for (int i = 0; i < 900; i++) {
      nested.append("1bV");
    }
    inputs.add(nested.append("yxGD").toString());
    inputs.add("$s" + "A2048_".repeat(100));
    inputs.add("$sSi" + "S2048i".repeat(200) + "t");
    inputs.add("$s" + "x".repeat(4000));
    for (String in : inputs) {
      long start = System.nanoTime();
      check(in);
      assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
  }

  @Test
  void looksLikeSwiftAcceptsOnlySwiftPrefixes() {
    assertThat(SwiftDemangler.looksLikeSwift("$s4main3fooyyF")).isTrue();
    assertThat(SwiftDemangler.looksLikeSwift("_T04main3fooyyF")).isTrue();
    assertThat(SwiftDemangler.looksLikeSwift("_ZN3foo3barEv")).isFalse();
    assertThat(SwiftDemangler.looksLikeSwift("")).isFalse();
  }
}
