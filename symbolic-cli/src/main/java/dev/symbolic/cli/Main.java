package dev.symbolic.cli;

import dev.symbolic.common.SymbolicException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

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
 * <p>Start-up time matters (the tool is benchmarked end to end), so this class builds the
 * command tree directly instead of letting picocli instantiate it reflectively, and nothing is
 * loaded until a command runs.
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
    PrintWriter outWriter =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Env env = new Env(in, out, errWriter);
    try {
      CommandLine cli = commandLine(env, args);
      cli.setOut(outWriter);
      cli.setErr(errWriter);
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** Builds the whole command tree. */
  static CommandLine commandLine(Env env) {
    return commandLine(env, null);
  }

  /**
   * Builds the command tree, or for {@code symbolic proguard LEAF ...} only the path to that
   * leaf: picocli reflects over every command it is given, and the other commands are never
   * needed to run, or print the help of, a leaf command. Saves start-up time.
   */
  static CommandLine commandLine(Env env, String[] args) {
    String leaf = args != null && args.length >= 2 && args[0].equals("proguard") ? args[1] : "";
    CommandLine proguard = new CommandLine(new Commands.Proguard());
    switch (leaf) {
      case "retrace":
        proguard.addSubcommand(new Commands.Retrace(env));
        break;
      case "uuid":
        proguard.addSubcommand(new Commands.Uuid(env));
        break;
      case "info":
        proguard.addSubcommand(new Commands.Info(env));
        break;
      default:
        proguard.addSubcommand(new Commands.Retrace(env))
            .addSubcommand(new Commands.Uuid(env))
            .addSubcommand(new Commands.Info(env))
            .addSubcommand(new CommandLine(new Commands.Cache())
                .addSubcommand(new Commands.CacheBuild())
                .addSubcommand(new Commands.CacheInfo(env)));
        break;
    }
    CommandLine root = new CommandLine(new Commands.Root()).addSubcommand(proguard);
    // A trace file may well be called "@something"; never expand argument files.
    root.setExpandAtFiles(false);
    root.setParameterExceptionHandler(Main::usageError);
    root.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, env.err));
    return root;
  }

  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine commandLine = ex.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(NAME + ": " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return USAGE;
  }

  private static int failure(Exception ex, PrintWriter err) {
    if (ex instanceof CliException) {
      err.println(NAME + ": " + ex.getMessage());
      return ((CliException) ex).exitCode();
    }
    if (ex instanceof SymbolicException) {
      err.println(NAME + ": " + ex.getMessage());
      return FAILURE;
    }
    // A bug: say so, with the stack trace that is needed to fix it.
    err.println(NAME + ": internal error: " + ex);
    ex.printStackTrace(err);
    return FAILURE;
  }
}
