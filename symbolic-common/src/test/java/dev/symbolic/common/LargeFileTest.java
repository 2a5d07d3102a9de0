package dev.symbolic.common;

import static dev.symbolic.common.ByteViewTest.assertParseError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maps a sparse 3 GiB file: the view spans three 1 GiB chunks and offsets beyond 2^31, which no
 * single {@code MappedByteBuffer} can address. Sparse files cost no disk space.
 */
class LargeFileTest {
  private static final long GIB = 1L << 30;
  private static final long SIZE = 3 * GIB;

  @TempDir Path tmp;

  /** Writes {@code bytes} at {@code pos}, so the file holds known values around boundaries. */
  private static void put(RandomAccessFile f, long pos, int... bytes) throws IOException {
    f.seek(pos);
    for (int b : bytes) {
      f.write(b);
    }
  }

  @Test
  void readsAcrossChunkAndTwoGibBoundaries() throws IOException {
    Path file = tmp.resolve("sparse.bin");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(SIZE);
      put(f, GIB - 4, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88); // straddles chunk 0/1
      put(f, 2 * GIB - 2, 'h', 'i', 0); // a string across chunk 1/2, at 2^31
      put(f, 2 * GIB + 5, 0x7F);
      put(f, SIZE - 8, 1, 2, 3, 4, 5, 6, 7, 8);
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "file system refused a sparse 3 GiB file: " + e);
    }
    assumeTrue(Files.size(file) == SIZE);

    ByteView v;
    try {
      v = ByteView.map(file);
    } catch (IOException e) {
      assumeTrue(false, "cannot map 3 GiB here: " + e);
      return;
    }
    assertThat(v.length()).isEqualTo(SIZE);

    long b = GIB - 4;
    assertThat(v.u64le(b)).isEqualTo(0x8877665544332211L);
    assertThat(v.u64be(b)).isEqualTo(0x1122334455667788L);
    for (int k = 0; k < 4; k++) { // every straddling position of a 4-byte read
      assertThat(v.u32be(b + 1 + k)).isEqualTo(v.slice(b + 1 + k, 4).reader().u32be());
    }
    assertThat(v.u32le(GIB - 2)).isEqualTo(0x66554433L);
    assertThat(v.u16be(GIB - 1)).isEqualTo(0x4455);
    assertThat(v.i32be(GIB)).isEqualTo(0x55667788);
    byte[] copy = new byte[8];
    v.copyTo(b, copy, 0, 8);
    assertThat(copy).containsExactly(0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88);
    assertThat(v.startsWith(GIB - 1, new byte[] {0x44, 0x55})).isTrue();
    assertThat(v.indexOf((byte) 0x66, GIB - 100, GIB + 100)).isEqualTo(GIB + 1);

    long twoGib = 2 * GIB;
    assertThat(v.cstring(twoGib - 2)).isEqualTo("hi");
    assertThat(v.u8(twoGib)).isZero();
    assertThat(v.indexOf((byte) 0x7F, twoGib - 10, twoGib + 10)).isEqualTo(twoGib + 5);
    ByteView across = v.slice(twoGib - 2, 8);
    assertThat(across.toByteArray()).containsExactly('h', 'i', 0, 0, 0, 0, 0, 0x7F);
    ByteReader r = v.reader(twoGib - 2);
    assertThat(r.cstring()).isEqualTo("hi");
    assertThat(r.position()).isEqualTo(twoGib + 1);
    assertThat(r.skip(4).u8()).isEqualTo(0x7F);
    assertThat(v.inputStream().skip(SIZE - 1)).isEqualTo(SIZE - 1);

    assertThat(v.u64be(SIZE - 8)).isEqualTo(0x0102030405060708L);
    assertThat(v.slice(SIZE - 4).u32le(0)).isEqualTo(0x08070605L);
    assertParseError(() -> v.u64be(SIZE - 7), SIZE - 7);
    assertParseError(() -> v.u8(SIZE), SIZE);
    assertParseError(v::toByteArray, 0);
  }
}
