package dev.symbolic.debuginfo;

/**
 * An address range {@code [address, address + size)} of an {@code INLINE} record.
 *
 * @param address the first address
 * @param size the number of bytes
 */
public record BreakpadRange(long address, long size) {
  /**
   * Tells whether {@code addr} lies in this range, comparing unsigned.
   *
   * @param addr the address
   * @return true if covered
   */
  public boolean contains(long addr) {
    return covers(address, size, addr);
  }

  /** Unsigned {@code start <= addr < start + size}, without overflow. */
  static boolean covers(long start, long size, long addr) {
    return Long.compareUnsigned(addr, start) >= 0 && Long.compareUnsigned(addr - start, size) < 0;
  }
}
