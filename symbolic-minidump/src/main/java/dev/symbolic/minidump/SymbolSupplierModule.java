package dev.symbolic.minidump;

import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies a loaded module's symbols: its debug file and identifier, and its code file and
 * identifier, as a minidump's module list records them.
 *
 * @param debugFile the debug file name or path, e.g. {@code C:\build\app.pdb} or {@code libc.so}
 * @param debugId the debug identifier
 * @param codeFile the code file name or path, e.g. {@code C:\Windows\System32\kernel32.dll}
 * @param codeId the code identifier
 */
public record SymbolSupplierModule(
    Optional<String> debugFile,
    Optional<DebugId> debugId,
    Optional<String> codeFile,
    Optional<CodeId> codeId) {
  /** Checks for nulls. */
  public SymbolSupplierModule {
    Objects.requireNonNull(debugFile, "debugFile");
    Objects.requireNonNull(debugId, "debugId");
    Objects.requireNonNull(codeFile, "codeFile");
    Objects.requireNonNull(codeId, "codeId");
  }

  /**
   * Identifies a module by its debug file and identifier only.
   *
   * @param debugFile the debug file name or path
   * @param debugId the debug identifier
   * @return the module key
   */
  public static SymbolSupplierModule of(String debugFile, DebugId debugId) {
    return new SymbolSupplierModule(
        Optional.of(debugFile), Optional.of(debugId), Optional.empty(), Optional.empty());
  }
}
