package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZstdTest {
  private static final long LIMIT = 1L << 30;

  static byte[] resource(String name) {
    try (InputStream in = ZstdTest.class.getResourceAsStream("/zstd/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource zstd/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] decompress(byte[] data) {
    return Zstd.decompress(ByteView.of(data), LIMIT);
  }

  /** The original of {@code rle.zst}. */
  static byte[] rleOriginal() {
    byte[] out = new byte[403000];
    Arrays.fill(out, 0, 300000, (byte) 'a');
    Arrays.fill(out, 300000, 400000, (byte) 'b');
    for (int i = 400000; i < out.length; i++) {
      out[i] = (byte) ("abc".charAt((i - 400000) % 3));
    }
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  // ---- Checked-in fixtures, made with the zstd 1.5.4 CLI: these always run. ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text.l1.zst", // zstd -1
        "text.l3.zst", // zstd -3
        "text.l19.zst", // zstd -19
        "text.ultra22.zst", // zstd --ultra -22
        "text.long.zst", // zstd --long=24 -3
        "text.nocheck.zst", // zstd -3 --no-check
        "text.stream.zst", // from stdin: no content size, with checksum
      })
  void decompressesTextFixtures(String name) {
    assertThat(decompress(resource(name))).isEqualTo(resource("text.txt"));
  }

  @Test
  void decompressesRawBlocks() {
    assertThat(decompress(resource("random.zst"))).isEqualTo(resource("random.bin"));
  }

  @Test
  void decompressesRleBlocks() {
    byte[] zst = resource("rle.zst");
    assertThat(zst.length).isLessThan(100);
    assertThat(decompress(zst)).isEqualTo(rleOriginal());
  }

  @Test
  void decompressesEmptyContent() {
    assertThat(decompress(resource("empty.zst"))).isEmpty();
  }

  @Test
  void decompressesConcatenatedAndSkippableFrames() {
    // text.l3.zst, a skippable frame, random.zst and empty.zst
    assertThat(decompress(resource("multi.zst")))
        .isEqualTo(concat(resource("text.txt"), resource("random.bin")));
  }

  @Test
  void decompressesFromASliceOfALargerView() {
    byte[] zst = resource("text.l3.zst");
    byte[] padded = concat(new byte[17], zst, new byte[5]);
    ByteView view = ByteView.of(padded).slice(17, zst.length);
    assertThat(Zstd.decompress(view, LIMIT)).isEqualTo(resource("text.txt"));
  }

  // ---- Hand-made frames for paths the CLI rarely takes. ----

  @Test
  void directHuffmanWeights() {
    // Single-segment frame of 4 bytes; one compressed block; Huffman literals, 1 stream, with
    // direct weights (header 0x80: one weight, symbol 0 has weight 1, symbol 1 implied); 0 seqs.
    byte[] frame = hex("28b52ffd 20 04 3d0000 42c000 80 10 1b 00");
    assertThat(decompress(frame)).containsExactly(1, 0, 1, 1);
  }

  @Test
  void rleLiteralsAndRleSequenceTables() {
    // RLE literals "xxx"; one sequence with RLE tables: LL code 3, OF code 0 (repeat 1 = 1),
    // ML code 2 (length 5); the bit stream is only its end marker.
    byte[] frame = hex("28b52ffd 20 08 450000 19 78 01 54 03 00 02 01");
    assertThat(new String(decompress(frame), StandardCharsets.US_ASCII)).isEqualTo("xxxxxxxx");
  }

  @Test
  void skippableFrameAlone() {
    assertThat(decompress(hex("5a2a4d18 03000000 616263"))).isEmpty();
  }

  // ---- Errors ----

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> decompress(new byte[0]))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("empty input");
  }

  @Test
  void rejectsBadMagic() {
    assertThatThrownBy(() -> decompress(hex("00112233 44")))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void rejectsTrailingGarbage() {
    byte[] data = concat(resource("empty.zst"), new byte[] {1, 2});
    assertThatThrownBy(() -> decompress(data))
        .isInstanceOf(DebugInfoException.class)
        .satisfies(e -> assertThat(((DebugInfoException) e).offset()).isEqualTo(13));
  }

  @Test
  void rejectsDictionaries() {
    // FHD 0x21: single segment, 1-byte dictionary id 7, 1-byte content size.
    assertThatThrownBy(() -> decompress(hex("28b52ffd 21 07 00 010000")))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("dictionar");
  }

  @Test
  void rejectsReservedBlockType() {
    assertThatThrownBy(() -> decompress(hex("28b52ffd 20 00 070000")))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("reserved block type");
  }

  @Test
  void rejectsChecksumMismatch() {
    byte[] zst = resource("text.l3.zst");
    zst[zst.length - 1] ^= 1;
    assertThatThrownBy(() -> decompress(zst))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void enforcesMaxOutputWithDeclaredSize() {
    byte[] zst = resource("rle.zst");
    assertThatThrownBy(() -> Zstd.decompress(ByteView.of(zst), 402999))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("limit");
    assertThat(Zstd.decompress(ByteView.of(zst), 403000)).hasSize(403000);
  }

  @Test
  void enforcesMaxOutputWithoutDeclaredSize() {
    byte[] zst = resource("text.stream.zst");
    assertThatThrownBy(() -> Zstd.decompress(ByteView.of(zst), 100021))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("limit");
    assertThat(Zstd.decompress(ByteView.of(zst), 100022)).hasSize(100022);
  }

  @Test
  void enforcesMaxOutputAcrossFrames() {
    byte[] zst = resource("multi.zst");
    assertThatThrownBy(() -> Zstd.decompress(ByteView.of(zst), 110021))
        .isInstanceOf(DebugInfoException.class);
    assertThat(Zstd.decompress(ByteView.of(zst), 110022)).hasSize(110022);
  }

  @Test
  void rejectsEveryTruncation() {
    byte[] zst = resource("text.l19.zst");
    Random random = new Random(1);
    for (int i = 0; i < 300; i++) {
      int len = i < 100 ? i : random.nextInt(zst.length);
      byte[] cut = Arrays.copyOf(zst, len);
      assertThatThrownBy(() -> decompress(cut)).isInstanceOf(DebugInfoException.class);
    }
  }

  @Test
  void xxh64KnownValues() {
    assertThat(ZstdXxh64.hash(new byte[0], 0, 0, 0)).isEqualTo(0xEF46DB3751D8E999L);
  }

  // ---- Vectors made at test time by the zstd CLI, when installed. ----

  static byte[] text(int size, long seed) {
    Random random = new Random(seed);
    String[] words = new String[700];
    for (int i = 0; i < words.length; i++) {
      StringBuilder w = new StringBuilder();
      int n = 1 + random.nextInt(9);
      for (int j = 0; j < n; j++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = w.toString();
    }
    StringBuilder sb = new StringBuilder(size + 16);
    while (sb.length() < size) {
      sb.append(words[(int) Math.abs(random.nextGaussian() * 120) % words.length]);
      sb.append(random.nextInt(12) == 0 ? ".\n" : " ");
      if (random.nextInt(40) == 0) {
        sb.append(random.nextLong()).append(' ');
      }
    }
    return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static void assumeCli() {
    assumeTrue(ZstdCli.available(), "zstd CLI not installed; CLI-generated vectors skipped");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-1",
        "-3",
        "-19",
        "--ultra -22",
        "--long=27 -3",
        "--long=27 -19",
        "-3 --no-check",
        "-3 -C",
        "--fast=5",
        "-9 --no-content-size",
        "-6 -B4096",
      })
  void cliLevels(String args) throws IOException {
    assumeCli();
    byte[] data = concat(text(700_000, 7), rleOriginal(), randomBytes(50_000, 3), text(300_000, 7));
    byte[] zst = ZstdCli.compress(data, false, args.split(" "));
    assertThat(decompress(zst)).isEqualTo(data);
  }

  @Test
  void cliStreamedAndMultipleFrames() throws IOException {
    assumeCli();
    byte[] a = text(200_000, 1);
    byte[] b = randomBytes(150_000, 2);
    byte[] c = new byte[0];
    byte[] zst =
        concat(
            ZstdCli.compress(a, true, "-5"),
            ZstdCli.compress(b, false, "-1"),
            ZstdCli.compress(c, false, "-3"),
            ZstdCli.compress(a, false, "-19", "--no-check"));
    assertThat(decompress(zst)).isEqualTo(concat(a, b, c, a));
  }

  @Test
  void cliEmptyRepetitiveAndIncompressible() throws IOException {
    assumeCli();
    for (byte[] data : new byte[][] {new byte[0], new byte[1 << 20], randomBytes(1 << 20, 9)}) {
      for (String level : new String[] {"-1", "-19"}) {
        assertThat(decompress(ZstdCli.compress(data, false, level))).isEqualTo(data);
      }
    }
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  // ---- A real ELF section compressed with ELFCOMPRESS_ZSTD. ----

  @Test
  void decompressesElfDebugInfo() throws IOException {
    Path corpus = Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"));
    Path file = corpus.resolve("debuginfo/generated/binaries/c-clang-O2-dwarf5-lld-zstd");
    assumeTrue(Files.isRegularFile(file), "corpus binary not found: " + file);
    ByteView elf = ByteView.of(Files.readAllBytes(file));
    assertThat(elf.u32le(0)).isEqualTo(0x464c457fL);
    assertThat(elf.u8(4)).isEqualTo(2); // ELFCLASS64
    long shoff = elf.u64le(0x28);
    int shentsize = elf.u16le(0x3a);
    int shnum = elf.u16le(0x3c);
    int shstrndx = elf.u16le(0x3e);
    long strOff = elf.u64le(shoff + (long) shstrndx * shentsize + 24);
    int found = 0;
    for (int i = 0; i < shnum; i++) {
      long sh = shoff + (long) i * shentsize;
      String name = elf.cstring(strOff + elf.u32le(sh));
      long flags = elf.u64le(sh + 8);
      long offset = elf.u64le(sh + 24);
      long size = elf.u64le(sh + 32);
      if ((flags & 0x800) == 0 || !name.startsWith(".debug_")) {
        continue;
      }
      ByteView section = elf.slice(offset, size);
      assertThat(section.u32le(0)).as("ch_type of %s", name).isEqualTo(2L); // ELFCOMPRESS_ZSTD
      long chSize = section.u64le(8);
      byte[] data = Zstd.decompress(section.slice(24), chSize);
      assertThat((long) data.length).as("size of %s", name).isEqualTo(chSize);
      if (name.equals(".debug_info")) {
        int version = (data[4] & 0xFF) | (data[5] & 0xFF) << 8;
        assertThat(version).isEqualTo(5);
      }
      found++;
    }
    assertThat(found).isGreaterThan(0);
  }

  // ---- Throughput (informational). ----

  @Test
  void throughput() throws IOException {
    byte[] data;
    byte[] zst;
    if (ZstdCli.available()) {
      data = text(8 << 20, 11);
      zst = ZstdCli.compress(data, false, "-3");
    } else {
      byte[] one = resource("text.l3.zst");
      zst = concat(one, one, one, one, one, one, one, one);
      byte[] t = resource("text.txt");
      data = concat(t, t, t, t, t, t, t, t);
    }
    assertThat(decompress(zst)).isEqualTo(data);
    long bytes = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < 1_000_000_000L) {
      bytes += decompress(zst).length;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double mbPerSecond = bytes / seconds / 1e6;
    System.out.printf("Zstd throughput: %.0f MB/s (%d-byte input)%n", mbPerSecond, data.length);
    assertThat(mbPerSecond).isGreaterThan(2);
  }
}
