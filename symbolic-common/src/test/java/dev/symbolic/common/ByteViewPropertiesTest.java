package dev.symbolic.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ByteViewPropertiesTest {

  /** A plain LEB128 encoder, written independently of the decoder under test. */
  static byte[] encodeUleb(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = (int) (value & 0x7F);
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
    return out.toByteArray();
  }

  static byte[] encodeSleb(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = (int) (value & 0x7F);
      value >>= 7;
      boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }

  @Provide
  Arbitrary<Long> anyLong() {
    // Mix uniform values with small ones and powers of two, where encodings change length.
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-300, 300),
        Arbitraries.integers().between(0, 63).map(s -> 1L << s),
        Arbitraries.integers().between(0, 63).map(s -> (1L << s) - 1),
        Arbitraries.integers().between(0, 63).map(s -> -(1L << s)));
  }

  @Property
  void ulebRoundTrips(@ForAll("anyLong") long value, @ForAll @IntRange(max = 3) int prefix) {
    byte[] enc = encodeUleb(value);
    byte[] buf = new byte[prefix + enc.length + 1];
    System.arraycopy(enc, 0, buf, prefix, enc.length);
    ByteReader r = ByteView.of(buf).reader(prefix);
    assertThat(r.uleb128()).isEqualTo(value);
    assertThat(r.position()).isEqualTo(prefix + enc.length);
  }

  @Property
  void slebRoundTrips(@ForAll("anyLong") long value) {
    byte[] enc = encodeSleb(value);
    ByteReader r = ByteView.of(enc).reader();
    assertThat(r.sleb128()).isEqualTo(value);
    assertThat(r.hasRemaining()).isFalse();
  }

  @Property
  void truncatedLebIsAParseError(@ForAll("anyLong") long value) {
    byte[] enc = encodeUleb(value);
    Assume.that(enc.length > 1);
    ByteView cut = ByteView.of(enc, 0, enc.length - 1);
    assertThatThrownBy(() -> cut.reader().uleb128())
        .isInstanceOf(ParseException.class)
        .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(enc.length - 1));
  }

  @Property
  void integersMatchByteBuffer(
      @ForAll @Size(min = 8, max = 40) byte[] bytes, @ForAll @IntRange(max = 32) int offset) {
    Assume.that(offset + 8 <= bytes.length);
    ByteView v = ByteView.of(bytes);
    ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer be = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    assertThat(v.u16le(offset)).isEqualTo(le.getShort(offset) & 0xFFFF);
    assertThat(v.u16be(offset)).isEqualTo(be.getShort(offset) & 0xFFFF);
    assertThat(v.u32le(offset)).isEqualTo(le.getInt(offset) & 0xFFFF_FFFFL);
    assertThat(v.u32be(offset)).isEqualTo(be.getInt(offset) & 0xFFFF_FFFFL);
    assertThat(v.i32le(offset)).isEqualTo(le.getInt(offset));
    assertThat(v.i32be(offset)).isEqualTo(be.getInt(offset));
    assertThat(v.u64le(offset)).isEqualTo(le.getLong(offset));
    assertThat(v.u64be(offset)).isEqualTo(be.getLong(offset));
  }

  @Property
  void sliceComposition(
      @ForAll @Size(max = 64) byte[] bytes,
      @ForAll @IntRange(max = 64) int a0,
      @ForAll @IntRange(max = 64) int b0,
      @ForAll @IntRange(max = 64) int c0,
      @ForAll @IntRange(max = 64) int d0) {
    // Fold the free choices into valid nested ranges rather than rejecting most of them.
    int a = a0 % (bytes.length + 1);
    int b = b0 % (bytes.length - a + 1);
    int c = c0 % (b + 1);
    int d = d0 % (b - c + 1);
    ByteView v = ByteView.of(bytes);
    ByteView twice = v.slice(a, b).slice(c, d);
    ByteView once = v.slice(a + c, d);
    assertThat(twice.toByteArray()).isEqualTo(once.toByteArray());
    assertThat(twice.length()).isEqualTo(d);
    for (int i = 0; i < d; i++) {
      assertThat(twice.u8(i)).isEqualTo(bytes[a + c + i] & 0xFF);
    }
  }

  @Property(tries = 200)
  void chunkedMappingMatchesHeap(
      @ForAll @Size(min = 1, max = 100) byte[] bytes,
      @ForAll @IntRange(min = 1, max = 6) int shift,
      @ForAll @IntRange(max = 99) int from0,
      @ForAll byte needle)
      throws IOException {
    int from = from0 % (bytes.length + 1);
    Path file = Files.createTempFile("byteview", ".bin");
    try {
      Files.write(file, bytes);
      ByteView m = ByteView.map(file, shift);
      ByteView h = ByteView.of(bytes);
      assertThat(m.indexOf(needle, from, bytes.length))
          .isEqualTo(h.indexOf(needle, from, bytes.length));
      assertThat(m.slice(from).toByteArray()).isEqualTo(h.slice(from).toByteArray());
      if (from + 8 <= bytes.length) {
        assertThat(m.u64le(from)).isEqualTo(h.u64le(from));
        assertThat(m.u32be(from)).isEqualTo(h.u32be(from));
      }
    } finally {
      Files.delete(file);
    }
  }
}
