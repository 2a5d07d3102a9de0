package dev.symbolic.minidump;

import java.util.OptionalLong;

/**
 * Breakpad's info stream: which thread wrote the dump and which one asked for it (the crashed
 * thread), each present only if its validity bit is set.
 *
 * @param validity the raw validity bits: 1 for the dump thread, 2 for the requesting thread
 * @param dumpThreadId the id of the thread that wrote the dump, or empty
 * @param requestingThreadId the id of the thread that requested the dump, or empty
 */
public record BreakpadInfo(
    long validity, OptionalLong dumpThreadId, OptionalLong requestingThreadId) {}
