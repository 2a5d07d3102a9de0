package dev.symbolic.debuginfo;

import java.util.Arrays;
import java.util.Objects;

/**
 * The contents of a {@code .gnu_debugaltlink} section: the supplementary (dwz) debug file.
 */
public final class ElfDebugAltLink {
  private final String path;
  private final byte[] buildId;

  /**
   * Creates a link.
   *
   * @param path the path of the supplementary file
   * @param buildId its build id (copied)
   */
  public ElfDebugAltLink(String path, byte[] buildId) {
    this.path = Objects.requireNonNull(path, "path");
    this.buildId = buildId.clone();
  }

  /** The path of the supplementary file, often absolute. */
  public String path() {
    return path;
  }

  /** A copy of the supplementary file's build id. */
  public byte[] buildId() {
    return buildId.clone();
  }

  /** The build id as lowercase hex. */
  public String buildIdHex() {
    return ElfFile.hex(buildId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElfDebugAltLink other
        && path.equals(other.path)
        && Arrays.equals(buildId, other.buildId);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Arrays.hashCode(buildId);
  }

  @Override
  public String toString() {
    return "ElfDebugAltLink[" + path + ", " + buildIdHex() + "]";
  }
}
