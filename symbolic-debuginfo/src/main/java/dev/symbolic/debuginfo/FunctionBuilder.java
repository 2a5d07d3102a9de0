package dev.symbolic.debuginfo;

import dev.symbolic.common.Name;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Assembles a {@link Function} tree from an unordered list of inlined ranges (each with its
 * nesting depth) and an unordered list of leaf line records (each describing the innermost code
 * at its address).
 *
 * <p>Inlinees are visited in depth-first order (address, then depth) together with the lines in
 * address order, keeping a stack of open functions: an inlinee closes every open function that
 * ends at or before it or is at its depth or deeper, adds a call-site line to its caller, and is
 * pushed; a line goes to the innermost open function that still covers it, split where it runs
 * past that inlinee's end. This is the arrangement symbolic produces for DWARF and Breakpad.
 */
final class FunctionBuilder {
  private record Inlinee(int depth, long address, long size, Name name, FileInfo callFile,
      long callLine) {}

  private static final class Open {
    final long end;
    final long address;
    final long size;
    final Name name;
    final boolean inline;
    final List<LineInfo> lines = new ArrayList<>();
    final List<Function> inlinees = new ArrayList<>();

    Open(long address, long size, Name name, boolean inline) {
      this.address = address;
      this.size = size;
      this.end = address + size;
      this.name = name;
      this.inline = inline;
    }
  }

  private final Name name;
  private final String compilationDir;
  private final long address;
  private final long size;
  private final List<Inlinee> inlinees = new ArrayList<>();
  private final List<LineInfo> lines = new ArrayList<>();

  FunctionBuilder(Name name, String compilationDir, long address, long size) {
    this.name = name;
    this.compilationDir = compilationDir;
    this.address = address;
    this.size = size;
  }

  void addInlinee(int depth, Name name, long address, long size, FileInfo callFile,
      long callLine) {
    inlinees.add(new Inlinee(depth, address, size, name, callFile, callLine));
  }

  void addLine(long address, OptionalLong size, FileInfo file, long line) {
    lines.add(new LineInfo(address, size, file, line));
  }

  Function finish() {
    inlinees.sort(Comparator.comparingLong(Inlinee::address).thenComparingInt(Inlinee::depth));
    lines.sort(Comparator.comparingLong(LineInfo::address));
    List<Open> stack = new ArrayList<>();
    stack.add(new Open(address, size, name, false));
    int i = 0;
    int l = 0;
    LineInfo line = l < lines.size() ? lines.get(l++) : null;
    while (i < inlinees.size() || line != null) {
      if (i < inlinees.size() && (line == null || inlinees.get(i).address() <= line.address())) {
        Inlinee in = inlinees.get(i++);
        closeEndingBy(stack, in.address());
        while (stack.size() > 1 && stack.size() > in.depth() + 1L) {
          close(stack);
        }
        stack.get(stack.size() - 1).lines.add(
            new LineInfo(in.address(), OptionalLong.of(in.size()), in.callFile(), in.callLine()));
        stack.add(new Open(in.address(), in.size(), in.name(), true));
        continue;
      }
      closeEndingBy(stack, line.address());
      Open top = stack.get(stack.size() - 1);
      LineInfo rest = null;
      // A record running past the innermost inlinee continues in whatever covers its remainder.
      // The outer function is never split: a record may run past a function's end.
      if (stack.size() > 1 && line.size().isPresent()) {
        long end = line.address() + line.size().getAsLong();
        if (Long.compareUnsigned(top.end, end) < 0) {
          // symbolic keeps no remainder past the outer function's end
          if (Long.compareUnsigned(top.end, stack.get(0).end) < 0) {
            rest = new LineInfo(top.end, OptionalLong.of(end - top.end), line.file(),
                line.line());
          }
          line = new LineInfo(line.address(), OptionalLong.of(top.end - line.address()),
              line.file(), line.line());
        }
      }
      top.lines.add(line);
      line = rest != null ? rest : l < lines.size() ? lines.get(l++) : null;
    }
    while (stack.size() > 1) {
      close(stack);
    }
    return toFunction(stack.get(0));
  }

  private void closeEndingBy(List<Open> stack, long address) {
    while (stack.size() > 1 && stack.get(stack.size() - 1).end <= address) {
      close(stack);
    }
  }

  /** Pops the innermost open function and appends it to its caller's inlinees. */
  private void close(List<Open> stack) {
    Open top = stack.remove(stack.size() - 1);
    stack.get(stack.size() - 1).inlinees.add(toFunction(top));
  }

  private Function toFunction(Open o) {
    return new Function(o.address, o.size, o.name, compilationDir, o.lines, o.inlinees, o.inline);
  }
}
