package dev.symbolic.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ByteViewTest {
  private static final byte[] DATA = {
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, (byte) 0x89, (byte) 0xFF
  };

  @TempDir Path tmp;

  static void assertParseError(ThrowingCallable call, long offset) {
    assertThatThrownBy(call)
        .isInstanceOf(ParseException.class)
        .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(offset));
  }

  @Test
  void readsLittleAndBigEndian() {
    ByteView v = ByteView.of(DATA);
    assertThat(v.length()).isEqualTo(10);
    assertThat(v.isEmpty()).isFalse();
    assertThat(v.get(8)).isEqualTo((byte) 0x89);
    assertThat(v.u8(8)).isEqualTo(0x89);
    assertThat(v.u16le(0)).isEqualTo(0x0201);
    assertThat(v.u16be(0)).isEqualTo(0x0102);
    assertThat(v.u16le(8)).isEqualTo(0xFF89);
    assertThat(v.u16be(8)).isEqualTo(0x89FF);
    assertThat(v.u32le(0)).isEqualTo(0x04030201L);
    assertThat(v.u32be(0)).isEqualTo(0x01020304L);
    assertThat(v.u32le(6)).isEqualTo(0xFF890807L);
    assertThat(v.u32be(6)).isEqualTo(0x070889FFL);
    assertThat(v.i32le(6)).isEqualTo(0xFF890807);
    assertThat(v.i32be(6)).isEqualTo(0x070889FF);
    assertThat(v.u64le(0)).isEqualTo(0x0807060504030201L);
    assertThat(v.u64be(0)).isEqualTo(0x0102030405060708L);
    assertThat(v.u64le(2)).isEqualTo(0xFF89080706050403L);
    assertThat(v.u64be(2)).isEqualTo(0x03040506070889FFL);
  }

  /** Every read method, with the number of bytes it needs. */
  static Stream<Arguments> reads() {
    return Stream.of(
        read("get", 1, (v, o) -> v.get(o)),
        read("u8", 1, (v, o) -> v.u8(o)),
        read("u16le", 2, (v, o) -> v.u16le(o)),
        read("u16be", 2, (v, o) -> v.u16be(o)),
        read("u32le", 4, (v, o) -> v.u32le(o)),
        read("u32be", 4, (v, o) -> v.u32be(o)),
        read("i32le", 4, (v, o) -> v.i32le(o)),
        read("i32be", 4, (v, o) -> v.i32be(o)),
        read("u64le", 8, (v, o) -> v.u64le(o)),
        read("u64be", 8, (v, o) -> v.u64be(o)),
        read("utf8", 3, (v, o) -> v.utf8(o, 3)),
        read("latin1", 3, (v, o) -> v.latin1(o, 3)),
        read("slice", 3, (v, o) -> v.slice(o, 3)),
        read("copyTo", 3, (v, o) -> v.copyTo(o, new byte[3], 0, 3)));
  }

  interface Read {
    void apply(ByteView v, long offset);
  }

  static Arguments read(String name, int size, Read read) {
    return Arguments.of(name, size, read);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void everyReadIsBoundsChecked(String name, int size, Read read) throws IOException {
    Path file = tmp.resolve("f");
    Files.write(file, DATA);
    for (ByteView v :
        new ByteView[] {
          ByteView.of(DATA),
          ByteView.of(new byte[20], 5, 10),
          ByteView.map(file),
          ByteView.map(file, 2),
          ByteView.of(new byte[30]).slice(7, 10)
        }) {
      read.apply(v, 0);
      read.apply(v, 10 - size); // last valid offset
      for (long bad : new long[] {10 - size + 1, 10, 11, 1L << 40, Long.MAX_VALUE}) {
        assertParseError(() -> read.apply(v, bad), bad);
      }
      for (long bad : new long[] {-1, Long.MIN_VALUE}) {
        assertParseError(() -> read.apply(v, bad), bad);
      }
    }
  }

  @Test
  void errorMessagesSayWhatHappened() {
    ByteView v = ByteView.of(DATA);
    assertThatThrownBy(() -> v.u32le(8))
        .hasMessage("read of 4 bytes past end (length 10) at offset 8");
    assertThatThrownBy(() -> v.u8(10)).hasMessage("read of 1 byte past end (length 10) at offset 10");
    assertThatThrownBy(() -> v.u8(-3)).hasMessage("negative offset at offset -3");
    assertThatThrownBy(() -> v.slice(2, -1)).hasMessage("negative length -1 at offset 2");
    ParseException e = new ParseException(7, "bad magic");
    assertThat(e.reason()).isEqualTo("bad magic");
    assertThat(e.offset()).isEqualTo(7);
    assertThat(e).isInstanceOf(SymbolicException.class).isInstanceOf(RuntimeException.class);
    Exception cause = new IOException("x");
    assertThat(new ParseException(1, "r", cause).getCause()).isSameAs(cause);
    assertThat(new SymbolicException("m", cause)).hasMessage("m").hasCause(cause);
  }

  @Test
  void negativeLengthsAreParseErrors() {
    ByteView v = ByteView.of(DATA);
    assertParseError(() -> v.slice(0, -1), 0);
    assertParseError(() -> v.utf8(1, -1), 1);
    assertParseError(() -> v.latin1(2, -5), 2);
    assertParseError(() -> v.copyTo(3, new byte[4], 0, -1), 3);
    assertParseError(() -> v.reader().bytes(-1), 0);
    assertParseError(() -> v.reader(4).byteArray(-2), 4);
    assertParseError(() -> ByteView.of(DATA, 2, -1), 2);
    assertParseError(() -> ByteView.of(DATA, -1, 2), -1);
    assertParseError(() -> ByteView.of(DATA, 5, 6), 5);
  }

  @Test
  void slicesAreZeroCopyViews() {
    byte[] bytes = DATA.clone();
    ByteView v = ByteView.of(bytes);
    ByteView s = v.slice(2, 6);
    assertThat(s.length()).isEqualTo(6);
    assertThat(s.u8(0)).isEqualTo(3);
    bytes[2] = 42; // wrapping promises no copy; observe it
    assertThat(s.u8(0)).isEqualTo(42);
    assertThat(s.slice(1).toByteArray()).containsExactly(4, 5, 6, 7, 8);
    assertThat(v.slice(10).isEmpty()).isTrue();
    assertThat(v.slice(0, 10)).isSameAs(v);
    assertParseError(() -> v.slice(11), 11);
    assertParseError(() -> s.slice(5, 2), 5);
    assertParseError(() -> s.u8(6), 6); // offsets are relative to the slice
    assertThat(ByteView.of(DATA, 8, 2).u16be(0)).isEqualTo(0x89FF);
  }

  @Test
  void emptyView() {
    ByteView e = ByteView.empty();
    assertThat(e.length()).isZero();
    assertThat(e.isEmpty()).isTrue();
    assertThat(e.toByteArray()).isEmpty();
    assertThat(e.indexOf((byte) 0, 0, 0)).isEqualTo(-1);
    assertThat(e.startsWith(0, new byte[0])).isTrue();
    assertParseError(() -> e.u8(0), 0);
    assertParseError(() -> e.cstring(0), 0);
    assertThat(ByteView.of(new byte[0]).slice(0, 0).isEmpty()).isTrue();
    assertThat(e.toString()).isEqualTo("ByteView[length=0]");
  }

  @Test
  void indexOfFindsFirstMatchInRange() {
    byte[] bytes = new byte[100];
    bytes[3] = 7;
    bytes[40] = 7;
    bytes[99] = 7;
    ByteView v = ByteView.of(bytes);
    assertThat(v.indexOf((byte) 7, 0, 100)).isEqualTo(3);
    assertThat(v.indexOf((byte) 7, 3, 100)).isEqualTo(3);
    assertThat(v.indexOf((byte) 7, 4, 100)).isEqualTo(40);
    assertThat(v.indexOf((byte) 7, 4, 40)).isEqualTo(-1);
    assertThat(v.indexOf((byte) 7, 41, 100)).isEqualTo(99);
    assertThat(v.indexOf((byte) 7, 41, 99)).isEqualTo(-1);
    assertThat(v.indexOf((byte) 7, 50, 50)).isEqualTo(-1);
    assertThat(v.indexOf((byte) 1, 0, 100)).isEqualTo(-1);
    assertThat(v.slice(10).indexOf((byte) 7, 0, 90)).isEqualTo(30);
    assertParseError(() -> v.indexOf((byte) 7, -1, 10), -1);
    assertParseError(() -> v.indexOf((byte) 7, 0, 101), 101);
    assertParseError(() -> v.indexOf((byte) 7, 20, 10), 20);
  }

  @Test
  void indexOfHandlesHighBytesAndEveryAlignment() {
    // The word-at-a-time search must not confuse 0x80 / 0xFF / 0x00 neighbours.
    byte[] bytes = new byte[64];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i % 2 == 0 ? 0x80 : 0xFF);
    }
    ByteView v = ByteView.of(bytes);
    for (int pos = 0; pos < 64; pos++) {
      byte saved = bytes[pos];
      bytes[pos] = 0;
      for (int from = 0; from <= pos; from++) {
        assertThat(v.indexOf((byte) 0, from, 64)).isEqualTo(pos);
      }
      assertThat(v.indexOf((byte) 0, pos + 1, 64)).isEqualTo(-1);
      bytes[pos] = saved;
    }
    assertThat(v.indexOf((byte) 0x7F, 0, 64)).isEqualTo(-1);
    assertThat(v.indexOf((byte) 0xFF, 0, 64)).isEqualTo(1);
    assertThat(v.indexOf((byte) 0x80, 1, 64)).isEqualTo(2);
  }

  @Test
  void startsWith() {
    ByteView v = ByteView.of(DATA);
    assertThat(v.startsWith(0, new byte[] {1, 2, 3})).isTrue();
    assertThat(v.startsWith(1, new byte[] {2, 3})).isTrue();
    assertThat(v.startsWith(1, new byte[] {2, 4})).isFalse();
    assertThat(v.startsWith(8, new byte[] {(byte) 0x89, (byte) 0xFF})).isTrue();
    assertThat(v.startsWith(9, new byte[] {(byte) 0xFF, 0})).isFalse();
    assertThat(v.startsWith(-1, new byte[] {1})).isFalse();
    assertThat(v.startsWith(10, new byte[0])).isTrue();
    assertThat(v.startsWith(11, new byte[0])).isFalse();
    assertThat(v.startsWith(Long.MAX_VALUE, new byte[] {1})).isFalse();
  }

  @Test
  void copyToAndToByteArray() {
    ByteView v = ByteView.of(DATA);
    byte[] dst = new byte[6];
    v.copyTo(2, dst, 1, 4);
    assertThat(dst).containsExactly(0, 3, 4, 5, 6, 0);
    assertThat(v.slice(7).toByteArray()).containsExactly(8, 0x89, 0xFF);
    assertThatThrownBy(() -> v.copyTo(0, dst, 4, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.copyTo(0, dst, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertParseError(() -> v.copyTo(8, new byte[10], 0, 4), 8);
    int[] ints = new int[3];
    v.copyIntsLe(1, ints, 1, 2);
    assertThat(ints).containsExactly(0, 0x05040302, 0x89080706);
    assertThatThrownBy(() -> v.copyIntsLe(0, ints, 2, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertParseError(() -> v.copyIntsLe(4, new int[4], 0, 2), 4);
  }

  @Test
  void decodesStrings() {
    byte[] bytes = "héllo\0wörld\0tail".getBytes(StandardCharsets.UTF_8);
    ByteView v = ByteView.of(bytes);
    assertThat(v.cstring(0)).isEqualTo("héllo");
    assertThat(v.cstring(7)).isEqualTo("wörld");
    assertThat(v.cstring(6)).isEqualTo("");
    assertThat(v.utf8(0, 6)).isEqualTo("héllo");
    assertParseError(() -> v.cstring(14), 14); // "tail" has no terminator
    assertParseError(() -> v.cstring(bytes.length), bytes.length);
    assertParseError(() -> v.cstring(bytes.length + 1), bytes.length + 1);
    assertParseError(() -> v.cstring(-1), -1);
    assertThatThrownBy(() -> v.cstring(14)).hasMessageContaining("unterminated string");

    ByteView bad = ByteView.of(new byte[] {'a', (byte) 0xC3, 'b', (byte) 0xFF, 0});
    assertThat(bad.utf8(0, 4)).isEqualTo("a\uFFFDb\uFFFD");
    assertThat(bad.cstring(0)).isEqualTo("a\uFFFDb\uFFFD");
    assertThat(bad.latin1(0, 4)).isEqualTo("a\u00C3b\u00FF");
  }

  @Test
  void inputStreamStreamsTheView() throws IOException {
    ByteView v = ByteView.of(DATA).slice(1, 8);
    try (InputStream in = v.inputStream()) {
      assertThat(in.markSupported()).isTrue();
      assertThat(in.available()).isEqualTo(8);
      assertThat(in.read()).isEqualTo(2);
      in.mark(100);
      byte[] buf = new byte[4];
      assertThat(in.read(buf, 0, 4)).isEqualTo(4);
      assertThat(buf).containsExactly(3, 4, 5, 6);
      in.reset();
      assertThat(in.skip(2)).isEqualTo(2);
      assertThat(in.read(buf, 1, 0)).isZero();
      assertThat(in.readAllBytes()).containsExactly(5, 6, 7, 8, 0x89);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(buf, 0, 4)).isEqualTo(-1);
      assertThat(in.skip(5)).isZero();
      assertThat(in.available()).isZero();
    }
  }

  @Test
  void mapsFiles() throws IOException {
    Path file = tmp.resolve("small.bin");
    Files.write(file, DATA);
    ByteView v = ByteView.map(file);
    assertThat(v.length()).isEqualTo(10);
    assertThat(v.toByteArray()).isEqualTo(DATA);
    assertThat(v.u64be(2)).isEqualTo(0x03040506070889FFL);

    Path empty = tmp.resolve("empty.bin");
    Files.write(empty, new byte[0]);
    assertThat(ByteView.map(empty).isEmpty()).isTrue();

    assertThatThrownBy(() -> ByteView.map(tmp.resolve("missing"))).isInstanceOf(IOException.class);
  }

  /**
   * Maps with 16-byte chunks so that every multi-byte read at every offset, including those that
   * straddle chunk boundaries, can be compared with the same bytes on the heap.
   */
  @Test
  void chunkedMappingMatchesHeapAtEveryOffset() throws IOException {
    byte[] bytes = new byte[100];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 37 + 11);
    }
    bytes[33] = 0;
    bytes[64] = 0;
    Path file = tmp.resolve("chunked.bin");
    Files.write(file, bytes);
    ByteView heap = ByteView.of(bytes);
    ByteView mapped = ByteView.map(file, 4);
    forEachView(
        heap,
        mapped,
        (pair) -> {
          ByteView h = pair[0];
          ByteView m = pair[1];
          for (long o = 0; o < h.length(); o++) {
            assertThat(m.get(o)).isEqualTo(h.get(o));
            if (o + 2 <= h.length()) {
              assertThat(m.u16le(o)).isEqualTo(h.u16le(o));
              assertThat(m.u16be(o)).isEqualTo(h.u16be(o));
            }
            if (o + 4 <= h.length()) {
              assertThat(m.u32le(o)).isEqualTo(h.u32le(o));
              assertThat(m.i32be(o)).isEqualTo(h.i32be(o));
            }
            if (o + 8 <= h.length()) {
              assertThat(m.u64le(o)).isEqualTo(h.u64le(o));
              assertThat(m.u64be(o)).isEqualTo(h.u64be(o));
            }
            for (int b : new int[] {0, 11, 48}) {
              assertThat(m.indexOf((byte) b, o, h.length()))
                  .isEqualTo(h.indexOf((byte) b, o, h.length()));
            }
            if (h.indexOf((byte) 0, o, h.length()) >= 0) {
              assertThat(m.cstring(o)).isEqualTo(h.cstring(o));
            }
            int n = (int) Math.min(37, h.length() - o);
            assertThat(m.latin1(o, n)).isEqualTo(h.latin1(o, n));
            int ints = (int) ((h.length() - o) / 4);
            int[] fromHeap = new int[ints + 1];
            int[] fromMapping = new int[ints + 1];
            h.copyIntsLe(o, fromHeap, 1, ints);
            m.copyIntsLe(o, fromMapping, 1, ints);
            assertThat(fromMapping).isEqualTo(fromHeap);
            if (ints > 0) {
              assertThat(fromHeap[ints]).isEqualTo(h.i32le(o + 4L * (ints - 1)));
            }
            assertThat(m.startsWith(o, h.slice(o, n).toByteArray())).isTrue();
          }
          assertThat(m.toByteArray()).isEqualTo(h.toByteArray());
        });
  }

  /** Applies a check to the pair and to a few slices of it. */
  private static void forEachView(ByteView h, ByteView m, Consumer<ByteView[]> check) {
    check.accept(new ByteView[] {h, m});
    check.accept(new ByteView[] {h.slice(5), m.slice(5)});
    check.accept(new ByteView[] {h.slice(15, 50), m.slice(15, 50)});
    check.accept(new ByteView[] {h.slice(16, 16), m.slice(16, 16)});
  }

  @Test
  void viewsAreSafeToShareBetweenThreads() throws Exception {
    byte[] bytes = new byte[1 << 16];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Path file = tmp.resolve("shared.bin");
    Files.write(file, bytes);
    ByteView v = ByteView.map(file, 12);
    Thread[] threads = new Thread[4];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads.length; t++) {
      int seed = t;
      threads[t] =
          new Thread(
              () -> {
                try {
                  for (int i = seed; i < bytes.length - 8; i += 3) {
                    assertThat(v.u8(i)).isEqualTo(i & 0xFF);
                    byte[] dst = new byte[8];
                    v.copyTo(i, dst, 0, 8);
                    assertThat(dst[7]).isEqualTo((byte) (i + 7));
                  }
                } catch (Throwable e) {
                  failure[0] = e;
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failure[0]).isNull();
  }
}
