package dev.symbolic.cli;

import dev.symbolic.common.ParseException;
import dev.symbolic.proguard.Mapping;
import dev.symbolic.proguard.MappingHeader;
import dev.symbolic.proguard.ProguardCache;
import dev.symbolic.proguard.ProguardMapping;
import dev.symbolic.proguard.Retracer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The commands of the tool. */
final class Commands {
  private Commands() {}

  /**
   * The whole command tree, its actions bound to {@code env}. The actions are classes rather than
   * lambdas: the first lambda of a process sets up the method-handle machinery, several
   * milliseconds of every run of a tool whose runs are often a few dozen.
   */
  static CommandSpec tree(Env env) {
    CommandSpec proguard = CommandSpec.group("proguard",
        "ProGuard/R8 mapping files: retrace stack traces, UUIDs, caches.")
        .subcommand(CommandSpec.leaf("retrace",
            "Retraces an obfuscated stack trace, printing what R8's retrace prints. With --cache"
                + " FILE, a valid cache is used as is (--mapping may then be omitted); otherwise"
                + " the cache is built from --mapping first.",
            "[TRACE]", 0, 1, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return new Retrace(env, parsed).call();
              }
            })
            .option("--mapping", "FILE", false, "The mapping file.")
            .option("--verbose", null, false, "Print full method signatures.")
            .option("--cache", "FILE", false,
                "A mapping cache to use, built from --mapping if missing, invalid or older than"
                    + " the mapping.")
            .operand("TRACE", "The stack trace file; '-' or none reads standard input."))
        .subcommand(CommandSpec.leaf("uuid",
            "Prints the UUID Sentry gives a mapping file (UUIDv5 of its bytes).", "FILE", 1, 1,
            new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return uuid(env, Path.of(parsed.operand(0)));
              }
            })
            .operand("FILE", "The mapping file."))
        .subcommand(CommandSpec.leaf("info",
            "Prints the class count, broken line count, header and UUID of a mapping.", "FILE",
            1, 1, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return info(env, Path.of(parsed.operand(0)));
              }
            })
            .operand("FILE", "The mapping file."))
        .subcommand(CommandSpec.group("cache",
            "Binary mapping caches: build once, open in microseconds.")
            .subcommand(CommandSpec.leaf("build", "Builds the binary cache of a mapping file.",
                "", 0, 0,
                new CommandSpec.Action() {
                  @Override
                  public int run(CommandSpec.Parsed parsed) throws Exception {
                    return cacheBuild(Path.of(parsed.option("--mapping")),
                        Path.of(parsed.option("--output")));
                  }
                })
                .option("--mapping", "FILE", true, "The mapping file.")
                .option("--output", "FILE", true,
                    "The cache file to write (replaced atomically)."))
            .subcommand(CommandSpec.leaf("info",
                "Prints the format version, class count and mapping header of a cache.", "FILE",
                1, 1, new CommandSpec.Action() {
                  @Override
                  public int run(CommandSpec.Parsed parsed) throws Exception {
                    return cacheInfo(env, Path.of(parsed.operand(0)));
                  }
                })
                .operand("FILE", "The cache file.")));
    CommandSpec demangle = CommandSpec.leaf("demangle",
        "Demangles C++ (Itanium and MSVC), Rust, Swift and Objective-C names. With no NAME,"
            + " reads standard input and prints one line per line, a line that is not a mangled"
            + " name unchanged (like c++filt).",
        "[NAME...]", 0, Integer.MAX_VALUE, new CommandSpec.Action() {
          @Override
          public int run(CommandSpec.Parsed parsed) throws Exception {
            return Demangle.run(env, parsed);
          }
        })
        .option("--lang", "LANG", false,
            "auto (default), cpp, msvc, rust, swift or objc: the scheme to use.")
        .option("--no-params", null, false, "Print names without parameter lists.")
        .option("--no-rust-hash", null, false, "Drop the ::h<hash> of legacy Rust names.")
        .operand("NAME", "A mangled name; several are printed one per line.");
    return CommandSpec.group(Main.NAME,
        "Symbolication tools: retrace obfuscated Java/Android stack traces, demangle names,"
            + " look up JavaScript source maps.\n"
            + "Exit codes: 0 success, 1 unreadable or invalid input, 2 usage error.")
        .subcommand(demangle)
        .subcommand(proguard)
        .subcommand(Sourcemap.group(env))
        .subcommand(ObjectCommand.group(env))
        .subcommand(Symbolize.command(env))
        .subcommand(MinidumpCommand.group(env));
  }

  /** {@code symbolic proguard retrace}. */
  static final class Retrace {
    private final Env env;
    private final Path mapping;
    private final boolean verbose;
    private final Path cache;
    private final String trace;

    Retrace(Env env, CommandSpec.Parsed parsed) {
      this.env = env;
      this.mapping = parsed.option("--mapping") == null ? null : Path.of(parsed.option("--mapping"));
      this.verbose = parsed.flag("--verbose");
      this.cache = parsed.option("--cache") == null ? null : Path.of(parsed.option("--cache"));
      this.trace = parsed.operand(0);
    }

    int call() throws IOException {
      boolean stdin = trace == null || trace.equals("-");
      InputStream input;
      if (stdin) {
        input = env.in;
      } else {
        Path file = Path.of(trace);
        IoSupport.checkReadableFile(file, "trace");
        try {
          input = Files.newInputStream(file);
        } catch (IOException e) {
          throw IoSupport.cannotRead("trace", file, e);
        }
      }
      try {
        Retracer retracer = Retracer.of(loadMapping()).verbose(verbose).parallel(true);
        try {
          retracer.retrace(input, env.out);
        } catch (IOException e) {
          env.out.flush();
          throw CliException.failure("cannot read trace '" + (stdin ? "-" : trace) + "': "
              + IoSupport.describe(e));
        }
        return Main.OK;
      } finally {
        if (!stdin) {
          input.close();
        }
      }
    }

    private Mapping loadMapping() {
      if (cache == null) {
        if (mapping == null) {
          throw CliException.usage("missing --mapping FILE (or --cache FILE of a built cache)");
        }
        return IoSupport.openMapping(mapping);
      }
      String unusable = null;
      if (Files.isRegularFile(cache)) {
        if (mapping != null && isNewer(mapping, cache)) {
          unusable = "older than the mapping";
        } else {
          try {
            return ProguardCache.open(cache);
          } catch (IOException e) {
            unusable = IoSupport.describe(e);
          } catch (ParseException e) {
            unusable = "not a valid cache (" + e.getMessage() + ")";
          }
        }
      }
      if (mapping == null) {
        throw CliException.usage(unusable == null
            ? "no cache at '" + cache + "' and no --mapping FILE to build it from"
            : "cache '" + cache + "' is not usable (" + unusable + ") and no --mapping FILE was"
                + " given to rebuild it");
      }
      ProguardMapping parsed = IoSupport.openMapping(mapping);
      try {
        IoSupport.writeCache(parsed, cache);
      } catch (IOException e) {
        env.err.println(Main.NAME + ": warning: cannot write cache '" + cache + "': "
            + IoSupport.describe(e) + "; using the mapping directly");
        return parsed;
      }
      return IoSupport.openCache(cache);
    }

    private static boolean isNewer(Path a, Path b) {
      try {
        return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) > 0;
      } catch (IOException e) {
        return false;
      }
    }
  }

  private static int uuid(Env env, Path file) {
    print(env.out, IoSupport.openMapping(file).uuid() + "\n");
    return Main.OK;
  }

  private static int info(Env env, Path file) {
    ProguardMapping mapping = IoSupport.openMapping(file);
    StringBuilder text = new StringBuilder();
    line(text, "classes", String.valueOf(mapping.classCount()));
    line(text, "broken_lines", String.valueOf(mapping.brokenLineCount()));
    header(text, mapping.header());
    line(text, "uuid", mapping.uuid().toString());
    print(env.out, text.toString());
    return Main.OK;
  }

  private static int cacheBuild(Path mapping, Path output) {
    ProguardMapping parsed = IoSupport.openMapping(mapping);
    try {
      IoSupport.writeCache(parsed, output);
    } catch (IOException e) {
      throw CliException.failure("cannot write cache '" + output + "': " + IoSupport.describe(e));
    }
    return Main.OK;
  }

  private static int cacheInfo(Env env, Path file) {
    ProguardCache cache = IoSupport.openCache(file);
    StringBuilder text = new StringBuilder();
    line(text, "version", String.valueOf(ProguardCache.VERSION));
    line(text, "classes", String.valueOf(cache.classCount()));
    header(text, cache.header());
    print(env.out, text.toString());
    return Main.OK;
  }

  /** {@code symbolic --version}: the version the build wrote into {@code version.properties}. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = Commands.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // The version is then "unknown".
    }
    return Main.NAME + " " + properties.getProperty("version", "unknown") + "\n"
        + "Java " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vm.name") + ")\n";
  }

  private static void header(StringBuilder text, MappingHeader header) {
    line(text, "compiler", header.compiler());
    line(text, "compiler_version", header.compilerVersion());
    line(text, "min_api", header.minApi());
    line(text, "map_version", header.mapVersion());
    line(text, "pg_map_id", header.pgMapId());
    line(text, "pg_map_hash", header.pgMapHash());
  }

  private static void line(StringBuilder text, String key, Optional<String> value) {
    value.ifPresent(v -> line(text, key, v));
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append(key).append(": ").append(value).append('\n');
  }

  static void print(PrintStream out, String text) {
    PrintWriter writer =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    writer.print(text);
    writer.flush();
  }
}
