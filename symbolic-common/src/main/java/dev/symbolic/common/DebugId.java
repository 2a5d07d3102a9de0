package dev.symbolic.common;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a debug information file: a UUID plus an age.
 *
 * <p>The age (Microsoft's name; Sentry calls it the appendix) is an unsigned 32-bit counter that
 * PDB files increment on every incremental link. It is zero on all other platforms.
 *
 * <p>Two string forms exist, matching Sentry's {@code debugid} crate:
 *
 * <ul>
 *   <li>canonical: the lowercase hyphenated UUID, followed by {@code -} and the age in lowercase
 *       hex unless it is zero, e.g. {@code 3249d99d-0c40-4931-8610-f4e4fb0b6936-1};
 *   <li>Breakpad: the 32 UUID digits in uppercase, followed by the age in hex without padding
 *       (always present), e.g. {@code 3249D99D0C4049318610F4E4FB0B69361}. As in Sentry's crate
 *       and Breakpad's PDB writer, the age digits are lowercase.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. PDB 2.0 identifiers (a 32-bit signature instead of a
 * UUID) are not supported.
 */
public final class DebugId implements Comparable<DebugId> {
  private static final long MAX_AGE = 0xFFFF_FFFFL;
  private static final DebugId NIL = new DebugId(0, 0, 0);

  /** Longest tail after the age that {@link #parse} ignores, as in Sentry's crate. */
  private static final int MAX_TAIL = 24;

  // The UUID as two big-endian halves; comparing them unsigned orders ids like their bytes.
  private final long msb;
  private final long lsb;
  private final long age;

  private DebugId(long msb, long lsb, long age) {
    this.msb = msb;
    this.lsb = lsb;
    this.age = age;
  }

  /**
   * Returns the all-zero identifier.
   *
   * @return the nil id
   */
  public static DebugId nil() {
    return NIL;
  }

  /**
   * Creates an id with age zero.
   *
   * @param uuid the UUID
   * @return the id
   */
  public static DebugId fromUuid(UUID uuid) {
    return fromUuid(uuid, 0);
  }

  /**
   * Creates an id from a UUID and an age.
   *
   * @param uuid the UUID
   * @param age the age, an unsigned 32-bit value
   * @return the id
   * @throws IllegalArgumentException if {@code age} is outside {@code [0, 2^32)}
   */
  public static DebugId fromUuid(UUID uuid, long age) {
    Objects.requireNonNull(uuid, "uuid");
    checkAge(age);
    return new DebugId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), age);
  }

  /**
   * Creates an id from a Microsoft GUID as stored on disk, e.g. in a PDB or a PE CodeView record.
   *
   * <p>A GUID stores its first three fields (Data1 u32, Data2 u16, Data3 u16) little-endian and
   * the last eight bytes as they are; UUIDs are all big-endian, so the first three fields are
   * byte-swapped.
   *
   * @param guid the 16 GUID bytes in on-disk order
   * @param age the age, an unsigned 32-bit value
   * @return the id
   * @throws IllegalArgumentException if {@code guid} is not 16 bytes or the age is out of range
   */
  public static DebugId fromGuidAge(byte[] guid, long age) {
    checkLength(guid);
    checkAge(age);
    return fromBytes(swapGuidFields(guid.clone()), age);
  }

  /**
   * Creates an id from a Mach-O {@code LC_UUID}, whose bytes are already in UUID order.
   *
   * @param uuid the 16 UUID bytes
   * @return the id, with age zero
   * @throws IllegalArgumentException if {@code uuid} is not 16 bytes
   */
  public static DebugId fromMachoUuid(byte[] uuid) {
    checkLength(uuid);
    return fromBytes(uuid, 0);
  }

  /**
   * Creates an id from an ELF GNU build id, the way Breakpad and Sentry do.
   *
   * <p>The first 16 bytes are used, zero-padded if the build id is shorter. For little-endian
   * files the first three fields are then byte-swapped as if the bytes were a GUID, which is how
   * Breakpad's processor expects them.
   *
   * @param buildId the contents of the {@code NT_GNU_BUILD_ID} note
   * @param littleEndian whether the ELF file is little-endian
   * @return the id, with age zero
   */
  public static DebugId fromElfBuildId(byte[] buildId, boolean littleEndian) {
    Objects.requireNonNull(buildId, "buildId");
    byte[] data = new byte[16];
    System.arraycopy(buildId, 0, data, 0, Math.min(buildId.length, 16));
    if (littleEndian) {
      swapGuidFields(data);
    }
    return fromBytes(data, 0);
  }

  /**
   * Parses the canonical or the Breakpad form.
   *
   * <p>Accepted, case-insensitively and optionally wrapped in braces: the hyphenated UUID,
   * optionally followed by {@code -} and a hex age; or the 32 UUID digits without hyphens,
   * optionally followed directly by a hex age. Like Sentry's crate, only the first 8 age digits
   * count and a tail of up to 24 further hex digits and hyphens is ignored.
   *
   * @param text the string to parse
   * @return the id
   * @throws IllegalArgumentException if {@code text} is not a debug id
   */
  public static DebugId parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text;
    if (s.length() >= 2 && s.charAt(0) == '{' && s.charAt(s.length() - 1) == '}') {
      s = s.substring(1, s.length() - 1);
    }
    boolean hyphenated = s.length() > 8 && s.charAt(8) == '-';
    int uuidLength = hyphenated ? 36 : 32;
    if (s.length() < uuidLength) {
      throw invalid(text);
    }
    long msb = 0;
    long lsb = 0;
    int digits = 0;
    for (int i = 0; i < uuidLength; i++) {
      char c = s.charAt(i);
      if (hyphenated && (i == 8 || i == 13 || i == 18 || i == 23)) {
        if (c != '-') {
          throw invalid(text);
        }
        continue;
      }
      int d = hexDigit(c);
      if (d < 0) {
        throw invalid(text);
      }
      if (digits++ < 16) {
        msb = msb << 4 | d;
      } else {
        lsb = lsb << 4 | d;
      }
    }
    int i = uuidLength;
    if (i == s.length()) {
      return new DebugId(msb, lsb, 0);
    }
    // A hyphen separates the age if and only if the UUID is hyphenated.
    if (hyphenated != (s.charAt(i) == '-')) {
      throw invalid(text);
    }
    if (hyphenated) {
      i++;
    }
    long age = 0;
    int ageStart = i;
    while (i < s.length() && i - ageStart < 8 && hexDigit(s.charAt(i)) >= 0) {
      age = age << 4 | hexDigit(s.charAt(i));
      i++;
    }
    if (i == ageStart) {
      throw invalid(text);
    }
    int tail = s.length() - i;
    if (tail > MAX_TAIL) {
      throw invalid(text);
    }
    for (; i < s.length(); i++) {
      if (s.charAt(i) != '-' && hexDigit(s.charAt(i)) < 0) {
        throw invalid(text);
      }
    }
    return new DebugId(msb, lsb, age);
  }

  /**
   * Returns the UUID part.
   *
   * @return the UUID
   */
  public UUID uuid() {
    return new UUID(msb, lsb);
  }

  /**
   * Returns the age, an unsigned 32-bit value.
   *
   * @return the age, zero outside of PDBs
   */
  public long age() {
    return age;
  }

  /**
   * Tells whether both the UUID and the age are zero.
   *
   * @return true for the nil id
   */
  public boolean isNil() {
    return msb == 0 && lsb == 0 && age == 0;
  }

  /**
   * Returns the Breakpad form: 32 uppercase UUID digits followed by the age in hex.
   *
   * @return e.g. {@code 3249D99D0C4049318610F4E4FB0B69361}
   */
  public String toBreakpad() {
    StringBuilder sb = new StringBuilder(40);
    appendUpperHex(sb, msb);
    appendUpperHex(sb, lsb);
    return sb.append(Long.toHexString(age)).toString();
  }

  /**
   * Returns the canonical form: the hyphenated lowercase UUID and, unless zero, {@code -age}.
   *
   * @return e.g. {@code 3249d99d-0c40-4931-8610-f4e4fb0b6936-1}
   */
  @Override
  public String toString() {
    String uuid = uuid().toString(); // lowercase and hyphenated by specification
    return age == 0 ? uuid : uuid + "-" + Long.toHexString(age);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DebugId
        && ((DebugId) o).msb == msb
        && ((DebugId) o).lsb == lsb
        && ((DebugId) o).age == age;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(msb) * 31 * 31 + Long.hashCode(lsb) * 31 + Long.hashCode(age);
  }

  /** Orders by UUID bytes, then by age, like Sentry's crate (not like {@link UUID#compareTo}). */
  @Override
  public int compareTo(DebugId o) {
    int c = Long.compareUnsigned(msb, o.msb);
    if (c == 0) {
      c = Long.compareUnsigned(lsb, o.lsb);
    }
    return c != 0 ? c : Long.compare(age, o.age);
  }

  private static DebugId fromBytes(byte[] b, long age) {
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = msb << 8 | (b[i] & 0xFF);
      lsb = lsb << 8 | (b[i + 8] & 0xFF);
    }
    return new DebugId(msb, lsb, age);
  }

  /** Reverses Data1 (bytes 0-3), Data2 (4-5) and Data3 (6-7) in place. */
  private static byte[] swapGuidFields(byte[] b) {
    swap(b, 0, 3);
    swap(b, 1, 2);
    swap(b, 4, 5);
    swap(b, 6, 7);
    return b;
  }

  private static void swap(byte[] b, int i, int j) {
    byte t = b[i];
    b[i] = b[j];
    b[j] = t;
  }

  private static void checkLength(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != 16) {
      throw new IllegalArgumentException("expected 16 bytes, got " + bytes.length);
    }
  }

  private static void checkAge(long age) {
    if (age < 0 || age > MAX_AGE) {
      throw new IllegalArgumentException("age out of u32 range: " + age);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid debug id: " + text);
  }

  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Appends all 16 digits of {@code v}; Long.toHexString would drop leading zeros. */
  private static void appendUpperHex(StringBuilder sb, long v) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      sb.append("0123456789ABCDEF".charAt((int) (v >>> shift) & 0xF));
    }
  }
}
