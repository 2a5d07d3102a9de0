package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.proguard.ClassMapping;
import dev.symbolic.proguard.ProguardMapping;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Fuzzes the mapping parser: any bytes must parse (broken lines are counted, never thrown), and
 * every lookup and retrace on the result must complete. Any exception is a finding.
 *
 * <p>{@code ./mvnw verify} runs the seeds in {@code ProguardMappingFuzzTestInputs/parse/} only
 * (regression mode). A real fuzzing session, which adds what it finds to
 * {@code fuzz/.cifuzz-corpus/}, stops at the first finding and writes the crashing input into the
 * seed directory:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest=ProguardMappingFuzzTest
 * </pre>
 *
 * <p>A session lasts {@code maxDuration} (5 minutes). jazzer-junit 0.24.0 takes the duration
 * from the annotation only: {@code -Djazzer.max_duration=...} is accepted but has no effect. To
 * fuzz for another time, pass libFuzzer's own flag, which Jazzer appends last so that it wins:
 * {@code -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=SECONDS} (the first
 * argument is libFuzzer's argv[0] and is ignored).
 */
class ProguardMappingFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void parse(byte[] data) {
    ProguardMapping mapping = ProguardMapping.parse(data);
    List<ClassMapping> classes = mapping.classes().collect(Collectors.toList());
    if (classes.size() != mapping.classCount()) {
      throw new AssertionError(classes.size() + " classes listed, " + mapping.classCount()
          + " counted");
    }
    for (ClassMapping cls : classes) {
      cls.members().size();
    }
    if (mapping.brokenLineCount() < 0) {
      throw new AssertionError("negative broken line count");
    }
    UUID uuid = mapping.uuid();
    if (uuid.version() != 5 || !uuid.equals(ProguardMapping.parse(data).uuid())) {
      throw new AssertionError("bad or unstable UUID " + uuid);
    }
    mapping.isR8();
    List<String> names = Exercise.names(classes);
    Exercise.lookups(mapping, names, true);
    Exercise.retrace(mapping, names);
  }
}
