package dev.symbolic.debuginfo;

import dev.symbolic.common.Name;
import java.util.Objects;

/**
 * One frame of {@link DebugSession#symbolize(long)}: the function at an address, or a call
 * inlined into the next frame, with the source location.
 *
 * @param function the function name, with mangling state and language where known
 * @param functionAddress the start of the function or inlined range, relative to the load address
 * @param file the source file path, or {@code ""} if unknown
 * @param line the line, 0 if unknown
 * @param column the column, 0 if unknown
 * @param inlined whether this frame was inlined into the next one
 */
public record SourceFrame(
    Name function, long functionAddress, String file, long line, int column, boolean inlined) {
  /** Checks for nulls. */
  public SourceFrame {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(file, "file");
  }
}
