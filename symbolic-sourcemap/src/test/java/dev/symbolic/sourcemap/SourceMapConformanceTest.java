package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks lookups against the expectations of the source-map corpus (see the corpus README),
 * computed by Mozilla {@code source-map} 0.7.6 and {@code @jridgewell/trace-mapping} 0.3.31.
 *
 * <p>Where both libraries agree, {@code lookup(line - 1, column)} must give the same source,
 * original line and column and name, or nothing when both give null. Whenever {@code raw} (the
 * segment trace-mapping's {@code traceSegment} found) is present, the segment our lookup finds
 * must have the same generated column, source index, literal source, original line and column and
 * name index; where raw is absent on a regular map, no segment may be found.
 *
 * <p>Where the libraries disagree we follow one consistently per class:
 *
 * <ul>
 *   <li>source strings (percent-encoding of spaces, {@code ./} prefixes, {@code null} sources):
 *       trace-mapping, since we return the literal source (joined with sourceRoot) and, like
 *       trace-mapping, {@code ""} for null sources; neither we nor trace-mapping percent-encode.
 *   <li>several segments at the same generated column (regular maps): trace-mapping, which
 *       returns the first in map order; that is also the {@code raw} segment.
 *   <li>nested index maps with a column offset (the only index-map disagreements): Mozilla,
 *       which applies the outer column offset only on the outer section's first line; decoding
 *       the inner map by hand confirms Mozilla (README disagreement 5).
 * </ul>
 *
 * <p>Resolved sources are compared after removing {@code /./} segments, the only URL
 * normalisation of both libraries that occurs in the corpus (webpack's {@code
 * webpack:///./src/x.js}); we return sources as written.
 */
class SourceMapConformanceTest {
  static final Path CORPUS =
      Paths.get(System.getProperty("symbolic.corpus", "../shared/corpus"), "sourcemap");

  static Path corpus() {
    Assumptions.assumeTrue(
        Files.isDirectory(CORPUS.resolve("expectations")),
        "source-map corpus not found at " + CORPUS.toAbsolutePath()
            + " (set -Dsymbolic.corpus=...); skipping conformance tests");
    return CORPUS;
  }

  /** Finds (and for .xz decompresses into target/) the map an expectation file refers to. */
  static Path mapFor(Path corpus, Path expectation) throws IOException, InterruptedException {
    Path exp = corpus.resolve("expectations");
    String rel = exp.relativize(expectation).toString().replace('\\', '/');
    if (rel.startsWith("upstream/")) {
      String path = rel.substring("upstream/".length(), rel.length() - ".jsonl".length());
      return corpus.resolve("upstream-fixtures").resolve(path);
    }
    String name = rel.substring(0, rel.length() - ".jsonl".length());
    Path dir = corpus.resolve("maps").resolve(name);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> maps =
          files
              .filter(p -> p.getFileName().toString().matches(".*\\.map(\\.xz)?$"))
              .collect(Collectors.toList());
      assertThat(maps).as("map file in " + dir).hasSize(1);
      Path map = maps.get(0);
      if (map.toString().endsWith(".xz")) {
        return decompress(map);
      }
      return map;
    }
  }

  static Path decompress(Path xz) throws IOException, InterruptedException {
    String plain = xz.getFileName().toString().replaceAll("\\.xz$", "");
    Path out = Paths.get("target", "corpus", plain);
    if (Files.isRegularFile(out) && Files.size(out) > 0) {
      return out;
    }
    Files.createDirectories(out.getParent());
    Path tmp = out.resolveSibling(plain + ".tmp");
    Process p;
    try {
      p =
          new ProcessBuilder("xz", "-dc", xz.toString())
              .redirectOutput(tmp.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      Assumptions.abort("xz command not available to decompress " + xz + ": " + e.getMessage());
      throw e;
    }
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    Assumptions.assumeTrue(done && p.exitValue() == 0, "xz failed to decompress " + xz);
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  static List<Path> expectationFiles(Path corpus) throws IOException {
    try (Stream<Path> s = Files.walk(corpus.resolve("expectations"))) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
  }

  @TestFactory
  Stream<DynamicTest> lookupsMatchReferenceLibraries() throws IOException {
    Path corpus = corpus();
    return expectationFiles(corpus).stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    corpus.resolve("expectations").relativize(e).toString(),
                    () -> checkExpectations(corpus, e)));
  }

  static final class Counts {
    int lookups;
    int agreed;
    int agreedPass;
    int disagreed;
    int disagreedPass;
    int raw;
    int rawPass;
    final List<String> failures = new ArrayList<>();

    void fail(String s) {
      if (failures.size() < 20) {
        failures.add(s);
      }
    }
  }

  static void checkExpectations(Path corpus, Path expectation) throws Exception {
    Path mapFile = mapFor(corpus, expectation);
    SourceMap map = SourceMap.parse(Files.readAllBytes(mapFile));
    Counts c = new Counts();
    for (String line : Files.readAllLines(expectation, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) Json.parse(line);
      c.lookups++;
      int genLine = ((Number) e.get("line")).intValue() - 1;
      int genCol = ((Number) e.get("column")).intValue();
      Object moz = e.get("mozilla");
      Object tm = e.get("trace_mapping");
      Optional<Token> got = map.lookup(genLine, genCol);
      String where = (genLine + 1) + ":" + genCol;
      if (Objects.equals(moz, tm)) {
        c.agreed++;
        String err = compare(map, got, tm);
        if (err == null) {
          c.agreedPass++;
        } else {
          c.fail(where + " (agreed) " + err);
        }
      } else {
        c.disagreed++;
        // Nested index maps: Mozilla; everything else: trace-mapping (see class comment).
        Object followed = map.isIndexMap() ? moz : tm;
        String err = compare(map, got, followed);
        if (err == null) {
          c.disagreedPass++;
        } else {
          c.fail(where + " (disagreed, followed " + (map.isIndexMap() ? "mozilla" : "trace-mapping")
              + ") " + err);
        }
      }
      if (!map.isIndexMap()) {
        c.raw++;
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) e.get("raw");
        String err = compareRaw(map, map.find(genLine, genCol, Bias.GREATEST_LOWER_BOUND), raw);
        if (err == null) {
          c.rawPass++;
        } else {
          c.fail(where + " raw " + err);
        }
      }
    }
    System.out.printf(
        "conformance %-100s lookups %5d  agreed %5d/%5d  disagreed (followed %s) %4d/%4d  raw %5d/%5d%n",
        corpus.resolve("expectations").relativize(expectation),
        c.lookups,
        c.agreedPass,
        c.agreed,
        map.isIndexMap() ? "mozilla" : "trace-mapping",
        c.disagreedPass,
        c.disagreed,
        c.rawPass,
        c.raw);
    assertThat(c.failures).as("lookup mismatches of " + expectation).isEmpty();
  }

  static String normalizeSource(String s) {
    String prev;
    do {
      prev = s;
      s = s.replace("/./", "/");
    } while (!s.equals(prev));
    return s;
  }

  static String compare(SourceMap map, Optional<Token> got, Object expected) {
    if (expected == null) {
      return got.isPresent() ? "expected nothing, got " + got.get() : null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> exp = (Map<String, Object>) expected;
    if (got.isEmpty()) {
      return "expected " + exp + ", got nothing";
    }
    Token t = got.get();
    String source = normalizeSource(t.source().orElse(""));
    Object expSource = exp.get("source");
    int line = ((Number) exp.get("line")).intValue();
    int col = ((Number) exp.get("column")).intValue();
    Object name = exp.get("name");
    if (!Objects.equals(expSource, source)
        || line != t.originalLine() + 1
        || col != t.originalColumn()
        || !Objects.equals(name, t.name().orElse(null))) {
      return "expected " + exp + ", got " + t;
    }
    return null;
  }

  static String compareRaw(SourceMap map, int seg, Map<String, Object> raw) {
    if (raw == null) {
      return seg < 0 ? null : "expected no segment, found " + map.token(seg);
    }
    if (seg < 0) {
      return "expected segment " + raw + ", found none";
    }
    Token t = map.token(seg);
    if (((Number) raw.get("generated_column")).intValue() != t.generatedColumn()) {
      return "expected " + raw + ", found " + t;
    }
    if (!raw.containsKey("source_index")) {
      return t.hasSource() ? "expected unmapped " + raw + ", found " + t : null;
    }
    int si = ((Number) raw.get("source_index")).intValue();
    Object nameIndex = raw.get("name_index");
    boolean ok =
        t.sourceIndex() == si
            && Objects.equals(raw.get("source"), map.isNullSource(si) ? null : map.source(si))
            && ((Number) raw.get("original_line0")).intValue() == t.originalLine()
            && ((Number) raw.get("original_column")).intValue() == t.originalColumn()
            && (nameIndex == null
                ? t.nameIndex() == -1
                : ((Number) nameIndex).intValue() == t.nameIndex());
    return ok ? null : "expected " + raw + ", found " + t;
  }

  @Test
  void upstreamFixtureMapsParse() throws IOException {
    Path corpus = corpus();
    List<Path> maps;
    try (Stream<Path> s = Files.walk(corpus.resolve("upstream-fixtures"))) {
      maps =
          s.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".map") || n.equals("indexed.sourcemap.js");
                  })
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(maps).hasSizeGreaterThan(30);
    for (Path p : maps) {
      SourceMap m = SourceMap.parse(Files.readAllBytes(p));
      assertThat(m.tokenCount()).as(p.toString()).isGreaterThan(0);
      // The written form parses back to the same tokens.
      SourceMap again = SourceMap.parse(m.toJson());
      assertThat(again.tokenCount()).as(p.toString()).isEqualTo(m.tokenCount());
      for (int i = 0; i < m.tokenCount(); i += Math.max(1, m.tokenCount() / 500)) {
        assertThat(again.token(i)).as(p.toString()).isEqualTo(m.token(i));
      }
    }
  }

  @Test
  void corpusMapsParseAndRoundTrip() throws Exception {
    Path corpus = corpus();
    for (Path e : expectationFiles(corpus)) {
      Path mapFile = mapFor(corpus, e);
      SourceMap m = SourceMap.parse(Files.readAllBytes(mapFile));
      SourceMap again = SourceMap.parse(m.toJson());
      assertThat(again.tokenCount()).as(mapFile.toString()).isEqualTo(m.tokenCount());
      assertThat(again.sourceCount()).isEqualTo(m.sourceCount());
      assertThat(again.nameCount()).isEqualTo(m.nameCount());
      for (int i = 0; i < m.tokenCount(); i++) {
        if (!again.token(i).equals(m.token(i))) {
          assertThat(again.token(i)).as(mapFile + " token " + i).isEqualTo(m.token(i));
        }
      }
      for (int i = 0; i < m.sourceCount(); i++) {
        assertThat(again.sourceContent(i)).isEqualTo(m.sourceContent(i));
      }
    }
  }

  /** A minimal JSON reader for the expectation lines. */
  static final class Json {
    private final String s;
    private int p;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String s) {
      Json j = new Json(s);
      Object v = j.value();
      j.ws();
      if (j.p != s.length()) {
        throw new IllegalArgumentException("trailing data at " + j.p);
      }
      return v;
    }

    private void ws() {
      while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
        p++;
      }
    }

    private Object value() {
      ws();
      char c = s.charAt(p);
      switch (c) {
        case '{':
          {
            p++;
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (s.charAt(p) == '}') {
              p++;
              return m;
            }
            while (true) {
              ws();
              String k = str();
              ws();
              p++; // ':'
              m.put(k, value());
              ws();
              if (s.charAt(p++) == '}') {
                return m;
              }
            }
          }
        case '[':
          {
            p++;
            List<Object> l = new ArrayList<>();
            ws();
            if (s.charAt(p) == ']') {
              p++;
              return l;
            }
            while (true) {
              l.add(value());
              ws();
              if (s.charAt(p++) == ']') {
                return l;
              }
            }
          }
        case '"':
          return str();
        case 't':
          p += 4;
          return Boolean.TRUE;
        case 'f':
          p += 5;
          return Boolean.FALSE;
        case 'n':
          p += 4;
          return null;
        default:
          int start = p;
          while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
            p++;
          }
          String num = s.substring(start, p);
          if (num.matches("-?\\d+")) {
            return Long.parseLong(num);
          }
          return Double.parseDouble(num);
      }
    }

    private String str() {
      StringBuilder sb = new StringBuilder();
      p++;
      while (true) {
        char c = s.charAt(p++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char x = s.charAt(p++);
          switch (x) {
            case 'n':
              sb.append('\n');
              break;
            case 't':
              sb.append('\t');
              break;
            case 'r':
              sb.append('\r');
              break;
            case 'b':
              sb.append('\b');
              break;
            case 'f':
              sb.append('\f');
              break;
            case 'u':
              sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
              p += 4;
              break;
            default:
              sb.append(x);
          }
        } else {
          sb.append(c);
        }
      }
    }
  }
}
