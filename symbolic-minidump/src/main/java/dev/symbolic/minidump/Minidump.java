package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.common.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A minidump: the header, the stream directory and typed access to every common stream.
 *
 * <p>{@link #parse(ByteView)} checks the header and reads the directory; streams are read when
 * asked for, straight from the bytes, so a dump of any size opens in microseconds. Streams of
 * unknown types are listed by {@link #streams()} and otherwise ignored. A malformed stream makes
 * its accessor throw {@link MinidumpException} without affecting the others; an absent stream
 * gives an empty result. When a stream type occurs more than once, the first entry is used.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Minidump dump = Minidump.parse(ByteView.map(Path.of("crash.dmp")));
 * SystemInfo system = dump.systemInfo().orElseThrow();
 * System.out.println(system.os() + " " + system.osVersion() + " " + system.cpu());
 * dump.crashReason().ifPresent(r ->
 *     System.out.printf("%s at 0x%x%n", r.reason(), r.address()));
 * for (MinidumpThread thread : dump.threads()) {
 *   long sp = thread.context().orElseThrow().stackPointer().orElseThrow();
 *   OptionalLong top = dump.memory().readU64(sp);
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Minidump {
  /** {@code MDMP} read as a little-endian u32. */
  private static final long SIGNATURE = 0x504d444dL;
  /** {@code PMDM}: a dump written on a big-endian machine. */
  private static final long SIGNATURE_SWAPPED = 0x4d444d50L;
  /** The low 16 bits of every minidump version. */
  private static final int VERSION = 0xa793;
  private static final int HEADER_SIZE = 32;
  private static final int DIRECTORY_ENTRY_SIZE = 12;

  private final ByteView file;
  private final long version;
  private final long checksum;
  private final long timestamp;
  private final long flags;
  private final long directoryRva;
  private final List<MinidumpStream> streams;
  private final Map<Long, MinidumpStream> byType;
  private final CpuFamily family;
  private final Optional<MicrodumpInfo> microdump;
  private volatile MinidumpMemory memory;

  private Minidump(ByteView file, Optional<MicrodumpInfo> microdump) {
    this.file = file;
    this.microdump = microdump;
    if (file.length() < HEADER_SIZE) {
      throw new MinidumpException(0, "file of " + file.length() + " bytes is too small");
    }
    long signature = file.u32le(0);
    if (signature != SIGNATURE) {
      if (signature == SIGNATURE_SWAPPED) {
        throw new MinidumpException(0, "big-endian minidumps are not supported");
      }
      throw new MinidumpException(0, "not a minidump: no MDMP signature");
    }
    this.version = file.u32le(4);
    if ((version & 0xFFFF) != VERSION) {
      throw new MinidumpException(4, "unknown minidump version 0x" + Long.toHexString(version));
    }
    long count = file.u32le(8);
    this.directoryRva = file.u32le(12);
    this.checksum = file.u32le(16);
    this.timestamp = file.u32le(20);
    this.flags = file.u64le(24);
    DumpBytes.check(file, directoryRva, count * DIRECTORY_ENTRY_SIZE, "stream directory");
    List<MinidumpStream> list = new ArrayList<>((int) Math.min(count, 1 << 16));
    Map<Long, MinidumpStream> map = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      long at = directoryRva + (long) i * DIRECTORY_ENTRY_SIZE;
      MinidumpStream s =
          new MinidumpStream(i, file.u32le(at), file.u32le(at + 8), file.u32le(at + 4));
      list.add(s);
      if (s.type() != StreamType.UNUSED) {
        map.putIfAbsent(s.type(), s);
      }
    }
    this.streams = Collections.unmodifiableList(list);
    this.byType = map;
    this.family = systemFamily();
  }

  /**
   * Parses the header and the stream directory of a minidump. A Breakpad text microdump (an
   * Android log holding one) is read too, as the minidump of its records.
   *
   * @param file the whole dump file
   * @return the dump
   * @throws MinidumpException if the file is not a minidump or microdump (byte-swapped dumps are
   *     not supported), or the directory is truncated
   */
  public static Minidump parse(ByteView file) {
    return guard(() -> {
      if (Microdump.test(file)) {
        Microdump.Converted c = Microdump.toMinidump(file);
        return new Minidump(c.minidump(), Optional.of(c.info()));
      }
      return new Minidump(file, Optional.empty());
    });
  }

  /**
   * Returns what a microdump says beyond its streams, when this dump was read from one.
   *
   * @return the microdump's system, GPU and crash records, or empty for a minidump
   */
  public Optional<MicrodumpInfo> microdump() {
    return microdump;
  }

  /** Runs a read, turning the generic exceptions of ByteView into MinidumpException. */
  private static <T> T guard(Supplier<T> read) {
    try {
      return read.get();
    } catch (MinidumpException e) {
      throw e;
    } catch (ParseException e) {
      throw new MinidumpException(e.offset(), e.reason(), e);
    }
  }

  private CpuFamily systemFamily() {
    try {
      return systemInfo().map(SystemInfo::cpuFamily).orElse(CpuFamily.UNKNOWN);
    } catch (MinidumpException e) {
      return CpuFamily.UNKNOWN;
    }
  }

  /**
   * Returns the dump file.
   *
   * @return the bytes the dump was parsed from
   */
  public ByteView bytes() {
    return file;
  }

  /**
   * Returns the header's version field: {@code 0xa793} in the low 16 bits, implementation
   * specific bits above.
   *
   * @return the unsigned 32-bit version
   */
  public long version() {
    return version;
  }

  /**
   * Returns the header's checksum.
   *
   * @return the unsigned 32-bit checksum, usually 0
   */
  public long checksum() {
    return checksum;
  }

  /**
   * Returns when the dump was written.
   *
   * @return seconds since the Unix epoch, unsigned 32-bit
   */
  public long timestamp() {
    return timestamp;
  }

  /**
   * Returns the header's flags: the {@code MINIDUMP_TYPE} the dump was written with.
   *
   * @return the raw 64-bit flags
   */
  public long flags() {
    return flags;
  }

  /**
   * Returns where the stream directory starts.
   *
   * @return the RVA of the directory
   */
  public long directoryRva() {
    return directoryRva;
  }

  /**
   * Returns every directory entry, in file order, including unused and unknown ones.
   *
   * @return the directory
   */
  public List<MinidumpStream> streams() {
    return streams;
  }

  /**
   * Finds the (first) stream of a type.
   *
   * @param type a stream type, see {@link StreamType}
   * @return the directory entry, or empty if there is none
   */
  public Optional<MinidumpStream> stream(long type) {
    return Optional.ofNullable(byType.get(type));
  }

  /**
   * Returns the raw bytes of a stream.
   *
   * @param stream a directory entry of this dump
   * @return a zero-copy view of the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public ByteView streamBytes(MinidumpStream stream) {
    return DumpBytes.slice(file, stream.rva(), stream.size(), stream.typeName());
  }

  /**
   * Returns the CPU family the system info names, used to read contexts without CPU bits.
   *
   * @return the family, or {@link CpuFamily#UNKNOWN} without (valid) system info
   */
  public CpuFamily cpuFamily() {
    return family;
  }

  /**
   * Reads the thread list.
   *
   * @return the threads in file order, empty without a thread list
   * @throws MinidumpException if the stream is malformed
   */
  public List<MinidumpThread> threads() {
    return list(StreamType.THREAD_LIST, MinidumpThread.SIZE,
        at -> MinidumpThread.read(file, family, at));
  }

  /**
   * Reads the thread names stream.
   *
   * @return thread ids to names, in file order; empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public Map<Long, String> threadNames() {
    return guard(() -> {
      Optional<MinidumpStream> s = stream(StreamType.THREAD_NAMES);
      if (s.isEmpty()) {
        return Map.of();
      }
      Map<Long, String> out = new LinkedHashMap<>();
      long rva = s.get().rva();
      long count = counted(s.get(), 4, 12);
      ReadBudget budget = ReadBudget.forFile(file);
      for (long i = 0; i < count; i++) {
        long at = rva + 4 + 12 * i;
        String name = DumpBytes.utf16String(file, DumpBytes.u64(file, at + 4), budget);
        out.putIfAbsent(DumpBytes.u32(file, at), name);
      }
      return Collections.unmodifiableMap(out);
    });
  }

  /**
   * Reads the thread info list.
   *
   * @return the entries in file order, empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public List<ThreadInfo> threadInfos() {
    return sizedList(StreamType.THREAD_INFO_LIST, 64, false, at -> new ThreadInfo(
        DumpBytes.u32(file, at), DumpBytes.u32(file, at + 4), DumpBytes.u32(file, at + 8),
        DumpBytes.u32(file, at + 12), DumpBytes.u64(file, at + 16), DumpBytes.u64(file, at + 24),
        DumpBytes.u64(file, at + 32), DumpBytes.u64(file, at + 40), DumpBytes.u64(file, at + 48),
        DumpBytes.u64(file, at + 56)));
  }

  /**
   * Reads the module list.
   *
   * @return the modules in file order, empty without a module list
   * @throws MinidumpException if the stream or a module's name or CodeView record is malformed
   */
  public List<MinidumpModule> modules() {
    ReadBudget budget = ReadBudget.forFile(file);
    return list(StreamType.MODULE_LIST, MinidumpModule.SIZE,
        at -> MinidumpModule.read(file, at, budget));
  }

  /**
   * Reads the unloaded module list.
   *
   * @return the modules in file order, empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public List<UnloadedModule> unloadedModules() {
    ReadBudget budget = ReadBudget.forFile(file);
    return sizedList(StreamType.UNLOADED_MODULE_LIST, 24, false, at -> new UnloadedModule(
        DumpBytes.u64(file, at), DumpBytes.u32(file, at + 8), DumpBytes.u32(file, at + 12),
        DumpBytes.u32(file, at + 16),
        DumpBytes.utf16String(file, DumpBytes.u32(file, at + 20), budget)));
  }

  /**
   * Returns the saved memory of the memory list and the 64-bit memory list together.
   *
   * @return the memory, empty without either stream
   * @throws MinidumpException if a memory list is malformed
   */
  public MinidumpMemory memory() {
    MinidumpMemory m = memory;
    if (m == null) {
      m = guard(this::readMemory);
      memory = m;
    }
    return m;
  }

  private MinidumpMemory readMemory() {
    Optional<MinidumpStream> list = stream(StreamType.MEMORY_LIST);
    Optional<MinidumpStream> list64 = stream(StreamType.MEMORY64_LIST);
    long n32 = list.isPresent() ? counted(list.get(), 4, 16) : 0;
    long n64 = 0;
    if (list64.isPresent()) {
      MinidumpStream s = list64.get();
      DumpBytes.check(file, s.rva(), Math.min(s.size(), 16), "memory64 list");
      if (s.size() < 16) {
        throw new MinidumpException(s.rva(), "memory64 list of " + s.size() + " bytes");
      }
      n64 = DumpBytes.u64(file, s.rva());
      if (n64 < 0 || n64 > (s.size() - 16) / 16) {
        throw new MinidumpException(s.rva(), "memory64 list of " + Long.toUnsignedString(n64)
            + " regions does not fit in " + s.size() + " bytes");
      }
    }
    int n = (int) (n32 + n64);
    long[] starts = new long[n];
    long[] sizes = new long[n];
    long[] offsets = new long[n];
    int k = 0;
    if (list.isPresent()) {
      long base = listBase(list.get(), 16);
      for (int i = 0; i < n32; i++, k++) {
        long at = base + 16L * i;
        starts[k] = DumpBytes.u64(file, at);
        sizes[k] = DumpBytes.u32(file, at + 8);
        offsets[k] = DumpBytes.u32(file, at + 12);
      }
    }
    if (list64.isPresent()) {
      long rva = list64.get().rva();
      long data = DumpBytes.u64(file, rva + 8);
      for (int i = 0; i < n64; i++, k++) {
        long at = rva + 16 + 16L * i;
        starts[k] = DumpBytes.u64(file, at);
        sizes[k] = DumpBytes.u64(file, at + 8);
        offsets[k] = data;
        if (sizes[k] < 0 || data < 0 || data > file.length() || sizes[k] > file.length() - data) {
          throw new MinidumpException(at, "memory64 region runs past the end of the file");
        }
        data += sizes[k];
      }
    }
    return MinidumpMemory.of(file, starts, sizes, offsets, n);
  }

  /**
   * Reads the memory info list: the state and protection of address ranges.
   *
   * @return the entries in file order, empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public List<MemoryInfo> memoryInfos() {
    return sizedList(StreamType.MEMORY_INFO_LIST, 48, true, at -> new MemoryInfo(
        DumpBytes.u64(file, at), DumpBytes.u64(file, at + 8), DumpBytes.u32(file, at + 16),
        DumpBytes.u64(file, at + 24), DumpBytes.u32(file, at + 32), DumpBytes.u32(file, at + 36),
        DumpBytes.u32(file, at + 40)));
  }

  /**
   * Reads the exception stream.
   *
   * @return the exception, or empty if the dump has none (it was not written for a crash)
   * @throws MinidumpException if the stream is malformed
   */
  public Optional<ExceptionStream> exception() {
    return fixed(StreamType.EXCEPTION, ExceptionStream.SIZE,
        at -> ExceptionStream.read(file, family, at));
  }

  /**
   * Names the crash from the exception stream and the system info, as Breakpad does.
   *
   * @return the reason and address, or empty if the dump has no exception stream
   * @throws MinidumpException if the exception stream is malformed
   */
  public Optional<CrashReason> crashReason() {
    Optional<ExceptionStream> e = exception();
    if (e.isEmpty()) {
      return Optional.empty();
    }
    Optional<SystemInfo> system;
    try {
      system = systemInfo();
    } catch (MinidumpException ex) {
      system = Optional.empty();
    }
    return Optional.of(CrashReason.of(e.get(), system));
  }

  /**
   * Reads the system info stream.
   *
   * @return the system info, or empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public Optional<SystemInfo> systemInfo() {
    return fixed(StreamType.SYSTEM_INFO, SystemInfo.SIZE, at -> SystemInfo.read(file, at));
  }

  /**
   * Reads the misc info stream.
   *
   * @return the misc info, or empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public Optional<MiscInfo> miscInfo() {
    return stream(StreamType.MISC_INFO).map(s -> guard(() -> {
      DumpBytes.check(file, s.rva(), s.size(), "misc info");
      return MiscInfo.read(file, s.rva(), s.size());
    }));
  }

  /**
   * Returns how long the process had run when the dump was written, as Breakpad computes it: the
   * header's timestamp minus the misc info's process creation time.
   *
   * @return the seconds, or empty without process times, with a zero time, or if the process
   *     would have started after the dump
   * @throws MinidumpException if the misc info stream is malformed
   */
  public OptionalLong processUptime() {
    Optional<MiscInfo> misc = miscInfo();
    if (misc.isEmpty() || !misc.get().hasProcessTimes()) {
      return OptionalLong.empty();
    }
    long created = misc.get().processCreateTime();
    if (timestamp == 0 || created == 0 || timestamp < created) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(timestamp - created);
  }

  /**
   * Reads Breakpad's info stream.
   *
   * @return the dump and requesting thread ids, or empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public Optional<BreakpadInfo> breakpadInfo() {
    return fixed(StreamType.BREAKPAD_INFO, 12, at -> {
      long validity = DumpBytes.u32(file, at);
      OptionalLong dump = (validity & 1) != 0
          ? OptionalLong.of(DumpBytes.u32(file, at + 4)) : OptionalLong.empty();
      OptionalLong requesting = (validity & 2) != 0
          ? OptionalLong.of(DumpBytes.u32(file, at + 8)) : OptionalLong.empty();
      return new BreakpadInfo(validity, dump, requesting);
    });
  }

  /**
   * Reads Breakpad's assertion stream.
   *
   * @return the assertion, or empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public Optional<AssertionInfo> assertion() {
    return fixed(StreamType.ASSERTION_INFO, AssertionInfo.SIZE, at -> new AssertionInfo(
        DumpBytes.utf16Field(file, at, 128), DumpBytes.utf16Field(file, at + 256, 128),
        DumpBytes.utf16Field(file, at + 512, 128), DumpBytes.u32(file, at + 768),
        DumpBytes.u32(file, at + 772)));
  }

  /**
   * Reads Crashpad's info stream.
   *
   * @return the report and client ids and annotations, or empty without the stream
   * @throws MinidumpException if the stream or an annotation is malformed
   */
  public Optional<CrashpadInfo> crashpadInfo() {
    return fixed(StreamType.CRASHPAD_INFO, CrashpadInfo.SIZE, at -> CrashpadInfo.read(file, at));
  }

  /**
   * Reads the handle data stream.
   *
   * @return the handles in file order, empty without the stream
   * @throws MinidumpException if the stream is malformed
   */
  public List<HandleDescriptor> handles() {
    return guard(() -> {
      Optional<MinidumpStream> s = stream(StreamType.HANDLE_DATA);
      if (s.isEmpty()) {
        return List.of();
      }
      long rva = s.get().rva();
      DumpBytes.check(file, rva, s.get().size(), "handle data");
      long headerSize = DumpBytes.u32(file, rva);
      long entrySize = DumpBytes.u32(file, rva + 4);
      long count = DumpBytes.u32(file, rva + 8);
      if (headerSize < 16 || entrySize < 32 || headerSize > s.get().size()
          || count > (s.get().size() - headerSize) / entrySize) {
        throw new MinidumpException(rva, "malformed handle data header");
      }
      List<HandleDescriptor> out = new ArrayList<>((int) count);
      ReadBudget budget = ReadBudget.forFile(file);
      for (long i = 0; i < count; i++) {
        long at = rva + headerSize + entrySize * i;
        out.add(new HandleDescriptor(DumpBytes.u64(file, at), optionalString(at + 8, budget),
            optionalString(at + 12, budget), DumpBytes.u32(file, at + 16),
            DumpBytes.u32(file, at + 20),
            DumpBytes.u32(file, at + 24), DumpBytes.u32(file, at + 28)));
      }
      return Collections.unmodifiableList(out);
    });
  }

  /** A string whose RVA (read at {@code at}) may be 0 for "none". */
  private String optionalString(long at, ReadBudget budget) {
    long rva = DumpBytes.u32(file, at);
    return rva == 0 ? "" : DumpBytes.utf16String(file, rva, budget);
  }

  /**
   * Returns Linux {@code /proc/cpuinfo} as saved by Breakpad.
   *
   * @return the text, or empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public Optional<String> linuxCpuInfo() {
    return text(StreamType.LINUX_CPU_INFO);
  }

  /**
   * Returns Linux {@code /proc/PID/status}.
   *
   * @return the text, or empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public Optional<String> linuxProcStatus() {
    return text(StreamType.LINUX_PROC_STATUS);
  }

  /**
   * Returns Linux {@code /etc/lsb-release} (or {@code os-release}).
   *
   * @return the text, or empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public Optional<String> linuxLsbRelease() {
    return text(StreamType.LINUX_LSB_RELEASE);
  }

  /**
   * Returns Linux {@code /proc/PID/maps}.
   *
   * @return the text, or empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public Optional<String> linuxMaps() {
    return text(StreamType.LINUX_MAPS);
  }

  /**
   * Returns the process's command line ({@code /proc/PID/cmdline}).
   *
   * @return the arguments, split at NUL bytes; empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public List<String> linuxCmdLine() {
    return text(StreamType.LINUX_CMD_LINE).map(Minidump::splitNul).orElse(List.of());
  }

  /**
   * Returns the process's environment ({@code /proc/PID/environ}).
   *
   * @return the {@code NAME=value} entries, split at NUL bytes; empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public List<String> linuxEnviron() {
    return text(StreamType.LINUX_ENVIRON).map(Minidump::splitNul).orElse(List.of());
  }

  /**
   * Returns the process's auxiliary vector ({@code /proc/PID/auxv}), read with the pointer size
   * of the system info's CPU (8 bytes if unknown).
   *
   * @return the entries up to {@code AT_NULL}; empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public List<AuxvEntry> linuxAuxv() {
    return guard(() -> {
      Optional<MinidumpStream> s = stream(StreamType.LINUX_AUXV);
      if (s.isEmpty()) {
        return List.of();
      }
      ByteView b = streamBytes(s.get());
      int w = family.pointerSize().orElse(8);
      List<AuxvEntry> out = new ArrayList<>();
      for (long at = 0; at + 2L * w <= b.length(); at += 2L * w) {
        long type = w == 4 ? b.u32le(at) : b.u64le(at);
        if (type == 0) {
          break;
        }
        out.add(new AuxvEntry(type, w == 4 ? b.u32le(at + 4) : b.u64le(at + 8)));
      }
      return Collections.unmodifiableList(out);
    });
  }

  /**
   * Returns the raw {@code r_debug} and link map stream Breakpad writes on Linux.
   *
   * @return the stream bytes, or empty without the stream
   * @throws MinidumpException if the stream lies outside the file
   */
  public Optional<ByteView> linuxDsoDebug() {
    return stream(StreamType.LINUX_DSO_DEBUG).map(s -> guard(() -> streamBytes(s)));
  }

  @Override
  public String toString() {
    return "Minidump{" + streams.size() + " streams, " + file.length() + " bytes}";
  }

  private Optional<String> text(int type) {
    return stream(type).map(s -> guard(() -> {
      ByteView b = streamBytes(s);
      return b.utf8(0, (int) Math.min(b.length(), Integer.MAX_VALUE - 8));
    }));
  }

  private static List<String> splitNul(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '\0') {
        if (i > start) {
          out.add(s.substring(start, i));
        }
        start = i + 1;
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Reads an entry at a file offset. */
  private interface EntryReader<T> {
    T read(long offset);
  }

  /** A fixed-size stream, at least {@code size} bytes long. */
  private <T> Optional<T> fixed(int type, int size, EntryReader<T> reader) {
    Optional<MinidumpStream> s = stream(type);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(guard(() -> {
      DumpBytes.check(file, s.get().rva(), s.get().size(), StreamType.name(type));
      if (s.get().size() < size) {
        throw new MinidumpException(s.get().rva(),
            StreamType.name(type) + " of " + s.get().size() + " bytes, expected " + size);
      }
      return reader.read(s.get().rva());
    }));
  }

  /**
   * A list stream: a u32 count, then the entries (after 4 bytes of padding in some writers, which
   * the stream size reveals, as Breakpad accepts).
   */
  private <T> List<T> list(int type, int entrySize, EntryReader<T> reader) {
    return guard(() -> {
      Optional<MinidumpStream> s = stream(type);
      if (s.isEmpty()) {
        return List.of();
      }
      long count = counted(s.get(), 4, entrySize);
      long base = listBase(s.get(), entrySize);
      List<T> out = new ArrayList<>((int) count);
      for (long i = 0; i < count; i++) {
        out.add(reader.read(base + entrySize * i));
      }
      return Collections.unmodifiableList(out);
    });
  }

  /** Reads a list's count and checks that its entries fit in the stream. */
  private long counted(MinidumpStream s, int headerSize, int entrySize) {
    DumpBytes.check(file, s.rva(), s.size(), s.typeName());
    if (s.size() < headerSize) {
      throw new MinidumpException(s.rva(), s.typeName() + " of " + s.size() + " bytes");
    }
    long count = DumpBytes.u32(file, s.rva());
    if (count > (s.size() - headerSize) / entrySize) {
      throw new MinidumpException(s.rva(), s.typeName() + " of " + count
          + " entries does not fit in " + s.size() + " bytes");
    }
    return count;
  }

  /** Where a list's entries start: after the count, or after the count and 4 bytes of padding. */
  private long listBase(MinidumpStream s, int entrySize) {
    long count = DumpBytes.u32(file, s.rva());
    boolean padded = s.size() == 8 + count * entrySize;
    return s.rva() + (padded ? 8 : 4);
  }

  /**
   * A list stream with a header giving its own size, the entry size and the count ({@code
   * MINIDUMP_*_LIST} of the newer streams). Entries may be larger than we read.
   */
  private <T> List<T> sizedList(
      int type, int minEntrySize, boolean count64, EntryReader<T> reader) {
    return guard(() -> {
      Optional<MinidumpStream> s = stream(type);
      if (s.isEmpty()) {
        return List.of();
      }
      long rva = s.get().rva();
      long size = s.get().size();
      DumpBytes.check(file, rva, size, s.get().typeName());
      int headerMin = count64 ? 16 : 12;
      if (size < headerMin) {
        throw new MinidumpException(rva, s.get().typeName() + " of " + size + " bytes");
      }
      long headerSize = DumpBytes.u32(file, rva);
      long entrySize = DumpBytes.u32(file, rva + 4);
      long count = count64 ? DumpBytes.u64(file, rva + 8) : DumpBytes.u32(file, rva + 8);
      if (headerSize < headerMin || headerSize > size || entrySize < minEntrySize
          || count < 0 || count > (size - headerSize) / entrySize) {
        throw new MinidumpException(rva, "malformed " + s.get().typeName() + " header");
      }
      List<T> out = new ArrayList<>((int) count);
      for (long i = 0; i < count; i++) {
        out.add(reader.read(rva + headerSize + entrySize * i));
      }
      return Collections.unmodifiableList(out);
    });
  }
}
