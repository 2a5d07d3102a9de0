package dev.symbolic.proguard;

/** Conversions between Java type names ({@code java.lang.String[]}) and JVM descriptors. */
final class Descriptors {
  private Descriptors() {}

  /** {@code a.b.C} becomes {@code La/b/C;}. */
  static String ofClassName(String className) {
    return "L" + className.replace('.', '/') + ";";
  }

  /** {@code int} becomes {@code I}, {@code a.B[]} becomes {@code [La/B;}. */
  static String ofTypeName(String typeName) {
    int dims = 0;
    int end = typeName.length();
    while (end >= 2 && typeName.charAt(end - 1) == ']' && typeName.charAt(end - 2) == '[') {
      dims++;
      end -= 2;
    }
    String base = typeName.substring(0, end);
    String descriptor;
    switch (base) {
      case "void": descriptor = "V"; break;
      case "boolean": descriptor = "Z"; break;
      case "byte": descriptor = "B"; break;
      case "char": descriptor = "C"; break;
      case "short": descriptor = "S"; break;
      case "int": descriptor = "I"; break;
      case "long": descriptor = "J"; break;
      case "float": descriptor = "F"; break;
      case "double": descriptor = "D"; break;
      default: descriptor = ofClassName(base);
    }
    return "[".repeat(dims) + descriptor;
  }
}
