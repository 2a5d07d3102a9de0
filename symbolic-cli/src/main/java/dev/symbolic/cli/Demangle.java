package dev.symbolic.cli;

import dev.symbolic.common.Language;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
      Lines in = new Lines(env.in);
      // Lines that are already waiting are demangled as a batch on every core; a line typed
      // at a terminal is answered at once.
      List<byte[]> batch = new ArrayList<>(BATCH);
      byte[] line;
      while ((line = in.next()) != null) {
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

  /**
   * Demangles UTF-8 lines and writes their results. Decoding, demangling and encoding happen in
   * the parallel tasks: done by the thread that writes, the text conversions alone took about a
   * sixth of a large run.
   */
  private void write(List<byte[]> lines, Output out) throws IOException {
    byte[][] results = new byte[lines.size()][];
    if (lines.size() < 64) {
      for (int i = 0; i < results.length; i++) {
        results[i] = line(lines.get(i));
      }
    } else {
      IntStream.range(0, results.length).parallel().forEach(i -> results[i] = line(lines.get(i)));
    }
    for (byte[] result : results) {
      out.line(result);
    }
  }

  private byte[] line(byte[] utf8) {
    return line(new String(utf8, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * UTF-8 lines to a stream. {@code String.getBytes(UTF_8)} copies ASCII text, which nearly all
   * names are, without an encoder.
   */
  private static final class Output {
    private final OutputStream out;

    Output(OutputStream out) {
      this.out = new BufferedOutputStream(out, 1 << 16);
    }

    void line(String s) throws IOException {
      line(s.getBytes(StandardCharsets.UTF_8));
    }

    void line(byte[] utf8) throws IOException {
      out.write(utf8);
      out.write('\n');
    }

    void flush() throws IOException {
      out.flush();
    }
  }

  /**
   * UTF-8 lines from a stream, split at LF with a CR before it dropped, as {@code readLine}
   * does for the line ends a symbol list has; each line is returned as a copy of its bytes.
   */
  private static final class Lines {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;

    Lines(InputStream in) {
      this.in = in;
    }

    /** The bytes of the next line, or null at the end. */
    byte[] next() throws IOException {
      int from = start;
      while (true) {
        for (int i = from; i < end; i++) {
          if (buf[i] == '\n') {
            int lineEnd = i > start && buf[i - 1] == '\r' ? i - 1 : i;
            byte[] line = Arrays.copyOfRange(buf, start, lineEnd);
            start = i + 1;
            return line;
          }
        }
        int scanned = end - start;
        if (eof || !fill()) {
          if (start == end) {
            return null;
          }
          byte[] line = Arrays.copyOfRange(buf, start, end);
          start = end;
          return line;
        }
        from = start + scanned;
      }
    }

    /** Whether a line can be had without waiting. */
    boolean ready() throws IOException {
      return start < end || (!eof && in.available() > 0);
    }

    private boolean fill() throws IOException {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
        return false;
      }
      end += n;
      return true;
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
