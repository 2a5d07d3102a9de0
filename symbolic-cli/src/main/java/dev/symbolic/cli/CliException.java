package dev.symbolic.cli;

/** An expected failure: printed as one line on standard error, without a stack trace. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A usage error (exit code 2). */
  static CliException usage(String message) {
    return new CliException(Main.USAGE, message);
  }

  /** A failure to read or write a file (exit code 1). */
  static CliException failure(String message) {
    return new CliException(Main.FAILURE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
