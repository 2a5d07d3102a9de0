package dev.symbolic.debuginfo;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code DW_EH_PE}-encoded pointers (LSB, "DWARF Exception Header Encoding"): a value
 * format in the low nibble, an application (pc-, text-, data-, function-relative, aligned) in bits
 * 4-6 and an indirection flag in bit 7.
 */
final class UnwindPointerReader {
  static final int OMIT = 0xff;

  private final long sectionAddress;
  private final int addressSize;
  private final long textBase;
  private final long dataBase;
  private final Optional<ElfFile> memory;

  /**
   * @param sectionAddress the virtual address of the section's first byte (pcrel base)
   * @param addressSize 4 or 8
   * @param textBase the textrel base, or -1 if unknown
   * @param dataBase the datarel base, or -1 if unknown
   * @param memory the file whose loaded image resolves indirect pointers, if any
   */
  UnwindPointerReader(
      long sectionAddress, int addressSize, long textBase, long dataBase, Optional<ElfFile> memory) {
    this.sectionAddress = sectionAddress;
    this.addressSize = addressSize;
    this.textBase = textBase;
    this.dataBase = dataBase;
    this.memory = memory;
  }

  int addressSize() {
    return addressSize;
  }

  long sectionAddress() {
    return sectionAddress;
  }

  /** Whether {@code encoding} stores values of a fixed size. */
  static boolean fixedSize(int encoding) {
    int format = encoding & 0x0f;
    return format != 0x01 && format != 0x09 && encoding != OMIT;
  }

  /** The size of a fixed-size encoding's values. */
  int size(int encoding) {
    switch (encoding & 0x0f) {
      case 0x02:
      case 0x0a:
        return 2;
      case 0x03:
      case 0x0b:
        return 4;
      case 0x04:
      case 0x0c:
        return 8;
      default:
        return addressSize;
    }
  }

  /** Reads a value in the format of {@code encoding}, without applying a base. */
  long value(DwarfCursor c, int encoding) {
    long at = c.pos;
    switch (encoding & 0x0f) {
      case 0x00:
        return c.uN(addressSize);
      case 0x01:
        return c.uleb();
      case 0x02:
        return c.u16();
      case 0x03:
        return c.u32();
      case 0x04:
        return c.u64();
      case 0x09:
        return c.sleb();
      case 0x0a:
        return (short) c.u16();
      case 0x0b:
        return (int) c.u32();
      case 0x0c:
        return c.u64();
      default:
        throw new DebugInfoException(at, "unknown pointer format 0x" + Integer.toHexString(encoding));
    }
  }

  /**
   * Reads a pointer and applies its base and indirection.
   *
   * @param funcBase the funcrel base (an FDE's initial location), or -1 if none
   */
  long pointer(DwarfCursor c, int encoding, long funcBase) {
    if (encoding == OMIT) {
      throw new DebugInfoException(c.pos, "omitted pointer where one is required");
    }
    long at = c.pos;
    align(c, encoding);
    long fieldAddress = sectionAddress + c.pos;
    long raw = value(c, encoding);
    long base;
    switch (encoding & 0x70) {
      case 0x00:
      case 0x50:
        base = 0;
        break;
      case 0x10:
        base = fieldAddress;
        break;
      case 0x20:
        base = requireBase(textBase, at, "textrel");
        break;
      case 0x30:
        base = requireBase(dataBase, at, "datarel");
        break;
      case 0x40:
        base = requireBase(funcBase, at, "funcrel");
        break;
      default:
        throw new DebugInfoException(at, "unknown pointer application 0x"
            + Integer.toHexString(encoding));
    }
    long address = truncate(base + raw);
    if ((encoding & 0x80) != 0) {
      address = indirect(address, at);
    }
    return address;
  }

  /**
   * Reads a pointer like {@link #pointer}, but an unknown base or an unresolvable indirection
   * gives empty instead of failing; the cursor moves past the pointer either way.
   *
   * @throws DebugInfoException if the pointer is truncated or its encoding unknown
   */
  OptionalLong tryPointer(DwarfCursor c, int encoding, long funcBase) {
    if (encoding == OMIT) {
      return OptionalLong.empty();
    }
    long at = c.pos;
    try {
      return OptionalLong.of(pointer(c, encoding, funcBase));
    } catch (DebugInfoException unresolvable) {
      // Only base and indirection failures are DebugInfoExceptions here; truncation is not.
      c.pos = at;
      align(c, encoding);
      value(c, encoding);
      return OptionalLong.empty();
    }
  }

  /** Skips to the next address-size boundary for the aligned application. */
  private void align(DwarfCursor c, int encoding) {
    if ((encoding & 0x70) == 0x50) {
      long misalignment = Long.remainderUnsigned(sectionAddress + c.pos, addressSize);
      if (misalignment != 0) {
        c.skip(addressSize - misalignment);
      }
    }
  }

  /** Cuts an address to the target's address size. */
  long truncate(long address) {
    return addressSize == 4 ? address & 0xffff_ffffL : address;
  }

  private static long requireBase(long base, long at, String what) {
    if (base == -1) {
      throw new DebugInfoException(at, what + " pointer without a known base");
    }
    return base;
  }

  /** Loads a pointer from the file's image at {@code address}, via the section that holds it. */
  private long indirect(long address, long at) {
    if (memory.isPresent()) {
      ElfFile elf = memory.get();
      for (ElfSection s : elf.sections()) {
        if (!s.isNoBits() && s.address() != 0
            && Long.compareUnsigned(address - s.address(), s.size()) < 0
            && Long.compareUnsigned(s.size() - (address - s.address()), addressSize) >= 0) {
          DwarfCursor c = new DwarfCursor(elf.rawData(s), elf.isLittleEndian(), address - s.address());
          return truncate(c.uN(addressSize));
        }
      }
    }
    throw new DebugInfoException(at, "indirect pointer 0x" + Long.toHexString(address)
        + " outside the file's image");
  }
}
