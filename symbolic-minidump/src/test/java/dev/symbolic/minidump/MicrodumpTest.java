package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.DebugId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Breakpad text microdumps, read as the minidump of their records. */
class MicrodumpTest {
  private static final String PREFIX = "W/google-breakpad( 3728): ";

  private static Minidump parse(String... records) {
    StringBuilder log = new StringBuilder("I/other( 1): unrelated line\n");
    log.append(PREFIX).append("-----BEGIN BREAKPAD MICRODUMP-----\n");
    for (String r : records) {
      log.append(PREFIX).append(r).append('\n');
    }
    log.append(PREFIX).append("-----END BREAKPAD MICRODUMP-----\n");
    return Minidump.parse(ByteView.of(log.toString().getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void recordsBecomeStreams() {
    StringBuilder context = new StringBuilder("02000040"); // ARM flags, little-endian
    for (int i = 0; i < 364; i++) {
      context.append("00");
    }
    Minidump dump = parse(
        "O A arm 04 armv7l some version",
        "S 0 00001010 00001000 00000020",
        "S 00001000 0102030405060708",
        "C " + context,
        "M 00400000 00000000 00010000 8F36148CC4647A8116CAF2A25F591F570 /system/lib/libfoo.so");
    SystemInfo system = dump.systemInfo().orElseThrow();
    assertThat(system.os()).isEqualTo("Android");
    assertThat(system.cpu()).isEqualTo("arm");
    assertThat(dump.threads()).hasSize(1);
    assertThat(dump.memory().readU32(0x1000)).hasValue(0x04030201L);
    assertThat(dump.memory().readU32(0x1018)).hasValue(0);
    MinidumpModule m = dump.modules().get(0);
    assertThat(m.baseAddress()).isEqualTo(0x400000);
    assertThat(m.debugId()).contains(DebugId.parse("8F36148CC4647A8116CAF2A25F591F570"));
    assertThat(m.debugFile()).contains("libfoo.so");
  }

  @Test
  void malformedRecordsAreRejected() {
    assertThatThrownBy(() -> parse("O A arm 04 x", "S 0 1000 1000 10"))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("context");
    assertThatThrownBy(() -> parse("O A arm 04 x", "S 0 1000 1000 10", "S 1000 0G", "C 00"))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("hexadecimal");
    assertThatThrownBy(() -> parse("O A arm 04 x", "S 0 1000 1000 10", "S 0FF0 0000", "C 00"))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("outside the stack");
    assertThatThrownBy(() -> parse("O A arm 04 x", "S 0 1000 1000 FFFFFFFF", "C 00"))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("shorter log");
    assertThatThrownBy(() -> parse("O A sparc 04 x", "S 0 1000 1000 10", "C 00"))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("architecture");
  }

  /** Breakpad's own microdumps walk, with frames named from the symbols stored for them. */
  @Test
  void corpusMicrodumpsWalkWithTheirSymbols() throws IOException {
    Path dir = MinidumpCorpusTest.corpus().resolve("breakpad");
    assumeTrue(Files.isRegularFile(dir.resolve("microdump-arm.dmp")), "corpus absent; skipped");
    SymbolSupplier symbols = SymbolSupplier.of(List.of(dir.resolve("symbols/microdump")));
    for (String name : List.of("microdump-arm.dmp", "microdump-arm64.dmp")) {
      ProcessState state =
          ProcessState.process(Minidump.parse(ByteView.map(dir.resolve(name))), symbols);
      List<StackFrame> frames = state.threads().get(0).frames();
      assertThat(frames).as(name).hasSizeGreaterThan(3);
      assertThat(frames.get(0).function()).as(name)
          .isEqualTo("MicrodumpWriterTest_Setup_Test::TestBody");
    }
  }
}
