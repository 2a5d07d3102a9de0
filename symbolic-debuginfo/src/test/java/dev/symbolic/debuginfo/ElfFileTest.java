package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.DebugId;
import org.junit.jupiter.api.Test;

class ElfFileTest {
  @Test
  void textHashFallbackMirrorsSymbolic() {
    for (boolean is64 : new boolean[] {true, false}) {
      for (boolean le : new boolean[] {true, false}) {
        byte[] bytes = ElfSamples.tinyElf(is64, le);
        ElfFile elf = ElfFile.parse(ByteView.of(bytes));
        assertThat(elf.is64()).isEqualTo(is64);
        assertThat(elf.isLittleEndian()).isEqualTo(le);
        assertThat(elf.arch()).isEqualTo(is64 ? Arch.ARM64 : Arch.ARM);
        assertThat(elf.buildId()).isEmpty();
        assertThat(elf.codeId()).isEmpty();
        assertThat(elf.kind()).isEqualTo(ElfKind.EXECUTABLE);
        byte[] hash = new byte[16];
        for (int i = 0; i < 4096; i++) {
          hash[i % 16] ^= (byte) (i * 7 + 3);
        }
        assertThat(elf.debugId()).isEqualTo(DebugId.fromElfBuildId(hash, le));
        assertThat(elf.section(".text").orElseThrow().length()).isEqualTo(5000);
        assertThat(elf.symbols()).isEmpty();
      }
    }
  }

  @Test
  void rejectsNonElf() {
    assertThat(ElfFile.isElf(ByteView.of(new byte[] {1, 2}))).isFalse();
    assertThatThrownBy(() -> ElfFile.parse(ByteView.of(new byte[] {0x7f, 'E', 'L', 'F'})))
        .isInstanceOf(DebugInfoException.class);
  }
}
