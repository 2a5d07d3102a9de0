package dev.symbolic.minidump;

/**
 * Stream type numbers of a minidump directory: Microsoft's, Breakpad's ({@code 0x4767xxxx}) and
 * Crashpad's ({@code 0x4350xxxx}), with the names Breakpad's {@code minidump_dump} prints.
 */
public final class StreamType {
  private StreamType() {}

  /** An unused directory entry. */
  public static final int UNUSED = 0;
  /** {@code MINIDUMP_THREAD_LIST}. */
  public static final int THREAD_LIST = 3;
  /** {@code MINIDUMP_MODULE_LIST}. */
  public static final int MODULE_LIST = 4;
  /** {@code MINIDUMP_MEMORY_LIST}. */
  public static final int MEMORY_LIST = 5;
  /** {@code MINIDUMP_EXCEPTION_STREAM}. */
  public static final int EXCEPTION = 6;
  /** {@code MINIDUMP_SYSTEM_INFO}. */
  public static final int SYSTEM_INFO = 7;
  /** {@code MINIDUMP_THREAD_EX_LIST}. */
  public static final int THREAD_EX_LIST = 8;
  /** {@code MINIDUMP_MEMORY64_LIST}. */
  public static final int MEMORY64_LIST = 9;
  /** An ANSI comment. */
  public static final int COMMENT_A = 10;
  /** A UTF-16 comment. */
  public static final int COMMENT_W = 11;
  /** {@code MINIDUMP_HANDLE_DATA_STREAM}. */
  public static final int HANDLE_DATA = 12;
  /** {@code MINIDUMP_FUNCTION_TABLE_STREAM}. */
  public static final int FUNCTION_TABLE = 13;
  /** {@code MINIDUMP_UNLOADED_MODULE_LIST}. */
  public static final int UNLOADED_MODULE_LIST = 14;
  /** {@code MINIDUMP_MISC_INFO} and its larger versions. */
  public static final int MISC_INFO = 15;
  /** {@code MINIDUMP_MEMORY_INFO_LIST}. */
  public static final int MEMORY_INFO_LIST = 16;
  /** {@code MINIDUMP_THREAD_INFO_LIST}. */
  public static final int THREAD_INFO_LIST = 17;
  /** {@code MINIDUMP_HANDLE_OPERATION_LIST}. */
  public static final int HANDLE_OPERATION_LIST = 18;
  /** A security token. */
  public static final int TOKEN = 19;
  /** JavaScript data. */
  public static final int JAVASCRIPT_DATA = 20;
  /** {@code MINIDUMP_SYSTEM_MEMORY_INFO_1}. */
  public static final int SYSTEM_MEMORY_INFO = 21;
  /** {@code MINIDUMP_PROCESS_VM_COUNTERS_2}. */
  public static final int PROCESS_VM_COUNTERS = 22;
  /** Intel Processor Trace data. */
  public static final int IPT_TRACE = 23;
  /** {@code MINIDUMP_THREAD_NAME_LIST}. */
  public static final int THREAD_NAMES = 24;
  /** Breakpad's dump and requesting thread ids. */
  public static final int BREAKPAD_INFO = 0x47670001;
  /** Breakpad's assertion (invalid parameter, pure virtual call). */
  public static final int ASSERTION_INFO = 0x47670002;
  /** Linux {@code /proc/cpuinfo}. */
  public static final int LINUX_CPU_INFO = 0x47670003;
  /** Linux {@code /proc/PID/status}. */
  public static final int LINUX_PROC_STATUS = 0x47670004;
  /** Linux {@code /etc/lsb-release}. */
  public static final int LINUX_LSB_RELEASE = 0x47670005;
  /** Linux {@code /proc/PID/cmdline}. */
  public static final int LINUX_CMD_LINE = 0x47670006;
  /** Linux {@code /proc/PID/environ}. */
  public static final int LINUX_ENVIRON = 0x47670007;
  /** Linux {@code /proc/PID/auxv}. */
  public static final int LINUX_AUXV = 0x47670008;
  /** Linux {@code /proc/PID/maps}. */
  public static final int LINUX_MAPS = 0x47670009;
  /** Linux {@code r_debug} and the link map of the dynamic linker. */
  public static final int LINUX_DSO_DEBUG = 0x4767000A;
  /** Crashpad's report and client ids and annotations. */
  public static final int CRASHPAD_INFO = 0x43500001;

  /**
   * Returns the name Breakpad gives a stream type.
   *
   * @param type an unsigned 32-bit stream type
   * @return for example {@code MD_THREAD_LIST_STREAM}, or {@code unknown} for other types
   */
  public static String name(long type) {
    switch ((int) type) {
      case UNUSED: return "MD_UNUSED_STREAM";
      case 1: return "MD_RESERVED_STREAM_0";
      case 2: return "MD_RESERVED_STREAM_1";
      case THREAD_LIST: return "MD_THREAD_LIST_STREAM";
      case MODULE_LIST: return "MD_MODULE_LIST_STREAM";
      case MEMORY_LIST: return "MD_MEMORY_LIST_STREAM";
      case EXCEPTION: return "MD_EXCEPTION_STREAM";
      case SYSTEM_INFO: return "MD_SYSTEM_INFO_STREAM";
      case THREAD_EX_LIST: return "MD_THREAD_EX_LIST_STREAM";
      case MEMORY64_LIST: return "MD_MEMORY_64_LIST_STREAM";
      case COMMENT_A: return "MD_COMMENT_STREAM_A";
      case COMMENT_W: return "MD_COMMENT_STREAM_W";
      case HANDLE_DATA: return "MD_HANDLE_DATA_STREAM";
      case FUNCTION_TABLE: return "MD_FUNCTION_TABLE_STREAM";
      case UNLOADED_MODULE_LIST: return "MD_UNLOADED_MODULE_LIST_STREAM";
      case MISC_INFO: return "MD_MISC_INFO_STREAM";
      case MEMORY_INFO_LIST: return "MD_MEMORY_INFO_LIST_STREAM";
      case THREAD_INFO_LIST: return "MD_THREAD_INFO_LIST_STREAM";
      case HANDLE_OPERATION_LIST: return "MD_HANDLE_OPERATION_LIST_STREAM";
      case TOKEN: return "MD_TOKEN_STREAM";
      case JAVASCRIPT_DATA: return "MD_JAVASCRIPT_DATA_STREAM";
      case SYSTEM_MEMORY_INFO: return "MD_SYSTEM_MEMORY_INFO_STREAM";
      case PROCESS_VM_COUNTERS: return "MD_PROCESS_VM_COUNTERS_STREAM";
      case IPT_TRACE: return "MD_IPT_TRACE_STREAM";
      case THREAD_NAMES: return "MD_THREAD_NAME_LIST_STREAM";
      case BREAKPAD_INFO: return "MD_BREAKPAD_INFO_STREAM";
      case ASSERTION_INFO: return "MD_ASSERTION_INFO_STREAM";
      case LINUX_CPU_INFO: return "MD_LINUX_CPU_INFO";
      case LINUX_PROC_STATUS: return "MD_LINUX_PROC_STATUS";
      case LINUX_LSB_RELEASE: return "MD_LINUX_LSB_RELEASE";
      case LINUX_CMD_LINE: return "MD_LINUX_CMD_LINE";
      case LINUX_ENVIRON: return "MD_LINUX_ENVIRON";
      case LINUX_AUXV: return "MD_LINUX_AUXV";
      case LINUX_MAPS: return "MD_LINUX_MAPS";
      case LINUX_DSO_DEBUG: return "MD_LINUX_DSO_DEBUG";
      case CRASHPAD_INFO: return "MD_CRASHPAD_INFO_STREAM";
      default: return "unknown";
    }
  }
}
