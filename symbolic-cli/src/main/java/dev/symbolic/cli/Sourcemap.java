package dev.symbolic.cli;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import dev.symbolic.sourcemap.FunctionNames;
import dev.symbolic.sourcemap.SourceLocation;
import dev.symbolic.sourcemap.SourceMap;
import dev.symbolic.sourcemap.SourceMapCache;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code symbolic sourcemap}: lookups of generated positions in a source map (or its binary
 * cache), building and describing caches, flattening index maps.
 */
final class Sourcemap {
  private Sourcemap() {}

  /** The {@code sourcemap} command group. */
  static CommandSpec group(Env env) {
    return CommandSpec.group("sourcemap",
        "JavaScript source maps: look up original positions and function names, build caches.")
        .subcommand(CommandSpec.leaf("lookup",
            "Looks up generated positions and prints one JSON object per position: {\"line\","
                + "\"column\",\"source\",\"original_line\",\"original_column\",\"name\","
                + "\"function\"}, null where unknown. Lines are 1-based, columns 0-based"
                + " (UTF-16 code units), as in browsers' stack traces. Positions come from the"
                + " arguments, or else from standard input, one per line ('LINE COLUMN' or"
                + " 'LINE:COLUMN'). 'function' is the original name of the enclosing function:"
                + " it needs --minified (or a map with Metro function maps, or a cache built"
                + " with them).",
            "[LINE:COLUMN...]", 0, Integer.MAX_VALUE, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return lookup(env, parsed);
              }
            })
            .option("--map", "FILE", true,
                "The source map (JSON, or a cache built by 'sourcemap cache build').")
            .option("--minified", "FILE", false,
                "The generated JavaScript file, for function names.")
            .operand("LINE:COLUMN", "A generated position: 1-based line, 0-based column."))
        .subcommand(CommandSpec.group("cache",
            "Binary source-map caches: build once, open in microseconds.")
            .subcommand(CommandSpec.leaf("build",
                "Builds the binary cache of a source map, with function names when --minified"
                    + " is given.", "", 0, 0, new CommandSpec.Action() {
                      @Override
                      public int run(CommandSpec.Parsed parsed) throws Exception {
                        return cacheBuild(parsed);
                      }
                    })
                .option("--map", "FILE", true, "The source map (JSON).")
                .option("--minified", "FILE", false,
                    "The generated JavaScript file, for function names.")
                .option("--output", "FILE", true,
                    "The cache file to write (replaced atomically)."))
            .subcommand(CommandSpec.leaf("info",
                "Prints the format version and the counts of a cache.", "FILE", 1, 1,
                new CommandSpec.Action() {
                  @Override
                  public int run(CommandSpec.Parsed parsed) throws Exception {
                    return cacheInfo(env, Path.of(parsed.operand(0)));
                  }
                })
                .operand("FILE", "The cache file.")))
        .subcommand(CommandSpec.leaf("flatten",
            "Writes a source map as a regular map: an index map ('sections') flattened.", "",
            0, 0, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return flatten(env, parsed);
              }
            })
            .option("--map", "FILE", true, "The source map (JSON).")
            .option("--output", "FILE", false,
                "Where to write the JSON (default: standard output)."));
  }

  /** Answers lookups from a parsed map or a cache. */
  private interface Resolver {
    Optional<SourceLocation> lookup(int line, int column);
  }

  private static int lookup(Env env, CommandSpec.Parsed parsed) throws IOException {
    Path mapFile = Path.of(parsed.option("--map"));
    String minified = parsed.option("--minified");
    // Check the positions of the arguments before reading any file.
    int[][] positions = null;
    if (parsed.operand(0) != null) {
      int n = 0;
      while (parsed.operand(n) != null) {
        n++;
      }
      positions = new int[n][];
      for (int i = 0; i < n; i++) {
        positions[i] = position(parsed.operand(i));
        if (positions[i] == null) {
          throw CliException.usage("invalid position '" + parsed.operand(i)
              + "': expected LINE:COLUMN (1-based line, 0-based column)");
        }
      }
    }
    ByteView bytes = read(mapFile, "source map");
    Resolver resolver;
    if (SourceMapCache.isCache(bytes)) {
      if (minified != null) {
        throw CliException.usage("--minified cannot be used with a cache: its function names"
            + " were resolved when it was built");
      }
      SourceMapCache cache = cache(bytes, mapFile);
      resolver = cache::lookup;
    } else {
      SourceMap map = parseMap(bytes, mapFile);
      FunctionNames names = FunctionNames.resolve(map,
          minified == null ? null : readText(Path.of(minified), "minified file"));
      resolver = (line, column) -> SourceLocation.lookup(map, names, line, column);
    }
    OutputStream out = new BufferedOutputStream(env.out, 1 << 16);
    StringBuilder sb = new StringBuilder(256);
    if (positions != null) {
      for (int[] p : positions) {
        print(out, sb, resolver, p[0], p[1]);
      }
    } else {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(env.in, StandardCharsets.UTF_8), 1 << 16);
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        int[] p = position(line.strip());
        if (p == null) {
          out.flush();
          throw CliException.failure("invalid position '" + line.strip()
              + "' on line " + number + " of standard input: expected 'LINE COLUMN' or"
              + " 'LINE:COLUMN' (1-based line, 0-based column)");
        }
        print(out, sb, resolver, p[0], p[1]);
        if (!in.ready()) {
          out.flush();
        }
      }
    }
    out.flush();
    return Main.OK;
  }

  /** Parses {@code LINE:COLUMN} or {@code LINE COLUMN}; null if malformed. */
  static int[] position(String text) {
    int sep = text.indexOf(':');
    if (sep < 0) {
      sep = indexOfSpace(text);
    }
    if (sep <= 0) {
      return null;
    }
    int line = number(text.substring(0, sep).strip());
    int column = number(text.substring(sep + 1).strip());
    if (line < 1 || column < 0) {
      return null;
    }
    return new int[] {line, column};
  }

  private static int indexOfSpace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
        return i;
      }
    }
    return -1;
  }

  /** A decimal integer, or -1 if malformed or too large. */
  private static int number(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  private static void print(OutputStream out, StringBuilder sb, Resolver resolver, int line,
      int column) throws IOException {
    Optional<SourceLocation> found = resolver.lookup(line - 1, column);
    sb.setLength(0);
    sb.append("{\"line\":").append(line).append(",\"column\":").append(column);
    if (found.isPresent()) {
      SourceLocation l = found.get();
      sb.append(",\"source\":");
      string(sb, l.source().orElse(null));
      sb.append(",\"original_line\":").append(l.originalLine() + 1L);
      sb.append(",\"original_column\":").append(l.originalColumn());
      sb.append(",\"name\":");
      string(sb, l.name().orElse(null));
      sb.append(",\"function\":");
      string(sb, l.functionName().orElse(null));
    } else {
      sb.append(",\"source\":null,\"original_line\":null,\"original_column\":null,"
          + "\"name\":null,\"function\":null");
    }
    sb.append("}\n");
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Appends a JSON string (or null): quotes, backslashes and control characters escaped. */
  static void string(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029'
              || (Character.isSurrogate(c) && !validSurrogate(s, i))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /** Whether the surrogate at {@code i} is half of a valid pair (else it cannot be UTF-8). */
  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static int cacheBuild(CommandSpec.Parsed parsed) throws IOException {
    Path mapFile = Path.of(parsed.option("--map"));
    Path output = Path.of(parsed.option("--output"));
    ByteView bytes = read(mapFile, "source map");
    if (SourceMapCache.isCache(bytes)) {
      throw CliException.failure("cannot build cache: '" + mapFile + "' is already a cache");
    }
    SourceMap map = parseMap(bytes, mapFile);
    String minified = parsed.option("--minified");
    String js = minified == null ? null : readText(Path.of(minified), "minified file");
    FunctionNames names = FunctionNames.resolve(map, js);
    try {
      writeAtomically(output, out -> SourceMapCache.write(map, names, out));
    } catch (IOException e) {
      throw CliException.failure("cannot write cache '" + output + "': " + IoSupport.describe(e));
    }
    return Main.OK;
  }

  private static int cacheInfo(Env env, Path file) {
    ByteView bytes = read(file, "cache");
    SourceMapCache cache = cache(bytes, file);
    StringBuilder text = new StringBuilder();
    try {
      line(text, "version", String.valueOf(SourceMapCache.VERSION));
      line(text, "size", String.valueOf(cache.byteSize()));
      cache.file().ifPresent(f -> line(text, "file", f));
      cache.debugId().ifPresent(d -> line(text, "debug_id", d));
      line(text, "lines", String.valueOf(cache.lineCount()));
      line(text, "ranges", String.valueOf(cache.rangeCount()));
      line(text, "segments", String.valueOf(cache.segmentCount()));
      line(text, "names", String.valueOf(cache.nameCount()));
      int withContent = 0;
      for (int i = 0; i < cache.sourceCount(); i++) {
        withContent += cache.hasSourceContent(i) ? 1 : 0;
      }
      line(text, "sources", String.valueOf(cache.sourceCount()));
      line(text, "sources_with_content", String.valueOf(withContent));
      line(text, "function_names", !cache.hasFunctionNames() ? "no"
          : cache.hasFacebookFunctionNames() ? "yes (x_facebook_sources)" : "yes");
    } catch (ParseException e) {
      throw CliException.failure(
          "cannot read cache '" + file + "': not a valid cache (" + e.getMessage() + ")");
    }
    Commands.print(env.out, text.toString());
    return Main.OK;
  }

  private static int flatten(Env env, CommandSpec.Parsed parsed) throws IOException {
    Path mapFile = Path.of(parsed.option("--map"));
    ByteView bytes = read(mapFile, "source map");
    if (SourceMapCache.isCache(bytes)) {
      throw CliException.failure("cannot flatten '" + mapFile + "': it is a cache, not a map");
    }
    String json = parseMap(bytes, mapFile).flatten().toJson();
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    String output = parsed.option("--output");
    if (output == null || output.equals("-")) {
      env.out.write(utf8);
      env.out.write('\n');
      env.out.flush();
      return Main.OK;
    }
    Path target = Path.of(output);
    try {
      writeAtomically(target, out -> out.write(utf8));
    } catch (IOException e) {
      throw CliException.failure("cannot write '" + target + "': " + IoSupport.describe(e));
    }
    return Main.OK;
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append(key).append(": ").append(value).append('\n');
  }

  /** Reads a whole file (memory-mapped), or fails with {@code cannot read WHAT 'FILE': ...}. */
  private static ByteView read(Path file, String what) {
    IoSupport.checkReadableFile(file, what);
    try {
      return ByteView.map(file);
    } catch (IOException e) {
      throw IoSupport.cannotRead(what, file, e);
    }
  }

  private static String readText(Path file, String what) {
    ByteView bytes = read(file, what);
    byte[] array = bytes.toByteArray();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(array)).toString();
    } catch (CharacterCodingException e) {
      // Not UTF-8: positions in it still count UTF-16 units of what a browser would decode;
      // Latin-1 keeps one character per byte.
      return new String(array, StandardCharsets.ISO_8859_1);
    }
  }

  private static SourceMap parseMap(ByteView bytes, Path file) {
    try {
      return SourceMap.parse(bytes);
    } catch (ParseException e) {
      throw CliException.failure("cannot parse source map '" + file + "': " + e.getMessage());
    }
  }

  private static SourceMapCache cache(ByteView bytes, Path file) {
    try {
      return SourceMapCache.of(bytes);
    } catch (ParseException e) {
      throw CliException.failure(
          "cannot read cache '" + file + "': not a valid cache (" + e.getMessage() + ")");
    }
  }

  /** Writes a file through a temporary sibling moved into place. */
  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path target, Body body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        body.write(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
