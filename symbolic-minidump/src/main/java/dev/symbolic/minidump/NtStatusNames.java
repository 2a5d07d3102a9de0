package dev.symbolic.minidump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Names of Windows {@code NTSTATUS} codes, as Breakpad gives the cause of an in-page error
 * ({@code EXCEPTION_IN_PAGE_ERROR_READ / STATUS_IO_DEVICE_ERROR}); a code without a name is
 * given in hex, as Breakpad does.
 *
 * <p>The table is the resource {@code ntstatus-names.txt}, read on first use into two parallel
 * sorted arrays, so a process that never sees an in-page error never pays for it.
 */
final class NtStatusNames {
  private NtStatusNames() {}

  static String describe(long status) {
    int code = (int) status;
    int i = Arrays.binarySearch(Table.CODES, code);
    return i >= 0 ? Table.NAMES[i] : CrashReason.hex32(status & 0xFFFF_FFFFL);
  }

  /** Loaded by the class loader on first use: thread-safe without locks. */
  private static final class Table {
    static final int[] CODES;
    static final String[] NAMES;

    static {
      long[] packed = new long[2048];
      String[] names = new String[2048];
      int n = 0;
      try (InputStream in = NtStatusNames.class.getResourceAsStream("ntstatus-names.txt")) {
        if (in == null) {
          throw new IllegalStateException("ntstatus-names.txt missing from symbolic-minidump");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        for (String line; (line = r.readLine()) != null; ) {
          if (line.isEmpty() || line.charAt(0) == '#') {
            continue;
          }
          int space = line.indexOf(' ');
          if (n == packed.length) {
            packed = Arrays.copyOf(packed, n * 2);
            names = Arrays.copyOf(names, n * 2);
          }
          // Signed order of the code in the high half, the name's index in the low half.
          packed[n] = ((long) Integer.parseUnsignedInt(line.substring(0, space), 16) << 32) | n;
          names[n++] = line.substring(space + 1);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Arrays.sort(packed, 0, n);
      CODES = new int[n];
      NAMES = new String[n];
      for (int i = 0; i < n; i++) {
        CODES[i] = (int) (packed[i] >> 32);
        NAMES[i] = names[(int) packed[i]];
      }
    }
  }
}
