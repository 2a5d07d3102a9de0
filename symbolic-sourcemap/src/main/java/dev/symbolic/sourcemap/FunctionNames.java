package dev.symbolic.sourcemap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Original names of the functions of a minified JavaScript file, resolved through its source map
 * the way Sentry's symbolic ({@code SourceMapCacheWriter} with js-source-scopes' {@code
 * NameResolver} and {@code ScopeIndex}) does.
 *
 * <p><b>Scopes.</b> The function-like scopes of the minified file come from {@link JsScopes}, with
 * names such as {@code a.b}, {@code new K} or {@code get o.x}. Each identifier part of a name is
 * mapped back on its own: the map is looked up at the part's start (and, failing that, at its
 * end, where terser and webpack put the name of private methods); the segment found counts only
 * if it starts at the part or one column before it, and its {@code names[]} entry is used, or,
 * when it has none, the name of the segment just before it if that one maps to the same original
 * position (TypeScript names the {@code function} keyword). A part that cannot be mapped keeps its
 * minified text; fixed parts ({@code "new "}, {@code "."}, ...) are kept as they are. A scope
 * whose name is empty after this is anonymous.
 *
 * <p><b>Lookups.</b> {@link #at(int, int)} reports the innermost scope containing the position:
 * its resolved name, {@value #ANONYMOUS} for an anonymous one, and nothing in global code.
 *
 * <p><b>Metro and Hermes.</b> When the map carries Metro function maps ({@code
 * x_facebook_sources}), names come from them instead, for the original position the map gives
 * (the minified file is not needed, and not used, as in symbolic); Metro's global scope is
 * reported as {@code <global>}, as the function map names it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FunctionNames {
  /** The name reported for a function without a name. */
  public static final String ANONYMOUS = "<anonymous>";

  private static final FunctionNames NONE =
      new FunctionNames(null, new int[0], new int[0], new String[0]);

  private final SourceMap facebookMap;
  // Boundaries: from (lines[i], columns[i]) on, the innermost scope is names[i] (null: global).
  private final int[] lines;
  private final int[] columns;
  private final String[] names;

  private FunctionNames(SourceMap facebookMap, int[] lines, int[] columns, String[] names) {
    this.facebookMap = facebookMap;
    this.lines = lines;
    this.columns = columns;
    this.names = names;
  }

  /**
   * Returns an instance that knows no function names.
   *
   * @return the empty instance
   */
  public static FunctionNames none() {
    return NONE;
  }

  /**
   * Finds the scopes of a minified file and resolves their original names through its map.
   *
   * @param map the source map of the minified file
   * @param minifiedJs the minified file's text, or null when it is not available (then only a
   *     map's Metro function maps give names)
   * @return the function names
   */
  public static FunctionNames resolve(SourceMap map, String minifiedJs) {
    Objects.requireNonNull(map, "map");
    if (map.hasFacebookFunctionMaps()) {
      return new FunctionNames(map, new int[0], new int[0], new String[0]);
    }
    if (minifiedJs == null) {
      return NONE;
    }
    return fromScopes(map, JsScopes.find(minifiedJs));
  }

  /**
   * Resolves the names of scopes found by {@link JsScopes#find(String)}.
   *
   * @param map the source map
   * @param scopes the scopes, sorted by start as {@link JsScopes#find} returns them
   * @return the function names
   */
  static FunctionNames fromScopes(SourceMap map, List<JsScope> scopes) {
    int n = scopes.size();
    String[] resolved = new String[n];
    for (int i = 0; i < n; i++) {
      JsScope s = scopes.get(i);
      String name = s.isAnonymous() ? null : resolveName(map, s);
      resolved[i] = name == null || name.isEmpty() ? ANONYMOUS : name;
    }
    // Flatten the nesting into boundaries, as symbolic's ScopeIndex does.
    Builder b = new Builder(n * 2 + 1);
    int[] stack = new int[Math.max(1, n)];
    int sp = 0;
    for (int i = 0; i < n; i++) {
      JsScope s = scopes.get(i);
      while (sp > 0 && endsBefore(scopes.get(stack[sp - 1]), s)) {
        JsScope done = scopes.get(stack[--sp]);
        b.add(done.endLine(), done.endColumn(), sp > 0 ? resolved[stack[sp - 1]] : null);
      }
      b.add(s.startLine(), s.startColumn(), resolved[i]);
      stack[sp++] = i;
    }
    while (sp > 0) {
      JsScope done = scopes.get(stack[--sp]);
      b.add(done.endLine(), done.endColumn(), sp > 0 ? resolved[stack[sp - 1]] : null);
    }
    return b.build();
  }

  /** Whether {@code outer} ends at or before the start of {@code next} (then it is closed). */
  private static boolean endsBefore(JsScope outer, JsScope next) {
    return JsScope.compare(outer.endLine(), outer.endColumn(), next.startLine(),
        next.startColumn()) <= 0;
  }

  /** Collects boundaries; a later boundary at the same position replaces an earlier one. */
  private static final class Builder {
    int[] lines;
    int[] columns;
    String[] names;
    int count;

    Builder(int capacity) {
      lines = new int[capacity];
      columns = new int[capacity];
      names = new String[capacity];
    }

    void add(int line, int column, String name) {
      if (count > 0) {
        int c = JsScope.compare(lines[count - 1], columns[count - 1], line, column);
        if (c > 0) {
          return; // out of order (improperly nested scopes): ignore
        }
        if (c == 0) {
          count--;
        }
      }
      if (count > 0 && Objects.equals(names[count - 1], name)) {
        return;
      }
      if (count == 0 && name == null) {
        return;
      }
      if (count == lines.length) {
        int cap = count * 2 + 4;
        lines = Arrays.copyOf(lines, cap);
        columns = Arrays.copyOf(columns, cap);
        names = Arrays.copyOf(names, cap);
      }
      lines[count] = line;
      columns[count] = column;
      names[count] = name;
      count++;
    }

    FunctionNames build() {
      return new FunctionNames(null, Arrays.copyOf(lines, count), Arrays.copyOf(columns, count),
          Arrays.copyOf(names, count));
    }
  }

  /**
   * Resolves the original name of one scope: its parts mapped as described in the class
   * documentation and concatenated.
   *
   * @param map the source map
   * @param scope the scope
   * @return the name, possibly empty; null for an anonymous scope
   */
  static String resolveName(SourceMap map, JsScope scope) {
    if (scope.isAnonymous()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (JsScope.NamePart part : scope.nameParts()) {
      String mapped = null;
      if (part.isToken()) {
        mapped = nameAt(map, part.line(), part.column());
        if (mapped == null) {
          mapped = nameAt(map, part.line(), part.endColumn());
        }
      }
      sb.append(mapped != null ? mapped : part.text());
    }
    return sb.toString();
  }

  /** The original name the map gives a token of the minified file at a position, or null. */
  private static String nameAt(SourceMap map, int line, int column) {
    if (line < 0 || column < 0) {
      return null;
    }
    Optional<Token> found = map.lookup(line, column);
    if (found.isEmpty()) {
      return null;
    }
    Token t = found.get();
    if (t.generatedColumn() < column - 1) {
      return null; // not at (or right before) the identifier
    }
    if (t.name().isPresent()) {
      return t.name().get();
    }
    if (t.generatedColumn() > 0) {
      Optional<Token> prev = map.lookup(t.generatedLine(), t.generatedColumn() - 1);
      if (prev.isPresent()
          && prev.get().sourceIndex() == t.sourceIndex()
          && prev.get().originalLine() == t.originalLine()
          && prev.get().originalColumn() == t.originalColumn()) {
        return prev.get().name().orElse(null);
      }
    }
    return null;
  }

  /**
   * Returns the original name of the function enclosing a generated position.
   *
   * @param line the 0-based generated line
   * @param column the 0-based generated column in UTF-16 code units
   * @return the name ({@value #ANONYMOUS} for an unnamed function), empty in global code or when
   *     unknown
   */
  public Optional<String> at(int line, int column) {
    if (facebookMap != null) {
      return facebookMap.lookup(line, column).flatMap(this::facebookName);
    }
    return Optional.ofNullable(scopeAt(line, column));
  }

  /** The scope name at a position from the boundaries, or null. */
  String scopeAt(int line, int column) {
    int lo = 0;
    int hi = lines.length - 1;
    int idx = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (JsScope.compare(lines[mid], columns[mid], line, column) <= 0) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return idx < 0 ? null : names[idx];
  }

  /** The Metro function-map name of a token's original position, if any. */
  Optional<String> facebookName(Token t) {
    if (facebookMap == null || t.sourceIndex() < 0) {
      return Optional.empty();
    }
    return facebookMap.facebookFunctionName(t.sourceIndex(), t.originalLine(),
        t.originalColumn());
  }

  /** Whether names come from Metro function maps (per token) rather than scopes. */
  boolean usesFacebookFunctionMaps() {
    return facebookMap != null;
  }

  /**
   * Tells whether any function name is known.
   *
   * @return false for {@link #none()} and for a minified file without functions
   */
  public boolean isEmpty() {
    return facebookMap == null && lines.length == 0;
  }

  /** Columns of {@code line} where the scope changes, ascending. */
  int[] boundariesOfLine(int line) {
    int lo = 0;
    int hi = lines.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (lines[mid] < line) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int start = lo;
    while (lo < lines.length && lines[lo] == line) {
      lo++;
    }
    int[] out = new int[lo - start];
    System.arraycopy(columns, start, out, 0, out.length);
    return out;
  }

  /**
   * Returns the distinct resolved names, in order of first appearance.
   *
   * @return the names ({@value #ANONYMOUS} included if there is an anonymous scope)
   */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String n : names) {
      if (n != null && seen.add(n)) {
        out.add(n);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return facebookMap != null ? "FunctionNames[x_facebook_sources]"
        : "FunctionNames[" + lines.length + " boundaries]";
  }
}
