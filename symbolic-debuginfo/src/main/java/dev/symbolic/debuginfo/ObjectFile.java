package dev.symbolic.debuginfo;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Any debug or object file, whatever its format: identity, symbols and a debug session.
 *
 * <p>{@link #open(ByteView)} recognizes the format by its magic bytes and parses lazily; nothing
 * but headers is read until asked for. Addresses throughout the object model (symbols,
 * functions, lines, {@link DebugSession#symbolize(long)}) are relative to {@link
 * #loadAddress()}, so an instruction address from a crashed process is looked up as {@code pc -
 * moduleBase}. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ObjectFile object = ObjectFile.open(ByteView.map(Path.of("libfoo.so.debug")));
 * System.out.println(object.format() + " " + object.arch() + " " + object.debugId());
 * object.symbols().lookup(0x1234).ifPresent(s -> System.out.println(s.name().text()));
 * for (SourceFrame frame : object.debugSession().symbolize(0x1234)) {
 *   System.out.println(frame.function().text() + " at " + frame.file() + ":" + frame.line());
 * }
 * }</pre>
 *
 * <p>Supported formats: ELF (with DWARF) and Breakpad symbol files. Mach-O, PE, PDB, Portable
 * PDB, WASM and source bundles are recognized and rejected with a precise message.
 */
public final class ObjectFile {
  private final ElfFile elf;
  private final BreakpadSymbols breakpad;
  private volatile SymbolMap symbols;
  private volatile DebugSession session;

  private ObjectFile(ElfFile elf, BreakpadSymbols breakpad) {
    this.elf = elf;
    this.breakpad = breakpad;
  }

  /**
   * Opens a file of any supported format.
   *
   * @param data the file's bytes
   * @return the object
   * @throws DebugInfoException if the format is unknown or unsupported, or the headers are
   *     malformed
   */
  public static ObjectFile open(ByteView data) {
    FileFormat format = FileFormat.detect(data);
    switch (format) {
      case ELF:
        return new ObjectFile(ElfFile.parse(data), null);
      case BREAKPAD:
        return new ObjectFile(null, BreakpadSymbols.parse(data));
      case UNKNOWN:
        throw new DebugInfoException(0, "unknown file format");
      default:
        throw new DebugInfoException(0, "unsupported file format: " + format.shortName());
    }
  }

  /**
   * Wraps an ELF file already parsed.
   *
   * @param elf the file
   * @return the object
   */
  public static ObjectFile of(ElfFile elf) {
    return new ObjectFile(Objects.requireNonNull(elf, "elf"), null);
  }

  /**
   * Wraps a Breakpad symbol file already parsed.
   *
   * @param symbols the file
   * @return the object
   */
  public static ObjectFile of(BreakpadSymbols symbols) {
    return new ObjectFile(null, Objects.requireNonNull(symbols, "symbols"));
  }

  /**
   * The container format.
   *
   * @return the format
   */
  public FileFormat format() {
    return elf != null ? FileFormat.ELF : FileFormat.BREAKPAD;
  }

  /**
   * What the file is for.
   *
   * @return the kind; a Breakpad file is always a {@link ObjectKind#DEBUG debug companion}
   */
  public ObjectKind kind() {
    return elf != null ? ObjectKind.of(elf.kind()) : ObjectKind.DEBUG;
  }

  /**
   * The CPU architecture.
   *
   * @return the architecture, {@link Arch#UNKNOWN} if not recorded
   */
  public Arch arch() {
    return elf != null ? elf.arch() : breakpad.module().arch();
  }

  /**
   * The identifier that matches this file with its debug companions and with crash reports.
   *
   * @return the debug id, nil if the file has none
   */
  public DebugId debugId() {
    return elf != null ? elf.debugId() : breakpad.module().debugId();
  }

  /**
   * The identifier of the executable or library the file describes.
   *
   * @return the code id (ELF build id, Breakpad {@code INFO CODE_ID}), if recorded
   */
  public Optional<CodeId> codeId() {
    return elf != null ? elf.codeId() : breakpad.codeId();
  }

  /**
   * The name of the debug file, where the format records one (the Breakpad {@code MODULE} name).
   *
   * @return the name, if any
   */
  public Optional<String> debugFileName() {
    return breakpad != null ? Optional.of(breakpad.module().name()) : Optional.empty();
  }

  /**
   * The address the file expects to be loaded at; every address of the object model is
   * relative to it.
   *
   * @return the load address (ELF: first {@code PT_LOAD} segment; Breakpad: 0)
   */
  public long loadAddress() {
    return elf != null ? elf.loadAddress() : 0;
  }

  /**
   * Whether the file has a symbol table.
   *
   * @return true for a non-empty ELF {@code .symtab}/{@code .dynsym} or Breakpad {@code PUBLIC}
   *     records
   */
  public boolean hasSymbols() {
    return elf != null ? elf.hasSymbols() : !breakpad.publics().isEmpty();
  }

  /**
   * Whether the file has functions with line information.
   *
   * @return true for DWARF {@code .debug_info} or Breakpad {@code FUNC} records
   */
  public boolean hasDebugInfo() {
    return elf != null ? elf.hasDebugInfo() : breakpad.functionCount() > 0;
  }

  /**
   * Whether the file has stack unwinding information.
   *
   * @return true for {@code .eh_frame}/{@code .debug_frame} or Breakpad {@code STACK} records
   */
  public boolean hasUnwindInfo() {
    return elf != null ? elf.hasUnwindInfo()
        : !breakpad.cfi().isEmpty() || !breakpad.win().isEmpty();
  }

  /**
   * Whether the file embeds source code.
   *
   * @return false for ELF and Breakpad
   */
  public boolean hasSources() {
    return false;
  }

  /**
   * The symbol table, sorted by address, built on first use.
   *
   * @return the symbols: ELF {@code STT_FUNC} symbols of executable sections, or Breakpad {@code
   *     PUBLIC} records
   * @throws DebugInfoException if the symbol table is malformed
   */
  public SymbolMap symbols() {
    SymbolMap map = symbols;
    if (map == null) {
      List<Symbol> list = new ArrayList<>();
      if (elf != null) {
        for (ElfSymbol s : elf.symbolMap()) {
          list.add(new Symbol(SymbolNames.of(s.name()), s.address(), s.size()));
        }
      } else {
        for (BreakpadPublic p : breakpad.publics()) {
          list.add(new Symbol(SymbolNames.of(p.name()), p.address(), 0));
        }
      }
      map = SymbolMap.of(list);
      symbols = map;
    }
    return map;
  }

  /**
   * The debug session: functions, files and symbolication.
   *
   * @return the session (empty for an ELF file without DWARF)
   * @throws DebugInfoException if the debug information's headers are malformed
   */
  public DebugSession debugSession() {
    DebugSession s = session;
    if (s == null) {
      if (elf != null) {
        s = new DwarfSession(Dwarf.open(sections(elf)), symbols(), elf.loadAddress(),
            elf.kind() == ElfKind.RELOCATABLE);
      } else {
        s = new BreakpadSession(breakpad);
      }
      session = s;
    }
    return s;
  }

  /**
   * A debug session that reads split DWARF from a package ({@code .dwp}) or a single {@code
   * .dwo} file: the skeleton units of this file find their full units there.
   *
   * @param splitDwarf the package or {@code .dwo}, an ELF file
   * @return a new session
   * @throws DebugInfoException if either file is not ELF or its DWARF headers are malformed
   */
  public DebugSession debugSession(ObjectFile splitDwarf) {
    if (elf == null || splitDwarf.elf == null) {
      throw new DebugInfoException(0, "split DWARF needs an ELF file and an ELF package");
    }
    return new DwarfSession(Dwarf.open(sections(elf), sections(splitDwarf.elf)), symbols(),
        elf.loadAddress(), elf.kind() == ElfKind.RELOCATABLE);
  }

  /**
   * A debug session whose skeleton units find their full units in their own {@code .dwo} files,
   * as llvm finds them without a package: {@code dwoFiles} opens the file at a path (the unit's
   * compilation directory joined with its DW_AT_dwo_name), or gives empty.
   *
   * <pre>{@code
   * DebugSession s = binary.debugSession(path -> open(Path.of(path)));  // empty if unreadable
   * }</pre>
   *
   * @param dwoFiles the {@code .dwo} file at a path, or empty
   * @return a new session (for a Breakpad file, its usual one)
   * @throws DebugInfoException if the DWARF headers are malformed
   */
  public DebugSession debugSession(
      java.util.function.Function<String, Optional<ObjectFile>> dwoFiles) {
    if (elf == null) {
      return debugSession();
    }
    return new DwarfSession(
        Dwarf.open(sections(elf), path -> dwoFiles.apply(path)
            .filter(o -> o.elf != null).map(o -> sections(o.elf))),
        symbols(), elf.loadAddress(), elf.kind() == ElfKind.RELOCATABLE);
  }

  private static DwarfSections sections(ElfFile elf) {
    return DwarfSections.of(elf::section, elf.isLittleEndian(), elf.is64() ? 8 : 4);
  }

  /**
   * The ELF file behind this object.
   *
   * @return the ELF file, if this is one
   */
  public Optional<ElfFile> elf() {
    return Optional.ofNullable(elf);
  }

  /**
   * The Breakpad symbol file behind this object.
   *
   * @return the symbol file, if this is one
   */
  public Optional<BreakpadSymbols> breakpad() {
    return Optional.ofNullable(breakpad);
  }

  @Override
  public String toString() {
    return "ObjectFile[" + format().shortName() + ", " + kind().shortName() + ", " + arch() + ", "
        + debugId() + "]";
  }
}
