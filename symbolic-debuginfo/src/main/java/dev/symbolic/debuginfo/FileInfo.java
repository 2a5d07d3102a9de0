package dev.symbolic.debuginfo;

import dev.symbolic.common.SourcePaths;
import java.util.Objects;

/**
 * A source file as a debug format records it: a name and the directory it is relative to, both
 * as written by the compiler (the directory may itself be relative to the compilation directory).
 *
 * @param name the file name, possibly with a relative path
 * @param dir the directory, or {@code ""}
 */
public record FileInfo(String name, String dir) {
  /** Checks for nulls. */
  public FileInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
  }

  /**
   * Splits a full path into its directory and base name, at the last {@code /} or {@code \}.
   *
   * @param path a path
   * @return the file info
   */
  public static FileInfo ofPath(String path) {
    int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return cut < 0 ? new FileInfo(path, "") : new FileInfo(path.substring(cut + 1),
        path.substring(0, cut));
  }

  /**
   * The directory joined with the name, not cleaned.
   *
   * @return the path
   */
  public String path() {
    return dir.isEmpty() ? name : SourcePaths.join(dir, name);
  }
}
