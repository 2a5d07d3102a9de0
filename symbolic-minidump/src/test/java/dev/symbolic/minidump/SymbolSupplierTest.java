package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolSupplierTest {
  static final DebugId ID = DebugId.parse("5A9832E5287241C1838ED98914E9B7FF1");

  static Path write(Path root, String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static String sym(String name) {
    return "MODULE windows x86 5A9832E5287241C1838ED98914E9B7FF1 " + name + "\n"
        + "FUNC 1000 10 0 main\n";
  }

  @Test
  void relativePathsFollowTheStoreLayout() {
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of("test_app.pdb", ID)))
        .containsExactly("test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym");
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of("C:\\b\\App.PDB", ID)))
        .containsExactly("App.PDB/5A9832E5287241C1838ED98914E9B7FF1/App.sym");
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of("/usr/lib/libc.so.6", ID)))
        .containsExactly("libc.so.6/5A9832E5287241C1838ED98914E9B7FF1/libc.so.6.sym");
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of(".pdb", ID)))
        .containsExactly(".pdb/5A9832E5287241C1838ED98914E9B7FF1/.pdb.sym");
  }

  @Test
  void codeFileFallback() {
    SymbolSupplierModule m =
        new SymbolSupplierModule(
            Optional.of("app.pdb"),
            Optional.of(ID),
            Optional.of("C:\\x\\App.dll"),
            Optional.of(CodeId.parse("5d9d5c4d1b000")));
    assertThat(SymbolSupplier.relativePaths(m))
        .containsExactly(
            "app.pdb/5A9832E5287241C1838ED98914E9B7FF1/app.sym", "App.dll/5D9D5C4D1B000/App.sym");
  }

  @Test
  void namesLeavingTheStoreAreNotLookedUp() {
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of("..", ID))).isEmpty();
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of("a\\..", ID))).isEmpty();
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of("dir/", ID))).isEmpty();
    assertThat(SymbolSupplier.relativePaths(SymbolSupplierModule.of("", ID))).isEmpty();
    assertThat(
            SymbolSupplier.relativePaths(
                new SymbolSupplierModule(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
        .isEmpty();
  }

  @Test
  void foundMissingCorrupt(@TempDir Path dir) throws IOException {
    Path good = write(dir, "a.pdb/" + ID.toBreakpad() + "/a.sym", sym("a.pdb"));
    Path bad = write(dir, "b.pdb/" + ID.toBreakpad() + "/b.sym", "garbage\n");
    SymbolSupplier s = SymbolSupplier.of(List.of(dir));
    SymbolSupplierResult a = s.lookup(SymbolSupplierModule.of("a.pdb", ID));
    assertThat(a.status()).isEqualTo(SymbolSupplierResult.Status.FOUND);
    assertThat(a.path()).contains(good);
    assertThat(a.symbols().orElseThrow().module().name()).isEqualTo("a.pdb");
    SymbolSupplierResult b = s.lookup(SymbolSupplierModule.of("b.pdb", ID));
    assertThat(b.status()).isEqualTo(SymbolSupplierResult.Status.CORRUPT);
    assertThat(b.path()).contains(bad);
    assertThat(b.error()).isPresent();
    SymbolSupplierResult c = s.lookup(SymbolSupplierModule.of("c.pdb", ID));
    assertThat(c).isEqualTo(SymbolSupplierResult.missing());
  }

  @Test
  void rootsInOrderThenCodeFile(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Files.createDirectories(first);
    write(second, "a.pdb/" + ID.toBreakpad() + "/a.sym", sym("second"));
    write(first, "a.dll/ABC/a.sym", sym("code"));
    SymbolSupplier s = SymbolSupplier.of(List.of(first, second));
    SymbolSupplierModule m =
        new SymbolSupplierModule(
            Optional.of("a.pdb"), Optional.of(ID), Optional.of("a.dll"),
            Optional.of(CodeId.parse("abc")));
    assertThat(s.lookup(m).symbols().orElseThrow().module().name()).isEqualTo("second");
    SymbolSupplierModule codeOnly =
        new SymbolSupplierModule(
            Optional.of("z.pdb"), Optional.of(ID), Optional.of("a.dll"),
            Optional.of(CodeId.parse("abc")));
    assertThat(s.lookup(codeOnly).symbols().orElseThrow().module().name()).isEqualTo("code");
    assertThat(s.roots()).containsExactly(first, second);
  }

  @Test
  void directoriesAndUnnamableFilesAreMissing(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("a.pdb/" + ID.toBreakpad() + "/a.sym"));
    SymbolSupplier s = SymbolSupplier.of(List.of(dir));
    assertThat(s.lookup(SymbolSupplierModule.of("a.pdb", ID)).status())
        .isEqualTo(SymbolSupplierResult.Status.MISSING);
    assertThat(s.lookup(SymbolSupplierModule.of("nul\0.pdb", ID)).status())
        .isEqualTo(SymbolSupplierResult.Status.MISSING);
  }

  @Test
  void cachesAndLoadsOncePerModuleAcrossThreads(@TempDir Path dir) throws Exception {
    write(dir, "a.pdb/" + ID.toBreakpad() + "/a.sym", sym("a.pdb"));
    SymbolSupplier s = SymbolSupplier.of(List.of(dir));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<SymbolSupplierResult>> futures = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        futures.add(pool.submit(() -> s.lookup(SymbolSupplierModule.of("a.pdb", ID))));
      }
      Set<Object> distinct = new HashSet<>();
      for (Future<SymbolSupplierResult> f : futures) {
        distinct.add(System.identityHashCode(f.get()));
      }
      assertThat(distinct).hasSize(1);
    } finally {
      pool.shutdown();
    }
    // Cached: deleting the file does not change the answer.
    Files.delete(dir.resolve("a.pdb/" + ID.toBreakpad() + "/a.sym"));
    assertThat(s.lookup(SymbolSupplierModule.of("a.pdb", ID)).status())
        .isEqualTo(SymbolSupplierResult.Status.FOUND);
  }

  @Test
  void corpusStore() {
    Path store = CfiCorpusTest.corpus().resolve("minidump/breakpad/symbols");
    assumeTrue(Files.isDirectory(store), "corpus absent at " + store.toAbsolutePath() + "; skipped");
    SymbolSupplier s = SymbolSupplier.of(List.of(store));
    SymbolSupplierResult app =
        s.lookup(SymbolSupplierModule.of("c:\\test_app\\Release\\test_app.pdb", ID));
    assertThat(app.status()).isEqualTo(SymbolSupplierResult.Status.FOUND);
    assertThat(app.symbols().orElseThrow().module().debugId()).isEqualTo(ID);
    DebugId kernel32 = DebugId.parse("BCE8785C57B44245A669896B6A19B9542");
    SymbolSupplierResult k = s.lookup(SymbolSupplierModule.of("kernel32.pdb", kernel32));
    assertThat(k.status()).isEqualTo(SymbolSupplierResult.Status.FOUND);
    assertThat(k.symbols().orElseThrow().win()).isNotEmpty();
    DebugId libc = DebugId.parse("F4F8DFCD5A5FB5A7CE64717E9E6AE3890");
    assertThat(s.lookup(SymbolSupplierModule.of("libc-2.13.so", libc)).status())
        .isEqualTo(SymbolSupplierResult.Status.FOUND);
    assertThat(s.lookup(SymbolSupplierModule.of("test_app.pdb", kernel32)).status())
        .isEqualTo(SymbolSupplierResult.Status.MISSING);
  }

  /** A native ELF debug file in the build-id layout or by name, converted when its id matches. */
  @Test
  void nativeElfFiles(@TempDir Path dir) throws IOException {
    Path bin = CfiCorpusTest.corpus().resolve("debuginfo/generated/binaries/c-gcc-O2-dwarf5");
    assumeTrue(Files.isRegularFile(bin), bin + " absent; skipped");
    dev.symbolic.debuginfo.ObjectFile object =
        dev.symbolic.debuginfo.ObjectFile.open(dev.symbolic.common.ByteView.map(bin));
    CodeId code = object.codeId().orElseThrow();
    SymbolSupplierModule module = new SymbolSupplierModule(Optional.of("prog"),
        Optional.of(object.debugId()), Optional.of("/usr/bin/prog"), Optional.of(code));
    assertThat(SymbolSupplier.nativeRelativePaths(module)).containsExactly(
        ".build-id/" + code.toString().substring(0, 2) + "/" + code.toString().substring(2)
            + ".debug", "prog");

    Path buildId = dir.resolve("a").resolve(SymbolSupplier.nativeRelativePaths(module).get(0));
    Files.createDirectories(buildId.getParent());
    Files.copy(bin, buildId);
    SymbolSupplierResult r = SymbolSupplier.of(List.of(dir.resolve("a"))).lookup(module);
    assertThat(r.status()).isEqualTo(SymbolSupplierResult.Status.FOUND);
    assertThat(r.symbols().orElseThrow().module().debugId()).isEqualTo(object.debugId());
    assertThat(r.symbols().orElseThrow().functionCount()).isPositive();

    // By name, but another build: not this module's file.
    Files.createDirectories(dir.resolve("b"));
    Files.copy(bin, dir.resolve("b/prog"));
    SymbolSupplierModule other = new SymbolSupplierModule(Optional.of("prog"), Optional.of(ID),
        Optional.of("prog"), Optional.empty());
    assertThat(SymbolSupplier.of(List.of(dir.resolve("b"))).lookup(other).status())
        .isEqualTo(SymbolSupplierResult.Status.MISSING);
  }
}
