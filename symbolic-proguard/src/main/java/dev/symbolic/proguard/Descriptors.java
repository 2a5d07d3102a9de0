package dev.symbolic.proguard;

/** Conversions from Java class names to JVM descriptors. */
final class Descriptors {
  private Descriptors() {}

  /** {@code a.b.C} becomes {@code La/b/C;}. */
  static String ofClassName(String className) {
    return "L" + className.replace('.', '/') + ";";
  }
}
