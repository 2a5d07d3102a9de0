package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MSVC demangler, feature by feature. Every expected value below is what llvm-undname 19
 * (Debian 19.1.7) prints; {@code -} marks names it rejects or prints unchanged (MD5 names), for
 * which the demangler gives an empty result.
 */
class MsvcDemanglerTest {
  /** mangled TAB llvm-undname-19 output (or {@code -}). */
  private static final String CASES = """
      ?x@@3HA	int x
      ?x@ns@@3HA	int ns::x
      ?x@Foo@ns@@2HA	public: static int ns::Foo::x
      ?x@Foo@@0HB	private: static int const Foo::x
      ?x@Foo@@1PEBDEB	protected: static char const *Foo::x
      ?f@@YAXXZ	void __cdecl f(void)
      ?f@@YGXXZ	void __stdcall f(void)
      ?f@@YIXXZ	void __fastcall f(void)
      ?f@@YQXXZ	void __vectorcall f(void)
      ?f@@YMXXZ	void __clrcall f(void)
      ?f@@YSXXZ	void __attribute__((__swiftcall__)) f(void)
      ?f@@YWXXZ	void __attribute__((__swiftasynccall__)) f(void)
      ?f@Foo@@QAEXXZ	public: void __thiscall Foo::f(void)
      ?f@Foo@@AEAAXXZ	private: void __cdecl Foo::f(void)
      ?f@Foo@@IEAAXXZ	protected: void __cdecl Foo::f(void)
      ?f@Foo@@SAXXZ	public: static void __cdecl Foo::f(void)
      ?f@Foo@@UEAAXXZ	public: virtual void __cdecl Foo::f(void)
      ?f@Foo@@QEBAXXZ	public: void __cdecl Foo::f(void) const
      ?f@Foo@@QEIAAXXZ	public: void __cdecl Foo::f(void) __restrict
      ?f@Foo@@QEGAAXXZ	public: void __cdecl Foo::f(void) &
      ?f@Foo@@QEHAAXXZ	public: void __cdecl Foo::f(void) &&
      ?f@@YAXZZ	void __cdecl f(...)
      ?f@@YAXHZZ	void __cdecl f(int, ...)
      ?f@@YAXXZ_E	void __cdecl f(void)
      ?f@@YAXDCEFGHIJKMNO@Z	void __cdecl f(char, signed char, unsigned char, short, unsigned short, int, unsigned int, long, unsigned long, float, double, long double)
      ?f@@YAX_N_J_K_W_Q_S_U@Z	void __cdecl f(bool, __int64, unsigned __int64, wchar_t, char8_t, char16_t, char32_t)
      ?f@@YAX$$T@Z	void __cdecl f(std::nullptr_t)
      ?f@@YAXPAH@Z	void __cdecl f(int *)
      ?f@@YAXPEAH@Z	void __cdecl f(int *)
      ?f@@YAXPEBH@Z	void __cdecl f(int const *)
      ?f@@YAXQEAH@Z	void __cdecl f(int *const)
      ?f@@YAXAEAH@Z	void __cdecl f(int &)
      ?f@@YAX$$QEAH@Z	void __cdecl f(int &&)
      ?f@@YAXPEIAH@Z	void __cdecl f(int *__restrict)
      ?f@@YAXPEFAH@Z	void __cdecl f(int __unaligned *)
      ?f@@YAXPEAPEBH@Z	void __cdecl f(int const **)
      ?f@@YAXP6AHH@Z@Z	void __cdecl f(int (__cdecl *)(int))
      ?f@@YAXP6AHHH@Z0@Z	void __cdecl f(int (__cdecl *)(int, int), int (__cdecl *)(int, int))
      ?f@@YAXPAY01H@Z	void __cdecl f(int (*)[2])
      ?f@@YAXAAY123H@Z	void __cdecl f(int (&)[3][4])
      ?f@@YAXPQFoo@@H@Z	void __cdecl f(int Foo::*)
      ?f@@YAXP8Foo@@AEXH@Z@Z	void __cdecl f(void (__thiscall Foo::*)(int))
      ?f@@YAXP8Foo@@EBAXXZ@Z	void __cdecl f(void (__cdecl Foo::*)(void) const)
      ?f@@YAXVFoo@@UBar@@TU@@W4E@@@Z	void __cdecl f(class Foo, struct Bar, union U, enum E)
      ?f@@YAXPAVFoo@@0@Z	void __cdecl f(class Foo *, class Foo *)
      ?f@@YAXV?$vector@HV?$allocator@H@std@@@std@@@Z	void __cdecl f(class std::vector<int, class std::allocator<int>>)
      ?f@?$Foo@H@@QAEXXZ	public: void __thiscall Foo<int>::f(void)
      ??0Foo@@QAE@XZ	public: __thiscall Foo::Foo(void)
      ??1Foo@@UAE@XZ	public: virtual __thiscall Foo::~Foo(void)
      ??0?$Foo@H@@QAE@XZ	public: __thiscall Foo<int>::Foo<int>(void)
      ??2@YAPAXI@Z	void * __cdecl operator new(unsigned int)
      ??3@YAXPAX@Z	void __cdecl operator delete(void *)
      ??4Foo@@QAEAAV0@ABV0@@Z	public: class Foo & __thiscall Foo::operator=(class Foo const &)
      ??_UFoo@@SAPAXI@Z	public: static void * __cdecl Foo::operator new[](unsigned int)
      ??_VFoo@@SAXPAX@Z	public: static void __cdecl Foo::operator delete[](void *)
      ??BFoo@@QBEHXZ	public: int __thiscall Foo::operator int(void) const
      ??RFoo@@QBEHH@Z	public: int __thiscall Foo::operator()(int) const
      ??__MFoo@@QBEHABV0@@Z	public: int __thiscall Foo::operator<=>(class Foo const &) const
      ??__LFoo@@QAEXXZ	public: void __thiscall Foo::operator co_await(void)
      ??__K_km@@YANN@Z	double __cdecl operator ""_km(double)
      ??_GFoo@@UAEPAXI@Z	public: virtual void * __thiscall Foo::`scalar deleting dtor'(unsigned int)
      ??_EFoo@@UAEPAXI@Z	public: virtual void * __thiscall Foo::`vector deleting dtor'(unsigned int)
      ??_DFoo@@QAEXXZ	public: void __thiscall Foo::`vbase dtor'(void)
      ??_FFoo@@QAEXXZ	public: void __thiscall Foo::`default ctor closure'(void)
      ??_7Foo@@6B@	const Foo::`vftable'
      ??_7Foo@@6BBar@@@	const Foo::`vftable'{for `Bar'}
      ??_8Foo@@7B@	const Foo::`vbtable'
      ??_7Foo@@6BBar@@Baz@@@	const Foo::`vftable'{for `Bar'}
      ??_R0?AVFoo@@@8	class Foo `RTTI Type Descriptor'
      ??_R1A@?0A@EA@Foo@@8	Foo::`RTTI Base Class Descriptor at (0, -1, 0, 64)'
      ??_R2Foo@@8	Foo::`RTTI Base Class Array'
      ??_R3Foo@@8	Foo::`RTTI Class Hierarchy Descriptor'
      ??_R4Foo@@6B@	const Foo::`RTTI Complete Object Locator'
      ??_C@_01MCMALHOG@a?$AA@	"a"
      ??_C@_05MFLOHCHP@hello?$AA@	"hello"
      ??_C@_13KDLDGPGJ@?$AAa?$AA?$AA@	L"a"
      ??_C@_0CA@ABCDEFGH@abcdefghijklmnopqrstuvwxyz01234@	"abcdefghijklmnopqrstuvwxyz01234"...
      ??_C@_03ABCDEFGH@?$OB?6?$AA@	"\\xE1\\n\\0"...
      ??_C@_17ABCDEFGH@?$AAa?$AAb?$AAc?$AA?$AA@	L"abc"
      ??_C@_0M@ABCDEFGH@a?$AA?$AA?$AAb?$AA?$AA?$AA?$AA?$AA?$AA?$AA@	U"ab"
      ?f@?A0x12345678@@YAXXZ	void __cdecl `anonymous namespace'::f(void)
      ?f@?A0x12345678@ns@@YAXXZ	void __cdecl ns::`anonymous namespace'::f(void)
      ?x@?1??f@@YAXXZ@4HA	int `void __cdecl f(void)'::`2'::x
      ?x@?L@??f@@YAXXZ@4HA	int `void __cdecl f(void)'::`11'::x
      ??_B?1??f@@YAXXZ@51	`void __cdecl f(void)'::`2'::`local static guard'{2}
      ??__J?1??f@@YAXXZ@51	`void __cdecl f(void)'::`2'::`local static thread guard'{2}
      ??__Ex@@YAXXZ	void __cdecl `dynamic initializer for 'x''(void)
      ??__Fx@@YAXXZ	void __cdecl `dynamic atexit destructor for 'x''(void)
      ??__E?x@Foo@@2HA@@YAXXZ	void __cdecl `dynamic initializer for `public: static int Foo::x''(void)
      ?f@Foo@@W7EAAXXZ	[thunk]: public: virtual void __cdecl Foo::f`adjustor{8}'(void)
      ?f@Foo@@$4PPPPPPPM@A@EAAXXZ	[thunk]: public: virtual void __cdecl Foo::f`vtordisp{-4, 0}'(void)
      ?f@Foo@@$R4A@B@PPPPPPPM@A@EAAXXZ	[thunk]: public: virtual void __cdecl Foo::f`vtordispex{0, 1, -4, 0}'(void)
      ??_9Foo@@$BA@AA	[thunk]: __cdecl Foo::`vcall'{0, {flat}}
      ?f@@$$J0YAXXZ	extern "C" void __cdecl f(void)
      ?f@@9	extern "C" f
      ??$f@H@@YAXXZ	void __cdecl f<int>(void)
      ??$f@$0A@@@YAXXZ	void __cdecl f<0>(void)
      ??$f@$0BA@@@YAXXZ	void __cdecl f<16>(void)
      ??$f@$0?0@@YAXXZ	void __cdecl f<-1>(void)
      ??$f@$1?x@@3HA@@YAXXZ	void __cdecl f<&int x>(void)
      ??$f@$E?x@@3HA@@YAXXZ	void __cdecl f<int x>(void)
      ??$f@$MH0A@@@YAXXZ	void __cdecl f<0>(void)
      ??$f@$$V@@YAXXZ	void __cdecl f<>(void)
      ??$f@H$$ZH@@YAXXZ	void __cdecl f<int, int>(void)
      ??$f@$$BY01H@@YAXXZ	void __cdecl f<int[2]>(void)
      ??$f@$$CBH@@YAXXZ	void __cdecl f<int const>(void)
      ??$f@$FA@A@@@YAXXZ	void __cdecl f<{0, 0}>(void)
      ??$f@$GA@A@A@@@YAXXZ	void __cdecl f<{0, 0, 0}>(void)
      ??$f@$H?g@Foo@@QAEXXZA@@@YAXXZ	void __cdecl f<{public: void __thiscall Foo::g(void), 0}>(void)
      ??$f@$I?g@Foo@@QAEXXZA@A@@@YAXXZ	void __cdecl f<{public: void __thiscall Foo::g(void), 0, 0}>(void)
      ??$f@$J?g@Foo@@QAEXXZA@A@A@@@YAXXZ	void __cdecl f<{public: void __thiscall Foo::g(void), 0, 0, 0}>(void)
      ??$f@$1?g@Foo@@QAEXXZ@@YAXXZ	void __cdecl f<&public: void __thiscall Foo::g(void)>(void)
      ??$f@P6AXXZ@@YAXXZ	void __cdecl f<void (__cdecl *)(void)>(void)
      ??$f@$$A6AXXZ@@YAXXZ	void __cdecl f<void __cdecl(void)>(void)
      ??$f@$$A8@@AEXXZ@@YAXXZ	void __cdecl f<void __thiscall(void)>(void)
      ?f@?$Foo@V?$Bar@H@@@@QAEXV?$Bar@H@@@Z	public: void __thiscall Foo<class Bar<int>>::f(class Bar<int>)
      ?f@?$Foo@V?$Bar@H@@@@QAEXV2@@Z	-
      ?f@Foo@Bar@@YAXVBar@@V12@@Z	void __cdecl Bar::Foo::f(class Bar, class Bar::Foo)
      ??R<lambda_1>@?0??f@@YAXXZ@QBEXXZ	public: void __thiscall `void __cdecl f(void)'::`1'::<lambda_1>::operator()(void) const
      ?x@@3V<lambda_1>@?0??f@@YAXXZ@A	class `void __cdecl f(void)'::`1'::<lambda_1> x
      ??@0123456789abcdef0123456789abcdef@	??@0123456789abcdef0123456789abcdef@
      ??@0123456789abcdef0123456789abcdef@??_R4@	??@0123456789abcdef0123456789abcdef@??_R4@
      .?AVFoo@@	class Foo `RTTI Type Descriptor Name'
      .?AUFoo@ns@@	struct ns::Foo `RTTI Type Descriptor Name'
      .?AW4E@@	enum E `RTTI Type Descriptor Name'
      .?AV?$Foo@H@@	class Foo<int> `RTTI Type Descriptor Name'
      ?x@@3PEAHEA	int *x
      ?x@@3QEBHEB	int const *const x
      ?x@@3P8Foo@@EAAXXZEQ1@	void (__cdecl Foo::*x)(void)
      ?x@@3PQFoo@@HQ1@	int Foo::*x
      ??$f@?A?<auto>@@@@YAXXZ	void __cdecl f<A?<auto>>(void)
      ?f@@YA?A?<auto>@@XZ	<auto> __cdecl f(void)
      ?f@@YAX_P@Z	-
      ?f@@YAX_L@Z	-
      ?f@@YAXH	-
      ?f@@YAX	-
      ?f@@YAXPAX@	-
      ??_A	-
      ?x@@3HA@trailing	int x
      ?	-
      ??	-
      """;

  static List<String[]> cases() {
    List<String[]> out = new ArrayList<>();
    for (String line : CASES.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()) {
        out.add(trimmed.split("\t", -1));
      }
    }
    return out;
  }

  private static String complete(String mangled) {
    return MsvcDemangler.demangle(mangled, DemangleOptions.complete()).orElse(null);
  }

  private static String nameOnly(String mangled) {
    return MsvcDemangler.demangle(mangled, DemangleOptions.nameOnly()).orElse(null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesLlvmUndname(String mangled, String expected) {
    // llvm-undname prints MD5 names unchanged: that is "not demangled" (empty) here.
    boolean rejected = expected.equals("-") || expected.equals(mangled);
    assertThat(complete(mangled)).isEqualTo(rejected ? null : expected);
  }

  @Test
  void casesCoverEveryFeatureGroup() {
    assertThat(cases()).hasSizeGreaterThan(130);
  }

  @Test
  void reachableThroughTheFacade() {
    assertThat(Demangler.demangle("?f@Foo@@QEBAXXZ"))
        .contains("public: void __cdecl Foo::f(void) const");
    assertThat(Demangler.demangle(".?AVFoo@@"))
        .contains("class Foo `RTTI Type Descriptor Name'");
  }

  @Test
  void nameOnlyDropsReturnTypeConventionParametersAndAccess() {
    assertThat(nameOnly("?LoadV8Snapshot@V8Initializer@gin@@SAXXZ"))
        .isEqualTo("gin::V8Initializer::LoadV8Snapshot");
    assertThat(nameOnly("??3@YAXPEAX@Z")).isEqualTo("operator delete");
    assertThat(nameOnly("??9@YA_NAEBVGURL@@0@Z")).isEqualTo("operator!=");
    assertThat(nameOnly("?f@?$Foo@H@ns@@QAEXXZ")).isEqualTo("ns::Foo<int>::f");
    assertThat(nameOnly("??$f@H@ns@@YAXXZ")).isEqualTo("ns::f<int>");
    assertThat(nameOnly("?x@Foo@@2HA")).isEqualTo("Foo::x");
    assertThat(nameOnly("??BFoo@@QBEHXZ")).isEqualTo("Foo::operator int");
    assertThat(nameOnly("??0?$Foo@H@@QAE@XZ")).isEqualTo("Foo<int>::Foo<int>");
    assertThat(nameOnly("?f@Foo@@$4PPPPPPPM@A@EAAXXZ")).isEqualTo("Foo::f");
    assertThat(nameOnly("??_7Foo@@6BBar@@@")).isEqualTo("Foo::`vftable'{for `Bar'}");
    assertThat(nameOnly("??__Ex@@YAXXZ")).isEqualTo("`dynamic initializer for 'x''");
    assertThat(nameOnly("?x@?1??f@@YAXXZ@4HA")).isEqualTo("`void __cdecl f(void)'::`2'::x");
    // Names that are descriptions print the same in both modes.
    assertThat(nameOnly(".?AVFoo@@")).isEqualTo("class Foo `RTTI Type Descriptor Name'");
    assertThat(nameOnly("??_C@_05MFLOHCHP@hello?$AA@")).isEqualTo("\"hello\"");
    assertThat(nameOnly("??_GAtomSandboxedRenderFrameObserver@?A0x77c58568@atom@@UEAAPEAXI@Z"))
        .isEqualTo("atom::`anonymous namespace'::AtomSandboxedRenderFrameObserver"
            + "::`scalar deleting dtor'");
  }

  @Test
  void md5NamesAreNotDemangled() {
    // llvm-undname prints them unchanged, which is "not demangled" here.
    assertThat(complete("??@0123456789abcdef0123456789abcdef@")).isNull();
    assertThat(nameOnly("??@0123456789abcdef0123456789abcdef@")).isNull();
  }

  @Test
  void trailingCharactersAreIgnoredLikeLlvmUndname() {
    assertThat(complete("?x@@3HA@trailing")).isEqualTo("int x");
  }

  @Test
  void nonAsciiIdentifiersRoundTripAsUtf8() {
    assertThat(complete("?gr\u00fc\u00dfe@@3HA")).isEqualTo("int gr\u00fc\u00dfe");
    assertThat(complete("?f@\u65e5\u672c@@YAXXZ")).isEqualTo("void __cdecl \u65e5\u672c::f(void)");
  }

  @Test
  void llvmQuirkErrorFlagResetIsReproduced() {
    // LLVM 19 clears its error flag when it checks for a member pointer, so an invalid
    // qualifier followed by a pointer type is accepted; llvm-undname prints exactly this.
    assertThat(complete("??_Gbad_array_new_lengthIst@@@UEAAPEAXI@Z"))
        .isEqualTo("public: void *& __thiscall bad_array_new_lengthIst::"
            + "`scalar deleting dtor'(unsigned int)");
    assertThat(complete("?restricOs$basics@corpus@@YAXPEDAHPEIBD@Z"))
        .isEqualTo("void __cdecl corpus::restricOs$basics(char const *__restrict "
            + "&const volatile *)");
  }

  @Test
  void rejectsGarbage() {
    for (String s : new String[] {"", "?", "??", "x", "?x", "?x@", "?x@@", "?x@@3", "??_A",
        "??$", "?f@@YAXH", ".?A", "??_C@_0", "?x@?A", "??@abc"}) {
      assertThat(MsvcDemangler.demangle(s, DemangleOptions.complete())).as(s).isEmpty();
    }
    assertThat(MsvcDemangler.demangle(null, DemangleOptions.complete())).isEmpty();
    assertThat(MsvcDemangler.demangle("?x@@3HA", null)).isEmpty();
  }

  @Test
  void deepNestingIsBoundedNotAStackOverflow() {
    StringBuilder sb = new StringBuilder("?x@@3");
    for (int i = 0; i < 200_000; i++) {
      sb.append("PA");
    }
    sb.append("HA");
    assertThat(MsvcDemangler.demangle(sb.toString(), DemangleOptions.complete())).isEmpty();

    StringBuilder templates = new StringBuilder("?x@@3");
    for (int i = 0; i < 50_000; i++) {
      templates.append("V?$A@");
    }
    assertThat(MsvcDemangler.demangle(templates.toString(), DemangleOptions.complete())).isEmpty();

    // Moderate nesting still works.
    StringBuilder ok = new StringBuilder("?x@@3");
    for (int i = 0; i < 40; i++) {
      ok.append("PA");
    }
    ok.append("HA");
    assertThat(MsvcDemangler.demangle(ok.toString(), DemangleOptions.complete()))
        .hasValueSatisfying(v -> assertThat(v).startsWith("int *").endsWith("*x"));
  }

  @Test
  void backReferenceBlowUpIsBounded() {
    // Each function type repeats the previous parameter type ten times through back-references.
    StringBuilder sb = new StringBuilder("?f@@YAXPAH");
    for (int i = 0; i < 30; i++) {
      sb.append("P6AX");
      for (int j = 0; j < 9; j++) {
        sb.append(Math.min(i, 9));
      }
      sb.append("@Z");
    }
    sb.append("@Z");
    long t0 = System.nanoTime();
    Optional<String> r = MsvcDemangler.demangle(sb.toString(), DemangleOptions.complete());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.map(String::length).orElse(0)).isLessThanOrEqualTo(1 << 22);
    assertThat(ms).isLessThan(5_000);
  }
}
