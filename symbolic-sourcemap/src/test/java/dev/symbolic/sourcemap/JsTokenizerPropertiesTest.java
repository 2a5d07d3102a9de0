package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.sourcemap.JsTokenizer.Tokens;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class JsTokenizerPropertiesTest {

  private static final String[] PIECES = {
    "function", "class", "=>", "(", ")", "{", "}", "[", "]", "`", "${", "/", "/*", "*/", "//",
    "\n", "\r\n", "\u2028", "'", "\"", "\\", "\\u0061", "#x", "a", "b.c", "=", ",", ";", ":",
    "?", "get ", "set ", "static ", "async ", "return ", "1", "0x", "1n", ".", "...", "<!--",
    "-->", "this", "new ", "x=", " ", "e", "€", "\uD83D\uDE00", "\uD800", "@", "of ", "for("
  };

  @Provide
  Arbitrary<String> jsLike() {
    return Arbitraries.of(PIECES).list().ofMaxSize(60).map(l -> String.join("", l));
  }

  static void checkTokens(String s) {
    Tokens t = JsTokenizer.tokenize(s);
    int prevEnd = 0;
    int prevStart = -1;
    JsLineIndex lines = JsLineIndex.of(s);
    for (int i = 0; i < t.count(); i++) {
      assertThat(t.start(i)).isGreaterThan(prevStart).isGreaterThanOrEqualTo(prevEnd);
      assertThat(t.end(i)).isGreaterThan(t.start(i)).isLessThanOrEqualTo(s.length());
      assertThat(t.line(i)).isEqualTo(lines.line(t.start(i)));
      assertThat(t.column(i)).isEqualTo(lines.column(t.start(i)));
      prevStart = t.start(i);
      prevEnd = t.end(i);
    }
  }

  static void checkScopes(String s) {
    List<JsScope> scopes = JsScopes.find(s);
    for (int i = 0; i < scopes.size(); i++) {
      JsScope sc = scopes.get(i);
      assertThat(sc.start()).isLessThanOrEqualTo(sc.end());
      assertThat(sc.end()).isLessThanOrEqualTo(s.length());
      if (i > 0) {
        assertThat(sc.start()).isGreaterThanOrEqualTo(scopes.get(i - 1).start());
      }
      JsScopes.innermost(scopes, sc.startLine(), sc.startColumn());
    }
  }

  @Property(tries = 1000)
  void randomStringsNeverThrow(@ForAll @StringLength(max = 200) String s) {
    checkTokens(s);
    checkScopes(s);
  }

  @Property(tries = 2000)
  void jsLikeStringsNeverThrow(@ForAll("jsLike") String s) {
    checkTokens(s);
    checkScopes(s);
  }

  @Property(tries = 300)
  void lineIndexRoundTrips(@ForAll("jsLike") String s) {
    JsLineIndex idx = JsLineIndex.of(s);
    for (int off = 0; off <= s.length(); off++) {
      assertThat(idx.offset(idx.line(off), idx.column(off))).isEqualTo(off);
    }
  }
}
