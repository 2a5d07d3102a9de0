package dev.symbolic.debuginfo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared corpus for the ELF tests. */
final class ElfCorpus {
  private ElfCorpus() {}

  static Path root() {
    String configured = System.getProperty("symbolic.corpus");
    Path root = configured != null && !configured.isEmpty() ? Path.of(configured)
        : Path.of("../shared/corpus");
    if (!Files.isDirectory(root.resolve("debuginfo"))) {
      root = Path.of("../../shared/corpus");
    }
    return root;
  }

  /** {@code debuginfo/generated}; skips the test if absent. */
  static Path generated() {
    Path dir = root().resolve("debuginfo").resolve("generated");
    assumeTrue(Files.isDirectory(dir), "debuginfo corpus not found at " + dir.toAbsolutePath()
        + " (set -Dsymbolic.corpus=DIR): skipping");
    return dir;
  }

  /** {@code symbolic}; skips the test if absent. */
  static Path symbolic() {
    Path dir = root().resolve("symbolic");
    assumeTrue(Files.isDirectory(dir), "symbolic corpus not found at " + dir.toAbsolutePath()
        + ": skipping");
    return dir;
  }
}
