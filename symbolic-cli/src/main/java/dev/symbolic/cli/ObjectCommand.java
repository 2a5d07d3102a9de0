package dev.symbolic.cli;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.Name;
import dev.symbolic.common.NameMangling;
import dev.symbolic.common.ParseException;
import dev.symbolic.debuginfo.BreakpadWriter;
import dev.symbolic.debuginfo.DebugSession;
import dev.symbolic.debuginfo.ElfDebugLink;
import dev.symbolic.debuginfo.Function;
import dev.symbolic.debuginfo.LineInfo;
import dev.symbolic.debuginfo.ObjectFile;
import dev.symbolic.debuginfo.Symbol;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@code symbolic object}: what a debug or object file is (format, kind, architecture,
 * identifiers, contents), its symbol table and its functions with lines and inlinees. Addresses
 * are relative to the load address, as throughout symbolic's object model.
 */
final class ObjectCommand {
  private ObjectCommand() {}

  /** The {@code object} command group. */
  static CommandSpec group(Env env) {
    return CommandSpec.group("object",
        "Debug and object files (ELF with DWARF, Breakpad .sym): identity, symbols, functions."
            + " Addresses are relative to the load address that 'object info' prints.")
        .subcommand(CommandSpec.leaf("info",
            "Prints the format, kind, architecture, debug id, code id, load address and what"
                + " the file contains (symbols, debug info, unwind info, sources).",
            "FILE", 1, 1, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return info(env, parsed);
              }
            })
            .option("--json", null, false, "Print one JSON object instead of text.")
            .operand("FILE", "The object or debug file."))
        .subcommand(CommandSpec.leaf("symbols",
            "Prints the symbol table sorted by address: address, size (0: unknown) and name,"
                + " one symbol per line.",
            "FILE", 1, 1, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return symbols(env, parsed);
              }
            })
            .option("--demangle", null, false, "Demangle names.")
            .operand("FILE", "The object or debug file."))
        .subcommand(CommandSpec.leaf("functions",
            "Prints the functions of the debug information: '> ADDRESS: NAME (SIZE)', then one"
                + " '  ADDRESS: FILE:LINE (DIR)' per line record and the inlined calls nested"
                + " below, indented by depth. A split DWARF package FILE.dwp beside FILE is read"
                + " too.",
            "FILE", 1, 1, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return functions(env, parsed);
              }
            })
            .option("--demangle", null, false, "Demangle names.")
            .operand("FILE", "The object or debug file."))
        .subcommand(CommandSpec.leaf("breakpad",
            "Writes a Breakpad symbol file (.sym), as Breakpad's dump_syms does: MODULE, INFO"
                + " CODE_ID, FILE, INLINE_ORIGIN, FUNC with line and INLINE records, PUBLIC."
                + " Names are demangled. A split DWARF package FILE.dwp beside FILE is read too.",
            "FILE", 1, 1, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return breakpad(env, parsed);
              }
            })
            .option("--name", "NAME", false,
                "The module name on the MODULE line (default: FILE's name).")
            .operand("FILE", "The object or debug file."));
  }

  private static int breakpad(Env env, CommandSpec.Parsed parsed) throws IOException {
    Path file = Path.of(parsed.operand(0));
    ObjectFile o = open(file);
    String name = parsed.option("--name") != null ? parsed.option("--name")
        : String.valueOf(file.getFileName());
    Writer out = writer(env);
    try {
      BreakpadWriter.write(o, name, n -> name(n, true), out);
    } catch (ParseException e) {
      out.flush();
      throw CliException.failure("invalid debug information: " + e.getMessage());
    }
    out.flush();
    return 0;
  }

  /** The .dwo file at {@code path}, or empty if it cannot be read as an object file. */
  private static Optional<ObjectFile> openDwo(String path) {
    try {
      return Optional.of(ObjectFile.open(ByteView.map(Path.of(path))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static ObjectFile open(Path file) {
    IoSupport.checkReadableFile(file, "object file");
    ByteView bytes;
    try {
      bytes = ByteView.map(file);
    } catch (IOException e) {
      throw IoSupport.cannotRead("object file", file, e);
    }
    try {
      return ObjectFile.open(bytes);
    } catch (ParseException e) {
      throw CliException.failure("cannot read object file '" + file + "': " + e.getMessage());
    }
  }

  private static Writer writer(Env env) {
    return new BufferedWriter(new OutputStreamWriter(env.out, StandardCharsets.UTF_8), 1 << 16);
  }

  private static int info(Env env, CommandSpec.Parsed parsed) throws IOException {
    Path file = Path.of(parsed.operand(0));
    ObjectFile o = open(file);
    Optional<ElfDebugLink> link = o.elf().flatMap(elf -> {
      try {
        return elf.debugLink();
      } catch (ParseException e) {
        return Optional.empty();
      }
    });
    StringBuilder sb = new StringBuilder();
    if (parsed.flag("--json")) {
      sb.append("{\"file\":");
      Sourcemap.string(sb, file.toString());
      sb.append(",\"format\":\"").append(o.format().shortName())
          .append("\",\"kind\":\"").append(o.kind().shortName())
          .append("\",\"arch\":\"").append(o.arch().displayName())
          .append("\",\"debug_id\":\"").append(o.debugId())
          .append("\",\"code_id\":");
      nullable(sb, o.codeId().map(Object::toString));
      sb.append(",\"debug_file\":");
      nullable(sb, o.debugFileName());
      sb.append(",\"load_address\":\"0x").append(Long.toHexString(o.loadAddress()))
          .append("\",\"has_symbols\":").append(o.hasSymbols())
          .append(",\"has_debug_info\":").append(o.hasDebugInfo())
          .append(",\"has_unwind_info\":").append(o.hasUnwindInfo())
          .append(",\"has_sources\":").append(o.hasSources())
          .append(",\"debug_link\":");
      if (link.isPresent()) {
        sb.append("{\"file\":");
        Sourcemap.string(sb, link.get().fileName());
        sb.append(",\"crc32\":\"").append(String.format("%08x", link.get().crc32())).append("\"}");
      } else {
        sb.append("null");
      }
      sb.append("}\n");
    } else {
      row(sb, "file", file.toString());
      row(sb, "format", o.format().shortName());
      row(sb, "kind", o.kind().shortName() + " (" + o.kind().displayName() + ")");
      row(sb, "arch", o.arch().displayName());
      row(sb, "debug id", o.debugId().toString());
      row(sb, "code id", o.codeId().map(Object::toString).orElse("-"));
      o.debugFileName().ifPresent(n -> row(sb, "debug file", n));
      row(sb, "load address", "0x" + Long.toHexString(o.loadAddress()));
      List<String> features = new ArrayList<>();
      if (o.hasSymbols()) {
        features.add("symtab");
      }
      if (o.hasDebugInfo()) {
        features.add("debug");
      }
      if (o.hasUnwindInfo()) {
        features.add("unwind");
      }
      if (o.hasSources()) {
        features.add("sources");
      }
      row(sb, "features", features.isEmpty() ? "-" : String.join(" ", features));
      link.ifPresent(l -> row(sb, "debug link",
          l.fileName() + " (crc32 " + String.format("%08x", l.crc32()) + ")"));
    }
    env.out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    env.out.flush();
    return 0;
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(key).append(':');
    for (int i = key.length(); i < 13; i++) {
      sb.append(' ');
    }
    sb.append(value).append('\n');
  }

  private static void nullable(StringBuilder sb, Optional<String> value) {
    if (value.isPresent()) {
      Sourcemap.string(sb, value.get());
    } else {
      sb.append("null");
    }
  }

  private static int symbols(Env env, CommandSpec.Parsed parsed) throws IOException {
    ObjectFile o = open(Path.of(parsed.operand(0)));
    boolean demangle = parsed.flag("--demangle");
    Writer out = writer(env);
    try {
      for (Symbol s : o.symbols()) {
        out.write(String.format("%016x %8x %s%n", s.address(), s.size(), name(s.name(), demangle)));
      }
    } catch (ParseException e) {
      out.flush();
      throw CliException.failure("invalid symbol table: " + e.getMessage());
    }
    out.flush();
    return 0;
  }

  private static int functions(Env env, CommandSpec.Parsed parsed) throws IOException {
    Path file = Path.of(parsed.operand(0));
    ObjectFile o = open(file);
    // Split DWARF as llvm-symbolizer finds it: a package beside the binary, else each
    // skeleton unit's own .dwo file.
    Path dwp = Path.of(file + ".dwp");
    boolean demangle = parsed.flag("--demangle");
    Writer out = writer(env);
    try {
      DebugSession session = Files.isRegularFile(dwp) ? o.debugSession(open(dwp))
          : o.debugSession(ObjectCommand::openDwo);
      Iterator<Function> it = session.functions().iterator();
      while (it.hasNext()) {
        print(out, it.next(), 0, demangle);
      }
    } catch (ParseException e) {
      out.flush();
      throw CliException.failure("invalid debug information: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return 0;
  }

  private static void print(Writer out, Function f, int depth, boolean demangle)
      throws IOException {
    String indent = "  ".repeat(depth);
    StringBuilder sb = new StringBuilder();
    sb.append(indent).append("> 0x").append(Long.toHexString(f.address())).append(": ")
        .append(name(f.name(), demangle)).append(" (0x").append(Long.toHexString(f.size()))
        .append(")\n");
    for (LineInfo l : f.lines()) {
      sb.append(indent).append("  0x").append(Long.toHexString(l.address())).append(": ")
          .append(l.file().name()).append(':').append(l.line()).append(" (")
          .append(l.file().dir()).append(")\n");
    }
    out.write(sb.toString());
    for (Function inlinee : f.inlinees()) {
      print(out, inlinee, depth + 1, demangle);
    }
  }

  private static String name(Name name, boolean demangle) {
    if (!demangle || name.mangling() == NameMangling.UNMANGLED) {
      return name.text();
    }
    return Demangler.demangle(name.text(), name.language(), DemangleOptions.complete())
        .orElse(name.text());
  }
}
