package dev.symbolic.debuginfo;

/**
 * A line record {@code address size line filenum} inside a {@code FUNC} block.
 *
 * @param address the first address covered
 * @param size the number of bytes covered
 * @param line the source line; may be 0 (unknown) and, in files from some producers, negative
 * @param file the index of a {@code FILE} record; see {@link BreakpadSymbols#fileName(long)}
 */
public record BreakpadLine(long address, long size, long line, long file) {
  /**
   * Tells whether {@code addr} lies in {@code [address, address + size)}, unsigned.
   *
   * @param addr the address
   * @return true if covered
   */
  public boolean contains(long addr) {
    return BreakpadRange.covers(address, size, addr);
  }
}
