package dev.symbolic.common;

import static dev.symbolic.common.ByteViewTest.assertParseError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteReaderTest {
  private static ByteReader reader(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return ByteView.of(b).reader();
  }

  @Test
  void readsSequentially() {
    ByteReader r =
        reader(
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
            25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41);
    assertThat(r.u8()).isEqualTo(1);
    assertThat(r.u16le()).isEqualTo(0x0302);
    assertThat(r.u16be()).isEqualTo(0x0405);
    assertThat(r.u32le()).isEqualTo(0x09080706L);
    assertThat(r.u32be()).isEqualTo(0x0A0B0C0DL);
    assertThat(r.i32le()).isEqualTo(0x11100F0E);
    assertThat(r.i32be()).isEqualTo(0x12131415);
    assertThat(r.u64le()).isEqualTo(0x1D1C1B1A19181716L);
    assertThat(r.u64be()).isEqualTo(0x1E1F202122232425L);
    assertThat(r.position()).isEqualTo(37);
    assertThat(r.remaining()).isEqualTo(4);
    assertThat(r.hasRemaining()).isTrue();
    assertThat(r.bytes(2).toByteArray()).containsExactly(38, 39);
    assertThat(r.byteArray(2)).containsExactly(40, 41);
    assertThat(r.hasRemaining()).isFalse();
    assertThat(r.remaining()).isZero();
    assertThat(r.view().length()).isEqualTo(41);
    assertThat(r.toString()).isEqualTo("ByteReader[position=41, length=41]");
  }

  @Test
  void failedReadsReportAbsoluteOffsetAndKeepPosition() {
    ByteView v = ByteView.of(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    ByteReader r = v.slice(2).reader(5); // view offsets are relative to the slice
    assertParseError(r::u32le, 5);
    assertParseError(r::u32be, 5);
    assertParseError(r::i32le, 5);
    assertParseError(r::i32be, 5);
    assertParseError(r::u64le, 5);
    assertParseError(r::u64be, 5);
    assertParseError(() -> r.bytes(4), 5);
    assertParseError(() -> r.byteArray(4), 5);
    assertParseError(r::cstring, 5);
    assertThat(r.position()).isEqualTo(5);
    assertThat(r.u16le()).isEqualTo(0x0807);
    assertParseError(r::u16be, 7);
    assertParseError(r::u16le, 7);
    assertThat(r.u8()).isEqualTo(9);
    assertParseError(r::u8, 8);
    assertParseError(r::uleb128, 8);
    assertParseError(r::sleb128, 8);
    assertThat(r.position()).isEqualTo(8);
  }

  @Test
  void seekAndSkip() {
    ByteReader r = reader(1, 2, 3, 4);
    assertThat(r.seek(3).u8()).isEqualTo(4);
    assertThat(r.seek(4).hasRemaining()).isFalse();
    assertThat(r.seek(0).skip(2).u8()).isEqualTo(3);
    assertThat(r.skip(1).position()).isEqualTo(4);
    assertThat(r.skip(0).position()).isEqualTo(4);
    assertParseError(() -> r.seek(5), 5);
    assertParseError(() -> r.seek(-1), -1);
    assertParseError(() -> r.skip(1), 4);
    assertParseError(() -> r.seek(1).skip(-1), 1);
    assertParseError(() -> r.skip(Long.MAX_VALUE), 1);
    assertThat(r.position()).isEqualTo(1);
    assertParseError(() -> ByteView.of(new byte[3]).reader(4), 4);
    assertParseError(() -> ByteView.of(new byte[3]).reader(-1), -1);
    assertThat(ByteView.of(new byte[3]).reader(3).remaining()).isZero();
  }

  @Test
  void readsCStrings() {
    ByteReader r = reader('a', 'b', 0, 0, 'c', 0, 'd');
    assertThat(r.cstring()).isEqualTo("ab");
    assertThat(r.position()).isEqualTo(3);
    assertThat(r.cstring()).isEqualTo("");
    assertThat(r.cstring()).isEqualTo("c");
    assertParseError(r::cstring, 6);
    assertThat(r.position()).isEqualTo(6);
  }

  @Test
  void decodesUnsignedLeb128() {
    // Examples from the DWARF specification, figure "Examples of unsigned LEB128 encodings".
    assertThat(reader(2).uleb128()).isEqualTo(2);
    assertThat(reader(127).uleb128()).isEqualTo(127);
    assertThat(reader(0x80, 1).uleb128()).isEqualTo(128);
    assertThat(reader(0x81, 1).uleb128()).isEqualTo(129);
    assertThat(reader(0x82, 1).uleb128()).isEqualTo(130);
    assertThat(reader(0xB9, 0x64).uleb128()).isEqualTo(12857);
    // Redundant padding is allowed up to 10 bytes.
    assertThat(reader(0x80, 0x80, 0x00).uleb128()).isZero();
    ByteReader max = reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x55);
    assertThat(max.uleb128()).isEqualTo(-1L); // 2^64 - 1
    assertThat(max.position()).isEqualTo(10);
  }

  @Test
  void rejectsOverlongAndOverflowingUnsignedLeb128() {
    ByteReader overflow = reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02);
    assertParseError(overflow::uleb128, 9);
    assertThat(overflow.position()).isZero();
    ByteReader overlong =
        reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    assertParseError(overlong::uleb128, 9);
    ByteReader truncated = reader(0x80, 0x80);
    assertParseError(truncated::uleb128, 2);
    assertThat(truncated.position()).isZero();
  }

  @Test
  void decodesSignedLeb128() {
    // Examples from the DWARF specification, figure "Examples of signed LEB128 encodings".
    assertThat(reader(2).sleb128()).isEqualTo(2);
    assertThat(reader(0x7E).sleb128()).isEqualTo(-2);
    assertThat(reader(0xFF, 0).sleb128()).isEqualTo(127);
    assertThat(reader(0x81, 0x7F).sleb128()).isEqualTo(-127);
    assertThat(reader(0x80, 1).sleb128()).isEqualTo(128);
    assertThat(reader(0x80, 0x7F).sleb128()).isEqualTo(-128);
    assertThat(reader(0x81, 1).sleb128()).isEqualTo(129);
    assertThat(reader(0xFF, 0x7E).sleb128()).isEqualTo(-129);
    assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).sleb128())
        .isEqualTo(Long.MIN_VALUE);
    assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).sleb128())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F).sleb128())
        .isEqualTo((1L << 62) - 1);
  }

  @Test
  void rejectsOverlongAndOverflowingSignedLeb128() {
    assertParseError(
        reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)::sleb128, 9);
    assertParseError(
        reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7E)::sleb128, 9);
    assertParseError(
        reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)::sleb128, 9);
    assertParseError(reader(0xFF)::sleb128, 1);
  }
}
