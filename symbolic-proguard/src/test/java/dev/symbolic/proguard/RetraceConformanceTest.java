package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trace of the shared corpus retraces to exactly what R8 retrace 8.5.35 printed for it, in
 * default and {@code --verbose} mode.
 */
class RetraceConformanceTest {
  private static final Map<Path, ProguardMapping> MAPPINGS = new ConcurrentHashMap<>();

  static Stream<Arguments> cases() throws IOException {
    Path root = Corpus.proguard();
    List<Arguments> cases = new ArrayList<>();
    for (String row : Files.readAllLines(root.resolve("index.tsv"))) {
      String[] f = row.split("\t");
      if (f[0].equals("id")) {
        continue;
      }
      String mapping = "mappings/" + f[1] + "/mapping.txt";
      cases.add(Arguments.of(f[7], mapping, f[8], false));
      cases.add(Arguments.of(f[7], mapping, f[9], true));
    }
    for (String row : Files.readAllLines(root.resolve("fixture-traces/commands.tsv"))) {
      String[] f = row.split("\t", -1);
      if (f[0].equals("expected") || f[2].startsWith("large/")) {
        continue;
      }
      cases.add(Arguments.of(f[1], f[2], f[0], f[3].contains("--verbose")));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("cases")
  void matchesR8Retrace(String trace, String mapping, String expected, boolean verbose)
      throws IOException {
    Path root = Corpus.proguard();
    ProguardMapping map = MAPPINGS.computeIfAbsent(root.resolve(mapping), RetraceConformanceTest::open);
    String input = Files.readString(root.resolve(trace));
    String actual = Retracer.of(map).verbose(verbose).retrace(input);
    assertThat(actual).isEqualTo(Files.readString(root.resolve(expected)));
    assertThat(Retracer.of(map).verbose(verbose).parallel(true).retrace(input)).isEqualTo(actual);
  }

  @Test
  void largeMappingTenThousandFrames() throws Exception {
    Path root = Corpus.proguard();
    Path mapping = LargeMapping.path(root);
    ProguardMapping map = ProguardMapping.open(mapping);
    String frames = Files.readString(root.resolve("large/frames-10000.txt"));
    assertThat(Retracer.of(map).retrace(frames))
        .isEqualTo(Files.readString(root.resolve("large/frames-10000.expected.txt")));
    assertThat(Retracer.of(map).verbose(true).retrace(frames))
        .isEqualTo(Files.readString(root.resolve("large/frames-10000.expected-verbose.txt")));
    // In runs on several cores (the 600 exception lines give the cut points): the same output.
    assertThat(Retracer.of(map).parallel(true).retrace(frames))
        .isEqualTo(Files.readString(root.resolve("large/frames-10000.expected.txt")));
    assertThat(Retracer.of(map).verbose(true).parallel(true).retrace(frames))
        .isEqualTo(Files.readString(root.resolve("large/frames-10000.expected-verbose.txt")));
    for (String extra : List.of("outlines.txt", "rewrite-frames.txt")) {
      Path trace = root.resolve("fixture-traces/traces/large/" + extra);
      if (Files.exists(trace)) {
        assertThat(Retracer.of(map).retrace(Files.readString(trace)))
            .isEqualTo(Files.readString(root.resolve("fixture-traces/expected/large/" + extra)));
      }
    }
  }

  @Test
  void upstreamFixturesParseWithoutBrokenLines() throws IOException {
    Path dir = Corpus.proguard().resolve("upstream-fixtures");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".txt"))::iterator) {
        ProguardMapping mapping = ProguardMapping.open(file);
        assertThat(mapping.classCount()).as(file.toString()).isPositive();
        assertThat(mapping.brokenLineCount()).as(file.toString()).isZero();
        mapping.classes().forEach(c -> assertThat(c.originalName()).isNotEmpty());
      }
    }
  }

  private static ProguardMapping open(Path path) {
    try {
      return ProguardMapping.open(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 53 MB mapping is stored as .xz; a copy is decompressed under target/ once. */
  static final class LargeMapping {
    private LargeMapping() {}

    static synchronized Path path(Path root) throws IOException, InterruptedException {
      Path xz = root.resolve("large/mapping.txt.xz");
      assumeTrue(Files.exists(xz), "no large mapping in the corpus: skipping");
      Path out = Path.of("target/corpus/large-mapping.txt");
      if (!Files.exists(out)) {
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), "large", ".tmp");
        Process p;
        try {
          p = new ProcessBuilder("xz", "-dc", xz.toString())
              .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
          assumeTrue(false, "xz is not installed, cannot decompress the large mapping: skipping");
          throw e;
        }
        assertThat(p.waitFor()).isZero();
        Files.move(tmp, out);
      }
      return out;
    }
  }
}
