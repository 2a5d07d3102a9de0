package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte path of {@link Retracer} over a {@link ProguardCache}, which retraces the frames that
 * need no judgement straight from the cache ({@link CacheFrames}), prints what R8 prints and
 * exactly what the general path prints: on every corpus trace, on random traces over every
 * corpus mapping, and on those traces mutated line by line.
 */
class CacheFramesTest {
  private static final Map<Path, ProguardMapping> MAPPINGS = new ConcurrentHashMap<>();
  private static final Map<Path, ProguardCache> CACHES = new ConcurrentHashMap<>();

  static Stream<Arguments> traces() throws IOException {
    Path root = Corpus.proguard();
    List<Arguments> cases = new ArrayList<>();
    for (String row : Files.readAllLines(root.resolve("index.tsv"))) {
      String[] f = row.split("\t");
      if (!f[0].equals("id")) {
        cases.add(Arguments.of(f[7], "mappings/" + f[1] + "/mapping.txt", f[8]));
      }
    }
    for (String row : Files.readAllLines(root.resolve("fixture-traces/commands.tsv"))) {
      String[] f = row.split("\t", -1);
      if (!f[0].equals("expected") && !f[2].startsWith("large/") && !f[3].contains("--verbose")) {
        cases.add(Arguments.of(f[1], f[2], f[0]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("traces")
  void corpusTracesMatchR8(String trace, String mapping, String expected) throws IOException {
    Path root = Corpus.proguard();
    byte[] input = Files.readAllBytes(root.resolve(trace));
    String actual = bytePath(cache(root.resolve(mapping)), input);
    assertThat(actual).isEqualTo(Files.readString(root.resolve(expected)));
  }

  static Stream<String> mappings() throws IOException {
    return R8DifferentialTest.mappings();
  }

  @ParameterizedTest
  @MethodSource("mappings")
  void randomAndMutatedTracesMatchTheGeneralPath(String relative) {
    Path file = Corpus.proguard().resolve(relative);
    ProguardMapping mapping = mapping(file);
    ProguardCache cache = cache(file);
    Random random = new Random(relative.hashCode());
    for (int round = 0; round < Integer.getInteger("rounds", 4); round++) {
      String trace = R8DifferentialTest.randomTrace(mapping, random);
      assertSame(mapping, cache, trace);
      assertSame(mapping, cache, mutate(trace, random));
    }
  }

  @Test
  void largeMappingTenThousandFrames() throws Exception {
    Path root = Corpus.proguard();
    Path mapping = RetraceConformanceTest.LargeMapping.path(root);
    ProguardCache cache = cache(mapping);
    byte[] frames = Files.readAllBytes(root.resolve("large/frames-10000.txt"));
    String expected = Files.readString(root.resolve("large/frames-10000.expected.txt"));
    assertThat(bytePath(cache, frames)).isEqualTo(expected);
    assertThat(bytePath(cache, frames, true)).isEqualTo(expected);
    for (String extra : List.of("outlines.txt", "rewrite-frames.txt")) {
      Path trace = root.resolve("fixture-traces/traces/large/" + extra);
      if (Files.exists(trace)) {
        assertThat(bytePath(cache, Files.readAllBytes(trace)))
            .isEqualTo(Files.readString(root.resolve("fixture-traces/expected/large/" + extra)));
      }
    }
  }

  @Test
  void partsOnSeveralCoresGiveTheOutputOfOne() {
    // Several buffers' worth of traces, line breaks of every kind, so that parts are cut in the
    // first (cold) buffer and in later ones, and lines straddle the buffers.
    Path file = Corpus.proguard().resolve("mappings/r8/mapping.txt");
    ProguardMapping mapping = mapping(file);
    ProguardCache cache = cache(file);
    Random random = new Random(7);
    StringBuilder trace = new StringBuilder();
    String[] breaks = {"\n", "\r\n", "\r", "\n\n"};
    while (trace.length() < 3_500_000) {
      String t = R8DifferentialTest.randomTrace(mapping, random);
      t = random.nextBoolean() ? t : mutate(t, random);
      for (String line : t.split("\n")) {
        trace.append(line).append(breaks[random.nextInt(16) == 0 ? random.nextInt(4) : 0]);
      }
    }
    byte[] input = trace.toString().getBytes(StandardCharsets.UTF_8);
    String serial = bytePath(cache, input);
    assertThat(bytePath(cache, input, true)).isEqualTo(serial);
    assertThat(serial).isEqualTo(Retracer.of(mapping).retrace(trace.toString()));
  }

  @Test
  void lineBreaksAreReadLikeReadLine() {
    ProguardMapping mapping = ProguardMapping.parse(
        "com.example.Foo -> a:\n    1:2:void bar():10:11 -> a\n");
    ProguardCache cache = ProguardCache.of(ByteView.of(ProguardCacheTest.cacheBytes(mapping)));
    for (String trace : List.of("", "\n", "\r", "\r\n", "\n\n", "\r\r\n",
        "a: x\r\n\tat a.a(SourceFile:1)\r\tat a.a(SourceFile:2)",
        "\tat a.a(SourceFile:1)\n\n\tat a.a(SourceFile:2)\r\n\r\n",
        "\tat a.a(\u00e9:1)\n\tat a.a(SourceFile:2) \u00a0\n")) {
      assertSame(mapping, cache, trace);
    }
  }

  @Test
  void linesLongerThanTheBufferAreKeptWhole() {
    ProguardMapping mapping = ProguardMapping.parse(
        "com.example.Foo -> a:\n    1:2:void bar():10:11 -> a\n");
    ProguardCache cache = ProguardCache.of(ByteView.of(ProguardCacheTest.cacheBytes(mapping)));
    String longLine = "x".repeat(200_000);
    assertSame(mapping, cache, longLine + "\n\tat a.a(SourceFile:1)\n" + longLine);
    assertSame(mapping, cache, "\tat a.a(" + longLine + ":2)\n");
  }

  @Test
  void classesSharingAnOriginalNameTakeTheFirstOnesSourceFile() {
    // The writer marks the first class of an original name; frames of the others must still
    // print that class's file, as the general path looks it up.
    ProguardMapping mapping = ProguardMapping.parse(
        "com.example.Foo -> b:\n# {\"id\":\"sourceFile\",\"fileName\":\"Foo.kt\"}\n"
            + "    1:2:void bar():10:11 -> a\n"
            + "com.example.Foo -> a:\n# {\"id\":\"sourceFile\",\"fileName\":\"Other.kt\"}\n"
            + "    1:2:void baz():20:21 -> a\n"
            + "com.example.Bar -> c:\n    1:2:void qux():30:31 -> a\n"
            + "    3:3:void com.example.Foo.inlined():40:40 -> a\n"
            + "    3:3:void qux():32:32 -> a\n");
    ProguardCache cache = ProguardCache.of(ByteView.of(ProguardCacheTest.cacheBytes(mapping)));
    String trace = "x: y\n\tat a.a(SourceFile:1)\n\tat b.a(SourceFile:2)\n\tat c.a(SourceFile:3)\n"
        + "\tat c.a(SourceFile:1)\n\tat a.b(SourceFile:1)\n";
    assertSame(mapping, cache, trace);
    assertThat(bytePath(cache, trace.getBytes(StandardCharsets.UTF_8)))
        .contains("com.example.Foo.baz(Foo.kt:20)");
  }

  private static void assertSame(ProguardMapping mapping, ProguardCache cache, String trace) {
    String expected = Retracer.of(mapping).retrace(trace);
    String actual = bytePath(cache, trace.getBytes(StandardCharsets.UTF_8));
    assertThat(actual).as(trace).isEqualTo(expected);
  }

  /**
   * Mutates lines the way real traces vary: other line numbers, line 0, no line, other file
   * names, module and logcat prefixes, trailing spaces, other indentation, exception prefixes,
   * messages with colons, quotes and brackets, unknown names, and non-ASCII text.
   */
  static String mutate(String trace, Random random) {
    StringBuilder out = new StringBuilder();
    for (String line : trace.split("\n", -1)) {
      String l = line;
      switch (random.nextInt(16)) {
        case 0:
          l = l.replaceAll(":(\\d+)\\)", ":" + random.nextInt(70000) + ")");
          break;
        case 1:
          l = l.replaceAll(":(\\d+)\\)", ":0)");
          break;
        case 2:
          l = l.replaceAll("\\(.*\\)", "(Unknown Source)");
          break;
        case 3:
          l = l.replace("SourceFile", random.nextBoolean() ? "Native Method" : "Foo.kt");
          break;
        case 4:
          l = l.replace("at ", "at java.base/");
          break;
        case 5:
          l = "12-01 10:00:00.000 E/App: " + l;
          break;
        case 6:
          l = l + "  ";
          break;
        case 7:
          l = l.replace("\t", "    ");
          break;
        case 8:
          l = (random.nextBoolean() ? "Caused by: " : "\tSuppressed: ") + l.trim();
          break;
        case 9:
          l = l + (random.nextBoolean() ? ": a: b" : ": one");
          break;
        case 10:
          l = l + (random.nextBoolean() ? " \"q\"" : " [x]");
          break;
        case 11:
          l = l.replace(".", random.nextBoolean() ? ".zz." : "$");
          break;
        case 12:
          l = l + " \u00e9";
          break;
        case 13:
          l = l.replace("(", " (");
          break;
        default:
          break;
      }
      out.append(l).append('\n');
    }
    return out.toString();
  }

  static String bytePath(ProguardCache cache, byte[] input) {
    return bytePath(cache, input, false);
  }

  static String bytePath(ProguardCache cache, byte[] input, boolean parallel) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Retracer.of(cache).parallel(parallel).retrace(new ByteArrayInputStream(input), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ProguardMapping mapping(Path file) {
    return MAPPINGS.computeIfAbsent(file, f -> {
      try {
        return ProguardMapping.open(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static ProguardCache cache(Path file) {
    return CACHES.computeIfAbsent(file,
        f -> ProguardCache.of(ByteView.of(ProguardCacheTest.cacheBytes(mapping(f)))));
  }
}
