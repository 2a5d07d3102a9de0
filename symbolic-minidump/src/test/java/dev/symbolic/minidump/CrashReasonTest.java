package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import org.junit.jupiter.api.Test;

/** Crash reasons and addresses as Breakpad's processor names them. */
class CrashReasonTest {
  static CrashReason crash(int arch, long platform, long code, long flags, long address,
      long... params) {
    MinidumpBuilder b = new MinidumpBuilder().exception(1, code, flags, address, params,
        new byte[0]);
    if (platform >= 0) {
      b.systemInfo(arch, platform, null);
    }
    return Minidump.parse(ByteView.of(b.build())).crashReason().orElseThrow();
  }

  static final long WIN = SystemInfo.OS_WIN32_NT;
  static final long LINUX = SystemInfo.OS_LINUX;
  static final long MAC = SystemInfo.OS_MAC_OS_X;
  static final int X86 = SystemInfo.ARCH_X86;
  static final int AMD64 = SystemInfo.ARCH_AMD64;

  @Test
  void windowsAccessViolationsTakeTheDataAddress() {
    assertThat(crash(X86, WIN, 0xc0000005L, 0, 0x40429e, 1, 0x45))
        .isEqualTo(new CrashReason("EXCEPTION_ACCESS_VIOLATION_WRITE", 0x45));
    assertThat(crash(X86, WIN, 0xc0000005L, 0, 0x40429e, 0, 0x10).reason())
        .isEqualTo("EXCEPTION_ACCESS_VIOLATION_READ");
    assertThat(crash(X86, WIN, 0xc0000005L, 0, 0x40429e, 8, 0x10).reason())
        .isEqualTo("EXCEPTION_ACCESS_VIOLATION_EXEC");
    assertThat(crash(X86, WIN, 0xc0000005L, 0, 0x40429e, 3, 0x10).reason())
        .isEqualTo("EXCEPTION_ACCESS_VIOLATION");
    assertThat(crash(X86, WIN, 0xc0000005L, 0, 0x40429e))
        .isEqualTo(new CrashReason("EXCEPTION_ACCESS_VIOLATION", 0x40429e));
    assertThat(crash(AMD64, WIN, 0xc0000006L, 0, 1, 0, 0x20, 0xc000009cL))
        .isEqualTo(new CrashReason("EXCEPTION_IN_PAGE_ERROR_READ / STATUS_DEVICE_DATA_ERROR", 0x20));
  }

  @Test
  void inPageErrorsNameTheirNtStatusOrGiveItInHex() {
    assertThat(crash(AMD64, WIN, 0xc0000006L, 0, 1, 1, 0x20, 0xc0000185L).reason())
        .isEqualTo("EXCEPTION_IN_PAGE_ERROR_WRITE / STATUS_IO_DEVICE_ERROR");
    assertThat(crash(AMD64, WIN, 0xc0000006L, 0, 1, 8, 0x20, 0xc000000eL).reason())
        .isEqualTo("EXCEPTION_IN_PAGE_ERROR_EXEC / STATUS_NO_SUCH_DEVICE");
    assertThat(crash(AMD64, WIN, 0xc0000006L, 0, 1, 0, 0x20, 0x40000000L).reason())
        .isEqualTo("EXCEPTION_IN_PAGE_ERROR_READ / STATUS_OBJECT_NAME_EXISTS");
    assertThat(crash(AMD64, WIN, 0xc0000006L, 0, 1, 0, 0x20, 0xc0ffee00L).reason())
        .isEqualTo("EXCEPTION_IN_PAGE_ERROR_READ / 0xc0ffee00");
    assertThat(crash(AMD64, WIN, 0xc0000006L, 0, 1, 0, 0x20, 0x1_c0000185L).reason())
        .isEqualTo("EXCEPTION_IN_PAGE_ERROR_READ / STATUS_IO_DEVICE_ERROR");
  }

  @Test
  void otherWindowsCodes() {
    assertThat(crash(AMD64, WIN, 0xc00000fdL, 0, 7).reason()).isEqualTo("EXCEPTION_STACK_OVERFLOW");
    assertThat(crash(AMD64, WIN, 0xe06d7363L, 0, 7).reason()).isEqualTo("Unhandled C++ Exception");
    assertThat(crash(AMD64, WIN, 0x80000003L, 0, 7).reason()).isEqualTo("EXCEPTION_BREAKPOINT");
    assertThat(crash(AMD64, WIN, 0x12345678L, 2, 7).reason()).isEqualTo("0x12345678 / 0x00000002");
    assertThat(crash(AMD64, WIN, 0xc0000409L, 1, 7, 7).reason())
        .isEqualTo("EXCEPTION_STACK_BUFFER_OVERRUN / FAST_FAIL_FATAL_APP_EXIT");
    assertThat(crash(AMD64, WIN, 0xc0000409L, 1, 7, 16).reason())
        .isEqualTo("EXCEPTION_STACK_BUFFER_OVERRUN / 0x00000010");
    assertThat(crash(AMD64, WIN, 0xc0000409L, 1, 7).reason())
        .isEqualTo("EXCEPTION_STACK_BUFFER_OVERRUN");
  }

  @Test
  void linuxSignalsWithSiCode() {
    assertThat(crash(AMD64, LINUX, 11, 1, 0x45))
        .isEqualTo(new CrashReason("SIGSEGV /SEGV_MAPERR", 0x45));
    assertThat(crash(AMD64, LINUX, 11, 0, 0).reason()).isEqualTo("SIGSEGV /0x00000000");
    assertThat(crash(AMD64, LINUX, 4, 2, 0).reason()).isEqualTo("SIGILL / ILL_ILLOPN");
    assertThat(crash(AMD64, LINUX, 7, 2, 0).reason()).isEqualTo("SIGBUS / BUS_ADRERR");
    assertThat(crash(AMD64, LINUX, 8, 1, 0).reason()).isEqualTo("SIGFPE / FPE_INTDIV");
    assertThat(crash(AMD64, LINUX, 6, 0, 0).reason()).isEqualTo("SIGABRT");
    assertThat(crash(AMD64, SystemInfo.OS_ANDROID, 0xFFFFFFFFL, 0, 0).reason())
        .isEqualTo("DUMP_REQUESTED");
    assertThat(crash(AMD64, LINUX, 99, 0, 0).reason()).isEqualTo("0x00000063 / 0x00000000");
  }

  @Test
  void machExceptionsDependOnTheCpu() {
    assertThat(crash(AMD64, MAC, 1, 1, 0x10).reason())
        .isEqualTo("EXC_BAD_ACCESS / KERN_INVALID_ADDRESS");
    assertThat(crash(AMD64, MAC, 1, 13, 0).reason()).isEqualTo("EXC_BAD_ACCESS / EXC_I386_GPFLT");
    assertThat(crash(SystemInfo.ARCH_ARM64, SystemInfo.OS_IOS, 1, 0x101, 0).reason())
        .isEqualTo("EXC_BAD_ACCESS / EXC_ARM_DA_ALIGN");
    assertThat(crash(AMD64, MAC, 2, 1, 0).reason())
        .isEqualTo("EXC_BAD_INSTRUCTION / EXC_I386_INVOP");
    assertThat(crash(SystemInfo.ARCH_ARM, MAC, 2, 1, 0).reason())
        .isEqualTo("EXC_BAD_INSTRUCTION / EXC_ARM_UNDEFINED");
    assertThat(crash(AMD64, MAC, 3, 1, 0).reason()).isEqualTo("EXC_ARITHMETIC / EXC_I386_DIV");
    assertThat(crash(AMD64, MAC, 5, 0x00010002L, 0).reason()).isEqualTo("EXC_SOFTWARE / SIGABRT");
    assertThat(crash(AMD64, MAC, 6, 2, 0).reason()).isEqualTo("EXC_BREAKPOINT / EXC_I386_BPT");
    assertThat(crash(AMD64, MAC, 0x43507378L, 0, 0).reason()).isEqualTo("Simulated Exception");
    assertThat(crash(AMD64, MAC, 1, 0x77, 0).reason()).isEqualTo("EXC_BAD_ACCESS / 0x00000077");
  }

  @Test
  void addressesOf32BitCpusAreMasked() {
    assertThat(crash(X86, LINUX, 11, 1, 0xffff_ffff_1234_5678L).address()).isEqualTo(0x12345678L);
    assertThat(crash(AMD64, LINUX, 11, 1, 0xffff_ffff_1234_5678L).address())
        .isEqualTo(0xffff_ffff_1234_5678L);
  }

  @Test
  void withoutSystemInfoTheReasonIsNumeric() {
    assertThat(crash(0, -1, 0xc0000005L, 0, 0x10, 1, 2))
        .isEqualTo(new CrashReason("0xc0000005 / 0x00000000", 0x10));
  }
}
