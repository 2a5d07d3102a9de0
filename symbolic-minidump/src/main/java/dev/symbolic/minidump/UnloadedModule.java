package dev.symbolic.minidump;

import java.util.Objects;

/**
 * One {@code MINIDUMP_UNLOADED_MODULE}: a module the process had unloaded before the dump.
 *
 * @param baseAddress where it was loaded
 * @param size the size of its image
 * @param checksum its image checksum
 * @param timestamp its PE timestamp
 * @param codeFile the path of its code file
 */
public record UnloadedModule(
    long baseAddress, long size, long checksum, long timestamp, String codeFile) {
  /** Checks for a null name. */
  public UnloadedModule {
    Objects.requireNonNull(codeFile, "codeFile");
  }

  /**
   * Tells whether an address lies in the unloaded image.
   *
   * @param address an unsigned address
   * @return true if {@code base <= address < base + size}
   */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, baseAddress) >= 0
        && Long.compareUnsigned(address - baseAddress, size) < 0;
  }
}
