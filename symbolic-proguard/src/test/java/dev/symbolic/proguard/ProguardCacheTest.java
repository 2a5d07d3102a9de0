package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProguardCacheTest {
  /** Every kind of line and metadata the parser keeps. */
  private static final String MAPPING = String.join("\n",
      "# compiler: R8",
      "# compiler_version: 8.5.35",
      "# min_api: 24",
      "# {\"id\":\"com.android.tools.r8.mapping\",\"version\":\"2.2\"}",
      "# pg_map_id: 3d8c4c4",
      "# pg_map_hash: SHA-256 3d8c4c4d3f87e06ab5ab6a013d58126481825cd623f69497e5336a8352f93b50",
      "com.example.Foo -> a.a:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"Foo.kt\"}",
      "    int count -> a",
      "    java.lang.String[] names -> b",
      "    com.example.Util helper -> c",
      "    1:1:void <init>():10:10 -> <init>",
      "    1:3:void bar(int,java.lang.String):20:22 -> a",
      "      # {\"id\":\"com.android.tools.r8.residualsignature\",\"signature\":\"(ILjava/lang/String;)V\"}",
      "    4:4:int com.example.Util.inlined(int):5:5 -> a",
      "    4:4:void com.example.Util.check(java.lang.Object):7 -> a",
      "    4:4:void bar(int,java.lang.String):23 -> a",
      "      # {\"id\":\"com.android.tools.r8.rewriteFrame\",\"conditions\":"
          + "[\"throws(Ljava/lang/NullPointerException;)\"],\"actions\":[\"removeInnerFrames(1)\"]}",
      "      # {\"id\":\"com.android.tools.r8.rewriteFrame\",\"conditions\":"
          + "[\"throws(Ljava/lang/IllegalStateException;)\",\"throws(Ljava/lang/IllegalStateException;)\"],"
          + "\"actions\":[\"removeInnerFrames(2)\"]}",
      "    5:9:void bar(int,java.lang.String):30:31 -> a",
      "    void noLines() -> b",
      "    6:6:void lambda$run$0():40:40 -> c",
      "      # {\"id\":\"com.android.tools.r8.synthesized\"}",
      "    7:7:java.util.List list(java.util.Map,int[],long):50 -> d",
      "    8:8:void noOriginalLines() -> e",
      "com.example.Outline -> b.a:",
      "# {\"id\":\"com.android.tools.r8.synthesized\"}",
      "    1:2:int outline():0:1 -> a",
      "      # {\"id\":\"com.android.tools.r8.outline\"}",
      "com.example.Caller -> b.b:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"Caller.java\"}",
      "    1:1:void call():10:10 -> a",
      "    2:2:int com.example.Outline.outline():0:0 -> a",
      "    2:2:void call():11 -> a",
      "    27:27:int call2(int):0:0 -> b",
      "      # {\"id\":\"com.android.tools.r8.outlineCallsite\",\"positions\":{\"1\":3,\"2\":4},"
          + "\"outline\":\"Lb/a;a()I\"}",
      "    3:3:int call2(int):12:12 -> b",
      "    4:4:int call2(int):13:13 -> b",
      "com.example.Empty -> b.c:",
      "com.example.Dup -> a.a:",
      "    void dup() -> a",
      "com.example.Foo -> z.z:",
      "    void other() -> a",
      "com.example.\u00dcn\u00efc\u00f6de$\u4e2d -> c.\u00e4:",
      "    1:1:void \u00fcber(java.lang.String):3:3 -> a",
      "com.example.Astral\uD83D\uDE00 -> c.b:",
      "com.example.Ascii -> c.\u007f:",
      "");

  private static final List<String> TRACES = List.of(
      "java.lang.NullPointerException: boom\n"
          + "\tat a.a.a(SourceFile:4)\n"
          + "\tat a.a.a(SourceFile:2)\n"
          + "\tat a.a.b(SourceFile)\n"
          + "\tat a.a.c(Unknown Source:6)\n"
          + "\tat a.a.d(SourceFile:7)\n"
          + "\tat a.a.a(SourceFile:100)\n"
          + "\tat c.\u00e4.a(SourceFile:1)\n"
          + "\tat z.z.a(SourceFile)\n"
          + "\tat q.q.q(SourceFile:1)\n",
      "java.lang.IllegalStateException: x\n"
          + "\tat a.a.a(SourceFile:4)\n"
          + "Caused by: b.a: y\n"
          + "\tat b.a.a(SourceFile:1)\n"
          + "\tat b.b.b(SourceFile:27)\n"
          + "\tat b.b.a(SourceFile:2)\n"
          + "\t... 3 more\n",
      "Exception in thread \"main\" a.a: message\n"
          + "\tat b.a.a(SourceFile:2)\n"
          + "\tat b.b.b(SourceFile:27)\n"
          + "\tat b.c.x(SourceFile:1)\n");

  private static ProguardMapping mapping() {
    return ProguardMapping.parse(MAPPING);
  }

  static byte[] cacheBytes(ProguardMapping mapping) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ProguardCache.write(mapping, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static final byte[] CACHE = cacheBytes(mapping());

  /** Every class name of the test mapping, obfuscated and original, and one unknown. */
  private static final List<String> NAMES = Stream.concat(
      mapping().classes().flatMap(c -> Stream.of(c.obfuscatedName(), c.originalName())),
      Stream.of("nope")).collect(Collectors.toList());

  private static ProguardCache cache(byte[] bytes) {
    return ProguardCache.of(ByteView.of(bytes));
  }

  // ---------------------------------------------------------------------------------------------
  // Round trip

  @Test
  void theTestMappingHasEveryField() {
    // Guards the round-trip tests below: they only prove something if the mapping has it all.
    List<MemberMapping> members = mapping().classes()
        .flatMap(c -> c.members().stream()).collect(Collectors.toList());
    assertThat(members).anyMatch(m -> !m.isMethod());
    assertThat(members).anyMatch(m -> m.originalClass().isPresent());
    assertThat(members).anyMatch(m -> m.residualSignature().isPresent());
    assertThat(members).anyMatch(MemberMapping::isSynthesized);
    assertThat(members).anyMatch(MemberMapping::isOutline);
    assertThat(members).anyMatch(MemberMapping::isOutlineCallsite);
    assertThat(members).anyMatch(m -> m.outlineTarget().isPresent());
    assertThat(members).anyMatch(m -> m.rewriteFrames().size() == 2);
    assertThat(members).anyMatch(m -> !m.hasMinifiedRange());
    assertThat(members).anyMatch(m -> m.hasMinifiedRange() && !m.hasOriginalRange());
    assertThat(mapping().classes()).anyMatch(ClassMapping::isSynthesized);
    assertThat(mapping().classes()).anyMatch(c -> c.sourceFile().isPresent());
  }

  @Test
  void everyClassReadsBackEqual() {
    ProguardMapping mapping = mapping();
    ProguardCache cache = cache(cacheBytes(mapping));
    assertSameAnswers(mapping, cache);
    assertThat(cache.classCount()).isEqualTo(mapping.classCount()).isEqualTo(9);
    assertThat(cache.classMapping("a.a").get().members())
        .isEqualTo(mapping.classMapping("a.a").get().members());
    assertThat(cache.remapMethod("b.b", "b").get(0).outlineCallsitePosition(2)).hasValue(4);
    assertThat(cache.remapMethod("a.a", "a").get(3).rewriteFrames().get(1).thrownDescriptors())
        .containsExactly("Ljava/lang/IllegalStateException;", "Ljava/lang/IllegalStateException;");
  }

  @Test
  void duplicateNamesGiveTheFirstClassAsTheMappingDoes() {
    ProguardCache cache = cache(CACHE);
    assertThat(cache.classMapping("a.a").get().originalName()).isEqualTo("com.example.Foo");
    assertThat(cache.classMappingByOriginalName("com.example.Foo").get().obfuscatedName())
        .isEqualTo("a.a");
    assertThat(cache.classMappingByOriginalName("com.example.Dup").get().obfuscatedName())
        .isEqualTo("a.a");
    assertThat(cache.classMappingByOriginalName("com.example.Dup").get().members())
        .extracting(MemberMapping::originalName).containsExactly("dup");
    assertThat(cache.classMapping("z.z").get().originalName()).isEqualTo("com.example.Foo");
  }

  @Provide
  Arbitrary<List<Tuple2<String, String>>> classNames() {
    // Names from two letters: many classes share an obfuscated or an original name, and hash
    // probe sequences collide.
    Arbitrary<String> name = Arbitraries.strings().withChars("ab.$").ofMinLength(1).ofMaxLength(4)
        .map(n -> "c" + n);
    return Combinators.combine(name, name).as(Tuple::of).list().ofMaxSize(60);
  }

  /**
   * Lookups by obfuscated name, original name and member name, and source files, give what the
   * text mapping gives, for every name the mapping has and some it does not.
   */
  @Property(tries = 300)
  void lookupsAgreeWithTheMapping(@ForAll("classNames") List<Tuple2<String, String>> classes) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < classes.size(); i++) {
      Tuple2<String, String> c = classes.get(i);
      text.append(c.get2()).append(" -> ").append(c.get1()).append(":\n");
      if (i % 3 == 0) {
        text.append("# {\"id\":\"sourceFile\",\"fileName\":\"F").append(i).append(".kt\"}\n");
      }
      for (int m = 0; m < i % 4; m++) {
        text.append("    ").append(m + 1).append(':').append(m + 1).append(":void m").append(i)
            .append('_').append(m).append("():").append(10 + m).append(" -> ")
            .append(m % 2 == 0 ? "a" : "b").append('\n');
      }
      text.append("    int f").append(i).append(" -> a\n");
    }
    ProguardMapping mapping = ProguardMapping.parse(text.toString());
    ProguardCache cache = cache(cacheBytes(mapping));
    List<String> names = new ArrayList<>(List.of("c", "cz", "x"));
    classes.forEach(c -> {
      names.add(c.get1());
      names.add(c.get2());
    });
    for (String name : names) {
      assertThat(cache.classMapping(name)).as(name).isEqualTo(mapping.classMapping(name));
      assertThat(cache.classMappingByOriginalName(name)).as(name)
          .isEqualTo(mapping.classMappingByOriginalName(name));
      assertThat(cache.sourceFile(name)).as(name).isEqualTo(mapping.sourceFile(name));
      for (String member : List.of("a", "b", "c")) {
        assertThat(cache.remapMethod(name, member)).isEqualTo(mapping.remapMethod(name, member));
        assertThat(cache.remapField(name, member)).isEqualTo(mapping.remapField(name, member));
      }
    }
  }

  @Test
  void headerReadsBack() {
    MappingHeader expected = mapping().header();
    MappingHeader header = cache(CACHE).header();
    assertThat(header.compiler()).isEqualTo(expected.compiler()).contains("R8");
    assertThat(header.compilerVersion()).isEqualTo(expected.compilerVersion()).contains("8.5.35");
    assertThat(header.minApi()).isEqualTo(expected.minApi()).contains("24");
    assertThat(header.mapVersion()).isEqualTo(expected.mapVersion()).contains("2.2");
    assertThat(header.pgMapId()).isEqualTo(expected.pgMapId()).contains("3d8c4c4");
    assertThat(header.pgMapHash()).isEqualTo(expected.pgMapHash());
    assertThat(header.supports(2, 2)).isTrue();

    ProguardCache bare = cache(cacheBytes(ProguardMapping.parse("a.B -> c:\n")));
    assertThat(bare.header().compiler()).isEmpty();
    assertThat(bare.header().mapVersion()).isEmpty();
    assertThat(bare.header().pgMapHash()).isEmpty();
    assertThat(bare.remapClass("c")).contains("a.B");
  }

  @Test
  void unknownAndOddNamesAreAbsent() {
    ProguardMapping mapping = mapping();
    ProguardCache cache = cache(CACHE);
    for (String name : new String[] {"", "a", "a.", "a.a.", "a.a\u0000", "zzz", "c.\u00e4x",
        "c.\uD800", "\uDE00", "c.?", "c.\u007f\u007f", "\uffff", null}) {
      assertThat(cache.classMapping(name)).as(name).isEqualTo(mapping.classMapping(name));
      assertThat(cache.classMappingByOriginalName(name)).as(name)
          .isEqualTo(mapping.classMappingByOriginalName(name));
    }
    assertThat(cache.remapClass("c.\u00e4")).contains("com.example.\u00dcn\u00efc\u00f6de$\u4e2d");
    assertThat(cache.remapClass("c.b")).contains("com.example.Astral\uD83D\uDE00");
  }

  @Test
  void emptyMapping() {
    ProguardCache cache = cache(cacheBytes(ProguardMapping.parse("")));
    assertThat(cache.classCount()).isZero();
    assertThat(cache.classMapping("a")).isEmpty();
    assertThat(cache.classMappingByOriginalName("a")).isEmpty();
  }

  @Test
  void retracesAsTheMappingDoes() {
    ProguardMapping mapping = mapping();
    ProguardCache cache = cache(CACHE);
    for (String trace : TRACES) {
      for (boolean verbose : new boolean[] {false, true}) {
        String expected = Retracer.of(mapping).verbose(verbose).retrace(trace);
        assertThat(Retracer.of(cache).verbose(verbose).retrace(trace)).isEqualTo(expected);
      }
    }
    String retraced = Retracer.of(cache).retrace(TRACES.get(0));
    assertThat(retraced).contains("com.example.Foo.bar(Foo.kt:23)");
    // The NullPointerException rule removed the inlined frame above the null check.
    assertThat(retraced).contains("com.example.Util.check(Util.java:7)")
        .doesNotContain("com.example.Util.inlined");
    assertThat(cache.remapFrame(StackFrame.of("a.a", "a", "SourceFile", 2)))
        .isEqualTo(mapping.remapFrame(StackFrame.of("a.a", "a", "SourceFile", 2)));
  }

  @Test
  void openMapsAFileAndWriteLeavesTheStreamOpen(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mapping.pgcache");
    AtomicBoolean closed = new AtomicBoolean();
    try (OutputStream raw = Files.newOutputStream(file)) {
      OutputStream out = new FilterOutputStream(raw) {
        @Override
        public void close() throws IOException {
          closed.set(true);
          super.close();
        }
      };
      ProguardCache.write(mapping(), out);
      assertThat(closed).isFalse();
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(CACHE);
    ProguardCache cache = ProguardCache.open(file);
    assertSameAnswers(mapping(), cache);
    assertThat(cache.toString()).contains("classes=9");
  }

  @Test
  void writingIsDeterministic() {
    assertThat(cacheBytes(mapping())).isEqualTo(CACHE);
  }

  @Test
  void concurrentLookupsAgree() {
    ProguardMapping mapping = mapping();
    ProguardCache cache = cache(CACHE);
    List<String> names = mapping.classes().map(ClassMapping::obfuscatedName)
        .collect(Collectors.toList());
    IntStream.range(0, 2000).parallel().forEach(i -> {
      String name = names.get(i % names.size());
      assertThat(cache.classMapping(name)).isEqualTo(mapping.classMapping(name));
    });
  }

  @Test
  void repetitiveMappingIsPaddedSoItReadsBack() {
    // 400 members referencing one 60,000-char argument list: far more text than bytes, which the
    // reader only accepts from a cache padded to match. Without the padding it must refuse once
    // the members are decoded (a class's members are decoded when a lookup first needs them).
    String arguments = "x".repeat(60_000);
    StringBuilder text = new StringBuilder("a.Big -> a:\n");
    for (int i = 0; i < 400; i++) {
      text.append("    ").append(i + 1).append(':').append(i + 1).append(":void m(")
          .append(arguments).append("):1:1 -> a\n");
    }
    ProguardMapping mapping = ProguardMapping.parse(text.toString());
    byte[] bytes = cacheBytes(mapping);
    ProguardCache cache = cache(bytes);
    assertThat(cache.classMapping("a")).isEqualTo(mapping.classMapping("a"));
    assertThat(cache.classMapping("a").get().members()).hasSize(400);

    long end = sectionEnd(bytes, ProguardCacheFormat.SECTION_RECORDS);
    assertThat(end).isLessThan(bytes.length);
    byte[] unpadded = Arrays.copyOf(bytes, (int) end);
    le(unpadded).putLong(ProguardCacheFormat.OFF_FILE_LENGTH, end);
    ProguardCache stripped = cache(unpadded);
    assertThatThrownBy(() -> stripped.classMapping("a").orElseThrow().members())
        .isInstanceOf(ParseException.class).hasMessageContaining("more text");
  }

  // ---------------------------------------------------------------------------------------------
  // Invalid caches

  @Test
  void rejectsWrongMagicAndVersion() {
    byte[] magic = CACHE.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> cache(magic)).isInstanceOf(ParseException.class)
        .hasMessageContaining("bad magic");
    assertThatThrownBy(() -> cache("# compiler: R8\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ParseException.class).hasMessageContaining("bad magic");
    assertThatThrownBy(() -> cache(new byte[0])).isInstanceOf(ParseException.class);

    byte[] version = CACHE.clone();
    le(version).putInt(ProguardCacheFormat.OFF_VERSION, ProguardCache.VERSION + 1);
    assertThatThrownBy(() -> cache(version)).isInstanceOf(ParseException.class)
        .hasMessageContaining("version " + (ProguardCache.VERSION + 1))
        .satisfies(e -> assertThat(((ParseException) e).offset())
            .isEqualTo(ProguardCacheFormat.OFF_VERSION));

    byte[] flags = CACHE.clone();
    flags[ProguardCacheFormat.OFF_FLAGS] = 1;
    assertThatThrownBy(() -> cache(flags)).isInstanceOf(ParseException.class)
        .hasMessageContaining("flags");
  }

  @Test
  void rejectsTruncatedAndExtendedFiles() {
    byte[] longer = Arrays.copyOf(CACHE, CACHE.length + 1);
    assertThatThrownBy(() -> cache(longer)).isInstanceOf(ParseException.class)
        .hasMessageContaining("truncated or appended");
  }

  @Test
  void everyTruncationFailsWithParseException() {
    for (int len = 0; len < CACHE.length; len++) {
      byte[] cut = Arrays.copyOf(CACHE, len);
      assertOnlyParseExceptions(cut, "truncated to " + len);
      // With the length field patched the sections themselves are checked.
      if (len >= ProguardCacheFormat.OFF_FILE_LENGTH + 8) {
        le(cut).putLong(ProguardCacheFormat.OFF_FILE_LENGTH, len);
        assertOnlyParseExceptions(cut, "truncated to " + len + ", length patched");
      }
    }
  }

  @Test
  void everyByteFlipFailsOnlyWithParseException() {
    for (int pos = 0; pos < CACHE.length; pos++) {
      // Low and high bit, all bits, and zero: small and large varints, counts, offsets.
      for (int mask : new int[] {0x01, 0x80, 0xFF}) {
        byte[] bytes = CACHE.clone();
        bytes[pos] ^= (byte) mask;
        assertOnlyParseExceptions(bytes, "byte " + pos + " ^ " + mask);
      }
      byte[] bytes = CACHE.clone();
      bytes[pos] = 0;
      assertOnlyParseExceptions(bytes, "byte " + pos + " = 0");
    }
  }

  @Test
  void overlappingStringsAndRecordsAreRejected() {
    // Point every string at all of string data and every class at all of the records: each is in
    // bounds on its own, but together they would make the reader decode the same bytes again and
    // again.
    byte[] bytes = CACHE.clone();
    ByteBuffer b = le(bytes);
    long endsAt = sectionOffset(bytes, ProguardCacheFormat.SECTION_STRING_ENDS);
    long dataLength = sectionLength(bytes, ProguardCacheFormat.SECTION_STRING_DATA);
    int strings = b.getInt(ProguardCacheFormat.OFF_STRING_COUNT);
    for (int i = 0; i < strings; i++) {
      b.putInt((int) endsAt + 4 * i, i % 2 == 0 ? (int) dataLength : 0);
    }
    List<ParseException> errors = new ArrayList<>();
    try {
      ProguardCache cache = cache(bytes);
      for (String name : List.of("a.a", "b.a", "b.b", "z.z", "c.\u00e4")) {
        try {
          cache.classMapping(name);
        } catch (ParseException e) {
          errors.add(e);
        }
      }
    } catch (ParseException e) {
      errors.add(e);
    }
    assertThat(errors).isNotEmpty();

    bytes = CACHE.clone();
    b = le(bytes);
    long classesAt = sectionOffset(bytes, ProguardCacheFormat.SECTION_CLASSES);
    int classes = b.getInt(ProguardCacheFormat.OFF_CLASS_COUNT);
    for (int i = 0; i < classes; i++) {
      b.putLong((int) classesAt + ProguardCacheFormat.CLASS_ENTRY_SIZE * i
          + ProguardCacheFormat.OFF_ENTRY_RECORD, 0);
    }
    ProguardCache cache = cache(bytes);
    // Every record but the last is now empty, the last is all of them.
    assertThatThrownBy(() -> cache.classMapping("a.a")).isInstanceOf(ParseException.class)
        .hasMessageContaining("ends early");
  }

  @Test
  void hugeCountsAreRejectedBeforeAllocating() {
    byte[] bytes = CACHE.clone();
    le(bytes).putInt(ProguardCacheFormat.OFF_CLASS_COUNT, -1);
    assertThatThrownBy(() -> cache(bytes)).isInstanceOf(ParseException.class)
        .hasMessageContaining("too many");
    byte[] strings = CACHE.clone();
    le(strings).putInt(ProguardCacheFormat.OFF_STRING_COUNT, 1 << 30);
    assertThatThrownBy(() -> cache(strings)).isInstanceOf(ParseException.class)
        .hasMessageContaining("string ends");

    // A class record claiming 2^32 members, in a file of a few hundred bytes.
    byte[] members = CACHE.clone();
    ByteBuffer b = le(members);
    int recordsAt = (int) sectionOffset(members, ProguardCacheFormat.SECTION_RECORDS);
    int first = (int) b.getLong((int) sectionOffset(members, ProguardCacheFormat.SECTION_CLASSES)
        + ProguardCacheFormat.OFF_ENTRY_RECORD);
    assertThat(first).isZero();
    // Record 0 is the class sorted first; overwrite its member count.
    b.putInt(recordsAt, -1);
    ProguardCache cache = cache(members);
    String firstName = mapping().classes().map(ClassMapping::obfuscatedName).sorted().findFirst()
        .get();
    assertThatThrownBy(() -> cache.classMapping(firstName)).isInstanceOf(ParseException.class)
        .hasMessageContaining("cannot fit");
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
  }

  @Property(tries = 2000)
  void nameKeysOrderNamesAsTheirBytes(@ForAll("names") byte[] x, @ForAll("names") byte[] y) {
    int byKeys = ProguardCacheFormat.compareNameKeys(
        ProguardCacheFormat.nameKey(x, 0, x.length), ProguardCacheFormat.nameKey(y, 0, y.length));
    int byBytes = Integer.signum(Arrays.compareUnsigned(x, y));
    if (byKeys == ProguardCacheFormat.KEYS_UNDECIDED) {
      // Only two names longer than three bytes, alike in their first three, are left undecided.
      assertThat(Math.min(x.length, y.length)).isGreaterThan(3);
      assertThat(Arrays.equals(x, 0, 3, y, 0, 3)).isTrue();
    } else {
      assertThat(byKeys).isEqualTo(byBytes);
    }
  }

  /** Names over a few byte values (NUL and 0xFF included), so that many share a prefix. */
  @Provide
  Arbitrary<byte[]> names() {
    Arbitrary<byte[]> shortNames = Arbitraries.of((byte) 0, (byte) 'a', (byte) 'b', (byte) 0xFF)
        .array(byte[].class).ofMaxSize(6);
    Arbitrary<byte[]> longNames = Arbitraries.of((byte) 'a', (byte) 'b').array(byte[].class)
        .ofMinSize(250).ofMaxSize(300);
    return Arbitraries.frequencyOf(Tuple.of(9, shortNames), Tuple.of(1, longNames));
  }

  @Property(tries = 500)
  void randomBytesOnlyThrowParseException(@ForAll("anyBytes") byte[] bytes) {
    assertOnlyParseExceptions(bytes, "random");
    // The same behind a valid magic, version and length, so the section checks are reached.
    byte[] framed = Arrays.copyOf(CACHE, Math.max(ProguardCacheFormat.HEADER_SIZE, bytes.length));
    System.arraycopy(bytes, 0, framed, ProguardCacheFormat.OFF_FLAGS,
        Math.min(bytes.length, framed.length - ProguardCacheFormat.OFF_FLAGS));
    le(framed).putInt(ProguardCacheFormat.OFF_FLAGS, 0);
    le(framed).putLong(ProguardCacheFormat.OFF_FILE_LENGTH, framed.length);
    assertOnlyParseExceptions(framed, "random behind a header");
  }

  @Provide
  Arbitrary<List<Tuple2<Integer, Byte>>> edits() {
    return Combinators.combine(Arbitraries.integers().between(0, CACHE.length - 1),
        Arbitraries.bytes()).as(Tuple::of).list().ofMinSize(1).ofMaxSize(12);
  }

  // Edge cases off: they alone would fill the tries with edits at the first and last byte.
  @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
  void randomEditsOfAValidCacheOnlyThrowParseException(
      @ForAll("edits") List<Tuple2<Integer, Byte>> edits) {
    byte[] bytes = CACHE.clone();
    for (Tuple2<Integer, Byte> edit : edits) {
      bytes[edit.get1()] = edit.get2();
    }
    assertOnlyParseExceptions(bytes, "edits " + edits);
  }

  /** Opens the bytes and exercises every lookup; anything but a ParseException fails the test. */
  private static void assertOnlyParseExceptions(byte[] bytes, String what) {
    ProguardCache cache;
    try {
      cache = cache(bytes);
    } catch (ParseException e) {
      assertThat(e.reason()).isNotBlank();
      return;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": open threw " + e, e);
    }
    for (String name : NAMES) {
      exercise(what, () -> cache.classMapping(name).ifPresent(ProguardCacheTest::touch));
      exercise(what, () -> cache.classMappingByOriginalName(name)
          .ifPresent(ProguardCacheTest::touch));
    }
    for (String trace : TRACES) {
      exercise(what, () -> Retracer.of(cache).retrace(trace));
    }
    exercise(what, () -> Retracer.of(cache).verbose(true).retrace(TRACES.get(0)));
    exercise(what, () -> cache.header().toString());
  }

  private static void touch(ClassMapping cls) {
    cls.toString();
    cls.hashCode();
    for (MemberMapping m : cls.members()) {
      m.toString();
      m.signature();
      m.hashCode();
      m.outlineCallsitePosition(1);
      m.rewriteFrames().forEach(r -> r.matches("java.lang.NullPointerException"));
    }
  }

  private static void exercise(String what, Runnable lookup) {
    try {
      lookup.run();
    } catch (ParseException e) {
      assertThat(e.reason()).isNotBlank();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": lookup threw " + e, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Corpus

  @Test
  void everyCorpusMappingReadsBackEqual(@TempDir Path dir) throws IOException {
    Path corpus = Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"));
    Path r8 = corpus.resolve("proguard/mappings/r8/mapping.txt");
    if (!Files.exists(r8)) {
      Assumptions.assumeTrue(false, "corpus not found at " + corpus.toAbsolutePath()
          + ": skipping");
    }
    Path proguard = corpus.resolve("proguard");
    List<Path> mappings = new ArrayList<>();
    mappings.addAll(glob(proguard.resolve("mappings"), "*", "mapping.txt"));
    mappings.addAll(glob(proguard, "upstream-fixtures", "*.txt"));
    mappings.addAll(glob(proguard.resolve("upstream-fixtures"), "with-version-header", "*.txt"));
    assertThat(mappings).contains(r8).hasSizeGreaterThan(10);
    int n = 0;
    for (Path text : mappings) {
      ProguardMapping mapping = ProguardMapping.open(text);
      Path file = dir.resolve("cache-" + n++);
      try (OutputStream out = Files.newOutputStream(file)) {
        ProguardCache.write(mapping, out);
      }
      ProguardCache cache = ProguardCache.open(file);
      assertThat(cache.classCount()).as(text.toString()).isEqualTo(mapping.classCount());
      assertSameAnswers(mapping, cache);
    }

    // Every trace of the corpus retraces the same through the cache.
    for (String tool : List.of("r8", "proguard")) {
      ProguardMapping mapping = ProguardMapping.open(proguard.resolve("mappings/" + tool
          + "/mapping.txt"));
      ProguardCache cache = cache(cacheBytes(mapping));
      for (Path trace : glob(proguard.resolve("traces"), tool, "*.txt")) {
        String t = Files.readString(trace);
        assertThat(Retracer.of(cache).retrace(t)).as(trace.toString())
            .isEqualTo(Retracer.of(mapping).retrace(t));
        assertThat(Retracer.of(cache).verbose(true).retrace(t)).as(trace.toString())
            .isEqualTo(Retracer.of(mapping).verbose(true).retrace(t));
      }
    }
  }

  /** Files matching {@code glob} in the directories matching {@code dirGlob} under {@code root}. */
  private static List<Path> glob(Path root, String dirGlob, String glob) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, dirGlob)) {
      for (Path d : dirs) {
        if (!Files.isDirectory(d)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d, glob)) {
          for (Path f : files) {
            if (Files.isRegularFile(f)) {
              out.add(f);
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Every class, by obfuscated and by original name, gives what the mapping gives. */
  private static void assertSameAnswers(ProguardMapping mapping, ProguardCache cache) {
    mapping.classes().forEach(c -> {
      Optional<ClassMapping> expected = mapping.classMapping(c.obfuscatedName());
      assertThat(cache.classMapping(c.obfuscatedName())).as(c.obfuscatedName())
          .isEqualTo(expected);
      assertThat(cache.classMappingByOriginalName(c.originalName())).as(c.originalName())
          .isEqualTo(mapping.classMappingByOriginalName(c.originalName()));
      ClassMapping got = cache.classMapping(c.obfuscatedName()).get();
      assertThat(got.sourceFile()).isEqualTo(expected.get().sourceFile());
      assertThat(got.isSynthesized()).isEqualTo(expected.get().isSynthesized());
      for (int i = 0; i < got.members().size(); i++) {
        MemberMapping m = got.members().get(i);
        MemberMapping e = expected.get().members().get(i);
        assertThat(m).isEqualTo(e);
        assertThat(m.toString()).isEqualTo(e.toString());
        assertThat(m.outlineTarget()).isEqualTo(e.outlineTarget());
        assertThat(cache.classMapping(c.obfuscatedName()).get().isSynthesizedMember(m))
            .isEqualTo(expected.get().isSynthesizedMember(e));
      }
    });
  }

  private static ByteBuffer le(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long sectionOffset(byte[] bytes, int section) {
    return le(bytes).getLong(ProguardCacheFormat.OFF_SECTIONS + 16 * section);
  }

  private static long sectionLength(byte[] bytes, int section) {
    return le(bytes).getLong(ProguardCacheFormat.OFF_SECTIONS + 16 * section + 8);
  }

  private static long sectionEnd(byte[] bytes, int section) {
    return sectionOffset(bytes, section) + sectionLength(bytes, section);
  }
}
