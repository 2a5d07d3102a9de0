package dev.symbolic.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebugIdTest {
  private static final UUID UUID1 = UUID.fromString("dfb8e43a-f242-3d73-a453-aeb6a777ef75");

  @Test
  void parsesCanonicalForms() {
    assertThat(DebugId.parse("dfb8e43a-f242-3d73-a453-aeb6a777ef75"))
        .isEqualTo(DebugId.fromUuid(UUID1));
    assertThat(DebugId.parse("dfb8e43a-f242-3d73-a453-aeb6a777ef75-a"))
        .isEqualTo(DebugId.fromUuid(UUID1, 0xA));
    assertThat(DebugId.parse("dfb8e43a-f242-3d73-a453-aeb6a777ef75-feedface"))
        .isEqualTo(DebugId.fromUuid(UUID1, 0xFEEDFACEL));
    assertThat(DebugId.parse("DFB8E43A-F242-3D73-A453-AEB6A777EF75-FEEDFACE"))
        .isEqualTo(DebugId.fromUuid(UUID1, 0xFEEDFACEL));
    assertThat(DebugId.parse("{dfb8e43a-f242-3d73-a453-aeb6a777ef75-1}"))
        .isEqualTo(DebugId.fromUuid(UUID1, 1));
    // Like Sentry's crate: a tail after the 8 age digits is ignored.
    assertThat(DebugId.parse("dfb8e43a-f242-3d73-a453-aeb6a777ef75-feedface-1-2-3"))
        .isEqualTo(DebugId.fromUuid(UUID1, 0xFEEDFACEL));
  }

  @Test
  void parsesBreakpadForms() {
    assertThat(DebugId.parse("DFB8E43AF2423D73A453AEB6A777EF750"))
        .isEqualTo(DebugId.fromUuid(UUID1));
    assertThat(DebugId.parse("DFB8E43AF2423D73A453AEB6A777EF75a"))
        .isEqualTo(DebugId.fromUuid(UUID1, 10));
    assertThat(DebugId.parse("DFB8E43AF2423D73A453AEB6A777EF75feedface"))
        .isEqualTo(DebugId.fromUuid(UUID1, 0xFEEDFACEL));
    assertThat(DebugId.parse("DFB8E43AF2423D73A453AEB6A777EF75feedface123"))
        .isEqualTo(DebugId.fromUuid(UUID1, 0xFEEDFACEL));
    assertThat(DebugId.parse("dfb8e43af2423d73a453aeb6a777ef75"))
        .isEqualTo(DebugId.fromUuid(UUID1));
    assertThat(DebugId.parse("3249D99D0C4049318610F4E4FB0B69361"))
        .isEqualTo(DebugId.parse("3249d99d-0c40-4931-8610-f4e4fb0b6936-1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "dfb8e43a-f242-3d73-a453-aeb6a777ef7",
        "DFB8E43AF2423D73A453AEB6A777EF7",
        "dfb8e43a-f242-3d73-a453-aeb6a777ef75-",
        "dfb8e43a-f242-3d73-a453-aeb6a777ef75a", // hyphenated uuid, age without hyphen
        "DFB8E43AF2423D73A453AEB6A777EF75-a", // compact uuid, age with hyphen
        "dfb8e43a-f242-3d73-a453-aeb6a777ef75-xyz",
        "dfb8e43a-f242-3d73-a453-aeb6a777ef75-1 ",
        "dfb8e43a_f242-3d73-a453-aeb6a777ef75",
        "dfb8e43a-f2423-d73-a453-aeb6a777ef75",
        "gfb8e43a-f242-3d73-a453-aeb6a777ef75",
        "{dfb8e43a-f242-3d73-a453-aeb6a777ef75",
        "dfb8e43a-f242-3d73-a453-aeb6a777ef75-1-000000000000000000000000000",
        "not a debug id at all, definitely not"
      })
  void rejectsGarbage(String text) {
    assertThatThrownBy(() -> DebugId.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formats() {
    assertThat(DebugId.fromUuid(UUID1)).hasToString("dfb8e43a-f242-3d73-a453-aeb6a777ef75");
    assertThat(DebugId.fromUuid(UUID1, 10)).hasToString("dfb8e43a-f242-3d73-a453-aeb6a777ef75-a");
    assertThat(DebugId.fromUuid(UUID1, 0xFEEDFACEL).toString())
        .isEqualTo("dfb8e43a-f242-3d73-a453-aeb6a777ef75-feedface");
    assertThat(DebugId.fromUuid(UUID1).toBreakpad())
        .isEqualTo("DFB8E43AF2423D73A453AEB6A777EF750");
    assertThat(DebugId.fromUuid(UUID1, 10).toBreakpad())
        .isEqualTo("DFB8E43AF2423D73A453AEB6A777EF75a");
    assertThat(DebugId.fromUuid(UUID1, 0xFEEDFACEL).toBreakpad())
        .isEqualTo("DFB8E43AF2423D73A453AEB6A777EF75feedface");
    assertThat(DebugId.nil().toBreakpad()).isEqualTo("000000000000000000000000000000000");
    assertThat(DebugId.nil()).hasToString("00000000-0000-0000-0000-000000000000");
  }

  @Test
  void fromGuidAgeSwapsTheFirstThreeFields() {
    byte[] guid = {
      (byte) 0x98, (byte) 0xd1, (byte) 0xef, (byte) 0xe8, 0x6e, (byte) 0xf8, (byte) 0xfe, 0x45,
      (byte) 0x9d, (byte) 0xdb, (byte) 0xe1, 0x13, (byte) 0x82, (byte) 0xb5, (byte) 0xd1,
      (byte) 0xc9
    };
    byte[] before = guid.clone();
    assertThat(DebugId.fromGuidAge(guid, 1))
        .isEqualTo(DebugId.parse("e8efd198-f86e-45fe-9ddb-e11382b5d1c9-1"));
    assertThat(guid).isEqualTo(before); // the caller's array is left alone
    assertThatThrownBy(() -> DebugId.fromGuidAge(new byte[15], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DebugId.fromGuidAge(new byte[16], -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DebugId.fromGuidAge(new byte[16], 1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DebugId.fromGuidAge(new byte[16], 0xFFFF_FFFFL).age()).isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void fromMachoUuidKeepsByteOrder() {
    byte[] uuid = new byte[16];
    for (int i = 0; i < 16; i++) {
      uuid[i] = (byte) (0xA0 + i);
    }
    assertThat(DebugId.fromMachoUuid(uuid).toString())
        .isEqualTo("a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf");
    assertThatThrownBy(() -> DebugId.fromMachoUuid(new byte[17]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromElfBuildId() {
    byte[] id = new byte[20];
    for (int i = 0; i < id.length; i++) {
      id[i] = (byte) i;
    }
    assertThat(DebugId.fromElfBuildId(id, false).toString())
        .isEqualTo("00010203-0405-0607-0809-0a0b0c0d0e0f");
    assertThat(DebugId.fromElfBuildId(id, true).toString())
        .isEqualTo("03020100-0504-0706-0809-0a0b0c0d0e0f");
    // Short build ids are zero-padded before swapping.
    assertThat(DebugId.fromElfBuildId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, true).toString())
        .isEqualTo("04030201-0605-0807-0000-000000000000");
    assertThat(DebugId.fromElfBuildId(new byte[0], true).isNil()).isTrue();
  }

  @Test
  void nilAndAccessors() {
    assertThat(DebugId.nil().isNil()).isTrue();
    assertThat(DebugId.fromUuid(new UUID(0, 0), 1).isNil()).isFalse();
    assertThat(DebugId.fromUuid(UUID1, 5).uuid()).isEqualTo(UUID1);
    assertThat(DebugId.fromUuid(UUID1, 5).age()).isEqualTo(5);
    assertThat(DebugId.parse("00000000-0000-0000-0000-000000000000")).isEqualTo(DebugId.nil());
  }

  @Test
  void ordersByUnsignedBytesThenAge() {
    DebugId low = DebugId.parse("7fffffff-ffff-ffff-ffff-ffffffffffff");
    DebugId high = DebugId.parse("80000000-0000-0000-0000-000000000000");
    assertThat(low).isLessThan(high); // UUID.compareTo would say otherwise
    assertThat(DebugId.fromUuid(UUID1, 1)).isLessThan(DebugId.fromUuid(UUID1, 2));
    assertThat(DebugId.fromUuid(UUID1, 1)).isEqualByComparingTo(DebugId.parse(UUID1 + "-1"));
    assertThat(DebugId.fromUuid(UUID1, 1).hashCode())
        .isEqualTo(DebugId.parse(UUID1 + "-1").hashCode());
    assertThat(DebugId.fromUuid(UUID1, 1)).isNotEqualTo(DebugId.fromUuid(UUID1, 2));
  }
}
