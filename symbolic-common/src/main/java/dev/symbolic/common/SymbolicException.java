package dev.symbolic.common;

/**
 * Base class of every exception this library throws because its input is malformed or
 * unsupported.
 *
 * <p>Catching {@code SymbolicException} is enough to survive any hostile debug file: the readers
 * never let lower-level runtime exceptions (array bounds, negative sizes) escape for bad input.
 */
public class SymbolicException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public SymbolicException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public SymbolicException(String message, Throwable cause) {
    super(message, cause);
  }
}
