package dev.symbolic.debuginfo;

import java.util.Objects;

/**
 * One frame of {@link BreakpadSymbols#symbolize(long)}: a function, or a function inlined into
 * the next frame.
 *
 * @param name the function name
 * @param address the start of the function ({@code FUNC} or {@code PUBLIC} address), or of the
 *     inline range containing the looked-up address
 * @param file the source file, or empty if unknown
 * @param line the source line, or 0 if unknown
 * @param inlined whether this frame was inlined into the next one
 * @param fromPublic whether the name comes from a {@code PUBLIC} record (no file or line then)
 */
public record BreakpadFrame(
    String name, long address, String file, long line, boolean inlined, boolean fromPublic) {
  /** Checks for null text. */
  public BreakpadFrame {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
  }
}
