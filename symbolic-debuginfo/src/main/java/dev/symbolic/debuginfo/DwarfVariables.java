package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.DwarfConstants.*;

import dev.symbolic.common.ParseException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The variables with a static address of one unit, as llvm's DWARFUnit VariableDieMap: start
 * address to end address and DIE, later DIEs replacing earlier ones at the same start. Also the
 * type sizes of llvm's {@code DWARFDie::getTypeSize}. Immutable once built.
 */
final class DwarfVariables {
  /** Type chains (typedef of const of array of ...) deeper than this have no size. */
  private static final int MAX_TYPE_DEPTH = 64;

  private static final DwarfVariables EMPTY = new DwarfVariables(new long[0], new long[0],
      new long[0]);

  /** Start addresses, sign-flipped and sorted. */
  private final long[] start;

  private final long[] end;
  private final long[] die;

  private DwarfVariables(long[] start, long[] end, long[] die) {
    this.start = start;
    this.end = end;
    this.die = die;
  }

  /** The index of the variable covering {@code address}, or -1. */
  int find(long address) {
    long a = address ^ Long.MIN_VALUE;
    int lo = 0;
    int hi = start.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (start[mid] <= a) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == 0 || Long.compareUnsigned(address, end[lo - 1]) >= 0) {
      return -1;
    }
    return lo - 1;
  }

  /** The start address of variable {@code i}. */
  long start(int i) {
    return start[i] ^ Long.MIN_VALUE;
  }

  /** The end address (exclusive, wrapping) of variable {@code i}. */
  long end(int i) {
    return end[i];
  }

  /** The DIE offset of variable {@code i}. */
  long die(int i) {
    return die[i];
  }

  /**
   * Collects the variables of a unit as llvm's updateVariableDieMap: every DW_TAG_variable
   * outside of types whose DW_AT_location is exactly {@code DW_OP_addr[x] [DW_OP_plus_uconst]},
   * sized by its type (1 if that has no size). A malformed unit has no variables.
   */
  static DwarfVariables build(DwarfUnit u) {
    try {
      return collect(u);
    } catch (ParseException | IndexOutOfBoundsException e) {
      return EMPTY;
    }
  }

  private static DwarfVariables collect(DwarfUnit u) {
    DwarfTree tree = u.fullTree();
    Dwarf dw = u.dwarf;
    int n = 0;
    long[] s = new long[16];
    long[] e = new long[16];
    long[] d = new long[16];
    DwarfDie die = new DwarfDie();
    for (int i = 0; i < tree.count; ) {
      int tag = tree.tag[i];
      if (isType(tag)) {
        i = Math.max(i + 1, tree.end[i]); // llvm does not look inside types
        continue;
      }
      if (tag == TAG_VARIABLE) {
        long off = tree.off(i);
        dw.readDie(u, off, die);
        long address = staticAddress(u, die);
        if (address != -1) {
          long size = 1;
          if (die.typeForm != 0 && referencedDie(u, die.typeForm, die.type) != null) {
            OptionalLong t = typeSize(u, off, u.addrSize);
            if (t.isPresent()) {
              size = t.getAsLong();
            }
          }
          if (n == s.length) {
            s = Arrays.copyOf(s, n * 2);
            e = Arrays.copyOf(e, n * 2);
            d = Arrays.copyOf(d, n * 2);
          }
          s[n] = address ^ Long.MIN_VALUE;
          e[n] = address + size;
          d[n++] = off;
        }
      }
      i++;
    }
    int[] order = DwarfSort.sortIndices(s, n);
    long[] ss = new long[n];
    long[] ee = new long[n];
    long[] dd = new long[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int x = order[k];
      if (m > 0 && ss[m - 1] == s[x]) {
        m--; // the later DIE at one address wins, as in llvm's map
      }
      ss[m] = s[x];
      ee[m] = e[x];
      dd[m++] = d[x];
    }
    return new DwarfVariables(Arrays.copyOf(ss, m), Arrays.copyOf(ee, m), Arrays.copyOf(dd, m));
  }

  /**
   * The address of a DW_AT_location that is exactly {@code DW_OP_addr A} or {@code DW_OP_addrx
   * I}, optionally followed by {@code DW_OP_plus_uconst N}; -1 for anything else.
   */
  private static long staticAddress(DwarfUnit u, DwarfDie d) {
    if (!Dwarf.isBlock(d.locationForm) || d.locationLength <= 0) {
      return -1;
    }
    Dwarf dw = u.dwarf;
    long endPos = d.location + d.locationLength;
    DwarfCursor c = new DwarfCursor(dw.info, dw.le, d.location);
    int op = c.u8();
    long address;
    if (op == OP_ADDR) {
      if (c.pos + u.addrSize > endPos) {
        return -1;
      }
      address = c.uN(u.addrSize);
    } else if (op == OP_ADDRX) {
      long index = c.uleb();
      if (c.pos > endPos) {
        return -1;
      }
      try {
        address = dw.address(u, FORM_ADDRX, index);
      } catch (ParseException | IndexOutOfBoundsException e) {
        return -1;
      }
    } else {
      return -1;
    }
    if (c.pos < endPos) {
      if (c.u8() != OP_PLUS_UCONST) {
        return -1;
      }
      address += c.uleb();
      if (c.pos != endPos) {
        return -1;
      }
    }
    return address; // -1 is llvm's "no address" (UINT64_MAX) too
  }

  /** llvm's isType: the tags of DW_KIND_TYPE. */
  static boolean isType(int tag) {
    switch (tag) {
      case 0x01: case 0x02: case 0x04: case 0x0f: case 0x10: case 0x12: case 0x13: case 0x15:
      case 0x16: case 0x17: case 0x1f: case 0x20: case 0x21: case 0x24: case 0x26: case 0x29:
      case 0x2d: case 0x31: case 0x35: case 0x37: case 0x38: case 0x3b: case 0x40: case 0x42:
      case 0x43: case 0x44: case 0x46: case 0x47: case 0x4b: case 0x4300: case 0xb001:
      case 0xb002: case 0xb003: case 0xb004:
        return true;
      default:
        return false;
    }
  }

  /** A DIE that a reference attribute names: its unit and absolute offset. */
  record DieRef(DwarfUnit unit, long offset) {}

  /**
   * The DIE a reference attribute of a DIE in {@code u} names, as llvm's
   * getAttributeValueAsReferencedDie: a reference into any unit of the same file that lands on a
   * DIE, or a type signature of a type unit; null otherwise.
   */
  static DieRef referencedDie(DwarfUnit u, int form, long value) {
    Dwarf dw = u.dwarf;
    long off;
    DwarfUnit target;
    if (form == FORM_REF_SIG8) {
      target = dw.typeUnit(value);
      if (target == null) {
        return null;
      }
      off = target.offset + target.typeOffset;
    } else if (Dwarf.isRef(form)) {
      off = value;
      target = off >= u.dieStart && off < u.end ? u : dw.unitAt(off);
      if (target == null) {
        return null;
      }
    } else {
      return null;
    }
    return target.tree().indexOf(off) >= 0 ? new DieRef(target, off) : null;
  }

  /** llvm's getAsUnsignedConstant: constant and flag forms but DW_FORM_sdata; else empty. */
  static OptionalLong unsignedConstant(int form, long value) {
    switch (form) {
      case FORM_DATA1:
      case FORM_DATA2:
      case FORM_DATA4:
      case FORM_DATA8:
      case FORM_UDATA:
      case FORM_IMPLICIT_CONST:
      case FORM_FLAG:
      case FORM_FLAG_PRESENT:
        return OptionalLong.of(value);
      default:
        return OptionalLong.empty();
    }
  }

  /** llvm's getAsSignedConstant: fixed-size data sign-extended from their size. */
  private static OptionalLong signedConstant(int form, long value) {
    switch (form) {
      case FORM_DATA1:
        return OptionalLong.of((byte) value);
      case FORM_DATA2:
        return OptionalLong.of((short) value);
      case FORM_DATA4:
        return OptionalLong.of((int) value);
      case FORM_UDATA:
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
      case FORM_DATA8:
      case FORM_SDATA:
      case FORM_IMPLICIT_CONST:
      case FORM_FLAG:
      case FORM_FLAG_PRESENT:
        return OptionalLong.of(value);
      default:
        return OptionalLong.empty();
    }
  }

  /** llvm's DWARFDie::getTypeSize of the DIE at {@code off}: empty when it has none. */
  static OptionalLong typeSize(DwarfUnit u, long off, int pointerSize) {
    return typeSize(u, off, pointerSize, 0);
  }

  private static OptionalLong typeSize(DwarfUnit u, long off, int pointerSize, int depth) {
    if (depth > MAX_TYPE_DEPTH) {
      return OptionalLong.empty();
    }
    DwarfDie d = new DwarfDie();
    u.dwarf.readDie(u, off, d);
    OptionalLong size = unsignedConstant(d.byteSizeForm, d.byteSize);
    if (size.isPresent()) {
      return size;
    }
    DieRef base = d.typeForm != 0 ? referencedDie(u, d.typeForm, d.type) : null;
    switch (d.tag) {
      case TAG_POINTER_TYPE:
      case TAG_REFERENCE_TYPE:
      case TAG_RVALUE_REFERENCE_TYPE:
        return OptionalLong.of(pointerSize);
      case TAG_PTR_TO_MEMBER_TYPE:
        if (base != null && tagOf(base) == TAG_SUBROUTINE_TYPE) {
          return OptionalLong.of(2L * pointerSize);
        }
        return OptionalLong.of(pointerSize);
      case TAG_ARRAY_TYPE:
        return arraySize(u, off, base, pointerSize, depth);
      default:
        // Qualifiers, typedefs and anything else: the size of the type they name.
        return base != null ? typeSize(base.unit(), base.offset(), pointerSize, depth + 1)
            : OptionalLong.empty();
    }
  }

  private static OptionalLong arraySize(DwarfUnit u, long off, DieRef base, int pointerSize,
      int depth) {
    if (base == null) {
      return OptionalLong.empty();
    }
    OptionalLong element = typeSize(base.unit(), base.offset(), pointerSize, depth + 1);
    if (element.isEmpty()) {
      return element;
    }
    long size = element.getAsLong();
    DwarfTree tree = u.tree();
    int i = tree.indexOf(off);
    DwarfDie c = new DwarfDie();
    // A type is never a skipped subprogram: its children follow it in the tree's numbering.
    for (int k = i + 1; i >= 0 && k < tree.end(i); k = Math.max(k + 1, tree.end(k))) {
      if (tree.tag(k) != TAG_SUBRANGE_TYPE) {
        continue;
      }
      u.dwarf.readDie(u, tree.offset(k), c);
      OptionalLong count = unsignedConstant(c.countForm, c.count);
      if (count.isPresent()) {
        size *= count.getAsLong();
      }
      OptionalLong upper = signedConstant(c.upperBoundForm, c.upperBound);
      if (upper.isPresent()) {
        long lower = signedConstant(c.lowerBoundForm, c.lowerBound).orElse(0);
        size *= upper.getAsLong() - lower + 1;
      }
    }
    return OptionalLong.of(size);
  }

  private static int tagOf(DieRef r) {
    DwarfTree tree = r.unit().tree();
    return tree.tag(tree.indexOf(r.offset()));
  }
}
