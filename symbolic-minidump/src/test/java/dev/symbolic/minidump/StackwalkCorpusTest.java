package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walks every dump of the corpus with its symbols; minidump2 must match Breakpad exactly. */
class StackwalkCorpusTest {
  static List<Path> symbolRoots() {
    Path root = MinidumpCorpusTest.corpus();
    return List.of(root.resolve("breakpad/symbols"), root.resolve("rust-minidump/symbols"));
  }

  @Test
  void everyDumpWalksWithinTheLimits() throws IOException {
    List<Path> files = MinidumpCorpusTest.dumps();
    assumeTrue(!files.isEmpty(), "corpus absent at "
        + MinidumpCorpusTest.corpus().toAbsolutePath() + "; skipped");
    SymbolSupplier symbols = SymbolSupplier.of(symbolRoots());
    int walked = 0;
    long frames = 0;
    for (Path p : files) {
      ProcessState state = ProcessState.process(Minidump.parse(ByteView.map(p)), symbols);
      for (CallStack stack : state.threads()) {
        assertThat(stack.frames()).hasSizeLessThanOrEqualTo(StackWalker.MAX_FRAMES);
        frames += stack.frames().size();
      }
      assertThat(StackwalkPrinter.human(state)).contains("Loaded modules:");
      assertThat(StackwalkPrinter.machineReadable(state)).startsWith("OS|");
      assertThat(StackwalkJson.of(state)).startsWith("{\"status\":\"OK\"");
      walked++;
    }
    assertThat(walked).isGreaterThanOrEqualTo(57);
    assertThat(frames).isGreaterThan(1000);
  }

  @Test
  void minidump2ReproducesBreakpadsStackwalkOutputsExactly() throws IOException {
    Path dmp = MinidumpCorpusTest.minidump2();
    ProcessState state = ProcessState.process(Minidump.parse(ByteView.map(dmp)),
        SymbolSupplier.of(List.of(dmp.resolveSibling("symbols"))));
    assertThat(StackwalkPrinter.human(state))
        .isEqualTo(Files.readString(dmp.resolveSibling("minidump2.stackwalk.out")));
    assertThat(StackwalkPrinter.machineReadable(state)).isEqualTo(
        Files.readString(dmp.resolveSibling("minidump2.stackwalk.machine_readable.out")));
  }

  /**
   * The crashed thread's frames of rust-minidump's three test dumps, as its published snapshots
   * ({@code minidump-stackwalk/tests/snapshots}) list them: module, function, file, line and how
   * each frame was found. Offsets are left out: rust-minidump prints them from the return
   * address minus one, Breakpad (and this library) from the return address.
   */
  @Test
  void rustMinidumpsTestDumpsWalkFrameByFrameAsItsSnapshotsShow() throws IOException {
    Path dir = MinidumpCorpusTest.corpus().resolve("rust-minidump");
    assumeTrue(Files.isRegularFile(dir.resolve("test.dmp")), "corpus absent; skipped");
    SymbolSupplier symbols = SymbolSupplier.of(List.of(dir.resolve("symbols")));
    assertThat(frames(dir.resolve("test.dmp"), symbols)).containsExactly(
        "test_app.exe|`anonymous namespace'::CrashFunction|test_app.cc|58|context",
        "test_app.exe|main|test_app.cc|65|cfi",
        "test_app.exe|__tmainCRTStartup|crt0.c|327|cfi",
        "kernel32.dll||||cfi");
    assertThat(frames(dir.resolve("linux-mini.dmp"), symbols)).containsExactly(
        "crash||||context", "libc-2.23.so||||scan", "libc-2.23.so||||scan",
        "ld-2.23.so||||scan", "crash||||scan", "crash||||scan", "libc-2.23.so||||scan",
        "crash||||scan", "crash||||scan", "crash||||scan", "crash||||scan", "crash||||scan",
        "crash||||scan", "crash||||scan", "crash||||scan");
    String rt = "crash-client|std::rt::lang_start_internal";
    assertThat(frames(dir.resolve("pipeline-inlines-macos-segv.dmp"), symbols)).containsExactly(
        "crash-client|core::ptr::write_volatile::<u8>|mod.rs|1574|inline",
        "crash-client|sadness_generator::raise_segfault|lib.rs|133|context",
        "crash-client|crash_client::real_main::{closure#1}|main.rs|88|inline",
        "crash-client|crash_client::real_main|main.rs|132|inline",
        "crash-client|crash_client::main|main.rs|142|cfi",
        "crash-client|<fn() as core::ops::function::FnOnce<()>>::call_once|function.rs|248|inline",
        "crash-client|std::sys_common::backtrace::__rust_begin_short_backtrace::<fn(), ()>"
            + "|backtrace.rs|122|cfi",
        "crash-client|std::rt::lang_start::<()>::{closure#0}|rt.rs|145|cfi",
        "crash-client|core::ops::function::impls::<impl core::ops::function::FnOnce<A> for &F>"
            + "::call_once|function.rs|280|inline",
        "crash-client|std::panicking::try::do_call|panicking.rs|492|inline",
        "crash-client|std::panicking::try|panicking.rs|456|inline",
        "crash-client|std::panic::catch_unwind|panic.rs|137|inline",
        rt + "::{{closure}}|rt.rs|128|inline",
        "crash-client|std::panicking::try::do_call|panicking.rs|492|inline",
        "crash-client|std::panicking::try|panicking.rs|456|inline",
        "crash-client|std::panic::catch_unwind|panic.rs|137|inline",
        rt + "|rt.rs|128|cfi",
        "crash-client|main|||cfi",
        "libdyld.dylib||||cfi",
        "libdyld.dylib||||scan");
  }

  /** The requesting thread's frames as {@code module|function|file|line|trust}. */
  private static List<String> frames(Path dump, SymbolSupplier symbols) throws IOException {
    ProcessState state = ProcessState.process(Minidump.parse(ByteView.map(dump)), symbols);
    List<String> out = new java.util.ArrayList<>();
    for (StackFrame f : state.threads().get(Math.max(0, state.requestingThread())).frames()) {
      String file = f.sourceFile().substring(f.sourceFile().lastIndexOf('/') + 1);
      file = file.substring(file.lastIndexOf('\\') + 1);
      out.add(f.module().map(m -> {
        String c = m.codeFile();
        return c.substring(Math.max(c.lastIndexOf('/'), c.lastIndexOf('\\')) + 1);
      }).orElse("") + "|" + f.function() + "|" + file + "|"
          + (f.sourceLine() == 0 ? "" : f.sourceLine()) + "|" + f.trust().name().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }
}
