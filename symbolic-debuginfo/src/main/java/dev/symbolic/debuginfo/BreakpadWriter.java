package dev.symbolic.debuginfo;

import dev.symbolic.common.Name;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a Breakpad symbol file ({@code .sym}) for any {@link ObjectFile}, as Breakpad's {@code
 * dump_syms} does: {@code MODULE}, {@code INFO CODE_ID}, {@code FILE}, {@code INLINE_ORIGIN},
 * {@code FUNC} with line records and {@code INLINE} records, then {@code PUBLIC} records for the
 * symbols no function covers, then for ELF the {@code STACK CFI} records of {@code .eh_frame} and
 * {@code .debug_frame} ({@link CfiAsciiWriter}). Stack walkers that read Breakpad symbols (this library's minidump
 * walker, Breakpad, rust-minidump) can then use a native debug file.
 *
 * <p>Line records give the innermost source location at each address and {@code INLINE} records
 * the chain of inlined calls, as in dump_syms' inline mode. Functions are read twice from the
 * debug session (once to number files and origins, once to write), so memory stays bounded by
 * one compilation unit whatever the file's size.
 *
 * <pre>{@code
 * ObjectFile object = ObjectFile.open(ByteView.map(Path.of("libapp.so.debug")));
 * try (Writer out = Files.newBufferedWriter(Path.of("libapp.so.sym"))) {
 *   BreakpadWriter.write(object, "libapp.so", Name::text, out);
 * }
 * }</pre>
 */
public final class BreakpadWriter {
  private final Map<String, Integer> files = new HashMap<>();
  private final List<String> fileOrder = new ArrayList<>();
  private final Map<String, Integer> origins = new HashMap<>();
  private final List<String> originOrder = new ArrayList<>();
  private final java.util.function.Function<Name, String> names;
  /** Printed names by name: demangling is the costly part, and names recur in every unit. */
  private final Map<Name, String> printed = new HashMap<>();

  private BreakpadWriter(java.util.function.Function<Name, String> names) {
    this.names = names;
  }

  private String print(Name name) {
    return printed.computeIfAbsent(name, n -> oneLine(names.apply(n)));
  }

  /** A record is one line: line breaks inside a hostile name or path become spaces. */
  private static String oneLine(String text) {
    return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text
        : text.replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Writes the symbol file of an object.
   *
   * @param object the object file
   * @param moduleName the name on the {@code MODULE} line, usually the file's name
   * @param names how to print a name, e.g. {@link Name#text()} or a demangler
   * @param out where to write
   * @throws IOException if writing fails
   * @throws DebugInfoException if the object's debug information is malformed
   */
  public static void write(ObjectFile object, String moduleName,
      java.util.function.Function<Name, String> names, Appendable out) throws IOException {
    Objects.requireNonNull(moduleName, "moduleName");
    new BreakpadWriter(Objects.requireNonNull(names, "names")).writeModule(object, moduleName,
        out);
  }

  private void writeModule(ObjectFile object, String moduleName, Appendable out)
      throws IOException {
    String os = object.format() == FileFormat.BREAKPAD
        ? object.breakpad().orElseThrow().module().os() : "Linux";
    out.append("MODULE ").append(os).append(' ').append(object.arch().displayName()).append(' ')
        .append(object.debugId().toBreakpad()).append(' ').append(oneLine(moduleName))
        .append('\n');
    if (object.codeId().isPresent()) {
      out.append("INFO CODE_ID ").append(object.codeId().get().toString().toUpperCase())
          .append('\n');
    }
    DebugSession session = object.debugSession();
    Iterator<Function> first = session.functions().iterator();
    while (first.hasNext()) {
      number(first.next());
    }
    for (int i = 0; i < fileOrder.size(); i++) {
      out.append("FILE ").append(Integer.toString(i)).append(' ').append(fileOrder.get(i))
          .append('\n');
    }
    for (int i = 0; i < originOrder.size(); i++) {
      out.append("INLINE_ORIGIN ").append(Integer.toString(i)).append(' ')
          .append(originOrder.get(i)).append('\n');
    }
    SymbolMap symbols = object.symbols();
    boolean[] covered = new boolean[symbols.size()];
    Iterator<Function> second = session.functions().iterator();
    StringBuilder sb = new StringBuilder();
    while (second.hasNext()) {
      Function f = second.next();
      if (f.size() == 0) {
        continue;
      }
      markCovered(symbols, f, covered);
      writeFunction(f, sb);
      out.append(sb);
      sb.setLength(0);
    }
    for (int i = 0; i < symbols.size(); i++) {
      if (!covered[i]) {
        Symbol s = symbols.get(i);
        out.append("PUBLIC ").append(Long.toHexString(s.address())).append(" 0 ")
            .append(print(s.name())).append('\n');
      }
    }
    if (object.elf().isPresent()) {
      CfiAsciiWriter.write(object.elf().get(), out);
    }
  }

  /** Numbers the files and inline origins of a function tree in order of first use. */
  private void number(Function f) {
    for (LineInfo l : f.lines()) {
      file(f, l.file());
    }
    for (Function in : f.inlinees()) {
      origin(in.name());
      number(in);
    }
  }

  /** The number of a file, by its absolute path (joined with the compilation directory). */
  private int file(Function f, FileInfo info) {
    String path = oneLine(new FileEntry(f.compilationDir(), info).absolutePath());
    Integer n = files.get(path);
    if (n == null) {
      n = fileOrder.size();
      files.put(path, n);
      fileOrder.add(path);
    }
    return n;
  }

  private int origin(Name name) {
    String text = print(name);
    Integer n = origins.get(text);
    if (n == null) {
      n = originOrder.size();
      origins.put(text, n);
      originOrder.add(text);
    }
    return n;
  }

  /** Symbols that start inside a function get no PUBLIC record, as in dump_syms. */
  private static void markCovered(SymbolMap symbols, Function f, boolean[] covered) {
    for (int i = symbols.ceilingIndex(f.address()); i < symbols.size()
        && Long.compareUnsigned(symbols.address(i), f.endAddress()) < 0; i++) {
      covered[i] = true;
    }
  }

  private void writeFunction(Function f, StringBuilder sb) {
    sb.append("FUNC ").append(Long.toHexString(f.address())).append(' ')
        .append(Long.toHexString(f.size())).append(" 0 ").append(print(f.name()))
        .append('\n');
    writeInlinees(f, 0, sb);
    List<LineInfo> leaves = new ArrayList<>();
    leafLines(f, leaves);
    leaves.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
    for (int i = 0; i < leaves.size(); i++) {
      LineInfo l = leaves.get(i);
      long start = Math.max(l.address(), f.address());
      long next = i + 1 < leaves.size() ? leaves.get(i + 1).address() : f.endAddress();
      long end = l.size().isPresent() ? Math.min(l.address() + l.size().getAsLong(), next) : next;
      end = Math.min(end, f.endAddress());
      if (end <= start) {
        continue;
      }
      sb.append(Long.toHexString(start)).append(' ').append(Long.toHexString(end - start))
          .append(' ').append(l.line()).append(' ').append(file(f, l.file())).append('\n');
    }
  }

  private void writeInlinees(Function f, int depth, StringBuilder sb) {
    for (Function in : f.inlinees()) {
      LineInfo call = callSite(f, in);
      sb.append("INLINE ").append(depth).append(' ').append(call == null ? 0 : call.line())
          .append(' ').append(call == null ? 0 : file(f, call.file())).append(' ')
          .append(origin(in.name())).append(' ')
          .append(Long.toHexString(in.address())).append(' ')
          .append(Long.toHexString(in.size())).append('\n');
      writeInlinees(in, depth + 1, sb);
    }
  }

  /** The record the caller has for an inlined call: at its address, for its size. */
  private static LineInfo callSite(Function caller, Function inlinee) {
    List<LineInfo> lines = caller.lines();
    int lo = 0;
    int hi = lines.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(lines.get(mid).address(), inlinee.address()) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int i = lo; i < lines.size() && lines.get(i).address() == inlinee.address(); i++) {
      if (lines.get(i).size().orElse(-1) == inlinee.size()) {
        return lines.get(i);
      }
    }
    return null;
  }

  /** The lines of a tree that no inlinee covers: the innermost location at each address. */
  private static void leafLines(Function f, List<LineInfo> out) {
    Map<Long, Long> calls = new HashMap<>();
    for (Function in : f.inlinees()) {
      calls.put(in.address(), in.size());
    }
    for (LineInfo l : f.lines()) {
      Long callSize = calls.get(l.address());
      if (callSize == null || l.size().orElse(-1) != callSize) {
        out.add(l);
      }
    }
    for (Function in : f.inlinees()) {
      leafLines(in, out);
    }
  }
}
