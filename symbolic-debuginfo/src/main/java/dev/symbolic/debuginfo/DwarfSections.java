package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DWARF sections of one object file, supplied by name through a provider function, so that
 * the DWARF reader does not depend on any container format (ELF, Mach-O, PE).
 *
 * <p>Section names are the ELF ones: {@code .debug_info}, {@code .debug_abbrev}, {@code
 * .debug_str}, {@code .debug_line_str}, {@code .debug_str_offsets}, {@code .debug_addr}, {@code
 * .debug_ranges}, {@code .debug_rnglists}, {@code .debug_line}, {@code .debug_aranges}. Missing
 * sections are empty. Sections must already be decompressed.
 */
public final class DwarfSections {
  private final Function<String, Optional<ByteView>> provider;
  private final boolean littleEndian;
  private final int addressSize;

  private DwarfSections(
      Function<String, Optional<ByteView>> provider, boolean littleEndian, int addressSize) {
    this.provider = provider;
    this.littleEndian = littleEndian;
    this.addressSize = addressSize;
  }

  /**
   * Creates sections from a provider.
   *
   * @param provider maps a section name to its (decompressed) bytes, or empty if absent
   * @param littleEndian the byte order of the object file
   * @param addressSize the default address size in bytes (4 or 8), used where a section does not
   *     say
   * @return the sections
   */
  public static DwarfSections of(
      Function<String, Optional<ByteView>> provider, boolean littleEndian, int addressSize) {
    Objects.requireNonNull(provider, "provider");
    if (addressSize != 2 && addressSize != 4 && addressSize != 8) {
      throw new IllegalArgumentException("address size " + addressSize);
    }
    return new DwarfSections(provider, littleEndian, addressSize);
  }

  /**
   * Returns a section's bytes.
   *
   * @param name the section name, e.g. {@code .debug_info}
   * @return the section, or an empty view if absent
   */
  public ByteView section(String name) {
    Optional<ByteView> v = provider.apply(name);
    return v == null ? ByteView.empty() : v.orElse(ByteView.empty());
  }

  /**
   * Tells whether the object file is little-endian.
   *
   * @return true for little-endian
   */
  public boolean littleEndian() {
    return littleEndian;
  }

  /**
   * Returns the default address size.
   *
   * @return 4 or 8 (2 for some embedded targets)
   */
  public int addressSize() {
    return addressSize;
  }
}
