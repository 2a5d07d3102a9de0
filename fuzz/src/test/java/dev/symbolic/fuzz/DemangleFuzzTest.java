package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.Language;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzzes every demangler: the input is decoded as UTF-8 and demangled as each language and with
 * detection, with complete and name-only options. Demanglers never throw, so any exception is a
 * finding, and so is a result over the output bound or one that is empty text. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest=DemangleFuzzTest
 * </pre>
 */
class DemangleFuzzTest {
  private static final int MAX_OUTPUT = 1 << 20;
  private static final Language[] LANGUAGES = {
      Language.UNKNOWN, Language.CPP, Language.RUST, Language.SWIFT, Language.OBJC};

  @FuzzTest(maxDuration = "5m")
  void demangle(byte[] data) {
    String name = new String(data, StandardCharsets.UTF_8);
    for (Language language : LANGUAGES) {
      check(Demangler.demangle(name, language, DemangleOptions.complete()));
      check(Demangler.demangle(name, language, DemangleOptions.nameOnly()));
    }
    Demangler.detectLanguage(name);
  }

  private static void check(Optional<String> result) {
    result.ifPresent(text -> {
      if (text.isEmpty() || text.length() > MAX_OUTPUT) {
        throw new AssertionError("demangled text of " + text.length() + " chars");
      }
    });
  }
}
