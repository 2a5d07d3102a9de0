package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Function-name resolution, on hand-written maps and on symbolic's upstream fixtures. */
class FunctionNamesTest {
  static final Path FIXTURES = SourceMapConformanceTest.CORPUS.resolve(
      "upstream-fixtures/symbolic/symbolic-testutils/fixtures/sourcemapcache");

  static Path fixture(String path) {
    Path p = FIXTURES.resolve(path);
    Assumptions.assumeTrue(Files.isRegularFile(p), "fixture not found: " + p);
    return p;
  }

  static SourceMap map(String path) throws IOException {
    return SourceMap.parse(Files.readAllBytes(fixture(path)));
  }

  static SourceMapCache cache(SourceMap map, String js) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SourceMapCache.write(map, js, out);
    return SourceMapCache.of(dev.symbolic.common.ByteView.of(out.toByteArray()));
  }

  // Minified: "function a(b){return b.c()}var d=function(){};"
  //            0123456789012345678901234567890123456789012345
  // original names: a -> computeTotal, b -> cart, c -> sum, d -> handler
  private static final String JS = "function a(b){return b.c()}var d=function(){};";
  private static final String MAP = "{\"version\":3,\"sources\":[\"src/app.js\"],"
      + "\"sourcesContent\":[\"function computeTotal(cart) {\\n  return cart.sum();\\n}\\n"
      + "var handler = function () {};\\n\"],"
      + "\"names\":[\"computeTotal\",\"cart\",\"sum\",\"handler\"],"
      // segments: col 0 -> 0:0; col 9 -> 0:9 computeTotal; col 11 -> 0:22 cart; col 14 -> 1:2;
      // col 21 -> 1:9 cart; col 23 -> 1:14 sum; col 27 -> 3:0; col 31 -> 3:4 handler;
      // col 33 -> 3:14
      + "\"mappings\":\"" + mappings(new int[][] {
          {0, 0, 0, 0, -1}, {9, 0, 0, 9, 0}, {11, 0, 0, 22, 1}, {14, 0, 1, 2, -1},
          {21, 0, 1, 9, 1}, {23, 0, 1, 14, 2}, {27, 0, 3, 0, -1}, {31, 0, 3, 4, 3},
          {33, 0, 3, 14, -1}}) + "\"}";

  /** Encodes one generated line of segments {col, src, line, col, name(-1 = none)}. */
  static String mappings(int[][] segs) {
    StringBuilder sb = new StringBuilder();
    int pc = 0;
    int ps = 0;
    int pl = 0;
    int po = 0;
    int pn = 0;
    for (int[] s : segs) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(SourceMapCachePropertiesTest.vlq(s[0] - pc));
      pc = s[0];
      sb.append(SourceMapCachePropertiesTest.vlq(s[1] - ps)).append(
          SourceMapCachePropertiesTest.vlq(s[2] - pl)).append(
          SourceMapCachePropertiesTest.vlq(s[3] - po));
      ps = s[1];
      pl = s[2];
      po = s[3];
      if (s[4] >= 0) {
        sb.append(SourceMapCachePropertiesTest.vlq(s[4] - pn));
        pn = s[4];
      }
    }
    return sb.toString();
  }

  @Test
  void resolvesNamesThroughTheMap() {
    SourceMap map = SourceMap.parse(MAP);
    FunctionNames names = FunctionNames.resolve(map, JS);
    assertThat(names.at(0, 0)).contains("computeTotal");
    assertThat(names.at(0, 21)).contains("computeTotal");
    assertThat(names.at(0, 27)).isEmpty(); // after the function: global code
    assertThat(names.at(0, 40)).contains("handler");
    assertThat(names.at(0, 46)).isEmpty();
    assertThat(names.at(5, 0)).isEmpty();
    assertThat(names.names()).containsExactly("computeTotal", "handler");
  }

  @Test
  void withoutMinifiedFileThereAreNoNames() {
    SourceMap map = SourceMap.parse(MAP);
    FunctionNames names = FunctionNames.resolve(map, null);
    assertThat(names.isEmpty()).isTrue();
    assertThat(names.at(0, 21)).isEmpty();
  }

  @Test
  void unmappedComponentsKeepTheirMinifiedText() {
    SourceMap map = SourceMap.parse("{\"version\":3,\"sources\":[\"a.js\"],\"names\":[],"
        + "\"mappings\":\"AAAA\"}");
    String js = "x.y=function(){};class K{m(){}}(function(){})();";
    FunctionNames names = FunctionNames.resolve(map, js);
    assertThat(names.at(0, 5)).contains("x.y");
    assertThat(names.at(0, 20)).contains("new K");
    assertThat(names.at(0, 28)).contains("K.m");
    assertThat(names.at(0, 40)).contains(FunctionNames.ANONYMOUS);
  }

  @Test
  void cacheAgreesWithFunctionNamesAtEveryColumn() throws IOException {
    SourceMap map = SourceMap.parse(MAP);
    FunctionNames names = FunctionNames.resolve(map, JS);
    SourceMapCache cache = cache(map, JS);
    for (int col = 0; col < JS.length() + 3; col++) {
      Optional<SourceLocation> expected = SourceLocation.lookup(map, names, 0, col);
      assertThat(cache.lookup(0, col)).as("column " + col).isEqualTo(expected);
    }
    SourceLocation loc = cache.lookup(0, 23).orElseThrow();
    assertThat(loc.source()).contains("src/app.js");
    assertThat(loc.originalLine()).isEqualTo(1);
    assertThat(loc.originalColumn()).isEqualTo(14);
    assertThat(loc.name()).contains("sum");
    assertThat(loc.functionName()).contains("computeTotal");
    assertThat(loc.sourceLine()).contains("  return cart.sum();");
    assertThat(loc.sourceContext(1)).containsExactly(
        "function computeTotal(cart) {", "  return cart.sum();", "}");
    assertThat(loc.sourceContext(10)).hasSize(5);
  }

  // symbolic's symbolic-sourcemapcache/tests/integration.rs, on the same fixtures.

  @Test
  void symbolicSimpleFixture() throws IOException {
    SourceMapCache cache = cache(map("simple/minified.js.map"),
        Files.readString(fixture("simple/minified.js")));
    SourceLocation sl = cache.lookup(0, 10).orElseThrow();
    assertThat(sl.source()).contains("tests/fixtures/simple/original.js");
    assertThat(sl.originalLine()).isEqualTo(1);
    assertThat(sl.functionName()).contains("abcd");
    assertThat(sl.sourceLine()).contains("function abcd() {}");
  }

  @Test
  void symbolicInliningFixture() throws IOException {
    SourceMapCache cache = cache(map("inlining/module.js.map"),
        Files.readString(fixture("inlining/module.js")));
    SourceLocation sl = cache.lookup(0, 62).orElseThrow();
    assertThat(sl.source()).contains("../src/app.js");
    assertThat(sl.originalLine()).isEqualTo(2);
    assertThat(sl.functionName()).contains("buttonCallback");
    sl = cache.lookup(0, 46).orElseThrow();
    assertThat(sl.source()).contains("../src/bar.js");
    assertThat(sl.originalLine()).isEqualTo(3);
    assertThat(sl.functionName()).contains("bar");
    // The call of the inlined function carries its original name as the token's name.
    assertThat(sl.name()).contains("foo");
    sl = cache.lookup(0, 33).orElseThrow();
    assertThat(sl.source()).contains("../src/foo.js");
    assertThat(sl.originalLine()).isEqualTo(1);
    assertThat(sl.originalColumn()).isEqualTo(8);
    // Inside the anonymous IIFE `!function(n){throw new Error(n)}(n)`: symbolic's
    // resolves_inlined_function expects AnonymousScope here too.
    assertThat(sl.functionName()).contains(FunctionNames.ANONYMOUS);
  }

  @Test
  void symbolicPreactFixture() throws IOException {
    SourceMapCache cache = cache(map("preact.module.js.map"),
        Files.readString(fixture("preact.module.js")));
    SourceLocation sl = cache.lookup(0, 49).orElseThrow();
    assertThat(sl.source()).contains("../src/constants.js");
    assertThat(sl.originalLine()).isEqualTo(2);
    assertThat(sl.functionName()).isEmpty();
    sl = cache.lookup(0, 132).orElseThrow();
    assertThat(sl.source()).contains("../src/util.js");
    assertThat(sl.originalLine()).isEqualTo(11);
    assertThat(sl.functionName()).contains("assign");
    sl = cache.lookup(0, 481).orElseThrow();
    assertThat(sl.source()).contains("../src/create-element.js");
    assertThat(sl.originalLine()).isEqualTo(39);
    assertThat(sl.functionName()).contains("createElement");
    sl = cache.lookup(0, 9779).orElseThrow();
    assertThat(sl.source()).contains("../src/component.js");
    assertThat(sl.originalLine()).isEqualTo(181);
    assertThat(sl.functionName()).isEmpty();
    sl = cache.lookup(0, 9794).orElseThrow();
    assertThat(sl.source()).contains("../src/create-context.js");
    assertThat(sl.originalLine()).isEqualTo(2);
    assertThat(sl.functionName()).isEmpty();
  }

  @Test
  void symbolicMissingSourceContents() throws IOException {
    SourceMapCache cache = cache(map("preact-missing-source-contents.module.js.map"),
        Files.readString(fixture("preact.module.js")));
    assertThat(cache.sourceCount()).isEqualTo(12);
    int without = 0;
    for (int i = 0; i < cache.sourceCount(); i++) {
      if (!cache.hasSourceContent(i)) {
        without++;
        assertThat(cache.source(i)).isIn("../src/util.js", "../src/create-element.js",
            "../src/diff/catch-error.js");
      }
    }
    assertThat(without).isEqualTo(3);
  }

  @Test
  void symbolicHermesFixture() throws IOException {
    SourceMapCache cache = cache(map("hermes-metro/react-native-hermes.map"), null);
    SourceLocation sl = cache.lookup(0, 11939).orElseThrow();
    assertThat(sl.source()).contains("module.js");
    assertThat(sl.originalLine()).isEqualTo(1);
    assertThat(sl.functionName()).contains("foo");
    assertThat(sl.sourceLine()).contains("    throw new Error(\"lets throw!\");");
    sl = cache.lookup(0, 11857).orElseThrow();
    assertThat(sl.source()).contains("input.js");
    assertThat(sl.originalLine()).isEqualTo(2);
    assertThat(sl.functionName()).contains("<global>");
    assertThat(sl.sourceLine()).contains("foo();");
  }

  @Test
  void symbolicMetroFixture() throws IOException {
    SourceMap map = map("hermes-metro/react-native-metro.js.map");
    String js = Files.readString(fixture("hermes-metro/react-native-metro.js"));
    SourceMapCache cache = cache(map, js);
    SourceLocation sl = cache.lookup(6, 100).orElseThrow();
    assertThat(sl.source()).contains("module.js");
    assertThat(sl.originalLine()).isEqualTo(1);
    assertThat(sl.functionName()).contains("foo");
    assertThat(sl.sourceLine()).contains("    throw new Error(\"lets throw!\");");
    sl = cache.lookup(5, 43).orElseThrow();
    assertThat(sl.source()).contains("input.js");
    assertThat(sl.originalLine()).isEqualTo(2);
    assertThat(sl.functionName()).contains("<global>");
    assertThat(FunctionNames.resolve(map, js).at(5, 43)).contains("<global>");
  }
}
