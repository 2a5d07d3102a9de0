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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands of the tool, one nested class each. */
final class Commands {
  private Commands() {}

  /** {@code -h}/{@code --help} for every subcommand. */
  static final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
  }

  /** A command that only groups subcommands: running it alone is a usage error. */
  abstract static class Group implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
  }

  /** {@code symbolic}. */
  @Command(
      name = Main.NAME,
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      synopsisSubcommandLabel = "COMMAND",
      description = "Symbolication tools: retrace obfuscated Java/Android stack traces and more.",
      footer = {"", "Run 'symbolic COMMAND --help' for the options of a command.",
          "Exit codes: 0 success, 1 unreadable or invalid input, 2 usage error."})
  static final class Root extends Group {}

  /** {@code symbolic proguard}. */
  @Command(
      name = "proguard",
      synopsisSubcommandLabel = "COMMAND",
      description = "ProGuard/R8 mapping files: retrace stack traces, UUIDs, caches.")
  static final class Proguard extends Group {
    @Mixin
    HelpOption help;
  }

  /** {@code symbolic proguard cache}. */
  @Command(
      name = "cache",
      synopsisSubcommandLabel = "COMMAND",
      description = "Binary mapping caches: build once, open in microseconds.")
  static final class Cache extends Group {
    @Mixin
    HelpOption help;
  }

  /** {@code symbolic proguard retrace}. */
  @Command(
      name = "retrace",
      sortOptions = false,
      description = {
          "Retraces an obfuscated stack trace, printing what R8's retrace prints.",
          "With --cache FILE, a valid cache is used as is (--mapping may then be omitted);"
              + " otherwise the cache is built from --mapping first."})
  static final class Retrace implements Callable<Integer> {
    private final Env env;

    @Mixin
    HelpOption help;

    @Option(names = "--mapping", paramLabel = "FILE", description = "The mapping file.")
    Path mapping;

    @Option(names = "--verbose", description = "Print full method signatures.")
    boolean verbose;

    @Option(names = "--cache", paramLabel = "FILE",
        description = "A mapping cache to use, built from --mapping if missing, invalid or older"
            + " than the mapping.")
    Path cache;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TRACE",
        description = "The stack trace file; '-' or none reads standard input.")
    String trace;

    Retrace(Env env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException {
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
        Retracer retracer = Retracer.of(loadMapping()).verbose(verbose);
        Writer out = new BufferedWriter(new OutputStreamWriter(env.out, StandardCharsets.UTF_8),
            1 << 16);
        try (Reader in = new InputStreamReader(input, StandardCharsets.UTF_8)) {
          retracer.retrace(in, out);
        } catch (IOException e) {
          out.flush();
          throw CliException.failure("cannot read trace '" + (stdin ? "-" : trace) + "': "
              + IoSupport.describe(e));
        }
        out.flush();
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

  /** {@code symbolic proguard uuid}. */
  @Command(name = "uuid",
      description = "Prints the UUID Sentry gives a mapping file (UUIDv5 of its bytes).")
  static final class Uuid implements Callable<Integer> {
    private final Env env;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The mapping file.")
    Path file;

    Uuid(Env env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      String uuid = IoSupport.openMapping(file).uuid().toString();
      print(env.out, uuid + "\n");
      return Main.OK;
    }
  }

  /** {@code symbolic proguard info}. */
  @Command(name = "info",
      description = "Prints the class count, broken line count, header and UUID of a mapping.")
  static final class Info implements Callable<Integer> {
    private final Env env;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The mapping file.")
    Path file;

    Info(Env env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      ProguardMapping mapping = IoSupport.openMapping(file);
      StringBuilder text = new StringBuilder();
      line(text, "classes", String.valueOf(mapping.classCount()));
      line(text, "broken_lines", String.valueOf(mapping.brokenLineCount()));
      header(text, mapping.header());
      line(text, "uuid", mapping.uuid().toString());
      print(env.out, text.toString());
      return Main.OK;
    }
  }

  /** {@code symbolic proguard cache build}. */
  @Command(name = "build", sortOptions = false,
      description = "Builds the binary cache of a mapping file.")
  static final class CacheBuild implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Option(names = "--mapping", paramLabel = "FILE", required = true,
        description = "The mapping file.")
    Path mapping;

    @Option(names = "--output", paramLabel = "FILE", required = true,
        description = "The cache file to write (replaced atomically).")
    Path output;

    @Override
    public Integer call() {
      ProguardMapping parsed = IoSupport.openMapping(mapping);
      try {
        IoSupport.writeCache(parsed, output);
      } catch (IOException e) {
        throw CliException.failure(
            "cannot write cache '" + output + "': " + IoSupport.describe(e));
      }
      return Main.OK;
    }
  }

  /** {@code symbolic proguard cache info}. */
  @Command(name = "info",
      description = "Prints the format version, class count and mapping header of a cache.")
  static final class CacheInfo implements Callable<Integer> {
    private final Env env;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The cache file.")
    Path file;

    CacheInfo(Env env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      ProguardCache cache = IoSupport.openCache(file);
      StringBuilder text = new StringBuilder();
      line(text, "version", String.valueOf(ProguardCache.VERSION));
      line(text, "classes", String.valueOf(cache.classCount()));
      header(text, cache.header());
      print(env.out, text.toString());
      return Main.OK;
    }
  }

  /** {@code symbolic --version}: the version the build wrote into {@code version.properties}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Commands.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
          Main.NAME + " " + properties.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version") + " ("
              + System.getProperty("java.vm.name") + ")"};
    }
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

  private static void print(PrintStream out, String text) {
    PrintWriter writer =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    writer.print(text);
    writer.flush();
  }
}
