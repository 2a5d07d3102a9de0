package dev.symbolic.debuginfo;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code STACK WIN} record: Windows frame data ({@code type} 4) or FPO data ({@code type} 0).
 *
 * @param type the frame type: 0 FPO, 1 trap, 2 TSS, 3 standard, 4 frame data, 5 unknown
 * @param address the relative virtual address of the first byte covered
 * @param size the code size
 * @param prologueSize the prologue size
 * @param epilogueSize the epilogue size
 * @param parameterSize the parameter size
 * @param savedRegisterSize the saved register size
 * @param localSize the local variable size
 * @param maxStackSize the maximum stack size
 * @param programString the postfix program, present if {@code has_program_string} was 1
 * @param allocatesBasePointer the last field if there is no program string
 */
public record BreakpadWin(
    int type,
    long address,
    long size,
    long prologueSize,
    long epilogueSize,
    long parameterSize,
    long savedRegisterSize,
    long localSize,
    long maxStackSize,
    Optional<String> programString,
    boolean allocatesBasePointer) {
  /** Type value of frame data records, which carry a program string. */
  public static final int FRAME_DATA = 4;

  /** Type value of FPO records. */
  public static final int FPO = 0;

  /** Checks for nulls. */
  public BreakpadWin {
    Objects.requireNonNull(programString, "programString");
  }

  /**
   * Tells whether {@code addr} lies in {@code [address, address + size)}, unsigned.
   *
   * @param addr the address
   * @return true if covered
   */
  public boolean contains(long addr) {
    return BreakpadRange.covers(address, size, addr);
  }
}
