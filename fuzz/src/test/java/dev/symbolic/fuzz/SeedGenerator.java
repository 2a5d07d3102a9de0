package dev.symbolic.fuzz;

import dev.symbolic.proguard.ProguardCache;
import dev.symbolic.proguard.ProguardMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the cache seeds of {@link ProguardCacheFuzzTest#open}: the cache of every mapping seed
 * of {@link ProguardMappingFuzzTest}, plus a truncated one. Not a test; run it by hand after a
 * change of the cache format, from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl fuzz -am test-compile -DskipTests
 * java -cp "fuzz/target/test-classes:symbolic-proguard/target/classes:symbolic-common/target/classes" \
 *     dev.symbolic.fuzz.SeedGenerator fuzz/src/test/resources/dev/symbolic/fuzz
 * </pre>
 */
public final class SeedGenerator {
  private SeedGenerator() {}

  /**
   * Writes the seeds.
   *
   * @param args the resource directory {@code .../dev/symbolic/fuzz}
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Path mappings = dir.resolve("ProguardMappingFuzzTestInputs/parse");
    Path caches = dir.resolve("ProguardCacheFuzzTestInputs/open");
    Files.createDirectories(caches);
    for (String name : new String[] {"r8-metadata", "shop-inline", "proguard-classic",
        "crlf-bom", "empty"}) {
      ProguardMapping mapping = ProguardMapping.parse(
          Files.readAllBytes(mappings.resolve(name + ".txt")));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ProguardCache.write(mapping, out);
      byte[] cache = out.toByteArray();
      Files.write(caches.resolve(name + ".pgcache"), cache);
      if (name.equals("r8-metadata")) {
        Files.write(caches.resolve("truncated.pgcache"),
            Arrays.copyOf(cache, cache.length / 2));
      }
      System.out.println(name + ": " + cache.length + " bytes, "
          + ProguardCache.of(dev.symbolic.common.ByteView.of(cache)).classCount() + " classes");
    }
  }
}
