package dev.symbolic.cli;

import dev.symbolic.common.Language;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** {@code symbolic demangle}: names from arguments, or standard input line by line. */
final class Demangle {
  private final Language language;
  private final boolean msvcOnly;
  private final DemangleOptions options;

  private Demangle(Language language, boolean msvcOnly, DemangleOptions options) {
    this.language = language;
    this.msvcOnly = msvcOnly;
    this.options = options;
  }

  static int run(Env env, CommandSpec.Parsed parsed) throws IOException {
    String lang = parsed.option("--lang") == null ? "auto" : parsed.option("--lang");
    Language language;
    switch (lang) {
      case "auto":
        language = Language.UNKNOWN;
        break;
      case "cpp":
      case "msvc":
        language = Language.CPP;
        break;
      case "rust":
        language = Language.RUST;
        break;
      case "swift":
        language = Language.SWIFT;
        break;
      case "objc":
        language = Language.OBJC;
        break;
      default:
        throw CliException.usage("unknown language '" + lang
            + "' for --lang: use auto, cpp, msvc, rust, swift or objc");
    }
    DemangleOptions options = DemangleOptions.complete()
        .parameters(!parsed.flag("--no-params"))
        .rustHash(!parsed.flag("--no-rust-hash"));
    Demangle demangle = new Demangle(language, lang.equals("msvc"), options);
    Output out = new Output(env.out);
    if (parsed.operand(0) != null) {
      for (int i = 0; parsed.operand(i) != null; i++) {
        out.line(demangle.line(parsed.operand(i)));
      }
    } else {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(env.in, StandardCharsets.UTF_8), 1 << 16);
      // Lines that are already waiting are demangled as a batch on every core; a line typed
      // at a terminal is answered at once.
      List<String> batch = new ArrayList<>(BATCH);
      String line;
      while ((line = in.readLine()) != null) {
        batch.add(line);
        if (batch.size() == BATCH || !in.ready()) {
          demangle.write(batch, out);
          batch.clear();
          if (!in.ready()) {
            out.flush();
          }
        }
      }
      demangle.write(batch, out);
    }
    out.flush();
    return Main.OK;
  }

  private static final int BATCH = 4096;

  private void write(List<String> lines, Output out) throws IOException {
    String[] results = new String[lines.size()];
    if (lines.size() < 64) {
      for (int i = 0; i < results.length; i++) {
        results[i] = line(lines.get(i));
      }
    } else {
      IntStream.range(0, results.length).parallel().forEach(i -> results[i] = line(lines.get(i)));
    }
    for (String result : results) {
      out.line(result);
    }
  }

  /** UTF-8 lines to a stream; ASCII, which nearly all names are, is copied without an encoder. */
  private static final class Output {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int len;

    Output(OutputStream out) {
      this.out = out;
    }

    void line(String s) throws IOException {
      int n = s.length();
      if (n + 1 > buf.length - len) {
        flush();
      }
      if (n + 1 > buf.length) {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        return;
      }
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {

          flush();
          out.write(s.getBytes(StandardCharsets.UTF_8));
          out.write('\n');
          return;
        }
        buf[len + i] = (byte) c;
      }
      len += n;
      buf[len++] = '\n';
    }

    void flush() throws IOException {
      out.write(buf, 0, len);
      len = 0;
      out.flush();
    }
  }

  /** The demangled name, or the line itself when it is not a mangled name. */
  private String line(String line) {
    String name = line.strip();
    if (name.isEmpty() || (msvcOnly && !name.startsWith("?") && !name.startsWith(".?"))) {
      return line;
    }
    return Demangler.demangle(name, language, options).orElse(line);
  }
}
