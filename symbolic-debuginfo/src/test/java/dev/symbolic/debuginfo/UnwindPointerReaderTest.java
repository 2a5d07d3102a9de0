package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.UnwindTestBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.ByteView;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One test per DW_EH_PE value format and application. */
class UnwindPointerReaderTest {
  private static final long SECTION = 0x4000;
  private static final long TEXT = 0x1000;
  private static final long DATA = 0x8000;

  private static UnwindPointerReader reader(int addressSize) {
    return new UnwindPointerReader(SECTION, addressSize, TEXT, DATA, Optional.empty());
  }

  private static DwarfCursor cursor(boolean le, int... b) {
    return new DwarfCursor(ByteView.of(bytes(b)), le, 0);
  }

  private static long pointer(int encoding, int... b) {
    return reader(8).pointer(cursor(true, b), encoding, -1);
  }

  @Test
  void absptrReadsAnAddressOfTheTargetSize() {
    assertThat(pointer(0x00, 1, 2, 3, 4, 5, 6, 7, 8)).isEqualTo(0x0807060504030201L);
    assertThat(reader(4).pointer(cursor(true, 1, 2, 3, 4), 0x00, -1)).isEqualTo(0x04030201L);
    assertThat(reader(4).pointer(cursor(false, 1, 2, 3, 4), 0x00, -1)).isEqualTo(0x01020304L);
  }

  @Test
  void unsignedFormats() {
    assertThat(pointer(0x01, 0xe5, 0x8e, 0x26)).isEqualTo(624485);
    assertThat(pointer(0x02, 0xff, 0xff)).isEqualTo(0xffff);
    assertThat(pointer(0x03, 0xff, 0xff, 0xff, 0xff)).isEqualTo(0xffff_ffffL);
    assertThat(pointer(0x04, 0, 0, 0, 0, 0, 0, 0, 0x80)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void signedFormats() {
    assertThat(pointer(0x09, 0x7f)).isEqualTo(-1);
    assertThat(pointer(0x0a, 0xfe, 0xff)).isEqualTo(-2);
    assertThat(pointer(0x0b, 0xfd, 0xff, 0xff, 0xff)).isEqualTo(-3);
    assertThat(pointer(0x0c, 0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)).isEqualTo(-4);
  }

  @Test
  void pcrelIsRelativeToThePointersOwnAddress() {
    DwarfCursor c = cursor(true, 0, 0, 0x10, 0, 0, 0);
    c.pos = 2;
    assertThat(reader(8).pointer(c, 0x1b, -1)).isEqualTo(SECTION + 2 + 0x10);
    assertThat(pointer(0x1b, 0xf0, 0xff, 0xff, 0xff)).isEqualTo(SECTION - 0x10);
  }

  @Test
  void pcrelWrapsToTheAddressSize() {
    assertThat(new UnwindPointerReader(0x10, 4, -1, -1, Optional.empty())
        .pointer(cursor(true, 0xe0, 0xff, 0xff, 0xff), 0x1b, -1)).isEqualTo(0xffff_fff0L);
  }

  @Test
  void textrelDatarelAndFuncrel() {
    assertThat(pointer(0x23, 4, 0, 0, 0)).isEqualTo(TEXT + 4);
    assertThat(pointer(0x3b, 0xfc, 0xff, 0xff, 0xff)).isEqualTo(DATA - 4);
    assertThat(reader(8).pointer(cursor(true, 8, 0), 0x42, 0x500)).isEqualTo(0x508);
  }

  @Test
  void relativePointersWithoutABaseAreMalformed() {
    UnwindPointerReader noBases = new UnwindPointerReader(0, 8, -1, -1, Optional.empty());
    assertThatThrownBy(() -> noBases.pointer(cursor(true, 0, 0, 0, 0), 0x23, -1))
        .isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> noBases.pointer(cursor(true, 0, 0, 0, 0), 0x33, -1))
        .isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> noBases.pointer(cursor(true, 0, 0, 0, 0), 0x43, -1))
        .isInstanceOf(DebugInfoException.class);
  }

  @Test
  void alignedSkipsToTheNextAddressBoundary() {
    DwarfCursor c = cursor(true, 0, 0, 0, 0, 0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0);
    c.pos = 1;
    assertThat(reader(8).pointer(c, 0x50, -1)).isEqualTo(0x12345678L);
    assertThat(c.pos).isEqualTo(16);
  }

  @Test
  void indirectNeedsTheFilesImage() {
    assertThatThrownBy(() -> pointer(0x9b, 0, 0, 0, 0)).isInstanceOf(DebugInfoException.class);
    DwarfCursor c = cursor(true, 0, 0, 0, 0, 9);
    assertThat(reader(8).tryPointer(c, 0x9b, -1)).isEqualTo(OptionalLong.empty());
    assertThat(c.pos).isEqualTo(4);
  }

  @Test
  void omitAndUnknownEncodings() {
    assertThatThrownBy(() -> pointer(0xff, 0)).isInstanceOf(DebugInfoException.class);
    assertThat(reader(8).tryPointer(cursor(true, 0), 0xff, -1)).isEmpty();
    assertThatThrownBy(() -> pointer(0x05, 0, 0, 0, 0)).isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> pointer(0x63, 0, 0, 0, 0)).isInstanceOf(DebugInfoException.class);
  }

  @Test
  void truncatedPointersFail() {
    assertThatThrownBy(() -> pointer(0x03, 1, 2)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> reader(8).tryPointer(cursor(true, 1), 0x9b, -1))
        .isInstanceOf(RuntimeException.class);
  }
}
