package dev.symbolic.minidump;

/** Recovers the caller of the last frame of a walk, for one CPU family. */
interface Unwinder {
  /**
   * Finds the caller of {@code walk}'s last frame.
   *
   * @param walk the walk so far
   * @param scanAllowed whether stack scanning may still be used
   * @return the caller, unsymbolized, or null when the walk ends
   */
  StackFrame caller(Walk walk, boolean scanAllowed);
}
