package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import org.junit.jupiter.api.Test;

class CfiMemoryTest {
  static final CfiMemory MEM =
      CfiMemory.of(0x1000, ByteView.of(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0x88, 9}));

  @Test
  void readsLittleEndianZeroExtended() {
    assertThat(MEM.read(0x1000, 4)).hasValue(0x04030201L);
    assertThat(MEM.read(0x1004, 4)).hasValue(0x88070605L);
    assertThat(MEM.read(0x1000, 8)).hasValue(0x8807060504030201L);
    assertThat(MEM.read(0x1001, 8)).hasValue(0x0988070605040302L);
  }

  @Test
  void outsideOrStraddlingIsUnknown() {
    assertThat(MEM.read(0xfff, 4)).isEmpty();
    assertThat(MEM.read(0x1006, 4)).isEmpty();
    assertThat(MEM.read(0x1002, 8)).isEmpty();
    assertThat(MEM.read(0x1009, 4)).isEmpty();
    assertThat(MEM.read(-1, 4)).isEmpty();
    assertThat(MEM.read(Long.MIN_VALUE, 8)).isEmpty();
  }

  @Test
  void otherSizesAreUnknown() {
    assertThat(MEM.read(0x1000, 2)).isEmpty();
    assertThat(MEM.read(0x1000, 0)).isEmpty();
    assertThat(MEM.read(0x1000, -4)).isEmpty();
  }

  @Test
  void memoryAtTheTopOfTheAddressSpace() {
    CfiMemory top = CfiMemory.of(-8, ByteView.of(new byte[] {1, 0, 0, 0, 2, 0, 0, 0}));
    assertThat(top.read(-8, 8)).hasValue(0x0000000200000001L);
    assertThat(top.read(-4, 4)).hasValue(2);
    assertThat(top.read(-4, 8)).isEmpty();
    assertThat(top.read(0, 4)).isEmpty();
  }
}
