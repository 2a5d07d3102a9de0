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

/** Test helpers: a minimal ELF section reader and a minimal JSON parser (no production deps). */
final class DwarfTestSupport {
  private DwarfTestSupport() {}

  static Path corpusDir() {
    return Path.of(System.getProperty("symbolic.corpus", "../shared/corpus"), "debuginfo");
  }

  /** Reads the uncompressed sections of a little-endian ELF32/ELF64 file. */
  static DwarfSections elfSections(Path file) throws IOException {
    ByteView v = ByteView.map(file);
    boolean is64 = v.u8(4) == 2;
    if (v.u8(5) != 1) {
      throw new IOException("big-endian ELF not supported by the test reader");
    }
    long shoff = is64 ? v.u64le(0x28) : v.u32le(0x20);
    int shentsize = is64 ? v.u16le(0x3a) : v.u16le(0x2e);
    int shnum = is64 ? v.u16le(0x3c) : v.u16le(0x30);
    int shstrndx = is64 ? v.u16le(0x3e) : v.u16le(0x32);
    long[] nameOff = new long[shnum];
    long[] off = new long[shnum];
    long[] size = new long[shnum];
    long[] flags = new long[shnum];
    int[] type = new int[shnum];
    for (int i = 0; i < shnum; i++) {
      long h = shoff + (long) i * shentsize;
      nameOff[i] = v.u32le(h);
      type[i] = (int) v.u32le(h + 4);
      if (is64) {
        flags[i] = v.u64le(h + 8);
        off[i] = v.u64le(h + 0x18);
        size[i] = v.u64le(h + 0x20);
      } else {
        flags[i] = v.u32le(h + 8);
        off[i] = v.u32le(h + 0x10);
        size[i] = v.u32le(h + 0x14);
      }
    }
    Map<String, ByteView> map = new HashMap<>();
    for (int i = 0; i < shnum; i++) {
      String name = v.cstring(off[shstrndx] + nameOff[i]);
      if (type[i] == 8 /* NOBITS */) {
        continue;
      }
      ByteView data = v.slice(off[i], size[i]);
      if ((flags[i] & 0x800) != 0) { // SHF_COMPRESSED
        data = inflate(data, is64);
        if (data == null) {
          continue; // zstd: not supported by the test reader
        }
      }
      map.put(name, data);
    }
    return DwarfSections.of(n -> Optional.ofNullable(map.get(n)), true, is64 ? 8 : 4);
  }

  private static ByteView inflate(ByteView chdr, boolean is64) throws IOException {
    long type = chdr.u32le(0);
    long size = is64 ? chdr.u64le(8) : chdr.u32le(4);
    int header = is64 ? 24 : 12;
    if (type != 1) {
      return null;
    }
    java.util.zip.Inflater inf = new java.util.zip.Inflater();
    inf.setInput(chdr.slice(header).toByteArray());
    byte[] out = new byte[(int) size];
    try {
      int n = 0;
      while (n < out.length && !inf.finished()) {
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += k;
      }
    } catch (java.util.zip.DataFormatException e) {
      throw new IOException(e);
    } finally {
      inf.end();
    }
    return ByteView.of(out);
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
