package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CfiRegistersTest {
  @Test
  void dollarIsIgnored() {
    CfiRegisters r = CfiRegisters.empty().with("$esp", 4);
    assertThat(r.get("esp")).hasValue(4);
    assertThat(r.get("$esp")).hasValue(4);
    assertThat(r.contains("esp")).isTrue();
    assertThat(r.names()).containsExactly("esp");
  }

  @Test
  void doubleDollarIsKept() {
    CfiRegisters r = CfiRegisters.empty().with("$$", 1).with("$$x", 2);
    assertThat(r.names()).containsExactly("$$", "$$x");
    assertThat(r.withAll(r)).isEqualTo(r);
    assertThat(r.get("$x")).isEmpty();
  }

  @Test
  void withReplacesAndKeepsOrder() {
    CfiRegisters r = CfiRegisters.empty().with("a", 1).with("b", 2).with("$a", 3);
    assertThat(r.toMap()).containsExactly(Map.entry("a", 3L), Map.entry("b", 2L));
    assertThat(r.size()).isEqualTo(2);
  }

  @Test
  void withAllOverlays() {
    CfiRegisters a = CfiRegisters.empty().with("x", 1).with("y", 2);
    CfiRegisters b = CfiRegisters.empty().with("y", 3).with("z", 4);
    assertThat(a.withAll(b).toMap())
        .containsExactly(Map.entry("x", 1L), Map.entry("y", 3L), Map.entry("z", 4L));
  }

  @Test
  void withoutRemoves() {
    CfiRegisters r = CfiRegisters.empty().with("a", 1).with("b", 2).with("c", 3);
    assertThat(r.without("$b").toMap()).containsExactly(Map.entry("a", 1L), Map.entry("c", 3L));
    assertThat(r.without("a").without("c").names()).containsExactly("b");
    assertThat(r.without("zz")).isSameAs(r);
  }

  @Test
  void absentIsEmpty() {
    assertThat(CfiRegisters.empty().get("pc")).isEmpty();
    assertThat(CfiRegisters.empty().contains("pc")).isFalse();
  }

  @Test
  void equalityIgnoresOrder() {
    CfiRegisters a = CfiRegisters.empty().with("x", 1).with("y", 2);
    CfiRegisters b = CfiRegisters.empty().with("y", 2).with("$x", 1);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.with("x", 5));
    assertThat(a).hasToString("{x=0x1, y=0x2}");
  }

  @Test
  void invalidNames() {
    assertThatThrownBy(() -> CfiRegisters.empty().with("", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CfiRegisters.empty().with("$", 1))
        .isInstanceOf(IllegalArgumentException.class);
    Map<String, Long> dup = new LinkedHashMap<>();
    dup.put("esp", 1L);
    dup.put("$esp", 2L);
    assertThatThrownBy(() -> CfiRegisters.of(dup)).isInstanceOf(IllegalArgumentException.class);
  }
}
