package dev.symbolic.common;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A family of CPUs sharing an instruction set and pointer size; see {@link Arch#cpuFamily()}.
 *
 * <p>Mirrors Sentry symbolic's {@code CpuFamily}, plus RISC-V. Register names are the ones
 * Breakpad and symbolic use in stack walking and CFI (for instance {@code rip}, not {@code $rip}).
 */
public enum CpuFamily {
  /** Any family that is not explicitly supported. */
  UNKNOWN(0, 0, null, null, null),
  /** 32-bit x86. */
  INTEL_32(4, 0, "eip", "esp", "ebp"),
  /** 64-bit x86, also known as x86_64 or AMD64. */
  AMD_64(8, 0, "rip", "rsp", "rbp"),
  /** 32-bit ARM. Thumb code makes 2-byte alignment the minimum. Apple platforms use r7 as fp. */
  ARM_32(4, 2, "pc", "sp", "r11"),
  /** 64-bit ARM (AArch64). */
  ARM_64(8, 4, "pc", "sp", "x29"),
  /**
   * The ILP32 ABI on 64-bit ARM (Apple Watch). Pointers are 4 bytes in memory, but symbolic
   * reports 8 because registers, and thus values in CFI and stack walking, are 64-bit.
   */
  ARM_64_32(8, 4, "pc", "sp", "x29"),
  /** 32-bit PowerPC. There is no dedicated frame pointer; the stack pointer r1 is the chain. */
  PPC_32(4, 4, "srr0", "r1", null),
  /** 64-bit PowerPC. */
  PPC_64(8, 8, "srr0", "r1", null),
  /** 32-bit MIPS. */
  MIPS_32(4, 4, "pc", "sp", "fp"),
  /** 64-bit MIPS. */
  MIPS_64(8, 4, "pc", "sp", "fp"),
  /** 32-bit RISC-V. The C extension allows 2-byte instructions. */
  RISCV_32(4, 2, "pc", "sp", "s0"),
  /** 64-bit RISC-V. */
  RISCV_64(8, 2, "pc", "sp", "s0"),
  /** The virtual 32-bit WebAssembly machine, which has no registers. */
  WASM_32(4, 4, null, null, null);

  private final int pointerSize;
  private final int alignment;
  private final String ip;
  private final String sp;
  private final String fp;

  CpuFamily(int pointerSize, int alignment, String ip, String sp, String fp) {
    this.pointerSize = pointerSize;
    this.alignment = alignment;
    this.ip = ip;
    this.sp = sp;
    this.fp = fp;
  }

  /**
   * Returns the native pointer size, which is also the size of general-purpose registers.
   *
   * @return the size in bytes, or empty for {@link #UNKNOWN}
   */
  public OptionalInt pointerSize() {
    return pointerSize == 0 ? OptionalInt.empty() : OptionalInt.of(pointerSize);
  }

  /**
   * Returns the instruction alignment if instructions have a fixed minimum size. Symbolicators
   * use it to step from a return address back into the calling instruction.
   *
   * @return the alignment in bytes, or empty for variable-length encodings such as x86
   */
  public OptionalInt instructionAlignment() {
    return alignment == 0 ? OptionalInt.empty() : OptionalInt.of(alignment);
  }

  /**
   * Returns the name of the instruction pointer register.
   *
   * @return e.g. {@code rip} or {@code pc}; empty if unknown or the family has none
   */
  public Optional<String> instructionPointerRegister() {
    return Optional.ofNullable(ip);
  }

  /**
   * Returns the name of the stack pointer register.
   *
   * @return e.g. {@code rsp} or {@code sp}; empty if unknown or the family has none
   */
  public Optional<String> stackPointerRegister() {
    return Optional.ofNullable(sp);
  }

  /**
   * Returns the name of the conventional frame pointer register.
   *
   * @return e.g. {@code rbp} or {@code x29}; empty if the ABI defines none
   */
  public Optional<String> framePointerRegister() {
    return Optional.ofNullable(fp);
  }
}
