package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Breakpad's text microdumps, as an Android process writes them to logcat between {@code
 * -----BEGIN BREAKPAD MICRODUMP-----} and {@code -----END BREAKPAD MICRODUMP-----}, turned into
 * the minidump that holds the same: system info ({@code O}), the crashed thread's stack ({@code
 * S}) and CPU context ({@code C}), and the loaded modules ({@code M}, with their Breakpad debug
 * identifiers). Breakpad's {@code microdump_stackwalk} reads the same records; only the first
 * microdump of a log is read. The log's prefix before each record (as wide as before the marker)
 * is dropped.
 */
final class Microdump {
  static final byte[] MARKER =
      "-----BEGIN BREAKPAD MICRODUMP-----".getBytes(StandardCharsets.US_ASCII);
  private static final String END = "-----END BREAKPAD MICRODUMP-----";
  /** The thread id the converted dump gives the crashed thread. */
  private static final int THREAD_ID = 0;

  private Microdump() {}

  private record Module(long base, long size, String id, String name) {}

  /** A microdump read as a minidump, with what the minidump streams cannot hold. */
  record Converted(ByteView minidump, MicrodumpInfo info) {}

  /** Whether the file holds a microdump marker in its first 4 KiB. */
  static boolean test(ByteView file) {
    long n = Math.min(file.length(), 4096);
    for (long i = 0; i + MARKER.length <= n; i++) {
      if (file.startsWith(i, MARKER)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Converts the first microdump in a log to minidump bytes.
   *
   * @throws MinidumpException if a record is malformed or the stack or context is missing
   */
  static Converted toMinidump(ByteView file) {
    if (file.length() > Integer.MAX_VALUE) {
      throw new MinidumpException(0, "microdump log larger than 2 GiB");
    }
    String text = file.latin1(0, (int) file.length());
    int begin = text.indexOf(new String(MARKER, StandardCharsets.US_ASCII));
    if (begin < 0) {
      throw new MinidumpException(0, "no microdump marker");
    }
    // Log lines carry a prefix (time, process, tag) as wide as the marker line's.
    int prefix = begin - (text.lastIndexOf('\n', begin) + 1);
    int arch = -1;
    long platform = SystemInfo.OS_LINUX;
    int cpus = 1;
    String osVersion = "";
    String[] gl = {"", "", ""};
    String crashReason = "";
    long crashAddress = 0;
    long stackStart = -1;
    byte[] stack = null;
    byte[] context = null;
    List<Module> modules = new ArrayList<>();
    int pos = text.indexOf('\n', begin);
    while (pos >= 0 && pos < text.length()) {
      int next = text.indexOf('\n', pos + 1);
      String raw = text.substring(pos + 1, next < 0 ? text.length() : next);
      long at = pos + 1;
      pos = next;
      // As Breakpad reads a line: a CR before the LF is dropped, other trailing text is kept.
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      String record = (line.length() > prefix ? line.substring(prefix) : line).stripLeading();
      if (record.startsWith(END)) {
        break;
      }
      if (record.length() < 2 || record.charAt(1) != ' ') {
        continue;
      }
      String[] f = record.split(" +");
      switch (record.charAt(0)) {
        case 'O':
          if (f.length >= 4) {
            platform = f[1].equals("A") ? SystemInfo.OS_ANDROID : SystemInfo.OS_LINUX;
            arch = arch(f[2], at);
            // Breakpad keeps the low byte of the count.
            cpus = (int) (hex(f[3], at) & 0xFF);
            // The rest of the line after the hardware architecture, less one separator.
            String rest = afterTokens(record, 5);
            osVersion = rest.isEmpty() ? "" : rest.substring(1);
          }
          break;
        case 'G':
          String gpu = record.substring(2);
          if (!gpu.equals("UNKNOWN")) {
            String[] parts = gpu.split("\\|", -1);
            for (int i = 0; i < gl.length && i < parts.length; i++) {
              gl[i] = parts[i];
            }
          }
          break;
        case 'R':
          if (f.length >= 3) {
            crashReason = f[2];
            crashAddress = f.length >= 4 ? hex(f[3], at) : 0;
          }
          break;
        case 'S':
          if (f.length == 5 && f[1].equals("0")) {
            stackStart = hex(f[3], at);
            long size = hex(f[4], at);
            if (size < 0 || size > text.length()) {
              throw new MinidumpException(at, "stack of " + size + " bytes in a shorter log");
            }
            stack = new byte[(int) size];
          } else if (f.length == 3 && stack != null) {
            long address = hex(f[1], at);
            byte[] data = bytes(f[2], at);
            long offset = address - stackStart;
            if (offset < 0 || offset + data.length > stack.length) {
              throw new MinidumpException(at, "stack bytes outside the stack");
            }
            System.arraycopy(data, 0, stack, (int) offset, data.length);
          }
          break;
        case 'C':
          if (f.length == 2 && context == null) {
            context = bytes(f[1], at);
          }
          break;
        case 'M':
          if (f.length >= 6) {
            modules.add(new Module(hex(f[1], at), hex(f[3], at), f[4],
                record.substring(record.indexOf(f[5], record.indexOf(f[4]) + f[4].length()))));
          }
          break;
        default:
          break;
      }
    }
    if (arch < 0 || stack == null || context == null) {
      throw new MinidumpException(begin, "microdump without system, stack or context records");
    }
    return new Converted(
        ByteView.of(write(arch, platform, cpus, stackStart, stack, context, modules)),
        new MicrodumpInfo(osVersion, gl[0], gl[1], gl[2], crashReason, crashAddress));
  }

  /** What follows the first {@code n} space-separated tokens of {@code record}. */
  private static String afterTokens(String record, int n) {
    int i = 0;
    for (int t = 0; t < n; t++) {
      while (i < record.length() && record.charAt(i) == ' ') {
        i++;
      }
      while (i < record.length() && record.charAt(i) != ' ') {
        i++;
      }
    }
    return record.substring(i);
  }

  private static int arch(String name, long at) {
    switch (name) {
      case "x86":
        return SystemInfo.ARCH_X86;
      case "arm":
        return SystemInfo.ARCH_ARM;
      case "arm64":
        return SystemInfo.ARCH_ARM64;
      case "mips":
        return SystemInfo.ARCH_MIPS;
      case "mips64":
        return SystemInfo.ARCH_MIPS64;
      default:
        throw new MinidumpException(at, "unknown microdump architecture " + name);
    }
  }

  private static long hex(String s, long at) {
    if (s.isEmpty() || s.length() > 16) {
      throw new MinidumpException(at, "bad hexadecimal number '" + s + "'");
    }
    try {
      return Long.parseUnsignedLong(s, 16);
    } catch (NumberFormatException e) {
      throw new MinidumpException(at, "bad hexadecimal number '" + s + "'");
    }
  }

  private static byte[] bytes(String s, long at) {
    if (s.length() % 2 != 0) {
      throw new MinidumpException(at, "odd number of hexadecimal digits");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new MinidumpException(at, "bad hexadecimal digit");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  /** A minidump with system info, one thread, its stack memory and the module list. */
  private static byte[] write(int arch, long platform, int cpus, long stackStart, byte[] stack,
      byte[] context, List<Module> modules) {
    Out out = new Out();
    out.bytes(new byte[32]); // header, written last
    List<long[]> dir = new ArrayList<>();
    ByteBuffer sys = le(56).putShort(0, (short) arch).put(6, (byte) cpus).putInt(20, (int) platform);
    dir.add(new long[] {StreamType.SYSTEM_INFO, 56, out.bytes(sys.array())});
    long stackRva = out.bytes(stack);
    long contextRva = out.bytes(context);
    ByteBuffer threads = le(4 + 48).putInt(0, 1).putInt(4, THREAD_ID)
        .putLong(4 + 24, stackStart).putInt(4 + 32, stack.length).putInt(4 + 36, (int) stackRva)
        .putInt(4 + 40, context.length).putInt(4 + 44, (int) contextRva);
    dir.add(new long[] {StreamType.THREAD_LIST, 52, out.bytes(threads.array())});
    ByteBuffer memory = le(4 + 16).putInt(0, 1).putLong(4, stackStart).putInt(12, stack.length)
        .putInt(16, (int) stackRva);
    dir.add(new long[] {StreamType.MEMORY_LIST, 20, out.bytes(memory.array())});
    ByteBuffer list = le(4 + 108 * modules.size()).putInt(0, modules.size());
    for (int i = 0; i < modules.size(); i++) {
      Module m = modules.get(i);
      byte[] name = m.name().getBytes(StandardCharsets.UTF_16LE);
      long nameRva = out.bytes(le(4 + name.length + 2).putInt(0, name.length).put(4, name, 0,
          name.length).array());
      byte[] cv = codeView(m);
      long cvRva = cv.length == 0 ? 0 : out.bytes(cv);
      int at = 4 + 108 * i;
      list.putLong(at, m.base()).putInt(at + 8, (int) m.size()).putInt(at + 20, (int) nameRva)
          .putInt(at + 76, cv.length).putInt(at + 80, (int) cvRva);
    }
    dir.add(new long[] {StreamType.MODULE_LIST, 4 + 108L * modules.size(),
        out.bytes(list.array())});
    long dirRva = out.size();
    for (long[] e : dir) {
      out.bytes(le(12).putInt(0, (int) e[0]).putInt(4, (int) e[1]).putInt(8, (int) e[2]).array());
    }
    byte[] file = out.toByteArray();
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x504d444d)
        .putInt(4, 0xa793).putInt(8, dir.size()).putInt(12, (int) dirRva);
    return file;
  }

  /**
   * A PDB 7.0 CodeView record carrying the module's Breakpad identifier (GUID and age) and its
   * name, so the module has the debug file and id its symbols are stored under; empty when the
   * identifier is not 33 or more hex digits.
   */
  private static byte[] codeView(Module m) {
    String id = m.id();
    if (id.length() < 33 || id.length() > 40 || !id.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return new byte[0];
    }
    String leaf = m.name().substring(m.name().lastIndexOf('/') + 1);
    byte[] name = leaf.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = le(24 + name.length + 1).putInt(0, (int) CodeViewRecord.PDB70)
        .putInt(4, (int) Long.parseLong(id.substring(0, 8), 16))
        .putShort(8, (short) Integer.parseInt(id.substring(8, 12), 16))
        .putShort(10, (short) Integer.parseInt(id.substring(12, 16), 16));
    for (int i = 0; i < 8; i++) {
      b.put(12 + i, (byte) Integer.parseInt(id.substring(16 + 2 * i, 18 + 2 * i), 16));
    }
    b.putInt(20, (int) Long.parseLong(id.substring(32), 16));
    b.put(24, name, 0, name.length);
    return b.array();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The file being written, 4-byte aligned blocks. */
  private static final class Out extends ByteArrayOutputStream {
    long bytes(byte[] b) {
      while (count % 4 != 0) {
        write(0);
      }
      long rva = count;
      write(b, 0, b.length);
      return rva;
    }
  }
}
