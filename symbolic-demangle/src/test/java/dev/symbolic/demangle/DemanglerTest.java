package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.Language;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facade: language detection, dispatch and Objective-C names. */
class DemanglerTest {

  @Test
  void detectsLanguagesAsSymbolicDoes() {
    int rows = 0;
    for (String[] row : DemangleCorpus.rows("symbolic-suite.tsv")) {
      if (row[3].equals("detect_language")) {
        rows++;
        Language expected = row[1].equals("Unknown") ? Language.UNKNOWN : Language.parse(row[1]);
        assertThat(Demangler.detectLanguage(row[0])).as(row[0]).isEqualTo(expected);
      }
    }
    assertThat(rows).isEqualTo(10);
  }

  @Test
  void objectiveCMethodsAreTheirOwnName() {
    assertThat(Demangler.demangle("+[Foo bar:blub:]")).contains("+[Foo bar:blub:]");
    assertThat(Demangler.demangle("-[NSObject description]", Language.OBJCPP,
        DemangleOptions.nameOnly())).contains("-[NSObject description]");
    assertThat(Demangler.demangle("+[Foo bar:blub:]", Language.OBJC, DemangleOptions.complete()))
        .contains("+[Foo bar:blub:]");
  }

  @Test
  void dispatchesByShape() {
    assertThat(Demangler.demangle("_ZN3foo3barEv")).contains("foo::bar()");
    assertThat(Demangler.demangle("_ZN3foo3barEv", DemangleOptions.nameOnly()))
        .contains("foo::bar");
    assertThat(Demangler.demangle("?foo@bar@@YAHH@Z")).contains("int __cdecl bar::foo(int)");
    assertThat(Demangler.demangle("_RNvCs1234_7mycrate3foo")).contains("mycrate::foo");
    assertThat(Demangler.demangle("_ZN4core3ptr13drop_in_place17h0123456789abcdefE"))
        .contains("core::ptr::drop_in_place::h0123456789abcdef");
    assertThat(Demangler.demangle("_ZN4core3ptr13drop_in_place17h0123456789abcdefE",
        DemangleOptions.complete().rustHash(false))).contains("core::ptr::drop_in_place");
    assertThat(Demangler.demangle("$s8mangling6curry1yyF", DemangleOptions.nameOnly()))
        .contains("curry1");
    assertThat(Demangler.demangle("$s8mangling6curry1yyF",
        DemangleOptions.nameOnly().parameters(true))).contains("curry1()");
  }

  @Test
  void notMangledIsEmpty() {
    assertThat(Demangler.demangle("main")).isEmpty();
    assertThat(Demangler.demangle("")).isEmpty();
    assertThat(Demangler.demangle(null)).isEqualTo(Optional.empty());
    assertThat(Demangler.demangle("invalid", Language.OBJCPP, DemangleOptions.complete()))
        .isEmpty();
  }
}
