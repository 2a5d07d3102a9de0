package dev.symbolic.proguard;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Retraces whole stack traces as text, printing what R8's {@code retrace} prints.
 *
 * <p>Frames become their original frames (several for inlined code, innermost first); exception
 * class names at the start of a line and after {@code Caused by:}, {@code Suppressed:} or
 * {@code Exception in thread "…"} are restored; every other line is copied. When the mapping
 * cannot tell candidates apart, each further candidate is printed on its own line with
 * {@code <OR> } before {@code at}. Compiler-synthesized frames vanish, outline frames are folded
 * into their call site, and {@code rewriteFrame} rules drop the frames a compiler-inserted null
 * check added.
 *
 * <pre>{@code
 * Retracer retracer = Retracer.of(ProguardMapping.open(Path.of("mapping.txt")));
 * String original = retracer.retrace(obfuscated);
 *
 * // A whole file through a cache, as bytes: the fastest way for a short-lived process.
 * try (InputStream in = Files.newInputStream(Path.of("trace.txt"))) {
 *   Retracer.of(ProguardCache.open(Path.of("mapping.pgcache"))).retrace(in, System.out);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; each call keeps its own state.
 */
public final class Retracer {
  /** Lines read at most before answering them: bounds memory on endless input. */
  private static final int BATCH = 1 << 14;

  private final Mapping mapping;
  private final boolean verbose;
  private final boolean parallel;

  private Retracer(Mapping mapping, boolean verbose, boolean parallel) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.verbose = verbose;
    this.parallel = parallel;
  }

  /** A retracer printing R8's default output. */
  public static Retracer of(Mapping mapping) {
    return new Retracer(mapping, false, false);
  }

  /** A retracer printing full method signatures, as R8's {@code --verbose} does. */
  public Retracer verbose(boolean verbose) {
    return new Retracer(mapping, verbose, parallel);
  }

  /**
   * A retracer that spreads a long input over several cores: lines waiting to be read are cut
   * into runs that each start at an exception line (whose output does not depend on the lines
   * before it), the runs are retraced at once (from a {@link Reader} on the common fork-join
   * pool, from an {@link InputStream} through a cache on threads of its own), and their output
   * is written in order. The output is the same as without.
   *
   * @param parallel whether to use several cores
   * @return the retracer
   */
  public Retracer parallel(boolean parallel) {
    return new Retracer(mapping, verbose, parallel);
  }

  /** Retraces a whole trace; lines are separated by {@code \n} in the result. */
  public String retrace(String stackTrace) {
    StringBuilder out = new StringBuilder(stackTrace.length() + 256);
    try (BufferedReader reader = new BufferedReader(new StringReader(stackTrace))) {
      retrace(reader, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Retraces lines from {@code in} to {@code out}, each output line ending in {@code \n}. */
  public void retrace(Reader in, Writer out) throws IOException {
    BufferedReader reader = in instanceof BufferedReader ? (BufferedReader) in
        : new BufferedReader(in, 1 << 16);
    retrace(reader, (Appendable) out);
  }

  /**
   * Retraces UTF-8 lines from {@code in} to {@code out}: the same text as
   * {@link #retrace(Reader, Writer)} gives, each line ending in {@code \n}. Lines are answered as
   * they arrive; {@code out} is flushed at the end, and neither stream is closed.
   *
   * <p>With a {@link ProguardCache}, nearly every line is retraced straight from the cache's
   * bytes, which is several times faster while the code still runs cold (as it does for all of a
   * short-lived process). The first such call copies the cache's strings and tables to the heap
   * (about a third of the cache's size) and keeps them with the cache for later calls.
   */
  public void retrace(InputStream in, OutputStream out) throws IOException {
    CacheFrames frames = verbose || !(mapping instanceof ProguardCache) ? null
        : CacheFrames.over((ProguardCache) mapping);
    if (frames == null) {
      Writer writer =
          new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      retrace(new InputStreamReader(in, StandardCharsets.UTF_8), writer);
      writer.flush();
      return;
    }
    ByteSink sink = new ByteSink(1 << 13);
    List<String> lines = new ArrayList<>();
    Context context = Context.EMPTY;
    // Large enough that a whole trace file usually arrives in one read, to be cut into parts.
    byte[] buf = new byte[parallel ? PARALLEL_BUFFER : 1 << 13];
    int start = 0;
    int end = 0;
    // A line ended by \r: a \n right after it belongs to the same line break.
    boolean skipLf = false;
    boolean cold = true;
    for (int n; (n = in.read(buf, end, buf.length - end)) >= 0; ) {
      int scan = end;
      end += n;
      if (skipLf && start < end) {
        skipLf = false;
        if (buf[start] == '\n') {
          start++;
          scan = Math.max(scan, start);
        }
      }
      int last = lastLineEnd(buf, scan, end);
      if (last >= start) {
        if (parallel && last + 1 - start >= 2 * MIN_PART) {
          context = retraceParts(buf, start, last + 1, context, frames, lines, sink, out, cold);
          cold = false;
        } else {
          context = retraceLines(buf, start, last + 1, context, frames, lines, sink);
        }
        start = last + 1;
        if (buf[last] == '\r') {
          if (start == end) {
            skipLf = true;
          } else if (buf[start] == '\n') {
            start++;
          }
        }
      }
      sink.drainTo(out);
      // Keep the unfinished line at the front, in a larger buffer if it fills this one.
      int rest = end - start;
      if (rest > buf.length / 2) {
        buf = java.util.Arrays.copyOfRange(buf, start, start + Math.max(buf.length, 2 * rest));
      } else {
        System.arraycopy(buf, start, buf, 0, rest);
      }
      start = 0;
      end = rest;
    }
    if (end > start) {
      retraceLine(buf, start, end, context, frames, lines, sink);
    }
    sink.drainTo(out);
    out.flush();
  }

  /** The byte buffer of a parallel retrace: 1 MiB. */
  private static final int PARALLEL_BUFFER = 1 << 20;
  /** The least input worth a part of its own on another core: some hundreds of lines. */
  private static final int MIN_PART = 32 << 10;

  /**
   * Retraces the whole lines {@code buf[from, to)} ({@code to} just after a line break; a
   * {@code \r\n} across {@code to} is the caller's) into {@code sink}.
   *
   * @return the context for the line after them
   */
  private Context retraceLines(byte[] buf, int from, int to, Context context, CacheFrames frames,
      List<String> lines, ByteSink sink) {
    int start = from;
    while (start < to) {
      int i = lineEnd(buf, start, to);
      context = retraceLine(buf, start, i, context, frames, lines, sink);
      start = i + 1;
      if (buf[i] == '\r' && start < to && buf[start] == '\n') {
        start++;
      }
    }
    return context;
  }

  /**
   * {@link #retraceLines} on several cores: the lines are cut into parts that each start at an
   * exception line (whose output, and the context it hands on, do not depend on the lines above),
   * the parts after the first are retraced on threads of their own, and every part's output goes
   * to {@code out} in order. The first part is this thread's, into {@code sink}.
   */
  private Context retraceParts(byte[] buf, int from, int to, Context context, CacheFrames frames,
      List<String> lines, ByteSink sink, OutputStream out, boolean cold) throws IOException {
    int parts = Math.min(Runtime.getRuntime().availableProcessors(), (to - from) / MIN_PART);
    List<Part> helpers = new ArrayList<>(parts);
    // Cold, the code runs interpreted until the JIT has compiled it, on the other core: this
    // thread retraces the first quarter of the first buffer alone meanwhile (measured on the 53
    // MB corpus mapping's 10,000 frames: 36 ms instead of 43 ms splitting at once, and 44 ms on
    // one core).
    int warm = cold ? nextStart(buf, from + (to - from) / 4, to, frames) : from;
    int firstEnd = to;
    int cut = warm;
    for (int p = 1; p < parts; p++) {
      int next = nextStart(buf, warm + (int) ((long) (to - warm) * p / parts), to, frames);
      if (next <= cut || next >= to) {
        continue;
      }
      if (helpers.isEmpty()) {
        firstEnd = next;
      } else {
        helpers.get(helpers.size() - 1).to = next;
      }
      cut = next;
      helpers.add(new Part(this, buf, next, to, CacheFrames.over((ProguardCache) mapping)));
    }
    Context end = retraceLines(buf, from, warm, context, frames, lines, sink);
    for (Part part : helpers) {
      part.start();
    }
    end = retraceLines(buf, warm, firstEnd, end, frames, lines, sink);
    for (Part part : helpers) {
      sink.drainTo(out);
      end = part.await();
      part.sink.drainTo(out);
    }
    return end;
  }

  /**
   * The start of the first line at or after the line holding {@code at} that starts anew (see
   * {@link CacheFrames#startsAnew}), or {@code to} when there is none.
   */
  private static int nextStart(byte[] buf, int at, int to, CacheFrames frames) {
    // The start of the line after the one holding `at`.
    int start = lineEnd(buf, at, to) + 1;
    while (start < to) {
      if (buf[start - 1] == '\r' && buf[start] == '\n') {
        start++;
        continue;
      }
      int end = lineEnd(buf, start, to);
      if (frames.startsAnew(buf, start, end)) {
        return start;
      }
      start = end + 1;
    }
    return to;
  }

  /** A part of the lines, retraced on a thread of its own. */
  private static final class Part extends Background<Context> {
    private final Retracer retracer;
    private final byte[] buf;
    private final int from;
    int to;
    private final CacheFrames frames;
    final ByteSink sink = new ByteSink(1 << 16);

    Part(Retracer retracer, byte[] buf, int from, int to, CacheFrames frames) {
      super("symbolic-retrace");
      this.retracer = retracer;
      this.buf = buf;
      this.from = from;
      this.to = to;
      this.frames = frames;
    }

    @Override
    Context compute() {
      return retracer.retraceLines(buf, from, to, Context.EMPTY, frames, new ArrayList<>(), sink);
    }
  }

  /** The last {@code \n} or {@code \r} in {@code buf[from, to)}, or -1. */
  private static int lastLineEnd(byte[] buf, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (buf[i] == '\n' || buf[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where the line from {@code from} ends: its {@code \n} or {@code \r}, else {@code to}. A
   * method of its own, called per line, so that it is compiled early rather than run
   * interpreted for the first tens of thousands of bytes.
   */
  private static int lineEnd(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n' || buf[i] == '\r') {
        return i;
      }
    }
    return to;
  }

  /** Retraces one line of bytes, through the cache's fast path when it can. */
  private Context retraceLine(byte[] buf, int start, int end, Context context, CacheFrames frames,
      List<String> lines, ByteSink sink) {
    switch (frames.retrace(buf, start, end, context.thrown, context.outlinePosition, sink)) {
      case CacheFrames.RETRACED:
        return Context.EMPTY;
      case CacheFrames.UNMAPPED:
        return context;
      case CacheFrames.THROWN:
        return new Context(frames.thrownClass(buf), FrameLookup.NO_OUTLINE);
      case CacheFrames.OUTLINE:
        return new Context(null, frames.outlinePosition());
      default:
        break;
    }
    lines.clear();
    Context next =
        retraceLine(new String(buf, start, end - start, StandardCharsets.UTF_8), context, lines);
    for (String line : lines) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      sink.write(bytes, 0, bytes.length);
      sink.write('\n');
    }
    return next;
  }

  private void retrace(BufferedReader reader, Appendable out) throws IOException {
    Context context = Context.EMPTY;
    List<String> lines = new ArrayList<>();
    String line;
    if (!parallel) {
      while ((line = reader.readLine()) != null) {
        lines.clear();
        context = retraceLine(line, context, lines);
        for (String l : lines) {
          out.append(l).append('\n');
        }
      }
      return;
    }
    // Lines already waiting are retraced together; a line typed at a terminal is answered at
    // once.
    List<String> batch = new ArrayList<>();
    while ((line = reader.readLine()) != null) {
      batch.add(line);
      if (batch.size() < BATCH && reader.ready()) {
        continue;
      }
      context = retraceBatch(batch, context, out);
      batch.clear();
    }
    retraceBatch(batch, context, out);
  }

  /** Retraces lines in runs, each starting at an exception line, on several cores. */
  private Context retraceBatch(List<String> batch, Context context, Appendable out)
      throws IOException {
    int tasks = Math.min(Runtime.getRuntime().availableProcessors() * 4, batch.size() / 256);
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int t = 1; t < tasks; t++) {
      int i = Math.max(starts.get(starts.size() - 1) + 1, batch.size() * t / tasks);
      while (i < batch.size() && !startsAnew(batch.get(i))) {
        i++;
      }
      if (i < batch.size() && i > starts.get(starts.size() - 1)) {
        starts.add(i);
      }
    }
    int runs = starts.size();
    List<List<String>> outputs = new ArrayList<>(runs);
    Context[] ends = new Context[runs];
    for (int r = 0; r < runs; r++) {
      outputs.add(new ArrayList<>());
    }
    Context first = context;
    java.util.stream.IntStream range = java.util.stream.IntStream.range(0, runs);
    (runs > 1 ? range.parallel() : range).forEach(r -> {
      Context c = r == 0 ? first : Context.EMPTY;
      int to = r + 1 < runs ? starts.get(r + 1) : batch.size();
      List<String> o = outputs.get(r);
      for (int i = starts.get(r); i < to; i++) {
        c = retraceLine(batch.get(i), c, o);
      }
      ends[r] = c;
    });
    for (List<String> o : outputs) {
      for (String l : o) {
        out.append(l).append('\n');
      }
    }
    return ends[runs - 1];
  }

  /** Whether a line's output is independent of the lines before it: an exception line. */
  private static boolean startsAnew(String text) {
    StackTraceLine line = StackTraceLine.parse(text);
    return line.hasClass() && !line.isFrame();
  }

  /**
   * Retraces one line.
   *
   * @return the lines it becomes: none when it was a synthesized frame, several for inlining
   *     and ambiguity
   */
  public List<String> retraceLine(String line) {
    List<String> out = new ArrayList<>();
    retraceLine(line, Context.EMPTY, out);
    return out;
  }

  /** What a line hands to the next: the thrown exception, or a pending outline position. */
  private static final class Context {
    static final Context EMPTY = new Context(null, FrameLookup.NO_OUTLINE);
    final String thrown;
    final int outlinePosition;

    Context(String thrown, int outlinePosition) {
      this.thrown = thrown;
      this.outlinePosition = outlinePosition;
    }
  }

  private Context retraceLine(String text, Context context, List<String> out) {
    StackTraceLine line = StackTraceLine.parse(text);
    if (!line.hasClass()) {
      // A line R8 does not understand hands the state on untouched.
      out.add(text);
      return context;
    }
    String obfuscatedClass = line.className();
    ClassMapping cls = mapping.classMapping(obfuscatedClass).orElse(null);
    String className = cls == null ? obfuscatedClass : cls.originalName();
    if (!line.isFrame()) {
      out.add(replace(line, className, null, null, null));
      return new Context(obfuscatedClass, FrameLookup.NO_OUTLINE);
    }
    int position = line.lineNumber();
    FrameLookup.Result result =
        FrameLookup.lookup(cls, line.methodName(), position, context.thrown,
            context.outlinePosition);
    if (result.isEmpty()) {
      String file = SourceFiles.forClass(mapping, className, line.fileName(), cls != null);
      String lineText = position == FrameLookup.NONE ? null : position > 0 ? ":" + position : "";
      out.add(replace(line, className, line.methodName(), file, lineText));
      return context;
    }
    RetracedFrames retraced =
        RetracedFrames.of(mapping, className, result, position, line.fileName(), verbose);
    List<List<String>> blocks = new ArrayList<>(retraced.candidates.size());
    for (RetracedFrames.Candidate candidate : retraced.candidates) {
      List<String> block = new ArrayList<>(candidate.frames.size());
      for (RetracedFrames.Frame frame : candidate.frames) {
        String method = verbose ? frame.method.signature() : frame.method.originalName();
        String lineText = null;
        if (frame.line != FrameLookup.NONE
            && (position != FrameLookup.NONE || !result.ambiguous || verbose)) {
          // R8 prints no line at all for line 0.
          lineText = frame.line > 0 ? ":" + frame.line : "";
        }
        block.add(replace(line, frame.className, method, frame.file, lineText));
      }
      blocks.add(block);
    }
    // Candidates are printed frame by frame: every candidate's first frame, then every second
    // frame, each further distinct one marked with <OR>.
    for (int index = 0; ; index++) {
      boolean any = false;
      Set<String> printed = new HashSet<>();
      for (List<String> block : blocks) {
        if (index < block.size()) {
          any = true;
          String s = block.get(index);
          if (printed.add(s)) {
            out.add(block == blocks.get(0) ? s : insertOr(s));
          }
        }
      }
      if (!any) {
        break;
      }
    }
    if (retraced.candidates.isEmpty()) {
      return new Context(null, retraced.lastOutline);
    }
    return retraced.candidates.size() == 1
        ? new Context(null, retraced.candidates.get(0).outline) : Context.EMPTY;
  }

  /** R8 marks a further candidate by inserting {@code <OR> } before {@code at}. */
  private static String insertOr(String line) {
    int at = line.indexOf("at ");
    if (at < 0) {
      at = 0;
      while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
        at++;
      }
    }
    return line.substring(0, at) + "<OR> " + line.substring(at);
  }

  /** Rebuilds the line with the class, method, file and line spans replaced where given. */
  private static String replace(
      StackTraceLine line, String className, String method, String file, String lineText) {
    String text = line.text;
    StringBuilder sb = new StringBuilder(text.length() + 64);
    sb.append(text, 0, line.classStart).append(className);
    int pos = line.classEnd;
    if (line.isFrame()) {
      sb.append(text, pos, line.methodStart).append(method);
      pos = line.methodEnd;
      if (line.hasFile()) {
        sb.append(text, pos, line.fileStart).append(file);
        pos = line.fileEnd;
      }
      if (line.hasLineSpan()) {
        sb.append(text, pos, line.lineStart).append(lineText != null ? lineText : line.lineText());
        pos = line.lineEnd;
      }
    }
    return sb.append(text, pos, text.length()).toString();
  }
}
