package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import java.util.Optional;

/**
 * One {@code MINIDUMP_THREAD} of the thread list: ids, scheduling state, stack memory and CPU
 * context. The stack and context are read when asked for.
 */
public final class MinidumpThread {
  private final ByteView file;
  private final CpuFamily family;
  private final long threadId;
  private final long suspendCount;
  private final long priorityClass;
  private final long priority;
  private final long teb;
  private final long stackStart;
  private final long stackSize;
  private final long stackRva;
  private final long contextSize;
  private final long contextRva;

  private MinidumpThread(ByteView file, CpuFamily family, long offset) {
    this.file = file;
    this.family = family;
    this.threadId = DumpBytes.u32(file, offset);
    this.suspendCount = DumpBytes.u32(file, offset + 4);
    this.priorityClass = DumpBytes.u32(file, offset + 8);
    this.priority = DumpBytes.u32(file, offset + 12);
    this.teb = DumpBytes.u64(file, offset + 16);
    this.stackStart = DumpBytes.u64(file, offset + 24);
    this.stackSize = DumpBytes.u32(file, offset + 32);
    this.stackRva = DumpBytes.u32(file, offset + 36);
    this.contextSize = DumpBytes.u32(file, offset + 40);
    this.contextRva = DumpBytes.u32(file, offset + 44);
  }

  /** Size of a {@code MINIDUMP_THREAD}. */
  static final int SIZE = 48;

  static MinidumpThread read(ByteView file, CpuFamily family, long offset) {
    return new MinidumpThread(file, family, offset);
  }

  /**
   * Returns the thread id.
   *
   * @return the unsigned 32-bit id
   */
  public long threadId() {
    return threadId;
  }

  /**
   * Returns the suspend count.
   *
   * @return the unsigned count
   */
  public long suspendCount() {
    return suspendCount;
  }

  /**
   * Returns the priority class.
   *
   * @return the raw value
   */
  public long priorityClass() {
    return priorityClass;
  }

  /**
   * Returns the priority.
   *
   * @return the raw value
   */
  public long priority() {
    return priority;
  }

  /**
   * Returns the address of the thread environment block (or the thread pointer).
   *
   * @return the unsigned address
   */
  public long teb() {
    return teb;
  }

  /**
   * Returns the address the saved stack memory starts at.
   *
   * @return the unsigned address, 0 if unknown
   */
  public long stackStart() {
    return stackStart;
  }

  /**
   * Returns the size of the saved stack memory.
   *
   * @return the size in bytes
   */
  public long stackSize() {
    return stackSize;
  }

  /**
   * Returns where the stack memory lies in the file.
   *
   * @return the RVA
   */
  public long stackRva() {
    return stackRva;
  }

  /**
   * Returns the size of the CPU context.
   *
   * @return the size in bytes, 0 if there is none
   */
  public long contextSize() {
    return contextSize;
  }

  /**
   * Returns where the CPU context lies in the file.
   *
   * @return the RVA
   */
  public long contextRva() {
    return contextRva;
  }

  /**
   * Returns the saved stack memory.
   *
   * @return the region, or empty if none was saved
   * @throws MinidumpException if the memory descriptor points outside the file
   */
  public Optional<MemoryRegion> stack() {
    if (stackSize == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new MemoryRegion(stackStart, DumpBytes.slice(file, stackRva, stackSize, "thread stack")));
  }

  /**
   * Returns the CPU context: the registers when the dump was written.
   *
   * @return the context, or empty if the thread has none
   * @throws MinidumpException if the context is truncated, has invalid flags or does not match
   *     the CPU of the system info
   */
  public Optional<CpuContext> context() {
    if (contextSize == 0) {
      return Optional.empty();
    }
    return Optional.of(CpuContext.parse(file, contextRva, contextSize, family));
  }

  @Override
  public String toString() {
    return "MinidumpThread{id=0x" + Long.toHexString(threadId) + "}";
  }
}
