/** Debug files: ELF, DWARF 2-5 and Breakpad symbols; symbols, functions, lines and inlinees. */
module dev.symbolic.debuginfo {
  requires transitive dev.symbolic.common;

  exports dev.symbolic.debuginfo;
}
