package dev.symbolic.benchmarks;

import dev.symbolic.common.ByteView;
import dev.symbolic.debuginfo.BreakpadFrame;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.Dwarf;
import dev.symbolic.debuginfo.DwarfFrame;
import dev.symbolic.debuginfo.DwarfFunction;
import dev.symbolic.debuginfo.DwarfSections;
import dev.symbolic.debuginfo.ElfFile;
import dev.symbolic.debuginfo.ElfSymbol;
import dev.symbolic.debuginfo.ObjectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Debug files on the corpus's 40 MB C++ binary ({@code large-cpp-gcc-O2-dwarf5}, decompressed
 * with {@code xz} into {@code benchmarks/target/debuginfo/} on first use) and its 10,000
 * benchmark addresses: opening the ELF file and its DWARF, a symbol-table lookup, iterating every
 * DWARF function, symbolizing one address (cold DWARF per fork, then cached units), and parsing
 * and symbolizing the largest Breakpad {@code .sym} file of the corpus.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DebugInfoBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DebugInfoBenchmark {
  private static final String BINARY = "large-cpp-gcc-O2-dwarf5";
  private static final String SYM =
      "minidump/rust-minidump/symbols/crash-client/509C0610949836F7B70BD88BCF03E5400/"
          + "crash-client.sym";

  private ByteView binary;
  private ElfFile elf;
  private Dwarf dwarf;
  private long[] symbolAddresses;
  private long[] addresses;
  private ByteView sym;
  private BreakpadSymbols breakpad;
  private long[] breakpadAddresses;
  private int next;

  /**
   * Decompresses the binary if needed, opens it and reads the benchmark addresses.
   *
   * @throws IOException if a file cannot be read
   * @throws InterruptedException if decompressing is interrupted
   */
  @Setup
  public void setUp() throws IOException, InterruptedException {
    Path corpus = Paths.get(System.getProperty("symbolic.corpus", "../shared/corpus"));
    Path generated = corpus.resolve("debuginfo/generated");
    Path file = Paths.get("benchmarks/target/debuginfo", BINARY);
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Path xz = generated.resolve("binaries/" + BINARY + ".xz");
      Process p = new ProcessBuilder("xz", "-dc", xz.toString())
          .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (p.waitFor() != 0) {
        Files.deleteIfExists(file);
        throw new IOException("xz failed on " + xz);
      }
    }
    binary = ByteView.map(file);
    elf = ElfFile.parse(binary);
    dwarf = openDwarf(elf);
    List<ElfSymbol> symbols = elf.symbolMap();
    symbolAddresses = new long[symbols.size()];
    for (int i = 0; i < symbolAddresses.length; i++) {
      symbolAddresses[i] = symbols.get(i).address();
    }
    addresses = Files.readAllLines(generated.resolve("bench/" + BINARY + ".bench-addresses.txt"))
        .stream().filter(l -> l.startsWith("0x"))
        .mapToLong(l -> Long.parseUnsignedLong(l.substring(2).trim(), 16)).toArray();
    sym = ByteView.map(corpus.resolve(SYM));
    breakpad = BreakpadSymbols.parse(sym);
    breakpadAddresses = breakpad.functions().mapToLong(f -> f.address() + f.size() / 2).toArray();
  }

  private static Dwarf openDwarf(ElfFile elf) {
    return Dwarf.open(DwarfSections.of(elf::section, elf.isLittleEndian(), elf.is64() ? 8 : 4));
  }

  /**
   * Parses the ELF headers and opens the DWARF unit index.
   *
   * @return the opened DWARF
   */
  @Benchmark
  public Dwarf open() {
    return openDwarf(ElfFile.parse(binary));
  }

  /**
   * Finds the symbol covering the next benchmark address by binary search.
   *
   * @return the symbol index
   */
  @Benchmark
  public int symbolLookup() {
    long address = addresses[next++ % addresses.length] - elf.loadAddress();
    int i = java.util.Arrays.binarySearch(symbolAddresses, address);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * Decodes every function with its ranges and inlinees.
   *
   * @return the function count
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int functions() {
    List<DwarfFunction> all = dwarf.functions();
    return all.size();
  }

  /**
   * Lists every function of the debug session with its line records and nested inlinees, one
   * unit at a time (symbolic's object model, as {@code symbolic object functions} prints it).
   *
   * @return the number of line records
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long sessionFunctions() {
    return ObjectFile.open(binary).debugSession().functions()
        .mapToLong(f -> f.lines().size()).sum();
  }

  /**
   * Symbolizes the next benchmark address with its inline chain.
   *
   * @return the frames
   */
  @Benchmark
  public List<DwarfFrame> symbolize() {
    return dwarf.symbolize(addresses[next++ % addresses.length]);
  }

  /**
   * Scans the 4 MB Breakpad file.
   *
   * @return the parsed symbols
   */
  @Benchmark
  public BreakpadSymbols breakpadParse() {
    return BreakpadSymbols.parse(sym);
  }

  /**
   * Symbolizes the middle of the next Breakpad function.
   *
   * @return the frames
   */
  @Benchmark
  public List<BreakpadFrame> breakpadSymbolize() {
    return breakpad.symbolize(breakpadAddresses[next++ % breakpadAddresses.length]);
  }
}
