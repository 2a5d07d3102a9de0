package dev.symbolic.debuginfo;

import java.util.List;
import java.util.stream.Stream;

/**
 * The debug information of an {@link ObjectFile}: functions with line records and inlinees, the
 * source files, and symbolication of addresses.
 *
 * <p>Functions are produced lazily, one compilation unit (or symbol-file function) at a time, so
 * iterating a large file never holds all of it. Addresses are relative to {@link
 * ObjectFile#loadAddress()}. Sessions are thread-safe; each stream call starts a new iteration.
 *
 * <pre>{@code
 * DebugSession session = ObjectFile.open(ByteView.map(path)).debugSession();
 * session.functions().limit(10).forEach(f -> System.out.println(f.name() + " " + f.lines()));
 * }</pre>
 */
public interface DebugSession {
  /**
   * The functions with code, in file order, each with its lines and nested inlinees.
   *
   * @return a lazy stream; malformed data surfaces as {@link DebugInfoException} while consuming
   */
  Stream<Function> functions();

  /**
   * The source files the debug information refers to, without duplicates, in file order.
   *
   * @return a lazy stream
   */
  Stream<FileEntry> files();

  /**
   * The frames at an address, innermost (most deeply inlined) first.
   *
   * @param address an address relative to the load address
   * @return the frames, empty if nothing covers the address
   * @throws DebugInfoException if the debug information is malformed
   */
  List<SourceFrame> symbolize(long address);
}
