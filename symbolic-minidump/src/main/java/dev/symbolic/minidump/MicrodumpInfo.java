package dev.symbolic.minidump;

import java.util.Objects;

/**
 * What a Breakpad microdump says beyond the minidump streams it is read as: the system
 * description of its {@code O} record, the GPU of its {@code G} record and the crash of its
 * {@code R} record. Breakpad's {@code microdump_stackwalk} prints these as they are.
 *
 * @param osVersion the OS version text, everything after the CPU fields of the {@code O} record
 *     (a kernel version or a build fingerprint)
 * @param glVersion the GL version, empty if the GPU is unknown
 * @param glVendor the GL vendor, empty if unknown
 * @param glRenderer the GL renderer, empty if unknown
 * @param crashReason the crash reason (a signal name such as {@code SIGTRAP}), empty without an
 *     {@code R} record
 * @param crashAddress the crash address, 0 without an {@code R} record
 */
public record MicrodumpInfo(
    String osVersion,
    String glVersion,
    String glVendor,
    String glRenderer,
    String crashReason,
    long crashAddress) {
  /** Checks for nulls. */
  public MicrodumpInfo {
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(glVersion, "glVersion");
    Objects.requireNonNull(glVendor, "glVendor");
    Objects.requireNonNull(glRenderer, "glRenderer");
    Objects.requireNonNull(crashReason, "crashReason");
  }

  /**
   * Tells whether the microdump names its GPU.
   *
   * @return true if any of the GL strings is non-empty
   */
  public boolean hasGpu() {
    return !glVersion.isEmpty() || !glVendor.isEmpty() || !glRenderer.isEmpty();
  }
}
