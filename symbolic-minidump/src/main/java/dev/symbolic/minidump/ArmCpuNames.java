package dev.symbolic.minidump;

import java.util.Locale;

/** Breakpad's description of 32-bit ARM CPUs: version, vendor and part from MIDR, features. */
final class ArmCpuNames {
  private ArmCpuNames() {}

  private static final long[] VENDOR_IDS = {0x41, 0x51, 0x56, 0x69};
  private static final String[] VENDORS = {"ARM", "Qualcomm", "Marvell", "Intel/Marvell"};

  private static final long[] PART_IDS = {
    0x4100c050L, 0x4100c080L, 0x4100c090L, 0x4100c0f0L, 0x4100c140L, 0x4100c150L, 0x4100b360L,
    0x4100b560L, 0x4100b760L, 0x4100b020L, 0x41009260L, 0x41009460L, 0x41009660L, 0x510006f0L,
    0x510000f0L
  };
  private static final String[] PARTS = {
    "Cortex-A5", "Cortex-A8", "Cortex-A9", "Cortex-A15", "Cortex-R4", "Cortex-R5", "ARM1136",
    "ARM1156", "ARM1176", "ARM11-MPCore", "ARM926", "ARM946", "ARM966", "Krait", "Scorpion"
  };

  /** Linux {@code HWCAP_*} names, bit {@code i} naming {@code FEATURES[i]}. */
  private static final String[] FEATURES = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfpv2", "edsp", "java", "iwmmxt",
    "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt"
  };

  static String describe(int level, long cpuid, long hwcaps) {
    StringBuilder sb = new StringBuilder("ARMv").append(level);
    if (cpuid != 0) {
      long vendorId = (cpuid >>> 24) & 0xFF;
      String vendor = lookup(VENDOR_IDS, VENDORS, vendorId);
      sb.append(' ').append(vendor != null ? vendor
          : String.format(Locale.ROOT, "vendor(0x%x)", vendorId));
      long partId = cpuid & 0xff00fff0L;
      String part = lookup(PART_IDS, PARTS, partId);
      sb.append(' ').append(part != null ? part
          : String.format(Locale.ROOT, "part(0x%x)", partId));
    }
    if (hwcaps != 0) {
      sb.append(" features: ");
      String comma = "";
      for (int i = 0; i < FEATURES.length; i++) {
        if ((hwcaps & (1L << i)) != 0) {
          sb.append(comma).append(FEATURES[i]);
          comma = ",";
        }
      }
    }
    return sb.toString();
  }

  private static String lookup(long[] ids, String[] names, long id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return names[i];
      }
    }
    return null;
  }
}
