package dev.symbolic.common;

import java.util.Objects;

/**
 * Identifies a code file (executable or library), as opposed to its debug file.
 *
 * <p>The format depends on the platform; this type only normalizes it to lowercase hex digits, as
 * Sentry's {@code debugid} crate does:
 *
 * <ul>
 *   <li>ELF: the GNU build id bytes in hex, see {@link #fromBytes(byte[])};
 *   <li>Mach-O: the {@code LC_UUID} bytes in hex;
 *   <li>PE: the COFF timestamp and the size of image, see {@link #fromPe(long, long)}.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. An empty code id means "unknown".
 */
public final class CodeId implements Comparable<CodeId> {
  private static final CodeId EMPTY = new CodeId("");

  private final String hex;

  private CodeId(String hex) {
    this.hex = hex;
  }

  /**
   * Parses a code id, dropping hyphens, whitespace and braces and lowercasing the digits.
   *
   * @param text hex digits, possibly formatted as a UUID
   * @return the code id; empty if {@code text} has no digits
   * @throws IllegalArgumentException if {@code text} contains other characters
   */
  public static CodeId parse(String text) {
    Objects.requireNonNull(text, "text");
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (DebugId.hexDigit(c) >= 0) {
        sb.append(Character.toLowerCase(c));
      } else if (c != '-' && c != '{' && c != '}' && !Character.isWhitespace(c)) {
        throw new IllegalArgumentException("invalid code id: " + text);
      }
    }
    return sb.length() == 0 ? EMPTY : new CodeId(sb.toString());
  }

  /**
   * Creates a code id from raw bytes, such as an ELF build id or a Mach-O UUID.
   *
   * @param bytes the identifier bytes
   * @return the bytes as lowercase hex, two digits each
   */
  public static CodeId fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.length() == 0 ? EMPTY : new CodeId(sb.toString());
  }

  /**
   * Creates the code id of a Windows PE file, which symbol servers use to look it up.
   *
   * <p>Breakpad and Sentry format it as {@code %08X%x}: the {@code TimeDateStamp} of the COFF
   * header as 8 hex digits followed by {@code SizeOfImage} from the optional header in hex without
   * padding. Normalization then lowercases it; symbol servers match case-insensitively.
   *
   * @param timestamp the COFF {@code TimeDateStamp}, an unsigned 32-bit value
   * @param sizeOfImage the optional header's {@code SizeOfImage}, an unsigned 32-bit value
   * @return e.g. {@code 5ab380779000}
   * @throws IllegalArgumentException if either value is outside {@code [0, 2^32)}
   */
  public static CodeId fromPe(long timestamp, long sizeOfImage) {
    if ((timestamp >>> 32) != 0 || (sizeOfImage >>> 32) != 0) { // negative values included
      throw new IllegalArgumentException(
          "PE timestamp and size must be u32: " + timestamp + ", " + sizeOfImage);
    }
    return parse(String.format("%08X%x", timestamp, sizeOfImage));
  }

  /**
   * Tells whether this id is empty, i.e. unknown.
   *
   * @return true if there are no digits
   */
  public boolean isEmpty() {
    return hex.isEmpty();
  }

  /**
   * Returns the normalized form.
   *
   * @return lowercase hex digits, possibly empty
   */
  @Override
  public String toString() {
    return hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodeId && ((CodeId) o).hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public int compareTo(CodeId o) {
    return hex.compareTo(o.hex);
  }
}
