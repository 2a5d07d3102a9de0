package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each retrace rule on small mappings written for the purpose. */
class RetracerTest {
  private static final String HEADER = "# {\"id\":\"com.android.tools.r8.mapping\",\"version\":\"2.2\"}\n";

  private static String retrace(String mapping, String trace) {
    return Retracer.of(ProguardMapping.parse(mapping)).retrace(trace);
  }

  @Test
  void inlineChainBecomesSeveralFrames() {
    String mapping = HEADER
        + "com.example.Main -> a:\n"
        + "# {\"id\":\"sourceFile\",\"fileName\":\"Main.kt\"}\n"
        + "    1:1:void inner():54:54 -> b\n"
        + "    1:1:void com.example.Util.middle():44 -> b\n"
        + "    1:1:void outer(int):30 -> b\n";
    assertThat(retrace(mapping, "java.lang.RuntimeException: x\n\tat a.b(SourceFile:1)\n"))
        .isEqualTo("java.lang.RuntimeException: x\n"
            + "\tat com.example.Main.inner(Main.kt:54)\n"
            + "\tat com.example.Util.middle(Util.java:44)\n"
            + "\tat com.example.Main.outer(Main.kt:30)\n");
  }

  @Test
  void lineRangesMapLinearly() {
    String mapping = "com.example.Foo -> a:\n    3:7:void run():20:24 -> a\n";
    assertThat(retrace(mapping, "\tat a.a(SourceFile:5)\n"))
        .isEqualTo("\tat com.example.Foo.run(Foo.java:22)\n");
  }

  /** R8's line grammar leaves a one-segment class after "Suppressed:" or a thread name alone. */
  @Test
  void exceptionLinesAndPrefixesAreRemapped() {
    String mapping = "com.example.Boom -> a:\n    void <init>() -> <init>\n";
    assertThat(retrace(mapping, "a: message\nCaused by: a\n\tSuppressed: a: inner\n"
        + "Exception in thread \"main\" a: x\n\t... 3 more\n"))
        .isEqualTo("com.example.Boom: message\nCaused by: com.example.Boom\n"
            + "\tSuppressed: a: inner\n"
            + "Exception in thread \"main\" a: x\n\t... 3 more\n");
  }

  @Test
  void overloadsWithoutLineAreAlternatives() {
    String mapping = "com.example.Foo -> a:\n"
        + "    1:1:void run(int):10:10 -> a\n"
        + "    2:2:void stop(java.lang.String):20:20 -> a\n";
    assertThat(retrace(mapping, "\tat a.a(Unknown Source)\n"))
        .isEqualTo("\tat com.example.Foo.run(Foo.java)\n\t<OR> at com.example.Foo.stop(Foo.java)\n");
  }

  @Test
  void synthesizedFramesVanish() {
    String mapping = HEADER
        + "com.example.Lambda -> b:\n"
        + "    1:1:void lambda$0():5:5 -> a\n"
        + "      # {\"id\":\"com.android.tools.r8.synthesized\"}\n";
    assertThat(retrace(mapping, "x: y\n\tat b.a(SourceFile:1)\n\tat c.d(SourceFile:2)\n"))
        .isEqualTo("x: y\n\tat c.d(SourceFile:2)\n");
  }

  @Test
  void outlineFrameFoldsIntoItsCallSite() {
    String mapping = HEADER
        + "outline.Class -> a:\n"
        + "    1:2:int outline() -> a\n"
        + "# { \"id\":\"com.android.tools.r8.outline\" }\n"
        + "some.Class -> b:\n"
        + "    4:4:int caller(int):98:98 -> s\n"
        + "    5:5:int caller(int):100:100 -> s\n"
        + "    27:27:int caller(int):0:0 -> s\n"
        + "# { \"id\":\"com.android.tools.r8.outlineCallsite\", \"positions\": { \"1\": 4, \"2\": 5 } }\n";
    assertThat(retrace(mapping, "E: x\n\tat a.a(SourceFile:2)\n\tat b.s(SourceFile:27)\n"))
        .isEqualTo("E: x\n\tat some.Class.caller(Class.java:100)\n");
  }

  @Test
  void rewriteFrameDropsCompilerNullCheckForNpe() {
    String mapping = HEADER
        + "com.example.A -> a:\n"
        + "    1:1:void com.example.B.check():7:7 -> a\n"
        + "    1:1:void run():3 -> a\n"
        + "      # {\"id\":\"com.android.tools.r8.rewriteFrame\","
        + "\"conditions\":[\"throws(Ljava/lang/NullPointerException;)\"],"
        + "\"actions\":[\"removeInnerFrames(1)\"]}\n";
    assertThat(retrace(mapping, "java.lang.NullPointerException\n\tat a.a(SourceFile:1)\n"))
        .isEqualTo("java.lang.NullPointerException\n\tat com.example.A.run(A.java:3)\n");
    assertThat(retrace(mapping, "java.lang.IllegalStateException\n\tat a.a(SourceFile:1)\n"))
        .isEqualTo("java.lang.IllegalStateException\n\tat com.example.B.check(B.java:7)\n"
            + "\tat com.example.A.run(A.java:3)\n");
  }

  @Test
  void metadataIsIgnoredWithoutMapVersion() {
    String mapping = "com.example.Lambda -> b:\n"
        + "    1:1:void lambda$0():5:5 -> a\n"
        + "      # {\"id\":\"com.android.tools.r8.synthesized\"}\n";
    assertThat(retrace(mapping, "\tat b.a(SourceFile:1)\n"))
        .isEqualTo("\tat com.example.Lambda.lambda$0(Lambda.java:5)\n");
  }

  @Test
  void verbosePrintsSignatures() {
    String mapping = "com.example.Foo -> a:\n    1:1:java.lang.String run(int,long[]):9:9 -> a\n";
    assertThat(Retracer.of(ProguardMapping.parse(mapping)).verbose(true).retrace("\tat a.a(SourceFile:1)"))
        .isEqualTo("\tat com.example.Foo.java.lang.String run(int,long[])(Foo.java:9)\n");
  }

  @Test
  void unknownLinesAndPrefixesPassThrough() {
    String mapping = "com.example.Foo -> a:\n    1:1:void run():9:9 -> a\n";
    String logcat = "11-26 21:00:00.123  4242  4242 E AndroidRuntime: \tat a.a(SourceFile:1)";
    assertThat(retrace(mapping, logcat + "\n--------- beginning of crash\n"))
        .isEqualTo("11-26 21:00:00.123  4242  4242 E AndroidRuntime: \tat com.example.Foo.run(Foo.java:9)\n"
            + "--------- beginning of crash\n");
    assertThat(retrace(mapping, "\tat java.base/a.a(SourceFile:1)\n"))
        .isEqualTo("\tat java.base/com.example.Foo.run(Foo.java:9)\n");
  }

  @Test
  void kotlinFileNamesAreInferred() {
    String mapping = "com.example.UtilsKt -> a:\n    1:1:void run():9:9 -> a\n";
    assertThat(retrace(mapping, "\tat a.a(SourceFile:1)\n"))
        .isEqualTo("\tat com.example.UtilsKt.run(Utils.kt:9)\n");
  }

  @Test
  void hostileLinesDoNotExplode() {
    String mapping = "com.example.Foo -> a:\n    1:1:void run():9:9 -> a\n";
    String longLine = "\tat " + "a.".repeat(200_000) + "a(";
    assertThat(retrace(mapping, longLine)).isEqualTo(longLine + "\n");
    StringBuilder deep = new StringBuilder("a: x\n");
    for (int i = 0; i < 10_000; i++) {
      deep.append("Caused by: a: y\n\tat a.a(SourceFile:1)\n");
    }
    assertThat(retrace(mapping, deep.toString())).contains("com.example.Foo.run(Foo.java:9)");
  }
}
