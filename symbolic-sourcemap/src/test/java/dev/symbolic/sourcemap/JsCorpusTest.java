package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.sourcemap.JsTokenizer.Kind;
import dev.symbolic.sourcemap.JsTokenizer.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tokenizes and scope-scans every generated JavaScript file of the shared source-map corpus and
 * checks the tokenizer against acorn's identifier positions from the corpus expectations.
 */
class JsCorpusTest {

  private static final Pattern ROW = Pattern.compile(
      "\"line\":(\\d+),\"column\":(\\d+),.*\"kind\":\"identifier\",\"token\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern SAMPLED = Pattern.compile(
      "\\{\\s*\"name\":\\s*\"([^\"]+)\",\\s*\"map\":\\s*\"[^\"]+\",\\s*\"js\":\\s*"
          + "(?:\"([^\"]+)\"|null)\\s*\\}");

  static Path corpus() {
    return Paths.get(System.getProperty("symbolic.corpus", "../shared/corpus"), "sourcemap");
  }

  /** JS file to expectation file (or null), in a stable order. */
  static Map<Path, Path> files() throws IOException {
    Path root = corpus();
    Map<Path, Path> out = new LinkedHashMap<>();
    try (Stream<Path> dirs = Files.list(root.resolve("maps"))) {
      for (Path dir : dirs.sorted().collect(Collectors.toList())) {
        try (Stream<Path> fs = Files.list(dir)) {
          for (Path f : fs.sorted().collect(Collectors.toList())) {
            String name = f.getFileName().toString();
            Path js = null;
            if (name.endsWith(".js")) {
              js = f;
            } else if (name.endsWith(".js.xz")) {
              js = decompress(f);
            }
            if (js != null) {
              Path exp = root.resolve("expectations").resolve(dir.getFileName() + ".jsonl");
              out.put(js, Files.exists(exp) ? exp : null);
            }
          }
        }
      }
    }
    Path fixtures = root.resolve("upstream-fixtures");
    try (Stream<Path> all = Files.walk(fixtures)) {
      for (Path f : all.filter(p -> p.toString().endsWith(".js")).sorted()
          .collect(Collectors.toList())) {
        out.put(f, null);
      }
    }
    Path manifest = root.resolve("manifest.json");
    if (Files.exists(manifest)) {
      Matcher m = SAMPLED.matcher(Files.readString(manifest));
      while (m.find()) {
        if (m.group(2) == null) {
          continue;
        }
        Path js = fixtures.resolve(m.group(2));
        Path exp = root.resolve("expectations").resolve(m.group(1) + ".jsonl");
        if (Files.exists(js) && Files.exists(exp)) {
          out.put(js, exp);
        }
      }
    }
    return out;
  }

  static Path decompress(Path xz) {
    String name = xz.getFileName().toString();
    Path target = Paths.get("target", "corpus", name.substring(0, name.length() - 3));
    try {
      if (Files.exists(target) && Files.size(target) > 0) {
        return target;
      }
      Files.createDirectories(target.getParent());
      Path tmp = Paths.get(target + ".tmp");
      Process p = new ProcessBuilder("xz", "-dc", xz.toString())
          .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        System.out.println("[JsCorpusTest] could not decompress " + xz + "; skipping it");
        return null;
      }
      Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      System.out.println("[JsCorpusTest] xz not available (" + e.getMessage() + "); skipping " + xz);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static String display(Path root, Path js) {
    Path r = root.toAbsolutePath().normalize();
    Path a = js.toAbsolutePath().normalize();
    return a.startsWith(r) ? r.relativize(a).toString() : js.toString();
  }

  static String unescapeJson(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'u':
          sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        case 'n': sb.append('\n'); break;
        case 't': sb.append('\t'); break;
        case 'r': sb.append('\r'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        default: sb.append(e); break;
      }
    }
    return sb.toString();
  }

  /** Index of the token starting exactly at {@code offset}, or -1. */
  static int tokenAt(Tokens t, int offset) {
    int lo = 0;
    int hi = t.count() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int s = t.start(mid);
      if (s == offset) {
        return mid;
      }
      if (s < offset) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  @Test
  void corpusTokenizesAndMatchesAcornIdentifiers() throws IOException {
    Path root = corpus();
    assumeTrue(Files.isDirectory(root), () -> {
      System.out.println("[JsCorpusTest] corpus not found at " + root.toAbsolutePath()
          + "; skipping (set -Dsymbolic.corpus)");
      return "corpus absent";
    });
    int totalIds = 0;
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<Path, Path> e : files().entrySet()) {
      Path js = e.getKey();
      String src = new String(Files.readAllBytes(js), StandardCharsets.UTF_8);
      long t0 = System.nanoTime();
      Tokens t = JsTokenizer.tokenize(src);
      long t1 = System.nanoTime();
      List<JsScope> scopes = JsScopes.find(t);
      long t2 = System.nanoTime();
      // structural invariants
      for (int i = 0; i < t.count(); i++) {
        assertThat(t.end(i)).isGreaterThan(t.start(i)).isLessThanOrEqualTo(src.length());
        if (i > 0) {
          assertThat(t.start(i)).isGreaterThanOrEqualTo(t.end(i - 1));
        }
      }
      for (int i = 1; i < scopes.size(); i++) {
        assertThat(scopes.get(i).start()).isGreaterThanOrEqualTo(scopes.get(i - 1).start());
      }
      long named = scopes.stream().filter(s -> s.name().isPresent()).count();
      int checked = 0;
      int bad = 0;
      if (e.getValue() != null) {
        JsLineIndex lines = t.lineIndex();
        for (String row : Files.readAllLines(e.getValue(), StandardCharsets.UTF_8)) {
          Matcher m = ROW.matcher(row);
          if (!m.find()) {
            continue;
          }
          int line = Integer.parseInt(m.group(1)) - 1;
          int col = Integer.parseInt(m.group(2));
          String token = unescapeJson(m.group(3));
          checked++;
          int idx = tokenAt(t, lines.offset(line, col));
          boolean ok = idx >= 0 && t.kind(idx) == Kind.IDENTIFIER
              && (t.value(idx).equals(token) || t.text(idx).equals(token));
          if (!ok) {
            bad++;
            if (mismatches.size() < 20) {
              mismatches.add(js.getFileName() + " " + (line + 1) + ":" + col + " expected "
                  + token + " got " + (idx < 0 ? "no token" : t.kind(idx) + " " + t.text(idx)));
            }
          }
        }
      }
      totalIds += checked;
      System.out.printf("[JsCorpusTest] %-60s %9d chars %8d tokens %6d scopes (%6d named)"
              + " tokenize %6.1f ms scopes %6.1f ms ids %d/%d%n",
          display(root, js),
          src.length(), t.count(), scopes.size(), named, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
          checked - bad, checked);
    }
    System.out.println("[JsCorpusTest] identifier positions checked: " + totalIds
        + ", mismatches: " + mismatches.size());
    assertThat(mismatches).isEmpty();
    assertThat(totalIds).isGreaterThan(0);
  }

  @Test
  void bigBundlePerformance() throws IOException {
    Path xz = corpus().resolve("maps/esbuild-big-bundle/big.min.js.xz");
    assumeTrue(Files.exists(xz), "big bundle absent");
    Path js = decompress(xz);
    assumeTrue(js != null, "xz unavailable");
    String src = Files.readString(js);
    long best = Long.MAX_VALUE;
    int scopeCount = 0;
    for (int run = 0; run < 5; run++) {
      long t0 = System.nanoTime();
      List<JsScope> scopes = JsScopes.find(src);
      long dt = System.nanoTime() - t0;
      best = Math.min(best, dt);
      scopeCount = scopes.size();
      if (run == 0) {
        System.out.printf("[JsCorpusTest] big bundle first (cold) run: %.1f ms%n", dt / 1e6);
      }
    }
    System.out.printf("[JsCorpusTest] big bundle (%d chars): tokenize+scopes best of 5 %.1f ms,"
        + " %d scopes%n", src.length(), best / 1e6, scopeCount);
    assertThat(best).as("tokenize + scope-find time (ns)").isLessThan(3_000_000_000L);
  }
}
