package dev.symbolic.cli;

import dev.symbolic.common.SymbolicException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Entry point of the {@code symbolic} command-line tool.
 *
 * <pre>
 * symbolic proguard retrace --mapping mapping.txt trace.txt
 * symbolic proguard uuid mapping.txt
 * symbolic proguard cache build --mapping mapping.txt --output mapping.cache
 * </pre>
 *
 * <p>Exit codes: 0 on success, 1 when an input cannot be read or is invalid, 2 for usage errors.
 * Expected errors print one line, {@code symbolic: ...}, on standard error and no stack trace.
 *
 * <p>Start-up time matters (the tool is benchmarked end to end against R8's retrace), so the
 * command line is parsed by {@link CommandSpec}, without reflection.
 */
public final class Main {
  /** The program name used in messages. */
  static final String NAME = "symbolic";

  /** Exit code for success. */
  static final int OK = 0;

  /** Exit code for unreadable or invalid input. */
  static final int FAILURE = 1;

  /** Exit code for usage errors. */
  static final int USAGE = 2;

  private Main() {}

  /**
   * Runs the tool and exits the JVM with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs the tool in-process.
   *
   * @param args the command-line arguments
   * @param in standard input (a trace given as {@code -} or not at all is read from it)
   * @param out standard output; UTF-8 text is written to it
   * @param err standard error; diagnostics are written to it
   * @return the exit code
   */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Env env = new Env(in, out, errWriter);
    try {
      return Commands.tree(env).execute(args, 0, env, new Supplier<String>() {
        @Override
        public String get() {
          return Commands.version();
        }
      });
    } catch (CliException e) {
      errWriter.println(NAME + ": " + e.getMessage());
      return e.exitCode();
    } catch (SymbolicException e) {
      errWriter.println(NAME + ": " + e.getMessage());
      return FAILURE;
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      // A bug: say so, with the stack trace that is needed to fix it.
      errWriter.println(NAME + ": internal error: " + e);
      e.printStackTrace(errWriter);
      return FAILURE;
    } finally {
      out.flush();
      errWriter.flush();
    }
  }
}
