package dev.symbolic.debuginfo;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A local variable or parameter of the frames at a code address, as {@link Dwarf#locals} finds
 * it (llvm's DILocal).
 *
 * @param function the short name of the function (or inlined function) it belongs to, or ""
 * @param name the variable's name, or ""
 * @param declFile the absolute path of its declaration file, or ""
 * @param declLine its declaration line, or 0
 * @param frameOffset its offset from the frame base, when its location is one
 * @param size the size of its type in bytes, when known
 * @param tagOffset its DW_AT_LLVM_tag_offset (memory tagging), when present
 */
public record DwarfLocal(String function, String name, String declFile, long declLine,
    OptionalLong frameOffset, OptionalLong size, OptionalLong tagOffset) {
  /**
   * Creates a local.
   *
   * @throws NullPointerException if an argument is null
   */
  public DwarfLocal {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(declFile, "declFile");
    Objects.requireNonNull(frameOffset, "frameOffset");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(tagOffset, "tagOffset");
  }
}
