package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElfSymbolicFixturesTest {
  @Test
  void symbolMapMatchesSymbolicSnapshot() throws IOException {
    Path root = ElfCorpus.symbolic();
    Path snap = root.resolve("expected/test_objects__elf_symbols.snap");
    Path file = root.resolve("fixtures/linux/crash.debug");
    if (!Files.exists(snap) || !Files.exists(file)) {
      return;
    }
    List<String> expected = new ArrayList<>();
    boolean body = false;
    int dashes = 0;
    for (String line : Files.readAllLines(snap)) {
      if (line.equals("---")) {
        dashes++;
        body = dashes == 2;
        continue;
      }
      if (body && !line.isBlank()) {
        expected.add(line.trim().replaceAll("\\s+", " "));
      }
    }
    ElfFile elf = ElfFile.parse(ByteView.map(file));
    List<String> mine = new ArrayList<>();
    for (ElfSymbol s : elf.symbolMap()) {
      mine.add(Long.toHexString(s.address()) + " " + s.name());
    }
    System.out.printf("[ELF symbolic snapshot] crash.debug expected=%d mine=%d kind=%s id=%s%n",
        expected.size(), mine.size(), elf.kind(), elf.debugId());
    assertThat(mine).containsExactlyElementsOf(expected);
  }

  @Test
  void compressedVariantsMatchThePlainDebugFile() throws IOException {
    Path dir = ElfCorpus.symbolic().resolve("fixtures/linux");
    if (!Files.exists(dir.resolve("crash.debug"))) {
      return;
    }
    ElfFile plain = ElfFile.parse(ByteView.map(dir.resolve("crash.debug")));
    ElfFile zlib = ElfFile.parse(ByteView.map(dir.resolve("crash.debug-zlib")));
    ElfFile zstd = ElfFile.parse(ByteView.map(dir.resolve("crash.debug-zstd")));
    assertThat(zlib.debugId()).isEqualTo(plain.debugId());
    assertThat(zstd.debugId()).isEqualTo(plain.debugId());
    for (String name : List.of(".debug_info", ".debug_line", ".debug_str", ".debug_abbrev")) {
      ByteView a = plain.section(name).orElseThrow();
      ByteView b = zlib.section(name).orElseThrow();
      assertThat(b.toByteArray()).as(name).isEqualTo(a.toByteArray());
      assertThat(zstd.section(name).orElseThrow().toByteArray()).as(name)
          .isEqualTo(a.toByteArray());
    }
    assertThat(plain.symbolMap()).isEqualTo(zlib.symbolMap());
  }

  @Test
  void debuglinkFixtures() throws IOException {
    Path dir = ElfCorpus.symbolic().resolve("fixtures/linux/elf_debuglink/gen");
    if (!Files.isDirectory(dir)) {
      return;
    }
    String crc = Files.readString(dir.resolve("debug_info.txt.crc")).trim();
    StringBuilder report = new StringBuilder();
    for (String n : List.of("elf_with_debuglink", "elf_with1_debuglink", "elf_with12_debuglink",
        "elf_with123_debuglink", "elf_with_compressed_debuglink")) {
      ElfFile elf = ElfFile.parse(ByteView.map(dir.resolve(n)));
      ElfDebugLink link = elf.debugLink().orElseThrow();
      report.append(n).append(": ").append(link).append('\n');
      assertThat(link.fileName()).startsWith("debug_info");
      assertThat(String.format("%08x", link.crc32())).isEqualTo(crc);
    }
    assertThat(ElfFile.parse(ByteView.map(dir.resolve("elf_without_debuglink"))).debugLink())
        .isEmpty();
    System.out.println("[ELF symbolic debuglink]\n" + report);
  }

  @Test
  void dynsymsOnly() throws IOException {
    Path p = ElfCorpus.symbolic().resolve("fixtures/linux/dynsyms_only");
    if (!Files.exists(p)) {
      return;
    }
    ElfFile elf = ElfFile.parse(ByteView.map(p));
    System.out.println("[ELF dynsyms_only] " + elf.symbolMap());
    assertThat(elf.hasSymbols()).isTrue();
  }
}
