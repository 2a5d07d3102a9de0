package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.DwarfConstants.AT_HIGH_PC;
import static dev.symbolic.debuginfo.DwarfConstants.AT_LOW_PC;
import static dev.symbolic.debuginfo.DwarfConstants.AT_RANGES;
import static dev.symbolic.debuginfo.DwarfConstants.AT_SIBLING;

/**
 * Where the attributes of each abbreviation lie for one unit: the total size when every form has
 * a fixed size, and then the offsets of DW_AT_low_pc, DW_AT_high_pc, DW_AT_ranges and DW_AT_sibling.
 * A tree walk then steps over a DIE in one move and reads a subroutine's ranges and sibling
 * without decoding its other attributes.
 */
final class DwarfLayout {
  /** Per abbreviation: the attributes' byte size, or -1 if some form has a variable size. */
  final int[] size;
  /** Per abbreviation: the attribute index (into the abbrevs' arrays) or -1, and its offset. */
  final int[] lowPc;
  final int[] lowPcOffset;
  final int[] highPc;
  final int[] highPcOffset;
  final int[] ranges;
  final int[] rangesOffset;
  final int[] sibling;
  final int[] siblingOffset;

  private DwarfLayout(int n) {
    size = new int[n];
    lowPc = new int[n];
    lowPcOffset = new int[n];
    highPc = new int[n];
    highPcOffset = new int[n];
    ranges = new int[n];
    rangesOffset = new int[n];
    sibling = new int[n];
    siblingOffset = new int[n];
  }

  static DwarfLayout of(DwarfUnit u, DwarfAbbrevs ab) {
    DwarfLayout l = new DwarfLayout(ab.count);
    int offSize = u.dwarf64 ? 8 : 4;
    for (int i = 0; i < ab.count; i++) {
      int total = 0;
      l.lowPc[i] = -1;
      l.highPc[i] = -1;
      l.ranges[i] = -1;
      l.sibling[i] = -1;
      for (int k = ab.attrStart[i], e = ab.attrStart[i + 1]; k < e && total >= 0; k++) {
        switch (ab.attrNames[k]) {
          case AT_LOW_PC:
            l.lowPc[i] = k;
            l.lowPcOffset[i] = total;
            break;
          case AT_HIGH_PC:
            l.highPc[i] = k;
            l.highPcOffset[i] = total;
            break;
          case AT_RANGES:
            l.ranges[i] = k;
            l.rangesOffset[i] = total;
            break;
          case AT_SIBLING:
            l.sibling[i] = k;
            l.siblingOffset[i] = total;
            break;
          default:
            break;
        }
        int sz = Dwarf.formSize(ab.attrForms[k], u.addrSize, offSize, u.version);
        total = sz < 0 ? -1 : total + sz;
      }
      l.size[i] = total;
    }
    return l;
  }
}
