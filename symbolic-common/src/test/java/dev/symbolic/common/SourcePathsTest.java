package dev.symbolic.common;

import static dev.symbolic.common.SourcePaths.clean;
import static dev.symbolic.common.SourcePaths.join;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cases ported from Sentry symbolic's path tests, plus the ones it lists as known broken. */
class SourcePathsTest {
  @Test
  void joinsWindowsPaths() {
    assertThat(join("foo", "C:")).isEqualTo("C:");
    assertThat(join("foo", "C:bar")).isEqualTo("foo/C:bar");
    assertThat(join("C:\\a", "b")).isEqualTo("C:\\a\\b");
    assertThat(join("C:/a", "b")).isEqualTo("C:/a\\b");
    assertThat(join("C:\\a", "b\\c")).isEqualTo("C:\\a\\b\\c");
    assertThat(join("C:/a", "C:\\b")).isEqualTo("C:\\b");
    assertThat(join("a\\b\\c", "d\\e")).isEqualTo("a\\b\\c\\d\\e");
    assertThat(join("\\\\UNC\\", "a")).isEqualTo("\\\\UNC\\a");
  }

  @Test
  void joinsDriveRelativePaths() {
    assertThat(join("C:\\foo/bar", "\\baz")).isEqualTo("C:\\baz");
    assertThat(join("\\foo/bar", "\\baz")).isEqualTo("\\baz");
    assertThat(join("/a/b", "\\c")).isEqualTo("\\c");
  }

  @Test
  void joinsUnixPaths() {
    assertThat(join("/a/b", "c")).isEqualTo("/a/b/c");
    assertThat(join("/a/b", "c/d")).isEqualTo("/a/b/c/d");
    assertThat(join("/a/b", "/c/d/e")).isEqualTo("/c/d/e");
    assertThat(join("a/b/", "c")).isEqualTo("a/b/c");
    assertThat(join("a/b//", "c//")).isEqualTo("a/b/c//"); // only the seam collapses
    assertThat(join("", "c")).isEqualTo("c");
    assertThat(join("a", "")).isEqualTo("a");
  }

  @Test
  void joinKeepsPseudoPaths() {
    assertThat(join("a/b/", "<stdin>")).isEqualTo("<stdin>");
    assertThat(join("C:\\test", "<::core::macros::assert_eq macros>"))
        .isEqualTo("<::core::macros::assert_eq macros>");
    assertThat(join("foo", "아이쿱 조합원 앱카드")).isEqualTo("foo/아이쿱 조합원 앱카드");
  }

  @Test
  void cleansPaths() {
    assertThat(clean("/foo/bar/baz/./blah")).isEqualTo("/foo/bar/baz/blah");
    assertThat(clean("/foo/bar/baz/./blah/")).isEqualTo("/foo/bar/baz/blah");
    assertThat(clean("foo/bar/baz/./blah/")).isEqualTo("foo/bar/baz/blah");
    assertThat(clean("foo/bar/baz/../blah/")).isEqualTo("foo/bar/blah");
    assertThat(clean("../../blah/")).isEqualTo("../../blah");
    assertThat(clean("..\\../blah/")).isEqualTo("..\\..\\blah");
    assertThat(clean("foo\\bar\\baz/../blah/")).isEqualTo("foo\\bar\\blah");
    assertThat(clean("foo\\bar\\baz/../../../../blah/")).isEqualTo("..\\blah");
    assertThat(clean("foo/bar/baz/../../../../blah/")).isEqualTo("../blah");
    assertThat(clean("..\\foo")).isEqualTo("..\\foo");
    assertThat(clean("foo")).isEqualTo("foo");
    assertThat(clean("foo\\bar\\baz/../../../blah/")).isEqualTo("blah");
    assertThat(clean("foo/bar/baz/../../../blah/")).isEqualTo("blah");
    assertThat(clean("\\\\foo\\..\\bar")).isEqualTo("\\\\bar");
    assertThat(clean("foo/bar/../아이쿱 조합원 앱카드")).isEqualTo("foo/아이쿱 조합원 앱카드");
  }

  @Test
  void cleansCasesSymbolicListsAsBroken() {
    assertThat(clean("/foo/../bar")).isEqualTo("/bar");
    assertThat(clean("\\\\foo\\..\\..\\bar")).isEqualTo("\\\\bar");
    assertThat(clean("/../../blah/")).isEqualTo("/blah");
    assertThat(clean("c:\\..\\foo")).isEqualTo("c:\\foo");
  }

  @Test
  void cleanCollapsesSeparatorsAndEdgeCases() {
    assertThat(clean("a//b///c")).isEqualTo("a/b/c");
    assertThat(clean("C:\\a\\\\b/./c")).isEqualTo("C:\\a\\b\\c");
    assertThat(clean("C:/a/../b")).isEqualTo("C:\\b");
    assertThat(clean("C:")).isEqualTo("C:");
    assertThat(clean("/")).isEqualTo("/");
    assertThat(clean("")).isEqualTo("");
    assertThat(clean(".")).isEqualTo("");
    assertThat(clean("foo/..")).isEqualTo("");
    assertThat(clean("./a/./b/.")).isEqualTo("a/b");
    assertThat(clean("a/../../b")).isEqualTo("../b");
  }

  private static void assertSplit(String path, String parent, String name) {
    SourcePaths.Split s = SourcePaths.split(path);
    assertThat(s.parent()).isEqualTo(Optional.ofNullable(parent));
    assertThat(s.name()).isEqualTo(name);
  }

  @Test
  void splitsPaths() {
    assertSplit("C:\\a\\b", "C:\\a", "b");
    assertSplit("C:/a\\b", "C:/a", "b");
    assertSplit("C:\\a\\b\\c", "C:\\a\\b", "c");
    assertSplit("a\\b\\c\\d\\e", "a\\b\\c\\d", "e");
    assertSplit("\\\\UNC\\a", "\\\\UNC", "a");
    assertSplit("/a/b/c", "/a/b", "c");
    assertSplit("/a/b/c/d", "/a/b/c", "d");
    assertSplit("a/b/c", "a/b", "c");
    assertSplit("a", null, "a");
    assertSplit("a/", null, "a");
    assertSplit("/a", "/", "a");
    assertSplit("", null, "");
    assertSplit("foo/아이쿱 조합원 앱카드", "foo", "아이쿱 조합원 앱카드");
  }

  @Test
  void classifiesPaths() {
    assertThat(SourcePaths.isAbsolute("/a")).isTrue();
    assertThat(SourcePaths.isAbsolute("C:\\a")).isTrue();
    assertThat(SourcePaths.isAbsolute("c:/a")).isTrue();
    assertThat(SourcePaths.isAbsolute("C:")).isTrue();
    assertThat(SourcePaths.isAbsolute("\\\\server\\share")).isTrue();
    assertThat(SourcePaths.isAbsolute("C:a")).isFalse();
    assertThat(SourcePaths.isAbsolute("a/b")).isFalse();
    assertThat(SourcePaths.isAbsolute("\\a")).isFalse(); // relative to the current drive
    assertThat(SourcePaths.isAbsolute("")).isFalse();
    assertThat(SourcePaths.isWindowsPath("a\\b")).isTrue();
    assertThat(SourcePaths.isWindowsPath("C:/a")).isTrue();
    assertThat(SourcePaths.isWindowsPath("/a/b")).isFalse();
    assertThat(SourcePaths.isWindowsPath("1:/a")).isFalse();
  }
}
