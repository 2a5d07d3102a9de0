package dev.symbolic.cli;

import dev.symbolic.common.Language;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

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
    Writer out = new BufferedWriter(new OutputStreamWriter(env.out, StandardCharsets.UTF_8), 1 << 16);
    if (parsed.operand(0) != null) {
      for (int i = 0; parsed.operand(i) != null; i++) {
        out.write(demangle.line(parsed.operand(i)));
        out.write('\n');
      }
    } else {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(env.in, StandardCharsets.UTF_8), 1 << 16);
      String line;
      while ((line = in.readLine()) != null) {
        out.write(demangle.line(line));
        out.write('\n');
      }
    }
    out.flush();
    return Main.OK;
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
