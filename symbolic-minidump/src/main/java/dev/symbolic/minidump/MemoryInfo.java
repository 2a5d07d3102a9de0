package dev.symbolic.minidump;

/**
 * One {@code MINIDUMP_MEMORY_INFO}: the state and protection of a range of the process's address
 * space, saved or not.
 *
 * @param baseAddress the start of the range
 * @param allocationBase the start of the allocation the range belongs to
 * @param allocationProtection the protection the allocation was made with ({@code PAGE_*})
 * @param regionSize the size of the range
 * @param state {@code MEM_COMMIT} (0x1000), {@code MEM_RESERVE} (0x2000) or {@code MEM_FREE}
 *     (0x10000)
 * @param protection the current protection ({@code PAGE_*})
 * @param type {@code MEM_IMAGE}, {@code MEM_MAPPED} or {@code MEM_PRIVATE}
 */
public record MemoryInfo(
    long baseAddress,
    long allocationBase,
    long allocationProtection,
    long regionSize,
    long state,
    long protection,
    long type) {
  /**
   * Tells whether the range is committed memory that can be executed ({@code PAGE_EXECUTE*}).
   *
   * @return true if the protection has an execute bit
   */
  public boolean isExecutable() {
    return (protection & 0xF0) != 0;
  }

  /**
   * Tells whether an address lies in the range.
   *
   * @param address an unsigned address
   * @return true if {@code base <= address < base + size}
   */
  public boolean contains(long address) {
    return Long.compareUnsigned(address, baseAddress) >= 0
        && Long.compareUnsigned(address - baseAddress, regionSize) < 0;
  }
}
