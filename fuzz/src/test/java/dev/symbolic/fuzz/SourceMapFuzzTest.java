package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import dev.symbolic.sourcemap.FunctionNames;
import dev.symbolic.sourcemap.JsScope;
import dev.symbolic.sourcemap.JsScopes;
import dev.symbolic.sourcemap.SourceLocation;
import dev.symbolic.sourcemap.SourceMap;
import dev.symbolic.sourcemap.SourceMapCache;
import dev.symbolic.sourcemap.SourceMapException;
import dev.symbolic.sourcemap.Token;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the source-map decoder, the scope finder and the binary cache reader.
 *
 * <ul>
 *   <li>{@link #parse}: any bytes as source-map JSON. Parsing may reject them with a {@link
 *       SourceMapException} (or another {@link ParseException}); a map that parses must answer
 *       lookups, write JSON that parses again to the same segments, and write a cache that answers
 *       like the map.
 *   <li>{@link #scopes}: any bytes as JavaScript. {@link JsScopes#find} never throws, and the
 *       scopes it returns are well formed.
 *   <li>{@link #cache}: any bytes as a cache. Opening and every lookup may throw {@link
 *       ParseException} and nothing else.
 * </ul>
 *
 * <p>{@code ./mvnw verify} runs the hand-written seeds in {@code SourceMapFuzzTestInputs/<method>/}
 * only (regression mode); the cache seeds were written by {@link SourceMapCache#write} from the
 * parse seeds. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest='SourceMapFuzzTest#parse'
 * </pre>
 */
class SourceMapFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void parse(byte[] data) {
    SourceMap map;
    try {
      map = SourceMap.parse(data);
    } catch (ParseException expected) {
      return; // malformed JSON or map: rejected, as documented
    }
    exerciseMap(map);
    String json = map.toJson();
    SourceMap again = SourceMap.parse(json);
    if (again.tokenCount() != map.tokenCount()) {
      throw new AssertionError("toJson changed the segment count: " + map.tokenCount() + " -> "
          + again.tokenCount());
    }
    for (int i = 0; i < map.tokenCount(); i++) {
      Token a = map.token(i);
      Token b = again.token(i);
      if (a.generatedLine() != b.generatedLine() || a.generatedColumn() != b.generatedColumn()
          || a.sourceIndex() != b.sourceIndex() || a.originalLine() != b.originalLine()
          || a.originalColumn() != b.originalColumn() || a.nameIndex() != b.nameIndex()) {
        throw new AssertionError("toJson changed segment " + i + ": " + a + " -> " + b);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SourceMapCache.write(map, (String) null, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SourceMapCache cache = SourceMapCache.of(ByteView.of(out.toByteArray()));
    FunctionNames names = FunctionNames.resolve(map, null);
    for (int i = 0; i < map.tokenCount() && i < 1000; i++) {
      Token t = map.token(i);
      for (int d = 0; d < 2; d++) {
        int line = t.generatedLine();
        int col = t.generatedColumn() + d;
        Optional<SourceLocation> expected = SourceLocation.lookup(map, names, line, col);
        Optional<SourceLocation> actual = cache.lookup(line, col);
        if (!expected.equals(actual)) {
          throw new AssertionError("cache differs at " + line + ":" + col + ": " + expected
              + " vs " + actual);
        }
      }
    }
  }

  private static void exerciseMap(SourceMap map) {
    map.toString();
    map.ignoreList();
    for (int i = 0; i < map.sourceCount() && i < 100; i++) {
      map.source(i);
      map.resolvedSource(i);
      map.sourceContent(i);
    }
    int lines = Math.min(map.lineCount() + 1, 200);
    for (int line = -1; line < lines; line++) {
      for (int col : new int[] {0, 1, 5, 100, Integer.MAX_VALUE}) {
        map.lookup(line, col).ifPresent(t -> {
          if (t.hasSource()) {
            map.facebookFunctionName(t.sourceIndex(), t.originalLine(), t.originalColumn());
          }
        });
      }
      map.tokensOfLine(line);
    }
    try {
      map.hermesFunctionOffsets();
    } catch (SourceMapException expected) {
      // decoded on first use, may be malformed
    }
  }

  @FuzzTest(maxDuration = "5m")
  void scopes(byte[] data) {
    String js = new String(data, StandardCharsets.UTF_8);
    List<JsScope> scopes = JsScopes.find(js);
    int previous = -1;
    for (JsScope s : scopes) {
      if (s.start() < previous || s.end() < s.start() || s.end() > js.length()) {
        throw new AssertionError("bad scope " + s + " in a source of length " + js.length());
      }
      previous = s.start();
      JsScopes.innermost(scopes, s.startLine(), s.startColumn());
    }
    SourceMap map = SourceMap.parse("{\"version\":3,\"sources\":[\"a.js\"],\"names\":[\"n\"],"
        + "\"mappings\":\"AAAAA,CAAC,CAAC;AACA\"}");
    FunctionNames names = FunctionNames.resolve(map, js);
    for (int line = 0; line < 4; line++) {
      for (int col = 0; col < 40; col += 3) {
        names.at(line, col);
      }
    }
  }

  @FuzzTest(maxDuration = "5m")
  void cache(byte[] data) {
    SourceMapCache cache;
    try {
      cache = SourceMapCache.of(ByteView.of(data));
    } catch (ParseException expected) {
      return;
    }
    try {
      cache.toString();
      cache.file();
      cache.debugId();
      for (int i = 0; i < cache.sourceCount() && i < 100; i++) {
        cache.source(i);
        cache.sourceContent(i);
      }
    } catch (ParseException expected) {
      // corrupt strings: rejected
    }
    int lines = Math.min(cache.lineCount() + 1, 200);
    for (int line = -1; line < lines; line++) {
      for (int col : new int[] {0, 1, 2, 5, 17, 100, Integer.MAX_VALUE}) {
        try {
          cache.lookup(line, col).ifPresent(l -> {
            l.sourceContext(2);
            l.toString();
          });
        } catch (ParseException expected) {
          // corrupt ranges: rejected
        }
      }
    }
  }
}
