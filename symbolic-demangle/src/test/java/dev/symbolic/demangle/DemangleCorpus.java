package dev.symbolic.demangle;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demangling corpus: {@code -Dsymbolic.corpus=DIR} or {@code ../shared/corpus}, folder
 * {@code demangle}. Tests that need it are skipped with a message when it is absent.
 */
final class DemangleCorpus {
  private DemangleCorpus() {}

  /** The {@code demangle} folder; skips the calling test when it is absent. */
  static Path dir() {
    String configured = System.getProperty("symbolic.corpus");
    Path root = configured != null ? Path.of(configured) : Path.of("../shared/corpus");
    Path dir = root.resolve("demangle");
    assumeTrue(Files.isDirectory(dir),
        "demangling corpus not found at " + dir.toAbsolutePath()
            + " (set -Dsymbolic.corpus=DIR): skipping");
    return dir;
  }

  /** The data rows of a TSV file of the corpus, each split on TAB (header lines skipped). */
  static List<String[]> rows(String file) {
    Path path = dir().resolve(file);
    assumeTrue(Files.exists(path), file + " not in the corpus: skipping");
    try {
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(path)) {
        if (!line.startsWith("#")) {
          rows.add(line.split("\t", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a reference tool printed, as a demangler result: the tool echoes names it cannot
   * demangle, which is an empty result here.
   */
  static String expected(String mangled, String printed) {
    return printed.equals(mangled) ? null : printed;
  }
}
