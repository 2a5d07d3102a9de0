package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ElfFileCorpusTest {
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\": \"([^\"]*)\"");

  static String field(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": \"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  static List<Path> elfBinaries(Path bin) throws IOException {
    try (Stream<Path> s = Files.list(bin)) {
      return s.filter(Files::isRegularFile).filter(p -> {
        try (var in = Files.newInputStream(p)) {
          byte[] m = in.readNBytes(4);
          return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
          return false;
        }
      }).sorted().collect(Collectors.toList());
    }
  }

  static Arch expectedArch(String name) {
    switch (name) {
      case "x86_64":
        return Arch.AMD64;
      case "i386":
        return Arch.X86;
      case "aarch64":
        return Arch.ARM64;
      case "riscv64":
        return Arch.RISCV64;
      default:
        return Arch.parse(name).orElse(Arch.UNKNOWN);
    }
  }

  @Test
  void metadataMatchesExpectations() throws IOException {
    Path gen = ElfCorpus.generated();
    List<Path> bins = elfBinaries(gen.resolve("binaries"));
    assertThat(bins).isNotEmpty();
    StringBuilder report = new StringBuilder();
    int checked = 0;
    for (Path p : bins) {
      String name = p.getFileName().toString();
      ElfFile elf = ElfFile.parse(ByteView.map(p));
      assertThat(elf.sections()).isNotEmpty();
      Path metaPath = gen.resolve("expected/" + name + ".meta.json");
      if (!Files.exists(metaPath)) {
        // companions: must share the build id of their binary, and be debug files
        report.append(name).append(": companion kind=").append(elf.kind())
            .append(" codeId=").append(elf.codeId().orElse(null)).append('\n');
        continue;
      }
      String meta = Files.readString(metaPath);
      checked++;
      assertThat(elf.arch()).as(name).isEqualTo(expectedArch(field(meta, "arch")));
      String buildId = field(meta, "build_id");
      if (buildId != null) {
        assertThat(elf.codeId().map(Object::toString)).as(name).contains(buildId);
      }
      String breakpad = field(meta, "breakpad_debug_id");
      if (breakpad != null) {
        assertThat(elf.debugId().toBreakpad()).as(name).isEqualToIgnoringCase(breakpad);
      }
      assertThat(elf.is64()).isEqualTo(field(meta, "AddressSize").equals("64bit"));
      assertThat(elf.isLittleEndian()).isEqualTo(field(meta, "DataEncoding").startsWith("Little"));
      assertThat("0x" + Long.toHexString(elf.entry())).as(name)
          .isEqualToIgnoringCase(field(meta, "Entry"));
      assertThat(String.valueOf(elf.programHeaders().size()))
          .isEqualTo(field(meta, "ProgramHeaderCount"));
      assertThat(String.valueOf(elf.sections().size())).isEqualTo(field(meta, "SectionHeaderCount"));
      String type = field(meta, "Type");
      ElfKind kind = elf.kind();
      if (type.startsWith("SharedObject")) {
        assertThat(kind).as(name).isIn(ElfKind.LIBRARY, ElfKind.DEBUG);
      } else if (type.startsWith("Executable")) {
        assertThat(kind).as(name).isIn(ElfKind.EXECUTABLE, ElfKind.DEBUG);
      }
      assertThat(kind).as(name).isNotEqualTo(ElfKind.DEBUG);
      String crc = field(meta, "crc32");
      if (crc != null) {
        ElfDebugLink link = elf.debugLink().orElseThrow();
        assertThat(link.fileName()).isEqualTo(field(meta, "file"));
        assertThat(String.format("%08x", link.crc32())).isEqualTo(crc);
      }
      // headers.txt cross-check
      Path headers = gen.resolve("expected/" + name + ".headers.txt");
      if (Files.exists(headers)) {
        String h = Files.readString(headers);
        Matcher m = Pattern.compile("StringTableSectionIndex: (\\d+)").matcher(h);
        Matcher f = Pattern.compile("Flags \\[ \\(0x([0-9A-Fa-f]+)\\)").matcher(h);
        assertThat(f.find()).isTrue();
        assertThat(elf.flags()).as(name).isEqualTo(Long.parseLong(f.group(1), 16));
        assertThat(m.find()).isTrue();
      }
      assertThat(elf.hasUnwindInfo()).as(name).isTrue();
      report.append(String.format("%s: kind=%s arch=%s codeId=%s debugId=%s symbols=%s dbg=%s%n",
          name, kind, elf.arch(), elf.codeId().orElse(null), elf.debugId(), elf.hasSymbols(),
          elf.hasDebugInfo()));
    }
    System.out.println("[ELF corpus] checked " + checked + " binaries\n" + report);
    assertThat(checked).isGreaterThan(5);
  }

  record NmSymbol(String file, String table, String name, String type, long address) {}

  static List<NmSymbol> readNm(Path gz) throws IOException {
    List<NmSymbol> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Matcher m = FIELD.matcher(line);
        String file = null;
        String table = null;
        String name = null;
        String type = null;
        String address = null;
        while (m.find()) {
          switch (m.group(1)) {
            case "file": file = m.group(2); break;
            case "table": table = m.group(2); break;
            case "name": name = m.group(2); break;
            case "type": type = m.group(2); break;
            case "address": address = m.group(2); break;
            default: break;
          }
        }
        if (name == null || address == null) {
          continue;
        }
        long a = address.isEmpty() ? 0 : Long.parseUnsignedLong(address.replace("0x", ""), 16);
        out.add(new NmSymbol(file, table, name, type, a));
      }
    }
    return out;
  }

  @Test
  void symbolsMatchLlvmNm() throws IOException {
    Path gen = ElfCorpus.generated();
    StringBuilder report = new StringBuilder();
    for (Path p : elfBinaries(gen.resolve("binaries"))) {
      String fileName = p.getFileName().toString();
      String base = fileName.replaceAll("\\.(debug|dwp)$", "");
      Path gz = gen.resolve("expected/" + base + ".symbols.jsonl.gz");
      if (!Files.exists(gz)) {
        continue;
      }
      ElfFile elf = ElfFile.parse(ByteView.map(p));
      List<ElfSymbol> mine = elf.symbols();
      String table = elf.sections().stream().anyMatch(s -> s.type() == ElfSection.SHT_SYMTAB)
          ? "symtab" : "dynsym";
      Set<String> expected = new HashSet<>();
      for (NmSymbol s : readNm(gz)) {
        if (!("binaries/" + fileName).equals(s.file()) || !table.equals(s.table())) {
          continue;
        }
        if (s.type().equals("U") || s.type().equals("w") || s.type().equals("v")) {
          continue;
        }
        String n = s.name();
        int at = n.indexOf('@');
        if (table.equals("dynsym") && at > 0) {
          n = n.substring(0, at);
        }
        expected.add(n + "@" + Long.toHexString(s.address()));
      }
      if (expected.isEmpty()) {
        report.append(String.format("%-40s no expectation for table %s (mine %d)%n", fileName,
            table, mine.size()));
        continue;
      }
      Set<String> got = new HashSet<>();
      for (ElfSymbol s : mine) {
        got.add(s.name() + "@" + Long.toHexString(s.address()));
      }
      Set<String> matched = new HashSet<>(expected);
      matched.retainAll(got);
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(got);
      Set<String> extra = new HashSet<>(got);
      extra.removeAll(expected);
      report.append(String.format("%-40s %s expected=%d mine=%d matched=%d missing=%s extra=%s%n",
          fileName, table, expected.size(), got.size(), matched.size(), limit(missing),
          limit(extra)));
      assertThat(matched.size()).as(fileName).isGreaterThanOrEqualTo(expected.size() * 95 / 100);
    }
    System.out.println("[ELF symbols vs llvm-nm]\n" + report);
  }

  private static String limit(Set<String> s) {
    return s.size() <= 5 ? s.toString() : s.stream().limit(5).collect(Collectors.toList()) + "...";
  }

  @Test
  void zlibSectionsDecompressToTheUncompressedSizes() throws IOException {
    Path gen = ElfCorpus.generated();
    ElfFile zlib = ElfFile.parse(ByteView.map(gen.resolve("binaries/c-gcc-O2-dwarf5-zlib")));
    ElfFile plain = ElfFile.parse(ByteView.map(gen.resolve("binaries/c-gcc-O2-dwarf5")));
    StringBuilder report = new StringBuilder();
    int compressed = 0;
    for (ElfSection s : zlib.sections()) {
      if (!s.isCompressed() && !s.name().startsWith(".zdebug")) {
        continue;
      }
      compressed++;
      String name = s.name().startsWith(".zdebug") ? ".debug" + s.name().substring(7) : s.name();
      ByteView data = zlib.section(name).orElseThrow();
      // the Chdr size is enforced by the decoder; also compare with the uncompressed build
      long declared = zlib.rawData(s).u64le(8);
      assertThat(data.length()).as(name).isEqualTo(declared);
      Optional<ByteView> other = plain.section(name);
      report.append(String.format("%s: %d -> %d (uncompressed build: %s)%n", name, s.size(),
          data.length(), other.map(ByteView::length).orElse(null)));
      if (name.equals(".debug_info")) {
        assertThat(data.u16le(4)).isEqualTo(5); // DWARF 5 unit version
      }
    }
    System.out.println("[ELF zlib]\n" + report);
    assertThat(compressed).isGreaterThan(3);
    assertThat(zlib.hasDebugInfo()).isTrue();
  }

  @Test
  void zstdSectionsDecompress() throws IOException {
    Path gen = ElfCorpus.generated();
    Path p = gen.resolve("binaries/c-clang-O2-dwarf5-lld-zstd");
    ElfFile elf = ElfFile.parse(ByteView.map(p));
    assertThat(elf.hasDebugInfo()).isTrue();
    ElfSection info = elf.sectionHeader(".debug_info").orElseThrow();
    assertThat(info.isCompressed()).isTrue();
    ByteView data = elf.section(".debug_info").orElseThrow();
    assertThat(data.length()).isEqualTo(elf.rawData(info).u64le(8));
    assertThat(data.u16le(4)).as("DWARF version").isEqualTo(5);
  }

  @Test
  void zlibDecompressionLimitIsEnforced() throws IOException {
    Path gen = ElfCorpus.generated();
    ElfFile zlib = ElfFile.parse(ByteView.map(gen.resolve("binaries/c-gcc-O2-dwarf5-zlib")));
    assertThatThrownBy(() -> zlib.section(".debug_info", 16))
        .isInstanceOf(DebugInfoException.class);
  }
}
