package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.util.Objects;

/**
 * The misc info stream ({@code MINIDUMP_MISC_INFO} up to {@code MINIDUMP_MISC_INFO_4}): process
 * id and times, processor power state, integrity level and OS build string. Fields of versions
 * larger than the stream are 0 or empty; {@link #flags1()} tells which fields are valid.
 *
 * @param sizeOfInfo the size of the structure as written: 24, 44, 232, 832 or more
 * @param flags1 the validity bits, see the constants
 * @param processId the process id
 * @param processCreateTime when the process started, in seconds since the Unix epoch
 * @param processUserTime the seconds the process spent in user mode
 * @param processKernelTime the seconds the process spent in kernel mode
 * @param processorMaxMhz the maximum processor frequency
 * @param processorCurrentMhz the current processor frequency
 * @param processorMhzLimit the frequency limit
 * @param processorMaxIdleState the deepest idle state
 * @param processorCurrentIdleState the current idle state
 * @param processIntegrityLevel the process integrity level
 * @param processExecuteFlags the data-execution-prevention flags
 * @param protectedProcess whether the process is protected
 * @param timeZoneId the time zone id
 * @param buildString the OS build string, for example {@code 7601.24214.amd64fre.win7sp1_ldr}
 * @param debugBuildString the debugger's build string
 */
public record MiscInfo(
    long sizeOfInfo,
    long flags1,
    long processId,
    long processCreateTime,
    long processUserTime,
    long processKernelTime,
    long processorMaxMhz,
    long processorCurrentMhz,
    long processorMhzLimit,
    long processorMaxIdleState,
    long processorCurrentIdleState,
    long processIntegrityLevel,
    long processExecuteFlags,
    long protectedProcess,
    long timeZoneId,
    String buildString,
    String debugBuildString) {
  /** {@link #processId()} is valid. */
  public static final long FLAG_PROCESS_ID = 0x1;
  /** The process times are valid. */
  public static final long FLAG_PROCESS_TIMES = 0x2;
  /** The processor power fields are valid. */
  public static final long FLAG_PROCESSOR_POWER_INFO = 0x4;
  /** {@link #processIntegrityLevel()} is valid. */
  public static final long FLAG_PROCESS_INTEGRITY = 0x10;
  /** {@link #processExecuteFlags()} is valid. */
  public static final long FLAG_PROCESS_EXECUTE_FLAGS = 0x20;
  /** The time zone is valid. */
  public static final long FLAG_TIMEZONE = 0x40;
  /** {@link #protectedProcess()} is valid. */
  public static final long FLAG_PROTECTED_PROCESS = 0x80;
  /** The build strings are valid. */
  public static final long FLAG_BUILDSTRING = 0x100;

  /** Checks for nulls. */
  public MiscInfo {
    Objects.requireNonNull(buildString, "buildString");
    Objects.requireNonNull(debugBuildString, "debugBuildString");
  }

  /**
   * Tells whether the process times, including the creation time, are valid.
   *
   * @return true if {@link #FLAG_PROCESS_TIMES} is set
   */
  public boolean hasProcessTimes() {
    return (flags1 & FLAG_PROCESS_TIMES) != 0;
  }

  /**
   * Tells whether the process id is valid.
   *
   * @return true if {@link #FLAG_PROCESS_ID} is set
   */
  public boolean hasProcessId() {
    return (flags1 & FLAG_PROCESS_ID) != 0;
  }

  static MiscInfo read(ByteView file, long offset, long streamSize) {
    if (streamSize < 24) {
      throw new MinidumpException(offset, "misc info stream of " + streamSize + " bytes");
    }
    long[] v = new long[15];
    for (int i = 0; i < 6; i++) {
      v[i] = DumpBytes.u32(file, offset + 4L * i);
    }
    if (streamSize >= 44) {
      for (int i = 6; i < 11; i++) {
        v[i] = DumpBytes.u32(file, offset + 4L * i);
      }
    }
    if (streamSize >= 232) {
      for (int i = 11; i < 15; i++) {
        v[i] = DumpBytes.u32(file, offset + 4L * i);
      }
    }
    String build = "";
    String dbg = "";
    if (streamSize >= 832) {
      build = DumpBytes.utf16Field(file, offset + 232, 260);
      dbg = DumpBytes.utf16Field(file, offset + 752, 40);
    }
    return new MiscInfo(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
        v[11], v[12], v[13], v[14], build, dbg);
  }
}
