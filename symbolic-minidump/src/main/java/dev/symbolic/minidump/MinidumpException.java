package dev.symbolic.minidump;

import dev.symbolic.common.ParseException;

/** A minidump, or a stream in one, is malformed: where ({@link #offset()}) and why. */
public class MinidumpException extends ParseException {
  private static final long serialVersionUID = 1L;

  /** A malformed input at {@code offset}. */
  public MinidumpException(long offset, String reason) {
    super(offset, reason);
  }

  /** A malformed input at {@code offset}, found through {@code cause}. */
  public MinidumpException(long offset, String reason, Throwable cause) {
    super(offset, reason, cause);
  }
}
