package dev.symbolic.debuginfo;

import dev.symbolic.common.CpuFamily;
import java.util.Arrays;
import java.util.Optional;

/**
 * Breakpad's names for DWARF register numbers, per CPU family, as symbolic-cfi writes them: with
 * a {@code $} on x86, x86-64 and MIPS, bare on ARM and PowerPC. Families without a table (RISC-V)
 * have no names.
 */
final class CfiRegisterNames {
  private CfiRegisterNames() {}

  private static final String[] I386 = {
    "$eax", "$ecx", "$edx", "$ebx", "$esp", "$ebp", "$esi", "$edi", "$eip", "$eflags", "$unused1",
    "$st0", "$st1", "$st2", "$st3", "$st4", "$st5", "$st6", "$st7", "$unused2", "$unused3",
    "$xmm0", "$xmm1", "$xmm2", "$xmm3", "$xmm4", "$xmm5", "$xmm6", "$xmm7", "$mm0", "$mm1", "$mm2",
    "$mm3", "$mm4", "$mm5", "$mm6", "$mm7", "$fcw", "$fsw", "$mxcsr", "$es", "$cs", "$ss", "$ds",
    "$fs", "$gs", "$unused4", "$unused5", "$tr", "$ldtr",
  };

  private static final String[] X86_64 = {
    "$rax", "$rdx", "$rcx", "$rbx", "$rsi", "$rdi", "$rbp", "$rsp", "$r8", "$r9", "$r10", "$r11",
    "$r12", "$r13", "$r14", "$r15", "$rip", "$xmm0", "$xmm1", "$xmm2", "$xmm3", "$xmm4", "$xmm5",
    "$xmm6", "$xmm7", "$xmm8", "$xmm9", "$xmm10", "$xmm11", "$xmm12", "$xmm13", "$xmm14", "$xmm15",
    "$st0", "$st1", "$st2", "$st3", "$st4", "$st5", "$st6", "$st7", "$mm0", "$mm1", "$mm2", "$mm3",
    "$mm4", "$mm5", "$mm6", "$mm7", "$rflags", "$es", "$cs", "$ss", "$ds", "$fs", "$gs",
    "$unused1", "$unused2", "$fs.base", "$gs.base", "$unused3", "$unused4", "$tr", "$ldtr",
    "$mxcsr", "$fcw", "$fsw",
  };

  private static final String[] ARM = arm();
  private static final String[] ARM64 = arm64();

  private static final String[] PPC = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
    "r15", "r16", "r17", "r18", "r19", "r20", "r21", "r22", "r23", "r24", "r25", "r26", "r27",
    "r28", "r29", "r30", "r31", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10",
    "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23",
    "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31", "", "lr", "ctr", "", "cr0", "cr1",
    "cr2", "cr3", "cr4", "cr5", "cr6", "cr7", "xer", "vr0", "vr1", "vr2", "vr3", "vr4", "vr5",
    "vr6", "vr7", "vr8", "vr9", "vr10", "vr11", "vr12", "vr13", "vr14", "vr15", "vr16", "vr17",
    "vr18", "vr19", "vr20", "vr21", "vr22", "vr23", "vr24", "vr25", "vr26", "vr27", "vr28", "vr29",
    "vr30", "vr31", "", "vscr", "", "", "", "tfhar", "tfiar", "texasr",
  };

  private static final String[] MIPS = {
    "$zero", "$at", "$v0", "$v1", "$a0", "$a1", "$a2", "$a3", "$t0", "$t1", "$t2", "$t3", "$t4",
    "$t5", "$t6", "$t7", "$s0", "$s1", "$s2", "$s3", "$s4", "$s5", "$s6", "$s7", "$t8", "$t9",
    "$k0", "$k1", "$gp", "$sp", "$fp", "$ra", "$lo", "$hi", "$pc", "$f0", "$f2", "$f3", "$f4",
    "$f5", "$f6", "$f7", "$f8", "$f9", "$f10", "$f11", "$f12", "$f13", "$f14", "$f15", "$f16",
    "$f17", "$f18", "$f19", "$f20", "$f21", "$f22", "$f23", "$f24", "$f25", "$f26", "$f27", "$f28",
    "$f29", "$f30", "$f31", "$fcsr", "$fir",
  };

  /** ARM: r0-r15 as r0..r12 sp lr pc, FPA f0-f7, fps, cpsr (16-25), s0-s31 (64-95), f0-f7. */
  private static String[] arm() {
    String[] names = new String[104];
    Arrays.fill(names, "");
    for (int i = 0; i < 13; i++) {
      names[i] = "r" + i;
    }
    names[13] = "sp";
    names[14] = "lr";
    names[15] = "pc";
    for (int i = 0; i < 8; i++) {
      names[16 + i] = "f" + i;
      names[96 + i] = "f" + i;
    }
    names[24] = "fps";
    names[25] = "cpsr";
    for (int i = 0; i < 32; i++) {
      names[64 + i] = "s" + i;
    }
    return names;
  }

  /** AArch64: x0-x30, sp (31), v0-v31 (64-95). */
  private static String[] arm64() {
    String[] names = new String[96];
    Arrays.fill(names, "");
    for (int i = 0; i < 31; i++) {
      names[i] = "x" + i;
    }
    names[31] = "sp";
    for (int i = 0; i < 32; i++) {
      names[64 + i] = "v" + i;
    }
    return names;
  }

  /** The table of a family, or an empty one. */
  static String[] table(CpuFamily family) {
    switch (family) {
      case INTEL_32:
        return I386;
      case AMD_64:
        return X86_64;
      case ARM_64:
      case ARM_64_32:
        return ARM64;
      case ARM_32:
        return ARM;
      case PPC_32:
      case PPC_64:
        return PPC;
      case MIPS_32:
      case MIPS_64:
        return MIPS;
      default:
        return new String[0];
    }
  }

  /**
   * The name of a register.
   *
   * @param table a table from {@link #table}
   * @param register the DWARF register number
   * @return the name, or empty if the register has none
   */
  static Optional<String> name(String[] table, int register) {
    if (register < 0 || register >= table.length || table[register].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(table[register]);
  }
}
