package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Executes call frame instructions (DWARF 5 §6.4.2) into the rows of an unwind table, with the
 * row semantics of gimli's {@code UnwindTable} (which symbolic-cfi uses): every advance or
 * {@code DW_CFA_set_loc} ends a row, even an empty one, and the last row ends at the end of the
 * FDE. An unknown opcode ends the program, as in gimli. Register rules keep the order in which
 * they were first defined; making a register undefined moves the last rule into its place.
 *
 * <p>Mutable and reusable across FDEs; not thread-safe. During {@link RowSink#row} the fields
 * describe the row being emitted.
 */
final class UnwindProgram {
  /** At most this many registers have rules at once; more are ignored, as gimli does. */
  static final int MAX_RULES = 192;
  /** {@code DW_CFA_remember_state} nesting limit, which bounds memory on hostile programs. */
  static final int MAX_STACK_DEPTH = 64;
  /** AArch64's {@code RA_SIGN_STATE} pseudo-register, toggled by negate_ra_state. */
  static final int AARCH64_RA_SIGN_STATE = 34;

  /** Receives each row; read the row's rules from the program's fields. */
  interface RowSink {
    void row(long start, long end);
  }

  boolean cfaIsExpression;
  int cfaRegister;
  long cfaOffset;
  long cfaExpressionOffset;
  long cfaExpressionLength;
  int count;
  int[] registers = new int[8];
  UnwindRule[] rules = new UnwindRule[8];

  private int initialCount;
  private int[] initialRegisters = new int[8];
  private UnwindRule[] initialRules = new UnwindRule[8];
  private final List<Snapshot> stack = new ArrayList<>();
  private int depth;
  private long start;
  private boolean inCie;

  /** A remembered state: the CFA rule and every register rule. */
  private static final class Snapshot {
    boolean cfaIsExpression;
    int cfaRegister;
    long cfaOffset;
    long cfaExpressionOffset;
    long cfaExpressionLength;
    int count;
    int[] registers = new int[0];
    UnwindRule[] rules = new UnwindRule[0];
  }

  /**
   * Runs the CIE's initial instructions and then the FDE's instructions, emitting every row.
   *
   * @param section the unwind section
   * @param ehFrame whether the section is {@code .eh_frame} ({@code DW_CFA_set_loc} then uses the
   *     CIE's pointer encoding)
   * @param aarch64 whether opcode 0x2d is {@code DW_CFA_AARCH64_negate_ra_state}
   * @throws DebugInfoException if an instruction is truncated or invalid where it stands
   */
  void run(ByteView section, boolean le, UnwindPointerReader pointers, UnwindFde fde,
      boolean ehFrame, boolean aarch64, RowSink sink) {
    UnwindCie cie = fde.cie();
    cfaIsExpression = false;
    cfaRegister = 0;
    cfaOffset = 0;
    count = 0;
    depth = 0;
    start = fde.address();
    inCie = true;
    execute(section, le, pointers, cie, cie.instructionsOffset(), cie.instructionsLength(), ehFrame,
        aarch64, sink);
    initialCount = count;
    if (initialRegisters.length < count) {
      initialRegisters = new int[registers.length];
      initialRules = new UnwindRule[registers.length];
    }
    System.arraycopy(registers, 0, initialRegisters, 0, count);
    System.arraycopy(rules, 0, initialRules, 0, count);
    inCie = false;
    execute(section, le, pointers, cie, fde.instructionsOffset(), fde.instructionsLength(), ehFrame,
        aarch64, sink);
    sink.row(start, pointers.truncate(fde.address() + fde.size()));
  }

  /** The current CFA rule as a value. */
  UnwindCfaRule cfaRule() {
    return cfaIsExpression
        ? new UnwindCfaRule.Expression(cfaExpressionOffset, cfaExpressionLength)
        : new UnwindCfaRule.RegisterOffset(cfaRegister, cfaOffset);
  }

  /** The current register rules as values, in order. */
  List<UnwindRegisterRule> registerRules() {
    List<UnwindRegisterRule> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new UnwindRegisterRule(registers[i], rules[i]));
    }
    return out;
  }

  private void execute(ByteView section, boolean le, UnwindPointerReader pointers, UnwindCie cie,
      long offset, long length, boolean ehFrame, boolean aarch64, RowSink sink) {
    long end = offset + length;
    if (offset < 0 || length < 0 || end > section.length() || end < offset) {
      throw new DebugInfoException(offset, "call frame instructions past end of section");
    }
    DwarfCursor c = new DwarfCursor(section.slice(0, end), le, offset);
    long caf = cie.codeAlignmentFactor();
    long daf = cie.dataAlignmentFactor();
    while (c.pos < end) {
      long at = c.pos;
      int op = c.u8();
      switch (op >>> 6) {
        case 1:
          advance(at, (op & 0x3f) * caf, pointers, sink);
          continue;
        case 2:
          set(op & 0x3f, new UnwindRule.Offset(c.uleb() * daf));
          continue;
        case 3:
          restore(at, op & 0x3f);
          continue;
        default:
          break;
      }
      switch (op) {
        case 0x00: // DW_CFA_nop
          break;
        case 0x01: { // DW_CFA_set_loc
          long address = ehFrame ? pointers.pointer(c, cie.pointerEncoding(), -1)
              : c.uN(cie.addressSize());
          rowBoundary(at);
          if (Long.compareUnsigned(address, start) < 0) {
            throw new DebugInfoException(at, "DW_CFA_set_loc moves backwards");
          }
          sink.row(start, address);
          start = address;
          break;
        }
        case 0x02:
          advance(at, c.u8() * caf, pointers, sink);
          break;
        case 0x03:
          advance(at, c.u16() * caf, pointers, sink);
          break;
        case 0x04:
          advance(at, c.u32() * caf, pointers, sink);
          break;
        case 0x05: // DW_CFA_offset_extended
          set(register(c), new UnwindRule.Offset(c.uleb() * daf));
          break;
        case 0x06: // DW_CFA_restore_extended
          restore(at, register(c));
          break;
        case 0x07: // DW_CFA_undefined
          set(register(c), null);
          break;
        case 0x08: // DW_CFA_same_value
          set(register(c), new UnwindRule.SameValue());
          break;
        case 0x09: { // DW_CFA_register
          int reg = register(c);
          set(reg, new UnwindRule.InRegister(register(c)));
          break;
        }
        case 0x0a: // DW_CFA_remember_state
          remember(at);
          break;
        case 0x0b: // DW_CFA_restore_state
          restoreState(at);
          break;
        case 0x0c: // DW_CFA_def_cfa
          defCfa(register(c), c.uleb());
          break;
        case 0x0d: // DW_CFA_def_cfa_register
          requireRegisterCfa(at);
          cfaRegister = register(c);
          break;
        case 0x0e: // DW_CFA_def_cfa_offset
          requireRegisterCfa(at);
          cfaOffset = c.uleb();
          break;
        case 0x0f: { // DW_CFA_def_cfa_expression
          long len = block(c);
          cfaIsExpression = true;
          cfaExpressionOffset = c.pos - len;
          cfaExpressionLength = len;
          break;
        }
        case 0x10: { // DW_CFA_expression
          int reg = register(c);
          long len = block(c);
          set(reg, new UnwindRule.Expression(c.pos - len, len));
          break;
        }
        case 0x11: // DW_CFA_offset_extended_sf
          set(register(c), new UnwindRule.Offset(c.sleb() * daf));
          break;
        case 0x12: // DW_CFA_def_cfa_sf
          defCfa(register(c), c.sleb() * daf);
          break;
        case 0x13: // DW_CFA_def_cfa_offset_sf
          requireRegisterCfa(at);
          cfaOffset = c.sleb() * daf;
          break;
        case 0x14: // DW_CFA_val_offset
          set(register(c), new UnwindRule.ValOffset(c.uleb() * daf));
          break;
        case 0x15: // DW_CFA_val_offset_sf
          set(register(c), new UnwindRule.ValOffset(c.sleb() * daf));
          break;
        case 0x16: { // DW_CFA_val_expression
          int reg = register(c);
          long len = block(c);
          set(reg, new UnwindRule.ValExpression(c.pos - len, len));
          break;
        }
        case 0x2d: // DW_CFA_AARCH64_negate_ra_state; DW_CFA_GNU_window_save elsewhere
          if (!aarch64) {
            return;
          }
          negateRaState(at);
          break;
        case 0x2e: // DW_CFA_GNU_args_size: only matters to exception handling
          c.uleb();
          break;
        case 0x2f: // DW_CFA_GNU_negative_offset_extended
          set(register(c), new UnwindRule.Offset(-(c.uleb() * daf)));
          break;
        default:
          // gimli stops at an instruction it does not know; so does symbolic-cfi.
          return;
      }
    }
  }

  private void advance(long at, long delta, UnwindPointerReader pointers, RowSink sink) {
    rowBoundary(at);
    long next = pointers.truncate(start + delta);
    if (Long.compareUnsigned(next, start) < 0) {
      throw new DebugInfoException(at, "address overflow in DW_CFA_advance_loc");
    }
    sink.row(start, next);
    start = next;
  }

  private void rowBoundary(long at) {
    if (inCie) {
      throw new DebugInfoException(at, "location change in a CIE's initial instructions");
    }
  }

  private static int register(DwarfCursor c) {
    long at = c.pos;
    long reg = c.uleb();
    if (reg < 0 || reg > 0xffff) {
      throw new DebugInfoException(at, "register number " + Long.toUnsignedString(reg)
          + " out of range");
    }
    return (int) reg;
  }

  private static long block(DwarfCursor c) {
    long len = c.uleb();
    c.skip(len);
    return len;
  }

  private void defCfa(int reg, long offset) {
    cfaIsExpression = false;
    cfaRegister = reg;
    cfaOffset = offset;
  }

  private void requireRegisterCfa(long at) {
    if (cfaIsExpression) {
      throw new DebugInfoException(at, "CFA offset or register change on an expression CFA");
    }
  }

  /** Sets a register's rule; {@code null} makes it undefined. */
  private void set(int reg, UnwindRule rule) {
    for (int i = 0; i < count; i++) {
      if (registers[i] == reg) {
        if (rule == null) {
          count--;
          registers[i] = registers[count];
          rules[i] = rules[count];
          rules[count] = null;
        } else {
          rules[i] = rule;
        }
        return;
      }
    }
    if (rule == null || count == MAX_RULES) {
      return;
    }
    if (count == registers.length) {
      registers = Arrays.copyOf(registers, count * 2);
      rules = Arrays.copyOf(rules, count * 2);
    }
    registers[count] = reg;
    rules[count] = rule;
    count++;
  }

  private void restore(long at, int reg) {
    if (inCie) {
      throw new DebugInfoException(at, "DW_CFA_restore in a CIE's initial instructions");
    }
    UnwindRule initial = null;
    for (int i = 0; i < initialCount; i++) {
      if (initialRegisters[i] == reg) {
        initial = initialRules[i];
        break;
      }
    }
    set(reg, initial);
  }

  private void negateRaState(long at) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      if (registers[i] == AARCH64_RA_SIGN_STATE) {
        if (!(rules[i] instanceof UnwindRule.Constant constant)) {
          throw new DebugInfoException(at, "negate_ra_state on a non-constant rule");
        }
        value = constant.value();
      }
    }
    set(AARCH64_RA_SIGN_STATE, new UnwindRule.Constant(value ^ 1));
  }

  private void remember(long at) {
    if (depth == MAX_STACK_DEPTH) {
      throw new DebugInfoException(at, "DW_CFA_remember_state nested deeper than "
          + MAX_STACK_DEPTH);
    }
    if (depth == stack.size()) {
      stack.add(new Snapshot());
    }
    Snapshot s = stack.get(depth++);
    s.cfaIsExpression = cfaIsExpression;
    s.cfaRegister = cfaRegister;
    s.cfaOffset = cfaOffset;
    s.cfaExpressionOffset = cfaExpressionOffset;
    s.cfaExpressionLength = cfaExpressionLength;
    s.count = count;
    if (s.registers.length < count) {
      s.registers = new int[registers.length];
      s.rules = new UnwindRule[registers.length];
    }
    System.arraycopy(registers, 0, s.registers, 0, count);
    System.arraycopy(rules, 0, s.rules, 0, count);
  }

  private void restoreState(long at) {
    if (depth == 0) {
      throw new DebugInfoException(at, "DW_CFA_restore_state without remembered state");
    }
    Snapshot s = stack.get(--depth);
    cfaIsExpression = s.cfaIsExpression;
    cfaRegister = s.cfaRegister;
    cfaOffset = s.cfaOffset;
    cfaExpressionOffset = s.cfaExpressionOffset;
    cfaExpressionLength = s.cfaExpressionLength;
    Arrays.fill(rules, 0, count, null);
    count = s.count;
    if (registers.length < count) {
      registers = new int[s.registers.length];
      rules = new UnwindRule[s.registers.length];
    }
    System.arraycopy(s.registers, 0, registers, 0, count);
    System.arraycopy(s.rules, 0, rules, 0, count);
  }
}
