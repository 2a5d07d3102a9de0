package dev.symbolic.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written frame recognizer agrees with R8's expression on every line it accepts. */
class StackTraceLineTest {

  @Property(tries = 20_000)
  void fastPathAgreesWithTheExpression(@ForAll("frameLike") String line) {
    assertThat(StackTraceLine.parse(line).spans())
        .as(line)
        .containsExactly(StackTraceLine.parseWithExpression(line).spans());
  }

  @Provide
  Arbitrary<String> frameLike() {
    Arbitrary<String> space = Arbitraries.of("", " ", "\t", "  ", "\t\t", "\u00a0", "x ");
    Arbitrary<String> at = Arbitraries.of("at", "at", "at", "At", "a", "bat", "at:");
    Arbitrary<String> gap = Arbitraries.of(" ", "\t", "", "  ");
    Arbitrary<String> name = Arbitraries.strings().withChars("ab1./$-_é<>:;[]").ofMinLength(0)
        .ofMaxLength(12);
    Arbitrary<String> cls = Arbitraries.oneOf(name,
        Arbitraries.of("a.b", "com.Foo", "java.base/a.b", "orders//a.b", "a.1b", "1a.b", "a..b"));
    Arbitrary<String> method = Arbitraries.oneOf(name,
        Arbitraries.of("c", "<init>", "<clinit>", "1c", "c.d", ""));
    Arbitrary<String> open = Arbitraries.of("(", " (", "", "((");
    Arbitrary<String> content = Arbitraries.oneOf(
        Arbitraries.strings().withChars("SourceFil.java:0123 )(\u2028").ofMaxLength(16),
        Arbitraries.of("SourceFile:12", "Unknown Source", "", ":", "a:", "Foo.kt:0", "Native Method"));
    Arbitrary<String> tail = Arbitraries.of(")", ")", ") ", ")\u00a0", ")\t", ") ~[x.jar:1]", "", "))");
    return Combinators.combine(space, at, gap, cls, method, open, content, tail)
        .as((s, a, g, c, m, o, x, t) -> s + a + g + c + "." + m + o + x + t);
  }

  @Test
  void splitsFileAndLineAsR8() {
    StackTraceLine line = StackTraceLine.parse("\tat a.b(Foo.java:12)");
    assertThat(line.className()).isEqualTo("a");
    assertThat(line.methodName()).isEqualTo("b");
    assertThat(line.fileName()).isEqualTo("Foo.java");
    assertThat(line.lineText()).isEqualTo(":12");
    assertThat(line.lineNumber()).isEqualTo(12);
    StackTraceLine noLine = StackTraceLine.parse("\tat a.b(Native Method)");
    assertThat(noLine.fileName()).isEqualTo("Native Method");
    assertThat(noLine.lineNumber()).isEqualTo(StackTraceLine.NONE);
    assertThat(StackTraceLine.parse("\tat java.base/java.lang.Thread.run(Thread.java:833)")
        .className()).isEqualTo("java.lang.Thread");
    // R8 takes the last name that reaches the end of the line or a colon, even in the message.
    assertThat(StackTraceLine.parse("Caused by: a.b: c").className()).isEqualTo("c");
    assertThat(StackTraceLine.parse("Caused by: a.b: c d").className()).isEqualTo("a.b");
    assertThat(StackTraceLine.parse("\t... 3 more").hasClass()).isFalse();
  }
}
