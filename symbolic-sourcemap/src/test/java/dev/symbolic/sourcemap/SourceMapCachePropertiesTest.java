package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random maps against the parsed map as the model: every cache lookup equals {@link
 * SourceMap#lookup}; corrupt caches only throw {@link ParseException}.
 */
class SourceMapCachePropertiesTest {

  static String vlq(int v) {
    long x = v < 0 ? ((-(long) v) << 1) + 1 : (long) v << 1;
    String digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder sb = new StringBuilder();
    do {
      int d = (int) (x & 31);
      x >>>= 5;
      sb.append(digits.charAt(x > 0 ? d + 32 : d));
    } while (x > 0);
    return sb.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder();
    SourceMap.quote(sb, s);
    return sb.toString();
  }

  /** A random regular map as JSON: segments with 1, 4 and 5 fields, in random order per line. */
  static String randomMap(Random r) {
    int sources = r.nextInt(4);
    int names = r.nextInt(5);
    StringBuilder json = new StringBuilder("{\"version\":3");
    if (r.nextBoolean()) {
      json.append(",\"file\":").append(quote("out" + r.nextInt(9) + ".js"));
    }
    if (r.nextInt(4) == 0) {
      json.append(",\"sourceRoot\":").append(quote(r.nextBoolean() ? "root/" : "root"));
    }
    json.append(",\"sources\":[");
    for (int i = 0; i < sources; i++) {
      json.append(i > 0 ? "," : "").append(r.nextInt(6) == 0 ? "null" : quote("s" + i + ".js"));
    }
    json.append("],\"sourcesContent\":[");
    for (int i = 0; i < sources; i++) {
      json.append(i > 0 ? "," : "");
      if (r.nextInt(3) == 0) {
        json.append("null");
      } else {
        StringBuilder c = new StringBuilder();
        int lines = r.nextInt(6);
        String[] ends = {"\n", "\r\n", "\r"};
        for (int l = 0; l < lines; l++) {
          c.append("line ").append(l).append(r.nextBoolean() ? " é\uD83D\uDE00" : "")
              .append(ends[r.nextInt(ends.length)]);
        }
        if (r.nextBoolean()) {
          c.append("last");
        }
        json.append(quote(c.toString()));
      }
    }
    json.append("],\"names\":[");
    for (int i = 0; i < names; i++) {
      json.append(i > 0 ? "," : "");
      switch (r.nextInt(3)) {
        case 0:
          json.append(quote("n" + i + "\"x"));
          break;
        case 1:
          json.append("\"n").append(i).append("\\ud800\\udc00\\udc01\"");
          break;
        default:
          json.append(quote("n" + i));
      }
    }
    json.append("],\"mappings\":\"");
    int lines = r.nextInt(6);
    int ps = 0;
    int pl = 0;
    int pc = 0;
    int pn = 0;
    for (int line = 0; line < lines; line++) {
      if (line > 0) {
        json.append(';');
      }
      int segs = r.nextInt(7);
      int col = 0;
      for (int k = 0; k < segs; k++) {
        if (k > 0) {
          json.append(',');
        }
        int gc = r.nextInt(4) == 0 ? col : col + r.nextInt(5);
        json.append(vlq(gc - col));
        col = gc;
        if (sources > 0 && r.nextInt(5) != 0) {
          int s = r.nextInt(sources);
          int ol = r.nextInt(8);
          int oc = r.nextInt(12);
          json.append(vlq(s - ps)).append(vlq(ol - pl)).append(vlq(oc - pc));
          ps = s;
          pl = ol;
          pc = oc;
          if (names > 0 && r.nextBoolean()) {
            int n = r.nextInt(names);
            json.append(vlq(n - pn));
            pn = n;
          }
        }
      }
    }
    json.append('"');
    if (r.nextBoolean()) {
      json.append(",\"debugId\":\"0123abcd-0000-0000-0000-000000000000\"");
    }
    return json.append('}').toString();
  }

  static String randomJs(Random r) {
    String[] parts = {"function a(b){", "}", "var c=function(){", "class D{e(){", "}}",
        "x.y=()=>{", "\n", "f(", ")", ";", "{", "g.h=function i(){"};
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(parts[r.nextInt(parts.length)]);
    }
    return sb.toString();
  }

  static byte[] cacheBytes(SourceMap map, String js) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SourceMapCache.write(map, js, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Asserts that the cache answers like the map (and the map's function names) everywhere. */
  static void assertSameAsMap(SourceMap map, FunctionNames names, SourceMapCache cache,
      List<int[]> positions) {
    assertSameAsMap(map, names, cache, positions, 1);
  }

  /** As above, comparing the source context of every {@code contextEvery}-th position only. */
  static void assertSameAsMap(SourceMap map, FunctionNames names, SourceMapCache cache,
      List<int[]> positions, int contextEvery) {
    int k = 0;
    for (int[] p : positions) {
      Optional<SourceLocation> expected = SourceLocation.lookup(map, names, p[0], p[1]);
      Optional<SourceLocation> actual = cache.lookup(p[0], p[1]);
      assertThat(actual).as("lookup %d:%d", p[0], p[1]).isEqualTo(expected);
      if (expected.isPresent() && k++ % contextEvery == 0) {
        assertThat(actual.get().sourceContext(2)).as("context %d:%d", p[0], p[1])
            .isEqualTo(expected.get().sourceContext(2));
      }
    }
  }

  /** Every segment start, one column before and after it, and random positions. */
  static List<int[]> positions(SourceMap map, Random r, int randomCount) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < map.tokenCount(); i++) {
      Token t = map.token(i);
      out.add(new int[] {t.generatedLine(), t.generatedColumn()});
      out.add(new int[] {t.generatedLine(), t.generatedColumn() + 1});
      if (t.generatedColumn() > 0) {
        out.add(new int[] {t.generatedLine(), t.generatedColumn() - 1});
      }
    }
    int lines = map.lineCount() + 2;
    for (int i = 0; i < randomCount; i++) {
      out.add(new int[] {r.nextInt(lines), r.nextInt(60)});
    }
    out.add(new int[] {-1, 0});
    out.add(new int[] {0, -1});
    out.add(new int[] {0, Integer.MAX_VALUE});
    out.add(new int[] {Integer.MAX_VALUE, 0});
    return out;
  }

  @Property(tries = 400)
  void cacheLookupsEqualMapLookups(@ForAll long seed) {
    Random r = new Random(seed);
    SourceMap map = SourceMap.parse(randomMap(r));
    String js = r.nextBoolean() ? randomJs(r) : null;
    SourceMapCache cache = SourceMapCache.of(ByteView.of(cacheBytes(map, js)));
    FunctionNames names = FunctionNames.resolve(map, js);
    assertSameAsMap(map, names, cache, positions(map, r, 50));
    assertThat(cache.sourceCount()).isEqualTo(map.sourceCount());
    for (int i = 0; i < map.sourceCount(); i++) {
      assertThat(cache.source(i)).isEqualTo(map.resolvedSource(i));
      assertThat(cache.sourceContent(i)).isEqualTo(map.sourceContent(i));
    }
    assertThat(cache.file()).isEqualTo(map.file());
    assertThat(cache.debugId()).isEqualTo(map.debugId());
  }

  @Property(tries = 200)
  void corruptCachesOnlyThrowParseException(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int flips) {
    Random r = new Random(seed);
    SourceMap map = SourceMap.parse(randomMap(r));
    byte[] bytes = cacheBytes(map, randomJs(r));
    if (r.nextBoolean()) {
      bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length + 1));
    }
    for (int i = 0; i < flips && bytes.length > 0; i++) {
      int at = r.nextInt(bytes.length);
      bytes[at] ^= (byte) (1 << r.nextInt(8));
    }
    exercise(bytes, r);
  }

  @Property(tries = 200)
  void randomBytesOnlyThrowParseException(@ForAll byte[] tail, @ForAll long seed) {
    Random r = new Random(seed);
    byte[] bytes = new byte[64 + tail.length];
    System.arraycopy(SourceMapCacheFormat.MAGIC, 0, bytes, 0, 8);
    bytes[8] = 1;
    for (int i = 12; i < 64; i++) {
      bytes[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(3));
    }
    System.arraycopy(tail, 0, bytes, 64, tail.length);
    exercise(bytes, r);
  }

  /** Opens and reads everything; anything but a ParseException fails the test. */
  static void exercise(byte[] bytes, Random r) {
    SourceMapCache cache;
    try {
      cache = SourceMapCache.of(ByteView.of(bytes));
    } catch (ParseException e) {
      return;
    }
    for (int line = -1; line <= cache.lineCount() && line < 50; line++) {
      for (int col : new int[] {0, 1, 3, 7, 20, r.nextInt(100), Integer.MAX_VALUE}) {
        try {
          cache.lookup(line, col).ifPresent(l -> {
            l.sourceContext(3);
            l.toString();
          });
        } catch (ParseException e) {
          // rejected: fine
        }
      }
    }
    for (int i = 0; i < cache.sourceCount() && i < 50; i++) {
      try {
        cache.source(i);
        cache.sourceContent(i);
      } catch (ParseException e) {
        // rejected: fine
      }
    }
    try {
      cache.file();
      cache.debugId();
    } catch (ParseException e) {
      // rejected: fine
    }
  }
}
