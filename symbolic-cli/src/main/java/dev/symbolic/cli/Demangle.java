package dev.symbolic.cli;

import dev.symbolic.common.Language;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    if (parsed.operand(0) != null) {
      ByteSink out = new ByteSink(256);
      for (int i = 0; parsed.operand(i) != null; i++) {
        out.line(demangle.line(parsed.operand(i)));
      }
      env.out.write(out.bytes, 0, out.size);
      env.out.flush();
    } else {
      new Pipeline(demangle, env.in, env.out).run();
    }
    return Main.OK;
  }

  /**
   * Standard input in blocks of whole lines: a reader thread cuts them, one worker per core
   * demangles them, and the calling thread writes the results in input order. Reading and
   * writing thus overlap the demangling instead of pausing it; done between parallel batches,
   * they left a core idle for a fifth of a large run. A block is cut as soon as no more input
   * is waiting, so a line typed at a terminal is answered at once.
   */
  private static final class Pipeline {
    private static final int BLOCK = 1 << 16;
    private static final Future<byte[]> END = CompletableFuture.completedFuture(null);

    private final Demangle demangle;
    private final InputStream in;
    private final OutputStream out;
    private final int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final BlockingQueue<Future<byte[]>> blocks = new ArrayBlockingQueue<>(4 * workers);

    Pipeline(Demangle demangle, InputStream in, OutputStream out) {
      this.demangle = demangle;
      this.in = in;
      this.out = out;
    }

    void run() throws IOException {
      ExecutorService pool = Executors.newFixedThreadPool(workers, Pipeline::daemon);
      Thread reader = daemon(() -> read(pool));
      reader.start();
      try {
        for (Future<byte[]> block = take(); block != END; block = take()) {
          byte[] result = join(block);
          out.write(result, 0, result.length);
          if (blocks.isEmpty()) {
            out.flush();
          }
        }
        out.flush();
      } finally {
        reader.interrupt();
        pool.shutdownNow();
      }
    }

    /** Cuts the input into blocks of whole lines and queues their demangling, then {@link #END}. */
    private void read(ExecutorService pool) {
      try {
        byte[] buf = new byte[BLOCK];
        int len = 0;
        while (true) {
          int n = in.read(buf, len, buf.length - len);
          if (n < 0) {
            if (len > 0) {
              submit(pool, buf, len);
            }
            break;
          }
          len += n;
          if (len < buf.length && in.available() > 0) {
            continue;
          }
          int cut = len;
          while (cut > 0 && buf[cut - 1] != '\n') {
            cut--;
          }
          if (cut == 0) {
            if (len == buf.length) {
              buf = Arrays.copyOf(buf, buf.length * 2);
            }
            continue;
          }
          byte[] next = new byte[Math.max(BLOCK, 2 * (len - cut))];
          System.arraycopy(buf, cut, next, 0, len - cut);
          submit(pool, buf, cut);
          buf = next;
          len -= cut;
        }
        blocks.put(END);
      } catch (IOException e) {
        try {
          blocks.put(CompletableFuture.failedFuture(e));
        } catch (InterruptedException stopped) {
          // The writer stopped: nobody reads what would be queued.
        }
      } catch (InterruptedException e) {
        // The writer stopped: nobody reads what would be queued.
      }
    }

    private void submit(ExecutorService pool, byte[] buf, int len) throws InterruptedException {
      blocks.put(pool.submit(() -> demangle.block(buf, len)));
    }

    private Future<byte[]> take() throws IOException {
      try {
        return blocks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while demangling");
      }
    }

    private static byte[] join(Future<byte[]> block) throws IOException {
      try {
        return block.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while demangling");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException) {
          throw (IOException) e.getCause();
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    private static Thread daemon(Runnable task) {
      Thread t = new Thread(task, "demangle");
      t.setDaemon(true);
      return t;
    }
  }

  /**
   * Demangles the UTF-8 lines in {@code block[0, len)}: lines end at LF, a CR before it is
   * dropped (as {@code readLine} drops it), and the last line may lack its LF.
   */
  private byte[] block(byte[] block, int len) {
    ByteSink out = new ByteSink(len + len / 2);
    int start = 0;
    while (start < len) {
      int lf = start;
      while (lf < len && block[lf] != '\n') {
        lf++;
      }
      int end = lf > start && block[lf - 1] == '\r' ? lf - 1 : lf;
      String line = new String(block, start, end - start, StandardCharsets.UTF_8);
      String result = line(line);
      if (result == line) {
        out.line(block, start, end - start);
      } else {
        out.line(result);
      }
      start = lf + 1;
    }
    return Arrays.copyOf(out.bytes, out.size);
  }

  /** A growable byte buffer of output lines. */
  private static final class ByteSink {
    byte[] bytes;
    int size;

    ByteSink(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    /** {@code String.getBytes(UTF_8)} copies ASCII text, which nearly all names are. */
    void line(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      line(utf8, 0, utf8.length);
    }

    void line(byte[] b, int off, int len) {
      if (bytes.length - size < len + 1) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + len + 1));
      }
      System.arraycopy(b, off, bytes, size, len);
      size += len;
      bytes[size++] = '\n';
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
