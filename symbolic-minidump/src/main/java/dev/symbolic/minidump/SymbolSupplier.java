package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.Name;
import dev.symbolic.common.NameMangling;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.BreakpadWriter;
import dev.symbolic.debuginfo.DebugInfoException;
import dev.symbolic.debuginfo.FileFormat;
import dev.symbolic.debuginfo.ObjectFile;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and loads Breakpad symbol files from symbol stores, as Breakpad's {@code
 * SimpleSymbolSupplier} and rust-minidump's {@code breakpad_sym_lookup} do.
 *
 * <p>A store holds {@code <root>/<debug file>/<DEBUG ID>/<debug file without .pdb>.sym}, where
 * the debug file is the base name of the module's debug file (after the last {@code \} or {@code
 * /}, so Windows paths work), the debug id is in Breakpad form ({@link
 * dev.symbolic.common.DebugId#toBreakpad()}, e.g. 33 uppercase hex digits), and a {@code .pdb}
 * extension, in any case, is replaced by {@code .sym} while any other name gets {@code .sym}
 * appended. When that file is in no store, the code file is tried the same way, as rust-minidump
 * does: {@code <root>/<code file>/<CODE ID>/<code file without .exe or .dll>.sym} with the code id
 * in uppercase. Roots are tried in order, the debug file in every root before the code file.
 *
 * <p>When no symbol file exists, native debug files are tried in every root: the GNU build-id
 * layout {@code <root>/.build-id/<first two hex digits of the code id>/<the rest>.debug}, then a
 * file named like the code file (or debug file) directly in the root. An ELF file counts only if
 * its debug id is the module's; it is converted in memory with {@link BreakpadWriter} (names
 * demangled, as {@code dump_syms} writes them).
 *
 * <p>The first file that exists is the answer: it is memory-mapped and parsed, and if that fails
 * the module's symbols are {@linkplain SymbolSupplierResult.Status#CORRUPT corrupt}. Results,
 * missing ones included, are cached per module; lookups are thread-safe and load each module at
 * most once. Names that would leave the store ({@code ..}, empty) are never looked up.
 */
public final class SymbolSupplier {
  private final List<Path> roots;
  private final Map<SymbolSupplierModule, Entry> cache = new ConcurrentHashMap<>();

  private SymbolSupplier(List<Path> roots) {
    this.roots = roots;
  }

  /**
   * Creates a supplier over symbol stores.
   *
   * @param roots the store roots, tried in order
   * @return the supplier
   */
  public static SymbolSupplier of(List<Path> roots) {
    return new SymbolSupplier(List.copyOf(roots));
  }

  /**
   * Returns the store roots.
   *
   * @return the roots, in lookup order
   */
  public List<Path> roots() {
    return roots;
  }

  /**
   * Finds, loads and caches the symbols of a module.
   *
   * @param module the module's identifiers
   * @return the outcome; the same object for every lookup of an equal module
   */
  public SymbolSupplierResult lookup(SymbolSupplierModule module) {
    Objects.requireNonNull(module, "module");
    // The map only hands out entries; loading happens outside its locks, so that threads looking
    // up other modules never wait for a large file being parsed.
    return cache.computeIfAbsent(module, m -> new Entry()).get(this, module);
  }

  /**
   * Returns the paths relative to a store root where a module's symbol file may be, in lookup
   * order: by debug file, then by code file.
   *
   * @param module the module's identifiers
   * @return zero to two relative paths with {@code /} separators
   */
  public static List<String> relativePaths(SymbolSupplierModule module) {
    List<String> out = new ArrayList<>(2);
    if (module.debugFile().isPresent() && module.debugId().isPresent()) {
      relativePath(module.debugFile().get(), module.debugId().get().toBreakpad(), ".pdb")
          .ifPresent(out::add);
    }
    if (module.codeFile().isPresent() && module.codeId().isPresent()) {
      String id = module.codeId().get().toString().toUpperCase(Locale.ROOT);
      relativePath(module.codeFile().get(), id, ".exe", ".dll").ifPresent(out::add);
    }
    return out;
  }

  private static Optional<String> relativePath(String file, String id, String... extensions) {
    String leaf = leaf(file);
    if (leaf.isEmpty() || leaf.equals(".") || leaf.equals("..") || id.isEmpty()) {
      return Optional.empty();
    }
    String stem = leaf;
    for (String ext : extensions) {
      if (leaf.length() > ext.length()
          && leaf.regionMatches(true, leaf.length() - ext.length(), ext, 0, ext.length())) {
        stem = leaf.substring(0, leaf.length() - ext.length());
        break;
      }
    }
    return Optional.of(leaf + "/" + id + "/" + stem + ".sym");
  }

  private SymbolSupplierResult load(SymbolSupplierModule module) {
    for (String relative : relativePaths(module)) {
      for (Path root : roots) {
        Path file;
        try {
          file = root.resolve(relative);
        } catch (InvalidPathException e) {
          continue; // a character the file system cannot name: no such file
        }
        if (Files.isRegularFile(file)) {
          return parse(file);
        }
      }
    }
    for (String relative : nativeRelativePaths(module)) {
      for (Path root : roots) {
        Path file;
        try {
          file = root.resolve(relative);
        } catch (InvalidPathException e) {
          continue;
        }
        if (Files.isRegularFile(file)) {
          Optional<SymbolSupplierResult> converted = convert(file, module);
          if (converted.isPresent()) {
            return converted.get();
          }
        }
      }
    }
    return SymbolSupplierResult.missing();
  }

  /**
   * Where a native debug file of a module may be, relative to a root: the build-id layout, then
   * the code file's and the debug file's names.
   *
   * @param module the module's identifiers
   * @return relative paths with {@code /} separators, in lookup order
   */
  public static List<String> nativeRelativePaths(SymbolSupplierModule module) {
    List<String> out = new ArrayList<>(3);
    if (module.codeId().isPresent()) {
      String hex = module.codeId().get().toString();
      if (hex.length() > 2) {
        out.add(".build-id/" + hex.substring(0, 2) + "/" + hex.substring(2) + ".debug");
      }
    }
    for (Optional<String> name : List.of(module.codeFile(), module.debugFile())) {
      if (name.isPresent()) {
        String leaf = leaf(name.get());
        if (!leaf.isEmpty() && !leaf.equals(".") && !leaf.equals("..") && !out.contains(leaf)) {
          out.add(leaf);
        }
      }
    }
    return out;
  }

  private static String leaf(String file) {
    return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  }

  /** A native file's symbols, or empty if it is not this module's (another debug id). */
  private static Optional<SymbolSupplierResult> convert(Path file, SymbolSupplierModule module) {
    try {
      ByteView bytes = ByteView.map(file);
      if (FileFormat.detect(bytes) != FileFormat.ELF) {
        return Optional.empty(); // an executable this library cannot read yet, not corrupt
      }
      ObjectFile object = ObjectFile.open(bytes);
      if (module.debugId().isPresent() && !object.debugId().equals(module.debugId().get())) {
        return Optional.empty();
      }
      // Written to a temporary file and mapped: the text of a large debug file is large too.
      Path sym = Files.createTempFile("symbolic-", ".sym");
      try {
        try (Writer out = Files.newBufferedWriter(sym, StandardCharsets.UTF_8)) {
          BreakpadWriter.write(object, leaf(file.getFileName().toString()),
              SymbolSupplier::demangle, out);
        }
        BreakpadSymbols symbols = BreakpadSymbols.parse(ByteView.map(sym));
        return Optional.of(SymbolSupplierResult.found(file, symbols));
      } finally {
        try {
          Files.deleteIfExists(sym); // the mapping stays readable where the system allows it
        } catch (IOException e) {
          sym.toFile().deleteOnExit();
        }
      }
    } catch (IOException | DebugInfoException e) {
      return Optional.of(SymbolSupplierResult.corrupt(file,
          e.getMessage() != null ? e.getMessage() : e.toString()));
    }
  }

  private static String demangle(Name name) {
    if (name.mangling() == NameMangling.UNMANGLED) {
      return name.text();
    }
    return Demangler.demangle(name.text(), name.language(), DemangleOptions.complete())
        .orElse(name.text());
  }

  /** One module's result, loaded by the first thread that asks; the others wait for it. */
  private static final class Entry {
    private SymbolSupplierResult result;

    synchronized SymbolSupplierResult get(SymbolSupplier supplier, SymbolSupplierModule module) {
      if (result == null) {
        result = supplier.load(module);
      }
      return result;
    }
  }

  private static SymbolSupplierResult parse(Path file) {
    try {
      return SymbolSupplierResult.found(file, BreakpadSymbols.parse(ByteView.map(file)));
    } catch (IOException | DebugInfoException e) {
      return SymbolSupplierResult.corrupt(file, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }
}
