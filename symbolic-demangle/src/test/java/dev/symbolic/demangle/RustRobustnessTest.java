package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The Rust demangler never throws, and its time and output stay bounded, on any input. */
class RustRobustnessTest {
  private static final List<String> SEEDS = List.of(
      "_RINvNtCsgEmfK2I1SDS_4core3ptr13drop_in_placeINtNtCslNYArtu3iFV_5alloc5boxed3BoxDG0_"
          + "INtNtNtB4_3ops8function2FnTRL1_INtNtCsjrHSEGnQ3l9_3std5panic13PanicHookInfoL0_EEE"
          + "p6OutputuNtNtB4_6marker4SyncNtB2N_4SendEL_EEB1T_",
      "_RNvMs3_NtCslNYArtu3iFV_5alloc7raw_vecINtB5_6RawVecTOhFUKCBN_EuENtNtCsjrHSEGnQ3l9_3std5"
          + "alloc6SystemE8grow_oneB13_.cold",
      "_RNvXs5r_NtNtCshg5UprtI8ZK_4jiff4util8rangeintINtB6_4ri32Knn6f7524_Kn6f7524_ENtNtCsgEmf"
          + "K2I1SDS_4core3fmt7Display3fmtBa_",
      "_RNvNtNtCsjPXaAZKnp9X_8closuresu10berall_2yau10hxargifdaru3wxa",
      "_RIC0KVNtC3foo3BarS1sRe616263_2chc78_5sliceRAh1_h2_h3_EEE",
      "_RMC0TTTTTTpB8_EB7_EB6_EB5_EB4_EB3_E",
      "_ZN102_$LT$core..iter..adapters..map..Map$LT$I$C$F$GT$$u20$as$u20$core..iter..traits.."
          + "iterator..Iterator$GT$4next17h0c11cb01280e74b1E.llvm.9521570508038117910",
      "_ZN4core3ops8function6FnOnce40call_once$u7b$$u7b$vtable.shim$u7d$$u7d$"
          + "17h09f52f1024d0ab6aE");

  private static void checkBounded(String s) {
    long t0 = System.nanoTime();
    for (RustStyle style : RustStyle.values()) {
      String out = RustDemangler.demangle(s, style, true);
      assertThat(out == null || out.length() <= RustV0.MAX_OUTPUT + s.length() + 8).isTrue();
    }
    assertThat(RustDemangler.demangle(s, DemangleOptions.nameOnly())).isNotNull();
    RustDemangler.looksLikeRust(s);
    assertThat(System.nanoTime() - t0).as(s).isLessThan(1_000_000_000L);
  }

  @Property(tries = 3000)
  void randomStringsNeverThrow(@ForAll("rustish") String s) {
    checkBounded(s);
  }

  @Property(tries = 3000)
  void mutatedRealNamesNeverThrow(@ForAll("mutated") String s) {
    checkBounded(s);
  }

  @Provide
  Arbitrary<String> rustish() {
    Arbitrary<String> body = Arbitraries.strings()
        .withChars("_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$.")
        .ofMaxLength(80);
    return Arbitraries.oneOf(body.map(b -> "_R" + b), body.map(b -> "_ZN" + b),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, 400);
    Arbitrary<Character> ch = Arbitraries.chars()
        .with("_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$.");
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
    return net.jqwik.api.Combinators.combine(seed, at, ch, kind).as((s, i, c, k) -> {
      int p = Math.min(i, s.length());
      switch (k) {
        case 0:
          return s.substring(0, p) + c + s.substring(p);
        case 1:
          return p < s.length() ? s.substring(0, p) + c + s.substring(p + 1) : s + c;
        case 2:
          return p < s.length() ? s.substring(0, p) + s.substring(p + 1) : s;
        default:
          return s.substring(0, p);
      }
    });
  }

  @Test
  void deepRecursionIsRejectedQuickly() {
    String deep = "_RIC0" + "R".repeat(100_000) + "B_E";
    String types = "_R" + "Y".repeat(50_000) + "C1a";
    String backrefs = "_RNvNvB1_1x1y";
    String tuples = "_RIC0" + "T".repeat(600) + "E".repeat(600) + "E";
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      for (String s : List.of(deep, types, backrefs, tuples)) {
        for (RustStyle style : RustStyle.values()) {
          assertThat(RustDemangler.demangle(s, style, true)).as(s).isNull();
        }
      }
    });
  }

  @Test
  void exponentialBackrefsAreBounded() {
    // Each tuple doubles the previous one: 2^40 leaves without the output limit.
    StringBuilder sb = new StringBuilder("_RMC0");
    int tuples = 40;
    sb.append("T".repeat(tuples)).append("pp");
    // Offsets (after "_R") of the inner tuples, innermost first, referenced by backrefs.
    StringBuilder tail = new StringBuilder();
    for (int i = tuples - 1; i >= 1; i--) {
      int offset = 3 + i; // "MC0" + i 'T's: where tuple i starts
      tail.append('B').append(base62(offset)).append('E');
    }
    sb.append('E').append(tail);
    String name = sb.toString();
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      for (RustStyle style : RustStyle.values()) {
        String out = RustDemangler.demangle(name, style, true);
        assertThat(out == null || out.length() <= RustV0.MAX_OUTPUT).isTrue();
      }
    });
  }

  private static String base62(int n) {
    String digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (n == 0) {
      return "_";
    }
    n -= 1;
    StringBuilder sb = new StringBuilder();
    do {
      sb.insert(0, digits.charAt(n % 62));
      n /= 62;
    } while (n > 0);
    return sb.append('_').toString();
  }

  @Test
  void fastOnRealNames() {
    List<String[]> rows = DemangleCorpus.rows("rust-real.tsv");
    // Warm up, then measure.
    for (int i = 0; i < 3; i++) {
      for (String[] row : rows) {
        Demangler.demangle(row[0]);
      }
    }
    long t0 = System.nanoTime();
    int rounds = 5;
    for (int i = 0; i < rounds; i++) {
      for (String[] row : rows) {
        Demangler.demangle(row[0]);
      }
    }
    double micros = (System.nanoTime() - t0) / 1000.0 / (rounds * rows.size());
    System.out.printf("rust-real: %.2f µs per name (%d names)%n", micros, rows.size());
    assertThat(micros).isLessThan(200.0);
  }
}
