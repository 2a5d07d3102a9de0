package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Swift rows of symbolic-suite.tsv (Sentry symbolic's own expectations): every result must
 * be exact or empty, never wrong text.
 */
class SwiftConformanceTest {
  /** Exact matches reached so far; raise when more manglings are covered. */
  private static final int MIN_EXACT = 263;

  @Test
  void symbolicSuiteSwiftRows() {
    int total = 0;
    int exact = 0;
    int empty = 0;
    int exactNameOnly = 0;
    int totalNameOnly = 0;
    int exactParams = 0;
    int totalParams = 0;
    List<String> wrong = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String[] row : DemangleCorpus.rows("symbolic-suite.tsv")) {
      if (row.length < 4 || !row[2].equals("Swift")) {
        continue;
      }
      DemangleOptions options;
      boolean params;
      if (row[3].equals("name_only()")) {
        options = DemangleOptions.nameOnly();
        params = false;
      } else if (row[3].equals("name_only().parameters(true)")) {
        options = DemangleOptions.nameOnly().parameters(true);
        params = true;
      } else if (row[3].equals("complete()")) {
        options = DemangleOptions.complete();
        params = true;
      } else {
        continue;
      }
      total++;
      if (params) {
        totalParams++;
      } else {
        totalNameOnly++;
      }
      String expected = DemangleCorpus.expected(row[0], row[1]);
      Optional<String> actual = SwiftDemangler.demangle(row[0], options);
      if (actual.isEmpty()) {
        if (expected == null) {
          exact++;
          if (params) {
            exactParams++;
          } else {
            exactNameOnly++;
          }
        } else {
          empty++;
          missing.add(row[3] + "  " + row[0] + "  expected: " + expected);
        }
      } else if (actual.get().equals(expected)) {
        exact++;
        if (params) {
          exactParams++;
        } else {
          exactNameOnly++;
        }
      } else {
        wrong.add(row[3] + "  " + row[0] + "\n    expected: " + expected
            + "\n    actual:   " + actual.get());
      }
    }
    System.out.println("symbolic-suite swift: exact " + exact + "/" + total + ", empty " + empty
        + ", wrong " + wrong.size() + " (name_only " + exactNameOnly + "/" + totalNameOnly
        + ", name_only().parameters(true) " + exactParams + "/" + totalParams + ")");
    missing.forEach(m -> System.out.println("  empty: " + m));
    wrong.forEach(w -> System.out.println("  WRONG: " + w));
    assertThat(wrong).isEmpty();
    assertThat(exact).isGreaterThanOrEqualTo(MIN_EXACT);
  }
}
