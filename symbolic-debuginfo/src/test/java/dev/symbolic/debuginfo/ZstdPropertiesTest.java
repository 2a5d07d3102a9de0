package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ZstdPropertiesTest {
  private static final String[] FIXTURES = {
    "text.l1.zst", "text.l19.zst", "text.stream.zst", "rle.zst", "multi.zst", "random.zst"
  };

  /** Decompresses, allowing only success within {@code max} or a {@link DebugInfoException}. */
  private static void decompressSafely(byte[] data, long max) {
    try {
      byte[] out = Zstd.decompress(ByteView.of(data), max);
      assertThat((long) out.length).isLessThanOrEqualTo(max);
    } catch (DebugInfoException expected) {
      // malformed input is reported this way, and only this way
    }
  }

  @Provide
  Arbitrary<byte[]> data() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(5000);
    Arbitrary<byte[]> lowEntropy =
        Arbitraries.bytes().between((byte) 'a', (byte) 'e').array(byte[].class).ofMaxSize(300_000);
    Arbitrary<byte[]> repeated =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMinSize(1)
            .ofMaxSize(50)
            .flatMap(
                unit ->
                    Arbitraries.integers()
                        .between(1, 20_000)
                        .map(
                            times -> {
                              byte[] b = new byte[unit.length * times];
                              for (int i = 0; i < times; i++) {
                                System.arraycopy(unit, 0, b, i * unit.length, unit.length);
                              }
                              return b;
                            }));
    Arbitrary<byte[]> text =
        Arbitraries.integers().between(0, 400_000).map(n -> ZstdTest.text(n, n));
    return Arbitraries.oneOf(random, lowEntropy, repeated, text);
  }

  @Property(tries = 60)
  void cliRoundTrip(
      @ForAll("data") byte[] data,
      @ForAll @IntRange(min = -5, max = 19) int level,
      @ForAll boolean checksum)
      throws IOException {
    Assume.that(ZstdCli.available());
    String[] args = {level < 0 ? "--fast=" + -level : "-" + level, checksum ? "-C" : "--no-check"};
    byte[] zst = ZstdCli.compress(data, false, args);
    assertThat(Zstd.decompress(ByteView.of(zst), data.length)).isEqualTo(data);
    if (data.length > 0) {
      long max = data.length - 1;
      try {
        Zstd.decompress(ByteView.of(zst), max);
        throw new AssertionError("maxOutput " + max + " not enforced");
      } catch (DebugInfoException expected) {
        assertThat(expected).hasMessageContaining("limit");
      }
    }
  }

  @Property(tries = 2000)
  void randomBytesOnlyThrowDebugInfoException(
      @ForAll @Size(max = 300) byte[] data, @ForAll boolean withMagic) {
    byte[] in = data;
    if (withMagic) {
      in = ZstdTest.concat(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, data);
    }
    decompressSafely(in, 1 << 20);
  }

  @Property(tries = 1500)
  void truncationsOnlyThrowDebugInfoException(
      @ForAll("fixture") byte[] zst, @ForAll @IntRange(min = 0, max = 1 << 20) int cut) {
    decompressSafely(Arrays.copyOf(zst, cut % (zst.length + 1)), 1 << 20);
  }

  @Property(tries = 3000)
  void bitFlipsOnlyThrowDebugInfoExceptionAndRespectMaxOutput(
      @ForAll("fixture") byte[] zst,
      @ForAll @Size(min = 1, max = 6) int[] positions,
      @ForAll @IntRange(min = 0, max = 600_000) int max) {
    byte[] m = zst.clone();
    for (int p : positions) {
      int at = Math.floorMod(p, m.length);
      m[at] ^= (byte) (1 << Math.floorMod(p >> 8, 8));
    }
    decompressSafely(m, max);
  }

  @Property(tries = 200)
  void maxOutputIsExact(@ForAll("fixture") byte[] zst, @ForAll @IntRange(max = 600_000) int max) {
    int size = ZstdTest.decompress(zst).length;
    if (max >= size) {
      assertThat(Zstd.decompress(ByteView.of(zst), max)).hasSize(size);
    } else {
      try {
        Zstd.decompress(ByteView.of(zst), max);
        throw new AssertionError("maxOutput " + max + " not enforced");
      } catch (DebugInfoException expected) {
        assertThat(expected).hasMessageContaining("limit");
      }
    }
  }

  @Provide
  Arbitrary<byte[]> fixture() {
    return Arbitraries.of(FIXTURES).map(ZstdTest::resource);
  }
}
