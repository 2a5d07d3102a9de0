package dev.symbolic.debuginfo;

/**
 * A defined symbol of an ELF symbol table.
 *
 * @param name the name from the linked string table ({@code ""} if it has none)
 * @param address {@code st_value}, or for {@link ElfFile#symbolMap()} the address relative to
 *     the load address
 * @param size {@code st_size}
 * @param type the kind of symbol
 * @param binding {@code STB_*} from {@code st_info}
 * @param sectionIndex {@code st_shndx}
 */
public record ElfSymbol(String name, long address, long size, Type type, int binding,
    int sectionIndex) {
  /** {@code STB_LOCAL}. */
  public static final int STB_LOCAL = 0;
  /** {@code STB_GLOBAL}. */
  public static final int STB_GLOBAL = 1;
  /** {@code STB_WEAK}. */
  public static final int STB_WEAK = 2;

  /** The symbol type, from the low nibble of {@code st_info}. */
  public enum Type {
    /** {@code STT_FUNC} or {@code STT_GNU_IFUNC}. */
    FUNCTION,
    /** {@code STT_OBJECT} or {@code STT_COMMON}. */
    OBJECT,
    /** {@code STT_TLS}. */
    TLS,
    /** {@code STT_NOTYPE} and anything else that is not a section or file symbol. */
    OTHER
  }
}
