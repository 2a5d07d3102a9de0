package dev.symbolic.minidump;

import dev.symbolic.debuginfo.BreakpadSymbols;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of looking up a module's symbol file: found and parsed, missing, or present but
 * unreadable.
 *
 * @param status the outcome
 * @param path the symbol file, unless missing
 * @param symbols the parsed symbols, if found
 * @param error why the file could not be read, if corrupt
 */
public record SymbolSupplierResult(
    Status status, Optional<Path> path, Optional<BreakpadSymbols> symbols, Optional<String> error) {
  /** Checks that the parts present match the status. */
  public SymbolSupplierResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(symbols, "symbols");
    Objects.requireNonNull(error, "error");
    if (path.isPresent() == (status == Status.MISSING)
        || symbols.isPresent() != (status == Status.FOUND)
        || error.isPresent() != (status == Status.CORRUPT)) {
      throw new IllegalArgumentException("parts do not match status " + status);
    }
  }

  /**
   * A symbol file found and parsed.
   *
   * @param path the file
   * @param symbols its contents
   * @return the result
   */
  public static SymbolSupplierResult found(Path path, BreakpadSymbols symbols) {
    return new SymbolSupplierResult(
        Status.FOUND, Optional.of(path), Optional.of(symbols), Optional.empty());
  }

  /**
   * No symbol file in any symbol path.
   *
   * @return the result
   */
  public static SymbolSupplierResult missing() {
    return new SymbolSupplierResult(
        Status.MISSING, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * A symbol file that exists but cannot be read or parsed.
   *
   * @param path the file
   * @param error why
   * @return the result
   */
  public static SymbolSupplierResult corrupt(Path path, String error) {
    return new SymbolSupplierResult(
        Status.CORRUPT, Optional.of(path), Optional.empty(), Optional.of(error));
  }

  /** The outcome of a lookup, as rust-minidump reports a symbol status per module. */
  public enum Status {
    /** The symbol file was found and parsed. */
    FOUND,
    /** No symbol path has a symbol file for the module. */
    MISSING,
    /** A symbol file exists but cannot be read or does not start with a valid MODULE record. */
    CORRUPT
  }
}
