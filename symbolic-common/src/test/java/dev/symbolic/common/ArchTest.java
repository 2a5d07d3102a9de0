package dev.symbolic.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchTest {
  @ParameterizedTest
  @CsvSource({
    "x86_64, AMD64",
    "amd64, AMD64",
    "AMD64, AMD64",
    "x64, AMD64",
    "x86-64, AMD64",
    "x86_64h, AMD64H",
    "i386, X86",
    "i686, X86",
    "x86, X86",
    "aarch64, ARM64",
    "arm64, ARM64",
    "ARM64E, ARM64E",
    "arm-64, ARM64",
    "armv7, ARM_V7",
    "armv7s, ARM_V7S",
    "armv7em, ARM_V7EM",
    "arm, ARM",
    "arm64_32, ARM64_32",
    "arm64_32_v8, ARM64_32_V8",
    "ppc, PPC",
    "powerpc64, PPC64",
    "ppc64, PPC64",
    "mips64, MIPS64",
    "riscv64, RISCV64",
    "riscv32, RISCV32",
    "wasm32, WASM32",
    "unknown, UNKNOWN",
    "arm_unknown, ARM_UNKNOWN"
  })
  void parsesSpellings(String name, Arch expected) {
    assertThat(Arch.parse(name)).contains(expected);
  }

  @Test
  void rejectsUnknownNames() {
    assertThat(Arch.parse("sparc")).isEmpty();
    assertThat(Arch.parse("")).isEmpty();
    assertThat(Arch.parse("x86_65")).isEmpty();
  }

  @Test
  void displayNamesAreCanonicalAndRoundTrip() {
    assertThat(Arch.X86.displayName()).isEqualTo("x86");
    assertThat(Arch.AMD64.displayName()).isEqualTo("x86_64");
    assertThat(Arch.ARM64E.displayName()).isEqualTo("arm64e");
    assertThat(Arch.ARM64_32.displayName()).isEqualTo("arm64_32");
    assertThat(Arch.PPC64.displayName()).isEqualTo("ppc64");
    assertThat(Arch.WASM32).hasToString("wasm32");
    Set<String> names = new HashSet<>();
    for (Arch arch : Arch.values()) {
      assertThat(names.add(arch.displayName())).isTrue();
      assertThat(Arch.parse(arch.displayName())).contains(arch);
      assertThat(Arch.fromCode(arch.code())).isEqualTo(arch);
    }
  }

  @Test
  void familiesAndWellKnown() {
    assertThat(Arch.ARM_V7K.cpuFamily()).isEqualTo(CpuFamily.ARM_32);
    assertThat(Arch.ARM64E.cpuFamily()).isEqualTo(CpuFamily.ARM_64);
    assertThat(Arch.ARM64_32_UNKNOWN.cpuFamily()).isEqualTo(CpuFamily.ARM_64_32);
    assertThat(Arch.X86.cpuFamily()).isEqualTo(CpuFamily.INTEL_32);
    assertThat(Arch.AMD64H.cpuFamily()).isEqualTo(CpuFamily.AMD_64);
    assertThat(Arch.MIPS.cpuFamily()).isEqualTo(CpuFamily.MIPS_32);
    assertThat(Arch.RISCV64.cpuFamily()).isEqualTo(CpuFamily.RISCV_64);
    assertThat(Arch.X86.wellKnown()).isTrue();
    assertThat(Arch.X86_UNKNOWN.wellKnown()).isFalse();
    assertThat(Arch.ARM64_32_UNKNOWN.wellKnown()).isFalse();
    assertThat(Arch.UNKNOWN.wellKnown()).isFalse();
    assertThat(Arch.WASM32.wellKnown()).isTrue();
  }

  @Test
  void numericCodesFollowSymbolic() {
    assertThat(Arch.fromCode(101)).isEqualTo(Arch.X86);
    assertThat(Arch.fromCode(1)).isEqualTo(Arch.X86);
    assertThat(Arch.fromCode(3)).isEqualTo(Arch.AMD64H);
    assertThat(Arch.fromCode(14)).isEqualTo(Arch.ARM64);
    assertThat(Arch.fromCode(18)).isEqualTo(Arch.PPC64);
    assertThat(Arch.fromCode(1001)).isEqualTo(Arch.WASM32);
    assertThat(Arch.fromCode(12345)).isEqualTo(Arch.UNKNOWN);
    assertThat(Arch.fromCode(-1)).isEqualTo(Arch.UNKNOWN);
  }

  @Test
  void cpuFamilyProperties() {
    assertThat(CpuFamily.AMD_64.pointerSize()).isEqualTo(OptionalInt.of(8));
    assertThat(CpuFamily.INTEL_32.pointerSize()).isEqualTo(OptionalInt.of(4));
    assertThat(CpuFamily.WASM_32.pointerSize()).isEqualTo(OptionalInt.of(4));
    assertThat(CpuFamily.UNKNOWN.pointerSize()).isEmpty();
    assertThat(CpuFamily.AMD_64.instructionAlignment()).isEmpty();
    assertThat(CpuFamily.ARM_64.instructionAlignment()).isEqualTo(OptionalInt.of(4));
    assertThat(CpuFamily.ARM_32.instructionAlignment()).isEqualTo(OptionalInt.of(2));
    assertThat(CpuFamily.AMD_64.instructionPointerRegister()).contains("rip");
    assertThat(CpuFamily.INTEL_32.instructionPointerRegister()).contains("eip");
    assertThat(CpuFamily.ARM_64.instructionPointerRegister()).contains("pc");
    assertThat(CpuFamily.PPC_64.instructionPointerRegister()).contains("srr0");
    assertThat(CpuFamily.WASM_32.instructionPointerRegister()).isEmpty();
    assertThat(CpuFamily.AMD_64.stackPointerRegister()).contains("rsp");
    assertThat(CpuFamily.AMD_64.framePointerRegister()).contains("rbp");
    assertThat(CpuFamily.ARM_64.framePointerRegister()).contains("x29");
    assertThat(CpuFamily.ARM_32.framePointerRegister()).contains("r11");
    assertThat(CpuFamily.RISCV_64.framePointerRegister()).contains("s0");
    assertThat(CpuFamily.PPC_32.framePointerRegister()).isEqualTo(Optional.empty());
    for (CpuFamily f : CpuFamily.values()) {
      if (f != CpuFamily.UNKNOWN) {
        assertThat(f.pointerSize()).isPresent();
      }
    }
  }
}
