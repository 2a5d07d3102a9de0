package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values derived from Apple's printer rules for each option set. */
class SwiftDemanglerTest {
  private static final DemangleOptions PARAMS = DemangleOptions.nameOnly().parameters(true);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    // complete(): Apple's default options, which print no type sugar
    "$s8mangling9r137577441xySaySiG_tF|mangling.r13757744(x: Swift.Array<Swift.Int>) -> ()",
    "$s8mangling14uses_optionals1xs7UnicodeO6ScalarVSgSiSg_tF|mangling.uses_optionals(x: "
        + "Swift.Optional<Swift.Int>) -> Swift.Optional<Swift.Unicode.Scalar>",
    "$s8mangling3barSiyKF|mangling.bar() throws -> Swift.Int",
    "$s8mangling24InstanceAndClassPropertyV8propertySivgZ|"
        + "static mangling.InstanceAndClassProperty.property.getter : Swift.Int",
    "_T013call_protocol1CCAA1PA2aDP3fooSiyFTW|protocol witness for call_protocol.P.foo() -> "
        + "Swift.Int in conformance call_protocol.C : call_protocol.P in call_protocol",
  })
  void complete(String mangled, String expected) {
    assertThat(Demangler.demangle(mangled, DemangleOptions.complete())).contains(expected);
    assertThat(Demangler.demangle(mangled)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "_T013call_protocol1CCAA1PA2aDP3fooSiyFTW|protocol witness for P.foo in conformance C|"
        + "protocol witness for P.foo() in conformance C",
    "$s4test3StrCACycfC|Str.__allocating_init|Str.__allocating_init()",
    "$s4main3fooyyF.|foo|foo()",
    "_T03abc6testitySiFTm|testit|testit(Int)",
    "_T0SqWOy.17|outlined copy of Optional|outlined copy of Optional",
    "$SSiSHsWP|protocol witness table for Int|protocol witness table for Int",
    "$s4Test6testityyxlFAA8MystructV_TB5|specialized testit<A>|specialized testit<A>(A)",
  })
  void simplified(String mangled, String nameOnly, String withParams) {
    assertThat(Demangler.demangle(mangled, DemangleOptions.nameOnly())).contains(nameOnly);
    assertThat(Demangler.demangle(mangled, PARAMS)).contains(withParams);
    assertThat(Demangler.detectLanguage(mangled)).isEqualTo(Language.SWIFT);
  }

  @ParameterizedTest
  @CsvSource({"$s", "$s3foo", "$sSiSi", "$s3fooyy", "_T0", "$sTB", "$sSi$"})
  void incompleteOrStrayNodesGiveNoResult(String mangled) {
    assertThat(SwiftDemangler.demangle(mangled, DemangleOptions.nameOnly())).isEmpty();
    assertThat(SwiftDemangler.demangle(mangled, DemangleOptions.complete())).isEmpty();
  }
}
