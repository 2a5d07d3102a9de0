package dev.symbolic.benchmarks;

import dev.symbolic.sourcemap.FunctionNames;
import dev.symbolic.sourcemap.JsScopes;
import dev.symbolic.sourcemap.SourceLocation;
import dev.symbolic.sourcemap.SourceMap;
import dev.symbolic.sourcemap.SourceMapCache;
import dev.symbolic.sourcemap.Token;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A JMH-free timing of the source-map library for {@code benchmarks/compare-sourcemap.sh}, run in
 * one process next to the Node reference libraries:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.symbolic.benchmarks.SourceMapTiming \
 *     positions MAP POSITIONS_OUT [COUNT]
 * java -cp benchmarks/target/benchmarks.jar dev.symbolic.benchmarks.SourceMapTiming \
 *     time MAP POSITIONS [MINIFIED_JS] [RUNS]
 * </pre>
 *
 * <p>{@code positions} writes COUNT (default 100,000) seeded positions, {@code LINE COLUMN} per
 * line (0-based): segment starts and columns just after them. {@code time} prints, as {@code
 * key value} lines in milliseconds (medians of RUNS, default 7, after as many warm-up runs):
 * parse+index of the JSON bytes already in memory, the lookups of all positions on the parsed
 * map, cache build, cache open (memory-map and header), the lookups on the cache, and scope
 * extraction of the minified file when given.
 */
public final class SourceMapTiming {
  private SourceMapTiming() {}

  /**
   * Runs a mode.
   *
   * @param args see the class documentation
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("positions")) {
      int count = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
      writePositions(Path.of(args[1]), Path.of(args[2]), count);
    } else if (args.length >= 3 && args[0].equals("time")) {
      String js = args.length > 3 && !args[3].isEmpty() ? Files.readString(Path.of(args[3])) : null;
      int runs = args.length > 4 ? Integer.parseInt(args[4]) : 7;
      time(Path.of(args[1]), Path.of(args[2]), js, runs);
    } else {
      System.err.println("usage: SourceMapTiming positions MAP OUT [COUNT] |"
          + " time MAP POSITIONS [JS] [RUNS]");
      System.exit(2);
    }
  }

  static void writePositions(Path mapFile, Path out, int count) throws IOException {
    SourceMap map = SourceMap.parse(Files.readAllBytes(mapFile));
    Random r = new Random(1);
    StringBuilder sb = new StringBuilder(count * 12);
    for (int i = 0; i < count; i++) {
      Token t = map.token(r.nextInt(map.tokenCount()));
      int col = t.generatedColumn() + (r.nextBoolean() ? 0 : r.nextInt(4));
      sb.append(t.generatedLine()).append(' ').append(col).append('\n');
    }
    Files.writeString(out, sb.toString());
  }

  static int[][] readPositions(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int[] line = new int[lines.size()];
    int[] col = new int[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      int sp = s.indexOf(' ');
      line[i] = Integer.parseInt(s.substring(0, sp));
      col[i] = Integer.parseInt(s.substring(sp + 1));
    }
    return new int[][] {line, col};
  }

  interface Run {
    long run() throws IOException;
  }

  /** Median wall time in milliseconds of {@code runs} runs after {@code runs} warm-up runs. */
  static double median(int runs, Run run) throws IOException {
    long sink = 0;
    for (int i = 0; i < runs; i++) {
      sink += run.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      sink += run.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    if (sink == 42) {
      System.err.print("");
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  static void time(Path mapFile, Path positionsFile, String js, int runs) throws IOException {
    byte[] json = Files.readAllBytes(mapFile);
    int[][] pos = readPositions(positionsFile);
    int[] lines = pos[0];
    int[] cols = pos[1];
    SourceMap[] holder = new SourceMap[1];
    double parse = median(runs, () -> {
      holder[0] = SourceMap.parse(json);
      return holder[0].tokenCount();
    });
    SourceMap map = holder[0];
    double lookups = median(runs, () -> {
      long s = 0;
      for (int i = 0; i < lines.length; i++) {
        Optional<Token> t = map.lookup(lines[i], cols[i]);
        if (t.isPresent()) {
          s += t.get().originalLine();
        }
      }
      return s;
    });
    FunctionNames names = FunctionNames.none();
    double scopes = -1;
    if (js != null) {
      scopes = median(Math.max(1, runs / 2), () -> JsScopes.find(js).size());
      names = FunctionNames.resolve(map, js);
    }
    FunctionNames fnames = names;
    Path cacheFile = Files.createTempFile("symbolic-sourcemap-", ".smcache");
    try {
      double build = median(Math.max(1, runs / 2), () -> {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(cacheFile),
            1 << 16)) {
          SourceMapCache.write(map, fnames, out);
        }
        return 1;
      });
      double open = median(runs, () -> SourceMapCache.open(cacheFile).rangeCount());
      SourceMapCache cache = SourceMapCache.open(cacheFile);
      double cacheLookups = median(runs, () -> {
        long s = 0;
        for (int i = 0; i < lines.length; i++) {
          Optional<SourceLocation> l = cache.lookup(lines[i], cols[i]);
          if (l.isPresent()) {
            s += l.get().originalLine();
          }
        }
        return s;
      });
      // Agreement check: the cache answers like the map.
      int differ = 0;
      for (int i = 0; i < lines.length; i++) {
        Optional<Token> t = map.lookup(lines[i], cols[i]);
        Optional<SourceLocation> l = cache.lookup(lines[i], cols[i]);
        if (t.isPresent() != l.isPresent() || (t.isPresent()
            && (t.get().originalLine() != l.get().originalLine()
            || t.get().originalColumn() != l.get().originalColumn()
            || !t.get().name().equals(l.get().name())))) {
          differ++;
        }
      }
      StringBuilder out = new StringBuilder();
      out.append("map_bytes ").append(json.length).append('\n');
      out.append("segments ").append(map.tokenCount()).append('\n');
      out.append("lookups ").append(lines.length).append('\n');
      out.append(String.format("parse_index_ms %.2f%n", parse));
      out.append(String.format("lookups_ms %.2f%n", lookups));
      if (scopes >= 0) {
        out.append(String.format("scopes_ms %.2f%n", scopes));
      }
      out.append(String.format("cache_build_ms %.2f%n", build));
      out.append("cache_bytes ").append(Files.size(cacheFile)).append('\n');
      out.append(String.format("cache_open_ms %.4f%n", open));
      out.append(String.format("cache_lookups_ms %.2f%n", cacheLookups));
      out.append("cache_disagreements ").append(differ).append('\n');
      System.out.print(out);
      System.out.flush();
    } finally {
      Files.deleteIfExists(cacheFile);
    }
  }
}
