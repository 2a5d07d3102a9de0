package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Rust demangler against the reference tools: v0 rows of {@code rust-real.tsv}
 * (llvm-cxxfilt-19), legacy rows of {@code rust-real-gnu.tsv} (GNU c++filt 2.40), and the
 * rustc-demangle 0.1.27 test suite through the internal rustc-demangle style.
 */
class RustConformanceTest {
  private static final int SHOWN = 30;

  @Test
  void realV0MatchesLlvmCxxfilt() {
    List<String[]> rows = DemangleCorpus.rows("rust-real.tsv");
    int total = 0;
    int ok = 0;
    List<String> mismatches = new ArrayList<>();
    for (String[] row : rows) {
      if (!row[0].startsWith("_R")) {
        continue;
      }
      total++;
      String expected = DemangleCorpus.expected(row[0], row[1]);
      String actual = Demangler.demangle(row[0]).orElse(null);
      if (java.util.Objects.equals(expected, actual)) {
        ok++;
      } else if (mismatches.size() < SHOWN) {
        mismatches.add(row[0] + "\n   expected: " + expected + "\n   actual:   " + actual);
      }
    }
    report("rust-real v0", ok, total, mismatches);
    assertThat(total).isPositive();
    assertThat(ok).isEqualTo(total);
  }

  @Test
  void realLegacyMatchesGnuCxxfilt() {
    List<String[]> llvmRows = DemangleCorpus.rows("rust-real.tsv");
    List<String[]> rows = DemangleCorpus.rows("rust-real-gnu.tsv");
    assertThat(rows).hasSameSizeAs(llvmRows);
    int total = 0;
    int ok = 0;
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      assertThat(row[0]).isEqualTo(llvmRows.get(i)[0]);
      if (row[0].startsWith("_R")) {
        continue;
      }
      total++;
      String expected = DemangleCorpus.expected(row[0], row[1]);
      String actual = Demangler.demangle(row[0]).orElse(null);
      if (java.util.Objects.equals(expected, actual)) {
        ok++;
      } else if (mismatches.size() < SHOWN) {
        mismatches.add(row[0] + "\n   expected: " + expected + "\n   actual:   " + actual);
      }
    }
    report("rust-real legacy (gnu)", ok, total, mismatches);
    assertThat(total).isPositive();
    assertThat(ok).isEqualTo(total);
  }

  @Test
  void realLegacyWithoutHash() {
    // --no-rust-hash: the GNU output minus the "::h<hash>" segment.
    int total = 0;
    for (String[] row : DemangleCorpus.rows("rust-real-gnu.tsv")) {
      if (row[0].startsWith("_R")) {
        continue;
      }
      total++;
      String withHash = row[1];
      int cut = withHash.lastIndexOf("::h");
      assertThat(cut).as(row[0]).isPositive();
      DemangleOptions noHash = DemangleOptions.complete().rustHash(false);
      assertThat(Demangler.demangle(row[0], noHash)).as(row[0])
          .contains(withHash.substring(0, cut));
      assertThat(Demangler.demangle(row[0], DemangleOptions.nameOnly())).as(row[0])
          .contains(withHash.substring(0, cut));
    }
    assertThat(total).isPositive();
  }

  @Test
  void realV0NameOnlyIsTheSame() {
    for (String[] row : DemangleCorpus.rows("rust-real.tsv")) {
      if (row[0].startsWith("_R")) {
        Optional<String> complete = Demangler.demangle(row[0]);
        assertThat(Demangler.demangle(row[0], DemangleOptions.nameOnly())).as(row[0])
            .isEqualTo(complete);
      }
    }
  }

  @Test
  void rustcDemangleSuite() {
    List<String[]> rows = DemangleCorpus.rows("rustc-demangle-suite.tsv");
    java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
    List<String> mismatches = new ArrayList<>();
    for (String[] row : rows) {
      String mangled = row[0];
      String expected = row[1];
      String mode = row[2];
      Boolean pass;
      switch (mode) {
        case "display":
        case "native_c_display":
          pass = expected.equals(rustc(mangled, false));
          break;
        case "alternate":
        case "native_c_alternate":
          pass = expected.equals(rustc(mangled, true));
          break;
        case "error":
          pass = RustDemangler.demangle(mangled, RustStyle.RUSTC_DISPLAY, true) == null
              && expected.equals(rustc(mangled, false));
          break;
        case "v0_is_err":
        case "v0_recursed_too_deep":
          pass = RustV0.demangleRustc(mangled, false) == null
              && RustV0.demangleRustc(mangled, true) == null
              && !Demangler.demangle(mangled).isPresent();
          break;
        case "no_panic":
          rustc(mangled, false);
          rustc(mangled, true);
          Demangler.demangle(mangled);
          pass = true;
          break;
        default:
          pass = null; // display_contains, display_ends_with, demangle_line: not reproduced
          break;
      }
      if (pass == null) {
        counts.computeIfAbsent(mode + " (not run)", k -> new int[2])[1]++;
        continue;
      }
      int[] c = counts.computeIfAbsent(mode, k -> new int[2]);
      c[1]++;
      if (pass) {
        c[0]++;
      } else if (mismatches.size() < SHOWN) {
        mismatches.add(mode + " " + abbreviate(mangled) + "\n   expected: " + abbreviate(expected)
            + "\n   actual:   " + abbreviate(rustc(mangled, mode.contains("alternate"))));
      }
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((mode, c) -> sb.append(String.format("rustc-demangle-suite %s: %d/%d%n",
        mode, c[0], c[1])));
    System.out.print(sb);
    mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
    for (String mode : List.of("display", "alternate", "error", "v0_is_err",
        "v0_recursed_too_deep", "no_panic")) {
      int[] c = counts.get(mode);
      assertThat(c).as(mode).isNotNull();
      assertThat(c[0]).as(mode).isEqualTo(c[1]);
    }
  }

  /** rustc-demangle's {@code demangle(m).to_string()}: the input itself when not demangled. */
  private static String rustc(String mangled, boolean alternate) {
    long t0 = System.nanoTime();
    String s = RustDemangler.demangle(mangled,
        alternate ? RustStyle.RUSTC_ALTERNATE : RustStyle.RUSTC_DISPLAY, true);
    assertThat(System.nanoTime() - t0).as("time for " + abbreviate(mangled))
        .isLessThan(2_000_000_000L);
    return s == null ? mangled : s;
  }

  private static String abbreviate(String s) {
    return s == null || s.length() < 300 ? s : s.substring(0, 300) + "…(" + s.length() + ")";
  }

  private static void report(String what, int ok, int total, List<String> mismatches) {
    System.out.printf("%s: %d/%d%n", what, ok, total);
    for (String m : mismatches) {
      System.out.println("  MISMATCH " + m);
    }
  }
}
