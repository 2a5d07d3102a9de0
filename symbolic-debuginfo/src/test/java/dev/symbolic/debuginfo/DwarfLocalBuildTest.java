package dev.symbolic.debuginfo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DWARF flavours the shared corpus does not hold, built here from our own sources with this
 * machine's gcc (and rustc), and checked against {@code llvm-symbolizer-19} run live on the same
 * binary: DWARF 2, DWARF 4 {@code .debug_types}, gcc split DWARF 4 and 5 packaged with {@code dwp},
 * C++ at -O0, Rust v0 mangling and line-tables-only. Each case is skipped when a tool is missing.
 */
class DwarfLocalBuildTest {
  private static final String C = String.join("\n",
      "#include <stdio.h>",
      "#include <stdlib.h>",
      "struct point { int x, y; };",
      "static inline int square(int v) { return v * v; }",
      "static inline int norm(struct point p) { return square(p.x) + square(p.y); }",
      "__attribute__((noinline)) int far(struct point *ps, int n) {",
      "  int best = 0;",
      "  for (int i = 0; i < n; i++) {",
      "    int d = norm(ps[i]);",
      "    if (d > best) best = d;",
      "  }",
      "  return best;",
      "}",
      "int main(int argc, char **argv) {",
      "  struct point ps[4] = {{argc, 2}, {3, argc}, {5, 6}, {7, argc * 3}};",
      "  printf(\"%d\\n\", far(ps, argc > 1 ? atoi(argv[1]) : 4));",
      "  return 0;",
      "}",
      "");

  private static final String CPP = String.join("\n",
      "#include <cstdio>",
      "#include <vector>",
      "#include <string>",
      "namespace geo {",
      "template <typename T> struct Vec {",
      "  T x, y;",
      "  T dot(const Vec &o) const { return x * o.x + y * o.y; }",
      "};",
      "class Shape {",
      " public:",
      "  virtual ~Shape() {}",
      "  virtual double area() const = 0;",
      "};",
      "class Rect : public Shape {",
      "  Vec<double> a, b;",
      " public:",
      "  Rect(double w, double h) : a{w, 0}, b{0, h} {}",
      "  double area() const override { return a.dot(a) * b.dot(b); }",
      "};",
      "}  // namespace geo",
      "static std::vector<geo::Shape *> make(int n) {",
      "  std::vector<geo::Shape *> out;",
      "  for (int i = 0; i < n; i++) out.push_back(new geo::Rect(i, i + 1));",
      "  return out;",
      "}",
      "int main(int argc, char **) {",
      "  double total = 0;",
      "  for (geo::Shape *s : make(argc * 8)) { total += s->area(); delete s; }",
      "  std::string label = \"total\";",
      "  std::printf(\"%s %f\\n\", label.c_str(), total);",
      "  return 0;",
      "}",
      "");

  private static final String RUST = String.join("\n",
      "use std::collections::HashMap;",
      "#[inline(never)]",
      "fn count(words: &[&str]) -> HashMap<String, usize> {",
      "    let mut m = HashMap::new();",
      "    for w in words { *m.entry(w.to_string()).or_insert(0) += 1; }",
      "    m",
      "}",
      "fn main() {",
      "    let args: Vec<String> = std::env::args().collect();",
      "    let words: Vec<&str> = args.iter().map(|s| s.as_str()).collect();",
      "    let m = count(&words);",
      "    println!(\"{}\", m.len());",
      "}",
      "");

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "c-gcc-O2-dwarf2     | c   | gcc -O2 -gdwarf-2",
    "c-gcc-O2-split4     | c   | gcc -O2 -gdwarf-4 -gsplit-dwarf",
    "cpp-gcc-O0-dwarf5   | cpp | g++ -O0 -gdwarf-5",
    "cpp-gcc-O2-types4   | cpp | g++ -O2 -gdwarf-4 -fdebug-types-section",
    "cpp-gcc-O2-split4   | cpp | g++ -O2 -gdwarf-4 -gsplit-dwarf",
    "cpp-gcc-O2-split5   | cpp | g++ -O2 -gdwarf-5 -gsplit-dwarf",
    "c-gcc-O2-dwo4       | c   | gcc -O2 -gdwarf-4 -gsplit-dwarf",
    "cpp-gcc-O2-dwo5     | cpp | g++ -O2 -gdwarf-5 -gsplit-dwarf",
    "rust-O2-v0          | rs  | rustc -C opt-level=2 -g -C symbol-mangling-version=v0",
    "rust-O2-lines       | rs  | rustc -C opt-level=2 -C debuginfo=line-tables-only",
  })
  void matchesLlvmSymbolizer(String name, String language, String command) throws Exception {
    String source = language.equals("c") ? C : language.equals("cpp") ? CPP : RUST;
    Path src = Files.writeString(dir.resolve("prog." + language), source);
    List<String> cmd = new ArrayList<>(List.of(command.trim().split("\\s+")));
    cmd.addAll(List.of("-o", name, src.getFileName().toString()));
    assumeTrue(run(cmd, "") != null, cmd.get(0) + " absent or failed: skipping " + name);
    Path bin = dir.resolve(name);
    Path dwp = dir.resolve(name + ".dwp");
    // "-dwo": the .dwo files stay beside the binary, unpackaged, found through the skeletons.
    boolean keepDwo = name.contains("-dwo");
    if (command.contains("-gsplit-dwarf") && !keepDwo) {
      List<String> dwos = new ArrayList<>();
      try (var files = Files.list(dir)) {
        files.filter(p -> p.toString().endsWith(".dwo")).forEach(p -> dwos.add(p.toString()));
      }
      List<String> pack = new ArrayList<>(List.of("dwp", "-o", dwp.toString()));
      pack.addAll(dwos);
      assumeTrue(!dwos.isEmpty() && run(pack, "") != null, "dwp absent: skipping " + name);
      for (String dwo : dwos) {
        Files.delete(Path.of(dwo)); // llvm-symbolizer must read the package, as we do
      }
    }
    List<Map<String, Object>> expected = expectations(bin);
    Dwarf dwarf = keepDwo
        ? Dwarf.open(DwarfTestSupport.elfSections(bin), path -> {
          try {
            return Optional.of(DwarfTestSupport.elfSections(Path.of(path)));
          } catch (IOException e) {
            return Optional.empty();
          }
        })
        : Files.exists(dwp)
        ? Dwarf.open(DwarfTestSupport.elfSections(bin), DwarfTestSupport.elfSections(dwp))
        : Dwarf.open(DwarfTestSupport.elfSections(bin));
    DwarfCorpusTest.checkRecords(name, dwarf, expected, 100);
  }

  /**
   * llvm-symbolizer's frames for every few bytes of {@code .text}, in the corpus's record shape:
   * linkage names from one run, short names from another.
   */
  private List<Map<String, Object>> expectations(Path bin) throws Exception {
    ElfFile elf = ElfFile.parse(dev.symbolic.common.ByteView.map(bin));
    ElfSection text = elf.sectionHeader(".text").orElseThrow();
    long step = Math.max(1, text.size() / 3000);
    StringBuilder in = new StringBuilder();
    List<Long> addresses = new ArrayList<>();
    for (long a = text.address(); a < text.address() + text.size(); a += step) {
      addresses.add(a);
      in.append("0x").append(Long.toHexString(a)).append('\n');
    }
    String linkage = run(List.of("llvm-symbolizer-19", "--obj=" + bin, "--inlines",
        "--output-style=JSON", "--functions=linkage", "--no-demangle"), in.toString());
    String shortNames = run(List.of("llvm-symbolizer-19", "--obj=" + bin, "--inlines",
        "--output-style=JSON", "--functions=short"), in.toString());
    assumeTrue(linkage != null && shortNames != null, "llvm-symbolizer-19 absent: skipping");
    String[] l = linkage.split("\n");
    String[] s = shortNames.split("\n");
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      List<?> lf = (List<?>) ((Map<?, ?>) new DwarfTestSupport.Json(l[i]).value()).get("Symbol");
      List<?> sf = (List<?>) ((Map<?, ?>) new DwarfTestSupport.Json(s[i]).value()).get("Symbol");
      List<Map<String, Object>> frames = new ArrayList<>();
      for (int k = 0; k < lf.size(); k++) {
        Map<?, ?> fl = (Map<?, ?>) lf.get(k);
        Map<?, ?> fs = (Map<?, ?>) sf.get(k);
        boolean located = !((String) fs.get("FileName")).isEmpty()
            || ((Number) fs.get("Line")).longValue() != 0;
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("function", fl.get("FunctionName"));
        frame.put("function_short", located ? fs.get("FunctionName") : "");
        frame.put("file", fl.get("FileName"));
        frame.put("line", fl.get("Line"));
        frame.put("column", fl.get("Column"));
        frames.add(frame);
      }
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("address", "0x" + Long.toHexString(addresses.get(i)));
      rec.put("kind", "sample");
      rec.put("frames", frames);
      out.add(rec);
    }
    return out;
  }

  /** Runs a command in the temporary directory; its standard output, or null on any failure. */
  private String run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
    Thread feeder = new Thread(() -> {
      try (var os = p.getOutputStream()) {
        os.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the process exited early; its exit code tells
      }
    });
    feeder.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    feeder.join();
    return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
  }
}
