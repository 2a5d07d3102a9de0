package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.Name;
import dev.symbolic.debuginfo.BreakpadCfi;
import dev.symbolic.debuginfo.BreakpadFunction;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.BreakpadWriter;
import dev.symbolic.debuginfo.DebugInfoException;
import dev.symbolic.debuginfo.DebugSession;
import dev.symbolic.debuginfo.Dwarf;
import dev.symbolic.debuginfo.DwarfLineTable;
import dev.symbolic.debuginfo.DwarfSections;
import dev.symbolic.debuginfo.ElfFile;
import dev.symbolic.debuginfo.ElfSection;
import dev.symbolic.debuginfo.Function;
import dev.symbolic.debuginfo.ObjectFile;
import dev.symbolic.debuginfo.Zstd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fuzzes the debug-file parsers of symbolic-debuginfo. Each target feeds arbitrary bytes to one
 * parser and calls every accessor; {@link DebugInfoException} is the only acceptable failure.
 *
 * <ul>
 *   <li>{@link #elf}: bytes as an ELF file: headers, symbols, identifiers, links, and every
 *       section's contents (zlib, zstd and {@code .zdebug} decompression under a 1 MiB cap).
 *   <li>{@link #zstd}: bytes as zstd frames, decompressed under a 1 MiB cap, which the output must
 *       respect.
 *   <li>{@link #breakpad}: bytes as a Breakpad {@code .sym} file: every record kind, lookups and
 *       symbolication at the addresses the file itself names.
 *   <li>{@link #object}: bytes through the format-neutral object model: format detection,
 *       identity, the symbol map, the debug session (functions with lines and inlinees over
 *       DWARF units and line programs, files, symbolication at function addresses), and the
 *       Breakpad symbol file {@link BreakpadWriter} makes of it, which must parse back.
 * </ul>
 *
 * <p>Seeds are in {@code DebugInfoFuzzTestInputs/<method>/}: ELF files compiled from a two-line C
 * program (stripped, zlib and {@code .zdebug} debug sections), small zstd frames, hand-written
 * symbol files. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest='DebugInfoFuzzTest#elf'
 * </pre>
 */
class DebugInfoFuzzTest {
  private static final long CAP = 1 << 20;

  @FuzzTest(maxDuration = "5m")
  void elf(byte[] data) {
    ElfFile elf;
    try {
      elf = ElfFile.parse(ByteView.of(data));
    } catch (DebugInfoException expected) {
      return;
    }
    try {
      elf.kind();
      elf.arch();
      elf.loadAddress();
      elf.buildId();
      elf.codeId();
      elf.debugId();
      elf.debugLink();
      elf.debugAltLink();
      elf.hasSymbols();
      elf.hasDebugInfo();
      elf.hasUnwindInfo();
      elf.symbols();
      elf.symbolMap();
    } catch (DebugInfoException expected) {
      // a malformed table or note: rejected, as documented
    }
    for (ElfSection section : elf.sections()) {
      try {
        elf.rawData(section);
        ByteView contents = elf.contents(section, CAP);
        if (contents.length() > CAP) {
          throw new AssertionError("decompressed past the cap: " + contents.length());
        }
      } catch (DebugInfoException expected) {
        // a section out of bounds or failing to decompress
      }
    }
  }

  /**
   * An ELF file's DWARF through the symbolizer's reader: every symbol's address, the addresses
   * around it, and a few fixed ones, as code (frames), data (the global variable) and frames
   * (locals). Only DebugInfoException; the answers are not checked.
   */
  @FuzzTest(maxDuration = "5m")
  void dwarf(byte[] data) {
    ElfFile elf;
    Dwarf dwarf;
    List<Long> addresses = new ArrayList<>(List.of(0L, 0x1000L, 0x1139L, 0x4010L, -1L));
    try {
      elf = ElfFile.parse(ByteView.of(data));
      dwarf = Dwarf.open(DwarfSections.of(elf::section, elf.isLittleEndian(), elf.is64() ? 8 : 4));
      elf.symbols().stream().limit(64).forEach(sym -> {
        addresses.add(sym.address());
        addresses.add(sym.address() + 1);
      });
    } catch (DebugInfoException expected) {
      return;
    }
    // Code first, through the lazy DIE trees; data and locals then walk every DIE.
    for (long address : addresses) {
      try {
        dwarf.symbolize(address);
        dwarf.symbolize(address, DwarfLineTable.PathKind.RELATIVE);
      } catch (DebugInfoException expected) {
        // malformed DWARF, as documented
      }
    }
    for (long address : addresses) {
      try {
        dwarf.variableAt(address);
        dwarf.locals(address);
      } catch (DebugInfoException expected) {
        // malformed DWARF, as documented
      }
    }
  }

  @FuzzTest(maxDuration = "5m")
  void zstd(byte[] data) {
    try {
      byte[] out = Zstd.decompress(ByteView.of(data), CAP);
      if (out.length > CAP) {
        throw new AssertionError("decompressed past the cap: " + out.length);
      }
    } catch (DebugInfoException expected) {
      // malformed frame
    }
  }

  @FuzzTest(maxDuration = "5m")
  void breakpad(byte[] data) {
    BreakpadSymbols symbols;
    try {
      symbols = BreakpadSymbols.parse(ByteView.of(data));
    } catch (DebugInfoException expected) {
      return;
    }
    symbols.module();
    symbols.codeId();
    symbols.codeFile();
    symbols.generator();
    symbols.files();
    symbols.inlineOrigins();
    symbols.brokenLineCount();
    symbols.publics().forEach(p -> symbols.symbolize(p.address()));
    symbols.win().forEach(w -> symbols.winFor(w.address()));
    for (BreakpadCfi cfi : symbols.cfi()) {
      symbols.cfiFor(cfi.address()).ifPresent(c -> c.rulesAt(cfi.address()));
    }
    Iterator<BreakpadFunction> functions = symbols.functions().limit(1000).iterator();
    while (functions.hasNext()) {
      BreakpadFunction f = functions.next();
      symbols.functionAt(f.address());
      symbols.symbolize(f.address());
      symbols.symbolize(f.address() + f.size() - 1);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void object(byte[] data) {
    ObjectFile object;
    try {
      object = ObjectFile.open(ByteView.of(data));
    } catch (DebugInfoException expected) {
      return;
    }
    object.format();
    object.kind();
    object.arch();
    object.debugId();
    object.codeId();
    object.loadAddress();
    object.hasSymbols();
    object.hasDebugInfo();
    object.hasUnwindInfo();
    try {
      object.symbols().stream().limit(1000).forEach(s -> object.symbols().lookup(s.address()));
      DebugSession session = object.debugSession();
      session.files().limit(1000).forEach(f -> f.absolutePath());
      Iterator<Function> functions = session.functions().limit(1000).iterator();
      while (functions.hasNext()) {
        Function f = functions.next();
        session.symbolize(f.address());
      }
      // What dump_syms would write for it must read back as a symbol file.
      StringBuilder sym = new StringBuilder();
      BreakpadWriter.write(object, "fuzz", Name::text, sym);
      BreakpadSymbols.parse(ByteView.of(sym.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (DebugInfoException expected) {
      // malformed symbols or debug information, found lazily
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
