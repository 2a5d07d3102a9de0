package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class BreakpadPropertiesTest {
  static final String HEADER = "MODULE Linux x86_64 5A5F32914295A4FA22B591670A49FBEF0 x.so\n";

  /** Exercises every accessor; only DebugInfoException may escape, and only from parse. */
  static void exercise(byte[] bytes) {
    BreakpadSymbols s;
    try {
      s = BreakpadSymbols.parse(ByteView.of(bytes));
    } catch (DebugInfoException e) {
      return;
    }
    s.functions().forEach(f -> s.symbolize(f.address()));
    s.publics();
    s.files();
    s.inlineOrigins();
    s.cfi().forEach(c -> c.rulesAt(c.address()));
    s.win();
    for (long a : new long[] {0, 1, 0x1000, -1, Long.MIN_VALUE}) {
      s.symbolize(a);
      s.cfiFor(a);
      s.winFor(a);
    }
    assertThat(s.brokenLineCount()).isNotNegative();
  }

  @Property(tries = 500)
  void randomBytesNeverThrowUnexpectedly(@ForAll @Size(max = 300) byte[] bytes) {
    exercise(bytes);
  }

  @Provide
  Arbitrary<String> symLines() {
    Arbitrary<String> word = Arbitraries.strings().withChars("0123456789abcdefABCDEFm -\r\t\u00ff$.:^+").ofMaxLength(12);
    Arbitrary<String> kw =
        Arbitraries.of(
            "FUNC ", "FUNC m ", "PUBLIC ", "FILE ", "INLINE ", "INLINE_ORIGIN ", "STACK CFI INIT ",
            "STACK CFI ", "STACK WIN ", "INFO CODE_ID ", "INFO ", "MODULE ", "", "ffffffffffffffffff ");
    Arbitrary<String> line =
        Combinators.combine(kw, word.list().ofMaxSize(14)).as((k, ws) -> k + String.join(" ", ws));
    return line.list().ofMaxSize(40).map(ls -> HEADER + String.join("\n", ls));
  }

  @Property(tries = 1000)
  void structuredJunkNeverThrows(@ForAll("symLines") String text) {
    exercise(text.getBytes(StandardCharsets.UTF_8));
  }

  record Fn(long address, long size, String name, List<BreakpadLine> lines) {}

  @Provide
  Arbitrary<List<Fn>> functionsArb() {
    Arbitrary<BreakpadLine> line =
        Combinators.combine(
                Arbitraries.longs(),
                Arbitraries.longs().between(0, 0xffffffffL),
                Arbitraries.longs().between(-5, 1_000_000),
                Arbitraries.longs().between(0, 1000))
            .as(BreakpadLine::new);
    Arbitrary<Fn> fn =
        Combinators.combine(
                Arbitraries.longs(),
                Arbitraries.longs(),
                Arbitraries.strings().withChars("abcXYZ_:<>() ,*&~").ofMinLength(1).ofMaxLength(30)
                    .filter(n -> !n.startsWith(" ") && !n.endsWith(" ")),
                line.list().ofMaxSize(8))
            .as(Fn::new);
    return fn.list().ofMaxSize(20);
  }

  @Property(tries = 300)
  void generatedFunctionsRoundTrip(@ForAll("functionsArb") List<Fn> fns, @ForAll boolean crlf) {
    StringBuilder sb = new StringBuilder(HEADER);
    for (Fn f : fns) {
      sb.append(String.format("FUNC %x %x 0 %s%n", f.address(), f.size(), f.name()));
      for (BreakpadLine l : f.lines()) {
        sb.append(String.format("%x %x %d %d%n", l.address(), l.size(), l.line(), l.file()));
      }
    }
    String text = sb.toString().replace(System.lineSeparator(), crlf ? "\r\n" : "\n");
    BreakpadSymbols s = BreakpadSymbols.parse(ByteView.of(text.getBytes(StandardCharsets.UTF_8)));
    List<Fn> back =
        s.functions()
            .map(f -> new Fn(f.address(), f.size(), f.name(), f.lines()))
            .collect(Collectors.toList());
    assertThat(back).isEqualTo(new ArrayList<>(fns));
    assertThat(s.brokenLineCount()).isZero();
  }
}
