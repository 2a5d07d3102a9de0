package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link DwarfAddressMap} against a model of llvm's DWARFUnit::updateAddressDieMap written with a
 * {@code TreeMap}, for ranges in any order: nested and sequential (the sorted-array path) and
 * scattered (which turns the map into a treap).
 */
class DwarfAddressMapPropertiesTest {
  @Provide
  Arbitrary<List<long[]>> ranges() {
    Arbitrary<long[]> range = Arbitraries.longs().between(0, 2000).flatMap(lo ->
        Arbitraries.longs().between(0, 120).map(len -> new long[] {lo, lo + len}));
    return range.list().ofMaxSize(400);
  }

  @Property(tries = 300)
  void findAgreesWithLlvmModel(@ForAll("ranges") List<long[]> ranges) {
    DwarfAddressMap map = new DwarfAddressMap();
    TreeMap<Long, long[]> model = new TreeMap<>();
    for (int i = 0; i < ranges.size(); i++) {
      long lo = ranges.get(i)[0];
      long hi = ranges.get(i)[1];
      map.add(lo, hi, i);
      if (lo < hi) {
        Map.Entry<Long, long[]> b = model.floorEntry(lo);
        if (b != null && lo < b.getValue()[0]) {
          long[] old = b.getValue();
          if (hi < old[0]) {
            model.put(hi, new long[] {old[0], old[1]});
          }
          if (lo > b.getKey()) {
            old[0] = lo;
          }
        }
        model.put(lo, new long[] {hi, i});
      }
    }
    map.freeze();
    for (long a = 0; a <= 2130; a++) {
      Map.Entry<Long, long[]> e = model.floorEntry(a);
      int expected = e == null || a >= e.getValue()[0] ? -1 : (int) e.getValue()[1];
      assertThat(map.find(a)).as("address %d", a).isEqualTo(expected);
    }
  }

  /** Nested preorder ranges, the shape of real DWARF, which the sorted arrays take in. */
  @Test
  void nestedRanges() {
    DwarfAddressMap map = new DwarfAddressMap();
    int die = 0;
    for (long f = 0; f < 100; f++) {
      long base = f * 1000;
      map.add(base, base + 900, die++);
      for (long c = 0; c < 10; c++) {
        map.add(base + c * 80, base + c * 80 + 50, die++);
      }
    }
    map.freeze();
    assertThat(map.find(5)).isEqualTo(1);
    assertThat(map.find(60)).isEqualTo(0);
    assertThat(map.find(950)).isEqualTo(-1);
    assertThat(map.find(99_730)).isEqualTo(99 * 11 + 1 + 9);
    assertThat(map.find(99_790)).isEqualTo(99 * 11);
  }
}
