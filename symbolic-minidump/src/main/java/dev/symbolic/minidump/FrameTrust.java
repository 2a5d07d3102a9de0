package dev.symbolic.minidump;

/** How a stack frame was found, from most to least trustworthy, as stack walkers print it. */
public enum FrameTrust {
  /** The innermost frame: its registers come from the thread's CPU context. */
  CONTEXT("given as instruction pointer in context"),
  /** Unwound with call frame information ({@code STACK CFI} or {@code STACK WIN}). */
  CFI("call frame info"),
  /** Unwound with call frame information, then a better return address found by scanning. */
  CFI_SCAN("call frame info with scanning"),
  /** Unwound by following the callee's frame pointer. */
  FRAME_POINTER("previous frame's frame pointer"),
  /** Unwound by simulating a return from a leaf function (Windows x64). */
  LEAF("simulating a return from leaf function"),
  /** Found by scanning the stack for something that looks like a return address. */
  SCAN("stack scanning"),
  /** A function inlined into the frame below it; it has no registers of its own. */
  INLINE("inlining");

  private final String description;

  FrameTrust(String description) {
    this.description = description;
  }

  /**
   * Returns the words printed after {@code Found by:}.
   *
   * @return for example {@code call frame info}
   */
  public String description() {
    return description;
  }

  /** Whether the frame counts against the limit of scanned frames, as in Breakpad. */
  boolean isScanned() {
    return this == SCAN || this == CFI_SCAN;
  }
}
