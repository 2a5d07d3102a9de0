package dev.symbolic.debuginfo;

/**
 * A program header (segment) of an ELF file, with raw unsigned values.
 *
 * @param type {@code p_type}
 * @param flags {@code p_flags}
 * @param offset {@code p_offset}
 * @param virtualAddress {@code p_vaddr}
 * @param physicalAddress {@code p_paddr}
 * @param fileSize {@code p_filesz}
 * @param memorySize {@code p_memsz}
 * @param alignment {@code p_align}
 */
public record ElfProgramHeader(
    long type,
    long flags,
    long offset,
    long virtualAddress,
    long physicalAddress,
    long fileSize,
    long memorySize,
    long alignment) {
  /** {@code PT_LOAD}. */
  public static final long PT_LOAD = 1;
  /** {@code PT_DYNAMIC}. */
  public static final long PT_DYNAMIC = 2;
  /** {@code PT_INTERP}. */
  public static final long PT_INTERP = 3;
  /** {@code PT_NOTE}. */
  public static final long PT_NOTE = 4;
}
