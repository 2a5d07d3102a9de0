package dev.symbolic.benchmarks;

import dev.symbolic.common.ByteView;
import dev.symbolic.minidump.Minidump;
import dev.symbolic.minidump.ProcessState;
import dev.symbolic.minidump.StackwalkPrinter;
import dev.symbolic.minidump.SymbolSupplier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Minidump processing on the corpus dumps: reading the streams, and the whole of what {@code
 * minidump stackwalk} does (every thread walked and symbolized from a Breakpad symbol store, then
 * Breakpad's text printed). Each walk opens its own symbol supplier, so symbol files are parsed
 * as in a fresh process (the files stay in the page cache).
 *
 * <pre>
 * java -Dsymbolic.corpus=DIR -jar benchmarks/target/benchmarks.jar MinidumpBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MinidumpBenchmark {
  /** The dump, relative to the corpus's {@code minidump/} folder, with its symbol store. */
  @Param({"breakpad/minidump2.dmp", "rust-minidump/pipeline-inlines-macos-segv.dmp"})
  public String dump;

  private ByteView bytes;
  private Path symbols;

  @Setup
  public void load() throws IOException {
    Path corpus = Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"));
    Path file = corpus.resolve("minidump").resolve(dump);
    bytes = ByteView.of(Files.readAllBytes(file));
    symbols = file.getParent().resolve("symbols");
  }

  /**
   * Reads the header, directory, threads, modules, system info and crash reason.
   *
   * @return the crash reason's name, so nothing is optimized away
   */
  @Benchmark
  public Object parse() {
    Minidump m = Minidump.parse(bytes);
    m.threads();
    m.modules();
    m.systemInfo();
    return m.crashReason();
  }

  /**
   * Walks and symbolizes every thread and prints Breakpad's human-readable report.
   *
   * @return the report
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public String stackwalk() {
    ProcessState state =
        ProcessState.process(Minidump.parse(bytes), SymbolSupplier.of(List.of(symbols)));
    return StackwalkPrinter.human(state);
  }
}
