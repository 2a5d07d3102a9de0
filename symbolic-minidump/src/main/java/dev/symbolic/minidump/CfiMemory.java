package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Memory of the crashed process as the unwinders see it: little-endian words read by address.
 *
 * <p>The stack walker implements this over the memory lists of a minidump; tests implement it
 * over a byte array with {@link #of(long, ByteView)}. An implementation must not throw: an
 * address outside the known memory, or a read running past its end, is an empty result.
 */
@FunctionalInterface
public interface CfiMemory {
  /**
   * Reads an unsigned little-endian word.
   *
   * @param address the address of the first byte, unsigned
   * @param size the word size in bytes: 4 or 8
   * @return the zero-extended value, or empty if any of the bytes is unknown
   */
  OptionalLong read(long address, int size);

  /**
   * Returns memory holding {@code bytes} at {@code base}; every other address is unknown.
   *
   * @param base the address of the first byte
   * @param bytes the contents; must not change while the result is used
   * @return the memory
   */
  static CfiMemory of(long base, ByteView bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return (address, size) -> {
      long offset = address - base;
      // Unsigned comparisons so that addresses below base, and reads wrapping around the top of
      // the address space, land out of range.
      if (Long.compareUnsigned(offset, bytes.length()) >= 0
          || Long.compareUnsigned(size, bytes.length() - offset) > 0) {
        return OptionalLong.empty();
      }
      return switch (size) {
        case 4 -> OptionalLong.of(bytes.u32le(offset));
        case 8 -> OptionalLong.of(bytes.u64le(offset));
        default -> OptionalLong.empty();
      };
    };
  }
}
