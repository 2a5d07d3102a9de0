package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The Itanium demangler never throws, and its time and output stay bounded, on any input:
 * random strings, mutations of real names, and the pathological shapes found by fuzzing LLVM's
 * demangler (deep nesting, self-referential template parameters, huge pack expansions).
 */
class ItaniumRobustnessTest {
  private static final List<String> SEEDS = List.of(
      "_ZN4llvm12function_refIFvvEE11callback_fnIZN12_GLOBAL__N_14Test3runEvEUlvE_EEvl",
      "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEC2EPKcRKS3_",
      "_ZZN4llvm3foo3barEvENKUlT_E_clIiEEDaS2_",
      "_Z1fIJidEEvDpT_",
      "_ZN1A1fIiEEDTcldtfpT1gIT_EEEv",
      "_Z1fIiEvDTfLplfp_fp_E",
      "_ZThn8_N1B1fEv",
      "_ZTCN1D1BE8_1C",
      "_ZNK1A1fEv.cold",
      "___Z1fv_block_invoke_2",
      "_ZN1XIiE1fEvQ1CIT_E",
      "_ZZ1fvENUlTyT_E_clIiEEDaS0_",
      "_Z1fILd400921fb54442d18EEvv",
      "_ZN1AcvT_IiEEv",
      "_Z1fIXadL_ZN1A1xEEEEvv");

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$.";

  private static void checkBounded(String s) {
    long t0 = System.nanoTime();
    for (DemangleOptions o : List.of(DemangleOptions.complete(), DemangleOptions.nameOnly())) {
      Optional<String> r = ItaniumDemangler.demangle(s, o);
      assertThat(r).isNotNull();
      r.ifPresent(out -> assertThat(out.length()).isLessThanOrEqualTo(ItaniumPrinter.MAX_OUTPUT));
    }
    ItaniumDemangler.looksLikeItanium(s);
    assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
  }

  @Provide
  Arbitrary<String> randomNames() {
    Arbitrary<String> body = Arbitraries.strings().withChars(ALPHABET.toCharArray())
        .ofMinLength(0).ofMaxLength(80);
    return Combinators.combine(Arbitraries.of("_Z", "__Z", "___Z", "_ZN", "_ZZ", "_ZT", "_ZGV", ""),
        body).as((p, b) -> p + b);
  }

  @Property(tries = 3000)
  void randomStringsNeverThrow(@ForAll("randomNames") String s) {
    checkBounded(s);
  }

  @Property(tries = 500)
  void anyUnicodeNeverThrows(@ForAll String s) {
    checkBounded(s);
    checkBounded("_Z" + s);
  }

  @Provide
  Arbitrary<String> mutatedNames() {
    return NameMutations.of(SEEDS, ALPHABET);
  }

  @Property(tries = 3000)
  void mutatedRealNamesNeverThrow(@ForAll("mutatedNames") String s) {
    checkBounded(s);
  }

  @Test
  void adversarialInputsReturnQuickly() {
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      checkBounded("_Z1f" + "P".repeat(100_000) + "i");
      checkBounded("_Z1f" + "N1a".repeat(5_000) + "E".repeat(5_000) + "v");
      checkBounded("_Z1f" + "1aI".repeat(3_000) + "i" + "E".repeat(3_000) + "v");
      checkBounded("_Z" + "S_".repeat(10_000));
      checkBounded("_ZN1AcvT_IT_EEv");
      checkBounded("_Z1fIcvT_EvS0_");
      checkBounded("_Z1fIJ" + "i".repeat(5_000) + "EEvDpPT_DpPT_DpPT_");
      checkBounded("_Z1fIJ" + "i".repeat(300) + "EEvDpFvDpFvDpT_EE");
      checkBounded("_Z1fIiEvTL99999999999999999999_T_");
      checkBounded("_Z99999999999999999999999x");
      // Each parameter doubles the printed size of the previous one: must hit the budget.
      StringBuilder expo = new StringBuilder("_Z1fPi");
      for (int i = 0; i < 60; i++) {
        String sub = "S" + (i == 0 ? "" : Integer.toString(i - 1, 36).toUpperCase()) + "_";
        expo.append("Fv").append(sub).append(sub).append('E');
      }
      checkBounded(expo.toString());
      assertThat(ItaniumDemangler.demangle(expo.toString(), DemangleOptions.complete())).isEmpty();
    });
  }

  @Test
  void deepButReasonableNamesStillDemangle() {
    String name = "_Z1f" + "P".repeat(300) + "i";
    assertThat(ItaniumDemangler.demangle(name, DemangleOptions.complete()))
        .contains("f(int" + "*".repeat(300) + ")");
  }

  @Test
  void isThreadSafe() throws Exception {
    Thread[] threads = new Thread[4];
    String[] failures = new String[threads.length];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 2_000; i++) {
          for (String s : SEEDS) {
            Optional<String> a = ItaniumDemangler.demangle(s, DemangleOptions.complete());
            Optional<String> b = ItaniumDemangler.demangle(s, DemangleOptions.complete());
            if (!a.equals(b)) {
              failures[id] = s;
            }
          }
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).containsOnlyNulls();
  }
}
