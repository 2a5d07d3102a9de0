package dev.symbolic.debuginfo;

/** What an ELF file is, derived from {@code e_type} and its contents. */
public enum ElfKind {
  /** {@code ET_NONE}. */
  NONE,
  /** {@code ET_REL}: an object file. */
  RELOCATABLE,
  /** {@code ET_EXEC}: a position-dependent executable. */
  EXECUTABLE,
  /** {@code ET_DYN}: a shared object or a position-independent executable. */
  LIBRARY,
  /** {@code ET_CORE}: a core dump. */
  CORE,
  /**
   * A debug companion ({@code objcopy --only-keep-debug}): {@code ET_EXEC} or {@code ET_DYN} whose
   * {@code .text} is absent or {@code SHT_NOBITS}.
   */
  DEBUG,
  /** Any other {@code e_type} (OS- or processor-specific). */
  OTHER
}
