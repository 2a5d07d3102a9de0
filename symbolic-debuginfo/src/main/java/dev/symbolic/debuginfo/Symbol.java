package dev.symbolic.debuginfo;

import dev.symbolic.common.Name;
import java.util.Objects;

/**
 * A symbol of an object file's symbol table.
 *
 * @param name the name, with its mangling state and language where the format tells them
 * @param address the start address, relative to {@link ObjectFile#loadAddress()}
 * @param size the size in bytes, or 0 where the format does not record one
 */
public record Symbol(Name name, long address, long size) {
  /** Checks that the name is present. */
  public Symbol {
    Objects.requireNonNull(name, "name");
  }

  /**
   * Tells whether {@code addr} lies in this symbol: in {@code [address, address + size)}, or at
   * or after {@code address} when the size is unknown.
   *
   * @param addr an address relative to the load address
   * @return true if covered
   */
  public boolean contains(long addr) {
    long off = addr - address;
    return off >= 0 && (size == 0 || Long.compareUnsigned(off, size) < 0);
  }
}
