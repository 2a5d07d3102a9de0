package dev.symbolic.common;

/**
 * Thrown when input bytes are malformed: truncated, out of range or structurally invalid.
 *
 * <p>Carries the offset at which the problem was detected, relative to the {@link ByteView} that
 * was being read, so that a failure can be located in a hex dump. Format modules may subclass it
 * to add format-specific context.
 */
public class ParseException extends SymbolicException {
  private static final long serialVersionUID = 1L;

  /** The offset where the problem was detected. */
  private final long offset;

  /** The reason without the offset, kept apart so callers can render it their own way. */
  private final String reason;

  /**
   * Creates an exception for malformed input.
   *
   * @param offset where the problem was detected
   * @param reason what is wrong, without the offset
   */
  public ParseException(long offset, String reason) {
    super(reason + " at offset " + offset);
    this.offset = offset;
    this.reason = reason;
  }

  /**
   * Creates an exception for malformed input with an underlying cause.
   *
   * @param offset where the problem was detected
   * @param reason what is wrong, without the offset
   * @param cause the underlying failure
   */
  public ParseException(long offset, String reason, Throwable cause) {
    super(reason + " at offset " + offset, cause);
    this.offset = offset;
    this.reason = reason;
  }

  /**
   * Returns the offset at which the problem was detected.
   *
   * @return the offset, relative to the view that was being read
   */
  public long offset() {
    return offset;
  }

  /**
   * Returns the reason without the offset.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
