package dev.symbolic.debuginfo;

import dev.symbolic.common.SourcePaths;
import java.util.Objects;

/**
 * A source file referenced by a debug file, with the compilation directory it is relative to.
 *
 * @param compilationDir the compilation directory, or {@code ""}
 * @param info the file's name and directory
 */
public record FileEntry(String compilationDir, FileInfo info) {
  /** Checks for nulls. */
  public FileEntry {
    Objects.requireNonNull(compilationDir, "compilationDir");
    Objects.requireNonNull(info, "info");
  }

  /**
   * The absolute path: compilation directory, directory and name joined, with {@code .} and
   * {@code ..} components resolved.
   *
   * @return the path
   */
  public String absolutePath() {
    String path = info.path();
    return SourcePaths.clean(compilationDir.isEmpty() ? path
        : SourcePaths.join(compilationDir, path));
  }
}
