package dev.symbolic.debuginfo;

import dev.symbolic.common.ParseException;

/** A debug file, or a part of one, is malformed: where ({@link #offset()}) and why. */
public class DebugInfoException extends ParseException {
  private static final long serialVersionUID = 1L;

  /** A malformed input at {@code offset}. */
  public DebugInfoException(long offset, String reason) {
    super(offset, reason);
  }

  /** A malformed input at {@code offset}, found through {@code cause}. */
  public DebugInfoException(long offset, String reason, Throwable cause) {
    super(offset, reason, cause);
  }
}
