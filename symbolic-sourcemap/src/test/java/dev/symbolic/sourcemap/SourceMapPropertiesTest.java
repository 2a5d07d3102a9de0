package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random maps against a naive model: tokens, lookups and the JSON round trip. */
class SourceMapPropertiesTest {
  /** One model segment; src -1 = unmapped, name -1 = none. */
  record Seg(int line, int col, int src, int ol, int oc, int name, int order) {}

  /** An independent, straightforward VLQ encoder. */
  static String vlq(int v) {
    long x = v < 0 ? ((-(long) v) << 1) + 1 : (long) v << 1;
    String digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder sb = new StringBuilder();
    do {
      int d = (int) (x % 32);
      x /= 32;
      sb.append(digits.charAt(x > 0 ? d + 32 : d));
    } while (x > 0);
    return sb.toString();
  }

  static final class Model {
    final List<Seg> segs = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    final List<String> contents = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    int lines;
    String json;

    List<Seg> sorted() {
      List<Seg> s = new ArrayList<>(segs);
      s.sort(Comparator.comparingInt(Seg::line).thenComparingInt(Seg::col)
          .thenComparingInt(Seg::order));
      return s;
    }
  }

  static String randomString(Random r) {
    String alphabet = "ab/.\\\"\n\t\u0001é\u2028\uD83D\uDE00 ";
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      char c = alphabet.charAt(r.nextInt(alphabet.length()));
      if (Character.isHighSurrogate(c)) {
        sb.append("\uD83D\uDE00");
      } else if (!Character.isLowSurrogate(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static Model randomModel(long seed) {
    Random r = new Random(seed);
    Model m = new Model();
    int nSources = 1 + r.nextInt(4);
    for (int i = 0; i < nSources; i++) {
      m.sources.add(r.nextInt(6) == 0 ? null : "src" + i + randomString(r));
      m.contents.add(r.nextInt(3) == 0 ? null : randomString(r));
    }
    int nNames = r.nextInt(4);
    for (int i = 0; i < nNames; i++) {
      m.names.add(randomString(r));
    }
    m.lines = r.nextInt(12);
    StringBuilder mappings = new StringBuilder();
    int s = 0;
    int ol = 0;
    int oc = 0;
    int nm = 0;
    int order = 0;
    for (int l = 0; l < m.lines; l++) {
      if (l > 0) {
        mappings.append(';');
      }
      int col = 0;
      int n = r.nextInt(7);
      boolean first = true;
      for (int k = 0; k < n; k++) {
        if (!first) {
          mappings.append(r.nextInt(8) == 0 ? ",," : ",");
        }
        first = false;
        // Mostly increasing columns, sometimes equal or decreasing ones.
        int gc = Math.max(0, col + r.nextInt(12) - 2);
        mappings.append(vlq(gc - col));
        col = gc;
        int kind = r.nextInt(5);
        if (kind == 0) {
          m.segs.add(new Seg(l, gc, -1, -1, -1, -1, order++));
          continue;
        }
        int ns = r.nextInt(nSources);
        int nol = r.nextInt(30);
        int noc = r.nextInt(30);
        mappings.append(vlq(ns - s)).append(vlq(nol - ol)).append(vlq(noc - oc));
        s = ns;
        ol = nol;
        oc = noc;
        int name = -1;
        if (nNames > 0 && kind >= 3) {
          name = r.nextInt(nNames);
          mappings.append(vlq(name - nm));
          nm = name;
        }
        m.segs.add(new Seg(l, gc, ns, nol, noc, name, order++));
      }
    }
    StringBuilder json = new StringBuilder("{\"version\":3,\"sources\":[");
    for (int i = 0; i < nSources; i++) {
      if (i > 0) {
        json.append(',');
      }
      if (m.sources.get(i) == null) {
        json.append("null");
      } else {
        SourceMap.quote(json, m.sources.get(i));
      }
    }
    json.append("],\"sourcesContent\":[");
    for (int i = 0; i < nSources; i++) {
      if (i > 0) {
        json.append(',');
      }
      if (m.contents.get(i) == null) {
        json.append("null");
      } else {
        SourceMap.quote(json, m.contents.get(i));
      }
    }
    json.append("],\"names\":[");
    for (int i = 0; i < nNames; i++) {
      if (i > 0) {
        json.append(',');
      }
      SourceMap.quote(json, m.names.get(i));
    }
    json.append("],\"mappings\":\"").append(mappings).append("\"}");
    m.json = json.toString();
    return m;
  }

  static void assertTokenMatches(SourceMap map, Token t, Seg s, Model m) {
    assertThat(t.generatedLine()).isEqualTo(s.line());
    assertThat(t.generatedColumn()).isEqualTo(s.col());
    assertThat(t.sourceIndex()).isEqualTo(s.src());
    assertThat(t.originalLine()).isEqualTo(s.ol());
    assertThat(t.originalColumn()).isEqualTo(s.oc());
    assertThat(t.nameIndex()).isEqualTo(s.name());
    if (s.src() >= 0) {
      String src = m.sources.get(s.src());
      assertThat(t.source()).contains(src == null ? "" : src);
    }
    assertThat(t.name().orElse(null)).isEqualTo(s.name() < 0 ? null : m.names.get(s.name()));
  }

  @Property(tries = 300)
  void tokensMatchModel(@ForAll long seed) {
    Model m = randomModel(seed);
    SourceMap map = SourceMap.parse(m.json);
    List<Seg> sorted = m.sorted();
    assertThat(map.tokenCount()).isEqualTo(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      assertTokenMatches(map, map.token(i), sorted.get(i), m);
    }
    for (int i = 0; i < m.sources.size(); i++) {
      assertThat(map.isNullSource(i)).isEqualTo(m.sources.get(i) == null);
      assertThat(map.sourceContent(i)).isEqualTo(Optional.ofNullable(m.contents.get(i)));
    }
  }

  @Property(tries = 300)
  void lookupsMatchLinearScan(@ForAll long seed) {
    Model m = randomModel(seed);
    SourceMap map = SourceMap.parse(m.json);
    List<Seg> sorted = m.sorted();
    for (int line = -1; line <= m.lines + 1; line++) {
      for (int col = -1; col < 80; col++) {
        // Greatest lower bound, as trace-mapping: the max column <= col; among equal columns
        // the first if that column is col itself (an exact hit), else the last.
        Seg glb = null;
        for (Seg s : sorted) {
          if (s.line() == line && s.col() <= col && (glb == null || s.col() > glb.col()
              || (s.col() == glb.col() && s.col() < col))) {
            glb = s;
          }
        }
        check(map, m, line, col, Bias.GREATEST_LOWER_BOUND, glb);
        // Least upper bound, as trace-mapping: the min column >= col; among equal columns the
        // last if that column is col itself (an exact hit), else the first.
        Seg lub = null;
        for (Seg s : sorted) {
          if (s.line() == line && s.col() >= col && col >= 0
              && (lub == null || s.col() < lub.col() || (s.col() == lub.col() && s.col() == col))) {
            lub = s;
          }
        }
        check(map, m, line, col, Bias.LEAST_UPPER_BOUND, lub);
      }
    }
  }

  private static void check(SourceMap map, Model m, int line, int col, Bias bias, Seg expected) {
    Optional<Token> got = map.lookup(line, col, bias);
    if (expected == null || expected.src() < 0 || line < 0 || col < 0) {
      assertThat(got).as(line + ":" + col + " " + bias).isEmpty();
    } else {
      assertThat(got).as(line + ":" + col + " " + bias).isPresent();
      assertTokenMatches(map, got.get(), expected, m);
    }
  }

  @Property(tries = 300)
  void jsonRoundTripPreservesEverything(@ForAll long seed) {
    Model m = randomModel(seed);
    SourceMap map = SourceMap.parse(m.json);
    String json = map.toJson();
    SourceMap again = SourceMap.parse(json);
    assertThat(again.tokenCount()).isEqualTo(map.tokenCount());
    for (int i = 0; i < map.tokenCount(); i++) {
      assertThat(again.token(i)).isEqualTo(map.token(i));
    }
    assertThat(again.sourceCount()).isEqualTo(map.sourceCount());
    for (int i = 0; i < map.sourceCount(); i++) {
      assertThat(again.source(i)).isEqualTo(map.source(i));
      assertThat(again.isNullSource(i)).isEqualTo(map.isNullSource(i));
      assertThat(again.sourceContent(i)).isEqualTo(map.sourceContent(i));
    }
    assertThat(again.nameCount()).isEqualTo(map.nameCount());
    for (int i = 0; i < map.nameCount(); i++) {
      assertThat(again.name(i)).isEqualTo(map.name(i));
    }
    assertThat(again.toJson()).isEqualTo(json);
  }

  @Property(tries = 300)
  void generatedPositionsMatchLinearScan(
      @ForAll long seed, @ForAll @IntRange(max = 30) int line, @ForAll @IntRange(max = 31) int col) {
    Model m = randomModel(seed);
    SourceMap map = SourceMap.parse(m.json);
    List<Seg> sorted = m.sorted();
    for (int src = 0; src < m.sources.size(); src++) {
      int best = -1;
      for (Seg s : sorted) {
        if (s.src() == src && s.ol() == line && s.oc() <= col) {
          best = Math.max(best, s.oc());
        }
      }
      List<Seg> expected = new ArrayList<>();
      for (Seg s : sorted) {
        if (s.src() == src && s.ol() == line && s.oc() == best) {
          expected.add(s);
        }
      }
      List<Token> got = map.generatedPositions(src, line, col);
      assertThat(got).hasSize(expected.size());
      for (int i = 0; i < got.size(); i++) {
        assertTokenMatches(map, got.get(i), expected.get(i), m);
      }
    }
  }

  @Property(tries = 500)
  void corruptedMapsFailOnlyWithSourceMapException(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int edits) {
    Model m = randomModel(seed);
    byte[] b = m.json.getBytes(StandardCharsets.UTF_8);
    Random r = new Random(seed ^ edits);
    for (int i = 0; i < edits && b.length > 0; i++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(3)) {
        case 0:
          String alphabet = "{}[]\",:;ABgz\\0-9 \u0001";
          b[at] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
          break;
        case 1:
          b[at] = (byte) r.nextInt(256);
          break;
        default:
          b = java.util.Arrays.copyOf(b, at);
      }
    }
    try {
      SourceMap map = SourceMap.parse(b);
      for (int i = 0; i < map.sourceCount(); i++) {
        map.sourceContent(i);
      }
      map.toJson();
    } catch (SourceMapException expected) {
      // fine
    }
  }
}
