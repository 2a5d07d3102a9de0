package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The binary cache: corpus maps against the parsed map, the file format, corrupt input. */
class SourceMapCacheTest {
  @TempDir
  Path dir;

  private static final String MAP = "{\"version\":3,\"file\":\"min.js\","
      + "\"sources\":[\"a.js\",null],\"sourcesContent\":[\"one\\r\\ntwo\\nthree\\rfour\",null],"
      + "\"names\":[\"x\"],\"mappings\":\"AAAA,EAAEA,C;;AACA\"}";

  @Test
  void writesAndOpensAFile() throws IOException {
    SourceMap map = SourceMap.parse(MAP);
    Path file = dir.resolve("a.smcache");
    try (OutputStream out = Files.newOutputStream(file)) {
      SourceMapCache.write(map, (String) null, out);
    }
    SourceMapCache cache = SourceMapCache.open(file);
    assertThat(cache.isCache(ByteView.map(file))).isTrue();
    assertThat(cache.lineCount()).isEqualTo(3);
    assertThat(cache.sourceCount()).isEqualTo(2);
    assertThat(cache.source(1)).isEmpty();
    assertThat(cache.file()).contains("min.js");
    assertThat(cache.hasFunctionNames()).isFalse();
    SourceLocation l = cache.lookup(0, 2).orElseThrow();
    assertThat(l.source()).contains("a.js");
    assertThat(l.originalLine()).isZero();
    assertThat(l.originalColumn()).isEqualTo(2);
    assertThat(l.name()).contains("x");
    assertThat(l.functionName()).isEmpty();
    assertThat(l.sourceContext(0)).containsExactly("one");
    assertThat(l.sourceContext(5)).containsExactly("one", "two", "three", "four");
    assertThat(cache.lookup(0, 3)).isEmpty(); // explicitly unmapped
    assertThat(cache.lookup(1, 0)).isEmpty(); // no segments
    SourceLocation l2 = cache.lookup(2, 9).orElseThrow();
    assertThat(l2.originalLine()).isEqualTo(1);
    assertThat(l2.sourceContext(1)).containsExactly("one", "two", "three");
    assertThat(cache.lookup(3, 0)).isEmpty();
    assertThat(cache.lookup(-1, 0)).isEmpty();
    assertThat(SourceMapCache.isCache(ByteView.of(MAP.getBytes(StandardCharsets.UTF_8))))
        .isFalse();
  }

  @Test
  void unpairedSurrogatesRoundTrip() {
    SourceMap map = SourceMap.parse("{\"version\":3,\"sources\":[\"a\\ud83d.js\"],"
        + "\"sourcesContent\":[\"x\\udc00\\n\\ud55c\\ud83d\\ude00\"],"
        + "\"names\":[\"\\ud800n\"],\"mappings\":\"AACAA\"}");
    SourceMapCache cache = SourceMapCache.of(
        ByteView.of(SourceMapCachePropertiesTest.cacheBytes(map, null)));
    SourceLocation l = cache.lookup(0, 0).orElseThrow();
    assertThat(l.source()).contains("a\ud83d.js");
    assertThat(l.name()).contains("\ud800n");
    assertThat(l.sourceContext(1)).containsExactly("x\udc00", "\ud55c\ud83d\ude00");
    assertThat(l).isEqualTo(SourceLocation.lookup(map, null, 0, 0).orElseThrow());
  }

  @Test
  void contextIsEmptyPastTheContent() {
    SourceMap map = SourceMap.parse("{\"version\":3,\"sources\":[\"a.js\"],"
        + "\"sourcesContent\":[\"only\\n\"],\"names\":[],\"mappings\":\"AAKA\"}");
    SourceMapCache cache = SourceMapCache.of(
        ByteView.of(SourceMapCachePropertiesTest.cacheBytes(map, null)));
    SourceLocation l = cache.lookup(0, 0).orElseThrow();
    assertThat(l.originalLine()).isEqualTo(5);
    assertThat(l.sourceContext(10)).isEmpty();
    assertThat(l.sourceLine()).isEmpty();
    assertThat(SourceLocation.lookup(map, null, 0, 0).orElseThrow().sourceContext(10)).isEmpty();
  }

  @Test
  void rejectsBadHeaders() {
    byte[] bytes = SourceMapCachePropertiesTest.cacheBytes(SourceMap.parse(MAP), null);
    assertThatThrownBy(() -> SourceMapCache.of(ByteView.of(new byte[10])))
        .isInstanceOf(ParseException.class);
    byte[] badMagic = bytes.clone();
    badMagic[0] = 'X';
    assertThatThrownBy(() -> SourceMapCache.of(ByteView.of(badMagic)))
        .isInstanceOf(ParseException.class).hasMessageContaining("magic");
    byte[] badVersion = bytes.clone();
    badVersion[8] = 9;
    assertThatThrownBy(() -> SourceMapCache.of(ByteView.of(badVersion)))
        .isInstanceOf(ParseException.class).hasMessageContaining("version");
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 4);
    assertThatThrownBy(() -> SourceMapCache.of(ByteView.of(longer)))
        .isInstanceOf(ParseException.class).hasMessageContaining("size");
  }

  @Test
  void everyTruncationAndBitFlipOnlyThrowsParseException() throws IOException {
    SourceMap map = SourceMap.parse(Files.readAllBytes(FunctionNamesTest.fixture(
        "inlining/module.js.map")));
    String js = Files.readString(FunctionNamesTest.fixture("inlining/module.js"));
    byte[] bytes = SourceMapCachePropertiesTest.cacheBytes(map, js);
    Random r = new Random(42);
    for (int len = 0; len < bytes.length; len++) {
      SourceMapCachePropertiesTest.exercise(java.util.Arrays.copyOf(bytes, len), r);
    }
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] flipped = bytes.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      SourceMapCachePropertiesTest.exercise(flipped, r);
    }
  }

  /** All corpus maps (the large one when xz is available): every segment and random positions. */
  @TestFactory
  Stream<DynamicTest> corpusMapsAgreeWithTheParsedMap() throws IOException {
    Path corpus = SourceMapConformanceTest.corpus();
    List<Path> maps = new ArrayList<>();
    try (Stream<Path> s = Files.walk(corpus.resolve("maps"))) {
      maps.addAll(s.filter(p -> p.toString().matches(".*\\.map(\\.xz)?$")).sorted()
          .collect(Collectors.toList()));
    }
    try (Stream<Path> s = Files.walk(corpus.resolve("upstream-fixtures"))) {
      maps.addAll(s.filter(p -> p.toString().endsWith(".map")
          || p.toString().endsWith("indexed.sourcemap.js")).sorted()
          .collect(Collectors.toList()));
    }
    return maps.stream().map(p -> DynamicTest.dynamicTest(corpus.relativize(p).toString(),
        () -> checkCorpusMap(p)));
  }

  private static void checkCorpusMap(Path path) throws Exception {
    Path file = path.toString().endsWith(".xz") ? SourceMapConformanceTest.decompress(path) : path;
    SourceMap map;
    try {
      map = SourceMap.parse(Files.readAllBytes(file));
    } catch (SourceMapException e) {
      return; // deliberately broken fixtures
    }
    String js = minifiedFor(path, file);
    FunctionNames names = FunctionNames.resolve(map, js);
    SourceMapCache cache = SourceMapCache.of(ByteView.of(
        SourceMapCachePropertiesTest.cacheBytes(map, js)));
    Random r = new Random(path.toString().hashCode());
    List<int[]> positions = new ArrayList<>();
    int step = Math.max(1, map.tokenCount() / 100_000);
    for (int i = 0; i < map.tokenCount(); i += step) {
      Token t = map.token(i);
      positions.add(new int[] {t.generatedLine(), t.generatedColumn()});
      positions.add(new int[] {t.generatedLine(), t.generatedColumn() + 1 + r.nextInt(3)});
    }
    for (int i = 0; i < 2000; i++) {
      positions.add(new int[] {r.nextInt(map.lineCount() + 2), r.nextInt(2000)});
    }
    SourceMapCachePropertiesTest.assertSameAsMap(map, names, cache, positions, 997);
  }

  /** The generated file next to a corpus map, if there is one. */
  private static String minifiedFor(Path original, Path file) throws Exception {
    String name = original.getFileName().toString();
    Path dir = original.getParent();
    List<Path> candidates = new ArrayList<>();
    String base = name.replaceAll("\\.xz$", "").replaceAll("\\.map$", "");
    candidates.add(dir.resolve(base));
    candidates.add(dir.resolve(base + ".js"));
    candidates.add(dir.resolve(base.replaceAll("\\.min$", ".min.js")));
    for (Path c : candidates) {
      if (Files.isRegularFile(c) && !c.equals(original)) {
        return new String(Files.readAllBytes(c), java.nio.charset.StandardCharsets.UTF_8);
      }
      Path xz = c.resolveSibling(c.getFileName() + ".xz");
      if (Files.isRegularFile(xz)) {
        return new String(Files.readAllBytes(SourceMapConformanceTest.decompress(xz)),
            java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> js = s.filter(p -> p.toString().endsWith(".js") && !p.equals(original))
          .collect(Collectors.toList());
      return js.size() == 1
          ? new String(Files.readAllBytes(js.get(0)), java.nio.charset.StandardCharsets.UTF_8) : null;
    }
  }
}
