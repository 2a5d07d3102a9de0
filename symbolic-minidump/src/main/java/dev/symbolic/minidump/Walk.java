package dev.symbolic.minidump;

import dev.symbolic.common.CpuFamily;
import java.util.ArrayList;
import java.util.List;
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
