package dev.symbolic.minidump;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The modules of a dump by address range, stored as Breakpad's {@code RangeMap} stores them, so
 * that an address in overlapping modules belongs to the module Breakpad gives it.
 *
 * <p>Modules are stored in list order. How an overlap is resolved depends on the dump, as in
 * Breakpad: Linux and Android minidumps truncate the range with the lower base (the higher module
 * keeps the overlap); Android microdumps truncate the newer range, or the upper part of the older
 * one (the lower module keeps the overlap); other dumps keep ranges exclusive, and a module that
 * overlaps one stored before it is left out. A module left out, or an exact duplicate, is in no
 * range and not listed. (Breakpad rejects a whole Windows or macOS module list that overlaps;
 * dropping the one module keeps the rest of the dump symbolizable.)
 */
final class ModuleIndex {
  /** How a range that overlaps stored ones is stored, Breakpad's {@code MergeRangeStrategy}. */
  enum Merge {
    EXCLUSIVE,
    TRUNCATE_LOWER,
    TRUNCATE_UPPER
  }

  private record Range(long base, MinidumpModule module) {}

  /** Ranges by their last address, unsigned. */
  private final TreeMap<Long, Range> byHigh = new TreeMap<>(Long::compareUnsigned);
  private final Merge merge;

  ModuleIndex(List<MinidumpModule> modules, Merge merge) {
    this.merge = merge;
    for (MinidumpModule m : modules) {
      Optional<MinidumpModule> existing = find(m.baseAddress());
      if (existing.isPresent() && isDuplicate(existing.get(), m)) {
        continue;
      }
      store(m.baseAddress(), m.size(), m);
    }
  }

  private static boolean isDuplicate(MinidumpModule a, MinidumpModule b) {
    return a.baseAddress() == b.baseAddress() && a.size() == b.size()
        && a.codeFile().equals(b.codeFile()) && a.codeIdentifier().equals(b.codeIdentifier());
  }

  /** Breakpad's {@code StoreRangeInternal}, its retries as a loop. */
  private boolean store(long base, long size, MinidumpModule module) {
    // Every retry shrinks the new range or an old one; the bound only guards against mistakes.
    for (int attempt = 0; attempt <= 2 * byHigh.size() + 2; attempt++) {
      if (size == 0) {
        return false;
      }
      long high = base + size - 1;
      if (Long.compareUnsigned(high, base) < 0) {
        return false;
      }
      Map.Entry<Long, Range> atBase = byHigh.ceilingEntry(base);
      Map.Entry<Long, Range> atHigh = byHigh.ceilingEntry(high);
      if (atBase != null && (atHigh == null || !atBase.getKey().equals(atHigh.getKey()))) {
        // Another range ends inside this one.
        if (merge == Merge.TRUNCATE_LOWER) {
          size = truncateLower(atBase, base, size);
          continue;
        }
        if (merge == Merge.TRUNCATE_UPPER) {
          long cut = atBase.getKey() - base + 1;
          base += cut;
          size -= cut;
          continue;
        }
        return false;
      }
      if (atHigh != null && Long.compareUnsigned(atHigh.getValue().base(), high) <= 0) {
        // The range above begins inside this one.
        if (merge == Merge.TRUNCATE_LOWER) {
          size = truncateLower(atHigh, base, size);
          continue;
        }
        if (merge == Merge.TRUNCATE_UPPER && Long.compareUnsigned(atHigh.getKey(), high) > 0) {
          byHigh.put(atHigh.getKey(), new Range(high + 1, atHigh.getValue().module()));
          continue;
        }
        return false;
      }
      byHigh.put(high, new Range(base, module));
      return true;
    }
    return false;
  }

  /**
   * Breakpad's truncate-lower step against an overlapping range {@code other}: of the two, the
   * one with the lower base is cut short where the other begins.
   *
   * @return the new range's size, cut or not; 0 (no range) when both begin at the same address
   */
  private long truncateLower(Map.Entry<Long, Range> other, long base, long size) {
    long otherBase = other.getValue().base();
    if (Long.compareUnsigned(base, otherBase) < 0) {
      return otherBase - base;
    }
    if (Long.compareUnsigned(otherBase, base) < 0) {
      byHigh.remove(other.getKey());
      byHigh.put(base - 1, other.getValue());
      return size;
    }
    return 0;
  }

  /** The stored modules by ascending address. */
  List<MinidumpModule> sorted() {
    List<MinidumpModule> out = new ArrayList<>(byHigh.size());
    for (Range r : byHigh.values()) {
      out.add(r.module());
    }
    return List.copyOf(out);
  }

  Optional<MinidumpModule> find(long address) {
    Map.Entry<Long, Range> e = byHigh.ceilingEntry(address);
    if (e == null || Long.compareUnsigned(address, e.getValue().base()) < 0) {
      return Optional.empty();
    }
    return Optional.of(e.getValue().module());
  }

  /** The end of the module with the highest range, for stripping pointer authentication bits. */
  long highestAddress() {
    if (byHigh.isEmpty()) {
      return 0;
    }
    MinidumpModule last = byHigh.lastEntry().getValue().module();
    return last.baseAddress() + last.size();
  }
}
