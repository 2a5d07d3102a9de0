package dev.symbolic.proguard;

import java.util.Objects;
import java.util.Optional;

/**
 * One Java stack frame: {@code at com.example.Foo.bar(Foo.java:12)}.
 *
 * <p>An obfuscated frame is built with {@link #of}; the frames that remapping returns also carry
 * the original method signature when the mapping has it ({@link #returnType()},
 * {@link #arguments()}). Immutable and thread-safe.
 */
public final class StackFrame {
  private final String className;
  private final String methodName;
  private final String fileName;
  private final int line;
  private final String returnType;
  private final String arguments;

  private StackFrame(
      String className,
      String methodName,
      String fileName,
      int line,
      String returnType,
      String arguments) {
    this.className = Objects.requireNonNull(className, "className");
    this.methodName = Objects.requireNonNull(methodName, "methodName");
    this.fileName = fileName;
    this.line = line;
    this.returnType = returnType;
    this.arguments = arguments;
  }

  /** A frame with a line number ({@code line > 0}) or none ({@code line <= 0}) and no file. */
  public static StackFrame of(String className, String methodName, int line) {
    return new StackFrame(className, methodName, null, Math.max(line, 0), null, null);
  }

  /** A frame with a source file name, as printed between the parentheses. */
  public static StackFrame of(String className, String methodName, String fileName, int line) {
    return new StackFrame(className, methodName, fileName, Math.max(line, 0), null, null);
  }

  static StackFrame remapped(
      String className,
      String methodName,
      String fileName,
      int line,
      String returnType,
      String arguments) {
    return new StackFrame(
        className, methodName, fileName, Math.max(line, 0), returnType, arguments);
  }

  /** The class name, dotted ({@code com.example.Foo$Bar}). */
  public String className() {
    return className;
  }

  /** The method name. */
  public String methodName() {
    return methodName;
  }

  /** The source file name, if known. */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }

  /** The line number, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The original return type, for remapped frames whose mapping gives the signature. */
  public Optional<String> returnType() {
    return Optional.ofNullable(returnType);
  }

  /** The original parameter types, comma-separated, for remapped frames. */
  public Optional<String> arguments() {
    return Optional.ofNullable(arguments);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StackFrame)) {
      return false;
    }
    StackFrame f = (StackFrame) o;
    return line == f.line
        && className.equals(f.className)
        && methodName.equals(f.methodName)
        && Objects.equals(fileName, f.fileName)
        && Objects.equals(returnType, f.returnType)
        && Objects.equals(arguments, f.arguments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className, methodName, fileName, line);
  }

  /** {@code com.example.Foo.bar(Foo.java:12)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(className).append('.').append(methodName).append('(');
    sb.append(fileName == null ? "Unknown Source" : fileName);
    if (line > 0) {
      sb.append(':').append(line);
    }
    return sb.append(')').toString();
  }
}
