package dev.symbolic.demangle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Differential fuzzing of the one-pass Itanium printer: wherever it answers, its answer must be
 * the full parser's, with complete and with name-only options. In this package to reach both
 * (the fuzz tests run on the class path). Seeds:
 * {@code ItaniumFastPathFuzzTestInputs/matchesFullParser/}. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest=ItaniumFastPathFuzzTest
 * </pre>
 */
class ItaniumFastPathFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void matchesFullParser(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    String name = text.startsWith("_Z") ? text : "_Z" + text;
    for (DemangleOptions options : new DemangleOptions[] {
        DemangleOptions.complete(), DemangleOptions.nameOnly()}) {
      String fast = ItaniumFastPath.demangle(name, options.parameters());
      if (fast != null) {
        String full = ItaniumDemangler.parse(name, options).orElse(null);
        if (!Objects.equals(fast, full)) {
          throw new AssertionError("one-pass printer and full parser differ on " + name
              + " (" + options + "):\n  " + fast + "\n  " + full);
        }
      }
    }
  }
}
