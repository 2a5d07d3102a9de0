package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.util.Objects;

/**
 * A Crashpad annotation object of a module: a name, a type and a value.
 *
 * @param name the annotation name
 * @param type 1 for a string; other values are client-defined
 * @param value the raw value bytes, a view of the dump file
 */
public record CrashpadAnnotation(String name, int type, ByteView value) {
  /** The type of a UTF-8 string annotation. */
  public static final int TYPE_STRING = 1;

  /** Checks for nulls. */
  public CrashpadAnnotation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Returns the value decoded as UTF-8, meaningful for {@link #TYPE_STRING} annotations.
   *
   * @return the value as text
   */
  public String valueAsString() {
    return value.utf8(0, (int) Math.min(value.length(), DumpBytes.MAX_STRING_BYTES));
  }
}
