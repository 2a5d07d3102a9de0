package dev.symbolic.sourcemap;

import java.util.Objects;
import java.util.Optional;

/**
 * One mapping segment of a source map: a generated position and, unless the segment is explicitly
 * unmapped, the original position (and optionally a name) it maps to.
 *
 * <p>All lines and columns are 0-based; columns count UTF-16 code units. Absent values are
 * {@code -1} (indices, original line and column) or empty ({@link #source()}, {@link #name()}).
 * {@link #source()} is the {@code sources[]} entry joined with the map's {@code sourceRoot} (see
 * {@link SourceMap#resolvedSource(int)}); it is empty only if the segment has no source or its
 * source index is out of range. Instances are immutable and compare by value.
 */
public final class Token {
  private final int generatedLine;
  private final int generatedColumn;
  private final int sourceIndex;
  private final String source;
  private final int originalLine;
  private final int originalColumn;
  private final int nameIndex;
  private final String name;

  /**
   * Creates a token.
   *
   * @param generatedLine 0-based generated line, not negative
   * @param generatedColumn 0-based generated column, not negative
   * @param sourceIndex index into the map's sources, or -1 for an unmapped segment
   * @param source the resolved source, or null
   * @param originalLine 0-based original line, or -1 without a source
   * @param originalColumn 0-based original column, or -1 without a source
   * @param nameIndex index into the map's names, or -1 for none
   * @param name the name, or null
   */
  public Token(
      int generatedLine,
      int generatedColumn,
      int sourceIndex,
      String source,
      int originalLine,
      int originalColumn,
      int nameIndex,
      String name) {
    if (generatedLine < 0 || generatedColumn < 0) {
      throw new IllegalArgumentException("negative generated position");
    }
    this.generatedLine = generatedLine;
    this.generatedColumn = generatedColumn;
    this.sourceIndex = sourceIndex < 0 ? -1 : sourceIndex;
    this.source = this.sourceIndex < 0 ? null : source;
    this.originalLine = this.sourceIndex < 0 ? -1 : Math.max(-1, originalLine);
    this.originalColumn = this.sourceIndex < 0 ? -1 : Math.max(-1, originalColumn);
    this.nameIndex = this.sourceIndex < 0 || nameIndex < 0 ? -1 : nameIndex;
    this.name = this.nameIndex < 0 ? null : name;
  }

  /**
   * Returns the generated line.
   *
   * @return the 0-based generated line
   */
  public int generatedLine() {
    return generatedLine;
  }

  /**
   * Returns the generated column.
   *
   * @return the 0-based generated column in UTF-16 code units
   */
  public int generatedColumn() {
    return generatedColumn;
  }

  /**
   * Tells whether the segment maps to a source (false for 1-field, explicitly unmapped segments).
   *
   * @return true if the segment has a source index
   */
  public boolean hasSource() {
    return sourceIndex >= 0;
  }

  /**
   * Returns the source index.
   *
   * @return the index into the map's sources, or -1
   */
  public int sourceIndex() {
    return sourceIndex;
  }

  /**
   * Returns the resolved source.
   *
   * @return the source, empty if none
   */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /**
   * Returns the original line.
   *
   * @return the 0-based original line, or -1
   */
  public int originalLine() {
    return originalLine;
  }

  /**
   * Returns the original column.
   *
   * @return the 0-based original column, or -1
   */
  public int originalColumn() {
    return originalColumn;
  }

  /**
   * Returns the name index.
   *
   * @return the index into the map's names, or -1
   */
  public int nameIndex() {
    return nameIndex;
  }

  /**
   * Returns the original name.
   *
   * @return the name, empty if none
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Token)) {
      return false;
    }
    Token t = (Token) o;
    return generatedLine == t.generatedLine
        && generatedColumn == t.generatedColumn
        && sourceIndex == t.sourceIndex
        && originalLine == t.originalLine
        && originalColumn == t.originalColumn
        && nameIndex == t.nameIndex
        && Objects.equals(source, t.source)
        && Objects.equals(name, t.name);
  }

  @Override
  public int hashCode() {
    int h = generatedLine;
    h = h * 31 + generatedColumn;
    h = h * 31 + sourceIndex;
    h = h * 31 + originalLine;
    h = h * 31 + originalColumn;
    h = h * 31 + nameIndex;
    h = h * 31 + Objects.hashCode(source);
    return h * 31 + Objects.hashCode(name);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Token[");
    sb.append(generatedLine).append(':').append(generatedColumn);
    if (sourceIndex < 0) {
      return sb.append(" unmapped]").toString();
    }
    sb.append(" -> ").append(source == null ? "#" + sourceIndex : source);
    sb.append(':').append(originalLine).append(':').append(originalColumn);
    if (nameIndex >= 0) {
      sb.append(' ').append(name == null ? "#" + nameIndex : name);
    }
    return sb.append(']').toString();
  }
}
