package dev.symbolic.minidump;

/**
 * One entry of a minidump's stream directory. Entries of unknown types are kept, not rejected.
 *
 * @param index the position in the directory
 * @param type the unsigned 32-bit stream type, see {@link StreamType}
 * @param rva where the stream starts in the file
 * @param size the stream's size in bytes
 */
public record MinidumpStream(int index, long type, long rva, long size) {
  /**
   * Returns the name Breakpad gives this stream's type.
   *
   * @return for example {@code MD_THREAD_LIST_STREAM}, or {@code unknown}
   */
  public String typeName() {
    return StreamType.name(type);
  }
}
