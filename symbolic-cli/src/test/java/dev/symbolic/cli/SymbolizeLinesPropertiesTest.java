package dev.symbolic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Input lines without {@code --obj}, built from the pieces llvm's parseCommand looks at
 * (commands, {@code FILE:}/{@code BUILDID:} prefixes, quotes, spaces, tabs, numbers, symbol
 * names, modules that do not exist or are directories): every line gets an answer and at most
 * an error message, never an exception.
 */
class SymbolizeLinesPropertiesTest {
  private static final List<String> PIECES = List.of(
      "CODE ", "DATA ", "FRAME ", "FILE:", "BUILDID:", "\"", "'", " ", "  ", "\t", "0x10",
      "0x", "12z", "017", "0b101", "main", "main+4", "+", "/nonexistent", "/", "ab12",
      "zz", "\u00e9", "\\");

  @Property(tries = 300)
  void everyLineIsAnswered(@ForAll("lines") List<String> lines, @ForAll("styles") String style) {
    String stdin = String.join("\n", lines) + "\n";
    CliRun.Result r = CliRun.withInput(stdin, "symbolize", "--output-style=" + style);
    assertThat(r.code()).as(stdin).isZero();
    for (String err : r.err().lines().toList()) {
      assertThat(err).as(stdin).startsWith("symbolic: error: '");
    }
    if (style.equals("JSON")) {
      assertThat(r.out().lines().count()).as(stdin).isEqualTo(lines.size());
    }
  }

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> line = Arbitraries.of(PIECES).list().ofMaxSize(6)
        .map(parts -> String.join("", parts));
    return line.list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> styles() {
    return Arbitraries.of("LLVM", "GNU", "JSON");
  }
}
