package dev.symbolic.minidump;

import java.util.Locale;
import java.util.Objects;

/**
 * Breakpad's assertion stream: an invalid-parameter or pure-virtual-call failure caught by the
 * C runtime.
 *
 * @param expression the failed expression, possibly empty
 * @param function the function it failed in, possibly empty
 * @param file the source file, possibly empty
 * @param line the source line, 0 if unknown
 * @param type 1 for an invalid parameter, 2 for a pure virtual call
 */
public record AssertionInfo(String expression, String function, String file, long line, long type) {
  /** Size of the stream: three 128-character UTF-16 fields, the line and the type. */
  static final int SIZE = 776;

  /** Checks for nulls. */
  public AssertionInfo {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(file, "file");
  }

  /**
   * Describes the assertion as Breakpad's processor does.
   *
   * @return for example {@code Invalid parameter passed to library function x in function f, in
   *     file a.c at line 3}
   */
  public String description() {
    StringBuilder sb = new StringBuilder();
    if (type == 1) {
      sb.append("Invalid parameter passed to library function");
    } else if (type == 2) {
      sb.append("Pure virtual function called");
    } else {
      sb.append(String.format(Locale.ROOT, "Unknown assertion type 0x%08x", type));
    }
    if (!expression.isEmpty()) {
      sb.append(' ').append(expression);
    }
    if (!function.isEmpty()) {
      sb.append(" in function ").append(function);
    }
    if (!file.isEmpty()) {
      sb.append(", in file ").append(file);
    }
    if (line != 0) {
      sb.append(" at line ").append(line);
    }
    return sb.toString();
  }
}
