package dev.symbolic.demangle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Compares the Itanium demangler with the reference outputs of the demangling corpus. */
class ItaniumConformanceTest {

  private static String run(String mangled, DemangleOptions options) {
    Optional<String> r = Demangler.demangle(mangled, Language.CPP, options);
    return r.orElse(null);
  }

  private static String show(String s) {
    return s == null ? "<none>" : s;
  }

  @Test
  void itaniumReal() {
    List<String[]> rows = DemangleCorpus.rows("itanium-real.tsv");
    int ok = 0;
    List<String> mismatches = new ArrayList<>();
    for (String[] row : rows) {
      String expected = DemangleCorpus.expected(row[0], row[1]);
      String actual = run(row[0], DemangleOptions.complete());
      if (java.util.Objects.equals(expected, actual)) {
        ok++;
      } else if (mismatches.size() < 30) {
        mismatches.add(row[0] + "\n    expected: " + show(expected) + "\n    actual:   "
            + show(actual));
      }
    }
    double rate = 100.0 * ok / rows.size();
    System.out.printf("itanium-real.tsv: %d/%d exact (%.3f%%)%n", ok, rows.size(), rate);
    mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
    assertThat(rate).isGreaterThanOrEqualTo(99.9);
  }

  @Test
  void libibertySuite() {
    List<String[]> rows = DemangleCorpus.rows("libiberty-suite.tsv");
    int plain = 0;
    int plainOk = 0;
    int noParams = 0;
    int noParamsOk = 0;
    List<String> mismatches = new ArrayList<>();
    for (String[] row : rows) {
      String flags = row.length > 2 ? row[2] : "";
      String mangled = row[0];
      if (!mangled.startsWith("_Z")) {
        continue; // bare types and _GLOBAL_ names: llvm-cxxfilt does not demangle them
      }
      String expected = row[1].equals(mangled) ? null
          : row[1].replace("> >", ">>").replace("> >", ">>");
      if (flags.isEmpty()) {
        plain++;
        String actual = run(mangled, DemangleOptions.complete());
        if (java.util.Objects.equals(expected, actual)) {
          plainOk++;
        } else if (mismatches.size() < 20) {
          mismatches.add(mangled + "\n    libiberty: " + expected + "\n    actual:    "
              + show(actual));
        }
      } else if (flags.equals("--no-params")) {
        noParams++;
        String actual = run(mangled, DemangleOptions.nameOnly());
        if (java.util.Objects.equals(expected, actual)) {
          noParamsOk++;
        }
      }
    }
    System.out.printf("libiberty-suite.tsv: plain %d/%d, --no-params %d/%d (GNU style; "
        + "reported only)%n", plainOk, plain, noParamsOk, noParams);
    mismatches.forEach(m -> System.out.println("  LIBIBERTY " + m));
  }

  @Test
  void cppDemangleSuite() {
    List<String[]> rows = DemangleCorpus.rows("cpp_demangle-suite.tsv");
    int n = 0;
    int ok = 0;
    for (String[] row : rows) {
      String options = row.length > 2 ? row[2] : "";
      if (!options.isEmpty() && !options.equals("does_not_parse")
          && !options.equals("does_not_demangle")) {
        continue;
      }
      n++;
      String expected = row[1].isEmpty() ? null : row[1].replace("> >", ">>")
          .replace("> >", ">>");
      String actual = ItaniumDemangler.demangle(row[0], DemangleOptions.complete()).orElse(null);
      if (java.util.Objects.equals(expected, actual)) {
        ok++;
      }
    }
    System.out.printf("cpp_demangle-suite.tsv: %d/%d (libiberty style; reported only)%n", ok, n);
  }

  @Test
  void symbolicSuite() {
    List<String[]> rows = DemangleCorpus.rows("symbolic-suite.tsv");
    int n = 0;
    int ok = 0;
    List<String> mismatches = new ArrayList<>();
    for (String[] row : rows) {
      if (!row[3].startsWith("name_only") && !row[3].equals("complete()")) {
        continue;
      }
      if (!row[2].equals("Cpp") && !row[2].equals("ObjCpp")) {
        continue;
      }
      if (!ItaniumDemangler.looksLikeItanium(row[0])) {
        continue;
      }
      n++;
      DemangleOptions options = row[3].equals("name_only()") ? DemangleOptions.nameOnly()
          : DemangleOptions.complete();
      String actual = run(row[0], options);
      if (row[1].equals(actual)) {
        ok++;
      } else {
        mismatches.add(row[0] + " [" + row[3] + "]\n    expected: " + row[1]
            + "\n    actual:   " + show(actual));
      }
    }
    System.out.printf("symbolic-suite.tsv (C++ Itanium rows): %d/%d%n", ok, n);
    mismatches.forEach(m -> System.out.println("  SYMBOLIC " + m));
  }
}
