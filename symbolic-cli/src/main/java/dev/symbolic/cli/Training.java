package dev.symbolic.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run {@code bin/symbolic} records its class-data-sharing archive from: one process
 * that runs each command once on the bundled samples, so that the archive holds the classes of
 * every command and none of them pays for loading and verifying its classes at start-up.
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=symbolic.jsa -cp symbolic.jar dev.symbolic.cli.Training \
 *     samples/proguard samples/native/demo
 * </pre>
 */
public final class Training {
  private Training() {}

  /**
   * Runs the commands.
   *
   * @param args the folder of the ProGuard sample ({@code mapping.txt}, {@code trace.txt}),
   *     then optionally an ELF file with DWARF for the debug-file commands
   */
  public static void main(String[] args) {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    String sample = args.length > 0 ? args[0] : "samples/proguard";
    int code = Main.run(new String[] {"proguard", "retrace", "--mapping", sample + "/mapping.txt",
        sample + "/trace.txt"}, System.in, sink, sink);
    code |= proguardCache(sample, sink);
    String names = "_ZN2ns3BarIiEE3bazERKSt6vectorIiSaIiEE\n?foo@ns@@YAHHPEBD@Z\n"
        + "_RNvNtCs1234_7mycrate3foo3bar\n_ZN3std2io4Read11read_to_end17hb85a0f6802e14499E\n"
        + "$s8mangling6curry1yyF\nplain\n";
    code |= Main.run(new String[] {"demangle"},
        new ByteArrayInputStream(names.getBytes(StandardCharsets.UTF_8)), sink, sink);
    code |= sourcemap(sink);
    if (args.length > 1 && Files.isRegularFile(Path.of(args[1]))) {
      code |= debugFile(args[1], sink);
    }
    System.exit(code);
  }

  /**
   * A retrace through a binary cache, built into a temporary folder and then used, on the sample
   * and on a long trace.
   */
  private static int proguardCache(String sample, PrintStream sink) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("symbolic-training");
      String cache = dir.resolve("mapping.pgcache").toString();
      String[] retrace = {"proguard", "retrace", "--cache", cache, "--mapping",
          sample + "/mapping.txt", sample + "/trace.txt"};
      int code = Main.run(retrace, System.in, sink, sink); // builds the cache
      code |= Main.run(retrace, System.in, sink, sink); // uses it
      // A trace long enough to be retraced on several cores.
      byte[] trace = Files.readAllBytes(Path.of(sample, "trace.txt"));
      ByteArrayOutputStream longTrace = new ByteArrayOutputStream();
      while (longTrace.size() < 256 << 10) {
        longTrace.write(trace);
        longTrace.write('\n');
      }
      code |= Main.run(new String[] {"proguard", "retrace", "--cache", cache, "-"},
          new ByteArrayInputStream(longTrace.toByteArray()), sink, sink);
      return code;
    } catch (IOException e) {
      return Main.FAILURE;
    } finally {
      deleteFolder(dir);
    }
  }

  /** Deletes a temporary folder of files; a leftover is harmless. */
  private static void deleteFolder(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a leftover temporary folder is harmless
    }
  }

  /**
   * The debug-file commands on a small ELF file: symbolize (a batch from standard input, spread
   * over the cores, as a long list of addresses is), object info, functions and breakpad.
   */
  private static int debugFile(String elf, PrintStream sink) {
    StringBuilder addresses = new StringBuilder();
    for (int a = 0x1000; a < 0x1300; a++) {
      addresses.append("0x").append(Integer.toHexString(a)).append('\n');
    }
    int code = Main.run(new String[] {"symbolize", "--obj", elf},
        new ByteArrayInputStream(addresses.toString().getBytes(StandardCharsets.UTF_8)), sink,
        sink);
    code |= Main.run(new String[] {"symbolize", "--obj", elf, "--output-style=JSON", "0x1060"},
        System.in, sink, sink);
    for (String command : new String[] {"info", "functions", "breakpad", "symbols"}) {
      code |= Main.run(new String[] {"object", command, elf}, System.in, sink, sink);
    }
    return code;
  }

  /**
   * A source-map lookup with function names, a cache build and a lookup through the cache, on a
   * small map written to a temporary folder (the samples hold no source map).
   */
  private static int sourcemap(PrintStream sink) {
    String js = "function a(b){return b.c()}var d=function(){};\n";
    String map = "{\"version\":3,\"file\":\"app.min.js\",\"sources\":[\"src/app.js\"],"
        + "\"sourcesContent\":[\"function computeTotal(cart) {\\n  return cart.sum();\\n}\\n"
        + "var handler = function () {};\\n\"],"
        + "\"names\":[\"computeTotal\",\"cart\",\"sum\",\"handler\"],"
        + "\"mappings\":\"AAAA,SAASA,EAAaC,GACpB,OAAOA,EAAKC,IAEd,IAAIC,EAAU\"}";
    Path dir = null;
    try {
      dir = Files.createTempDirectory("symbolic-training");
      Path jsFile = Files.writeString(dir.resolve("app.min.js"), js);
      Path mapFile = Files.writeString(dir.resolve("app.min.js.map"), map);
      Path cache = dir.resolve("app.smcache");
      int code = Main.run(new String[] {"sourcemap", "lookup", "--map", mapFile.toString(),
          "--minified", jsFile.toString()},
          new ByteArrayInputStream("1 23\n1:40\n".getBytes(StandardCharsets.UTF_8)), sink, sink);
      code |= Main.run(new String[] {"sourcemap", "cache", "build", "--map", mapFile.toString(),
          "--minified", jsFile.toString(), "--output", cache.toString()}, System.in, sink, sink);
      code |= Main.run(new String[] {"sourcemap", "lookup", "--map", cache.toString(), "1:23"},
          System.in, sink, sink);
      return code;
    } catch (IOException e) {
      return Main.FAILURE;
    } finally {
      deleteFolder(dir);
    }
  }
}
