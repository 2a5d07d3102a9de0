package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A range of the crashed process's memory saved in the dump.
 *
 * @param start the address of the first byte, unsigned
 * @param bytes the saved bytes, a zero-copy view of the dump file
 */
public record MemoryRegion(long start, ByteView bytes) {
  /** Checks for null bytes. */
  public MemoryRegion {
    Objects.requireNonNull(bytes, "bytes");
  }

  /**
   * Returns the number of saved bytes.
   *
   * @return the size
   */
  public long size() {
    return bytes.length();
  }

  /**
   * Tells whether an address lies in this region.
   *
   * @param address an unsigned address
   * @return true if {@code start <= address < start + size}
   */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, start) >= 0
        && Long.compareUnsigned(address - start, bytes.length()) < 0;
  }

  /**
   * Reads a little-endian 32-bit value.
   *
   * @param address the address of its first byte
   * @return the unsigned value, or empty unless all four bytes lie in this region
   */
  public OptionalLong readU32(long address) {
    return fits(address, 4) ? OptionalLong.of(bytes.u32le(address - start)) : OptionalLong.empty();
  }

  /**
   * Reads a little-endian 64-bit value.
   *
   * @param address the address of its first byte
   * @return the raw 64 bits, or empty unless all eight bytes lie in this region
   */
  public OptionalLong readU64(long address) {
    return fits(address, 8) ? OptionalLong.of(bytes.u64le(address - start)) : OptionalLong.empty();
  }

  private boolean fits(long address, int n) {
    return contains(address) && bytes.length() - (address - start) >= n;
  }
}
