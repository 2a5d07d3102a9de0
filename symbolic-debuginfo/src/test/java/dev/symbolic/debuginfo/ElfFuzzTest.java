package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ElfFuzzTest {
  private static byte[] seed;

  private static synchronized byte[] seed() {
    if (seed == null) {
      String configured = System.getProperty("symbolic.corpus");
      Path root = configured != null && !configured.isEmpty() ? Path.of(configured)
          : Path.of("../shared/corpus");
      Path p = root.resolve("debuginfo/generated/binaries/c-gcc-O2-dwarf5-zlib");
      try {
        seed = Files.exists(p) ? Files.readAllBytes(p) : ElfSamples.tinyElf64();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return seed;
  }

  /** Touches every lazy accessor; only DebugInfoException may escape. */
  static void exercise(byte[] bytes) {
    ElfFile elf;
    try {
      elf = ElfFile.parse(ByteView.of(bytes));
    } catch (DebugInfoException e) {
      return;
    }
    run(elf::kind);
    run(elf::arch);
    run(elf::loadAddress);
    run(elf::buildId);
    run(elf::codeId);
    run(elf::debugId);
    run(elf::debugLink);
    run(elf::debugAltLink);
    run(elf::symbols);
    run(elf::symbolMap);
    run(elf::hasSymbols);
    run(elf::hasDebugInfo);
    run(elf::hasUnwindInfo);
    for (ElfSection s : elf.sections()) {
      run(() -> elf.contents(s, 1 << 24));
      run(() -> elf.section(s.name()));
    }
  }

  private static void run(java.util.function.Supplier<?> s) {
    try {
      s.get();
    } catch (DebugInfoException e) {
      // expected for malformed input
    }
  }

  @Property(tries = 300)
  void randomBytesOnlyThrowDebugInfoException(@ForAll @Size(max = 512) byte[] bytes) {
    exercise(bytes);
    byte[] withMagic = bytes.clone();
    if (withMagic.length >= 6) {
      withMagic[0] = 0x7f;
      withMagic[1] = 'E';
      withMagic[2] = 'L';
      withMagic[3] = 'F';
      withMagic[4] = (byte) (1 + (withMagic[4] & 1));
      withMagic[5] = (byte) (1 + (withMagic[5] & 1));
    }
    exercise(withMagic);
  }

  @Property(tries = 200)
  void truncationsOnlyThrowDebugInfoException(@ForAll @IntRange(min = 0, max = 100000) int len) {
    byte[] s = seed();
    exercise(java.util.Arrays.copyOf(s, Math.min(len, s.length)));
  }

  @Provide
  Arbitrary<int[]> flips() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofMinSize(1)
        .ofMaxSize(16);
  }

  @Property(tries = 300)
  void bitFlipsOnlyThrowDebugInfoException(@ForAll("flips") int[] positions) {
    byte[] s = seed().clone();
    for (int p : positions) {
      // bias towards the headers, where flips matter most
      int idx = (p & 1) == 0 ? (p >>> 1) % Math.min(s.length, 128) : (p >>> 1) % s.length;
      s[idx] ^= (byte) (1 << (p % 8));
    }
    exercise(s);
    // also corrupt the section header table
    byte[] t = seed().clone();
    ElfFile elf = ElfFile.parse(ByteView.of(t));
    long shoff = elf.sections().isEmpty() ? 0 : ByteView.of(t).u64le(40);
    for (int p : positions) {
      int idx = (int) ((shoff + (p >>> 3) % (t.length - shoff)) % t.length);
      t[idx] ^= (byte) (1 << (p % 8));
    }
    exercise(t);
  }
}
