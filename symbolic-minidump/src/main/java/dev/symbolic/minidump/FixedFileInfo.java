package dev.symbolic.minidump;

import java.util.Optional;

/**
 * A module's {@code VS_FIXEDFILEINFO}: the version resource of a Windows PE file, zero elsewhere.
 *
 * @param signature {@code 0xfeef04bd} when the structure is filled in
 * @param structVersion the structure version, {@code 0x10000}
 * @param fileVersionHi the high 32 bits of the file version (major, minor)
 * @param fileVersionLo the low 32 bits of the file version (build, revision)
 * @param productVersionHi the high 32 bits of the product version
 * @param productVersionLo the low 32 bits of the product version
 * @param fileFlagsMask which bits of {@code fileFlags} are valid
 * @param fileFlags debug, prerelease, patched... flags
 * @param fileOs the operating system the file was built for
 * @param fileType application, DLL, driver...
 * @param fileSubtype the driver or font subtype
 * @param fileDateHi the high 32 bits of the file date
 * @param fileDateLo the low 32 bits of the file date
 */
public record FixedFileInfo(
    long signature,
    long structVersion,
    long fileVersionHi,
    long fileVersionLo,
    long productVersionHi,
    long productVersionLo,
    long fileFlagsMask,
    long fileFlags,
    long fileOs,
    long fileType,
    long fileSubtype,
    long fileDateHi,
    long fileDateLo) {
  /** The signature of a filled-in structure. */
  public static final long SIGNATURE = 0xfeef04bdL;

  /** Size of the structure in a module record. */
  static final int SIZE = 52;

  /**
   * Returns the file version as Breakpad prints it, for example {@code 5.1.2600.2180}.
   *
   * @return the version, or empty if the structure is not filled in
   */
  public Optional<String> fileVersion() {
    if (signature != SIGNATURE || (structVersion & 0xFFFF0000L) != 0x10000L) {
      return Optional.empty();
    }
    return Optional.of(
        (fileVersionHi >>> 16) + "." + (fileVersionHi & 0xFFFF) + "." + (fileVersionLo >>> 16)
            + "." + (fileVersionLo & 0xFFFF));
  }

  static FixedFileInfo read(dev.symbolic.common.ByteView file, long offset) {
    long[] v = new long[13];
    for (int i = 0; i < v.length; i++) {
      v[i] = DumpBytes.u32(file, offset + 4L * i);
    }
    return new FixedFileInfo(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
  }
}
