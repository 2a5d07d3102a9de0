package dev.symbolic.minidump;

/**
 * One entry of a Linux process's auxiliary vector ({@code /proc/PID/auxv}).
 *
 * @param type the {@code AT_*} type, for example 6 ({@code AT_PAGESZ})
 * @param value the value
 */
public record AuxvEntry(long type, long value) {}
