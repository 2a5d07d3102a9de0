package dev.symbolic.minidump;

/**
 * One {@code MINIDUMP_THREAD_INFO} of the thread info list: a thread's times, state and affinity.
 *
 * @param threadId the thread id
 * @param dumpFlags {@code MINIDUMP_THREAD_INFO_*} flags (error reading the thread, exited...)
 * @param dumpError the error reading the thread, an {@code HRESULT}
 * @param exitStatus the exit status of an exited thread
 * @param createTime when the thread was created, in Windows {@code FILETIME} units
 * @param exitTime when it exited, in {@code FILETIME} units
 * @param kernelTime the time spent in kernel mode, in 100 ns units
 * @param userTime the time spent in user mode, in 100 ns units
 * @param startAddress the thread's start address
 * @param affinity its processor affinity mask
 */
public record ThreadInfo(
    long threadId,
    long dumpFlags,
    long dumpError,
    long exitStatus,
    long createTime,
    long exitTime,
    long kernelTime,
    long userTime,
    long startAddress,
    long affinity) {}
