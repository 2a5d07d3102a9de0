package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Test helpers: DWARF sections of an ELF file and a minimal JSON parser (no test dependency). */
final class DwarfTestSupport {
  private DwarfTestSupport() {}

  static Path corpusDir() {
    return Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"), "debuginfo");
  }

  /** Reads the (decompressed) DWARF sections of an ELF file through {@link ElfFile}. */
  /**
   * The 40 MB benchmark binary at {@code target/large/large-cpp-gcc-O2-dwarf5}, decompressed
   * with {@code xz} from the corpus on first use; may not exist (no corpus, no xz).
   */
  static synchronized Path largeBinary() throws IOException, InterruptedException {
    Path bin = Path.of("target/large/large-cpp-gcc-O2-dwarf5");
    Path xz = corpusDir().resolve("generated/binaries/large-cpp-gcc-O2-dwarf5.xz");
    if (!Files.exists(bin) && Files.exists(xz)) {
      Files.createDirectories(bin.getParent());
      Path tmp = bin.resolveSibling(bin.getFileName() + ".tmp");
      try {
        Process p = new ProcessBuilder("xz", "-dc", xz.toString())
            .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() == 0) {
          Files.move(tmp, bin);
        }
      } catch (IOException e) {
        System.out.println("large binary: cannot run xz: " + e.getMessage());
      }
    }
    return bin;
  }

  static DwarfSections elfSections(Path file) throws IOException {
    ElfFile elf = ElfFile.parse(ByteView.map(file));
    return DwarfSections.of(elf::section, elf.isLittleEndian(), elf.is64() ? 8 : 4);
  }

  static List<Map<String, Object>> readJsonLines(Path gz) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      String s;
      while ((s = r.readLine()) != null) {
        if (!s.isBlank()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) new Json(s).value();
          out.add(m);
        }
      }
    }
    return out;
  }

  /** A tiny JSON parser: objects to LinkedHashMap, arrays to List, numbers to Long/Double. */
  static final class Json {
    private final String s;
    private int p;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      ws();
      char c = s.charAt(p);
      switch (c) {
        case '{':
          {
            p++;
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (s.charAt(p) == '}') {
              p++;
              return m;
            }
            while (true) {
              ws();
              String k = string();
              ws();
              p++; // :
              m.put(k, value());
              ws();
              if (s.charAt(p++) == '}') {
                return m;
              }
            }
          }
        case '[':
          {
            p++;
            List<Object> l = new ArrayList<>();
            ws();
            if (s.charAt(p) == ']') {
              p++;
              return l;
            }
            while (true) {
              l.add(value());
              ws();
              if (s.charAt(p++) == ']') {
                return l;
              }
            }
          }
        case '"':
          return string();
        case 't':
          p += 4;
          return Boolean.TRUE;
        case 'f':
          p += 5;
          return Boolean.FALSE;
        case 'n':
          p += 4;
          return null;
        default:
          {
            int st = p;
            while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
              p++;
            }
            String num = s.substring(st, p);
            if (num.contains(".") || num.contains("e") || num.contains("E")) {
              return Double.parseDouble(num);
            }
            return Long.parseLong(num);
          }
      }
    }

    private String string() {
      p++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = s.charAt(p++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char e = s.charAt(p++);
          switch (e) {
            case 'n':
              sb.append('\n');
              break;
            case 't':
              sb.append('\t');
              break;
            case 'r':
              sb.append('\r');
              break;
            case 'b':
              sb.append('\b');
              break;
            case 'f':
              sb.append('\f');
              break;
            case 'u':
              sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
              p += 4;
              break;
            default:
              sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
    }

    private void ws() {
      while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
        p++;
      }
    }
  }
}
