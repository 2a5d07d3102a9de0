package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.ByteView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SourceMapTest {
  static final String BASIC =
      "{\"version\":3,\"file\":\"min.js\",\"sourceRoot\":\"src\",\"sources\":[\"a.js\",null],"
          + "\"sourcesContent\":[\"x\\ny\\u00e9\\ud83d\\ude00 \\\"q\\\" \\/\",null],"
          + "\"names\":[\"foo\",\"bar\"],\"mappings\":\"AAAA,CAACA;;ECAA,C,CAACC\"}";

  static SourceMap map(String json) {
    return SourceMap.parse(json);
  }

  @Test
  void parsesFieldsAndTokens() {
    SourceMap m = map(BASIC);
    assertThat(m.file()).contains("min.js");
    assertThat(m.sourceRoot()).contains("src");
    assertThat(m.sourceCount()).isEqualTo(2);
    assertThat(m.source(0)).isEqualTo("a.js");
    assertThat(m.source(1)).isEmpty();
    assertThat(m.isNullSource(1)).isTrue();
    assertThat(m.resolvedSource(0)).isEqualTo("src/a.js");
    assertThat(m.sourceContent(0)).contains("x\nyé\uD83D\uDE00 \"q\" /");
    assertThat(m.sourceContent(1)).isEmpty();
    assertThat(m.nameCount()).isEqualTo(2);
    assertThat(m.name(1)).isEqualTo("bar");
    assertThat(m.isIndexMap()).isFalse();
    assertThat(m.flatten()).isSameAs(m);
    assertThat(m.tokenCount()).isEqualTo(5);
    assertThat(m.lineCount()).isEqualTo(3);
    assertThat(m.token(0)).isEqualTo(new Token(0, 0, 0, "src/a.js", 0, 0, -1, null));
    assertThat(m.token(1)).isEqualTo(new Token(0, 1, 0, "src/a.js", 0, 1, 0, "foo"));
    assertThat(m.token(2)).isEqualTo(new Token(2, 2, 1, "", 0, 1, -1, null));
    assertThat(m.token(3)).isEqualTo(new Token(2, 3, -1, null, -1, -1, -1, null));
    assertThat(m.token(4)).isEqualTo(new Token(2, 4, 1, "", 0, 2, 1, "bar"));
    assertThat(m.token(3).hasSource()).isFalse();
    assertThat(m.token(1).toString()).isEqualTo("Token[0:1 -> src/a.js:0:1 foo]");
    assertThat(m.tokensOfLine(1)).isEmpty();
    assertThat(m.tokensOfLine(2)).hasSize(3);
    assertThat(m.tokensOfLine(99)).isEmpty();
  }

  @Test
  void parsesFromByteViewAndBytes() {
    byte[] b = BASIC.getBytes(StandardCharsets.UTF_8);
    assertThat(SourceMap.parse(ByteView.of(b)).tokenCount()).isEqualTo(5);
    assertThat(SourceMap.parse(b).tokenCount()).isEqualTo(5);
    byte[] bom = new byte[b.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(b, 0, bom, 3, b.length);
    assertThat(SourceMap.parse(bom).tokenCount()).isEqualTo(5);
    assertThat(map(")]}'\n" + BASIC).tokenCount()).isEqualTo(5);
  }

  @Test
  void lookupsUseGreatestLowerBoundOnTheLine() {
    SourceMap m = map(BASIC);
    assertThat(m.lookup(0, 0)).map(Token::originalColumn).contains(0);
    assertThat(m.lookup(0, 1)).map(Token::name).contains(Optional.of("foo"));
    assertThat(m.lookup(0, 500)).map(Token::generatedColumn).contains(1);
    assertThat(m.lookup(1, 5)).isEmpty(); // no segments on the line, nothing from line 0
    assertThat(m.lookup(2, 1)).isEmpty(); // before the first segment
    assertThat(m.lookup(2, 3)).isEmpty(); // explicitly unmapped
    assertThat(m.lookup(2, 4)).map(Token::generatedColumn).contains(4);
    assertThat(m.lookup(3, 0)).isEmpty();
    assertThat(m.lookup(-1, 0)).isEmpty();
    assertThat(m.lookup(0, -1)).isEmpty();
    assertThat(m.lookup(2, 1, Bias.LEAST_UPPER_BOUND)).map(Token::generatedColumn).contains(2);
    assertThat(m.lookup(2, 5, Bias.LEAST_UPPER_BOUND)).isEmpty();
    assertThat(m.lookup(2, 3, Bias.LEAST_UPPER_BOUND)).isEmpty(); // unmapped segment at 3
  }

  @Test
  void equalColumnsFollowTraceMapping() {
    // Three segments at column 5 of line 0 (original columns 0, 1, 2), one at 7.
    SourceMap m =
        map("{\"version\":3,\"sources\":[\"a\"],\"names\":[],\"mappings\":\"KAAA,AAAC,AAAC,EAAC\"}");
    assertThat(m.tokenCount()).isEqualTo(4);
    assertThat(m.lookup(0, 5)).map(Token::originalColumn).contains(0); // first at the column
    assertThat(m.lookup(0, 6)).map(Token::originalColumn).contains(2); // last before the column
    assertThat(m.lookup(0, 5, Bias.LEAST_UPPER_BOUND)).map(Token::originalColumn).contains(2);
    assertThat(m.lookup(0, 4, Bias.LEAST_UPPER_BOUND)).map(Token::originalColumn).contains(0);
  }

  @Test
  void unsortedLinesAreSortedStably() {
    // columns 10, 2, 10 (original columns 0, 1, 2)
    SourceMap m =
        map("{\"version\":3,\"sources\":[\"a\"],\"names\":[],\"mappings\":\"UAAA,RAAC,QAAC\"}");
    assertThat(m.tokensOfLine(0))
        .extracting(Token::generatedColumn, Token::originalColumn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 1),
            org.assertj.core.groups.Tuple.tuple(10, 0),
            org.assertj.core.groups.Tuple.tuple(10, 2));
  }

  @Test
  void toleratesEmptySegmentsAndLines() {
    SourceMap m =
        map("{\"version\":3,\"sources\":[\"a\"],\"names\":[],\"mappings\":\",,AAAA,,;;;,CAAC,;\"}");
    assertThat(m.tokenCount()).isEqualTo(2);
    assertThat(m.token(1).generatedLine()).isEqualTo(3);
    assertThat(m.lineCount()).isEqualTo(5);
  }

  @Test
  void rejectsBadMappingsWithOffsets() {
    String prefix = "{\"sources\":[\"a\"],\"mappings\":\"AAAA,";
    int at = prefix.length();
    assertThatThrownBy(() -> map(prefix + "AA\"}"))
        .isInstanceOf(SourceMapException.class)
        .hasMessageContaining("2 fields")
        .satisfies(e -> assertThat(((SourceMapException) e).offset()).isEqualTo(at));
    assertThatThrownBy(() -> map(prefix + "AAA\"}")).hasMessageContaining("3 fields");
    assertThatThrownBy(() -> map(prefix + "AAAAAA\"}")).hasMessageContaining("more than 5");
    assertThatThrownBy(() -> map(prefix + "A*AA\"}"))
        .isInstanceOf(SourceMapException.class)
        .satisfies(e -> assertThat(((SourceMapException) e).offset()).isEqualTo(at + 1));
    assertThatThrownBy(() -> map(prefix + "gggggggggB\"}")).hasMessageContaining("overflow");
    assertThatThrownBy(() -> map(prefix + "g\"}")).hasMessageContaining("truncated");
    assertThatThrownBy(() -> map(prefix + "D\"}")).hasMessageContaining("negative");
    assertThatThrownBy(() -> map(prefix + "ADAA\"}")).hasMessageContaining("negative");
  }

  @Test
  void rejectsBadJson() {
    String[] bad = {
      "",
      "[]",
      "{",
      "{\"mappings\":\"\",}",
      "{\"mappings\":\"\"} x",
      "{\"mappings\":\"\\x\"}",
      "{\"mappings\":\"\u0001\"}",
      "{\"mappings\":\"",
      "{\"mappings\":\"\",\"x\":[1,]}",
      "{\"mappings\":\"\",\"x\":01}",
      "{\"mappings\":\"\",\"x\":tru}",
      "{\"mappings\":\"\",\"sources\":[1]}",
      "{\"mappings\":\"\",\"version\":2}",
      "{\"mappings\":\"\",\"x\":\"\\ud8\"}",
      "{\"sources\":[]}",
      "{\"mappings\" \"\"}",
    };
    for (String s : bad) {
      assertThatThrownBy(() -> map(s)).as(s).isInstanceOf(SourceMapException.class);
    }
  }

  @Test
  void boundsNesting() {
    String deep = "{\"mappings\":\"\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> map(deep))
        .isInstanceOf(SourceMapException.class)
        .hasMessageContaining("nested deeper");
    String ok = "{\"mappings\":\"\",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}";
    assertThat(map(ok).tokenCount()).isZero();
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      nested.append("{\"sections\":[{\"offset\":{\"line\":0,\"column\":0},\"map\":");
    }
    nested.append("{\"mappings\":\"A\"}");
    nested.append("}]}".repeat(400));
    assertThatThrownBy(() -> map(nested.toString())).hasMessageContaining("nested deeper");
  }

  @Test
  void ignoreListAndDebugId() {
    assertThat(map("{\"mappings\":\"\",\"x_google_ignoreList\":[1,2]}").ignoreList())
        .containsExactly(1, 2);
    assertThat(
            map("{\"mappings\":\"\",\"x_google_ignoreList\":[1],\"ignoreList\":[0]}").ignoreList())
        .containsExactly(0);
    assertThat(map("{\"mappings\":\"\"}").ignoreList()).isEmpty();
    assertThat(map("{\"mappings\":\"\",\"debug_id\":\"ABC\"}").debugId()).contains("abc");
    assertThat(map("{\"debugId\":\"New\",\"mappings\":\"\",\"debug_id\":\"old\"}").debugId())
        .contains("new");
    assertThat(map("{\"mappings\":\"\"}").debugId()).isEmpty();
  }

  static final String INDEX =
      "{\"version\":3,\"file\":\"all.js\",\"sections\":["
          + "{\"offset\":{\"line\":0,\"column\":0},\"map\":{\"version\":3,\"sources\":[\"a.js\"],"
          + "\"names\":[\"x\"],\"sourcesContent\":[\"A\"],\"mappings\":\"AAAA,KAAKA,KAAK;AACL\"}},"
          + "{\"offset\":{\"line\":0,\"column\":7},\"map\":{\"version\":3,\"sourceRoot\":\"r/\","
          + "\"sources\":[\"b.js\"],\"names\":[],\"ignoreList\":[0],\"mappings\":\"GAAA;AACA\"}},"
          + "{\"offset\":{\"line\":3,\"column\":2},\"map\":{\"sources\":[],\"mappings\":\"A\"}}]}";

  @Test
  void flattensIndexMaps() {
    SourceMap m = map(INDEX);
    assertThat(m.isIndexMap()).isTrue();
    assertThat(m.file()).contains("all.js");
    assertThat(m.sourceCount()).isEqualTo(2);
    assertThat(m.source(1)).isEqualTo("r/b.js");
    assertThat(m.sourceContent(0)).contains("A");
    assertThat(m.sourceContent(1)).isEmpty();
    assertThat(m.ignoreList()).containsExactly(1);
    // Section 1: 0:0, 0:5 (clipped at 0:7: 0:10 dropped), 1:0. Section 2 at 0:7: barrier 0:7,
    // its segment at 0:10 (7 + 3), then 1:0 -> line 1 col 0. Section 3 at 3:2: unmapped.
    assertThat(m.tokensOfLine(0))
        .extracting(Token::generatedColumn)
        .containsExactly(0, 5, 7, 10);
    assertThat(m.lookup(0, 6)).map(Token::name).contains(Optional.of("x"));
    assertThat(m.lookup(0, 8)).isEmpty(); // inside section 2 before its first segment
    assertThat(m.lookup(0, 12)).flatMap(Token::source).contains("r/b.js");
    assertThat(m.lookup(1, 0)).flatMap(Token::source).contains("r/b.js"); // a.js's line 1 clipped
    assertThat(m.lookup(3, 5)).isEmpty();
    SourceMap flat = m.flatten();
    assertThat(flat.isIndexMap()).isFalse();
    SourceMap again = map(m.toJson());
    assertThat(again.tokenCount()).isEqualTo(m.tokenCount());
    for (int i = 0; i < m.tokenCount(); i++) {
      assertThat(again.token(i)).isEqualTo(m.token(i));
    }
  }

  @Test
  void nestedIndexMapsApplyTheOuterColumnOnlyOnTheFirstLine() {
    String inner =
        "{\"sections\":[{\"offset\":{\"line\":0,\"column\":1},\"map\":"
            + "{\"sources\":[\"a\"],\"mappings\":\"AAAA\"}},"
            + "{\"offset\":{\"line\":2,\"column\":1},\"map\":"
            + "{\"sources\":[\"b\"],\"mappings\":\"AAAA\"}}]}";
    SourceMap m =
        map("{\"sections\":[{\"offset\":{\"line\":1,\"column\":100},\"map\":" + inner + "}]}");
    assertThat(m.token(0).generatedLine()).isEqualTo(1);
    assertThat(m.token(0).generatedColumn()).isEqualTo(101);
    assertThat(m.token(1).generatedLine()).isEqualTo(3);
    assertThat(m.token(1).generatedColumn()).isEqualTo(1); // Mozilla; trace-mapping says 101
  }

  @Test
  void rejectsBadSections() {
    assertThatThrownBy(
            () ->
                map("{\"sections\":[{\"offset\":{\"line\":1,\"column\":0},\"map\":{\"mappings\":\"\"}},"
                    + "{\"offset\":{\"line\":0,\"column\":0},\"map\":{\"mappings\":\"\"}}]}"))
        .hasMessageContaining("out of order");
    assertThatThrownBy(
            () -> map("{\"sections\":[{\"offset\":{\"line\":0,\"column\":0},\"url\":\"x.map\"}]}"))
        .hasMessageContaining("url");
    assertThatThrownBy(() -> map("{\"sections\":[{\"map\":{\"mappings\":\"\"}}]}"))
        .hasMessageContaining("without offset");
  }

  @Test
  void generatedPositionsFindAllSegmentsOfAnOriginalPosition() {
    // line 0: 0 -> a:0:0, 4 -> a:0:4; line 1: 0 -> a:0:4, 3 -> a:1:0
    SourceMap m =
        map("{\"sources\":[\"a\",\"b\"],\"mappings\":\"AAAA,IAAI;AAAA,GACJ\"}");
    assertThat(m.generatedPositions(0, 0, 4))
        .extracting(Token::generatedLine, Token::generatedColumn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 4), org.assertj.core.groups.Tuple.tuple(1, 0));
    assertThat(m.generatedPositions(0, 0, 9)).hasSize(2); // greatest lower bound column 4
    assertThat(m.generatedPositions(0, 0, 2)).extracting(Token::generatedColumn).containsExactly(0);
    assertThat(m.generatedPositions(0, 1, 0)).extracting(Token::generatedColumn).containsExactly(3);
    assertThat(m.generatedPositions(0, 2, 0)).isEmpty();
    assertThat(m.generatedPositions(1, 0, 0)).isEmpty();
    assertThat(m.generatedPositions(7, 0, 0)).isEmpty();
  }

  @Test
  void dataUrls() {
    String json = "{\"version\":3,\"sources\":[\"a b.js\"],\"mappings\":\"AAAA\"}";
    String b64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    assertThat(SourceMap.parseDataUrl("data:application/json;base64," + b64).source(0))
        .isEqualTo("a b.js");
    assertThat(
            SourceMap.parseDataUrl("data:application/json;charset=utf-8;base64," + b64).source(0))
        .isEqualTo("a b.js");
    assertThat(SourceMap.parseDataUrl("data:application/json;base64," + b64.replace("=", "%3D")))
        .isNotNull();
    String encoded = json.replace("\"", "%22").replace(" ", "%20").replace("{", "%7B");
    assertThat(SourceMap.parseDataUrl("data:application/json," + encoded).source(0))
        .isEqualTo("a b.js");
    assertThat(SourceMap.parseDataUrl("data:," + json).tokenCount()).isEqualTo(1);
    assertThatThrownBy(() -> SourceMap.parseDataUrl("http://x/y.map"))
        .isInstanceOf(SourceMapException.class);
    assertThatThrownBy(() -> SourceMap.parseDataUrl("data:application/json;base64"))
        .isInstanceOf(SourceMapException.class);
    assertThatThrownBy(() -> SourceMap.parseDataUrl("data:application/json;base64,!!!"))
        .isInstanceOf(SourceMapException.class);
    assertThatThrownBy(() -> SourceMap.parseDataUrl("data:,%zz"))
        .isInstanceOf(SourceMapException.class);
  }

  @Test
  void magicComments() {
    assertThat(SourceMap.sourceMappingUrl("a();\n//# sourceMappingURL=a.js.map\n"))
        .contains("a.js.map");
    assertThat(SourceMap.sourceMappingUrl("a();//# sourceMappingURL=a.map  ")).contains("a.map");
    assertThat(
            SourceMap.sourceMappingUrl(
                "//# sourceMappingURL=first.map\nb();\n//@ sourceMappingURL=second.map"))
        .contains("second.map");
    assertThat(SourceMap.sourceMappingUrl("/*# sourceMappingURL=s.css.map */\n"))
        .contains("s.css.map");
    assertThat(SourceMap.sourceMappingUrl("//# sourceMappingURL=a.map\nx = 1;//# sourceMappingURL="))
        .contains("a.map");
    assertThat(SourceMap.sourceMappingUrl("var s = '//# sourceMappingURL=x.map';")).isEmpty();
    assertThat(SourceMap.sourceMappingUrl("//#sourceMappingURL=x.map")).isEmpty();
    assertThat(SourceMap.sourceMappingUrl("no comment")).isEmpty();
    assertThat(
            SourceMapComments.debugIdComment(
                "x();\n//# debugId=ABCDEF00-0000-0000-0000-000000000000\n//# sourceMappingURL=a"))
        .contains("abcdef00-0000-0000-0000-000000000000");
    assertThat(SourceMap.debugIdComment("x();")).isEmpty();
  }

  @Test
  void facebookFunctionMaps() {
    String json =
        "{\"version\":3,\"sources\":[\"a.js\",\"b.js\"],\"mappings\":\"AAAA\","
            + "\"x_facebook_sources\":[[{\"names\":[\"<global>\",\"<anonymous>\",\"entries\","
            + "\"values\"],\"mappings\":\"AAA;CCW;qBCU;KDa;oBEQ;KFa;CDE\"}],null]}";
    SourceMap m = map(json);
    assertThat(m.hasFacebookFunctionMaps()).isTrue();
    assertThat(m.facebookFunctionName(0, 0, 0)).contains("<global>");
    assertThat(m.facebookFunctionName(0, 11, 0)).contains("<global>");
    assertThat(m.facebookFunctionName(0, 11, 1)).contains("<anonymous>");
    assertThat(m.facebookFunctionName(0, 21, 20)).contains("<anonymous>");
    assertThat(m.facebookFunctionName(0, 21, 21)).contains("entries");
    assertThat(m.facebookFunctionName(0, 34, 5)).contains("<anonymous>");
    assertThat(m.facebookFunctionName(0, 42, 25)).contains("values");
    assertThat(m.facebookFunctionName(0, 60, 0)).contains("<global>");
    assertThat(m.facebookFunctionName(1, 0, 0)).isEmpty();
    assertThat(m.facebookFunctionName(5, 0, 0)).isEmpty();
    SourceMap again = map(m.toJson());
    assertThat(again.facebookFunctionName(0, 21, 21)).contains("entries");
  }

  @Test
  void facebookFunctionMapsOfTheHermesFixture() throws Exception {
    Path p =
        SourceMapConformanceTest.CORPUS.resolve(
            "upstream-fixtures/symbolic/symbolic-testutils/fixtures/sourcemapcache/hermes-metro/"
                + "react-native-hermes.map");
    Assumptions.assumeTrue(Files.isRegularFile(p), "corpus fixture absent: " + p);
    SourceMap m = SourceMap.parse(Files.readAllBytes(p));
    assertThat(m.source(3)).endsWith("Object.es7.js");
    // Object.es7.js line 22 is "    Object.entries = function(object) {", line 43 the same for
    // values; the function map starts the names at the "function" keyword.
    assertThat(m.facebookFunctionName(3, 21, 21)).contains("entries");
    assertThat(m.facebookFunctionName(3, 21, 20)).contains("<anonymous>");
    assertThat(m.facebookFunctionName(3, 42, 30)).contains("values");
    // Every mapped segment of the bytecode line resolves to some function name.
    int named = 0;
    for (Token t : m.tokensOfLine(0)) {
      if (t.hasSource() && m.facebookFunctionName(t.sourceIndex(), t.originalLine(),
          t.originalColumn()).isPresent()) {
        named++;
      }
    }
    assertThat(named).isGreaterThan(0);
  }

  @Test
  void hermesFunctionOffsets() {
    SourceMap m =
        map("{\"mappings\":\"\",\"x_hermes_function_offsets\":{\"0\":[0,20,45],\"2\":[5],"
            + "\"x\":1}}");
    HermesFunctionOffsets h = m.hermesFunctionOffsets().orElseThrow();
    assertThat(h.segmentIds()).containsExactly(0, 2);
    assertThat(h.functionCount(0)).isEqualTo(3);
    assertThat(h.functionCount(1)).isZero();
    assertThat(h.offset(0, 1)).isEqualTo(OptionalInt.of(20));
    assertThat(h.offset(0, 3)).isEmpty();
    assertThat(h.offsets(2)).containsExactly(5);
    assertThat(h.functionAt(0, 44)).isEqualTo(OptionalInt.of(1));
    assertThat(h.functionAt(0, 45)).isEqualTo(OptionalInt.of(2));
    assertThat(h.functionAt(2, 4)).isEmpty();
    assertThat(map("{\"mappings\":\"\"}").hermesFunctionOffsets()).isEmpty();
    assertThat(map(m.toJson()).hermesFunctionOffsets().orElseThrow().offsets(0))
        .containsExactly(0, 20, 45);
  }

  @Test
  void toJsonRoundTrip() {
    SourceMap m = map(BASIC);
    String json = m.toJson();
    SourceMap again = map(json);
    assertThat(again.toJson()).isEqualTo(json);
    assertThat(again.isNullSource(1)).isTrue();
    assertThat(again.sourceContent(0)).isEqualTo(m.sourceContent(0));
    assertThat(again.sourceRoot()).contains("src");
    for (int i = 0; i < m.tokenCount(); i++) {
      assertThat(again.token(i)).isEqualTo(m.token(i));
    }
    List<Integer> none = map("{\"mappings\":\"\"}").ignoreList();
    assertThat(none).isEmpty();
  }

  @Test
  void outOfRangeIndicesAreTolerated() {
    SourceMap m = map("{\"sources\":[\"a\"],\"names\":[],\"mappings\":\"ACAAA\"}");
    Token t = m.lookup(0, 0).orElseThrow();
    assertThat(t.sourceIndex()).isEqualTo(1);
    assertThat(t.source()).isEmpty();
    assertThat(t.nameIndex()).isZero();
    assertThat(t.name()).isEmpty();
  }
}
