package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.Language;
import dev.symbolic.common.NameMangling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The format-neutral object model over ELF/DWARF and Breakpad. */
class ObjectFileTest {

  private static ObjectFile breakpad() {
    return ObjectFile.open(ByteView.of(BreakpadSamples.SYM.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void breakpadIdentity() {
    ObjectFile o = breakpad();
    assertThat(o.format()).isEqualTo(FileFormat.BREAKPAD);
    assertThat(o.kind()).isEqualTo(ObjectKind.DEBUG);
    assertThat(o.arch()).isEqualTo(Arch.AMD64);
    assertThat(o.debugId().toString()).isEqualToIgnoringCase("5a5f3291-4295-a4fa-22b5-91670a49fbef");
    assertThat(o.codeId()).isPresent();
    assertThat(o.debugFileName()).contains("x.so");
    assertThat(o.loadAddress()).isZero();
    assertThat(o.hasSymbols()).isTrue();
    assertThat(o.hasDebugInfo()).isTrue();
    assertThat(o.hasUnwindInfo()).isTrue();
    assertThat(o.hasSources()).isFalse();
  }

  @Test
  void breakpadSymbolsKnowTheirMangling() {
    Symbol s = breakpad().symbols().lookup(0x2000).orElseThrow();
    assertThat(s.name().text()).isEqualTo("_ZN3foo3barEv");
    assertThat(s.name().mangling()).isEqualTo(NameMangling.MANGLED);
    assertThat(s.name().language()).isEqualTo(Language.CPP);
  }

  @Test
  void breakpadFunctionsNestInlinees() {
    List<Function> functions = breakpad().debugSession().functions().collect(Collectors.toList());
    assertThat(functions).hasSize(1);
    Function main = functions.get(0);
    assertThat(main.name().text()).isEqualTo("main");
    assertThat(main.lines()).extracting(LineInfo::line).containsExactly(10L, 12L, 13L);
    assertThat(main.inlinees()).hasSize(1);
    Function helper = main.inlinees().get(0);
    assertThat(helper.name().text()).isEqualTo("helper");
    assertThat(helper.address()).isEqualTo(0x1010);
    assertThat(helper.lines()).singleElement().satisfies(l -> {
      assertThat(l.file()).isEqualTo(new FileInfo("util.h", "/src"));
      assertThat(l.line()).isEqualTo(3);
    });
  }

  @Test
  void breakpadFilesAndSymbolize() {
    DebugSession session = breakpad().debugSession();
    assertThat(session.files().map(FileEntry::absolutePath))
        .containsExactly("/src/main.c", "/src/util.h");
    List<SourceFrame> frames = session.symbolize(0x1014);
    assertThat(frames).extracting(f -> f.function().text()).containsExactly("helper", "main");
    assertThat(frames.get(0).inlined()).isTrue();
    assertThat(frames.get(1).line()).isEqualTo(12);
  }

  @ParameterizedTest
  @CsvSource({
    "cffaedfe07000001, macho",
    "4d5a900003000000, pe",
    "0061736d01000000, wasm",
    "42534a4201000100, portablepdb",
  })
  void recognizedButUnsupportedFormats(String hex, String name) {
    byte[] bytes = java.util.HexFormat.of().parseHex(hex);
    assertThat(FileFormat.detect(ByteView.of(bytes)).shortName()).isEqualTo(name);
    assertThatThrownBy(() -> ObjectFile.open(ByteView.of(bytes)))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("unsupported file format: " + name);
  }

  @Test
  void pdbAndJavaClassFiles() {
    byte[] pdb = "Microsoft C/C++ MSF 7.00\r\n\u001aDS\0\0\0 rest".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(FileFormat.detect(ByteView.of(pdb))).isEqualTo(FileFormat.PDB);
    byte[] javaClass = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61};
    assertThat(FileFormat.detect(ByteView.of(javaClass))).isEqualTo(FileFormat.UNKNOWN);
    byte[] fat = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 2};
    assertThat(FileFormat.detect(ByteView.of(fat))).isEqualTo(FileFormat.MACH_O);
  }

  @Test
  void unknownAndEmptyInput() {
    assertThat(FileFormat.detect(ByteView.empty())).isEqualTo(FileFormat.UNKNOWN);
    assertThatThrownBy(() -> ObjectFile.open(ByteView.of(new byte[] {1, 2, 3})))
        .isInstanceOf(DebugInfoException.class)
        .hasMessageContaining("unknown file format");
  }

  @Test
  void elfWithoutDebugInfoHasAnEmptySession() {
    ObjectFile o = ObjectFile.open(ByteView.of(ElfSamples.tinyElf64()));
    assertThat(o.format()).isEqualTo(FileFormat.ELF);
    assertThat(o.debugSession().functions()).isEmpty();
    assertThat(o.debugSession().files()).isEmpty();
    assertThat(o.debugSession().symbolize(0)).isEmpty();
  }

  /** A real gcc -O2 DWARF 5 binary: symbols, functions with inlinees, files, symbolication. */
  @Test
  void elfWithDwarf() throws IOException {
    Path bin = ElfCorpus.generated().resolve("binaries/c-gcc-O2-dwarf5");
    assumeTrue(Files.isRegularFile(bin), bin + " absent: skipping");
    ObjectFile o = ObjectFile.open(ByteView.map(bin));
    assertThat(o.hasDebugInfo()).isTrue();
    Symbol mainSymbol = o.symbols().stream().filter(s -> s.name().text().equals("main"))
        .findFirst().orElseThrow();
    DebugSession session = o.debugSession();
    List<Function> functions = session.functions().collect(Collectors.toList());
    Function main = functions.stream().filter(f -> f.name().text().equals("main")).findFirst()
        .orElseThrow();
    assertThat(main.address()).isEqualTo(mainSymbol.address());
    assertThat(main.name().language()).isEqualTo(Language.C);
    assertThat(main.lines()).isNotEmpty();
    assertThat(main.compilationDir()).isNotEmpty();
    for (Function f : functions) {
      assertTree(f);
    }
    assertThat(functions.stream().anyMatch(f -> !f.inlinees().isEmpty())).isTrue();
    assertThat(session.files().map(FileEntry::absolutePath).collect(Collectors.toList()))
        .anyMatch(p -> p.endsWith(".c"));
    List<SourceFrame> frames = session.symbolize(main.address());
    assertThat(frames).isNotEmpty();
    assertThat(frames.get(frames.size() - 1).function().text()).isEqualTo("main");
  }

  /** Skeleton units find their functions in the package. */
  @Test
  void splitDwarfThroughAPackage() throws IOException {
    Path bin = ElfCorpus.generated().resolve("binaries/c-clang-O2-dwarf5-split");
    Path dwp = ElfCorpus.generated().resolve("binaries/c-clang-O2-dwarf5-split.dwp");
    assumeTrue(Files.isRegularFile(bin) && Files.isRegularFile(dwp), bin + " absent: skipping");
    ObjectFile o = ObjectFile.open(ByteView.map(bin));
    DebugSession session = o.debugSession(ObjectFile.open(ByteView.map(dwp)));
    List<Function> functions = session.functions().collect(Collectors.toList());
    assertThat(functions).isNotEmpty();
    for (Function f : functions) {
      assertTree(f);
    }
    Function main = functions.stream().filter(f -> f.name().text().equals("main")).findFirst()
        .orElseThrow();
    assertThat(main.lines()).isNotEmpty();
    assertThatThrownBy(() -> breakpad().debugSession(o)).isInstanceOf(DebugInfoException.class);
  }

  /** Inlinees lie within their parent, and so do the lines of every inlinee. */
  private static void assertTree(Function f) {
    for (Function in : f.inlinees()) {
      assertThat(in.inline()).isTrue();
      assertThat(in.address()).isBetween(f.address(), f.endAddress());
      assertThat(in.endAddress()).isLessThanOrEqualTo(f.endAddress());
      for (LineInfo l : in.lines()) {
        assertThat(l.address()).isBetween(in.address(), in.endAddress() - 1);
      }
      assertTree(in);
    }
  }
}
