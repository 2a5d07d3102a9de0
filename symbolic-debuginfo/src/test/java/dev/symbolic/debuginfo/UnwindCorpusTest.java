package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Unwind info over the shared corpus: symbolic-cfi's ELF snapshot and every corpus ELF. */
class UnwindCorpusTest {
  @Test
  void breakpadTextMatchesSymbolicSnapshot() throws IOException {
    Path symbolic = ElfCorpus.symbolic();
    Path snap = symbolic.resolve("expected/test_cfi__cfi_elf.snap");
    assumeTrue(Files.isRegularFile(snap), "snapshot absent at " + snap + ": skipping");
    String expected = snapshotBody(Files.readString(snap, StandardCharsets.UTF_8));
    ElfFile elf = ElfFile.parse(ByteView.map(symbolic.resolve("fixtures/linux/crash")));

    String actual = CfiAsciiWriter.toText(elf);

    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    int matched = 0;
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      if (want.get(i).equals(got.get(i))) {
        matched++;
      }
    }
    System.out.printf("cfi_elf snapshot: %d of %d lines match (%d produced)%n", matched,
        want.size(), got.size());
    assertThat(got).containsExactlyElementsOf(want);
  }

  @Test
  void arm64InitRecordsGetTheLinkRegisterAsReturnAddress() throws IOException {
    Path file = ElfCorpus.symbolic().resolve("fixtures/linux/arm64/cfi_test");
    assumeTrue(Files.isRegularFile(file), "arm64 fixture absent: skipping");
    String text = CfiAsciiWriter.toText(ElfFile.parse(ByteView.map(file)));
    List<String> init = text.lines().filter(l -> l.startsWith("STACK CFI INIT ")).toList();
    assertThat(init).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(" .cfa: sp 0 + .ra: x30"));
    assertThat(text).contains(" x29: .cfa -").contains(" .ra: .cfa -");
    assertThat(text).doesNotContain("$");
  }

  @Test
  void i386RecordsUseBreakpadsX86RegisterNames() throws IOException {
    Path file = ElfCorpus.generated().resolve("binaries/c-gcc-O2-m32-dwarf5");
    assumeTrue(Files.isRegularFile(file), "i386 binary absent: skipping");
    String text = CfiAsciiWriter.toText(ElfFile.parse(ByteView.map(file)));
    assertThat(text).contains(".cfa: $esp 4 +").contains(".ra: .cfa -4 + ^")
        .contains("$ebp: .cfa -8 + ^").doesNotContain("$rsp").doesNotContain("$eip");
  }

  @Test
  void ehFrameHdrSearchTableIsUsedWhenPresent() throws IOException {
    ElfFile elf = ElfFile.parse(ByteView.map(ElfCorpus.symbolic().resolve("fixtures/linux/crash")));
    UnwindInfo info = UnwindInfo.ehFrame(elf).orElseThrow();
    assertThat(info.hasSearchTable()).isTrue();
    for (UnwindFde fde : info.fdes()) {
      assertThat(info.fdeFor(fde.address() + fde.size() / 2)).contains(fde);
    }
  }

  @Test
  void everyCorpusElfParsesAndYieldsRows() throws IOException {
    List<Path> files = corpusElfs();
    assumeTrue(!files.isEmpty(), "ELF corpus absent: skipping");
    List<String> withoutRows = new ArrayList<>();
    long totalRows = 0;
    for (Path file : files) {
      ElfFile elf = ElfFile.parse(ByteView.map(file));
      long rows = 0;
      for (UnwindInfo info : sections(elf)) {
        for (UnwindFde fde : info.fdes()) {
          List<UnwindRow> table = info.rows(fde);
          assertThat(table).isNotEmpty();
          rows += table.size();
          UnwindRow first = table.get(0);
          assertThat(first.startAddress()).isEqualTo(fde.address());
          if (fde.size() > 0) {
            assertThat(info.rowFor(fde.address())).as("%s at %x", file, fde.address())
                .isPresent();
          }
        }
      }
      CfiAsciiWriter.toText(elf);
      if (rows == 0 && elf.hasUnwindInfo()) {
        withoutRows.add(file.toString());
      }
      totalRows += rows;
    }
    System.out.printf("unwind corpus: %d files, %d rows%n", files.size(), totalRows);
    assertThat(withoutRows).isEmpty();
    assertThat(totalRows).isPositive();
  }

  static List<UnwindInfo> sections(ElfFile elf) {
    List<UnwindInfo> out = new ArrayList<>();
    UnwindInfo.debugFrame(elf).ifPresent(out::add);
    UnwindInfo.ehFrame(elf).ifPresent(out::add);
    return out;
  }

  /** Every ELF under debuginfo/generated/binaries and symbolic/fixtures/linux. */
  static List<Path> corpusElfs() throws IOException {
    List<Path> out = new ArrayList<>();
    Path root = ElfCorpus.root();
    for (Path dir : List.of(root.resolve("debuginfo/generated/binaries"),
        root.resolve("symbolic/fixtures/linux"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile).filter(UnwindCorpusTest::isElf).sorted().forEach(out::add);
      }
    }
    return out;
  }

  private static boolean isElf(Path p) {
    try {
      return ElfFile.isElf(ByteView.map(p));
    } catch (IOException e) {
      return false;
    }
  }

  /** The text after the second {@code ---} line of an insta snapshot. */
  static String snapshotBody(String snap) {
    int first = snap.indexOf("---\n");
    int second = snap.indexOf("\n---\n", first);
    return snap.substring(second + 5);
  }
}
