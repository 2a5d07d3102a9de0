package dev.symbolic.debuginfo;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A line record of a {@link Function}: the code at {@code address} was generated from {@code
 * file}:{@code line}.
 *
 * @param address the first address, relative to {@link ObjectFile#loadAddress()}
 * @param size the number of bytes, if known
 * @param file the source file
 * @param line the line number, 0 if unknown
 */
public record LineInfo(long address, OptionalLong size, FileInfo file, long line) {
  /** Checks for nulls. */
  public LineInfo {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(file, "file");
  }
}
