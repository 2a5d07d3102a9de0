package dev.symbolic.debuginfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code zstd} command-line tool, if installed, to make test vectors. */
final class ZstdCli {
  private static final boolean AVAILABLE = probe();

  private ZstdCli() {}

  private static boolean probe() {
    try {
      Process p = new ProcessBuilder("zstd", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean available() {
    return AVAILABLE;
  }

  /** Compresses {@code data} with {@code zstd -q -c <args>}, reading from a file or from stdin. */
  static byte[] compress(byte[] data, boolean fromStdin, String... args) throws IOException {
    Path dir = Files.createTempDirectory("zstd-test");
    Path in = dir.resolve("in.bin");
    Path out = dir.resolve("out.zst");
    try {
      Files.write(in, data);
      List<String> cmd = new ArrayList<>(List.of("zstd", "-q", "-c"));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      if (fromStdin) {
        pb.redirectInput(in.toFile());
      } else {
        cmd.add(in.toString());
        pb.command(cmd);
      }
      pb.redirectOutput(out.toFile());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("zstd timed out");
      }
      if (p.exitValue() != 0) {
        throw new IOException("zstd " + cmd + " failed with exit code " + p.exitValue());
      }
      return Files.readAllBytes(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(dir);
    }
  }
}
