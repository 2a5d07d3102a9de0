package dev.symbolic.benchmarks;

import dev.symbolic.sourcemap.FunctionNames;
import dev.symbolic.sourcemap.JsScope;
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
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Source maps: parse+index of the JSON, one lookup on the parsed map, opening the binary cache,
 * one lookup on the cache (with function name), and scope extraction of the minified file.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SourceMapBenchmark -p map=esbuild-big-bundle
 * </pre>
 *
 * <p>{@code map} names a folder of the corpus's {@code sourcemap/maps} (the corpus is {@code
 * ../shared/corpus}, or the {@code symbolic.corpus} property); compressed files ({@code .xz}) are
 * decompressed with {@code xz} into {@code benchmarks/target/sourcemap/} first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SourceMapBenchmark {
  /** The corpus map folder. */
  @Param({"esbuild-big-bundle", "jquery-3.8.0"})
  public String map;

  private byte[] json;
  private String js;
  private SourceMap parsed;
  private SourceMapCache cache;
  private Path cacheFile;
  private int[] lines;
  private int[] columns;
  private int next;

  /**
   * Reads the map and its minified file, writes the cache and picks positions.
   *
   * @throws IOException if a file cannot be read or written
   * @throws InterruptedException if decompressing is interrupted
   */
  @Setup
  public void setUp() throws IOException, InterruptedException {
    Path dir = Paths.get(System.getProperty("symbolic.corpus", "../shared/corpus"), "sourcemap",
        "maps", map);
    Path mapFile = null;
    Path jsFile = null;
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String n = p.getFileName().toString();
        if (n.matches(".*\\.map(\\.xz)?$")) {
          mapFile = p;
        } else if (n.matches(".*\\.js(\\.xz)?$")) {
          jsFile = p;
        }
      }
    }
    if (mapFile == null) {
      throw new IllegalStateException("no map in " + dir);
    }
    json = Files.readAllBytes(plain(mapFile));
    js = jsFile == null ? null : Files.readString(plain(jsFile));
    parsed = SourceMap.parse(json);
    cacheFile = Files.createTempFile("symbolic-benchmark-", ".smcache");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(cacheFile))) {
      SourceMapCache.write(parsed, FunctionNames.resolve(parsed, js), out);
    }
    cache = SourceMapCache.open(cacheFile);
    Random r = new Random(1);
    lines = new int[4096];
    columns = new int[4096];
    for (int i = 0; i < lines.length; i++) {
      Token t = parsed.token(r.nextInt(parsed.tokenCount()));
      lines[i] = t.generatedLine();
      columns[i] = t.generatedColumn() + r.nextInt(3);
    }
  }

  /**
   * Deletes the cache file.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(cacheFile);
  }

  /** A decompressed copy of an {@code .xz} corpus file under target/, or the file itself. */
  static Path plain(Path file) throws IOException, InterruptedException {
    String name = file.getFileName().toString();
    if (!name.endsWith(".xz")) {
      return file;
    }
    Path out = Paths.get("benchmarks", "target", "sourcemap", name.substring(0, name.length() - 3));
    if (!Files.isDirectory(Paths.get("benchmarks"))) {
      out = Paths.get("target", "sourcemap", name.substring(0, name.length() - 3));
    }
    if (Files.isRegularFile(out) && Files.size(out) > 0) {
      return out;
    }
    Files.createDirectories(out.getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Process p = new ProcessBuilder("xz", "-dc", file.toString()).redirectOutput(tmp.toFile())
        .start();
    if (p.waitFor() != 0) {
      throw new IOException("xz failed on " + file);
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  private int pick() {
    next = (next + 1) & (lines.length - 1);
    return next;
  }

  /**
   * Parses and indexes the JSON (bytes already in memory).
   *
   * @return the map
   */
  @Benchmark
  public SourceMap parseAndIndex() {
    return SourceMap.parse(json);
  }

  /**
   * One lookup on the parsed map.
   *
   * @return the token found
   */
  @Benchmark
  public Optional<Token> lookup() {
    int i = pick();
    return parsed.lookup(lines[i], columns[i]);
  }

  /**
   * Memory-maps the cache and reads its header.
   *
   * @return the cache
   * @throws IOException if it cannot be mapped
   */
  @Benchmark
  public SourceMapCache cacheOpen() throws IOException {
    return SourceMapCache.open(cacheFile);
  }

  /**
   * One lookup on the cache, with function name and strings decoded.
   *
   * @return the location
   */
  @Benchmark
  public Optional<SourceLocation> cacheLookup() {
    int i = pick();
    return cache.lookup(lines[i], columns[i]);
  }

  /**
   * Scope extraction of the minified file.
   *
   * @return the scopes
   */
  @Benchmark
  public List<JsScope> scopes() {
    return js == null ? List.of() : JsScopes.find(js);
  }
}
