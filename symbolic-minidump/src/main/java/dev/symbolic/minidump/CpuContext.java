package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The general-purpose registers of one thread or one stack frame: a CPU family, register values
 * named as Breakpad prints them, and which of them are known.
 *
 * <p>A context read from a minidump knows every register. A caller's context recovered by stack
 * walking knows only some (the callee-saved ones the unwind rules restored); {@link
 * #isValid(String)} tells which. Register names are, in the order Breakpad prints them:
 *
 * <ul>
 *   <li>x86: {@code eip esp ebp ebx esi edi eax ecx edx efl};
 *   <li>amd64: {@code rax rdx rcx rbx rsi rdi rbp rsp r8}-{@code r15 rip};
 *   <li>arm: {@code r0}-{@code r10 r12 fp sp lr pc}, with aliases {@code r11 r13 r14 r15};
 *   <li>arm64: {@code x0}-{@code x28 fp lr sp pc}, with aliases {@code x29 x30};
 *   <li>mips, mips64: {@code zero at v0 v1 a0}-{@code a3 t0}-{@code t7 s0}-{@code s7 t8 t9 k0 k1
 *       gp sp fp ra pc} (the 32 general registers in number order, then the program counter,
 *       {@code epc}); Breakpad prints only {@code gp sp fp ra pc s0}-{@code s7} of them.
 * </ul>
 *
 * <p>A leading {@code $} (as in Breakpad's CFI rules) is ignored when looking a register up.
 * Values of x86 and arm are kept in the low 32 bits; mips keeps the 64-bit registers of its
 * context, as Breakpad prints them. Instances are immutable.
 */
public final class CpuContext {
  // CPU-type bits of the context flags (MD_CONTEXT_*), excluding the low feature bits.
  static final long X86 = 0x00010000L;
  static final long AMD64 = 0x00100000L;
  static final long ARM = 0x40000000L;
  static final long ARM64 = 0x00400000L;
  static final long ARM64_OLD = 0x80000000L;
  private static final long PPC = 0x20000000L;
  private static final long PPC64 = 0x01000000L;
  private static final long SPARC = 0x10000000L;
  static final long MIPS = 0x00040000L;
  static final long MIPS64 = 0x00080000L;

  /** Sizes of the fixed part of each layout; extended state (XSAVE) may follow. */
  static final int X86_SIZE = 716;
  static final int AMD64_SIZE = 1232;
  static final int ARM_SIZE = 368;
  static final int ARM64_SIZE = 912;
  static final int MIPS_SIZE = 600;

  private static final String[] X86_NAMES = {
    "eip", "esp", "ebp", "ebx", "esi", "edi", "eax", "ecx", "edx", "efl"
  };
  private static final String[] AMD64_NAMES = {
    "rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12",
    "r13", "r14", "r15", "rip"
  };
  private static final String[] ARM_NAMES = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r12", "fp", "sp", "lr",
    "pc"
  };
  private static final String[] ARM64_NAMES = new String[33];
  private static final String[] MIPS_NAMES = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
    "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp",
    "fp", "ra", "pc"
  };

  static {
    for (int i = 0; i < 29; i++) {
      ARM64_NAMES[i] = "x" + i;
    }
    ARM64_NAMES[29] = "fp";
    ARM64_NAMES[30] = "lr";
    ARM64_NAMES[31] = "sp";
    ARM64_NAMES[32] = "pc";
  }

  private final CpuFamily family;
  private final long flags;
  private final long[] values;
  private final long validMask;

  private CpuContext(CpuFamily family, long flags, long[] values, long validMask) {
    this.family = family;
    this.flags = flags;
    this.values = values;
    this.validMask = validMask;
  }

  /**
   * Creates a context from register values, for instance a caller's context recovered by
   * unwinding. Only the given registers are valid.
   *
   * @param family x86, amd64, arm, arm64, mips or mips64
   * @param registers register names (or aliases) to values
   * @return the context
   * @throws IllegalArgumentException if the family is not supported or a name is unknown
   */
  public static CpuContext of(CpuFamily family, Map<String, Long> registers) {
    Objects.requireNonNull(registers, "registers");
    String[] names = names(family);
    if (names.length == 0) {
      throw new IllegalArgumentException("unsupported CPU family " + family);
    }
    CpuContext c = new CpuContext(family, 0, new long[names.length], 0);
    for (Map.Entry<String, Long> e : registers.entrySet()) {
      c = c.with(e.getKey(), e.getValue());
    }
    return c;
  }

  /**
   * Returns the CPU family.
   *
   * @return {@link CpuFamily#INTEL_32}, {@link CpuFamily#AMD_64}, {@link CpuFamily#ARM_32},
   *     {@link CpuFamily#ARM_64}, {@link CpuFamily#MIPS_32} or {@link CpuFamily#MIPS_64}
   */
  public CpuFamily family() {
    return family;
  }

  /**
   * Returns the raw context flags of a context read from a dump.
   *
   * @return the flags, or 0 for a context made with {@link #of}
   */
  public long flags() {
    return flags;
  }

  /**
   * Returns the names of all registers of this family, in Breakpad's printing order.
   *
   * @return the names, valid or not
   */
  public List<String> registerNames() {
    return Collections.unmodifiableList(Arrays.asList(names(family)));
  }

  /**
   * Returns the names of the valid registers, in Breakpad's printing order.
   *
   * @return the names of registers whose value is known
   */
  public List<String> validRegisterNames() {
    String[] names = names(family);
    List<String> out = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      if ((validMask & (1L << i)) != 0) {
        out.add(names[i]);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Tells whether a register is known.
   *
   * @param name a register name or alias
   * @return true if it is a register of this family and its value is known
   */
  public boolean isValid(String name) {
    int i = index(family, name);
    return i >= 0 && (validMask & (1L << i)) != 0;
  }

  /**
   * Tells whether every register of the family is known, as in a context read from a dump.
   *
   * @return true if all registers are valid
   */
  public boolean allValid() {
    return validMask == fullMask(names(family).length);
  }

  /**
   * Returns a register's value.
   *
   * @param name a register name or alias
   * @return the value, or empty if the register is unknown or not valid
   */
  public OptionalLong register(String name) {
    int i = index(family, name);
    return i >= 0 && (validMask & (1L << i)) != 0
        ? OptionalLong.of(values[i]) : OptionalLong.empty();
  }

  /**
   * The value a register holds even when not valid: callers inherit the callee's stale values,
   * which Breakpad's unwinders still read (a frame pointer nobody restored, for instance).
   */
  long raw(String name) {
    int i = index(family, name);
    return i < 0 ? 0 : values[i];
  }

  /**
   * Returns the instruction pointer ({@code eip}, {@code rip} or {@code pc}).
   *
   * @return the value, or empty if not valid
   */
  public OptionalLong instructionPointer() {
    return register(family.instructionPointerRegister().orElse(""));
  }

  /**
   * Returns the stack pointer ({@code esp}, {@code rsp} or {@code sp}).
   *
   * @return the value, or empty if not valid
   */
  public OptionalLong stackPointer() {
    return register(family.stackPointerRegister().orElse(""));
  }

  /**
   * Returns a copy with one register set and marked valid.
   *
   * @param name a register name or alias
   * @param value the value; 32-bit families keep the low 32 bits
   * @return the new context
   * @throws IllegalArgumentException if the name is not a register of this family
   */
  public CpuContext with(String name, long value) {
    int i = index(family, name);
    if (i < 0) {
      throw new IllegalArgumentException("no register " + name + " on " + family);
    }
    long[] v = values.clone();
    v[i] = is32(family) ? value & 0xFFFF_FFFFL : value;
    return new CpuContext(family, flags, v, validMask | (1L << i));
  }

  /**
   * Returns a copy in which only the named registers stay valid.
   *
   * @param names register names or aliases to keep; unknown names are ignored
   * @return the new context
   */
  public CpuContext retainOnly(List<String> names) {
    long mask = 0;
    for (String n : names) {
      int i = index(family, n);
      if (i >= 0) {
        mask |= 1L << i;
      }
    }
    return new CpuContext(family, flags, values, validMask & mask);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(family.name()).append('{');
    String[] names = names(family);
    String sep = "";
    for (int i = 0; i < names.length; i++) {
      if ((validMask & (1L << i)) != 0) {
        sb.append(sep).append(names[i]).append("=0x").append(Long.toHexString(values[i]));
        sep = " ";
      }
    }
    return sb.append('}').toString();
  }

  /**
   * Reads a context, working out its CPU from the context flags (and, for flags without CPU
   * bits, from {@code expected}), as Breakpad does.
   */
  static CpuContext parse(ByteView file, long rva, long size, CpuFamily expected) {
    DumpBytes.check(file, rva, size, "CPU context");
    CpuFamily family;
    long flags;
    boolean oldArm64 = false;
    if (size >= AMD64_SIZE && (DumpBytes.u32(file, rva + 48) & AMD64) != 0) {
      family = CpuFamily.AMD_64;
      flags = DumpBytes.u32(file, rva + 48);
    } else {
      if (size < 4) {
        throw new MinidumpException(rva, "CPU context of " + size + " bytes has no flags");
      }
      flags = DumpBytes.u32(file, rva);
      long cpu = flags & ~0xFFL;
      // Windows may set high "exception active" bits besides the CPU bit, so the bit of the
      // CPU the system info names wins; otherwise the flags must name exactly one CPU.
      if (expected == CpuFamily.INTEL_32 && (flags & X86) != 0 || cpu == X86) {
        family = CpuFamily.INTEL_32;
      } else if (expected == CpuFamily.ARM_64 && (flags & ARM64) != 0 || cpu == ARM64) {
        family = CpuFamily.ARM_64;
      } else if (expected == CpuFamily.ARM_64 && (flags & ARM64_OLD) != 0 || cpu == ARM64_OLD) {
        family = CpuFamily.ARM_64;
        oldArm64 = true;
      } else if (expected == CpuFamily.ARM_32 && (flags & ARM) != 0 || cpu == ARM) {
        family = CpuFamily.ARM_32;
      } else if (cpu == AMD64) {
        family = CpuFamily.AMD_64;
      } else if (cpu == MIPS) {
        family = CpuFamily.MIPS_32;
      } else if (cpu == MIPS64) {
        family = CpuFamily.MIPS_64;
      } else if (cpu == 0) {
        family = expected;
        if (family == CpuFamily.ARM_64 && size < ARM64_SIZE) {
          oldArm64 = true;
        }
      } else if (cpu == PPC || cpu == PPC64 || cpu == SPARC) {
        throw new MinidumpException(
            rva, "unsupported CPU context (flags 0x" + Long.toHexString(flags) + ")");
      } else {
        throw new MinidumpException(
            rva, "invalid CPU context flags 0x" + Long.toHexString(flags));
      }
    }
    if (expected != CpuFamily.UNKNOWN && family != expected) {
      throw new MinidumpException(
          rva, "CPU context of family " + family + " in a dump of " + expected);
    }
    switch (family) {
      case INTEL_32:
        return x86(file, rva, size, flags);
      case AMD_64:
        return amd64(file, rva, size, flags);
      case ARM_32:
        return arm(file, rva, size, flags);
      case ARM_64:
        return oldArm64 ? arm64Old(file, rva, size) : arm64(file, rva, size, flags);
      case MIPS_32:
      case MIPS_64:
        return mips(family, file, rva, size, flags);
      default:
        throw new MinidumpException(
            rva, "CPU context without CPU type (flags 0x" + Long.toHexString(flags) + ")");
    }
  }

  private static CpuContext x86(ByteView file, long rva, long size, long flags) {
    requireSize(rva, size, 204, "x86");
    int[] offsets = {184, 196, 180, 164, 160, 156, 176, 172, 168, 192};
    long[] v = new long[offsets.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = DumpBytes.u32(file, rva + offsets[i]);
    }
    return new CpuContext(CpuFamily.INTEL_32, flags, v, fullMask(v.length));
  }

  private static CpuContext amd64(ByteView file, long rva, long size, long flags) {
    requireSize(rva, size, 256, "amd64");
    // File order: rax rcx rdx rbx rsp rbp rsi rdi r8-r15 rip, from offset 120.
    int[] fileIndex = {0, 2, 1, 3, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    long[] v = new long[fileIndex.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = DumpBytes.u64(file, rva + 120 + 8L * fileIndex[i]);
    }
    return new CpuContext(CpuFamily.AMD_64, flags, v, fullMask(v.length));
  }

  private static CpuContext arm(ByteView file, long rva, long size, long flags) {
    requireSize(rva, size, 72, "arm");
    int[] iregs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 11, 13, 14, 15};
    long[] v = new long[iregs.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = DumpBytes.u32(file, rva + 4 + 4L * iregs[i]);
    }
    return new CpuContext(CpuFamily.ARM_32, flags, v, fullMask(v.length));
  }

  private static CpuContext arm64(ByteView file, long rva, long size, long flags) {
    requireSize(rva, size, 272, "arm64");
    long[] v = new long[33];
    for (int i = 0; i < 31; i++) {
      v[i] = DumpBytes.u64(file, rva + 8 + 8L * i);
    }
    v[31] = DumpBytes.u64(file, rva + 256);
    v[32] = DumpBytes.u64(file, rva + 264);
    return new CpuContext(CpuFamily.ARM_64, flags, v, fullMask(v.length));
  }

  /** Breakpad's first ARM64 layout: 64-bit flags, x0-x30 and sp, then pc. */
  private static CpuContext arm64Old(ByteView file, long rva, long size) {
    requireSize(rva, size, 276, "arm64");
    long[] v = new long[33];
    for (int i = 0; i < 32; i++) {
      v[i] = DumpBytes.u64(file, rva + 8 + 8L * i);
    }
    v[32] = DumpBytes.u64(file, rva + 264);
    return new CpuContext(CpuFamily.ARM_64, DumpBytes.u64(file, rva), v, fullMask(v.length));
  }

  /**
   * {@code MDRawContextMIPS}, for both widths: 64-bit flags, the 32 general registers as 64-bit
   * values, then hi/lo and DSP state, and {@code epc} at 312.
   */
  private static CpuContext mips(CpuFamily family, ByteView file, long rva, long size,
      long flags) {
    requireSize(rva, size, 320, family == CpuFamily.MIPS_32 ? "mips" : "mips64");
    long[] v = new long[33];
    for (int i = 0; i < 32; i++) {
      v[i] = DumpBytes.u64(file, rva + 8 + 8L * i);
    }
    v[32] = DumpBytes.u64(file, rva + 312);
    return new CpuContext(family, flags, v, fullMask(v.length));
  }

  private static void requireSize(long rva, long size, int min, String cpu) {
    if (size < min) {
      throw new MinidumpException(
          rva, cpu + " CPU context of " + size + " bytes is shorter than " + min);
    }
  }

  private static long fullMask(int n) {
    return n == 64 ? -1L : (1L << n) - 1;
  }

  private static boolean is32(CpuFamily family) {
    return family == CpuFamily.INTEL_32 || family == CpuFamily.ARM_32;
  }

  private static String[] names(CpuFamily family) {
    switch (family) {
      case INTEL_32:
        return X86_NAMES;
      case AMD_64:
        return AMD64_NAMES;
      case ARM_32:
        return ARM_NAMES;
      case ARM_64:
        return ARM64_NAMES;
      case MIPS_32:
      case MIPS_64:
        return MIPS_NAMES;
      default:
        return new String[0];
    }
  }

  private static int index(CpuFamily family, String name) {
    Objects.requireNonNull(name, "name");
    String n = name.startsWith("$") ? name.substring(1) : name;
    if (family == CpuFamily.ARM_32) {
      n = n.equals("r11") ? "fp" : n.equals("r13") ? "sp" : n.equals("r14") ? "lr"
          : n.equals("r15") ? "pc" : n;
    } else if (family == CpuFamily.ARM_64) {
      n = n.equals("x29") ? "fp" : n.equals("x30") ? "lr" : n;
    }
    String[] names = names(family);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(n)) {
        return i;
      }
    }
    return -1;
  }
}
