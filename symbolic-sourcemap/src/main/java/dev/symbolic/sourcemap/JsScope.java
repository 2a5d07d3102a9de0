package dev.symbolic.sourcemap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A function-like scope (function, arrow function, class, method, getter/setter) found in a
 * minified JavaScript file, with the name it was given in the minified code.
 *
 * <p>Offsets are UTF-16 offsets into the minified source: {@link #start()} inclusive, {@link
 * #end()} exclusive. Lines and columns are 0-based, columns in UTF-16 code units (source-map
 * convention).
 *
 * <p>The name is made of {@linkplain #nameParts() parts}: identifier tokens of the minified
 * source (each can be mapped back to its original name through the source map, segment by
 * segment, as symbolic's {@code NameResolver} does) and fixed text ({@code "new "}, {@code "."},
 * {@code "get "}, {@code "#"}, {@code "<object>"}, {@code "<computed>"}, ...). The minified name is
 * the concatenation of all part texts.
 */
public final class JsScope {

  /**
   * One part of a scope name: either an identifier token of the minified source ({@link
   * #isToken()}, with its position) or fixed text (offset -1, line -1, column -1, length 0).
   *
   * @param text the identifier name (escapes decoded) or the fixed text
   * @param offset UTF-16 offset of the token in the minified source, or -1
   * @param length length of the token in the source in UTF-16 code units, or 0
   * @param line 0-based line of the token, or -1
   * @param column 0-based UTF-16 column of the token, or -1
   */
  public record NamePart(String text, int offset, int length, int line, int column) {
    /** Validates the components. */
    public NamePart {
      Objects.requireNonNull(text, "text");
    }

    /** A fixed-text part. */
    public static NamePart text(String text) {
      return new NamePart(text, -1, 0, -1, -1);
    }

    /** True if this part is an identifier token of the minified source. */
    public boolean isToken() {
      return offset >= 0;
    }

    /** The 0-based column just past the token (its end on the same line), or -1. */
    public int endColumn() {
      return isToken() ? column + length : -1;
    }
  }

  private final int start;
  private final int end;
  private final int startLine;
  private final int startColumn;
  private final int endLine;
  private final int endColumn;
  private final List<NamePart> parts;
  private final String name;

  /**
   * Creates a scope.
   *
   * @param parts name parts; {@code null} or empty for an anonymous scope
   */
  public JsScope(int start, int end, int startLine, int startColumn, int endLine, int endColumn,
      List<NamePart> parts) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range " + start + ".." + end);
    }
    this.start = start;
    this.end = end;
    this.startLine = startLine;
    this.startColumn = startColumn;
    this.endLine = endLine;
    this.endColumn = endColumn;
    this.parts = parts == null ? List.of() : List.copyOf(parts);
    if (this.parts.isEmpty()) {
      this.name = null;
    } else {
      StringBuilder sb = new StringBuilder();
      for (NamePart p : this.parts) {
        sb.append(p.text());
      }
      this.name = sb.length() == 0 ? null : sb.toString();
    }
  }

  /** Start offset (inclusive). */
  public int start() {
    return start;
  }

  /** End offset (exclusive). */
  public int end() {
    return end;
  }

  /** 0-based line of {@link #start()}. */
  public int startLine() {
    return startLine;
  }

  /** 0-based UTF-16 column of {@link #start()}. */
  public int startColumn() {
    return startColumn;
  }

  /** 0-based line of {@link #end()}. */
  public int endLine() {
    return endLine;
  }

  /** 0-based UTF-16 column of {@link #end()}. */
  public int endColumn() {
    return endColumn;
  }

  /** The name in the minified code (for example {@code a.b.c}, {@code new Foo}, {@code get x.y}), if any. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** True if the scope has no name. */
  public boolean isAnonymous() {
    return name == null;
  }

  /** All name parts in order; empty for an anonymous scope. */
  public List<NamePart> nameParts() {
    return parts;
  }

  /** The identifier-token parts of the name in order (for {@code a.b.c}: a, b, c). */
  public List<NamePart> nameTokens() {
    List<NamePart> tokens = new ArrayList<>(parts.size());
    for (NamePart p : parts) {
      if (p.isToken()) {
        tokens.add(p);
      }
    }
    return Collections.unmodifiableList(tokens);
  }

  /**
   * The token the name comes from: the last identifier token of the name (for {@code a.b.c} the
   * token {@code c}, for {@code function foo} the token {@code foo}), if the name has any.
   */
  public Optional<NamePart> nameToken() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      if (parts.get(i).isToken()) {
        return Optional.of(parts.get(i));
      }
    }
    return Optional.empty();
  }

  /** True if {@code offset} is inside {@code [start, end)}. */
  public boolean containsOffset(int offset) {
    return offset >= start && offset < end;
  }

  /** True if the position {@code (line, column)} is inside {@code [start, end)}. */
  public boolean contains(int line, int column) {
    return compare(startLine, startColumn, line, column) <= 0
        && compare(line, column, endLine, endColumn) < 0;
  }

  static int compare(int l1, int c1, int l2, int c2) {
    return l1 != l2 ? Integer.compare(l1, l2) : Integer.compare(c1, c2);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof JsScope)) {
      return false;
    }
    JsScope other = (JsScope) o;
    return start == other.start && end == other.end && startLine == other.startLine
        && startColumn == other.startColumn && endLine == other.endLine
        && endColumn == other.endColumn && parts.equals(other.parts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, end, parts);
  }

  @Override
  public String toString() {
    return "JsScope[" + start + ".." + end + " (" + startLine + ":" + startColumn + "-" + endLine
        + ":" + endColumn + ") " + (name == null ? "<anonymous>" : name) + "]";
  }
}
