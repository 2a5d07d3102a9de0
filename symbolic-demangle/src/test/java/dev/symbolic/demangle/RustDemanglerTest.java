package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Feature-by-feature tests of the Rust demangler (expected values from llvm-cxxfilt-19). */
class RustDemanglerTest {

  private static String demangle(String mangled) {
    return Demangler.demangle(mangled).orElse(null);
  }

  private static String rustc(String mangled, boolean alternate) {
    return RustDemangler.demangle(mangled,
        alternate ? RustStyle.RUSTC_ALTERNATE : RustStyle.RUSTC_DISPLAY, true);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      _RNvCs1234_7mycrate3foo | mycrate::foo
      _RNvNtCs1234_7mycrate3foo3bar | mycrate::foo::bar
      _RNCNvNtNtCs3LGw5nGcjh2_19rustc_mir_transform4shim21async_destructor_ctor21build_async_drop_shim0B7_ | rustc_mir_transform::shim::async_destructor_ctor::build_async_drop_shim::{closure#0}
      _RINvCsjPXaAZKnp9X_8closures9apply_mutNCNvB2_4mains6_0EB2_ | closures::apply_mut::<closures::main::{closure#8}>
      _RNSINvNtCsjrHSEGnQ3l9_3std9panicking11begin_panicReE5reifyB6_ | std::panicking::begin_panic::<&str>::{shim:reify#0}
      _RNnNvNtCs3LkjhiSDCX4_12clippy_lints30permissions_set_readonly_false30PERMISSIONS_SET_READONLY_FALSE0 | clippy_lints::permissions_set_readonly_false::PERMISSIONS_SET_READONLY_FALSE
      """)
  void paths(String mangled, String expected) {
    assertThat(demangle(mangled)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      _RNvMNtNtCsgEmfK2I1SDS_4core3ptr9const_ptrPu13is_aligned_toCscIBPRuDlBTi_8generics | <*const ()>::is_aligned_to
      _RNvXs1g_NtCsgEmfK2I1SDS_4core3fmtRONtNtB8_3ffi6c_voidNtB6_5Debug3fmtCs3ArXO5UDeHa_7stacker | <&*mut core::ffi::c_void as core::fmt::Debug>::fmt
      _RNSNvYNCNvCsjPXaAZKnp9X_8closures10make_boxed0INtNtNtCsgEmfK2I1SDS_4core3ops8function6FnOnceTlEE9call_once6vtableB8_ | <closures::make_boxed::{closure#0} as core::ops::function::FnOnce<(i32,)>>::call_once::{shim:vtable#0}
      _RINvMCsjPXaAZKnp9X_8closuresINtB3_8PipelinexE5stageNCNvB3_4mains0_0EB3_ | <closures::Pipeline<i64>>::stage::<closures::main::{closure#2}>
      """)
  void impls(String mangled, String expected) {
    assertThat(demangle(mangled)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      _RINvNtCsgEmfK2I1SDS_4core9panicking13assert_failedAhj4_RShECsjrHSEGnQ3l9_3std | core::panicking::assert_failed::<[u8; 4], &[u8]>
      _RINvNtCsgEmfK2I1SDS_4core9panicking13assert_failedPuBM_ECsjdZfHBviKpM_9dyn_clone | core::panicking::assert_failed::<*const (), *const ()>
      _RNvMs3_NtCslNYArtu3iFV_5alloc7raw_vecINtB5_6RawVecTOhFUKCBN_EuENtNtCsjrHSEGnQ3l9_3std5alloc6SystemE8grow_oneB13_ | <alloc::raw_vec::RawVec<(*mut u8, unsafe extern "C" fn(*mut u8)), std::alloc::System>>::grow_one
      _RNvXsh_CscIBPRuDlBTi_8genericsFlElINtB5_7ConvertlE7convert | <fn(i32) -> i32 as generics::Convert<i32>>::convert
      _RINvNtNtCsjrHSEGnQ3l9_3std3sys9backtrace28___rust_begin_short_backtraceFEuuECshd6KImAYX4a_5cargo | std::sys::backtrace::__rust_begin_short_backtrace::<fn(), ()>
      _RINvNtNtNtCsB8GOZsNw1G_12gix_traverse6commit6simple4init25insert_into_seen_and_nextFG_RL0_NtNtCs3ZTUJym8QXQ_8gix_hash8borrowed3oidEbECscWr0eeOer3a_3gix | gix_traverse::commit::simple::init::insert_into_seen_and_next::<for<'a> fn(&'a gix_hash::borrowed::oid) -> bool>
      _RINvNtCsgEmfK2I1SDS_4core3ptr13drop_in_placeINtNtCslNYArtu3iFV_5alloc5boxed3BoxDG0_INtNtNtB4_3ops8function2FnTRL1_INtNtCsjrHSEGnQ3l9_3std5panic13PanicHookInfoL0_EEEp6OutputuNtNtB4_6marker4SyncNtB2N_4SendEL_EEB1T_ | core::ptr::drop_in_place::<alloc::boxed::Box<dyn for<'a, 'b> core::ops::function::Fn<(&'a std::panic::PanicHookInfo<'b>,), Output = ()> + core::marker::Sync + core::marker::Send>>
      _RINvNtCsgEmfK2I1SDS_4core3ptr13drop_in_placeINtNtCslNYArtu3iFV_5alloc5boxed3BoxDNtNtNtB4_6future6future6Futurep6OutputmEL_EECsjPXaAZKnp9X_8closures | core::ptr::drop_in_place::<alloc::boxed::Box<dyn core::future::future::Future<Output = u32>>>
      """)
  void types(String mangled, String expected) {
    assertThat(demangle(mangled)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      _RNvMs1_CscIBPRuDlBTi_8genericsINtB5_4FlagKb0_E8describe | <generics::Flag<false>>::describe
      _RNvMs2_CscIBPRuDlBTi_8genericsINtB5_6LetterKc78_E3getB5_ | <generics::Letter<'x'>>::get
      _RNvMs2_CscIBPRuDlBTi_8genericsINtB5_6LetterKce9_E3getB5_ | <generics::Letter<'\\u{e9}'>>::get
      _RNvMs3_CscIBPRuDlBTi_8genericsINtB5_6SignedKln5_E5valueB5_ | <generics::Signed<-5>>::value
      _RNvXs5r_NtNtCshg5UprtI8ZK_4jiff4util8rangeintINtB6_4ri32Knn6f7524_Kn6f7524_ENtNtCsgEmfK2I1SDS_4core3fmt7Display3fmtBa_ | <jiff::util::rangeint::ri32<-7304484, 7304484> as core::fmt::Display>::fmt
      _RIC0Koff00ff00ff00ff00ff_E | ::<0xff00ff00ff00ff00ff>
      _RIC0KpE | ::<_>
      _RIC0Kc27_E | ::<'\\''>
      _RIC0Kc22_E | ::<'"'>
      _RIC0Kca_E | ::<'\\n'>
      """)
  void constants(String mangled, String expected) {
    assertThat(demangle(mangled)).isEqualTo(expected);
  }

  @Test
  void punycodeIdentifiers() {
    assertThat(demangle("_RNvNtCsjPXaAZKnp9X_8closuresu10berall_2yau9gre_6ka8l"))
        .isEqualTo("closures::überall::grüße");
    assertThat(demangle("_RNvNtNtCsjPXaAZKnp9X_8closuresu10berall_2yau10hxargifdaru3wxa"))
        .isEqualTo("closures::überall::ελληνικά::λ");
    assertThat(demangle("_RNqCs4fqI2P2rA04_11utf8_identsu30____7hkackfecea1cbdathfdh9hlq6y"))
        .isEqualTo("utf8_idents::საჭმელად_გემრიელი_სადილი");
    // Malformed deltas.
    assertThat(demangle("_RNvC1au3___")).isNull();
  }

  @Test
  void suffixes() {
    assertThat(demangle("_RNCNvMNtCsbYCytxbwFiO_4curl5multiNtB4_5Multi3new0B6_"
        + ".llvm.5326207511703490089"))
        .isEqualTo("<curl::multi::Multi>::new::{closure#0} (.llvm.5326207511703490089)");
    assertThat(demangle("_RNvC3foo3bar.cold")).isEqualTo("foo::bar (.cold)");
    assertThat(demangle("_RNvC3foo3bar.llvm.1.cold")).isEqualTo("foo::bar (.llvm.1.cold)");
  }

  @Test
  void macosExtraUnderscore() {
    assertThat(demangle("__RNvCs1234_7mycrate3foo")).isEqualTo("mycrate::foo");
    assertThat(demangle("__ZN3std2io4Read11read_to_end17hb85a0f6802e14499E"))
        .isEqualTo("std::io::Read::read_to_end::hb85a0f6802e14499");
  }

  @Test
  void legacyGnuStyle() {
    String name = "_ZN102_$LT$core..iter..adapters..map..Map$LT$I$C$F$GT$$u20$as$u20$core..iter"
        + "..traits..iterator..Iterator$GT$4next17h0c11cb01280e74b1E.llvm.9521570508038117910";
    assertThat(demangle(name)).isEqualTo("<core::iter::adapters::map::Map<I,F> as "
        + "core::iter::traits::iterator::Iterator>::next::h0c11cb01280e74b1");
    assertThat(Demangler.demangle(name, DemangleOptions.complete().rustHash(false)))
        .contains("<core::iter::adapters::map::Map<I,F> as "
            + "core::iter::traits::iterator::Iterator>::next");
    assertThat(Demangler.demangle(name, DemangleOptions.nameOnly()))
        .contains("<core::iter::adapters::map::Map<I,F> as "
            + "core::iter::traits::iterator::Iterator>::next");
    assertThat(demangle("_ZN4core3ops8function6FnOnce40call_once$u7b$$u7b$vtable.shim$u7d$$u7d$"
        + "17h09f52f1024d0ab6aE.llvm.13058800363737703248"))
        .isEqualTo("core::ops::function::FnOnce::call_once{{vtable.shim}}::h09f52f1024d0ab6a");
    assertThat(demangle("_ZN12tracing_core8callsite11DISPATCHERS17h7d7653cff736ea0aE.0"))
        .isEqualTo("tracing_core::callsite::DISPATCHERS::h7d7653cff736ea0a");
    // An unknown escape: the rest of that identifier verbatim.
    assertThat(demangle("_ZN3foo7$XX$bar17h0123456789abcdefE"))
        .isEqualTo("foo::$XX$bar::h0123456789abcdef");
  }

  @Test
  void legacyRejects() {
    // Hash with fewer than 5 distinct digits, no hash, truncated segments, non-ASCII.
    for (String name : java.util.List.of("_ZN3foo17h0000000000000000E", "_ZN3foo3barE",
        "_ZN3foo99h0123456789abcdefE", "_ZN3fooä17h0123456789abcdefE")) {
      assertThat(RustDemangler.demangle(name, DemangleOptions.complete())).as(name).isEmpty();
    }
  }

  @Test
  void rustcStyleV0() {
    String name = "_RNCNCNgCs6DXkGYLi8lr_2cc5spawn00B5_";
    assertThat(rustc(name, false)).isEqualTo("cc[4d6468d6c9fd4bb3]::spawn::{closure#0}::{closure#0}");
    assertThat(rustc(name, true)).isEqualTo("cc::spawn::{closure#0}::{closure#0}");
    assertThat(rustc("_RIC0Kj7b_E", false)).isEqualTo("::<123usize>");
    assertThat(rustc("_RIC0Kanb_E", false)).isEqualTo("::<-11i8>");
    assertThat(rustc("_RIC0Kc2202_E", true)).isEqualTo("::<'∂'>");
    assertThat(rustc("_RIC0KVNtC3foo3BarS1sRe616263_2chc78_5sliceRAh1_h2_h3_EEE", true))
        .isEqualTo("::<{foo::Bar { s: \"abc\", ch: 'x', slice: &[1, 2, 3] }}>");
    assertThat(rustc("_RMC0WmORm1_m2_Rm5_m6_E", true)).isEqualTo("<u32 is 1..=2 | 5..=6>");
    // LLVM does not know structured constants and pattern types.
    assertThat(demangle("_RIC0Ke616263_E")).isNull();
    assertThat(demangle("_RMC0WmRm1_m9_")).isNull();
  }

  @Test
  void rustcStyleLegacy() {
    String name = "_ZN4core5slice77_$LT$impl$u20$core..ops..index..IndexMut$LT$I$GT$$u20$for"
        + "$u20$$u5b$T$u5d$$GT$9index_mut17haf9727c2edfbc47bE.exit.i.i";
    assertThat(rustc(name, false)).isEqualTo("core::slice::<impl core::ops::index::IndexMut<I> "
        + "for [T]>::index_mut::haf9727c2edfbc47b.exit.i.i");
    assertThat(rustc(name, true)).isEqualTo(
        "core::slice::<impl core::ops::index::IndexMut<I> for [T]>::index_mut.exit.i.i");
    // GNU prints the same escapes; rustc-demangle also decodes any $u..$ code point.
    assertThat(rustc("_ZN11utf8_idents7$u10e1$17h21634fd5714000aaE", true))
        .isEqualTo("utf8_idents::ს");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "_R", "_RC", "_RNvC", "_RNvC3fo", "_RB_", "_RNvB_1a", "_RMC0RB2_", "_RC3foo3bar",
      "_RIC0Kb2_E", "_RIC0Kc1234567_E", "_RNvC3foo", "_RC3foo$", "_RINvC1a1bFG9999999999_EuE",
      "_ZN", "_ZNE", "_ZN17h0123456789abcdefE", "_ZN4test"})
  void malformedIsEmpty(String mangled) {
    assertThat(RustDemangler.demangle(mangled, DemangleOptions.complete()))
        .as(mangled).isEmpty();
  }

  @Test
  void detection() {
    assertThat(RustDemangler.looksLikeRust("_RNvCs1234_7mycrate3foo")).isTrue();
    assertThat(RustDemangler.looksLikeRust("__RNvCs1234_7mycrate3foo")).isTrue();
    assertThat(RustDemangler.looksLikeRust("_ZN3foo17h0123456789abcdefE")).isTrue();
    assertThat(RustDemangler.looksLikeRust("_ZN3foo17h0123456789abcdefE.llvm.123")).isTrue();
    assertThat(RustDemangler.looksLikeRust("__ZN3std2io4Read11read_to_end17hb85a0f6802e14499E"))
        .isTrue();
    assertThat(RustDemangler.looksLikeRust("_ZN3foo17h0123456789abcdeFE")).isFalse();
    assertThat(RustDemangler.looksLikeRust("_ZN3foo17h0123456789abcdefEv")).isFalse();
    assertThat(RustDemangler.looksLikeRust("_ZN7content11ContentMainERKNS_17ContentMainParamsE"))
        .isFalse();
    assertThat(RustDemangler.looksLikeRust("_Z1hic")).isFalse();
    assertThat(RustDemangler.looksLikeRust("_R")).isFalse();
    assertThat(RustDemangler.looksLikeRust("")).isFalse();
    assertThat(Demangler.detectLanguage("_RNvNtCs1234_7mycrate3foo3bar"))
        .isEqualTo(dev.symbolic.common.Language.RUST);
  }
}
