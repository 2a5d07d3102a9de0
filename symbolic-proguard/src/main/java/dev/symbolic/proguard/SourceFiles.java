package dev.symbolic.proguard;

/** The source file name R8 retrace prints for a frame. */
final class SourceFiles {
  private SourceFiles() {}

  /** The file name R8 prints for a frame of original class {@code className}. */
  static String forClass(Mapping mapping, String className, String obfuscatedFile, boolean mapped) {
    String known = mapping.sourceFile(className).orElse(null);
    return known != null ? known : infer(className, obfuscatedFile, mapped);
  }

  /**
   * The file name for a frame of {@code className}: the mapping's {@code sourceFile} metadata if
   * it has one, otherwise a name derived from the outermost class, as R8 does ({@code Foo$Bar}
   * gives {@code Foo.java}, {@code FooKt} gives {@code Foo.kt}, and a {@code .kt} extension on
   * the obfuscated file name is kept).
   */
  static String infer(String className, String obfuscatedFile, boolean mapped) {
    if (!mapped || obfuscatedFile.equals("Native Method")) {
      return obfuscatedFile;
    }
    String extension = extension(obfuscatedFile);
    String name = outerSimpleName(className);
    if (name.endsWith("Kt") && (extension.isEmpty() || extension.equals("kt"))) {
      return name.substring(0, name.length() - 2) + ".kt";
    }
    return name + (extension.equals("kt") ? ".kt" : ".java");
  }

  private static String extension(String file) {
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    String name = file.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  private static String outerSimpleName(String className) {
    int lastDot = className.lastIndexOf('.');
    int end = className.indexOf('$', lastDot);
    if (lastDot > end || end < 0) {
      end = className.length();
    }
    return className.substring(lastDot + 1, end);
  }
}
