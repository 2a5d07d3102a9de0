package dev.symbolic.benchmarks;

import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Demangling throughput per scheme: every name of a corpus file, demangled in a loop.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DemangleBenchmark
 * java -jar benchmarks/target/benchmarks.jar DemangleBenchmark -p file=rust-real.tsv
 * </pre>
 *
 * <p>The names are the first column of {@code demangle/FILE} in the corpus ({@code
 * -Dsymbolic.corpus=DIR}, or {@code ../shared/corpus} from the repository root); the score is
 * the time for the whole file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DemangleBenchmark {
  /** The corpus file whose names are demangled. */
  @Param({"itanium-real.tsv", "msvc-real.tsv", "rust-real.tsv"})
  public String file;

  private String[] names;

  @Setup
  public void load() throws IOException {
    Path corpus = Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"));
    List<String> list = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("demangle").resolve(file))) {
      if (!line.startsWith("#")) {
        list.add(line.substring(0, line.indexOf('\t')));
      }
    }
    names = list.toArray(new String[0]);
  }

  /** Demangles every name with complete options. */
  @Benchmark
  public void complete(Blackhole bh) {
    for (String name : names) {
      bh.consume(Demangler.demangle(name, DemangleOptions.complete()));
    }
  }

  /** Demangles every name with name-only options. */
  @Benchmark
  public void nameOnly(Blackhole bh) {
    for (String name : names) {
      bh.consume(Demangler.demangle(name, DemangleOptions.nameOnly()));
    }
  }
}
