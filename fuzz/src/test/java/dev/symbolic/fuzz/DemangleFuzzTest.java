package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.Language;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzzes each demangler: the input, decoded as UTF-8, is demangled with complete and with
 * name-only options. Demanglers never throw and bound their output, so an exception, a result
 * over the bound or an empty text is a finding; a hang is one too (Jazzer reports slow inputs
 * while fuzzing). Seeds: {@code DemangleFuzzTestInputs/<method>/}. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest=DemangleFuzzTest#itanium
 * </pre>
 */
class DemangleFuzzTest {
  private static final int MAX_OUTPUT = 1 << 20;

  @FuzzTest(maxDuration = "5m")
  void itanium(byte[] data) {
    run(data, Language.CPP, "_Z");
  }

  @FuzzTest(maxDuration = "5m")
  void msvc(byte[] data) {
    run(data, Language.CPP, "?");
  }

  @FuzzTest(maxDuration = "5m")
  void rust(byte[] data) {
    run(data, Language.RUST, "");
  }

  @FuzzTest(maxDuration = "5m")
  void swift(byte[] data) {
    run(data, Language.SWIFT, "");
  }

  /** Detection and dispatch, as the command line uses them. */
  @FuzzTest(maxDuration = "5m")
  void detect(byte[] data) {
    String name = new String(data, StandardCharsets.UTF_8);
    Demangler.detectLanguage(name);
    check(Demangler.demangle(name));
    check(Demangler.demangle(name, DemangleOptions.nameOnly()));
  }

  /**
   * Demangles {@code prefix} + input, so that the fuzzer spends its time inside the scheme
   * instead of finding its prefix.
   */
  private static void run(byte[] data, Language language, String prefix) {
    String text = new String(data, StandardCharsets.UTF_8);
    String name = text.startsWith(prefix) ? text : prefix + text;
    check(Demangler.demangle(name, language, DemangleOptions.complete()));
    check(Demangler.demangle(name, language, DemangleOptions.nameOnly()));
    check(Demangler.demangle(name, language, DemangleOptions.complete().rustHash(false)));
  }

  private static void check(Optional<String> result) {
    result.ifPresent(text -> {
      if (text.isEmpty() || text.length() > MAX_OUTPUT) {
        throw new AssertionError("demangled text of " + text.length() + " chars");
      }
    });
  }
}
