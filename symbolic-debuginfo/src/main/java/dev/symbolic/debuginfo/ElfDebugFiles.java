package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Finds the separate debug file of an ELF binary the way GDB does.
 *
 * <ol>
 *   <li>By build id: {@code DIR/.build-id/xx/rest.debug} for each global debug directory, where
 *       {@code xx} is the first byte of the build id in hex and {@code rest} the others; the
 *       candidate must carry the same build id.
 *   <li>By {@code .gnu_debuglink}: {@code BINDIR/NAME}, {@code BINDIR/.debug/NAME}, then {@code
 *       DIR/BINDIR/NAME} for each global debug directory ({@code BINDIR} being the binary's
 *       absolute directory); the candidate's CRC-32 must match the link and it must not be the
 *       binary itself.
 * </ol>
 */
public final class ElfDebugFiles {
  private ElfDebugFiles() {}

  /**
   * Locates the debug file.
   *
   * @param binary the path of the binary
   * @param elf the parsed binary
   * @param searchPath the global debug directories, e.g. {@code /usr/lib/debug}
   * @return the debug file, if one is found
   */
  public static Optional<Path> find(Path binary, ElfFile elf, List<Path> searchPath) {
    for (Path candidate : buildIdCandidates(elf, searchPath)) {
      if (Files.isRegularFile(candidate) && sameBuildId(candidate, elf)) {
        return Optional.of(candidate);
      }
    }
    Optional<ElfDebugLink> link;
    try {
      link = elf.debugLink();
    } catch (DebugInfoException e) {
      return Optional.empty();
    }
    if (link.isEmpty() || link.get().fileName().isEmpty()) {
      return Optional.empty();
    }
    for (Path candidate : debugLinkCandidates(binary, link.get(), searchPath)) {
      if (Files.isRegularFile(candidate) && !isSameFile(candidate, binary)
          && crc32(candidate) == link.get().crc32()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The build-id paths GDB tries, in order. */
  public static List<Path> buildIdCandidates(ElfFile elf, List<Path> searchPath) {
    List<Path> out = new ArrayList<>();
    Optional<byte[]> id = elf.buildId();
    if (id.isEmpty() || id.get().length < 2) {
      return out;
    }
    String hex = ElfFile.hex(id.get());
    for (Path dir : searchPath) {
      out.add(dir.resolve(".build-id").resolve(hex.substring(0, 2))
          .resolve(hex.substring(2) + ".debug"));
    }
    return out;
  }

  /** The debuglink paths GDB tries, in order. */
  public static List<Path> debugLinkCandidates(Path binary, ElfDebugLink link,
      List<Path> searchPath) {
    List<Path> out = new ArrayList<>();
    String name = link.fileName();
    if (name.contains("/") && Path.of(name).isAbsolute()) {
      out.add(Path.of(name));
      return out;
    }
    Path dir = binary.toAbsolutePath().getParent();
    if (dir == null) {
      dir = Path.of("/");
    }
    out.add(dir.resolve(name));
    out.add(dir.resolve(".debug").resolve(name));
    for (Path global : searchPath) {
      Path rel = dir.getRoot() == null ? dir : dir.getRoot().relativize(dir);
      out.add(global.resolve(rel).resolve(name));
    }
    return out;
  }

  private static boolean sameBuildId(Path candidate, ElfFile elf) {
    try {
      ElfFile other = ElfFile.parse(ByteView.map(candidate));
      Optional<byte[]> a = other.buildId();
      Optional<byte[]> b = elf.buildId();
      return a.isPresent() && b.isPresent() && Arrays.equals(a.get(), b.get());
    } catch (IOException | DebugInfoException e) {
      return false;
    }
  }

  private static boolean isSameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The CRC-32 (zlib polynomial) of a whole file, as stored in {@code .gnu_debuglink}.
   *
   * @param file the file
   * @return the unsigned CRC, or -1 if the file cannot be read
   */
  public static long crc32(Path file) {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[65536];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        crc.update(buf, 0, n);
      }
    } catch (IOException e) {
      return -1;
    }
    return crc.getValue();
  }
}
