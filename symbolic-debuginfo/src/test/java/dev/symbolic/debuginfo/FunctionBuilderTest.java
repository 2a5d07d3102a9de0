package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.Name;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How {@link FunctionBuilder} nests inlinees and places line records. */
class FunctionBuilderTest {
  private static FileInfo file(String name) {
    return new FileInfo(name, "");
  }

  private static List<String> lines(Function f) {
    return f.lines().stream()
        .map(l -> String.format("%x+%x %s:%d", l.address(), l.size().orElse(-1), l.file().name(),
            l.line()))
        .collect(Collectors.toList());
  }

  @Test
  void plainFunctionKeepsItsLines() {
    FunctionBuilder b = new FunctionBuilder(Name.of("foo"), "/src", 0x10, 0x30);
    b.addLine(0x20, OptionalLong.of(0x20), file("foo.c"), 2);
    b.addLine(0x10, OptionalLong.of(0x10), file("foo.c"), 1);
    Function f = b.finish();
    assertThat(f.compilationDir()).isEqualTo("/src");
    assertThat(f.inline()).isFalse();
    assertThat(lines(f)).containsExactly("10+10 foo.c:1", "20+20 foo.c:2");
  }

  @Test
  void inlineeGetsItsLinesAndTheCallerAGetsCallSite() {
    FunctionBuilder b = new FunctionBuilder(Name.of("foo"), "", 0x10, 0x30);
    b.addInlinee(0, Name.of("bar"), 0x20, 0x20, file("foo.c"), 2);
    b.addLine(0x10, OptionalLong.of(0x10), file("foo.c"), 1);
    b.addLine(0x20, OptionalLong.of(0x20), file("bar.c"), 1);
    Function f = b.finish();
    assertThat(lines(f)).containsExactly("10+10 foo.c:1", "20+20 foo.c:2");
    assertThat(f.inlinees()).hasSize(1);
    Function bar = f.inlinees().get(0);
    assertThat(bar.inline()).isTrue();
    assertThat(bar.name().text()).isEqualTo("bar");
    assertThat(lines(bar)).containsExactly("20+20 bar.c:1");
  }

  /** One record spans two inlined call sites of the same code; it is split between them. */
  @Test
  void recordLongerThanInlineeIsSplit() {
    FunctionBuilder b = new FunctionBuilder(Name.of("parent"), "", 0x10, 0x40);
    b.addInlinee(0, Name.of("child1"), 0x20, 0x10, file("parent.c"), 1);
    b.addInlinee(1, Name.of("child2"), 0x20, 0x10, file("child1.c"), 1);
    b.addInlinee(0, Name.of("child2"), 0x30, 0x10, file("parent.c"), 2);
    b.addLine(0x10, OptionalLong.of(0x10), file("parent.c"), 1);
    b.addLine(0x20, OptionalLong.of(0x20), file("child2.c"), 1);
    b.addLine(0x40, OptionalLong.of(0x10), file("parent.c"), 1);
    Function f = b.finish();
    assertThat(lines(f)).containsExactly(
        "10+10 parent.c:1", "20+10 parent.c:1", "30+10 parent.c:2", "40+10 parent.c:1");
    assertThat(f.inlinees()).extracting(g -> g.name().text()).containsExactly("child1", "child2");
    Function child1 = f.inlinees().get(0);
    assertThat(lines(child1)).containsExactly("20+10 child1.c:1");
    assertThat(lines(child1.inlinees().get(0))).containsExactly("20+10 child2.c:1");
    assertThat(lines(f.inlinees().get(1))).containsExactly("30+10 child2.c:1");
  }

  @Test
  void remainderPastTheOuterFunctionIsDropped() {
    FunctionBuilder b = new FunctionBuilder(Name.of("f"), "", 0x10, 0x10);
    b.addInlinee(0, Name.of("g"), 0x18, 0x8, file("f.c"), 3);
    b.addLine(0x18, OptionalLong.of(0x10), file("g.c"), 7);
    Function f = b.finish();
    assertThat(lines(f)).containsExactly("18+8 f.c:3");
    assertThat(lines(f.inlinees().get(0))).containsExactly("18+8 g.c:7");
  }

  @Test
  void recordsWithoutSizeAreNeverSplit() {
    FunctionBuilder b = new FunctionBuilder(Name.of("f"), "", 0x10, 0x20);
    b.addInlinee(0, Name.of("g"), 0x10, 0x8, file("f.c"), 3);
    b.addLine(0x10, OptionalLong.empty(), file("g.c"), 7);
    Function f = b.finish();
    assertThat(lines(f.inlinees().get(0))).containsExactly("10+ffffffffffffffff g.c:7");
  }

  @Test
  void siblingInlineesAtTheSameDepthCloseEachOther() {
    FunctionBuilder b = new FunctionBuilder(Name.of("f"), "", 0, 0x30);
    b.addInlinee(0, Name.of("a"), 0x0, 0x30, file("f.c"), 1);
    b.addInlinee(1, Name.of("b"), 0x0, 0x10, file("a.c"), 2);
    b.addInlinee(1, Name.of("c"), 0x10, 0x10, file("a.c"), 3);
    Function f = b.finish();
    Function a = f.inlinees().get(0);
    assertThat(a.inlinees()).extracting(g -> g.name().text()).containsExactly("b", "c");
    assertThat(lines(a)).containsExactly("0+10 a.c:2", "10+10 a.c:3");
  }

  /** Depths from hostile input (negative, huge, skipping levels) never unbalance the stack. */
  @Test
  void hostileDepths() {
    FunctionBuilder b = new FunctionBuilder(Name.of("f"), "", 0, 0x30);
    b.addInlinee(Integer.MAX_VALUE, Name.of("a"), 0x0, 0x10, file("f.c"), 1);
    b.addInlinee(-5, Name.of("b"), 0x10, 0x10, file("f.c"), 2);
    b.addInlinee(7, Name.of("c"), 0x10, 0x8, file("f.c"), 3);
    Function f = b.finish();
    assertThat(f.inlinees()).extracting(g -> g.name().text()).containsExactly("a", "b");
  }
}
