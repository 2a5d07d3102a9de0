package dev.symbolic.minidump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Modules sorted by base address, for finding the module containing an address. Of overlapping
 * modules the one with the higher base wins, a sane choice for malformed lists.
 */
final class ModuleIndex {
  private final MinidumpModule[] sorted;

  ModuleIndex(List<MinidumpModule> modules) {
    List<MinidumpModule> list = new ArrayList<>(modules);
    list.sort((a, b) -> Long.compareUnsigned(a.baseAddress(), b.baseAddress()));
    this.sorted = list.toArray(new MinidumpModule[0]);
  }

  List<MinidumpModule> sorted() {
    return List.of(sorted);
  }

  Optional<MinidumpModule> find(long address) {
    int lo = 0;
    int hi = sorted.length - 1;
    int best = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(sorted[mid].baseAddress(), address) <= 0) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best >= 0 && sorted[best].contains(address)
        ? Optional.of(sorted[best]) : Optional.empty();
  }

  /** The end of the module with the highest base, for stripping pointer authentication bits. */
  long highestAddress() {
    if (sorted.length == 0) {
      return 0;
    }
    MinidumpModule last = sorted[sorted.length - 1];
    return last.baseAddress() + last.size();
  }
}
