package dev.symbolic.debuginfo;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Common Information Entry: what the frame description entries that point to it share (DWARF 5
 * §6.4.1, LSB {@code .eh_frame}).
 *
 * @param offset the offset of the entry in its section
 * @param version 1, 3 or 4
 * @param augmentation the augmentation string, e.g. {@code zR} or {@code zPLR}
 * @param addressSize the size of a target address in bytes
 * @param segmentSelectorSize the size of a segment selector before FDE addresses (version 4)
 * @param codeAlignmentFactor the factor of {@code DW_CFA_advance_loc} deltas
 * @param dataAlignmentFactor the factor of factored offsets
 * @param returnAddressRegister the DWARF number of the column holding the return address
 * @param pointerEncoding the {@code DW_EH_PE} encoding of FDE addresses ({@code R}; absptr if
 *     absent)
 * @param lsdaEncoding the {@code DW_EH_PE} encoding of FDE LSDA pointers ({@code L}; 0xff if
 *     absent)
 * @param personality the personality routine's address ({@code P}), if given and resolvable
 * @param signalFrame whether FDEs describe signal frames ({@code S})
 * @param instructionsOffset the section offset of the initial instructions
 * @param instructionsLength the length of the initial instructions in bytes
 */
public record UnwindCie(
    long offset,
    int version,
    String augmentation,
    int addressSize,
    int segmentSelectorSize,
    long codeAlignmentFactor,
    long dataAlignmentFactor,
    int returnAddressRegister,
    int pointerEncoding,
    int lsdaEncoding,
    OptionalLong personality,
    boolean signalFrame,
    long instructionsOffset,
    long instructionsLength) {
  /** Checks for nulls. */
  public UnwindCie {
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(personality, "personality");
  }

  /** Whether the augmentation starts with {@code z}: entries carry sized augmentation data. */
  boolean hasAugmentationData() {
    return augmentation.startsWith("z");
  }
}
