package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.DebugInfoException;
import java.io.IOException;
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
    String leaf = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
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
    return SymbolSupplierResult.missing();
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
