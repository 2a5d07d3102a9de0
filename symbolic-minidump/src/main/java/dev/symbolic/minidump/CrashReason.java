package dev.symbolic.minidump;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the process crashed and where, named as Breakpad's {@code minidump_stackwalk} names it.
 *
 * <p>The reason is a Windows exception name ({@code EXCEPTION_ACCESS_VIOLATION_WRITE}), a Linux
 * signal with its {@code si_code} ({@code SIGSEGV /SEGV_MAPERR}, Breakpad's spelling without a
 * space after the slash), or a Mach exception with its code ({@code EXC_BAD_ACCESS /
 * KERN_INVALID_ADDRESS}). A Windows {@code __fastfail} names its code ({@code
 * EXCEPTION_STACK_BUFFER_OVERRUN / FAST_FAIL_FATAL_APP_EXIT}). Unknown codes read {@code 0x%08x /
 * 0x%08x} (code / flags). For access violations and in-page errors the address is the data
 * address from the second parameter; otherwise it is the exception address. On 32-bit CPUs it is
 * masked to 32 bits.
 *
 * @param reason the crash reason
 * @param address the crash address, unsigned
 */
public record CrashReason(String reason, long address) {
  /** Checks for a null reason. */
  public CrashReason {
    Objects.requireNonNull(reason, "reason");
  }

  private static final Map<Long, String> WINDOWS = new HashMap<>();

  static {
    win(0x40010005L, "DBG_CONTROL_C");
    win(0x80000001L, "EXCEPTION_GUARD_PAGE");
    win(0x80000002L, "EXCEPTION_DATATYPE_MISALIGNMENT");
    win(0x80000003L, "EXCEPTION_BREAKPOINT");
    win(0x80000004L, "EXCEPTION_SINGLE_STEP");
    win(0xc0000008L, "EXCEPTION_INVALID_HANDLE");
    win(0xc000001dL, "EXCEPTION_ILLEGAL_INSTRUCTION");
    win(0xc0000025L, "EXCEPTION_NONCONTINUABLE_EXCEPTION");
    win(0xc0000026L, "EXCEPTION_INVALID_DISPOSITION");
    win(0xc000008cL, "EXCEPTION_BOUNDS_EXCEEDED");
    win(0xc000008dL, "EXCEPTION_FLT_DENORMAL_OPERAND");
    win(0xc000008eL, "EXCEPTION_FLT_DIVIDE_BY_ZERO");
    win(0xc000008fL, "EXCEPTION_FLT_INEXACT_RESULT");
    win(0xc0000090L, "EXCEPTION_FLT_INVALID_OPERATION");
    win(0xc0000091L, "EXCEPTION_FLT_OVERFLOW");
    win(0xc0000092L, "EXCEPTION_FLT_STACK_CHECK");
    win(0xc0000093L, "EXCEPTION_FLT_UNDERFLOW");
    win(0xc0000094L, "EXCEPTION_INT_DIVIDE_BY_ZERO");
    win(0xc0000095L, "EXCEPTION_INT_OVERFLOW");
    win(0xc0000096L, "EXCEPTION_PRIV_INSTRUCTION");
    win(0xc00000fdL, "EXCEPTION_STACK_OVERFLOW");
    win(0xc00000ffL, "EXCEPTION_BAD_FUNCTION_TABLE");
    win(0xc0000194L, "EXCEPTION_POSSIBLE_DEADLOCK");
    win(0xc0000409L, "EXCEPTION_STACK_BUFFER_OVERRUN");
    win(0xc0000374L, "EXCEPTION_HEAP_CORRUPTION");
    win(0xe0000008L, "Out of Memory");
    win(0xe06d7363L, "Unhandled C++ Exception");
    win(0x0517a7edL, "Simulated Exception");
  }

  private static void win(long code, String name) {
    WINDOWS.put(code, name);
  }

  /** Windows {@code __fastfail} codes, the parameter of a stack buffer overrun, by number. */
  private static final String[] FAST_FAIL = {
    "LEGACY_GS_VIOLATION", "VTGUARD_CHECK_FAILURE", "STACK_COOKIE_CHECK_FAILURE",
    "CORRUPT_LIST_ENTRY", "INCORRECT_STACK", "INVALID_ARG", "GS_COOKIE_INIT", "FATAL_APP_EXIT",
    "RANGE_CHECK_FAILURE", "UNSAFE_REGISTRY_ACCESS", "GUARD_ICALL_CHECK_FAILURE",
    "GUARD_WRITE_CHECK_FAILURE", "INVALID_FIBER_SWITCH", "INVALID_SET_OF_CONTEXT",
    "INVALID_REFERENCE_COUNT", null, null, null, "INVALID_JUMP_BUFFER", "MRDATA_MODIFIED",
    "CERTIFICATION_FAILURE", "INVALID_EXCEPTION_CHAIN", "CRYPTO_LIBRARY",
    "INVALID_CALL_IN_DLL_CALLOUT", "INVALID_IMAGE_BASE", "DLOAD_PROTECTION_FAILURE",
    "UNSAFE_EXTENSION_CALL", "DEPRECATED_SERVICE_INVOKED", "INVALID_BUFFER_ACCESS",
    "INVALID_BALANCED_TREE", "INVALID_NEXT_THREAD", "GUARD_ICALL_CHECK_SUPPRESSED",
    "APCS_DISABLED", "INVALID_IDLE_STATE", "MRDATA_PROTECTION_FAILURE",
    "UNEXPECTED_HEAP_EXCEPTION", "INVALID_LOCK_STATE", "GUARD_JUMPTABLE",
    "INVALID_LONGJUMP_TARGET", "INVALID_DISPATCH_CONTEXT", "INVALID_THREAD",
    "INVALID_SYSCALL_NUMBER", "INVALID_FILE_OPERATION", "LPAC_ACCESS_DENIED", "GUARD_SS_FAILURE",
    "LOADER_CONTINUITY_FAILURE", "GUARD_EXPORT_SUPPRESSION_FAILURE", "INVALID_CONTROL_STACK",
    "SET_CONTEXT_DENIED", "INVALID_IAT", "HEAP_METADATA_CORRUPTION",
    "PAYLOAD_RESTRICTION_VIOLATION", "LOW_LABEL_ACCESS_DENIED", "ENCLAVE_CALL_FAILURE",
    "UNHANDLED_LSS_EXCEPTON", "ADMINLESS_ACCESS_DENIED", "UNEXPECTED_CALL",
    "CONTROL_INVALID_RETURN_ADDRESS", "UNEXPECTED_HOST_BEHAVIOR", "FLAGS_CORRUPTION",
    "VEH_CORRUPTION", "ETW_CORRUPTION", "RIO_ABORT", "INVALID_PFN",
    "GUARD_ICALL_CHECK_FAILURE_XFG", "CAST_GUARD", "HOST_VISIBILITY_CHANGE",
    "KERNEL_CET_SHADOW_STACK_ASSIST", "PATCH_CALLBACK_FAILED", "NTDLL_PATCH_FAILED",
    "INVALID_FLS_DATA"
  };

  /** Linux signal names by number; {@code null} where Breakpad has none. */
  private static final String[] SIGNALS = {
    null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
  };

  private static final String[] ILL_CODES = {
    null, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG",
    "ILL_COPROC", "ILL_BADSTK"
  };
  private static final String[] BUS_CODES = {
    null, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO"
  };
  private static final String[] FPE_CODES = {
    null, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES",
    "FPE_FLTINV", "FPE_FLTSUB"
  };
  private static final String[] SEGV_CODES = {
    null, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR"
  };

  /**
   * Names the crash of an exception stream.
   *
   * @param exception the exception stream
   * @param system the system info, which says how to read the codes; without it the reason is
   *     numeric
   * @return the reason and address
   */
  public static CrashReason of(ExceptionStream exception, Optional<SystemInfo> system) {
    long code = exception.code();
    long flags = exception.flags();
    String flagsText = hex32(flags);
    String fallback = hex32(code) + " / " + flagsText;
    long address = exception.address();
    if (system.isEmpty()) {
      return new CrashReason(fallback, address);
    }
    SystemInfo sys = system.get();
    String reason = fallback;
    long platform = sys.platformId();
    if (platform == SystemInfo.OS_WIN32_NT || platform == SystemInfo.OS_WIN32_WINDOWS) {
      List<Long> p = exception.parameters();
      if (code == 0xc0000005L || code == 0xc0000006L) {
        String base =
            code == 0xc0000005L ? "EXCEPTION_ACCESS_VIOLATION" : "EXCEPTION_IN_PAGE_ERROR";
        reason = base;
        if (!p.isEmpty()) {
          long type = p.get(0);
          reason = type == 0 ? base + "_READ" : type == 1 ? base + "_WRITE"
              : type == 8 ? base + "_EXEC" : base;
        }
        if (p.size() >= 2) {
          address = p.get(1);
        }
        if (code == 0xc0000006L && p.size() >= 3) {
          reason += " / " + NtStatusNames.describe(p.get(2));
        }
      } else if (code == 0xc0000409L && !p.isEmpty()) {
        // __fastfail raises a "stack buffer overrun" whatever the failure; its code says which.
        long ff = p.get(0) & 0xFFFF_FFFFL;
        String name = ff < FAST_FAIL.length ? FAST_FAIL[(int) ff] : null;
        reason = "EXCEPTION_STACK_BUFFER_OVERRUN / "
            + (name != null ? "FAST_FAIL_" + name : hex32(ff));
      } else {
        reason = WINDOWS.getOrDefault(code, fallback);
      }
    } else if (platform == SystemInfo.OS_LINUX || platform == SystemInfo.OS_ANDROID) {
      reason = linux(code, flags, flagsText, fallback);
    } else if (platform == SystemInfo.OS_MAC_OS_X || platform == SystemInfo.OS_IOS) {
      reason = MachExceptionNames.describe(code, flags, sys.processorArchitecture(), fallback);
    }
    if (sys.has32BitAddresses()) {
      address &= 0xFFFF_FFFFL;
    }
    return new CrashReason(reason, address);
  }

  private static String linux(long code, long flags, String flagsText, String fallback) {
    if (code == 0xFFFFFFFFL) {
      return "DUMP_REQUESTED";
    }
    if (code <= 0 || code >= SIGNALS.length) {
      return fallback;
    }
    String signal = SIGNALS[(int) code];
    switch ((int) code) {
      case 4:
        return "SIGILL / " + name(ILL_CODES, flags, flagsText);
      case 7:
        return "SIGBUS / " + name(BUS_CODES, flags, flagsText);
      case 8:
        return "SIGFPE / " + name(FPE_CODES, flags, flagsText);
      case 11:
        return "SIGSEGV /" + name(SEGV_CODES, flags, flagsText);
      default:
        return signal;
    }
  }

  private static String name(String[] names, long value, String fallback) {
    return value > 0 && value < names.length ? names[(int) value] : fallback;
  }

  static String hex32(long value) {
    return String.format(Locale.ROOT, "0x%08x", value);
  }
}
