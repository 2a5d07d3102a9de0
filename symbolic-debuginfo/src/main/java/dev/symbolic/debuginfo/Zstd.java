package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.util.Objects;

/**
 * A Zstandard (RFC 8878) decompressor, as used by ELF sections compressed with {@code
 * ELFCOMPRESS_ZSTD}.
 *
 * <p>All of the format is supported except dictionaries: raw, RLE and compressed blocks;
 * raw, RLE and Huffman-coded literals (one or four streams, with or without a new tree); predefined,
 * RLE, FSE-coded and repeated sequence tables; skippable frames; and content checksums, which are
 * verified. The whole output is kept in memory, so matches may reach back anywhere in the frame.
 *
 * <p>Malformed input only ever throws {@link DebugInfoException}, never another runtime exception,
 * and {@code maxOutput} bounds the memory spent on output, which guards against decompression bombs.
 */
public final class Zstd {
  private Zstd() {}

  /**
   * Decompresses one or more concatenated Zstandard frames; skippable frames are skipped.
   *
   * @param input the compressed bytes; it must hold at least one frame
   * @param maxOutput the largest decompressed size accepted, in bytes
   * @return the decompressed bytes of all frames, concatenated
   * @throws DebugInfoException if the input is malformed, truncated, needs a dictionary, fails its
   *     checksum, or would decompress to more than {@code maxOutput} bytes; its offset is relative
   *     to {@code input}
   * @throws IllegalArgumentException if {@code maxOutput} is negative
   */
  public static byte[] decompress(ByteView input, long maxOutput) {
    Objects.requireNonNull(input, "input");
    if (maxOutput < 0) {
      throw new IllegalArgumentException("maxOutput < 0: " + maxOutput);
    }
    if (input.length() > Integer.MAX_VALUE - 8) {
      throw new DebugInfoException(0, "zstd: compressed input too large: " + input.length());
    }
    byte[] in = input.toByteArray();
    return new ZstdDecoder(in, 0, maxOutput).run();
  }
}
