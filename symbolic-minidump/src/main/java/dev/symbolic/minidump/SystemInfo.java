package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import java.util.Locale;
import java.util.Objects;

/**
 * The system info stream: CPU architecture and model, processor count, OS and OS version.
 *
 * <p>{@link #os()}, {@link #osVersion()}, {@link #cpu()} and {@link #cpuInfo()} give the strings
 * Breakpad's {@code minidump_stackwalk} prints, for example {@code Windows NT}, {@code 5.1.2600
 * Service Pack 2}, {@code x86} and {@code GenuineIntel family 6 model 13 stepping 8}.
 *
 * @param processorArchitecture the {@code PROCESSOR_ARCHITECTURE_*} value, see the constants
 * @param processorLevel the CPU family (x86) or architecture version (ARM)
 * @param processorRevision the model (high byte) and stepping (low byte) on x86
 * @param processorCount the number of processors
 * @param productType the Windows product type (workstation, server...)
 * @param majorVersion the OS major version
 * @param minorVersion the OS minor version
 * @param buildNumber the OS build number
 * @param platformId the OS, see the constants
 * @param csdVersion the service pack, or on Linux the kernel version string; empty if none
 * @param suiteMask the Windows product suites
 * @param cpuVendor the x86 CPUID vendor, for example {@code GenuineIntel}; empty on other CPUs,
 *     amd64 included
 * @param x86VersionInformation CPUID 1 EAX on x86
 * @param x86FeatureInformation CPUID 1 EDX on x86
 * @param x86AmdExtendedFeatures CPUID 0x80000001 EBX on AMD CPUs
 * @param armCpuid the ARM {@code MIDR} register; the same bytes as the vendor on x86
 * @param armElfHwcaps the ARM {@code AT_HWCAP} bits; the same bytes as the vendor on x86
 */
public record SystemInfo(
    int processorArchitecture,
    int processorLevel,
    int processorRevision,
    int processorCount,
    int productType,
    long majorVersion,
    long minorVersion,
    long buildNumber,
    long platformId,
    String csdVersion,
    int suiteMask,
    String cpuVendor,
    long x86VersionInformation,
    long x86FeatureInformation,
    long x86AmdExtendedFeatures,
    long armCpuid,
    long armElfHwcaps) {
  /** Size of {@code MINIDUMP_SYSTEM_INFO}. */
  static final int SIZE = 56;

  /** 32-bit x86. */
  public static final int ARCH_X86 = 0;
  /** 32-bit MIPS. */
  public static final int ARCH_MIPS = 1;
  /** 32-bit PowerPC. */
  public static final int ARCH_PPC = 3;
  /** SuperH. */
  public static final int ARCH_SHX = 4;
  /** 32-bit ARM. */
  public static final int ARCH_ARM = 5;
  /** 64-bit x86. */
  public static final int ARCH_AMD64 = 9;
  /** 32-bit x86 process on 64-bit Windows. */
  public static final int ARCH_X86_WIN64 = 10;
  /** 64-bit ARM, Microsoft's number. */
  public static final int ARCH_ARM64 = 12;
  /** SPARC. */
  public static final int ARCH_SPARC = 0x8001;
  /** 64-bit PowerPC. */
  public static final int ARCH_PPC64 = 0x8002;
  /** 64-bit ARM, Breakpad's old number. */
  public static final int ARCH_ARM64_OLD = 0x8003;
  /** 64-bit MIPS. */
  public static final int ARCH_MIPS64 = 0x8004;

  /** Windows 9x. */
  public static final long OS_WIN32_WINDOWS = 1;
  /** Windows NT. */
  public static final long OS_WIN32_NT = 2;
  /** macOS. */
  public static final long OS_MAC_OS_X = 0x8101;
  /** iOS. */
  public static final long OS_IOS = 0x8102;
  /** Linux. */
  public static final long OS_LINUX = 0x8201;
  /** Solaris. */
  public static final long OS_SOLARIS = 0x8202;
  /** Android. */
  public static final long OS_ANDROID = 0x8203;
  /** PlayStation 3. */
  public static final long OS_PS3 = 0x8204;
  /** Native Client. */
  public static final long OS_NACL = 0x8205;
  /** Fuchsia. */
  public static final long OS_FUCHSIA = 0x8206;

  /** Checks for nulls. */
  public SystemInfo {
    Objects.requireNonNull(csdVersion, "csdVersion");
    Objects.requireNonNull(cpuVendor, "cpuVendor");
  }

  static SystemInfo read(ByteView file, long offset) {
    DumpBytes.check(file, offset, SIZE, "system info");
    int arch = DumpBytes.u16(file, offset);
    long csdRva = DumpBytes.u32(file, offset + 24);
    // Breakpad omits an unreadable service-pack string rather than rejecting the stream.
    String csd = "";
    if (csdRva != 0) {
      try {
        csd = DumpBytes.utf16String(file, csdRva, ReadBudget.forFile(file));
      } catch (MinidumpException e) {
        csd = "";
      }
    }
    // Breakpad reads the vendor of 32-bit x86 only: on amd64 Windows fills the union with
    // processor feature bits instead.
    String vendor = "";
    if (arch == ARCH_X86 || arch == ARCH_X86_WIN64) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        int c = DumpBytes.u8(file, offset + 32 + i);
        if (c != 0) {
          sb.append((char) c);
        }
      }
      vendor = sb.toString();
    }
    return new SystemInfo(
        arch,
        DumpBytes.u16(file, offset + 2),
        DumpBytes.u16(file, offset + 4),
        DumpBytes.u8(file, offset + 6),
        DumpBytes.u8(file, offset + 7),
        DumpBytes.u32(file, offset + 8),
        DumpBytes.u32(file, offset + 12),
        DumpBytes.u32(file, offset + 16),
        DumpBytes.u32(file, offset + 20),
        csd,
        DumpBytes.u16(file, offset + 28),
        vendor,
        DumpBytes.u32(file, offset + 44),
        DumpBytes.u32(file, offset + 48),
        DumpBytes.u32(file, offset + 52),
        DumpBytes.u32(file, offset + 32),
        DumpBytes.u32(file, offset + 36));
  }

  /**
   * Returns the OS name as Breakpad prints it.
   *
   * @return {@code Windows NT}, {@code Windows}, {@code Mac OS X}, {@code iOS}, {@code Linux},
   *     {@code Solaris}, {@code Android}, {@code PS3}, {@code NaCl}, {@code Fuchsia}, or the
   *     platform id as {@code 0x%08x}
   */
  public String os() {
    switch ((int) platformId) {
      case (int) OS_WIN32_NT: return "Windows NT";
      case (int) OS_WIN32_WINDOWS: return "Windows";
      case (int) OS_MAC_OS_X: return "Mac OS X";
      case (int) OS_IOS: return "iOS";
      case (int) OS_LINUX: return "Linux";
      case (int) OS_SOLARIS: return "Solaris";
      case (int) OS_ANDROID: return "Android";
      case (int) OS_PS3: return "PS3";
      case (int) OS_NACL: return "NaCl";
      case (int) OS_FUCHSIA: return "Fuchsia";
      default: return String.format(Locale.ROOT, "0x%08x", platformId);
    }
  }

  /**
   * Returns the OS version as Breakpad prints it: {@code major.minor.build}, then a space and the
   * CSD version if there is one.
   *
   * @return for example {@code 5.1.2600 Service Pack 2}
   */
  public String osVersion() {
    String v = majorVersion + "." + minorVersion + "." + buildNumber;
    return csdVersion.isEmpty() ? v : v + " " + csdVersion;
  }

  /**
   * Returns the CPU name as Breakpad prints it.
   *
   * @return {@code x86}, {@code amd64}, {@code arm}, {@code arm64}, {@code ppc}, {@code ppc64},
   *     {@code sparc}, {@code mips}, {@code mips64}, or the architecture as {@code 0x%04x}
   */
  public String cpu() {
    switch (processorArchitecture) {
      case ARCH_X86: return "x86";
      case ARCH_AMD64: return "amd64";
      case ARCH_PPC: return "ppc";
      case ARCH_PPC64: return "ppc64";
      case ARCH_SPARC: return "sparc";
      case ARCH_ARM: return "arm";
      case ARCH_ARM64:
      case ARCH_ARM64_OLD:
        return "arm64";
      case ARCH_MIPS: return "mips";
      case ARCH_MIPS64: return "mips64";
      default: return String.format(Locale.ROOT, "0x%04x", processorArchitecture);
    }
  }

  /**
   * Returns the CPU family of the architecture.
   *
   * @return the family; {@link CpuFamily#UNKNOWN} for unsupported architectures
   */
  public CpuFamily cpuFamily() {
    switch (processorArchitecture) {
      case ARCH_X86:
      case ARCH_X86_WIN64:
        return CpuFamily.INTEL_32;
      case ARCH_AMD64: return CpuFamily.AMD_64;
      case ARCH_ARM: return CpuFamily.ARM_32;
      case ARCH_ARM64:
      case ARCH_ARM64_OLD:
        return CpuFamily.ARM_64;
      case ARCH_PPC: return CpuFamily.PPC_32;
      case ARCH_PPC64: return CpuFamily.PPC_64;
      case ARCH_MIPS: return CpuFamily.MIPS_32;
      case ARCH_MIPS64: return CpuFamily.MIPS_64;
      default: return CpuFamily.UNKNOWN;
    }
  }

  /**
   * Tells whether addresses of this architecture are 32 bits wide, so that Breakpad masks the
   * crash address to 32 bits.
   *
   * @return true for x86, MIPS, PowerPC, SuperH and ARM
   */
  public boolean has32BitAddresses() {
    switch (processorArchitecture) {
      case ARCH_X86:
      case ARCH_MIPS:
      case ARCH_PPC:
      case ARCH_SHX:
      case ARCH_ARM:
      case ARCH_X86_WIN64:
        return true;
      default:
        return false;
    }
  }

  /**
   * Returns the CPU description as Breakpad prints it: vendor, family, model and stepping on
   * x86; architecture version, vendor, part and features on ARM; empty elsewhere.
   *
   * @return for example {@code GenuineIntel family 6 model 13 stepping 8}
   */
  public String cpuInfo() {
    if (processorArchitecture == ARCH_X86 || processorArchitecture == ARCH_AMD64) {
      String prefix = cpuVendor.isEmpty() ? "" : cpuVendor + " ";
      return prefix + "family " + processorLevel + " model " + (processorRevision >>> 8)
          + " stepping " + (processorRevision & 0xFF);
    }
    if (processorArchitecture == ARCH_ARM) {
      return ArmCpuNames.describe(processorLevel, armCpuid, armElfHwcaps);
    }
    return "";
  }
}
