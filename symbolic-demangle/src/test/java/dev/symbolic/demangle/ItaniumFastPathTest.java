package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The one-pass printer for common Itanium names answers exactly what the full parser prints,
 * or nothing: on every corpus name, on mutations of real names and on random grammar soup.
 */
class ItaniumFastPathTest {
  /** Shapes of the subset and just outside it, for the properties when there is no corpus. */
  private static final List<String> SEEDS = List.of(
      "_ZN3foo3barEv",
      "_ZNK4llvm9StringRef4findEcm",
      "_ZNSt6vectorIiSaIiEE9push_backERKi",
      "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEC2EPKcRKS3_",
      "_Z3maxIiET_S0_S0_",
      "_ZN5boost6detail17sp_counted_impl_pINS_10filesystem6detail11dir_itr_impEE7disposeEv",
      "_ZThn8_N1B1fEv",
      "_ZTv0_n24_N1BD1Ev",
      "_ZTVN10__cxxabiv117__class_type_infoE",
      "_ZGVZ3foovE1x",
      "_ZN1AIiE1fIcEEvT_",
      "_Z3fooB5cxx11v",
      "_ZNK1A1fEv.cold",
      "_ZN1XIiLi5ELb1EE1fEv",
      "_Z1fIRiEvOT_",
      "_ZNSaIcEC1Ev",
      "_ZNSsC1Ev",
      "_ZN12_GLOBAL__N_13fooEv",
      "_ZplRK1AS1_",
      "_ZN1AD0Ev",
      "_ZL3barPFviE",
      "_ZZ1fvE1x",
      "_ZZN1A1fIiEEvT_E1x",
      "_Z1fISt5tupleIJidEES0_IJEEEvv",
      "_Z1fIL5Color2ELc65ELin3EEvv",
      "_Z1fIJidEEvDpT_",
      "_Z1fM1AFviEM1AKFvvEM1AiM1AA3_i",
      "_Z1fIiENSt9enable_ifIXntsr3stdE9is_same_vIT_cEEvE4typeEv",
      "_ZN4llvm15callDefaultCtorINS_9LegalizerETnNSt9enable_ifIXtlSt24is_default_constructibleIT_"
          + "EEEbE4typeELb1EEEPNS_4PassEv",
      "_Z1fPA10_iRA2_A3_iA2_PFvvE",
      "_Z1fA2_A_PA3_i",
      "_Z1fIJicEEviDpPKT_i",
      "_Z1fIJEEvDpRKT_",
      "_ZL3barPFviE",
      "_Z1fRKFvvES0_PS_",
      "_Z1fIFivEEvPKT_",
      "_ZN1A1fEPFRKiPFvvEE");

  private static final String ALPHABET = "NESIZTKVrPROLDCvcijlmsxy_0123456789abdfehnotwz.BAFJUMXpkY";

  private static List<String> names;

  private static String full(String mangled, boolean parameters) {
    return ItaniumDemangler.parse(mangled, parameters ? DemangleOptions.complete()
        : DemangleOptions.nameOnly()).orElse(null);
  }

  /** The fast path's answer, checked against the full parser's; null if it has none. */
  private static String check(String mangled) {
    String complete = null;
    for (boolean parameters : new boolean[] {true, false}) {
      String fast = ItaniumFastPath.demangle(mangled, parameters);
      if (fast != null) {
        assertThat(fast).as("%s (parameters: %s)", mangled, parameters)
            .isEqualTo(full(mangled, parameters));
      }
      if (parameters) {
        complete = fast;
      }
    }
    return complete;
  }

  @Test
  void printsTheCommonShapes() {
    assertThat(check("_ZN3foo3barEv")).isEqualTo("foo::bar()");
    assertThat(check("_ZNK4llvm9StringRef4findEcm"))
        .isEqualTo("llvm::StringRef::find(char, unsigned long) const");
    assertThat(check("_ZNSt6vectorIiSaIiEE9push_backERKi"))
        .isEqualTo("std::vector<int, std::allocator<int>>::push_back(int const&)");
    assertThat(check("_Z3maxIiET_S0_S0_")).isEqualTo("int max<int>(int, int)");
    assertThat(check("_ZN1AIiE1fIcEEvT_")).isEqualTo("void A<int>::f<char>(char)");
    assertThat(check("_ZNSaIcEC1Ev")).isEqualTo("std::allocator<char>::allocator()");
    assertThat(check("_Z3fooB5cxx11v")).isEqualTo("foo[abi:cxx11]()");
    assertThat(check("_ZN1XIiLi5ELb1EE1fEv")).isEqualTo("X<int, 5, true>::f()");
    assertThat(check("_ZN12_GLOBAL__N_13fooEv")).isEqualTo("(anonymous namespace)::foo()");
    assertThat(check("_ZN1AD0Ev")).isEqualTo("A::~A()");
    assertThat(check("_ZplRK1AS1_")).isEqualTo("operator+(A const&, A const&)");
    assertThat(check("_ZNK1A1fEv.cold")).isEqualTo("A::f() const (.cold)");
    assertThat(check("_ZThn8_N1B1fEv")).isEqualTo("non-virtual thunk to B::f()");
    assertThat(check("_ZThn8_N1A1fIiEEvv")).isEqualTo("non-virtual thunk to void A::f<int>()");
    assertThat(check("_ZTVN10__cxxabiv117__class_type_infoE"))
        .isEqualTo("vtable for __cxxabiv1::__class_type_info");
    assertThat(check("_ZZ1fvE1x")).isEqualTo("f()::x");
    assertThat(check("_ZZN1A1fIiEEvT_E1x")).isEqualTo("void A::f<int>(int)::x");
    assertThat(check("_ZGVZ1fvE1x_0")).isEqualTo("guard variable for f()::x");
    assertThat(check("_Z1fISt5tupleIJidEES0_IJEEEvv"))
        .isEqualTo("void f<std::tuple<int, double>, std::tuple<>>()");
    assertThat(check("_Z1fIL5Color2ELc65ELin3EEvv"))
        .isEqualTo("void f<(Color)2, (char)65, -3>()");
    assertThat(check("_Z3f?ov")).isEqualTo("f?o()");
    assertThat(check("_ZL3barPFviE")).isEqualTo("bar(void (*)(int))");
    assertThat(check("_Z1fIXadL_Z1gvEEEvv")).isEqualTo("void f<&g()>()");
    assertThat(check("_Z1fM1AFviEM1AKFvvEM1AiM1AA3_i"))
        .isEqualTo("f(void (A::*)(int), void (A::*)() const, int A::*, int(A::*) [3])");
    // The expressions of enable_if conditions.
    assertThat(check("_Z1fIiENSt9enable_ifIXntsr3stdE9is_same_vIT_cEEvE4typeEv"))
        .isEqualTo("std::enable_if<!std::is_same_v<int, char>, void>::type f<int>()");
    assertThat(check("_ZN4llvm15callDefaultCtorINS_9LegalizerETnNSt9enable_ifIXtlSt24is_default_"
        + "constructibleIT_EEEbE4typeELb1EEEPNS_4PassEv"))
        .isEqualTo("llvm::Pass* llvm::callDefaultCtor<llvm::Legalizer, true>()");
    assertThat(check("_Z1fI1AENSt9enable_ifIXsr1BIT_EE5valueEvE4typeEv"))
        .isEqualTo("std::enable_if<B<A>::value, void>::type f<A>()");
    assertThat(check("_Z1fIJidEEvDpT_")).isEqualTo("void f<int, double>(int, double)");
    assertThat(check("_Z1fPA10_iRA2_A3_iA2_PFvvE"))
        .isEqualTo("f(int (*) [10], int (&) [2][3], void (* [2])())");
    // References to references collapse.
    assertThat(check("_Z1fIJiRdEEvDpOT_")).isEqualTo("void f<int, double&>(int&&, double&)");
    assertThat(check("_Z1fIRiEvOT_")).isEqualTo("void f<int&>(int&)");
    assertThat(check("_Z1fIOiEvRT_")).isEqualTo("void f<int&&>(int&)");
    assertThat(check("_Z1fIJEEvDpRKT_")).isEqualTo("void f<>()");
    assertThat(check("_Z1fIJicEEviDpPKT_i"))
        .isEqualTo("void f<int, char>(int, int const*, char const*, int)");
    assertThat(check("_Z1fRKFvvES0_PS_"))
        .isEqualTo("f(void (&)() const, void (&)() const, void (*)() const)");
    // LLVM's own spacing for a qualified function type.
    assertThat(check("_Z1fIFivEEvPKT_")).isEqualTo("void f<int ()>(int  const(*)())");
    assertThat(ItaniumFastPath.demangle("_ZNK1A1fEv.cold", false)).isEqualTo("A::f");
    assertThat(ItaniumFastPath.demangle("_Z3maxIiET_S0_S0_", false)).isEqualTo("max<int>");
  }

  @Test
  void leavesEverythingElseToTheFullParser() {
    // A constructor of Ss spells the string out.
    assertThat(check("_ZNSsC1Ev")).isNull();
    // Conversion operators, expansions of function types, expressions, malformed input and
    // text beyond ASCII.
    assertThat(check("_Z1fIJidEEvDpPFvT_E")).isNull();
    assertThat(check("_Z1fIXplLi1ELi2EEEvv")).isNull();
    assertThat(check("_ZNK1A1BcvPT_IiEEv")).isNull();
    assertThat(check("_ZN3fooE3")).isNull();
    assertThat(check("_Z3f\u00e9ov")).isNull();
    assertThat(check("_Z3f\u0100ov")).isNull();
    assertThat(ItaniumDemangler.demangle("_Z3f\u0100ov", DemangleOptions.complete()))
        .contains("f\u0100o()");
  }

  @Test
  void corpusNamesMatchTheFullParser() {
    Path dir = DemangleCorpus.dir();
    for (String file : List.of("itanium-real.tsv", "libiberty-suite.tsv",
        "cpp_demangle-suite.tsv", "symbolic-suite.tsv")) {
      if (!Files.exists(dir.resolve(file))) {
        continue;
      }
      int rows = 0;
      int answered = 0;
      for (String[] row : DemangleCorpus.rows(file)) {
        rows++;
        if (check(row[0]) != null) {
          answered++;
        }
      }
      if (file.equals("itanium-real.tsv")) {
        // 99 % of real names take the one-pass printer; fewer would mean it lost a shape.
        assertThat(answered).as(file).isGreaterThan(rows * 98 / 100);
      }
    }
  }

  @Provide
  Arbitrary<String> mutatedNames() {
    return NameMutations.of(realNames(), ALPHABET);
  }

  @Property(tries = 20000)
  void mutatedRealNamesMatchTheFullParser(@ForAll("mutatedNames") String s) {
    check(s);
  }

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(0)
        .ofMaxLength(40).map(b -> "_Z" + b);
  }

  @Property(tries = 20000)
  void grammarSoupMatchesTheFullParser(@ForAll("soup") String s) {
    check(s);
  }

  /** Real names of the corpus when it is there, else the seeds. */
  private static synchronized List<String> realNames() {
    if (names == null) {
      List<String> list = new ArrayList<>(SEEDS);
      Path dir = Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"))
          .resolve("demangle").resolve("itanium-real.tsv");
      if (Files.exists(dir)) {
        try {
          for (String line : Files.readAllLines(dir)) {
            if (!line.startsWith("#")) {
              list.add(line.substring(0, line.indexOf('\t')));
            }
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      names = List.copyOf(list);
    }
    return names;
  }
}
