package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random traces over the corpus mappings, retraced by R8 8.5.35 itself (in this JVM) and by this
 * library: the outputs must be identical. The traces mix frames inside, outside and without line
 * ranges, line 0, unknown methods and classes, exception lines and {@code Caused by:} sections,
 * so the comparison reaches cases the stored expectations do not.
 */
class R8DifferentialTest {
  private static final int TRACES = Integer.getInteger("symbolic.differential.traces", 40);
  private static final int FRAMES = 25;

  static Stream<String> mappings() throws IOException {
    Path root = Corpus.proguard();
    List<String> out = new ArrayList<>(List.of("mappings/r8/mapping.txt", "mappings/proguard/mapping.txt"));
    try (Stream<Path> files = Files.list(root.resolve("upstream-fixtures"))) {
      files.filter(p -> p.toString().endsWith(".txt"))
          .forEach(p -> out.add(root.relativize(p).toString()));
    }
    try (Stream<Path> files = Files.list(root.resolve("upstream-fixtures/with-version-header"))) {
      files.forEach(p -> out.add(root.relativize(p).toString()));
    }
    return out.stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("mappings")
  void randomTracesMatchR8(String relative, @TempDir Path dir) throws Exception {
    Path mappingFile = Corpus.proguard().resolve(relative);
    ProguardMapping mapping = ProguardMapping.open(mappingFile);
    String trace = randomTrace(mapping, new Random(relative.hashCode() + Long.getLong("symbolic.differential.seed", 0L)));
    Path traceFile = dir.resolve("trace.txt");
    Files.writeString(traceFile, trace);
    for (boolean verbose : new boolean[] {false, true}) {
      String expected = r8(mappingFile, traceFile, verbose);
      String actual = Retracer.of(mapping).verbose(verbose).retrace(trace);
      if (!actual.equals(expected)) {
        // Keep the case for a look: target/differential/<mapping>.{trace,r8,ours}.
        Path out = Path.of("target/differential");
        Files.createDirectories(out);
        String stem = relative.replace('/', '_') + (verbose ? ".verbose" : "");
        Files.writeString(out.resolve(stem + ".trace"), trace);
        Files.writeString(out.resolve(stem + ".r8"), expected);
        Files.writeString(out.resolve(stem + ".ours"), actual);
      }
      assertThat(actual).as(relative + " verbose=" + verbose).isEqualTo(expected);
    }
  }

  static String randomTrace(ProguardMapping mapping, Random random) {
    List<ClassMapping> classes = mapping.classes().toList();
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < TRACES; t++) {
      ClassMapping thrown = classes.get(random.nextInt(classes.size()));
      sb.append(random.nextBoolean() ? "java.lang.NullPointerException" : thrown.obfuscatedName())
          .append(": failure ").append(t).append('\n');
      for (int f = 0; f < FRAMES; f++) {
        if (f == FRAMES / 2 && random.nextInt(3) == 0) {
          sb.append("Caused by: ").append(thrown.obfuscatedName()).append(": cause\n");
        }
        ClassMapping cls = classes.get(random.nextInt(classes.size()));
        List<MemberMapping> methods = new ArrayList<>();
        for (MemberMapping m : cls.members()) {
          if (m.isMethod()) {
            methods.add(m);
          }
        }
        String method = methods.isEmpty() || random.nextInt(20) == 0
            ? "zz" : methods.get(random.nextInt(methods.size())).obfuscatedName();
        String owner = random.nextInt(30) == 0 ? "no.such.Cls" : cls.obfuscatedName();
        sb.append("\tat ").append(owner).append('.').append(method).append('(')
            .append(location(methods, method, random)).append(")\n");
      }
      if (random.nextBoolean()) {
        sb.append("\t... ").append(random.nextInt(9) + 1).append(" more\n");
      }
    }
    return sb.toString();
  }

  private static String location(List<MemberMapping> methods, String name, Random random) {
    switch (random.nextInt(10)) {
      case 0:
        return "SourceFile";
      case 1:
        return "Unknown Source";
      case 2:
        return "SourceFile:0";
      case 3:
        return "SourceFile:" + (random.nextInt(5000) + 1);
      default:
        List<MemberMapping> named = new ArrayList<>();
        for (MemberMapping m : methods) {
          if (m.obfuscatedName().equals(name) && m.hasMinifiedRange()) {
            named.add(m);
          }
        }
        if (named.isEmpty()) {
          return "SourceFile:" + (random.nextInt(100) + 1);
        }
        MemberMapping m = named.get(random.nextInt(named.size()));
        int span = m.minifiedEnd() - m.minifiedStart() + 1;
        return "SourceFile:" + (m.minifiedStart() + random.nextInt(Math.max(span, 1)));
    }
  }

  /** Runs R8's command-line retrace in this JVM and returns what it printed. */
  private static synchronized String r8(Path mapping, Path trace, boolean verbose) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      List<String> args = new ArrayList<>();
      if (verbose) {
        args.add("--verbose");
      }
      args.add(mapping.toString());
      args.add(trace.toString());
      com.android.tools.r8.retrace.Retrace.run(args.toArray(new String[0]));
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
