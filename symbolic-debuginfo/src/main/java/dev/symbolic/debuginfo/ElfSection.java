package dev.symbolic.debuginfo;

/**
 * A section header of an ELF file. Numeric fields hold the raw (unsigned) values; 64-bit values
 * above {@code Long.MAX_VALUE} appear negative.
 *
 * @param index the index in the section header table
 * @param name the name from the section header string table, or {@code ""} if unreadable
 * @param type {@code sh_type}
 * @param flags {@code sh_flags}
 * @param address {@code sh_addr}
 * @param offset {@code sh_offset}
 * @param size {@code sh_size}, the size in the file (compressed size for compressed sections)
 * @param link {@code sh_link}
 * @param info {@code sh_info}
 * @param alignment {@code sh_addralign}
 * @param entrySize {@code sh_entsize}
 */
public record ElfSection(
    int index,
    String name,
    long type,
    long flags,
    long address,
    long offset,
    long size,
    long link,
    long info,
    long alignment,
    long entrySize) {
  /** {@code SHT_PROGBITS}. */
  public static final long SHT_PROGBITS = 1;
  /** {@code SHT_SYMTAB}. */
  public static final long SHT_SYMTAB = 2;
  /** {@code SHT_STRTAB}. */
  public static final long SHT_STRTAB = 3;
  /** {@code SHT_NOTE}. */
  public static final long SHT_NOTE = 7;
  /** {@code SHT_NOBITS}. */
  public static final long SHT_NOBITS = 8;
  /** {@code SHT_DYNSYM}. */
  public static final long SHT_DYNSYM = 11;
  /** {@code SHF_EXECINSTR}. */
  public static final long SHF_EXECINSTR = 0x4;
  /** {@code SHF_COMPRESSED}. */
  public static final long SHF_COMPRESSED = 0x800;

  /** Whether the section occupies no bytes in the file ({@code SHT_NOBITS}). */
  public boolean isNoBits() {
    return type == SHT_NOBITS;
  }

  /** Whether {@code SHF_COMPRESSED} is set. */
  public boolean isCompressed() {
    return (flags & SHF_COMPRESSED) != 0;
  }

  /** Whether {@code SHF_EXECINSTR} is set. */
  public boolean isExecutable() {
    return (flags & SHF_EXECINSTR) != 0;
  }
}
