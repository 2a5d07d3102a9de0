package dev.symbolic.common;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CPU architecture, possibly with a variant.
 *
 * <p>Mirrors Sentry symbolic's {@code Arch}, including its canonical names (Apple's conventions:
 * {@code x86}, {@code x86_64}, {@code arm64e}, ...) and its numeric codes, plus RISC-V. Every
 * family has an {@code *_UNKNOWN} member for files whose family is known but whose variant is not.
 */
public enum Arch {
  /** Unknown architecture. */
  UNKNOWN(0, "unknown", CpuFamily.UNKNOWN),
  /** 32-bit x86. */
  X86(101, "x86", CpuFamily.INTEL_32),
  /** 32-bit x86, unknown variant. */
  X86_UNKNOWN(199, "x86_unknown", CpuFamily.INTEL_32),
  /** 64-bit x86. */
  AMD64(201, "x86_64", CpuFamily.AMD_64),
  /** 64-bit x86, Haswell variant (Apple). */
  AMD64H(202, "x86_64h", CpuFamily.AMD_64),
  /** 64-bit x86, unknown variant. */
  AMD64_UNKNOWN(299, "x86_64_unknown", CpuFamily.AMD_64),
  /** 32-bit ARM, no specific version. */
  ARM(301, "arm", CpuFamily.ARM_32),
  /** ARMv5. */
  ARM_V5(302, "armv5", CpuFamily.ARM_32),
  /** ARMv6. */
  ARM_V6(303, "armv6", CpuFamily.ARM_32),
  /** ARMv6-M. */
  ARM_V6M(304, "armv6m", CpuFamily.ARM_32),
  /** ARMv7. */
  ARM_V7(305, "armv7", CpuFamily.ARM_32),
  /** ARMv7F. */
  ARM_V7F(306, "armv7f", CpuFamily.ARM_32),
  /** ARMv7S (Apple Swift cores). */
  ARM_V7S(307, "armv7s", CpuFamily.ARM_32),
  /** ARMv7K (Apple Watch). */
  ARM_V7K(308, "armv7k", CpuFamily.ARM_32),
  /** ARMv7-M. */
  ARM_V7M(309, "armv7m", CpuFamily.ARM_32),
  /** ARMv7E-M. */
  ARM_V7EM(310, "armv7em", CpuFamily.ARM_32),
  /** 32-bit ARM, unknown variant. */
  ARM_UNKNOWN(399, "arm_unknown", CpuFamily.ARM_32),
  /** 64-bit ARM. */
  ARM64(401, "arm64", CpuFamily.ARM_64),
  /** 64-bit ARMv8. */
  ARM64_V8(402, "arm64v8", CpuFamily.ARM_64),
  /** 64-bit ARM with pointer authentication (Apple). */
  ARM64E(403, "arm64e", CpuFamily.ARM_64),
  /** 64-bit ARM, unknown variant. */
  ARM64_UNKNOWN(499, "arm64_unknown", CpuFamily.ARM_64),
  /** 32-bit PowerPC. */
  PPC(501, "ppc", CpuFamily.PPC_32),
  /** 64-bit PowerPC. */
  PPC64(601, "ppc64", CpuFamily.PPC_64),
  /** 32-bit MIPS. */
  MIPS(701, "mips", CpuFamily.MIPS_32),
  /** 64-bit MIPS. */
  MIPS64(801, "mips64", CpuFamily.MIPS_64),
  /** ILP32 on 64-bit ARM (Apple Watch). */
  ARM64_32(901, "arm64_32", CpuFamily.ARM_64_32),
  /** ILP32 on ARMv8. */
  ARM64_32_V8(902, "arm64_32_v8", CpuFamily.ARM_64_32),
  /** ILP32 on 64-bit ARM, unknown variant. */
  ARM64_32_UNKNOWN(999, "arm64_32_unknown", CpuFamily.ARM_64_32),
  /** 32-bit WebAssembly. */
  WASM32(1001, "wasm32", CpuFamily.WASM_32),
  /** 32-bit RISC-V. Not in symbolic; code chosen after its numbering scheme. */
  RISCV32(1101, "riscv32", CpuFamily.RISCV_32),
  /** 64-bit RISC-V. Not in symbolic; code chosen after its numbering scheme. */
  RISCV64(1201, "riscv64", CpuFamily.RISCV_64);

  /** Lowercase spellings, canonical names and common aliases, to architectures. */
  private static final Map<String, Arch> BY_NAME = new HashMap<>();

  static {
    for (Arch arch : values()) {
      BY_NAME.put(arch.displayName, arch);
    }
    alias(X86, "i386", "i486", "i586", "i686", "x86_32", "ia32");
    alias(AMD64, "amd64", "x64", "x86-64");
    alias(ARM64, "aarch64", "arm-64");
    alias(ARM64_32, "aarch64_32", "arm64-32");
    alias(PPC, "powerpc");
    alias(PPC64, "powerpc64", "ppc64le", "powerpc64le");
    alias(MIPS, "mipsel");
    alias(MIPS64, "mips64el");
    alias(RISCV32, "rv32");
    alias(RISCV64, "rv64");
  }

  /**
   * Symbolic's legacy codes 1 to 18, in order. The {@code *_UNKNOWN} members had none.
   */
  private static final Arch[] LEGACY = {
    X86, AMD64, AMD64H, ARM, ARM_V5, ARM_V6, ARM_V6M, ARM_V7, ARM_V7F, ARM_V7S, ARM_V7K, ARM_V7M,
    ARM_V7EM, ARM64, ARM64_V8, ARM64E, PPC, PPC64
  };

  private final int code;
  private final String displayName;
  private final CpuFamily family;

  Arch(int code, String displayName, CpuFamily family) {
    this.code = code;
    this.displayName = displayName;
    this.family = family;
  }

  private static void alias(Arch arch, String... names) {
    for (String name : names) {
      BY_NAME.put(name, arch);
    }
  }

  /**
   * Parses a name case-insensitively: the canonical names returned by {@link #displayName()} and
   * common aliases such as {@code i686}, {@code amd64}, {@code x64}, {@code aarch64} or {@code
   * powerpc64}.
   *
   * @param name the architecture name
   * @return the architecture, or empty if the name is not known
   */
  public static Optional<Arch> parse(String name) {
    return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Returns the architecture with a numeric code as used by symbolic's binary formats. Codes 1 to
   * 18 are symbolic's legacy numbering.
   *
   * @param code the code
   * @return the architecture, or {@link #UNKNOWN} for unknown codes
   */
  public static Arch fromCode(long code) {
    if (code >= 1 && code <= LEGACY.length) {
      return LEGACY[(int) code - 1];
    }
    for (Arch arch : values()) {
      if (arch.code == code) {
        return arch;
      }
    }
    return UNKNOWN;
  }

  /**
   * Returns the numeric code symbolic uses for this architecture.
   *
   * @return the code, grouped by family in hundreds
   */
  public int code() {
    return code;
  }

  /**
   * Returns the canonical name, e.g. {@code x86_64} or {@code arm64e}.
   *
   * @return the name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * Returns the CPU family, which knows pointer size and register names.
   *
   * @return the family
   */
  public CpuFamily cpuFamily() {
    return family;
  }

  /**
   * Tells whether this is a specific architecture rather than {@link #UNKNOWN} or an {@code
   * *_UNKNOWN} variant.
   *
   * @return true if well-known
   */
  public boolean wellKnown() {
    return code % 100 != 99 && this != UNKNOWN;
  }

  /** Returns {@link #displayName()}. */
  @Override
  public String toString() {
    return displayName;
  }
}
