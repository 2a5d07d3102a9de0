package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class ProguardMappingTest {
  private static final String MAPPING = "# compiler: R8\n"
      + "# compiler_version: 8.5.35\n"
      + "# {\"id\":\"com.android.tools.r8.mapping\",\"version\":\"2.2\"}\r\n"
      + "# pg_map_id: abc\n"
      + "com.example.Foo -> a.b:\r\n"
      + "# {\"id\":\"sourceFile\",\"fileName\":\"Foo.kt\"}\n"
      + "    java.lang.String name -> a\n"
      + "    int count -> a\n"
      + "    1:3:void run(int):10:12 -> b\n"
      + "      # {\"id\":\"com.android.tools.r8.residualsignature\",\"signature\":\"(I)V\"}\n"
      + "    this line is broken\n"
      + "com.example.Bar -> a.c:\n"
      + "    void <init>() -> <init>\n";

  /** A member name with undecodable bytes is found by its decoded name, as R8 reads it. */
  @Test
  void memberNamesWithUndecodableBytes() {
    byte[] text = "a.Foo -> x:\n    1:1:void bar():10:10 -> b\u00C0\n    2:2:void baz():20:20 -> c\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    ProguardMapping mapping = ProguardMapping.parse(text);
    String name = "b\uFFFD";
    assertThat(mapping.remapMethod("x", name)).extracting(MemberMapping::originalName)
        .containsExactly("bar");
    assertThat(mapping.remapMethod("x", "c")).extracting(MemberMapping::originalName)
        .containsExactly("baz");
  }

  @Test
  void readsHeaderClassesAndMembers() {
    ProguardMapping mapping = ProguardMapping.parse(MAPPING);
    assertThat(mapping.header().compiler()).contains("R8");
    assertThat(mapping.header().compilerVersion()).contains("8.5.35");
    assertThat(mapping.header().mapVersion()).contains("2.2");
    assertThat(mapping.header().pgMapId()).contains("abc");
    assertThat(mapping.isR8()).isTrue();
    assertThat(mapping.classCount()).isEqualTo(2);
    assertThat(mapping.remapClass("a.b")).contains("com.example.Foo");
    assertThat(mapping.remapClass("zz")).isEmpty();
    assertThat(mapping.classMappingByOriginalName("com.example.Bar").map(ClassMapping::obfuscatedName))
        .contains("a.c");
    assertThat(mapping.classMapping("a.b").flatMap(ClassMapping::sourceFile)).contains("Foo.kt");
    assertThat(mapping.remapField("a.b", "a")).extracting(MemberMapping::originalName)
        .containsExactly("name", "count");
    MemberMapping run = mapping.remapMethod("a.b", "b").get(0);
    assertThat(run.originalName()).isEqualTo("run");
    assertThat(run.arguments()).isEqualTo("int");
    assertThat(run.minifiedStart()).isEqualTo(1);
    assertThat(run.originalEnd()).isEqualTo(12);
    assertThat(run.residualSignature()).contains("(I)V");
    assertThat(mapping.brokenLineCount()).isEqualTo(1);
  }

  @Test
  void remapsFrames() {
    ProguardMapping mapping = ProguardMapping.parse(MAPPING);
    List<List<StackFrame>> frames = mapping.remapFrame(StackFrame.of("a.b", "b", "SourceFile", 2));
    assertThat(frames).hasSize(1);
    StackFrame frame = frames.get(0).get(0);
    assertThat(frame.className()).isEqualTo("com.example.Foo");
    assertThat(frame.methodName()).isEqualTo("run");
    assertThat(frame.line()).isEqualTo(11);
    assertThat(frame.fileName()).contains("Foo.kt");
    assertThat(frame.arguments()).contains("int");
    assertThat(mapping.remapFrame(StackFrame.of("a.c", "x", 3)).get(0).get(0).className())
        .isEqualTo("com.example.Bar");
  }

  @Test
  void uuidIsSentrysVersion5Uuid() {
    byte[] bytes = MAPPING.getBytes(StandardCharsets.UTF_8);
    UUID uuid = ProguardMapping.parse(bytes).uuid();
    assertThat(uuid.version()).isEqualTo(5);
    // Sentry's namespace is uuid5(NAMESPACE_DNS, "guardsquare.com").
    UUID namespace = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertThat(uuid).isEqualTo(Uuid5.of(Uuid5.of(namespace, "guardsquare.com".getBytes(StandardCharsets.UTF_8)), bytes));
    assertThat(ProguardMapping.parse(bytes).uuid()).isEqualTo(uuid);
  }

  @Test
  void byteOrderMarkAndEmptyInput() {
    assertThat(ProguardMapping.parse("\uFEFFa.B -> c:\n").remapClass("c")).contains("a.B");
    assertThat(ProguardMapping.parse(new byte[0]).classCount()).isZero();
  }

  @Test
  void largeMappingsScannedInPartsLoseNothing() {
    // Over the size at which the scan is split across cores; every class must come back whole.
    StringBuilder sb = new StringBuilder("# compiler: R8\n");
    int classes = 0;
    while (sb.length() < (12 << 20)) {
      sb.append("com.example.C").append(classes).append(" -> c").append(classes).append(":\n");
      for (int m = 0; m < 40; m++) {
        sb.append("    ").append(m + 1).append(':').append(m + 1).append(":void m").append(m)
            .append("():").append(m + 10).append(':').append(m + 10).append(" -> a\n");
      }
      if (classes % 1000 == 999) {
        sb.append("junk line\n");
      }
      classes++;
    }
    ProguardMapping mapping = ProguardMapping.parse(sb.toString());
    assertThat(mapping.header().compiler()).contains("R8");
    assertThat(mapping.classCount()).isEqualTo(classes);
    for (int i = 0; i < classes; i++) {
      assertThat(mapping.remapMethod("c" + i, "a")).as("class %d", i).hasSize(40);
    }
    assertThat(mapping.brokenLineCount()).isEqualTo(classes / 1000);
  }

  @Property(tries = 200)
  void classLinesAreFoundAcrossTheScansWindows(
      @ForAll("layouts") List<Tuple.Tuple3<Integer, Integer, Boolean>> classes) {
    // Padding lines of every length put class lines at, before and after the boundaries of the
    // scan's 64 KiB windows, with either line break.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < classes.size(); i++) {
      String br = classes.get(i).get3() ? "\r\n" : "\n";
      sb.append("com.example.C").append(i).append(" -> c").append(i).append(':').append(br);
      for (int m = 0; m < i % 3; m++) {
        sb.append("    ").append(m + 1).append(':').append(m + 1).append(":void m():1:1 -> a")
            .append(br);
      }
      sb.append("    # ").append("x".repeat(classes.get(i).get1())).append(br);
      if (classes.get(i).get2() % 2 == 0) {
        sb.append(br); // a blank line
      }
    }
    ProguardMapping mapping = ProguardMapping.parse(sb.toString());
    assertThat(mapping.classCount()).isEqualTo(classes.size());
    for (int i = 0; i < classes.size(); i++) {
      assertThat(mapping.classMapping("c" + i)).as("class %d", i).hasValueSatisfying(
          c -> assertThat(c.originalName()).isEqualTo("com.example.C" + c.obfuscatedName().substring(1)));
      assertThat(mapping.remapMethod("c" + i, "a")).as("class %d", i).hasSize(i % 3);
    }
  }

  @Provide
  Arbitrary<List<Tuple.Tuple3<Integer, Integer, Boolean>>> layouts() {
    Arbitrary<Integer> padding = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0, 200)),
        Tuple.of(3, Arbitraries.integers().between(65_400, 65_600)),
        Tuple.of(1, Arbitraries.integers().between(0, 140_000)));
    return Combinators.combine(padding, Arbitraries.integers().between(0, 9),
        Arbitraries.of(true, false)).as(Tuple::of).list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 300)
  void anyBytesParseWithoutException(@ForAll byte[] bytes) {
    ProguardMapping mapping = ProguardMapping.parse(bytes);
    mapping.classes().forEach(c -> c.members().forEach(MemberMapping::toString));
    mapping.brokenLineCount();
    Retracer.of(mapping).retrace("x: y\n\tat a.b(SourceFile:1)\n");
  }

  @Property(tries = 300)
  void anyTextRetracesWithoutException(@ForAll String trace) {
    Retracer.of(ProguardMapping.parse(MAPPING)).retrace(trace);
  }

  /** An independent UUID v5 for the test. */
  static final class Uuid5 {
    static UUID of(UUID namespace, byte[] name) {
      try {
        java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
        java.nio.ByteBuffer ns = java.nio.ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] h = sha1.digest(name);
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
  }
}
