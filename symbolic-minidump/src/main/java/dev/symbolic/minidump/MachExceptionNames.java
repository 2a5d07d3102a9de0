package dev.symbolic.minidump;

/**
 * Breakpad's names of Mach exceptions ({@code EXC_*}) and of their codes, which depend on the CPU.
 */
final class MachExceptionNames {
  private MachExceptionNames() {}

  private static final int BAD_ACCESS = 1;
  private static final int BAD_INSTRUCTION = 2;
  private static final int ARITHMETIC = 3;
  private static final int EMULATION = 4;
  private static final int SOFTWARE = 5;
  private static final int BREAKPOINT = 6;
  private static final int SYSCALL = 7;
  private static final int MACH_SYSCALL = 8;
  private static final int RPC_ALERT = 9;
  private static final long SIMULATED = 0x43507378L;

  static String describe(long code, long flags, int arch, String fallback) {
    String f = CrashReason.hex32(flags);
    boolean arm = arch == SystemInfo.ARCH_ARM || arch == SystemInfo.ARCH_ARM64
        || arch == SystemInfo.ARCH_ARM64_OLD;
    boolean ppc = arch == SystemInfo.ARCH_PPC;
    boolean x86 = arch == SystemInfo.ARCH_X86 || arch == SystemInfo.ARCH_AMD64;
    if (code == SIMULATED) {
      return "Simulated Exception";
    }
    switch ((int) code) {
      case BAD_ACCESS:
        return "EXC_BAD_ACCESS / " + badAccess(flags, arm, ppc, x86, f);
      case BAD_INSTRUCTION:
        return "EXC_BAD_INSTRUCTION / " + badInstruction(flags, arm, ppc, x86, f);
      case ARITHMETIC:
        return "EXC_ARITHMETIC / " + arithmetic(flags, ppc, x86, f);
      case EMULATION:
        return "EXC_EMULATION / " + f;
      case SOFTWARE:
        return "EXC_SOFTWARE / " + software(flags, f);
      case BREAKPOINT:
        return "EXC_BREAKPOINT / " + breakpoint(flags, arm, ppc, x86, f);
      case SYSCALL:
        return "EXC_SYSCALL / " + f;
      case MACH_SYSCALL:
        return "EXC_MACH_SYSCALL / " + f;
      case RPC_ALERT:
        return "EXC_RPC_ALERT / " + f;
      default:
        return fallback;
    }
  }

  private static String badAccess(long flags, boolean arm, boolean ppc, boolean x86, String f) {
    switch ((int) flags) {
      case 1: return "KERN_INVALID_ADDRESS";
      case 2: return "KERN_PROTECTION_FAILURE";
      case 8: return "KERN_NO_ACCESS";
      case 9: return "KERN_MEMORY_FAILURE";
      case 10: return "KERN_MEMORY_ERROR";
      case 50: return "KERN_CODESIGN_ERROR";
      default: break;
    }
    if (arm) {
      return flags == 0x101 ? "EXC_ARM_DA_ALIGN" : flags == 0x102 ? "EXC_ARM_DA_DEBUG" : f;
    }
    if (ppc) {
      return flags == 0x101 ? "EXC_PPC_VM_PROT_READ" : flags == 0x102 ? "EXC_PPC_BADSPACE"
          : flags == 0x103 ? "EXC_PPC_UNALIGNED" : f;
    }
    if (x86) {
      return flags == 13 ? "EXC_I386_GPFLT" : f;
    }
    return f;
  }

  private static String badInstruction(
      long flags, boolean arm, boolean ppc, boolean x86, String f) {
    if (arm) {
      return flags == 1 ? "EXC_ARM_UNDEFINED" : f;
    }
    if (ppc) {
      switch ((int) flags) {
        case 1: return "EXC_PPC_INVALID_SYSCALL";
        case 2: return "EXC_PPC_UNIPL_INST";
        case 3: return "EXC_PPC_PRIVINST";
        case 4: return "EXC_PPC_PRIVREG";
        case 5: return "EXC_PPC_TRACE";
        case 6: return "EXC_PPC_PERFMON";
        default: return f;
      }
    }
    if (x86) {
      switch ((int) flags) {
        case 1: return "EXC_I386_INVOP";
        case 10: return "EXC_I386_INVTSSFLT";
        case 11: return "EXC_I386_SEGNPFLT";
        case 12: return "EXC_I386_STKFLT";
        case 13: return "EXC_I386_GPFLT";
        case 17: return "EXC_I386_ALIGNFLT";
        default: return f;
      }
    }
    return f;
  }

  private static String arithmetic(long flags, boolean ppc, boolean x86, String f) {
    if (ppc) {
      switch ((int) flags) {
        case 1: return "EXC_PPC_OVERFLOW";
        case 2: return "EXC_PPC_ZERO_DIVIDE";
        case 3: return "EXC_FLT_INEXACT";
        case 4: return "EXC_PPC_FLT_ZERO_DIVIDE";
        case 5: return "EXC_PPC_FLT_UNDERFLOW";
        case 6: return "EXC_PPC_FLT_OVERFLOW";
        case 7: return "EXC_PPC_FLT_NOT_A_NUMBER";
        case 8: return "EXC_PPC_NOEMULATION";
        case 9: return "EXC_PPC_ALTIVECASSIST";
        default: return f;
      }
    }
    if (x86) {
      switch ((int) flags) {
        case 1: return "EXC_I386_DIV";
        case 2: return "EXC_I386_INTO";
        case 3: return "EXC_I386_NOEXT";
        case 4: return "EXC_I386_EXTOVR";
        case 5: return "EXC_I386_EXTERR";
        case 6: return "EXC_I386_EMERR";
        case 7: return "EXC_I386_BOUND";
        case 8: return "EXC_I386_SSEEXTERR";
        default: return f;
      }
    }
    return f;
  }

  private static String software(long flags, String f) {
    if (flags == 0x00010002L) {
      return "SIGABRT";
    }
    if (flags == 0xDEADC0DEL) {
      return "UNCAUGHT_NS_EXCEPTION";
    }
    if (flags == 0x00000001L) {
      return "EXC_PPC_TRAP";
    }
    if (flags == 0x00010100L) {
      return "EXC_PPC_MIGRATE";
    }
    return f;
  }

  private static String breakpoint(long flags, boolean arm, boolean ppc, boolean x86, String f) {
    if (arm) {
      return flags == 0x101 ? "EXC_ARM_DA_ALIGN" : flags == 0x102 ? "EXC_ARM_DA_DEBUG"
          : flags == 1 ? "EXC_ARM_BREAKPOINT" : f;
    }
    if (ppc) {
      return flags == 1 ? "EXC_PPC_BREAKPOINT" : f;
    }
    if (x86) {
      return flags == 1 ? "EXC_I386_SGL" : flags == 2 ? "EXC_I386_BPT" : f;
    }
    return f;
  }
}
