package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the function trees {@link FunctionBuilder} makes from arbitrary records. */
class FunctionBuilderPropertiesTest {
  private record In(int depth, long address, long size) {}

  @Provide
  Arbitrary<List<In>> inlinees() {
    return Combinators.combine(Arbitraries.integers().between(-2, 6),
            Arbitraries.longs().between(0, 120), Arbitraries.longs().between(1, 40))
        .as(In::new).list().ofMaxSize(20);
  }

  /** Line-table rows: distinct addresses, each row running to the next (the last, unsized). */
  @Provide
  Arbitrary<Set<Long>> rows() {
    return Arbitraries.longs().between(0, 130).set().ofMaxSize(30);
  }

  @Property(tries = 500)
  void treesAreSortedAndNested(@ForAll("inlinees") List<In> inlinees,
      @ForAll("rows") Set<Long> rows) {
    FunctionBuilder b = new FunctionBuilder(Name.of("outer"), "", 0, 128);
    FileInfo file = new FileInfo("f.c", "");
    for (In in : inlinees) {
      b.addInlinee(in.depth(), Name.of("i"), in.address(), in.size(), file, 1);
    }
    List<Long> sorted = new ArrayList<>(new TreeSet<>(rows));
    for (int i = 0; i < sorted.size(); i++) {
      long a = sorted.get(i);
      b.addLine(a, i + 1 < sorted.size() ? OptionalLong.of(sorted.get(i + 1) - a)
          : OptionalLong.empty(), file, 2);
    }
    Function f = b.finish();
    assertThat(f.inline()).isFalse();
    // Every inlinee record is placed, as a call-site line somewhere in the tree.
    assertThat(count(f)).isEqualTo(inlinees.size());
    check(f, true);
  }

  private static int count(Function f) {
    int n = f.inlinees().size();
    for (Function in : f.inlinees()) {
      n += count(in);
    }
    return n;
  }

  private static void check(Function f, boolean outer) {
    for (int i = 1; i < f.lines().size(); i++) {
      assertThat(f.lines().get(i).address()).isGreaterThanOrEqualTo(f.lines().get(i - 1).address());
    }
    for (int i = 1; i < f.inlinees().size(); i++) {
      assertThat(f.inlinees().get(i).address())
          .isGreaterThanOrEqualTo(f.inlinees().get(i - 1).address());
    }
    if (!outer) {
      // Inside an inlinee, a row never extends past the inlinee's end (it is split there).
      // Call-site records (line 1) are exempt: hostile nesting may make a child outgrow its parent.
      for (LineInfo l : f.lines()) {
        if (l.line() != 2) {
          continue;
        }
        assertThat(l.address()).isGreaterThanOrEqualTo(f.address());
        if (l.size().isPresent() && l.address() < f.endAddress()) {
          assertThat(l.address() + l.size().getAsLong()).isLessThanOrEqualTo(f.endAddress());
        }
      }
    }
    for (Function in : f.inlinees()) {
      assertThat(in.inline()).isTrue();
      check(in, false);
    }
  }
}
