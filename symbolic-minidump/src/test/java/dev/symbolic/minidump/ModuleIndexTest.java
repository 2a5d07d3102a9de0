package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.minidump.MinidumpBuilder.ModuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Overlapping modules resolved as Breakpad's range map resolves them, per merge strategy. */
class ModuleIndexTest {
  private static List<MinidumpModule> modules(long[]... baseAndSize) {
    List<ModuleSpec> specs = new ArrayList<>();
    for (int i = 0; i < baseAndSize.length; i++) {
      specs.add(new ModuleSpec(baseAndSize[i][0], baseAndSize[i][1], "m" + i, new byte[0], 0, 0));
    }
    return Minidump.parse(ByteView.of(new MinidumpBuilder().moduleList(specs).build())).modules();
  }

  private static String at(ModuleIndex index, long address) {
    Optional<MinidumpModule> m = index.find(address);
    return m.map(MinidumpModule::codeFile).orElse("-");
  }

  private static ModuleIndex index(ModuleIndex.Merge merge, long[]... baseAndSize) {
    return new ModuleIndex(modules(baseAndSize), merge);
  }

  @Test
  void exclusiveRangesLeaveOutAModuleOverlappingAnEarlierOne() {
    ModuleIndex i = index(ModuleIndex.Merge.EXCLUSIVE, new long[] {0x1000, 0x1000},
        new long[] {0x1800, 0x1000}, new long[] {0x3000, 0x100});
    assertThat(at(i, 0x1900)).isEqualTo("m0");
    assertThat(at(i, 0x2100)).isEqualTo("-");
    assertThat(at(i, 0x3000)).isEqualTo("m2");
    assertThat(i.sorted()).extracting(MinidumpModule::codeFile).containsExactly("m0", "m2");
  }

  @Test
  void truncateLowerGivesTheOverlapToTheHigherModule() {
    ModuleIndex i = index(ModuleIndex.Merge.TRUNCATE_LOWER, new long[] {0x1000, 0x1000},
        new long[] {0x1800, 0x1000});
    assertThat(at(i, 0x17ff)).isEqualTo("m0");
    assertThat(at(i, 0x1800)).isEqualTo("m1");
    assertThat(at(i, 0x2100)).isEqualTo("m1");
    // Inserted the other way round, the same.
    ModuleIndex j = index(ModuleIndex.Merge.TRUNCATE_LOWER, new long[] {0x1800, 0x1000},
        new long[] {0x1000, 0x1000});
    assertThat(at(j, 0x17ff)).isEqualTo("m1");
    assertThat(at(j, 0x1800)).isEqualTo("m0");
    // A module inside another cuts off the outer one's upper part.
    ModuleIndex k = index(ModuleIndex.Merge.TRUNCATE_LOWER, new long[] {0x1000, 0x8000},
        new long[] {0x2000, 0x1000});
    assertThat(at(k, 0x1fff)).isEqualTo("m0");
    assertThat(at(k, 0x2500)).isEqualTo("m1");
    assertThat(at(k, 0x4000)).isEqualTo("-");
  }

  @Test
  void truncateUpperGivesTheOverlapToTheLowerModule() {
    ModuleIndex i = index(ModuleIndex.Merge.TRUNCATE_UPPER, new long[] {0x1000, 0x1000},
        new long[] {0x1800, 0x1000});
    assertThat(at(i, 0x1900)).isEqualTo("m0");
    assertThat(at(i, 0x2000)).isEqualTo("m1");
    ModuleIndex j = index(ModuleIndex.Merge.TRUNCATE_UPPER, new long[] {0x1800, 0x1000},
        new long[] {0x1000, 0x1000});
    assertThat(at(j, 0x1900)).isEqualTo("m1");
    assertThat(at(j, 0x2000)).isEqualTo("m0");
    // A module inside another takes the outer one's lower part with it.
    ModuleIndex k = index(ModuleIndex.Merge.TRUNCATE_UPPER, new long[] {0x1000, 0x8000},
        new long[] {0x2000, 0x1000});
    assertThat(at(k, 0x1500)).isEqualTo("-");
    assertThat(at(k, 0x2500)).isEqualTo("m1");
    assertThat(at(k, 0x4000)).isEqualTo("m0");
    assertThat(k.sorted()).extracting(MinidumpModule::codeFile).containsExactly("m1", "m0");
  }

  @Test
  void exactDuplicatesAreListedOnce() {
    ModuleIndex i =
        new ModuleIndex(modules(new long[] {0x1000, 0x1000}), ModuleIndex.Merge.EXCLUSIVE);
    List<MinidumpModule> twice = new ArrayList<>(modules(new long[] {0x1000, 0x1000}));
    twice.addAll(modules(new long[] {0x1000, 0x1000}));
    ModuleIndex j = new ModuleIndex(twice, ModuleIndex.Merge.TRUNCATE_LOWER);
    assertThat(i.sorted()).hasSize(1);
    assertThat(j.sorted()).hasSize(1);
  }
}
