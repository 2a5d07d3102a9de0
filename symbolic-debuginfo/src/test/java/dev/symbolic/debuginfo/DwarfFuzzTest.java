package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Malformed input never raises anything but DebugInfoException, and never hangs. */
class DwarfFuzzTest {
  private static final String[] NAMES = {
    ".debug_info", ".debug_abbrev", ".debug_str", ".debug_line_str", ".debug_str_offsets",
    ".debug_addr", ".debug_ranges", ".debug_rnglists", ".debug_line", ".debug_aranges"
  };

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
  }

  @Property(tries = 2000)
  void randomSectionsOnlyThrowDebugInfoException(
      @ForAll("bytes") byte[] info,
      @ForAll("bytes") byte[] abbrev,
      @ForAll("bytes") byte[] line,
      @ForAll("bytes") byte[] other,
      @ForAll boolean le,
      @ForAll long address) {
    Map<String, ByteView> m = new HashMap<>();
    m.put(".debug_info", ByteView.of(info));
    m.put(".debug_abbrev", ByteView.of(abbrev));
    m.put(".debug_line", ByteView.of(line));
    for (String n : NAMES) {
      m.putIfAbsent(n, ByteView.of(other));
    }
    exercise(DwarfSections.of(n -> Optional.ofNullable(m.get(n)), le, 8), address);
  }

  private static final String[] BINARIES = {
    "c-clang-O2-dwarf5", "c-gcc-O1-dwarf3", "c-gcc-O2-dwarf64", "c-gcc-O2-m32-dwarf5",
    "c-gcc-O2-flto-dwarf5"
  };

  private static final Map<String, Map<String, byte[]>> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Map<String, byte[]> sections(String name) {
    return CACHE.computeIfAbsent(
        name,
        n -> {
          Map<String, byte[]> m = new HashMap<>();
          Path bin = DwarfTestSupport.corpusDir().resolve("generated/binaries").resolve(n);
          if (!Files.exists(bin)) {
            return m;
          }
          try {
            DwarfSections real = DwarfTestSupport.elfSections(bin);
            for (String s : NAMES) {
              m.put(s, real.section(s).toByteArray());
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return m;
        });
  }

  /** Mutates real DWARF (more interesting than pure noise: headers mostly survive). */
  @Property(tries = 3000)
  void mutatedRealDwarfOnlyThrowsDebugInfoException(
      @ForAll @IntRange(min = 0, max = 4) int binary,
      @ForAll @IntRange(min = 0, max = 9) int section,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1 << 20) Integer> positions,
      @ForAll @Size(min = 8, max = 8) List<Byte> values,
      @ForAll long address) {
    Map<String, byte[]> real = sections(BINARIES[binary]);
    if (real.isEmpty()) {
      return;
    }
    Map<String, ByteView> m = new HashMap<>();
    for (int i = 0; i < NAMES.length; i++) {
      byte[] b = real.get(NAMES[i]);
      if (i == section && b.length > 0) {
        b = b.clone();
        for (int k = 0; k < positions.size(); k++) {
          b[positions.get(k) % b.length] = values.get(k);
        }
      }
      m.put(NAMES[i], ByteView.of(b));
    }
    int addrSize = BINARIES[binary].contains("m32") ? 4 : 8;
    exercise(DwarfSections.of(n -> Optional.ofNullable(m.get(n)), true, addrSize), address);
    exercise(
        DwarfSections.of(n -> Optional.ofNullable(m.get(n)), true, addrSize),
        0x1100 + (address & 0xfff));
  }

  private static void exercise(DwarfSections s, long address) {
    try {
      Dwarf d = Dwarf.open(s);
      for (DwarfUnit u : d.units()) {
        try {
          u.name();
          u.lineTable().ifPresent(t -> t.lookup(address));
        } catch (DebugInfoException e) {
          assertThat(e).isNotNull();
        }
      }
      try {
        d.symbolize(address);
      } catch (DebugInfoException e) {
        assertThat(e).isNotNull();
      }
      d.functions();
    } catch (DebugInfoException e) {
      assertThat(e).isNotNull();
    }
  }
}
