package dev.symbolic.sourcemap;

import dev.symbolic.common.ParseException;

/**
 * Thrown when a source map is malformed: invalid JSON, a field of the wrong type, or an invalid
 * {@code mappings} string. The offset is the byte offset in the JSON text (for a data URL or a
 * comment helper: the character offset in the URL) where the problem was detected.
 */
public class SourceMapException extends ParseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a malformed source map.
   *
   * @param offset the byte offset where the problem was detected
   * @param reason what is wrong, without the offset
   */
  public SourceMapException(long offset, String reason) {
    super(offset, reason);
  }

  /**
   * Creates an exception for a malformed source map with an underlying cause.
   *
   * @param offset the byte offset where the problem was detected
   * @param reason what is wrong, without the offset
   * @param cause the underlying failure
   */
  public SourceMapException(long offset, String reason, Throwable cause) {
    super(offset, reason, cause);
  }
}
