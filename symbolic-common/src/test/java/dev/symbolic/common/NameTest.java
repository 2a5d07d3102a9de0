package dev.symbolic.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameTest {
  @Test
  void factoriesAndAccessors() {
    Name plain = Name.of("_ZN3foo3barEv");
    assertThat(plain.text()).isEqualTo("_ZN3foo3barEv");
    assertThat(plain.language()).isEqualTo(Language.UNKNOWN);
    assertThat(plain.mangling()).isEqualTo(NameMangling.UNKNOWN);
    assertThat(plain).hasToString("_ZN3foo3barEv");

    Name cpp = Name.of("_ZN3foo3barEv", Language.CPP);
    assertThat(cpp.language()).isEqualTo(Language.CPP);
    assertThat(cpp.mangling()).isEqualTo(NameMangling.UNKNOWN);

    Name full = Name.of("foo::bar()", NameMangling.UNMANGLED, Language.CPP);
    assertThat(full.mangling()).isEqualTo(NameMangling.UNMANGLED);
  }

  @Test
  void equalityCoversAllParts() {
    assertThat(Name.of("a", Language.C)).isEqualTo(Name.of("a", NameMangling.UNKNOWN, Language.C));
    assertThat(Name.of("a", Language.C).hashCode())
        .isEqualTo(Name.of("a", NameMangling.UNKNOWN, Language.C).hashCode());
    assertThat(Name.of("a", Language.C)).isNotEqualTo(Name.of("a", Language.CPP));
    assertThat(Name.of("a")).isNotEqualTo(Name.of("a", NameMangling.MANGLED, Language.UNKNOWN));
    assertThat(Name.of("a")).isNotEqualTo(Name.of("b"));
    assertThat(Name.of("a")).isNotEqualTo("a");
  }

  @Test
  void languageNames() {
    assertThat(Language.CPP.displayName()).isEqualTo("C++");
    assertThat(Language.CPP.canonicalName()).isEqualTo("cpp");
    assertThat(Language.OBJCPP.displayName()).isEqualTo("Objective-C++");
    assertThat(Language.CSHARP.displayName()).isEqualTo("C#");
    assertThat(Language.parse("cpp")).isEqualTo(Language.CPP);
    assertThat(Language.parse("C++")).isEqualTo(Language.CPP);
    assertThat(Language.parse("Objective-C")).isEqualTo(Language.OBJC);
    assertThat(Language.parse("objcpp")).isEqualTo(Language.OBJCPP);
    assertThat(Language.parse("RUST")).isEqualTo(Language.RUST);
    assertThat(Language.parse("c#")).isEqualTo(Language.CSHARP);
    assertThat(Language.parse("Visual Basic")).isEqualTo(Language.VISUALBASIC);
    assertThat(Language.parse("kotlin")).isEqualTo(Language.KOTLIN);
    assertThat(Language.parse("js")).isEqualTo(Language.JAVASCRIPT);
    assertThat(Language.parse("cobol")).isEqualTo(Language.UNKNOWN);
    assertThat(Language.parse("")).isEqualTo(Language.UNKNOWN);
    for (Language l : Language.values()) {
      assertThat(Language.parse(l.canonicalName())).isEqualTo(l);
      assertThat(Language.parse(l.displayName())).isEqualTo(l);
    }
  }
}
