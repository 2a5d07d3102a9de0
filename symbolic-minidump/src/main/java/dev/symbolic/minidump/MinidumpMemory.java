package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process memory saved in a dump: the regions of its {@code MemoryListStream} and {@code
 * Memory64ListStream} together, indexed by address.
 *
 * <p>Regions are kept as three parallel arrays sorted by start address, so reading a word costs a
 * binary search and no allocation beyond the result. Where regions overlap, a lookup in the
 * overlap finds the one starting later.
 */
public final class MinidumpMemory {
  private final ByteView file;
  private final long[] starts;
  private final long[] sizes;
  private final long[] offsets;

  private MinidumpMemory(ByteView file, long[] starts, long[] sizes, long[] offsets) {
    this.file = file;
    this.starts = starts;
    this.sizes = sizes;
    this.offsets = offsets;
  }

  /**
   * Builds the index from region descriptors. Regions whose end would pass 2<sup>64</sup> are
   * rejected; empty regions are dropped.
   */
  static MinidumpMemory of(ByteView file, long[] starts, long[] sizes, long[] offsets, int n) {
    Integer[] order = new Integer[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (sizes[i] == 0) {
        continue;
      }
      if (Long.compareUnsigned(starts[i] + sizes[i] - 1, starts[i]) < 0) {
        throw new MinidumpException(
            offsets[i], "memory region at 0x" + Long.toHexString(starts[i]) + " wraps around");
      }
      DumpBytes.check(file, offsets[i], sizes[i], "memory region");
      order[kept++] = i;
    }
    Integer[] sorted = Arrays.copyOf(order, kept);
    Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(starts[a], starts[b]));
    long[] s = new long[kept];
    long[] z = new long[kept];
    long[] o = new long[kept];
    for (int i = 0; i < kept; i++) {
      s[i] = starts[sorted[i]];
      z[i] = sizes[sorted[i]];
      o[i] = offsets[sorted[i]];
    }
    return new MinidumpMemory(file, s, z, o);
  }

  /**
   * Returns every region, by ascending start address.
   *
   * @return the regions
   */
  public List<MemoryRegion> regions() {
    List<MemoryRegion> out = new ArrayList<>(starts.length);
    for (int i = 0; i < starts.length; i++) {
      out.add(region(i));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Finds the region containing an address.
   *
   * @param address an unsigned address
   * @return the region, or empty if the address was not saved
   */
  public Optional<MemoryRegion> regionFor(long address) {
    int i = find(address);
    return i < 0 ? Optional.empty() : Optional.of(region(i));
  }

  /**
   * Reads a byte.
   *
   * @param address an unsigned address
   * @return the byte, or empty if it was not saved
   */
  public OptionalLong readU8(long address) {
    int i = find(address);
    return i < 0
        ? OptionalLong.empty() : OptionalLong.of(file.u8(offsets[i] + address - starts[i]));
  }

  /**
   * Reads a little-endian 32-bit value.
   *
   * @param address the address of its first byte
   * @return the unsigned value, or empty unless all four bytes lie in one saved region
   */
  public OptionalLong readU32(long address) {
    int i = find(address);
    if (i < 0 || sizes[i] - (address - starts[i]) < 4) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(file.u32le(offsets[i] + address - starts[i]));
  }

  /**
   * Reads a little-endian 64-bit value.
   *
   * @param address the address of its first byte
   * @return the raw 64 bits, or empty unless all eight bytes lie in one saved region
   */
  public OptionalLong readU64(long address) {
    int i = find(address);
    if (i < 0 || sizes[i] - (address - starts[i]) < 8) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(file.u64le(offsets[i] + address - starts[i]));
  }

  /**
   * Reads a pointer-sized little-endian value.
   *
   * @param address the address of its first byte
   * @param pointerSize 4 or 8
   * @return the unsigned value, or empty unless all its bytes lie in one saved region
   */
  public OptionalLong readPointer(long address, int pointerSize) {
    return pointerSize == 4 ? readU32(address) : readU64(address);
  }

  private MemoryRegion region(int i) {
    return new MemoryRegion(starts[i], file.slice(offsets[i], sizes[i]));
  }

  /** The last region starting at or before {@code address}, if it contains it; else -1. */
  private int find(long address) {
    int lo = 0;
    int hi = starts.length - 1;
    int best = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(starts[mid], address) <= 0) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (best >= 0 && Long.compareUnsigned(address - starts[best], sizes[best]) < 0) {
      return best;
    }
    return -1;
  }
}
