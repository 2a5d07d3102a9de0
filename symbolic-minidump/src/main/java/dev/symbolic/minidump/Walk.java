package dev.symbolic.minidump;

import dev.symbolic.common.CpuFamily;
import dev.symbolic.debuginfo.BreakpadCfi;
import dev.symbolic.debuginfo.BreakpadSymbols;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The state of one stack walk: the walker, the thread's stack memory and the frames found so far
 * (without inlined frames), with the helpers every CPU's unwinder shares.
 */
final class Walk {
  final StackWalker walker;
  final Optional<MemoryRegion> stack;
  final CpuFamily family;
  final int wordSize;
  /** The frames found so far, one per physical frame: inlined frames are left out. */
  final List<StackFrame> frames = new ArrayList<>();

  Walk(StackWalker walker, Optional<MemoryRegion> stack, CpuFamily family) {
    this.walker = walker;
    this.stack = stack;
    this.family = family;
    this.wordSize = family.pointerSize().orElse(8);
  }

  /** The stack as the CFI and STACK WIN evaluators read it. */
  CfiMemory memory() {
    return (address, size) -> {
      if (stack.isEmpty()) {
        return OptionalLong.empty();
      }
      return size == 4 ? stack.get().readU32(address) : size == 8
          ? stack.get().readU64(address) : OptionalLong.empty();
    };
  }

  /** The symbols of the module containing {@code address}. */
  Optional<BreakpadSymbols> symbolsAt(long address) {
    return walker.frameModule(address).flatMap(walker::symbolsFor);
  }

  /** {@code address} relative to the module containing it. */
  long relative(long address) {
    return address - walker.frameModule(address).map(MinidumpModule::baseAddress).orElse(0L);
  }

  /**
   * The valid registers of a context, named as Breakpad's CFI names them: {@code r11} for the ARM
   * frame pointer, {@code x29} and {@code x30} for the ARM64 frame pointer and link register.
   */
  CfiRegisters cfiRegisters(CpuContext context) {
    Map<String, Long> m = new HashMap<>();
    if (family == CpuFamily.MIPS_32 || family == CpuFamily.MIPS_64) {
      // Breakpad's MIPS walker hands the rules every general register, known or not.
      for (String name : context.registerNames()) {
        if (!name.equals("pc")) {
          m.put(mipsCfiName(name), addr(context.raw(name)));
        }
      }
      return CfiRegisters.of(m);
    }
    for (String name : context.validRegisterNames()) {
      m.put(cfiName(name), context.raw(name));
    }
    return CfiRegisters.of(m);
  }

  /**
   * A MIPS register as Breakpad's CFI names it: {@code $} and the name, except register 8,
   * which Breakpad's table spells {@code $to}.
   */
  static String mipsCfiName(String name) {
    return name.equals("t0") ? "$to" : "$" + name;
  }

  private String cfiName(String name) {
    if (family == CpuFamily.ARM_32 && name.equals("fp")) {
      return "r11";
    }
    if (family == CpuFamily.ARM_64) {
      return name.equals("fp") ? "x29" : name.equals("lr") ? "x30" : name;
    }
    return name;
  }

  /**
   * Breakpad's CFI step: the {@code STACK CFI} rules covering the last frame's instruction,
   * evaluated over its registers and the stack.
   */
  Optional<CfiRegisters> cfiCaller() {
    StackFrame last = last();
    Optional<BreakpadSymbols> symbols = symbolsAt(last.instruction());
    if (symbols.isEmpty()) {
      return Optional.empty();
    }
    long rel = relative(last.instruction());
    Optional<BreakpadCfi> cfi = symbols.get().cfiFor(rel);
    if (cfi.isEmpty()) {
      return Optional.empty();
    }
    return CfiRules.forAddress(cfi.get(), rel)
        .flatMap(r -> r.findCallerRegisters(cfiRegisters(last.context()), memory(), family));
  }

  /**
   * The caller's context, as Breakpad builds it from CFI: a zeroed context holding the values the
   * caller registers give and, for callee-saved registers valid in the callee, the callee's
   * value. Every other register is invalid and reads as 0, which matters to an unwinder that
   * reads an invalid register (arm64's frame-pointer step reads the link register).
   */
  CpuContext callerContext(CpuContext callee, CfiRegisters caller, Collection<String> calleeSaved) {
    CpuContext c = CpuContext.of(family, Map.of());
    for (String name : callee.registerNames()) {
      OptionalLong v = caller.get(cfiName(name));
      if (v.isPresent()) {
        c = c.with(name, v.getAsLong());
      } else if (calleeSaved.contains(name) && callee.isValid(name)) {
        c = c.with(name, callee.raw(name));
      }
    }
    return c;
  }

  StackFrame last() {
    return frames.get(frames.size() - 1);
  }

  boolean lastIsContext() {
    return last().trust() == FrameTrust.CONTEXT;
  }

  /** Reads a word of the stack, of the family's pointer size. */
  OptionalLong word(long address) {
    if (stack.isEmpty()) {
      return OptionalLong.empty();
    }
    return wordSize == 4 ? stack.get().readU32(address & 0xFFFF_FFFFL)
        : stack.get().readU64(address);
  }

  /** Masks an address to the family's width. */
  long addr(long address) {
    return wordSize == 4 ? address & 0xFFFF_FFFFL : address;
  }

  /**
   * Breakpad's scan for a return address: up to {@code words} words from {@code start} (inclusive
   * of the last), each tested one byte before the value, so that a call at the very end of a
   * function counts.
   *
   * @return {location, value} of the first plausible return address, or null
   */
  long[] scan(long start, int words) {
    for (long i = 0; i <= words && walker.spend(1); i++) {
      long location = addr(start + i * wordSize);
      OptionalLong value = word(location);
      if (value.isEmpty()) {
        return null;
      }
      long ip = value.getAsLong();
      if (walker.instructionSeemsValid(addr(ip - 1))) {
        return new long[] {location, ip};
      }
    }
    return null;
  }

  /** Scans for the caller of the last frame: four times deeper for the context frame. */
  long[] scanFromLast(long start) {
    return scan(start, lastIsContext() ? StackWalker.SCAN_WORDS * 4 : StackWalker.SCAN_WORDS);
  }

  /** Breakpad's end-of-stack test: a tiny instruction pointer or a stack that did not grow. */
  boolean terminates(long callerIp, long callerSp, long calleeSp) {
    if (Long.compareUnsigned(callerIp, 1 << 12) < 0) {
      return true;
    }
    int c = Long.compareUnsigned(callerSp, calleeSp);
    return lastIsContext() ? c < 0 : c <= 0;
  }
}
