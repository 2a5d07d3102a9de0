package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import dev.symbolic.proguard.ClassMapping;
import dev.symbolic.proguard.ProguardCache;
import dev.symbolic.proguard.ProguardMapping;
import dev.symbolic.proguard.Retracer;
import dev.symbolic.proguard.StackFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Fuzzes the binary cache reader, and the writer against the text mapping.
 *
 * <p>{@link #open}: any bytes as a cache. Opening and every lookup may reject them with a
 * {@link ParseException}, and with nothing else. The seeds in
 * {@code ProguardCacheFuzzTestInputs/open/} are valid caches written by
 * {@link ProguardCache#write} (regenerate them with {@code SeedGenerator} in this package when
 * the format version changes).
 *
 * <p>{@link #roundTrip}: any bytes as a text mapping; its cache must give the same answers as
 * the mapping, as {@link ProguardCache} promises. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest='ProguardCacheFuzzTest#open'
 * </pre>
 */
class ProguardCacheFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void open(byte[] data) {
    ProguardCache cache;
    try {
      cache = ProguardCache.of(ByteView.of(data));
      if (cache.classCount() < 0) {
        throw new AssertionError("negative class count");
      }
      Exercise.lookups(cache, List.of(), false);
      Exercise.retrace(cache, Exercise.KNOWN_NAMES);
    } catch (ParseException expected) {
      // A corrupt cache is rejected; that is the contract.
    }
  }

  @FuzzTest(maxDuration = "5m")
  void roundTrip(byte[] data) {
    ProguardMapping mapping = ProguardMapping.parse(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ProguardCache.write(mapping, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProguardCache cache = ProguardCache.of(ByteView.of(out.toByteArray()));
    check(cache.classCount() == mapping.classCount(), "class count");
    check(cache.header().toString().equals(mapping.header().toString()), "header");
    List<ClassMapping> classes = mapping.classes().limit(64).collect(Collectors.toList());
    for (ClassMapping cls : classes) {
      String name = cls.obfuscatedName();
      check(cache.classMapping(name).equals(mapping.classMapping(name)), "class " + name);
      check(cache.classMappingByOriginalName(cls.originalName())
          .equals(mapping.classMappingByOriginalName(cls.originalName())),
          "class by original name " + cls.originalName());
      for (int line = 0; line < 8; line++) {
        StackFrame frame = StackFrame.of(name, cls.members().isEmpty() ? "a"
            : cls.members().get(line % cls.members().size()).obfuscatedName(), "SourceFile", line);
        check(Objects.equals(cache.remapFrame(frame), mapping.remapFrame(frame)),
            "frame " + frame);
      }
    }
    List<String> names = Exercise.names(classes);
    StringBuilder trace = new StringBuilder(Exercise.TRACE);
    for (String name : names) {
      trace.append("\tat ").append(name).append(".a(SourceFile:1)\n");
    }
    String text = trace.toString();
    check(Retracer.of(cache).retrace(text).equals(Retracer.of(mapping).retrace(text)),
        "retraced trace");
    check(Retracer.of(cache).verbose(true).retrace(text)
        .equals(Retracer.of(mapping).verbose(true).retrace(text)), "verbose retraced trace");
  }

  private static void check(boolean same, String what) {
    if (!same) {
      throw new AssertionError("the cache and the mapping differ: " + what);
    }
  }
}
