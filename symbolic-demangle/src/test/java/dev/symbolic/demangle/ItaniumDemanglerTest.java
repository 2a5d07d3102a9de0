package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One or more names per grammar feature, with the exact output of {@code llvm-cxxfilt-19}
 * (null: the tool leaves the name alone). Covers builtin and vendor types, qualifiers,
 * references and reference collapsing, arrays, functions and pointers to members, nested and
 * local names, substitutions and the {@code std::string} abbreviations, templates and packs,
 * expressions in template arguments and decltype, fold expressions, literals (integer, bool,
 * float, double, x87 long double, nullptr), lambdas and unnamed types, ABI tags, special
 * names and thunks, clone suffixes, block invocations, modules, constraints and requires.
 */
class ItaniumDemanglerTest {

  private static final String[][] CASES = {
      {"_Z1fA2_A3_i", "f(int [2][3])"},
      {"_Z1fB5cxx11v", "f[abi:cxx11]()"},
      {"_Z1fCd", "f(double complex)"},
      {"_Z1fDB8_", "f(_BitInt(8))"},
      {"_Z1fDF16_", "f(_Float16)"},
      {"_Z1fDF16b", null},
      {"_Z1fDd", "f(decimal64)"},
      {"_Z1fDe", "f(decimal128)"},
      {"_Z1fDf", "f(decimal32)"},
      {"_Z1fDh", "f(half)"},
      {"_Z1fDi", "f(char32_t)"},
      {"_Z1fDk1C", "f(C auto)"},
      {"_Z1fDn", "f(std::nullptr_t)"},
      {"_Z1fDs", "f(char16_t)"},
      {"_Z1fDu", "f(char8_t)"},
      {"_Z1fDv4_f", "f(float vector[4])"},
      {"_Z1fGd", "f(double imaginary)"},
      {"_Z1fIDaEvv", "void f<auto>()"},
      {"_Z1fIDcEvv", "void f<decltype(auto)>()"},
      {"_Z1fIJEEvDpT_", "void f<>()"},
      {"_Z1fIJiEEvDTfrmlfp_E", "void f<int>(decltype(((fp...) * ...)))"},
      {"_Z1fIJicEEvDpRKT_", "void f<int, char>(int const&, char const&)"},
      {"_Z1fIJidEEvDpT_", "void f<int, double>(int, double)"},
      {"_Z1fIL4EnumLin1EEEvv", null},
      {"_Z1fILDnEEvv", "void f<nullptr>()"},
      {"_Z1fIL_Z1xEEvv", "void f<x>()"},
      {"_Z1fILb1EEvv", "void f<true>()"},
      {"_Z1fILd0000000000000001EEvv", "void f<0x0.0000000000001p-1022>()"},
      {"_Z1fILd400921fb54442d18EEvv", "void f<0x1.921fb54442d18p+1>()"},
      {"_Z1fILd7ff8000000000000EEvv", "void f<nan>()"},
      {"_Z1fILd8000000000000000EEvv", "void f<-0x0p+0>()"},
      {"_Z1fILe00000000000000000000000000000001EEvv", null},
      {"_Z1fILe0000000000003fff8000000000000000EEvv", null},
      {"_Z1fILf00000000EEvv", "void f<0x0p+0f>()"},
      {"_Z1fILf40490fdbEEvv", "void f<0x1.921fb6p+1f>()"},
      {"_Z1fILfbf800000EEvv", "void f<-0x1p+0f>()"},
      {"_Z1fILin5EEvv", "void f<-5>()"},
      {"_Z1fITk1CiEvv", "void f<int>()"},
      {"_Z1fIXadL_Z1gvEEEvv", "void f<&g()>()"},
      {"_Z1fIXadL_Z1xEEEvv", "void f<&x>()"},
      {"_Z1fIXadL_ZN1A1xEEEEvv", "void f<&A::x>()"},
      {"_Z1fIXtl1ALi1ELi2EEEEvv", "void f<A{1, 2}>()"},
      {"_Z1fIXtlA3_cLc65ELc66ELc0EEEEvv", "void f<char [3]{(char)65, (char)66, (char)0}>()"},
      {"_Z1fIiEDTcmfp_fp_ET_", "decltype(fp, fp) f<int>(int)"},
      {"_Z1fIiEvDTatT_E", "void f<int>(decltype(alignof (int)))"},
      {"_Z1fIiEvDTazfp_E", "void f<int>(decltype(alignof (fp)))"},
      {"_Z1fIiEvDTccPT_fp_E", "void f<int>(decltype(const_cast<int*>(fp)))"},
      {"_Z1fIiEvDTclL_Z1gEfp_EE", "void f<int>(decltype(g(fp)))"},
      {"_Z1fIiEvDTcvT__fp_fp_EE", "void f<int>(decltype((int)(fp, fp)))"},
      {"_Z1fIiEvDTcvT_fp_E", "void f<int>(decltype((int)(fp)))"},
      {"_Z1fIiEvDTdcPT_fp_E", "void f<int>(decltype(dynamic_cast<int*>(fp)))"},
      {"_Z1fIiEvDTdlfp_E", "void f<int>(decltype(delete fp))"},
      {"_Z1fIiEvDTdsfp_fp_E", "void f<int>(decltype(fp.*fp))"},
      {"_Z1fIiEvDTfLplfp_fp_E", "void f<int>(decltype((fp + ... + (fp...))))"},
      {"_Z1fIiEvDTfR_plfp_Li0EE", null},
      {"_Z1fIiEvDTfl_plfp_E", null},
      {"_Z1fIiEvDTgsdafp_E", "void f<int>(decltype(::delete[] fp))"},
      {"_Z1fIiEvDTgssr1A1BE1xE", "void f<int>(decltype(::A::B::x))"},
      {"_Z1fIiEvDTilLi1ELi2EEE", "void f<int>(decltype({1, 2}))"},
      {"_Z1fIiEvDTixfp_Li0EE", "void f<int>(decltype(fp[0]))"},
      {"_Z1fIiEvDTmcM1AiLi0EEE", "void f<int>(decltype((int A::*)(0)))"},
      {"_Z1fIiEvDTntfp_E", "void f<int>(decltype(!fp))"},
      {"_Z1fIiEvDTnw_T_EE", "void f<int>(decltype(new int))"},
      {"_Z1fIiEvDTnw_T_piLi1EEE", "void f<int>(decltype(new int(1)))"},
      {"_Z1fIiEvDTnxfp_E", "void f<int>(decltype(noexcept (fp)))"},
      {"_Z1fIiEvDTpp_fp_E", "void f<int>(decltype(++fp))"},
      {"_Z1fIiEvDTppfp_E", "void f<int>(decltype(fp++))"},
      {"_Z1fIiEvDTptfp_1xE", "void f<int>(decltype(fp->x))"},
      {"_Z1fIiEvDTquLb1ELi1ELi2EE", "void f<int>(decltype(true ? 1 : 2))"},
      {"_Z1fIiEvDTrcPT_fp_E", "void f<int>(decltype(reinterpret_cast<int*>(fp)))"},
      {"_Z1fIiEvDTsPiiEE", "void f<int>(decltype(sizeof... (int, int)))"},
      {"_Z1fIiEvDTsZT_E", "void f<int>(decltype(sizeof...(int...)))"},
      {"_Z1fIiEvDTscT_fp_E", "void f<int>(decltype(static_cast<int>(fp)))"},
      {"_Z1fIiEvDTsoiLi0EEE", "void f<int>(decltype(0.<int at offset 0>))"},
      {"_Z1fIiEvDTsrNT_1AE1xE", "void f<int>(decltype(int::A::x))"},
      {"_Z1fIiEvDTsrT_1xE", "void f<int>(decltype(int::x))"},
      {"_Z1fIiEvDTstT_E", "void f<int>(decltype(sizeof (int)))"},
      {"_Z1fIiEvDTszfp_E", "void f<int>(decltype(sizeof (fp)))"},
      {"_Z1fIiEvDTtefp_E", "void f<int>(decltype(typeid (fp)))"},
      {"_Z1fIiEvDTtiT_E", "void f<int>(decltype(typeid (int)))"},
      {"_Z1fIiEvDTtlT_Li1EEE", "void f<int>(decltype(int{1}))"},
      {"_Z1fIiEvDTtrE", "void f<int>(decltype(throw))"},
      {"_Z1fIiEvDTtwfp_E", "void f<int>(decltype(throw fp))"},
      {"_Z1fIiEvDTu8__uuidoftT_E", "void f<int>(decltype(__uuidof(int)))"},
      {"_Z1fIiEvPDtfp_E", "void f<int>(decltype(fp)*)"},
      {"_Z1fIiEvPFT_vE", "void f<int>(int (*)())"},
      {"_Z1fIiEvRAstT__i", "void f<int>(int (&) [sizeof (int)])"},
      {"_Z1fIiEvT_DTgtfp_fp_E", "void f<int>(int, decltype(fp > fp))"},
      {"_Z1fIiEvT_Q1CIS0_E", "void f<int>(int) requires C<int>"},
      {"_Z1fIiEvT_S0_", "void f<int>(int, int)"},
      {"_Z1fIiEvu11__remove_cvIT_E", "void f<int>(__remove_cv(int))"},
      {"_Z1fIiEvv.cold.1", "void f<int>() (.cold.1)"},
      {"_Z1fIiJdfEEvDpOT0_", "void f<int, double, float>(double&&, float&&)"},
      {"_Z1fIiQ1CIT_EEvv", "void f<int>()"},
      {"_Z1fM1AFivE", "f(int (A::*)())"},
      {"_Z1fM1AFvvOE", "f(void (A::*)() &&)"},
      {"_Z1fM1AKFivE", "f(int (A::*)() const)"},
      {"_Z1fM1AKFvvRE", "f(void (A::*)() const &)"},
      {"_Z1fOO1A", "f(A&&)"},
      {"_Z1fOR1A", "f(A&)"},
      {"_Z1fPA10_i", "f(int (*) [10])"},
      {"_Z1fPA2_A3_i", "f(int (*) [2][3])"},
      {"_Z1fPDOLb1EEFvvE", "f(void (*)() noexcept(true))"},
      {"_Z1fPDoFvvE", "f(void (*)() noexcept)"},
      {"_Z1fPDwiEFvvE", "f(void (*)() throw(int))"},
      {"_Z1fPFPFivEvE", "f(int (* (*)())())"},
      {"_Z1fPFRA3_ivE", "f(int (& (*)()) [3])"},
      {"_Z1fPFivE", "f(int (*)())"},
      {"_Z1fPKcz", "f(char const*, ...)"},
      {"_Z1fPU10__restricti", "f(int __restrict*)"},
      {"_Z1fPU3AS1i", "f(int AS1*)"},
      {"_Z1fPVKi", "f(int const volatile*)"},
      {"_Z1fRA10_KPFivE", "f(int (* const (&) [10])())"},
      {"_Z1fRA2_A3_i", "f(int (&) [2][3])"},
      {"_Z1fRA_i", "f(int (&) [])"},
      {"_Z1fRKO1A", "f(A&& const&)"},
      {"_Z1fRR1A", "f(A&)"},
      {"_Z1fSaIcE", "f(std::allocator<char>)"},
      {"_Z1fSsSiSoSdSaSb", "f(std::string, std::istream, std::ostream, std::iostream, std::allocator, std::basic_string)"},
      {"_Z1fU7_Atomici", "f(int _Atomic)"},
      {"_Z1fU8__vectori", "f(int __vector)"},
      {"_Z1fe", "f(long double)"},
      {"_Z1fg", "f(__float128)"},
      {"_Z1fn", "f(__int128)"},
      {"_Z1fo", "f(unsigned __int128)"},
      {"_Z1frPi", "f(int* restrict)"},
      {"_Z1fv.isra.0", "f() (.isra.0)"},
      {"_Z1fv.part.0.cold", "f() (.part.0.cold)"},
      {"_Z1fw", "f(wchar_t)"},
      {"_Z1gIiEvv", "void g<int>()"},
      {"_Z3fooILi3EEvRAplT_Li1E_i", "void foo<3>(int (&) [3 + 1])"},
      {"_ZDC1a1bE", "[a, b]"},
      {"_ZGI1m", null},
      {"_ZGIW1m", "initializer for module m"},
      {"_ZGR1x_", "reference temporary for x"},
      {"_ZGVZ4mainE1x", "guard variable for main::x"},
      {"_ZGVZN1A1fEvE1x", "guard variable for A::f()::x"},
      {"_ZL5Argv0.0", "Argv0 (.0)"},
      {"_ZN12_GLOBAL__N_11fEv", "(anonymous namespace)::f()"},
      {"_ZN1A1BIiEC2Ev", "A::B<int>::B()"},
      {"_ZN1A1fIJiEEEvDpOT_", "void A::f<int>(int&&)"},
      {"_ZN1A1fIRiEEvOT_", "void A::f<int&>(int&)"},
      {"_ZN1A1fIiEEDTcldtfpT1gIT_EEEv", "decltype(this.g<int>()) A::f<int>()"},
      {"_ZN1AB5cxx11C1Ev", "A[abi:cxx11]::A()"},
      {"_ZN1AC4Ev", "A::A()"},
      {"_ZN1AC5Ev", "A::A()"},
      {"_ZN1ACI1BEi", null},
      {"_ZN1AD4Ev", "A::~A()"},
      {"_ZN1AD5Ev", "A::~A()"},
      {"_ZN1AF1fEv", "A::friend f()"},
      {"_ZN1AIXLUlvE_EEE1fEv", "A<[](){...}>::f()"},
      {"_ZN1AIXgtLi1ELi2EEE1fEv", "A<(1 > 2)>::f()"},
      {"_ZN1AIiE1fEv", "A<int>::f()"},
      {"_ZN1AUt0_E", "A::'unnamed0'"},
      {"_ZN1AUt_E", "A::'unnamed'"},
      {"_ZN1AaSERKS_", "A::operator=(A const&)"},
      {"_ZN1AawEv", "A::operator co_await()"},
      {"_ZN1AclEv", "A::operator()()"},
      {"_ZN1AcvT_IiEEv", "A::operator int<int>()"},
      {"_ZN1AcviEv", "A::operator int()"},
      {"_ZN1AdaEPv", "A::operator delete[](void*)"},
      {"_ZN1AdlEPv", "A::operator delete(void*)"},
      {"_ZN1AixEi", "A::operator[](int)"},
      {"_ZN1AnaEm", "A::operator new[](unsigned long)"},
      {"_ZN1AnwEm", "A::operator new(unsigned long)"},
      {"_ZN1AptEv", "A::operator->()"},
      {"_ZN1AssERKS_", "A::operator<=>(A const&)"},
      {"_ZN1S1fEDtdtfpT1xE", "S::f(decltype(this.x))"},
      {"_ZN1XIiE1fEvQ1CIT_E", "X<int>::f() requires C<T>"},
      {"_ZN1XcvPT_IiEEv", "X::operator int*<int>()"},
      {"_ZN4llvm12function_refIFvvEE11callback_fnIZN12_GLOBAL__N_14Test3runEvEUlvE_EEvl", "void llvm::function_ref<void ()>::callback_fn<(anonymous namespace)::Test::run()::'lambda'()>(long)"},
      {"_ZN4llvm2cl3optIbLb0ENS0_6parserIbEEED0Ev.llvm.12345", "llvm::cl::opt<bool, false, llvm::cl::parser<bool>>::~opt() (.llvm.12345)"},
      {"_ZN5Outer5InnerIiE1fIcEEvv", "void Outer::Inner<int>::f<char>()"},
      {"_ZN5boost6detail17sp_counted_impl_pIN4llvm3FooEED0Ev", "boost::detail::sp_counted_impl_p<llvm::Foo>::~sp_counted_impl_p()"},
      {"_ZN9__gnu_cxx13new_allocatorIcE8allocateEmPKv", "__gnu_cxx::new_allocator<char>::allocate(unsigned long, void const*)"},
      {"_ZNH1A1fEOS_", "A::f(this A&&)"},
      {"_ZNK1A1fB5cxx11Ev", "A::f[abi:cxx11]() const"},
      {"_ZNK1A1fEv.cold", "A::f() const (.cold)"},
      {"_ZNKO1A1fEv", "A::f() const &&"},
      {"_ZNKR1A1fEv", "A::f() const &"},
      {"_ZNKSt5ctypeIcE8do_widenEc", "std::ctype<char>::do_widen(char) const"},
      {"_ZNKSt6vectorIiSaIiEE4sizeEv", "std::vector<int, std::allocator<int>>::size() const"},
      {"_ZNSaIcED1Ev", "std::allocator<char>::~allocator()"},
      {"_ZNSbIwSt11char_traitsIwESaIwEEC1Ev", "std::basic_string<wchar_t, std::char_traits<wchar_t>, std::allocator<wchar_t>>::basic_string()"},
      {"_ZNSdD0Ev", "std::basic_iostream<char, std::char_traits<char>>::~basic_iostream()"},
      {"_ZNSiD1Ev", "std::basic_istream<char, std::char_traits<char>>::~basic_istream()"},
      {"_ZNSoD1Ev", "std::basic_ostream<char, std::char_traits<char>>::~basic_ostream()"},
      {"_ZNSs4_Rep10_M_destroyERKSaIcE", "std::string::_Rep::_M_destroy(std::allocator<char> const&)"},
      {"_ZNSsC1Ev", "std::basic_string<char, std::char_traits<char>, std::allocator<char>>::basic_string()"},
      {"_ZNSt3__112basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEE6appendEPKc", "std::__1::basic_string<char, std::__1::char_traits<char>, std::__1::allocator<char>>::append(char const*)"},
      {"_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEC2EPKcRKS3_", "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>::basic_string(char const*, std::allocator<char> const&)"},
      {"_ZNSt8ios_base4InitC1Ev", "std::ios_base::Init::Init()"},
      {"_ZNSt9exceptionD2Ev", "std::exception::~exception()"},
      {"_ZSt4cout", "std::cout"},
      {"_ZSt4moveIRSt6vectorIiSaIiEEEONSt16remove_referenceIT_E4typeEOS5_", "std::remove_reference<std::vector<int, std::allocator<int>>&>::type&& std::move<std::vector<int, std::allocator<int>>&>(std::vector<int, std::allocator<int>>&)"},
      {"_ZSt9terminatev", "std::terminate()"},
      {"_ZStlsISt11char_traitsIcEERSt13basic_ostreamIcT_ES5_PKc", "std::basic_ostream<char, std::char_traits<char>>& std::operator<<<std::char_traits<char>>(std::basic_ostream<char, std::char_traits<char>>&, char const*)"},
      {"_ZTA", null},
      {"_ZTAXtl1AEE", "template parameter object for A{}"},
      {"_ZTCN1D1BE8_1C", "construction vtable for C-in-D::B"},
      {"_ZTHN1A1xE", "thread-local initialization routine for A::x"},
      {"_ZTI1A", "typeinfo for A"},
      {"_ZTS1A", "typeinfo name for A"},
      {"_ZTT1A", "VTT for A"},
      {"_ZTVN10__cxxabiv117__class_type_infoE", "vtable for __cxxabiv1::__class_type_info"},
      {"_ZTW1x", "thread-local wrapper routine for x"},
      {"_ZTWN1A1xE", "thread-local wrapper routine for A::x"},
      {"_ZTch0_h8_N1A1fEv", "covariant return thunk to A::f()"},
      {"_ZThn8_N1B1fEv", "non-virtual thunk to B::f()"},
      {"_ZTv0_n24_N1B1fEv", "virtual thunk to B::f()"},
      {"_ZTv0_n24_NK1A1fEv", "virtual thunk to A::f() const"},
      {"_ZW3foo1fv", "f@foo()"},
      {"_ZZ1fvENUlTyT_E_clIiEEDaS0_", "auto f()::'lambda'<typename $T>($T)::operator()<int>('lambda'<typename $T>($T))"},
      {"_ZZ1fvEs", "f()::string literal"},
      {"_ZZ1fvEs_0", "f()::string literal"},
      {"_ZZ4mainENKUlvE0_clEv", "main::'lambda0'()::operator()() const"},
      {"_ZZ4mainENKUlvE_clEv", "main::'lambda'()::operator()() const"},
      {"_ZZN1A1fEvE1x_0", "A::f()::x"},
      {"_ZZN1A1fEvE1x__12_", "A::f()::x"},
      {"_ZZN1A1fEvENK3$_0clEv", "A::f()::$_0::operator()() const"},
      {"_ZZN4llvm3foo3barEvENKUlT_E_clIiEEDaS2_", "auto llvm::foo::bar()::'lambda'(auto)::operator()<int>('lambda'(auto)) const"},
      {"_Zli2_xPKc", "operator\"\" _x(char const*)"},
      {"___Z1fv_block_invoke", "invocation function for block in f()"},
      {"___Z1fv_block_invoke_2", "invocation function for block in f()"},
  };

  static Stream<Arguments> cases() {
    return Stream.of(CASES).map(c -> Arguments.of(c[0], c[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesLlvmCxxfilt19(String mangled, String expected) {
    Optional<String> actual = ItaniumDemangler.demangle(mangled, DemangleOptions.complete());
    assertThat(actual.orElse(null)).isEqualTo(expected);
  }

  @Test
  void withoutParametersPrintsTheNameOnly() {
    assertThat(nameOnly("_ZN3foo3barEv")).isEqualTo("foo::bar");
    assertThat(nameOnly("_ZNK1A1fEv")).isEqualTo("A::f");
    assertThat(nameOnly("_Z1fIiEvT_")).isEqualTo("f<int>");
    assertThat(nameOnly("_ZNK1A1fEv.cold")).isEqualTo("A::f");
    assertThat(nameOnly("_ZL5Argv0.0")).isEqualTo("Argv0 (.0)");
    assertThat(nameOnly("_ZZZ3BBdI3FooEvvENK3Fob3FabEvENK3Gob3GabEv"))
        .isEqualTo("void BBd<Foo>()::Fob::Fab() const::Gob::Gab");
    assertThat(nameOnly("_ZTV1A")).isEqualTo("vtable for A");
    assertThat(nameOnly("___ZN1A1fEP1B_block_invoke_2"))
        .isEqualTo("invocation function for block in A::f");
    assertThat(nameOnly("_ZN12_GLOBAL__N_15startEv")).isEqualTo("(anonymous namespace)::start");
  }

  @Test
  void machOAndBlockPrefixes() {
    assertThat(complete("__ZN12_GLOBAL__N_15startEv")).isEqualTo("(anonymous namespace)::start()");
    assertThat(complete("___Z1fv_block_invoke")).isEqualTo("invocation function for block in f()");
    assertThat(complete("___Z1fv_block_invoke_")).isNull();
    assertThat(complete("_GLOBAL__sub_I_foo.cpp")).isNull();
    assertThat(complete("St9bad_alloc")).isNull();
    assertThat(complete("_ZGTtNKSt11logic_error4whatEv")).isNull();
    assertThat(complete("")).isNull();
    assertThat(complete("_Z")).isNull();
  }

  @Test
  void detection() {
    assertThat(ItaniumDemangler.looksLikeItanium("_Z1fv")).isTrue();
    assertThat(ItaniumDemangler.looksLikeItanium("__Z1fv")).isTrue();
    assertThat(ItaniumDemangler.looksLikeItanium("___Z1fv_block_invoke")).isTrue();
    assertThat(ItaniumDemangler.looksLikeItanium("_GLOBAL__sub_I_a.cc")).isTrue();
    assertThat(ItaniumDemangler.looksLikeItanium("_R1f")).isFalse();
    assertThat(ItaniumDemangler.looksLikeItanium("main")).isFalse();
    assertThat(ItaniumDemangler.looksLikeItanium("_____Z1fv")).isFalse();
    assertThat(ItaniumDemangler.looksLikeItanium("")).isFalse();
  }

  private static String complete(String m) {
    return ItaniumDemangler.demangle(m, DemangleOptions.complete()).orElse(null);
  }

  private static String nameOnly(String m) {
    return ItaniumDemangler.demangle(m, DemangleOptions.nameOnly()).orElse(null);
  }
}
