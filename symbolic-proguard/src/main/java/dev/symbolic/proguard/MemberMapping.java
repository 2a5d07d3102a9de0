package dev.symbolic.proguard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One member line of a mapping: a field, or a method with its optional line ranges.
 *
 * <p>A method line {@code 5:7:void com.x.Foo.bar(int):10:12 -> a} maps obfuscated lines 5..7 of
 * method {@code a} to lines 10..12 of {@code bar(int)}, which was declared in {@code com.x.Foo}
 * (a qualified name means the code was inlined from another class). Consecutive lines with the
 * same minified range form an inline chain, innermost first.
 *
 * <p>Immutable and thread-safe.
 */
public final class MemberMapping {
  static final int NONE = -1;

  private final boolean method;
  private final String type;
  private final String originalClass;
  private final String originalName;
  private final String arguments;
  private final String obfuscatedName;
  private final int minifiedStart;
  private final int minifiedEnd;
  private final int originalStart;
  private final int originalEnd;
  private final boolean originalSingle;
  private final boolean synthesized;
  private final boolean outline;
  private final String residualSignature;
  private final int[] outlinePositions;
  private final String outlineTarget;
  private final List<RewriteFrameRule> rewriteFrames;

  @SuppressWarnings("ParameterNumber")
  MemberMapping(
      boolean method,
      String type,
      String originalClass,
      String originalName,
      String arguments,
      String obfuscatedName,
      int minifiedStart,
      int minifiedEnd,
      int originalStart,
      int originalEnd,
      boolean originalSingle,
      boolean synthesized,
      boolean outline,
      String residualSignature,
      int[] outlinePositions,
      String outlineTarget,
      List<RewriteFrameRule> rewriteFrames) {
    this.method = method;
    this.type = type;
    this.originalClass = originalClass;
    this.originalName = originalName;
    this.arguments = arguments;
    this.obfuscatedName = obfuscatedName;
    this.minifiedStart = minifiedStart;
    this.minifiedEnd = minifiedEnd;
    this.originalStart = originalStart;
    this.originalEnd = originalEnd;
    this.originalSingle = originalSingle;
    this.synthesized = synthesized;
    this.outline = outline;
    this.residualSignature = residualSignature;
    this.outlinePositions = outlinePositions;
    this.outlineTarget = outlineTarget;
    this.rewriteFrames = List.copyOf(rewriteFrames);
  }

  /** True for a method, false for a field. */
  public boolean isMethod() {
    return method;
  }

  /** The field type, or the method's return type, as a Java type name ({@code int[]}). */
  public String type() {
    return type;
  }

  /** The class the member was declared in, when the mapping qualifies it (inlined code). */
  public Optional<String> originalClass() {
    return originalClass.isEmpty() ? Optional.empty() : Optional.of(originalClass);
  }

  String originalClassOrEmpty() {
    return originalClass;
  }

  /** The original, unqualified member name. */
  public String originalName() {
    return originalName;
  }

  /** The method's original parameter types, comma-separated without spaces; empty for fields. */
  public String arguments() {
    return arguments;
  }

  /** The obfuscated name, as it appears in stack traces and bytecode. */
  public String obfuscatedName() {
    return obfuscatedName;
  }

  /** Whether the line has a minified line range ({@code 5:7:}). */
  public boolean hasMinifiedRange() {
    return minifiedStart != NONE;
  }

  /** First obfuscated line, or -1. */
  public int minifiedStart() {
    return minifiedStart;
  }

  /** Last obfuscated line, or -1. */
  public int minifiedEnd() {
    return minifiedEnd;
  }

  /** Whether the line gives original lines ({@code :10} or {@code :10:12}). */
  public boolean hasOriginalRange() {
    return originalStart != NONE;
  }

  /** First original line, or -1. */
  public int originalStart() {
    return originalStart;
  }

  /** Last original line (equal to the first for {@code :10}), or -1. */
  public int originalEnd() {
    return originalEnd;
  }

  /**
   * Whether the original line is written as one number ({@code :10}), the form R8 uses for the
   * call site lines of an inline chain, rather than as a range ({@code :10:10}).
   */
  public boolean isOriginalSingleLine() {
    return originalSingle;
  }

  /** Whether R8 marked the member {@code com.android.tools.r8.synthesized}. */
  public boolean isSynthesized() {
    return synthesized;
  }

  /** Whether R8 marked the method as an outline ({@code com.android.tools.r8.outline}). */
  public boolean isOutline() {
    return outline;
  }

  /** The JVM signature the member has in the obfuscated program, when R8 recorded it. */
  public Optional<String> residualSignature() {
    return Optional.ofNullable(residualSignature);
  }

  String residualSignatureOrNull() {
    return residualSignature;
  }

  /** Whether the range is an outline call site ({@code com.android.tools.r8.outlineCallsite}). */
  public boolean isOutlineCallsite() {
    return outlinePositions != null;
  }

  int[] outlinePositionsOrNull() {
    return outlinePositions;
  }

  /** The outline method this call site calls, as {@code La/b;m(I)V}, if this is a call site. */
  public Optional<String> outlineTarget() {
    return Optional.ofNullable(outlineTarget);
  }

  /**
   * For an outline call site: the position in this method that an outline frame at {@code
   * outlinePosition} stands for.
   */
  public OptionalInt outlineCallsitePosition(int outlinePosition) {
    if (outlinePositions != null) {
      for (int i = 0; i + 1 < outlinePositions.length; i += 2) {
        if (outlinePositions[i] == outlinePosition) {
          return OptionalInt.of(outlinePositions[i + 1]);
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The frame rewriting rules of this range, in mapping order. */
  public List<RewriteFrameRule> rewriteFrames() {
    return rewriteFrames;
  }

  /** Whether the minified range contains {@code line}. */
  boolean minifiedContains(int line) {
    return minifiedStart != NONE && minifiedStart <= line && line <= minifiedEnd;
  }

  boolean sameMinifiedRange(MemberMapping other) {
    return minifiedStart == other.minifiedStart && minifiedEnd == other.minifiedEnd;
  }

  /**
   * Whether several original lines stand for one obfuscated line: the original range spans more
   * than one line but not in step with the minified range.
   */
  boolean isOriginalRangeAmbiguous() {
    if (originalStart == NONE || originalStart == originalEnd) {
      return false;
    }
    return minifiedStart == NONE || (minifiedEnd - minifiedStart) != (originalEnd - originalStart);
  }

  /** The original line for obfuscated {@code line}, which the minified range must contain. */
  int originalLine(int line) {
    if (minifiedStart == NONE || originalStart == NONE) {
      return line;
    }
    if (originalStart == originalEnd) {
      return originalStart;
    }
    return originalStart + line - minifiedStart;
  }

  /**
   * Whether this line belongs to the same obfuscated member as {@code other}: the same obfuscated
   * name with the same original parameter and return types, as R8 keys members. A mark such as
   * {@code synthesized} on one line holds for every line of the member, whatever class the code
   * was inlined from.
   */
  boolean sameMember(MemberMapping other) {
    return obfuscatedName.equals(other.obfuscatedName)
        && arguments.equals(other.arguments)
        && type.equals(other.type);
  }

  /** The original signature, used to split overloads: the qualified name and the types. */
  boolean sameOriginalSignature(MemberMapping other) {
    return originalName.equals(other.originalName)
        && originalClass.equals(other.originalClass)
        && arguments.equals(other.arguments)
        && type.equals(other.type);
  }

  /** {@code int bar(int)} form, as R8 prints in verbose mode. */
  public String signature() {
    return method ? type + ' ' + originalName + '(' + arguments + ')' : type + ' ' + originalName;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MemberMapping)) {
      return false;
    }
    MemberMapping m = (MemberMapping) o;
    return method == m.method
        && minifiedStart == m.minifiedStart
        && minifiedEnd == m.minifiedEnd
        && originalStart == m.originalStart
        && originalEnd == m.originalEnd
        && originalSingle == m.originalSingle
        && synthesized == m.synthesized
        && outline == m.outline
        && type.equals(m.type)
        && originalClass.equals(m.originalClass)
        && originalName.equals(m.originalName)
        && arguments.equals(m.arguments)
        && obfuscatedName.equals(m.obfuscatedName)
        && Objects.equals(residualSignature, m.residualSignature)
        && java.util.Arrays.equals(outlinePositions, m.outlinePositions)
        && Objects.equals(outlineTarget, m.outlineTarget)
        && rewriteFrames.equals(m.rewriteFrames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(obfuscatedName, originalName, originalClass, minifiedStart, originalStart);
  }

  /** The mapping line this member came from, normalized. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (minifiedStart != NONE) {
      sb.append(minifiedStart).append(':').append(minifiedEnd).append(':');
    }
    sb.append(type).append(' ');
    if (!originalClass.isEmpty()) {
      sb.append(originalClass).append('.');
    }
    sb.append(originalName);
    if (method) {
      sb.append('(').append(arguments).append(')');
    }
    if (originalStart != NONE) {
      sb.append(':').append(originalStart);
      if (!originalSingle) {
        sb.append(':').append(originalEnd);
      }
    }
    return sb.append(" -> ").append(obfuscatedName).toString();
  }
}
