package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;

/**
 * A cap on the bytes one accessor copies out of a dump. Strings and identifiers of a list may
 * overlap in hostile files, so that a small file could make a long list decode the same megabyte
 * again and again; charging every copy against the size of the file keeps the output
 * proportional to the input, which honest dumps never come close to.
 */
final class ReadBudget {
  /** Slack for tiny files whose few strings are legitimately read more than once. */
  private static final long SLACK = 1 << 16;

  private long left;

  private ReadBudget(long limit) {
    this.left = limit;
  }

  static ReadBudget forFile(ByteView file) {
    return new ReadBudget(file.length() + SLACK);
  }

  /** Accounts for {@code n} bytes copied from {@code offset}. */
  void spend(long offset, long n) {
    if (n > left) {
      throw new MinidumpException(offset, "strings of this stream copy more bytes than the file"
          + " has; overlapping strings?");
    }
    left -= n;
  }
}
