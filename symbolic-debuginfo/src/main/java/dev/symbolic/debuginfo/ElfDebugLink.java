package dev.symbolic.debuginfo;

/**
 * The contents of a {@code .gnu_debuglink} section.
 *
 * @param fileName the name of the separate debug file
 * @param crc32 the CRC-32 (as used by zlib) of the whole debug file, unsigned
 */
public record ElfDebugLink(String fileName, long crc32) {}
