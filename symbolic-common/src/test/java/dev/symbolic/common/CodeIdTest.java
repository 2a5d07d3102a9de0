package dev.symbolic.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodeIdTest {
  @Test
  void parseNormalizes() {
    assertThat(CodeId.parse("DFB8E43AF2423D73A453AEB6A777EF75"))
        .hasToString("dfb8e43af2423d73a453aeb6a777ef75");
    assertThat(CodeId.parse("dfb8e43a-f242-3d73-a453-aeb6a777ef75"))
        .hasToString("dfb8e43af2423d73a453aeb6a777ef75");
    assertThat(CodeId.parse(" {AB cd} ")).hasToString("abcd");
    assertThat(CodeId.parse("5AB380779000")).isEqualTo(CodeId.parse("5ab380779000"));
    assertThatThrownBy(() -> CodeId.parse("libfoo.so")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CodeId.parse("0x1234")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromBytesIsLowercaseHex() {
    byte[] b = {(byte) 0xdf, (byte) 0xb8, (byte) 0xe4, 0x3a, 0x00, 0x0f, (byte) 0xff};
    assertThat(CodeId.fromBytes(b)).hasToString("dfb8e43a000fff");
    assertThat(CodeId.fromBytes(new byte[0]).isEmpty()).isTrue();
  }

  @Test
  void fromPeUsesBreakpadConvention() {
    // %08X of the timestamp, %x of the size of image; then lowercased by normalization.
    assertThat(CodeId.fromPe(0x5AB38077L, 0x9000L)).hasToString("5ab380779000");
    assertThat(CodeId.fromPe(0x1234L, 0x1000L)).hasToString("000012341000");
    assertThat(CodeId.fromPe(0xFFFF_FFFFL, 0)).hasToString("ffffffff0");
    assertThatThrownBy(() -> CodeId.fromPe(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CodeId.fromPe(0, 1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyAndOrdering() {
    assertThat(CodeId.parse("").isEmpty()).isTrue();
    assertThat(CodeId.parse("- -").isEmpty()).isTrue();
    assertThat(CodeId.parse("ab").isEmpty()).isFalse();
    assertThat(CodeId.parse("ab")).isLessThan(CodeId.parse("ac"));
    assertThat(CodeId.parse("AB").hashCode()).isEqualTo(CodeId.parse("ab").hashCode());
    assertThat(CodeId.parse("ab")).isNotEqualTo(CodeId.parse("abc"));
  }
}
