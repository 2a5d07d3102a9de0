package dev.symbolic.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class DebugIdPropertiesTest {

  @Property
  void canonicalFormRoundTrips(
      @ForAll long msb, @ForAll long lsb, @ForAll @LongRange(max = 0xFFFF_FFFFL) long age) {
    DebugId id = DebugId.fromUuid(new UUID(msb, lsb), age);
    assertThat(DebugId.parse(id.toString())).isEqualTo(id);
    assertThat(DebugId.parse(id.toString().toUpperCase())).isEqualTo(id);
    assertThat(DebugId.parse("{" + id + "}")).isEqualTo(id);
  }

  @Property
  void breakpadFormRoundTrips(
      @ForAll long msb, @ForAll long lsb, @ForAll @LongRange(max = 0xFFFF_FFFFL) long age) {
    DebugId id = DebugId.fromUuid(new UUID(msb, lsb), age);
    String bp = id.toBreakpad();
    assertThat(bp).hasSizeBetween(33, 40);
    assertThat(bp.substring(0, 32)).isUpperCase();
    assertThat(DebugId.parse(bp)).isEqualTo(id);
  }

  /** The ELF conversion, modelled independently: little-endian fields become big-endian. */
  @Property
  void elfBuildIdMatchesSwapModel(
      @ForAll @Size(max = 40) byte[] buildId, @ForAll boolean littleEndian) {
    byte[] padded = new byte[16];
    System.arraycopy(buildId, 0, padded, 0, Math.min(16, buildId.length));
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(padded);
    if (littleEndian) {
      in.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }
    long data1 = in.getInt(0) & 0xFFFF_FFFFL;
    long data2 = in.getShort(4) & 0xFFFF;
    long data3 = in.getShort(6) & 0xFFFF;
    long msb = data1 << 32 | data2 << 16 | data3;
    long lsb = java.nio.ByteBuffer.wrap(padded).getLong(8);
    assertThat(DebugId.fromElfBuildId(buildId, littleEndian))
        .isEqualTo(DebugId.fromUuid(new UUID(msb, lsb)));
  }

  @Property
  void guidAgeMatchesElfSwapOfFull16Bytes(
      @ForAll @Size(value = 16) byte[] guid, @ForAll @LongRange(max = 0xFFFF_FFFFL) long age) {
    DebugId fromGuid = DebugId.fromGuidAge(guid, age);
    DebugId fromElf = DebugId.fromElfBuildId(guid, true);
    assertThat(fromGuid.uuid()).isEqualTo(fromElf.uuid());
    assertThat(fromGuid.age()).isEqualTo(age);
  }
}
