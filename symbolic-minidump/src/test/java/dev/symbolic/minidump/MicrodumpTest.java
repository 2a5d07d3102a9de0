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

  /** A MIPS context as hex: flags, then the registers given as {index, value}; epc is 32. */
  private static String mipsContext(long flags, long[]... registers) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(600)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, (int) flags);
    for (long[] r : registers) {
      b.putLong(r[0] == 32 ? 312 : 8 + 8 * (int) r[0], r[1]);
    }
    StringBuilder hex = new StringBuilder();
    for (byte x : b.array()) {
      hex.append(String.format("%02X", x));
    }
    return hex.toString();
  }

  /**
   * A mips32 walk by stack scanning: the caller is the first word that points into a module and
   * sits above a plausible saved frame pointer; its program counter is two instructions before
   * that return address, and only pc, sp, fp and ra are known.
   */
  @Test
  void mipsWalksByScanningAsBreakpadDoes() {
    Minidump dump = parse(
        "O A mips 01 mips 3.0.8 #1 SMP",
        "S 0 7F000000 7F000000 00000020",
        // fp 0x7f000100 at +4, return address 0x10000208 at +8.
        "S 7F000000 00000000" + "0001007F" + "08020010" + "0".repeat(40),
        "C " + mipsContext(0x00040000L, new long[] {29, 0x7F000000L},
            new long[] {28, 0x10008000L}, new long[] {32, 0x10000100L}),
        "M 10000000 00000000 00010000 8F36148CC4647A8116CAF2A25F591F570 libfoo.so");
    ProcessState state = ProcessState.process(dump, SymbolSupplier.of(List.of()));
    List<StackFrame> frames = state.threads().get(0).frames();
    assertThat(frames).hasSizeGreaterThanOrEqualTo(2);
    assertThat(frames.get(0).instruction()).isEqualTo(0x10000100L);
    assertThat(frames.get(0).context().register("gp")).hasValue(0x10008000L);
    StackFrame caller = frames.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.SCAN);
    assertThat(caller.instruction()).isEqualTo(0x10000200L);
    assertThat(caller.returnAddress()).isEqualTo(0x10000200L);
    assertThat(caller.context().validRegisterNames()).containsExactly("sp", "fp", "ra", "pc");
    assertThat(caller.context().register("sp")).hasValue(0x7F00000CL);
    assertThat(caller.context().register("fp")).hasValue(0x7F000100L);
    assertThat(caller.context().register("ra")).hasValue(0x10000208L);
    String report = StackwalkPrinter.human(state);
    assertThat(report).contains(" 1  libfoo.so + 0x200\n"
        + "     sp = 0x000000007f00000c    fp = 0x000000007f000100\n"
        + "     ra = 0x0000000010000208    pc = 0x0000000010000200\n"
        + "    Found by: stack scanning\n");
  }

  /**
   * A mips64 walk by CFI: the caller's sp is the CFA, ra is .ra, pc is .ra minus two words
   * (sixteen bytes on mips64, as Breakpad computes it), and callee-saved registers the rules do
   * not mention keep the callee's values.
   */
  @Test
  void mipsWalksByCfiAsBreakpadDoes(@org.junit.jupiter.api.io.TempDir Path symbols)
      throws IOException {
    String id = "8F36148CC4647A8116CAF2A25F591F570";
    Path sym = symbols.resolve("libfoo.so").resolve(id).resolve("libfoo.so.sym");
    Files.createDirectories(sym.getParent());
    Files.writeString(sym, "MODULE Linux mips64 " + id + " libfoo.so\n"
        + "FUNC 100 100 0 callee\n"
        + "FUNC 200 100 0 caller\n"
        + "STACK CFI INIT 100 100 .cfa: $sp 16 + .ra: .cfa -8 + ^ $s1: .cfa -16 + ^\n");
    Minidump dump = parse(
        "O A mips64 01 mips64 3.10.0 #1",
        "S 0 0000007F00000000 0000007F00000000 0000000000000010",
        // s1 saved at sp+0, return address 0x10000210 at sp+8.
        "S 0000007F00000000 " + "2211000000000000" + "1002001000000000",
        "C " + mipsContext(0x00080000L, new long[] {29, 0x7F00000000L},
            new long[] {16, 0x5000L}, new long[] {17, 0x6000L}, new long[] {8, 0x7000L},
            new long[] {32, 0x10000120L}),
        "M 0000000010000000 0000000000000000 0000000000010000 " + id + " libfoo.so");
    ProcessState state = ProcessState.process(dump, SymbolSupplier.of(List.of(symbols)));
    List<StackFrame> frames = state.threads().get(0).frames();
    assertThat(frames.get(0).function()).isEqualTo("callee");
    StackFrame caller = frames.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.function()).isEqualTo("caller");
    assertThat(caller.instruction()).isEqualTo(0x10000200L);
    assertThat(caller.context().register("sp")).hasValue(0x7F00000010L);
    assertThat(caller.context().register("ra")).hasValue(0x10000210L);
    assertThat(caller.context().register("s1")).hasValue(0x1122L);
    assertThat(caller.context().register("s0")).hasValue(0x5000L);
    // t0 is not callee-saved: unknown in the caller.
    assertThat(caller.context().register("t0")).isEmpty();
  }

  /**
   * What Breakpad's {@code microdump_processor_unittest} asserts about its microdumps, with their
   * stored symbols: module and frame counts, CPU, OS version text, GPU, crash and frame names.
   */
  @Test
  void corpusMicrodumpsProcessAsBreakpadsTestsExpect() throws IOException {
    Path dir = MinidumpCorpusTest.corpus().resolve("breakpad");
    assumeTrue(Files.isRegularFile(dir.resolve("microdump-arm.dmp")), "corpus absent; skipped");
    SymbolSupplier symbols = SymbolSupplier.of(List.of(dir.resolve("symbols/microdump")));

    ProcessState arm = process(dir, "microdump-arm.dmp", symbols);
    assertThat(arm.modules()).hasSize(6);
    assertThat(arm.systemInfo().orElseThrow().cpu()).isEqualTo("arm");
    assertThat(arm.systemInfo().orElseThrow().processorCount()).isEqualTo(2);
    assertThat(StackwalkPrinter.osVersion(arm)).isEqualTo("OS VERSION INFO");
    MicrodumpInfo gpu = arm.microdump().orElseThrow();
    assertThat(gpu.glVersion()).isEqualTo("OpenGL ES 3.0 V@104.0 AU@  (GIT@Id3510ff6dc)");
    assertThat(gpu.glVendor()).isEqualTo("Qualcomm");
    assertThat(gpu.glRenderer()).isEqualTo("Adreno (TM) 330");
    assertFrames(arm, 8, 0, "MicrodumpWriterTest_Setup_Test::TestBody", 1, "testing::Test::Run",
        6, "main");
    assertThat(arm.threads().get(0).frames().get(6).module().orElseThrow().codeFile())
        .isEqualTo("breakpad_unittests");

    ProcessState arm64 = process(dir, "microdump-arm64.dmp", symbols);
    assertThat(arm64.modules()).hasSize(8);
    assertThat(arm64.systemInfo().orElseThrow().cpu()).isEqualTo("arm64");
    assertThat(StackwalkPrinter.osVersion(arm64)).isEqualTo("OS 64 VERSION INFO");
    // Without symbols the walk finds 11 frames; with them, CFI leaves main's caller without a
    // return address and the walk stops after it.
    assertFrames(arm64, 9, 0, "MicrodumpWriterTest_Setup_Test::TestBody", 2,
        "testing::Test::Run", 7, "main");
    assertThat(process(dir, "microdump-arm64.dmp", SymbolSupplier.of(List.of()))
        .threads().get(0).frames()).hasSize(11);
    assertThat(arm64.crash()).hasValue(new CrashReason("", 0));
    assertThat(arm64.requestingThread()).isZero();

    ProcessState x86 = process(dir, "microdump-x86.dmp", symbols);
    assertThat(x86.modules()).hasSize(124);
    assertThat(StackwalkPrinter.osVersion(x86)).isEqualTo(
        "asus/WW_Z00A/Z00A:5.0/LRX21V/2.19.40.22_20150627_5104_user:user/release-keys");
    assertThat(x86.threads().get(0).frames()).hasSize(17);
    assertThat(x86.threads().get(0).frames().get(0).module().orElseThrow().debugFile())
        .isEqualTo("libc.so");

    ProcessState multiple = process(dir, "microdump-multiple.dmp", symbols);
    assertThat(multiple.modules()).hasSize(156);
    assertThat(multiple.systemInfo().orElseThrow().processorCount()).isEqualTo(6);
    assertThat(StackwalkPrinter.osVersion(multiple))
        .isEqualTo("lge/p1_tmo_us/p1:6.0/MRA58K/1603210524c8d:user/release-keys");
    assertThat(multiple.threads().get(0).frames()).hasSize(5);

    ProcessState reason = process(dir, "microdump-withcrashreason.dmp", symbols);
    assertThat(reason.systemInfo().orElseThrow().processorCount()).isEqualTo(8);
    assertThat(reason.crash()).hasValue(new CrashReason("SIGTRAP", 0x4A7CB000L));

    for (String[] mips : new String[][] {
        {"microdump-mips32.dmp", "mips", "7", "2",
            "3.0.8-g893bf16 #7 SMP PREEMPT Fri Jul 10 15:20:59 PDT 2015"},
        {"microdump-mips64.dmp", "mips64", "8", "1",
            "3.10.0-gf185e20 #112 PREEMPT Mon Oct 5 11:12:49 PDT 2015"}}) {
      ProcessState state = process(dir, mips[0], symbols);
      assertThat(state.modules()).as(mips[0]).hasSize(Integer.parseInt(mips[2]));
      assertThat(state.systemInfo().orElseThrow().cpu()).isEqualTo(mips[1]);
      assertThat(state.systemInfo().orElseThrow().processorCount())
          .isEqualTo(Integer.parseInt(mips[3]));
      assertThat(StackwalkPrinter.osVersion(state)).isEqualTo(mips[4]);
      assertFrames(state, 4, 0, "blaTest", 1, "Crash", 2, "main");
      assertThat(state.threads().get(0).frames().get(0).module().orElseThrow().debugFile())
          .isEqualTo("crash_example");
    }
  }

  /** The human report of a microdump: its OS text, no CPU description, its GPU, a crash. */
  @Test
  void humanReportShowsTheMicrodumpsOwnRecords() throws IOException {
    Path dir = MinidumpCorpusTest.corpus().resolve("breakpad");
    assumeTrue(Files.isRegularFile(dir.resolve("microdump-arm.dmp")), "corpus absent; skipped");
    String report = StackwalkPrinter.human(process(dir, "microdump-arm.dmp",
        SymbolSupplier.of(List.of(dir.resolve("symbols/microdump")))));
    assertThat(report).startsWith("Operating system: Android\n"
        + "                  OS VERSION INFO\n"
        + "CPU: arm\n"
        + "     2 CPUs\n"
        + "\n"
        + "GPU: OpenGL ES 3.0 V@104.0 AU@  (GIT@Id3510ff6dc)\n"
        + "     Qualcomm\n"
        + "     Adreno (TM) 330\n"
        + "\n"
        + "Crash reason:  \n"
        + "Crash address: 0x0\n");
    assertThat(report).contains("\nThread 0 (crashed)\n");
  }

  private static ProcessState process(Path dir, String name, SymbolSupplier symbols)
      throws IOException {
    return ProcessState.process(Minidump.parse(ByteView.map(dir.resolve(name))), symbols);
  }

  /** The thread's frame count, and the function of each given frame index. */
  private static void assertFrames(ProcessState state, int count, Object... indexAndName) {
    List<StackFrame> frames = state.threads().get(0).frames();
    assertThat(frames).hasSize(count);
    for (int i = 0; i < indexAndName.length; i += 2) {
      assertThat(frames.get((Integer) indexAndName[i]).function())
          .isEqualTo(indexAndName[i + 1]);
    }
  }
}
