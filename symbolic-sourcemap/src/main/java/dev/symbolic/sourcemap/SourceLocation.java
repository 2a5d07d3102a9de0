package dev.symbolic.sourcemap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The original location of a generated position, as a {@link SourceMapCache} lookup (or {@link
 * #lookup(SourceMap, FunctionNames, int, int)} on a parsed map) gives it: the source, the original
 * line and column, the segment's name, the original name of the enclosing function, and the lines
 * of {@code sourcesContent} around the original line.
 *
 * <p>All lines and columns are 0-based; columns are UTF-16 code units. The generated position is
 * the one that was looked up (not the start of the segment found). Instances are immutable;
 * {@link #equals} compares the values, not the source text behind {@link #sourceContext}.
 */
public final class SourceLocation {
  /** Reads lines of a source's content: {@code [from, to)}, clipped to the content. */
  interface ContentLines {
    List<String> lines(int sourceIndex, int from, int to);
  }

  private static final ContentLines NO_CONTENT = (s, from, to) -> List.of();

  private final int generatedLine;
  private final int generatedColumn;
  private final int sourceIndex;
  private final String source;
  private final int originalLine;
  private final int originalColumn;
  private final String name;
  private final String functionName;
  private final ContentLines content;

  SourceLocation(
      int generatedLine,
      int generatedColumn,
      int sourceIndex,
      String source,
      int originalLine,
      int originalColumn,
      String name,
      String functionName,
      ContentLines content) {
    this.generatedLine = generatedLine;
    this.generatedColumn = generatedColumn;
    this.sourceIndex = sourceIndex;
    this.source = source;
    this.originalLine = originalLine;
    this.originalColumn = originalColumn;
    this.name = name;
    this.functionName = functionName;
    this.content = content == null ? NO_CONTENT : content;
  }

  /**
   * Creates a location without source content.
   *
   * @param generatedLine the 0-based generated line
   * @param generatedColumn the 0-based generated column
   * @param source the source, or null
   * @param originalLine the 0-based original line
   * @param originalColumn the 0-based original column
   * @param name the segment's name, or null
   * @param functionName the enclosing function's original name, or null
   * @return the location
   */
  public static SourceLocation of(
      int generatedLine,
      int generatedColumn,
      String source,
      int originalLine,
      int originalColumn,
      String name,
      String functionName) {
    return new SourceLocation(generatedLine, generatedColumn, -1, source, originalLine,
        originalColumn, name, functionName, null);
  }

  /**
   * Looks up a generated position in a parsed map, the way a {@link SourceMapCache} built from the
   * same map (and minified file) answers it.
   *
   * @param map the source map
   * @param functionNames the function names of the map's minified file, or null for none
   * @param line the 0-based generated line
   * @param column the 0-based generated column
   * @return the location, empty where {@link SourceMap#lookup(int, int)} is empty
   */
  public static Optional<SourceLocation> lookup(
      SourceMap map, FunctionNames functionNames, int line, int column) {
    Objects.requireNonNull(map, "map");
    Optional<Token> found = map.lookup(line, column);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Token t = found.get();
    String function = functionNames == null ? null : functionNames.at(line, column).orElse(null);
    ContentLines lines = (s, from, to) -> {
      if (s < 0 || s >= map.sourceCount()) {
        return List.of();
      }
      Optional<String> text = map.sourceContent(s);
      return text.isEmpty() ? List.of() : linesOf(text.get(), from, to);
    };
    return Optional.of(new SourceLocation(line, column, t.sourceIndex(), t.source().orElse(null),
        t.originalLine(), t.originalColumn(), t.name().orElse(null), function, lines));
  }

  /** Lines {@code [from, to)} of a text split at LF, CRLF and CR, without their terminators. */
  static List<String> linesOf(String text, int from, int to) {
    List<String> out = new ArrayList<>(Math.max(0, Math.min(to - from, 64)));
    int line = 0;
    int start = 0;
    int n = text.length();
    while (line < to) {
      int end = start;
      while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      if (line >= from) {
        out.add(text.substring(start, end));
      }
      if (end >= n) {
        break;
      }
      start = end + (text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n'
          ? 2 : 1);
      line++;
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the generated line that was looked up.
   *
   * @return the 0-based generated line
   */
  public int generatedLine() {
    return generatedLine;
  }

  /**
   * Returns the generated column that was looked up.
   *
   * @return the 0-based generated column in UTF-16 code units
   */
  public int generatedColumn() {
    return generatedColumn;
  }

  /**
   * Returns the source: the {@code sources[]} entry joined with {@code sourceRoot}, as {@link
   * Token#source()}.
   *
   * @return the source, empty if the segment's source index is out of range
   */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /**
   * Returns the original line.
   *
   * @return the 0-based original line
   */
  public int originalLine() {
    return originalLine;
  }

  /**
   * Returns the original column.
   *
   * @return the 0-based original column
   */
  public int originalColumn() {
    return originalColumn;
  }

  /**
   * Returns the segment's name (the original identifier at this position).
   *
   * @return the name, if the segment has one
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Returns the original name of the function enclosing the generated position (see {@link
   * FunctionNames}): {@code "<anonymous>"} for an unnamed function, empty in global code or when
   * no minified file (nor Metro function map) was available.
   *
   * @return the function name, if known
   */
  public Optional<String> functionName() {
    return Optional.ofNullable(functionName);
  }

  /**
   * Returns lines of the source's {@code sourcesContent} around the original line: lines {@code
   * max(0, originalLine - linesAround)} to {@code originalLine + linesAround}, clipped to the
   * content, without line terminators (lines end at LF, CRLF or CR).
   *
   * @param linesAround how many lines before and after the original line, not negative
   * @return the lines, empty when the source has no content or the line is past its end
   */
  public List<String> sourceContext(int linesAround) {
    if (linesAround < 0) {
      throw new IllegalArgumentException("negative linesAround: " + linesAround);
    }
    if (originalLine < 0) {
      return List.of();
    }
    int from = Math.max(0, originalLine - linesAround);
    long to = (long) originalLine + linesAround + 1;
    List<String> lines = content.lines(sourceIndex, from, (int) Math.min(Integer.MAX_VALUE, to));
    // A line past the end of the content has no context.
    return lines.size() <= originalLine - from ? List.of() : lines;
  }

  /**
   * Returns the original line's text from {@code sourcesContent}.
   *
   * @return the line, empty when the source has no content or the line is past its end
   */
  public Optional<String> sourceLine() {
    List<String> l = sourceContext(0);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SourceLocation)) {
      return false;
    }
    SourceLocation other = (SourceLocation) o;
    return generatedLine == other.generatedLine
        && generatedColumn == other.generatedColumn
        && originalLine == other.originalLine
        && originalColumn == other.originalColumn
        && Objects.equals(source, other.source)
        && Objects.equals(name, other.name)
        && Objects.equals(functionName, other.functionName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generatedLine, generatedColumn, source, originalLine, originalColumn, name,
        functionName);
  }

  @Override
  public String toString() {
    return "SourceLocation[" + generatedLine + ":" + generatedColumn + " -> "
        + (source == null ? "?" : source) + ":" + originalLine + ":" + originalColumn
        + (name == null ? "" : " name=" + name)
        + (functionName == null ? "" : " function=" + functionName) + "]";
  }
}
