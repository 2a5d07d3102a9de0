package dev.symbolic.debuginfo;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Frame Description Entry: the unwind program of one contiguous address range.
 *
 * @param offset the offset of the entry in its section
 * @param cie the entry's CIE
 * @param address the first address covered (the initial location)
 * @param size the number of bytes covered (the address range)
 * @param lsda the address of the language-specific data area ({@code L}), if any
 * @param instructionsOffset the section offset of the call frame instructions
 * @param instructionsLength the length of the call frame instructions in bytes
 */
public record UnwindFde(
    long offset,
    UnwindCie cie,
    long address,
    long size,
    OptionalLong lsda,
    long instructionsOffset,
    long instructionsLength) {
  /** Checks for nulls. */
  public UnwindFde {
    Objects.requireNonNull(cie, "cie");
    Objects.requireNonNull(lsda, "lsda");
  }

  /**
   * Tells whether {@code addr} lies in {@code [address, address + size)}, unsigned.
   *
   * @param addr the address
   * @return true if covered
   */
  public boolean contains(long addr) {
    return Long.compareUnsigned(addr - address, size) < 0;
  }
}
