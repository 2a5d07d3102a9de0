package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfDebugFilesTest {
  private static final String NAME = "c-gcc-O2-dwarf5-debuglink";

  @Test
  void findsCompanionViaDebuglinkInTheSameDirectory() throws IOException {
    Path bin = ElfCorpus.generated().resolve("binaries/" + NAME);
    ElfFile elf = ElfFile.parse(ByteView.map(bin));
    ElfDebugLink link = elf.debugLink().orElseThrow();
    assertThat(link.fileName()).isEqualTo(NAME + ".debug");
    assertThat(ElfDebugFiles.find(bin, elf, List.of()))
        .hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo(NAME + ".debug"));
    ElfFile debug = ElfFile.parse(ByteView.map(ElfDebugFiles.find(bin, elf, List.of()).get()));
    assertThat(debug.kind()).isEqualTo(ElfKind.DEBUG);
    assertThat(debug.hasDebugInfo()).isTrue();
    assertThat(debug.debugId()).isEqualTo(elf.debugId());
  }

  @Test
  void findsCompanionViaDotDebugAndRejectsBadCrc(@TempDir Path tmp) throws IOException {
    Path src = ElfCorpus.generated().resolve("binaries");
    Path bin = tmp.resolve(NAME);
    Files.copy(src.resolve(NAME), bin);
    ElfFile elf = ElfFile.parse(ByteView.of(Files.readAllBytes(bin)));
    // wrong contents under the right name: CRC mismatch
    Files.write(tmp.resolve(NAME + ".debug"), new byte[] {1, 2, 3});
    assertThat(ElfDebugFiles.find(bin, elf, List.of())).isEmpty();
    Files.createDirectories(tmp.resolve(".debug"));
    Files.copy(src.resolve(NAME + ".debug"), tmp.resolve(".debug/" + NAME + ".debug"));
    assertThat(ElfDebugFiles.find(bin, elf, List.of()))
        .contains(tmp.resolve(".debug/" + NAME + ".debug"));
  }

  @Test
  void findsCompanionViaGlobalDebugDirectory(@TempDir Path tmp) throws IOException {
    Path src = ElfCorpus.generated().resolve("binaries");
    Path bindir = tmp.resolve("usr/bin");
    Files.createDirectories(bindir);
    Path bin = bindir.resolve(NAME);
    Files.copy(src.resolve(NAME), bin);
    Path global = tmp.resolve("debug");
    Path target = global.resolve(tmp.getRoot().relativize(bindir.toAbsolutePath()))
        .resolve(NAME + ".debug");
    Files.createDirectories(target.getParent());
    Files.copy(src.resolve(NAME + ".debug"), target);
    ElfFile elf = ElfFile.parse(ByteView.of(Files.readAllBytes(bin)));
    assertThat(ElfDebugFiles.find(bin, elf, List.of(global))).contains(target);
  }

  @Test
  void findsCompanionViaBuildIdTree(@TempDir Path tmp) throws IOException {
    Path src = ElfCorpus.generated().resolve("binaries");
    Path bin = tmp.resolve("bin/" + NAME);
    Files.createDirectories(bin.getParent());
    Files.copy(src.resolve(NAME), bin);
    ElfFile elf = ElfFile.parse(ByteView.of(Files.readAllBytes(bin)));
    String id = elf.codeId().orElseThrow().toString();
    Path global = tmp.resolve("global");
    Path target = global.resolve(".build-id/" + id.substring(0, 2) + "/" + id.substring(2)
        + ".debug");
    Files.createDirectories(target.getParent());
    // a wrong file first: different build id, must be rejected
    Files.copy(src.resolve("c-gcc-O0-dwarf5"), target);
    assertThat(ElfDebugFiles.find(bin, elf, List.of(global))).isEmpty();
    Files.delete(target);
    Files.copy(src.resolve(NAME + ".debug"), target);
    assertThat(ElfDebugFiles.find(bin, elf, List.of(tmp.resolve("nothing"), global)))
        .contains(target);
  }
}
