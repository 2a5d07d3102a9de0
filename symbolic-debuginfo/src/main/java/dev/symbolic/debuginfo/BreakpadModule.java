package dev.symbolic.debuginfo;

import dev.symbolic.common.Arch;
import dev.symbolic.common.DebugId;
import java.util.Objects;

/**
 * The {@code MODULE os arch debugid name} record that opens every Breakpad symbol file.
 *
 * @param os the operating system as written, for example {@code Linux}, {@code mac} or {@code
 *     windows}
 * @param arch the architecture; {@link Arch#UNKNOWN} if the name is not recognized
 * @param archName the architecture as written
 * @param debugId the debug identifier
 * @param name the debug file name; may contain spaces
 */
public record BreakpadModule(String os, Arch arch, String archName, DebugId debugId, String name) {
  /** Checks that no component is null. */
  public BreakpadModule {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(archName, "archName");
    Objects.requireNonNull(debugId, "debugId");
    Objects.requireNonNull(name, "name");
  }
}
