package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.minidump.MinidumpBuilder.ModuleSpec;
import dev.symbolic.minidump.MinidumpBuilder.ThreadSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants over random memory layouts and random corruptions of a valid dump. */
class MinidumpPropertiesTest {
  static byte[] sample() {
    Map<Long, byte[]> memory = new LinkedHashMap<>();
    memory.put(0x1000L, new byte[64]);
    return new MinidumpBuilder()
        .systemInfo(SystemInfo.ARCH_X86, SystemInfo.OS_WIN32_NT, "Service Pack 2")
        .threadList(List.of(new ThreadSpec(1, 0x1000, new byte[32],
            MinidumpBuilder.x86Context(Map.of("eip", 0x401000L, "esp", 0x1000L)))))
        .moduleList(List.of(new ModuleSpec(0x400000, 0x1000, "a.exe",
            MinidumpBuilder.pdb70(MinidumpStreamsTest.GUID, 1, "a.pdb"), 0x10002, 3)))
        .memoryList(memory)
        .exception(1, 0xc0000005L, 0, 0x401000, new long[] {0, 0x10},
            MinidumpBuilder.x86Context(Map.of("eip", 0x401000L)))
        .build();
  }

  /** Overwriting bytes anywhere fails, if at all, with the documented exception only. */
  @Property(tries = 500)
  void corruptionsFailOnlyWithMinidumpException(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 100_000) Integer> offsets,
      @ForAll @Size(min = 8, max = 8) List<Byte> values) {
    byte[] dump = sample();
    for (int i = 0; i < offsets.size(); i++) {
      dump[offsets.get(i) % dump.length] = values.get(i);
    }
    try {
      MinidumpReading.readEverything(Minidump.parse(ByteView.of(dump)));
    } catch (MinidumpException expected) {
      assertThat(expected.offset()).isGreaterThanOrEqualTo(0);
    }
  }

  /** Every saved byte reads back at its address; addresses just outside read as absent. */
  @Property(tries = 200)
  void memoryReadsMatchTheRegions(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 40) Integer> sizes,
      @ForAll @IntRange(min = 0, max = 1 << 20) int base) {
    Map<Long, byte[]> regions = new LinkedHashMap<>();
    long start = base;
    int seed = 1;
    for (int size : sizes) {
      byte[] b = new byte[size];
      for (int i = 0; i < size; i++) {
        b[i] = (byte) (seed++ * 31);
      }
      regions.put(start, b);
      start += size + 1 + (seed % 7); // a gap of at least one byte
    }
    MinidumpMemory m = Minidump.parse(ByteView.of(new MinidumpBuilder().memory64List(regions)
        .build())).memory();
    for (Map.Entry<Long, byte[]> r : regions.entrySet()) {
      byte[] b = r.getValue();
      for (int i = 0; i < b.length; i++) {
        assertThat(m.readU8(r.getKey() + i)).hasValue(b[i] & 0xFF);
      }
      assertThat(m.readU8(r.getKey() + b.length)).isEmpty();
      assertThat(m.readU8(r.getKey() - 1)).isEmpty();
      if (b.length >= 4) {
        long expected = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16
            | (long) (b[3] & 0xFF) << 24;
        assertThat(m.readU32(r.getKey())).hasValue(expected);
      }
      assertThat(m.readU32(r.getKey() + b.length - 3)).isEmpty();
    }
  }
}
