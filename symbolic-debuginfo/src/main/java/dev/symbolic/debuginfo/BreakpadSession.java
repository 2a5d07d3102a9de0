package dev.symbolic.debuginfo;

import dev.symbolic.common.Language;
import dev.symbolic.common.Name;
import dev.symbolic.common.NameMangling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The debug session over a Breakpad symbol file: {@code FUNC} records with their line and {@code
 * INLINE} records as functions (names as written, unmangled), {@code FILE} records as files.
 * Empty line records are dropped, as symbolic drops them.
 */
final class BreakpadSession implements DebugSession {
  private final BreakpadSymbols symbols;

  BreakpadSession(BreakpadSymbols symbols) {
    this.symbols = symbols;
  }

  @Override
  public Stream<Function> functions() {
    Map<Long, String> files = symbols.files();
    return symbols.functions().map(f -> toFunction(f, files));
  }

  private static Function toFunction(BreakpadFunction f, Map<Long, String> files) {
    FunctionBuilder b = new FunctionBuilder(name(f.name()), "", f.address(), f.size());
    for (BreakpadLine l : f.lines()) {
      if (l.size() != 0) {
        b.addLine(l.address(), OptionalLong.of(l.size()), file(files, l.file()), l.line());
      }
    }
    for (BreakpadInline in : f.inlinees()) {
      FileInfo callFile = file(files, in.callFile());
      Name name = name(in.name());
      int depth = (int) Math.min(in.depth(), Integer.MAX_VALUE);
      for (BreakpadRange r : in.ranges()) {
        b.addInlinee(depth, name, r.address(), r.size(), callFile, in.callLine());
      }
    }
    return b.finish();
  }

  private static Name name(String text) {
    return Name.of(text, NameMangling.UNMANGLED, Language.UNKNOWN);
  }

  private static FileInfo file(Map<Long, String> files, long index) {
    String path = files.get(index);
    return path == null ? new FileInfo("", "") : FileInfo.ofPath(path);
  }

  @Override
  public Stream<FileEntry> files() {
    return symbols.files().values().stream().map(p -> new FileEntry("", FileInfo.ofPath(p)));
  }

  @Override
  public List<SourceFrame> symbolize(long address) {
    List<BreakpadFrame> frames = symbols.symbolize(address);
    List<SourceFrame> out = new ArrayList<>(frames.size());
    for (BreakpadFrame f : frames) {
      Name name = f.fromPublic() ? SymbolNames.of(f.name()) : name(f.name());
      out.add(new SourceFrame(name, f.address(), f.file(), f.line(), 0, f.inlined()));
    }
    return out;
  }
}
