package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs an attacker or a broken pipeline could produce: huge, junk, or deeply nested. */
class HostileInputTest {

  @Test
  void oneGigabyteOfJunkIsScannedInBoundedMemory(@TempDir Path dir) throws IOException {
    Path junk = dir.resolve("junk.txt");
    byte[] block = new byte[1 << 20];
    new Random(42).nextBytes(block);
    // A few valid lines in every block, so the junk also exercises the class index.
    byte[] valid = "\ncom.example.Foo -> a:\n    1:1:void run():3:3 -> a\n".getBytes();
    System.arraycopy(valid, 0, block, 4096, valid.length);
    try (FileChannel ch = FileChannel.open(junk, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      for (int i = 0; i < 1024; i++) {
        ByteBuffer buffer = ByteBuffer.wrap(block);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
      }
    }
    Runtime rt = Runtime.getRuntime();
    ProguardMapping mapping = ProguardMapping.open(junk);
    System.gc();
    // What the index keeps: the file itself is mapped, not read into the heap.
    long retained = rt.totalMemory() - rt.freeMemory();
    assertThat(retained).isLessThan(256L << 20);
    assertThat(mapping.remapClass("a")).contains("com.example.Foo");
    assertThat(Retracer.of(mapping).retrace("\tat a.a(SourceFile:1)"))
        .isEqualTo("\tat com.example.Foo.run(Foo.java:3)\n");
  }

  @Test
  void tenMegabyteLinesAreSkippedOrCopied() {
    String huge = "x".repeat(10 << 20);
    ProguardMapping mapping = ProguardMapping.parse(
        huge + " -> a:\ncom.example.Foo -> b:\n    " + huge + "\n    1:1:void run():3:3 -> a\n");
    assertThat(mapping.remapClass("a")).isEmpty();
    assertThat(mapping.remapMethod("b", "a")).hasSize(1);
    assertThat(mapping.brokenLineCount()).isEqualTo(2);
    // A plain frame is recognized in linear time at any length.
    assertThat(Retracer.of(mapping).retrace("\tat b.a(" + huge + ":1)"))
        .isEqualTo("\tat com.example.Foo.run(Foo.java:3)\n");
    // Other long lines would need R8's expression, quadratic in the length: they are copied.
    assertThat(Retracer.of(mapping).retrace("Caused by: b: " + huge))
        .isEqualTo("Caused by: b: " + huge + "\n");
  }

  @Test
  void theBytePathOverACacheAnswersHostileTracesLikeTheGeneralPath() {
    ProguardMapping mapping = ProguardMapping.parse(
        "com.example.Foo -> b:\n    1:1:void run():3:3 -> a\n    2:5:void run(int):7:10 -> a\n");
    ProguardCache cache = ProguardCache.of(dev.symbolic.common.ByteView.of(
        ProguardCacheTest.cacheBytes(mapping)));
    String huge = "x".repeat(10 << 20);
    Random random = new Random(7);
    byte[] junk = new byte[1 << 20];
    random.nextBytes(junk);
    StringBuilder deep = new StringBuilder("b: top\n");
    for (int i = 0; i < 20_000; i++) {
      deep.append("Caused by: b: level ").append(i).append("\n\tat b.a(SourceFile:1)\n");
    }
    for (String trace : List.of("\tat b.a(" + huge + ":1)", "Caused by: b: " + huge,
        "Caused by: b: " + huge + " and more", "b: " + huge + " x", huge + "\n\tat b.a(x:3)",
        new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1), deep.toString())) {
      String expected = Retracer.of(mapping).retrace(trace);
      byte[] bytes = trace.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(CacheFramesTest.bytePath(cache, bytes)).isEqualTo(expected);
      assertThat(CacheFramesTest.bytePath(cache, bytes, true)).isEqualTo(expected);
    }
    String junkExpected =
        Retracer.of(mapping).retrace(new String(junk, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(CacheFramesTest.bytePath(cache, junk)).isEqualTo(junkExpected);
    assertThat(CacheFramesTest.bytePath(cache, junk, true)).isEqualTo(junkExpected);
  }

  @Test
  void deepCausedByChainsStreamInConstantState() {
    ProguardMapping mapping = ProguardMapping.parse("com.example.Foo -> a:\n    1:1:void run():3:3 -> a\n");
    StringBuilder trace = new StringBuilder("a: top\n");
    for (int i = 0; i < 100_000; i++) {
      trace.append("Caused by: a: level ").append(i).append("\n\tat a.a(SourceFile:1)\n\t... 1 more\n");
    }
    String out = Retracer.of(mapping).retrace(trace.toString());
    assertThat(out).startsWith("com.example.Foo: top\nCaused by: com.example.Foo: level 0\n");
    assertThat(out.lines().count()).isEqualTo(300_001);
  }

  @Test
  void hugeOriginalRangesAreCapped() {
    ProguardMapping mapping = ProguardMapping.parse("com.example.Foo -> a:\n"
        + "    1:1:void run():1:2000000000 -> a\n    2:2:void stop():5:5 -> a\n");
    String out = Retracer.of(mapping).retrace("\tat a.a(SourceFile)");
    assertThat(out.lines().count()).isLessThanOrEqualTo(FrameLookup.MAX_CANDIDATES);
  }

  @Test
  void truncatedAndBinaryMappingsDoNotThrow() throws IOException {
    byte[] text = ("# {\"id\":\"com.android.tools.r8.mapping\",\"version\":\"2.2\"}\n"
        + "com.example.Foo -> a:\n# {\"id\":\"sourceFile\",\"fileName\":\"Foo.kt\"}\n"
        + "    1:3:void run(int):10:12 -> b\n"
        + "      # {\"id\":\"com.android.tools.r8.outlineCallsite\",\"positions\":{\"1\":2}}\n"
        + "      # {\"id\":\"com.android.tools.r8.rewriteFrame\",\"conditions\":[\"throws(La;)\"],"
        + "\"actions\":[\"removeInnerFrames(9)\"]}\n").getBytes();
    for (int cut = 0; cut <= text.length; cut++) {
      ProguardMapping mapping = ProguardMapping.parse(java.util.Arrays.copyOf(text, cut));
      mapping.brokenLineCount();
      Retracer.of(mapping).retrace("a\n\tat a.b(SourceFile:2)\n\tat a.b(SourceFile)\n");
    }
    assertThat(Files.exists(Path.of("."))).isTrue();
  }
}
