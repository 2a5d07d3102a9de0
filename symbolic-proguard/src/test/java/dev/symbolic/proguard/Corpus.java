package dev.symbolic.proguard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared conformance corpus: {@code -Dsymbolic.corpus=DIR} or {@code ../shared/corpus}. */
final class Corpus {
  private Corpus() {}

  /** The {@code proguard} folder of the corpus; skips the calling test when it is absent. */
  static Path proguard() {
    String configured = System.getProperty("symbolic.corpus");
    Path root = configured != null ? Path.of(configured) : Path.of("../shared/corpus");
    if (!Files.isDirectory(root.resolve("proguard"))) {
      root = Path.of("../../shared/corpus");
    }
    Path dir = root.resolve("proguard");
    assumeTrue(Files.isDirectory(dir),
        "conformance corpus not found at " + dir.toAbsolutePath()
            + " (set -Dsymbolic.corpus=DIR): skipping");
    return dir;
  }
}
