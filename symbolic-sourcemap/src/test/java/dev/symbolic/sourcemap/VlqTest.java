package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class VlqTest {
  static String encode(int... values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      Vlq.encode(sb, v);
    }
    return sb.toString();
  }

  @Test
  void knownEncodings() {
    assertThat(encode(0)).isEqualTo("A");
    assertThat(encode(1)).isEqualTo("C");
    assertThat(encode(-1)).isEqualTo("D");
    assertThat(encode(15)).isEqualTo("e");
    assertThat(encode(16)).isEqualTo("gB");
    assertThat(encode(-16)).isEqualTo("hB");
    assertThat(encode(Integer.MAX_VALUE)).isEqualTo("+/////D");
    assertThat(Vlq.decodeAll("AAgBC")).containsExactly(0, 0, 16, 1);
    assertThat(Vlq.decodeAll("+/////D")).containsExactly(Integer.MAX_VALUE);
    assertThat(Vlq.decodeAll(encode(Integer.MIN_VALUE))).containsExactly(Integer.MIN_VALUE);
  }

  @Test
  void rejectsOverflowAndGarbage() {
    assertThatThrownBy(() -> Vlq.decodeAll("gggggggB")).isInstanceOf(SourceMapException.class);
    assertThatThrownBy(() -> Vlq.decodeAll("+/////F")).hasMessageContaining("overflow");
    assertThatThrownBy(() -> Vlq.decodeAll("g")).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Vlq.decodeAll("A=")).isInstanceOf(SourceMapException.class)
        .satisfies(e -> assertThat(((SourceMapException) e).offset()).isEqualTo(1));
  }

  @Property
  void roundTrip(@ForAll @Size(max = 20) int[] values) {
    assertThat(Vlq.decodeAll(encode(values))).containsExactly(values);
  }

  @Property
  void decodingGarbageFailsCleanly(@ForAll @StringLength(max = 30) String s) {
    try {
      Vlq.decodeAll(s);
    } catch (SourceMapException expected) {
      // fine
    }
  }
}
