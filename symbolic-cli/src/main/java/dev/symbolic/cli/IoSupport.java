package dev.symbolic.cli;

import dev.symbolic.common.ParseException;
import dev.symbolic.proguard.ProguardCache;
import dev.symbolic.proguard.ProguardMapping;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File handling shared by the commands, turning I/O failures into one-line messages. */
final class IoSupport {
  private IoSupport() {}

  /** Opens a mapping file, or fails with {@code cannot read mapping 'FILE': reason}. */
  static ProguardMapping openMapping(Path file) {
    checkReadableFile(file, "mapping");
    try {
      return ProguardMapping.open(file);
    } catch (IOException e) {
      throw cannotRead("mapping", file, e);
    }
  }

  /** Opens a cache file, or fails with {@code cannot read cache 'FILE': reason}. */
  static ProguardCache openCache(Path file) {
    checkReadableFile(file, "cache");
    try {
      return ProguardCache.open(file);
    } catch (IOException e) {
      throw cannotRead("cache", file, e);
    } catch (ParseException e) {
      throw CliException.failure(
          "cannot read cache '" + file + "': not a valid cache (" + e.getMessage() + ")");
    }
  }

  /**
   * Writes the cache of {@code mapping} to {@code target}: into a temporary file beside it, then
   * moved into place, so a reader never sees a half-written cache.
   */
  static void writeCache(ProguardMapping mapping, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        ProguardCache.write(mapping, out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Fails early, with a clear reason, for files that do not exist or are directories. */
  static void checkReadableFile(Path file, String what) {
    if (Files.isDirectory(file)) {
      throw CliException.failure("cannot read " + what + " '" + file + "': Is a directory");
    }
  }

  static CliException cannotRead(String what, Path file, IOException e) {
    return CliException.failure("cannot read " + what + " '" + file + "': " + describe(e));
  }

  /** The reason of an I/O failure, in the words a shell would use. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof FileSystemException) {
      String reason = ((FileSystemException) e).getReason();
      if (reason != null) {
        return reason;
      }
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
