package dev.symbolic.sourcemap;

import java.util.Optional;

/**
 * Finds the magic comments that link a generated JavaScript file to its source map: {@code //#
 * sourceMappingURL=URL} and {@code //# debugId=ID}.
 *
 * <p>A comment counts if it is written {@code //#} or the legacy {@code //@} (or as a block
 * comment {@code /*# ... *}{@code /}), followed by spaces or tabs, the key, {@code =} and a
 * non-empty value, and nothing but spaces or tabs follows on its line (as source-map-support and
 * the browsers' devtools match it). The text is not tokenized, so a matching line inside a string
 * or template literal also counts. The last such comment in the file wins.
 */
public final class SourceMapComments {
  private SourceMapComments() {}

  /**
   * Finds the last {@code sourceMappingURL} comment.
   *
   * @param minifiedJs the generated file's text
   * @return the URL as written (possibly a {@code data:} URL), if there is such a comment
   */
  public static Optional<String> sourceMappingUrl(String minifiedJs) {
    return last(minifiedJs, "sourceMappingURL=");
  }

  /**
   * Finds the last {@code debugId} comment.
   *
   * @param minifiedJs the generated file's text
   * @return the debug ID as written, lowercased, if there is such a comment
   */
  public static Optional<String> debugIdComment(String minifiedJs) {
    return last(minifiedJs, "debugId=").map(s -> s.toLowerCase(java.util.Locale.ROOT));
  }

  private static Optional<String> last(String js, String key) {
    int from = js.length();
    while (from >= 0) {
      int k = js.lastIndexOf(key, from);
      if (k < 0) {
        return Optional.empty();
      }
      from = k - 1;
      String value = match(js, k, key);
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean lineEnd(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
  }

  /** Returns the value of the comment whose key starts at {@code k}, or null if it is none. */
  private static String match(String js, int k, String key) {
    int p = k - 1;
    if (p < 0 || !blank(js.charAt(p))) {
      return null;
    }
    while (p >= 0 && blank(js.charAt(p))) {
      p--;
    }
    if (p < 2 || (js.charAt(p) != '#' && js.charAt(p) != '@') || js.charAt(p - 2) != '/') {
      return null;
    }
    char second = js.charAt(p - 1);
    boolean block;
    if (second == '/') {
      block = false;
    } else if (second == '*') {
      block = true;
    } else {
      return null;
    }
    int v = k + key.length();
    int e = v;
    while (e < js.length()) {
      char c = js.charAt(e);
      if (blank(c) || lineEnd(c) || c == '\f' || c == '\u000b' || (c == '"' || c == '\'')) {
        break;
      }
      if (block && c == '*' && e + 1 < js.length() && js.charAt(e + 1) == '/') {
        break;
      }
      e++;
    }
    if (e == v) {
      return null;
    }
    int q = e;
    while (q < js.length() && blank(js.charAt(q))) {
      q++;
    }
    if (block) {
      if (!js.startsWith("*/", q)) {
        return null;
      }
      q += 2;
      while (q < js.length() && blank(js.charAt(q))) {
        q++;
      }
    }
    if (q < js.length() && !lineEnd(js.charAt(q))) {
      return null;
    }
    return js.substring(v, e);
  }
}
