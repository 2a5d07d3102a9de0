package dev.symbolic.benchmarks;

import dev.symbolic.common.ByteView;
import dev.symbolic.proguard.ClassMapping;
import dev.symbolic.proguard.MemberMapping;
import dev.symbolic.proguard.ProguardCache;
import dev.symbolic.proguard.ProguardMapping;
import dev.symbolic.proguard.Retracer;
import dev.symbolic.proguard.StackFrame;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * ProGuard/R8 mapping benchmarks: indexing a text mapping, opening its binary cache, remapping
 * one frame and retracing a 25-frame trace, each against the text mapping and the cache.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ProguardBenchmark
 * java -Dsymbolic.corpus=/path/to/corpus -jar benchmarks/target/benchmarks.jar ProguardBenchmark
 * java -jar benchmarks/target/benchmarks.jar ProguardBenchmark -p mapping=/tmp/large-mapping.txt
 * </pre>
 *
 * <p>The mapping is the {@code mapping} parameter if set, else the {@code symbolic.mapping}
 * system property, else {@code proguard/mappings/r8/mapping.txt} in the corpus: the
 * {@code symbolic.corpus} system property, or {@code ../shared/corpus} relative to the working
 * directory (the repository root). JMH passes the launching JVM's {@code -D} options on to its
 * forks.
 *
 * <p>The frames are chosen from the mapping itself (the first line of every n-th method with a
 * line range), so any mapping works. The text mapping parses a class on first lookup and keeps
 * it, so the remap and retrace benchmarks measure warm lookups on both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProguardBenchmark {
  /** The number of frames in the retraced trace. */
  private static final int TRACE_FRAMES = 25;

  /** A mapping file; empty for the {@code symbolic.mapping} property or the corpus default. */
  @Param({""})
  public String mapping;

  private ByteView mappingBytes;
  private Path cacheFile;
  private ProguardMapping textMapping;
  private ProguardCache cache;
  private StackFrame frame;
  private String trace;
  private byte[] traceBytes;
  private Retracer textRetracer;
  private Retracer cacheRetracer;

  /**
   * Reads the mapping, writes its cache to a temporary file and picks the frames.
   *
   * @throws IOException if the mapping cannot be read or the cache written
   */
  @Setup
  public void setUp() throws IOException {
    Path file = mappingFile();
    mappingBytes = ByteView.of(Files.readAllBytes(file));
    textMapping = ProguardMapping.parse(mappingBytes);
    cacheFile = Files.createTempFile("symbolic-benchmark-", ".pgcache");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(cacheFile))) {
      ProguardCache.write(textMapping, out);
    }
    cache = ProguardCache.open(cacheFile);
    List<StackFrame> frames = pickFrames(textMapping, TRACE_FRAMES);
    if (frames.isEmpty()) {
      throw new IllegalStateException(file + " has no method with a line range");
    }
    frame = frames.get(0);
    trace = "java.lang.IllegalStateException: benchmark\n" + frames.stream()
        .map(f -> "\tat " + f.className() + "." + f.methodName() + "(SourceFile:" + f.line() + ")")
        .collect(Collectors.joining("\n", "", "\n"));
    traceBytes = trace.getBytes(StandardCharsets.UTF_8);
    textRetracer = Retracer.of(textMapping);
    cacheRetracer = Retracer.of(cache);
  }

  /**
   * Deletes the temporary cache file.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(cacheFile);
  }

  /**
   * Scans and indexes the text mapping (class headers only; classes parse on first lookup).
   *
   * @return the mapping
   */
  @Benchmark
  public ProguardMapping parseMapping() {
    return ProguardMapping.parse(mappingBytes);
  }

  /**
   * Memory-maps and validates the cache file.
   *
   * @return the cache
   * @throws IOException if the file cannot be read
   */
  @Benchmark
  public ProguardCache openCache() throws IOException {
    return ProguardCache.open(cacheFile);
  }

  /**
   * Remaps one frame with the text mapping.
   *
   * @return the candidates
   */
  @Benchmark
  public List<List<StackFrame>> remapFrameMapping() {
    return textMapping.remapFrame(frame);
  }

  /**
   * Remaps one frame with the cache.
   *
   * @return the candidates
   */
  @Benchmark
  public List<List<StackFrame>> remapFrameCache() {
    return cache.remapFrame(frame);
  }

  /**
   * Retraces a 25-frame trace with the text mapping.
   *
   * @return the retraced text
   */
  @Benchmark
  public String retraceMapping() {
    return textRetracer.retrace(trace);
  }

  /**
   * Retraces a 25-frame trace with the cache.
   *
   * @return the retraced text
   */
  @Benchmark
  public String retraceCache() {
    return cacheRetracer.retrace(trace);
  }

  /**
   * Retraces the same trace as bytes with the cache, as {@code symbolic proguard retrace --cache}
   * does: most frames straight from the cache's bytes. Includes copying the cache's strings and
   * tables, which a retrace does once.
   *
   * @return the retraced bytes
   * @throws IOException never: the streams are in memory
   */
  @Benchmark
  public byte[] retraceCacheBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(traceBytes.length * 2);
    cacheRetracer.retrace(new ByteArrayInputStream(traceBytes), out);
    return out.toByteArray();
  }

  private Path mappingFile() {
    String chosen = mapping != null && !mapping.isEmpty() ? mapping
        : System.getProperty("symbolic.mapping", "");
    if (!chosen.isEmpty()) {
      Path file = Path.of(chosen);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("mapping " + file.toAbsolutePath() + " does not exist");
      }
      return file;
    }
    String corpus = System.getProperty("symbolic.corpus", "../shared/corpus");
    Path file = Path.of(corpus, "proguard", "mappings", "r8", "mapping.txt");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no mapping at " + file.toAbsolutePath()
          + ": run from the repository root, or set -Dsymbolic.corpus=DIR,"
          + " -Dsymbolic.mapping=FILE or -p mapping=FILE");
    }
    return file;
  }

  /** The first line of every n-th method with a line range, spread over the whole mapping. */
  private static List<StackFrame> pickFrames(ProguardMapping mapping, int count) {
    List<StackFrame> all = new ArrayList<>();
    mapping.classes().forEach((ClassMapping cls) -> {
      for (MemberMapping m : cls.members()) {
        if (m.isMethod() && m.hasMinifiedRange() && m.minifiedStart() > 0
            && !m.isSynthesized() && !m.isOutline()) {
          all.add(StackFrame.of(cls.obfuscatedName(), m.obfuscatedName(), "SourceFile",
              m.minifiedStart()));
        }
      }
    });
    List<StackFrame> picked = new ArrayList<>(count);
    int step = Math.max(1, all.size() / count);
    for (int i = 0; i < all.size() && picked.size() < count; i += step) {
      picked.add(all.get(i));
    }
    return picked;
  }
}
