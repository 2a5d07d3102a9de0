package dev.symbolic.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * String operations on source paths recorded in debug files, which may come from any platform.
 *
 * <p>Unlike {@link java.nio.file.Path}, these functions never consult the local file system or
 * its separator conventions: they detect from the string itself whether a path is a Windows path
 * (a drive letter, a UNC prefix, or any backslash) or a Unix path. On Windows paths both slash and
 * backslash separate components. Behavior follows Sentry symbolic's {@code path.rs}.
 */
public final class SourcePaths {
  private SourcePaths() {}

  /**
   * The result of {@link #split(String)}: the directory, if any, and the last component.
   *
   * @param parent the directory part; empty if the path has a single component
   * @param name the last component
   */
  public record Split(Optional<String> parent, String name) {
    /**
     * Creates a split.
     *
     * @param parent the directory part
     * @param name the last component
     */
    public Split {
      Objects.requireNonNull(parent, "parent");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Joins a path onto a base directory, using the base's platform conventions.
   *
   * <ul>
   *   <li>An absolute {@code other} (Unix, drive letter or UNC) replaces {@code base}.
   *   <li>Names in angle brackets, such as {@code <stdin>}, are pseudo-paths and are returned
   *       unchanged.
   *   <li>A Windows path starting with a separator is relative to the drive of {@code base}:
   *       {@code C:\a} joined with {@code \b} is {@code C:\b}.
   *   <li>Otherwise the two are joined with a backslash if either is a Windows path, else with a
   *       slash, collapsing separators at the seam.
   * </ul>
   *
   * @param base the directory, possibly empty
   * @param other the path to join onto it
   * @return the joined path
   */
  public static String join(String base, String other) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(other, "other");
    if (other.startsWith("<") && other.endsWith(">")) {
      return other;
    }
    if (base.isEmpty() || isAbsolute(other)) {
      return other;
    }
    if (other.isEmpty()) {
      return base;
    }
    if (isSeparator(other.charAt(0))) { // only a backslash can get here: "/x" is absolute
      return isAbsoluteWindows(base) ? base.substring(0, 2) + other : other;
    }
    char sep = isWindowsPath(base) || isWindowsPath(other) ? '\\' : '/';
    int end = base.length();
    while (end > 0 && isSeparator(base.charAt(end - 1))) {
      end--;
    }
    int start = 0;
    while (start < other.length() && isSeparator(other.charAt(start))) {
      start++;
    }
    return base.substring(0, end) + sep + other.substring(start);
  }

  /**
   * Simplifies a path without touching the file system: drops {@code .} components, empty
   * components from duplicate or trailing separators, and resolves {@code ..} against the
   * preceding component. Windows paths are written with backslashes.
   *
   * <p>Leading {@code ..} components of a relative path are kept, since they cannot be resolved.
   * An absolute path never climbs above its root: {@code /../a} is {@code /a}. Because symlinks
   * are not resolved, the result may name a different file than the input.
   *
   * @param path the path
   * @return the simplified path; empty if nothing remains of a relative path
   */
  public static String clean(String path) {
    Objects.requireNonNull(path, "path");
    boolean windows = isWindowsPath(path);
    char sep = windows ? '\\' : '/';
    String root;
    int i;
    if (windows && isUnc(path)) {
      root = "" + sep + sep;
      i = 2;
    } else if (windows && isDriveLetter(path)) {
      root = path.length() > 2 ? path.substring(0, 2) + sep : path.substring(0, 2);
      i = 2;
    } else if (!path.isEmpty() && isSeparator(path.charAt(0))) {
      root = String.valueOf(sep);
      i = 1;
    } else {
      root = "";
      i = 0;
    }
    List<String> parts = new ArrayList<>();
    while (i <= path.length()) {
      int next = i;
      while (next < path.length() && !isSeparator(path.charAt(next))) {
        next++;
      }
      String part = path.substring(i, next);
      i = next + 1;
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
          parts.remove(parts.size() - 1);
          continue;
        }
        if (!root.isEmpty()) {
          continue; // the parent of a root is the root
        }
      }
      parts.add(part);
    }
    return root + String.join(String.valueOf(sep), parts);
  }

  /**
   * Splits off the last component of a path to a file. Trailing separators are ignored.
   *
   * <p>For {@code /a/b/c} the parent is {@code /a/b} and the name {@code c}; for {@code /a} the
   * parent is {@code /}; for {@code a} there is no parent.
   *
   * @param path the path
   * @return the parent directory and the file name
   */
  public static Split split(String path) {
    Objects.requireNonNull(path, "path");
    int end = path.length();
    while (end > 0 && isSeparator(path.charAt(end - 1))) {
      end--;
    }
    String p = end == 0 ? path : path.substring(0, end); // all separators: leave as it is
    int pos = p.length() - 1;
    while (pos >= 0 && !isSeparator(p.charAt(pos))) {
      pos--;
    }
    if (pos < 0) {
      return new Split(Optional.empty(), p);
    }
    String parent = pos == 0 ? p.substring(0, 1) : p.substring(0, pos);
    return new Split(Optional.of(parent), p.substring(pos + 1));
  }

  /**
   * Tells whether a path is absolute on Unix ({@code /x}) or Windows ({@code C:\x}, {@code C:},
   * {@code \\server\share}).
   *
   * @param path the path
   * @return true if absolute
   */
  public static boolean isAbsolute(String path) {
    Objects.requireNonNull(path, "path");
    return isAbsoluteWindows(path) || path.startsWith("/");
  }

  /**
   * Tells whether a path is a Windows path: it has a drive letter or UNC prefix, or contains a
   * backslash.
   *
   * @param path the path
   * @return true if Windows conventions apply
   */
  public static boolean isWindowsPath(String path) {
    Objects.requireNonNull(path, "path");
    return isAbsoluteWindows(path) || path.indexOf('\\') >= 0;
  }

  private static boolean isSeparator(char c) {
    return c == '/' || c == '\\';
  }

  private static boolean isAbsoluteWindows(String path) {
    return isUnc(path) || isDriveLetter(path);
  }

  private static boolean isUnc(String path) {
    return path.startsWith("\\\\") || path.startsWith("//");
  }

  /** A drive letter and colon, alone or followed by a separator; {@code C:foo} is relative. */
  private static boolean isDriveLetter(String path) {
    if (path.length() < 2 || path.charAt(1) != ':') {
      return false;
    }
    char c = path.charAt(0);
    boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return letter && (path.length() == 2 || isSeparator(path.charAt(2)));
  }
}
