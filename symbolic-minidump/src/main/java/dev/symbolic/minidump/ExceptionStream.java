package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The exception stream: which thread crashed, the exception record (code, flags, address,
 * parameters) and the CPU context at the fault.
 *
 * <p>The meaning of the code and flags depends on the OS: a Windows exception code, a Linux
 * signal number and {@code si_code}, or a Mach exception type and code. {@link CrashReason}
 * names them.
 */
public final class ExceptionStream {
  /** Size of {@code MINIDUMP_EXCEPTION_STREAM}. */
  static final int SIZE = 168;

  /** Most parameters an exception record holds. */
  private static final int MAX_PARAMETERS = 15;

  private final ByteView file;
  private final CpuFamily family;
  private final long threadId;
  private final long code;
  private final long flags;
  private final long nestedRecord;
  private final long address;
  private final long parameterCount;
  private final List<Long> parameters;
  private final long contextSize;
  private final long contextRva;

  private ExceptionStream(ByteView file, CpuFamily family, long offset) {
    this.file = file;
    this.family = family;
    this.threadId = DumpBytes.u32(file, offset);
    this.code = DumpBytes.u32(file, offset + 8);
    this.flags = DumpBytes.u32(file, offset + 12);
    this.nestedRecord = DumpBytes.u64(file, offset + 16);
    this.address = DumpBytes.u64(file, offset + 24);
    this.parameterCount = DumpBytes.u32(file, offset + 32);
    // Like Breakpad, a count above the array size is clamped rather than rejected.
    int n = (int) Math.min(parameterCount, MAX_PARAMETERS);
    List<Long> params = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      params.add(DumpBytes.u64(file, offset + 40 + 8L * i));
    }
    this.parameters = Collections.unmodifiableList(params);
    this.contextSize = DumpBytes.u32(file, offset + 160);
    this.contextRva = DumpBytes.u32(file, offset + 164);
  }

  static ExceptionStream read(ByteView file, CpuFamily family, long offset) {
    return new ExceptionStream(file, family, offset);
  }

  /**
   * Returns the id of the thread that raised the exception.
   *
   * @return the unsigned thread id
   */
  public long threadId() {
    return threadId;
  }

  /**
   * Returns the exception code: a Windows {@code NTSTATUS}, a signal number or a Mach exception.
   *
   * @return the unsigned 32-bit code
   */
  public long code() {
    return code;
  }

  /**
   * Returns the exception flags: a Linux {@code si_code} or a Mach exception code.
   *
   * @return the unsigned 32-bit flags
   */
  public long flags() {
    return flags;
  }

  /**
   * Returns the address of a nested exception record.
   *
   * @return the address, usually 0
   */
  public long nestedRecord() {
    return nestedRecord;
  }

  /**
   * Returns the exception address: where the fault happened (for Linux signals, the faulting
   * data address).
   *
   * @return the unsigned address
   */
  public long address() {
    return address;
  }

  /**
   * Returns the parameter count as written, which may exceed the parameters present.
   *
   * @return the raw count
   */
  public long parameterCount() {
    return parameterCount;
  }

  /**
   * Returns the exception parameters, at most 15.
   *
   * @return the parameters, for example the access type and address of an access violation
   */
  public List<Long> parameters() {
    return parameters;
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
   * Returns the CPU context at the exception.
   *
   * @return the context, or empty if the stream has none
   * @throws MinidumpException if the context is malformed
   */
  public Optional<CpuContext> context() {
    if (contextSize == 0) {
      return Optional.empty();
    }
    return Optional.of(CpuContext.parse(file, contextRva, contextSize, family));
  }
}
