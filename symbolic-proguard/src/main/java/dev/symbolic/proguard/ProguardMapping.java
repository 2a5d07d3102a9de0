package dev.symbolic.proguard;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A ProGuard or R8 mapping file, read lazily from its bytes.
 *
 * <p>Opening scans the file once for class header lines ({@code com.Foo -> a:}) and keeps only
 * their positions and names; a class's members are parsed the first time the class is looked up.
 * That makes one lookup in a 50 MB mapping cost a scan, not a parse. Broken lines are skipped and
 * counted ({@link #brokenLineCount()}), never fatal.
 *
 * <pre>{@code
 * ProguardMapping mapping = ProguardMapping.open(Path.of("mapping.txt"));
 * System.out.println(Retracer.of(mapping).retrace(trace));
 * }</pre>
 *
 * <p>Thread-safe: parsed classes are published through an atomic array.
 */
public final class ProguardMapping implements Mapping {
  /** A class header longer than this is not a class name but junk. */
  private static final int MAX_HEADER_LINE = 64 * 1024;


  private final ByteView data;
  private final MappingHeader header;
  private final String[] obfuscatedNames;
  private final String[] originalNames;
  private final long[] sectionStarts;
  private final long[] sectionEnds;
  private final Map<String, Integer> byObfuscated;
  private final Map<String, Integer> byOriginal;
  private final AtomicReferenceArray<ClassMapping> parsed;
  private final int brokenHeaderLines;

  private ProguardMapping(ByteView data) {
    this.data = data;
    Scan scan = new Scan(data);
    this.header = scan.header;
    int n = scan.obfuscated.size();
    this.obfuscatedNames = scan.obfuscated.toArray(new String[0]);
    this.originalNames = scan.original.toArray(new String[0]);
    this.sectionStarts = new long[n];
    this.sectionEnds = new long[n];
    for (int i = 0; i < n; i++) {
      sectionStarts[i] = scan.starts.get(i * 2);
      sectionEnds[i] = scan.starts.get(i * 2 + 1);
    }
    this.byObfuscated = new HashMap<>(n * 2);
    this.byOriginal = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      byObfuscated.putIfAbsent(obfuscatedNames[i], i);
      byOriginal.putIfAbsent(originalNames[i], i);
    }
    this.parsed = new AtomicReferenceArray<>(n);
    this.brokenHeaderLines = scan.broken;
  }

  /** Reads a mapping from bytes (UTF-8; CRLF and a byte order mark are fine). */
  public static ProguardMapping parse(ByteView bytes) {
    return new ProguardMapping(bytes);
  }

  /** Reads a mapping from bytes. */
  public static ProguardMapping parse(byte[] bytes) {
    return new ProguardMapping(ByteView.of(bytes));
  }

  /** Reads a mapping from a string. */
  public static ProguardMapping parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Memory-maps and indexes a mapping file. */
  public static ProguardMapping open(Path file) throws IOException {
    return new ProguardMapping(ByteView.map(file));
  }

  @Override
  public MappingHeader header() {
    return header;
  }

  /** Whether R8 wrote the mapping (its header names R8 or has a map version). */
  public boolean isR8() {
    return header.mapVersion().isPresent()
        || header.compiler().map(c -> c.startsWith("R8")).orElse(false);
  }

  /** The number of classes. */
  public int classCount() {
    return obfuscatedNames.length;
  }

  @Override
  public Optional<ClassMapping> classMapping(String obfuscatedName) {
    Integer index = byObfuscated.get(obfuscatedName);
    return index == null ? Optional.empty() : Optional.of(classAt(index));
  }

  @Override
  public Optional<ClassMapping> classMappingByOriginalName(String originalName) {
    Integer index = byOriginal.get(originalName);
    return index == null ? Optional.empty() : Optional.of(classAt(index));
  }

  /** Every class, in file order, each parsed on demand. */
  public Stream<ClassMapping> classes() {
    return IntStream.range(0, obfuscatedNames.length).mapToObj(this::classAt);
  }

  /** The number of lines that could not be parsed. Parses every class. */
  public int brokenLineCount() {
    int broken = brokenHeaderLines;
    for (int i = 0; i < obfuscatedNames.length; i++) {
      MappingParser.Problems problems = new MappingParser.Problems();
      parseSection(i, null, problems);
      broken += problems.brokenLines;
    }
    return broken;
  }

  /**
   * The UUID Sentry's tools give this mapping: a version 5 UUID of the file's bytes in the
   * namespace {@code uuid5(DNS, "guardsquare.com")}.
   */
  public UUID uuid() {
    return nameUuidV5(Namespace.GUARDSQUARE, data);
  }

  private ClassMapping classAt(int index) {
    ClassMapping cls = parsed.get(index);
    if (cls == null) {
      MappingParser.ClassInfo info = MappingParser.parseClassInfo(leadingLines(index), header);
      cls = new ClassMapping(obfuscatedNames[index], originalNames[index], info.sourceFile,
          info.synthesized, new Section(index));
      if (!parsed.compareAndSet(index, null, cls)) {
        cls = parsed.get(index);
      }
    }
    return cls;
  }

  /** A class's lines in the file, parsed per obfuscated member name on demand. */
  private final class Section implements ClassMapping.MemberSource {
    private final int index;

    Section(int index) {
      this.index = index;
    }

    @Override
    public List<MemberMapping> named(String obfuscatedName) {
      if (obfuscatedName.indexOf('\uFFFD') >= 0) {
        // Any undecodable bytes read as U+FFFD, so no byte pattern finds such a name: compare
        // the decoded names of every line instead.
        List<MemberMapping> out = new ArrayList<>();
        for (MemberMapping m : all()) {
          if (m.obfuscatedName().equals(obfuscatedName)) {
            out.add(m);
          }
        }
        return out;
      }
      return parseSection(
          index, obfuscatedName.getBytes(StandardCharsets.UTF_8), new MappingParser.Problems());
    }

    @Override
    public List<MemberMapping> all() {
      return parseSection(index, null, new MappingParser.Problems());
    }
  }

  /** Sections up to this size are copied out whole and scanned as an array. */
  private static final int MAX_SECTION_COPY = 32 << 20;

  /** The array sections are copied into, one per thread, reused across lookups. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

  /**
   * Parses the member lines of a class after its header line; with a name, only the lines ending
   * in {@code -> name} and the comments that follow them. The bytes are copied out in bulk and
   * read from an array: per-byte reads of mapped memory cost many times more before the JIT has
   * compiled them.
   */
  private List<MemberMapping> parseSection(
      int index, byte[] name, MappingParser.Problems problems) {
    MappingParser.MemberParser parser = new MappingParser.MemberParser(header, problems);
    long end = sectionEnds[index];
    long first = data.indexOf((byte) '\n', sectionStarts[index], end);
    long start = first < 0 ? end : first + 1;
    if (end - start <= MAX_SECTION_COPY) {
      int length = (int) (end - start);
      byte[] bytes = SCRATCH.get();
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, Math.min(2 * bytes.length, MAX_SECTION_COPY))];
        SCRATCH.set(bytes);
      }
      data.copyTo(start, bytes, 0, length);
      Selector selector = new Selector(name);
      int pos = 0;
      while (pos < length) {
        int nl = indexOf(bytes, (byte) '\n', pos, length);
        int lineEnd = nl < 0 ? length : nl;
        if (selector.take(bytes, pos, lineEnd)) {
          if (lineEnd - pos > MappingParser.MAX_LINE) {
            parser.longLine();
          } else {
            parser.line(bytes, pos, lineEnd);
          }
        }
        pos = lineEnd + 1;
      }
    } else {
      // A section this large is junk or hostile: read it a line at a time.
      Selector selector = new Selector(name);
      byte[] line = new byte[1024];
      long pos = start;
      while (pos < end) {
        long nl = data.indexOf((byte) '\n', pos, end);
        long lineEnd = nl < 0 ? end : nl;
        if (lineEnd - pos > MappingParser.MAX_LINE) {
          parser.longLine();
        } else {
          int length = (int) (lineEnd - pos);
          if (length > line.length) {
            line = new byte[Math.max(length, line.length * 2)];
          }
          data.copyTo(pos, line, 0, length);
          if (selector.take(line, 0, length)) {
            parser.line(line, 0, length);
          }
        }
        pos = lineEnd + 1;
      }
    }
    return parser.members();
  }

  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Picks the lines of one member name, with the comments after them; all lines without one. */
  private static final class Selector {
    private final byte[] name;
    private boolean taking;

    Selector(byte[] name) {
      this.name = name;
    }

    boolean take(byte[] d, int start, int end) {
      if (name == null) {
        return true;
      }
      int text = MappingParser.skipBlank(d, start, end);
      if (text == end) {
        return false;
      }
      if (d[text] == '#') {
        return taking;
      }
      taking = endsWithArrowAnd(d, text, end, name);
      return taking;
    }

    /** Whether the line ends in {@code -> name}, white space around the arrow allowed. */
    private static boolean endsWithArrowAnd(byte[] d, int start, int end, byte[] name) {
      int e = MappingParser.trimEnd(d, start, end);
      int nameStart = e - name.length;
      if (nameStart < start) {
        return false;
      }
      for (int i = 0; i < name.length; i++) {
        if (d[nameStart + i] != name[i]) {
          return false;
        }
      }
      int a = MappingParser.trimEnd(d, start, nameStart);
      return a - 2 >= start && d[a - 1] == '>' && d[a - 2] == '-';
    }
  }

  /** The class line and the comment lines right after it. */
  private List<String> leadingLines(int index) {
    List<String> lines = new ArrayList<>(3);
    long pos = sectionStarts[index];
    long end = sectionEnds[index];
    while (pos < end) {
      long nl = data.indexOf((byte) '\n', pos, end);
      long lineEnd = nl < 0 ? end : nl;
      if (!lines.isEmpty()) {
        long text = pos;
        while (text < lineEnd && (data.get(text) == ' ' || data.get(text) == '\t')) {
          text++;
        }
        if (text < lineEnd && data.u8(text) != '#') {
          break;
        }
      }
      long len = lineEnd - pos;
      lines.add(len > MAX_HEADER_LINE ? "" : data.utf8(pos, (int) len));
      pos = lineEnd + 1;
    }
    return lines;
  }

  /** Files larger than this are scanned in parts, one per core. */
  private static final long PARALLEL_SCAN_SIZE = 8 << 20;

  /**
   * One pass over the file that finds the header comments and every class header line. A large
   * file is cut at line boundaries and its parts are scanned at once; the parts' findings are
   * then joined in order.
   */
  private static final class Scan {
    MappingHeader header = MappingHeader.EMPTY;
    final List<String> obfuscated = new ArrayList<>();
    final List<String> original = new ArrayList<>();
    final LongList starts = new LongList();
    int broken;

    Scan(ByteView data) {
      long len = data.length();
      long begin = 0;
      if (len >= 3 && data.u8(0) == 0xEF && data.u8(1) == 0xBB && data.u8(2) == 0xBF) {
        begin = 3;
      }
      int cores = Math.min(Runtime.getRuntime().availableProcessors(), 8);
      int parts = len < PARALLEL_SCAN_SIZE ? 1 : Math.max(1, cores);
      long[] bounds = new long[parts + 1];
      bounds[0] = begin;
      bounds[parts] = len;
      for (int i = 1; i < parts; i++) {
        long nl = data.indexOf((byte) '\n', Math.max(bounds[i - 1], len / parts * i), len);
        bounds[i] = nl < 0 ? len : nl + 1;
      }
      Part[] scanned = new Part[parts];
      java.util.stream.IntStream.range(0, parts).parallel()
          .forEach(i -> scanned[i] = new Part(data, bounds[i], bounds[i + 1]));
      boolean inClass = false;
      for (Part part : scanned) {
        broken += part.moreBroken;
        if (obfuscated.isEmpty()) {
          for (String comment : part.leadingComments) {
            header = MappingParser.parseHeaderComment(header, comment);
          }
        }
        for (int e = 0; e < part.positions.size(); e++) {
          long pos = part.positions.get(e);
          if (inClass) {
            starts.add(pos);
            inClass = false;
          }
          String obf = part.obfuscated.get(e);
          if (obf == null) {
            broken++;
          } else {
            obfuscated.add(obf);
            original.add(part.original.get(e));
            starts.add(pos);
            inClass = true;
          }
        }
      }
      if (inClass) {
        starts.add(len);
      }
    }
  }

  /**
   * What one part of the file holds: its comment lines before its first class line, and every
   * line that starts in column 0 with something else — a class header, or a broken line (null
   * names) that ends the class before it.
   */
  private static final class Part {
    final List<String> leadingComments = new ArrayList<>();
    final LongList positions = new LongList();
    final List<String> obfuscated = new ArrayList<>();
    final List<String> original = new ArrayList<>();
    /** Broken lines after another broken line: they close nothing, so only their count is kept. */
    int moreBroken;

    Part(ByteView data, long from, long to) {
      ColumnZeroLines lines = new ColumnZeroLines(data, to);
      for (long pos = from; (pos = lines.next(pos)) < to; ) {
        long nl = data.indexOf((byte) '\n', pos, to);
        long end = nl < 0 ? to : nl;
        if (lines.first(pos) == '#') {
          if (positions.size() == 0 && end - pos <= MAX_HEADER_LINE) {
            leadingComments.add(data.utf8(pos, (int) (end - pos)));
          }
        } else {
          MappingParser.ClassHeader h = end - pos <= MAX_HEADER_LINE
              ? MappingParser.parseClassHeader(data, pos, end)
              : null;
          int n = obfuscated.size();
          if (h == null && n > 0 && obfuscated.get(n - 1) == null) {
            moreBroken++;
          } else {
            positions.add(pos);
            obfuscated.add(h == null ? null : h.obfuscatedName);
            original.add(h == null ? null : h.originalName);
          }
        }
        pos = end + 1;
      }
    }
  }

  /**
   * Finds the lines of {@code [.., to)} that start with something other than white space: class
   * headers, comments and broken lines, a few in a hundred lines of a mapping. The bytes are
   * copied through a window and searched with a plain loop rather than through the view line by
   * line (the 53 MB corpus mapping's scan: 42 -> 37 ms warm, 1-frame retraces 5 ms faster).
   */
  private static final class ColumnZeroLines {
    private final ByteView data;
    private final long to;
    private final byte[] window = new byte[1 << 16];
    /** Where the window's bytes start in the data, and how many there are. */
    private long windowPos;
    private int windowLength;

    ColumnZeroLines(ByteView data, long to) {
      this.data = data;
      this.to = to;
    }

    /** The first such line starting at or after {@code pos}, itself a line start; else to. */
    long next(long pos) {
      boolean lineStart = true;
      while (pos < to) {
        if (pos < windowPos || pos >= windowPos + windowLength) {
          windowLength = (int) Math.min(window.length, to - pos);
          data.copyTo(pos, window, 0, windowLength);
          windowPos = pos;
        }
        byte[] w = window;
        int n = windowLength;
        int i = (int) (pos - windowPos);
        if (!lineStart) {
          while (i < n && w[i] != '\n') {
            i++;
          }
          i++;
        }
        while (i < n) {
          byte c = w[i];
          if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            return windowPos + i;
          }
          while (i < n && w[i] != '\n') {
            i++;
          }
          i++;
        }
        // i == n: the window ended with a line break; past it: in the middle of a line.
        lineStart = i == n;
        pos = windowPos + n;
      }
      return to;
    }

    /** The first byte of the line at {@code pos}, just returned by {@link #next}. */
    int first(long pos) {
      return window[(int) (pos - windowPos)] & 0xFF;
    }
  }

  /** A growable list of longs, to keep the scan free of boxing. */
  private static final class LongList {
    private long[] values = new long[64];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long get(int i) {
      return values[i];
    }

    int size() {
      return size;
    }
  }

  /** Sentry's namespace, computed on first use rather than on every start-up. */
  private static final class Namespace {
    static final UUID GUARDSQUARE =
        nameUuidV5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
            "guardsquare.com".getBytes(StandardCharsets.UTF_8));
  }

  private static UUID nameUuidV5(UUID namespace, byte[] name) {
    return nameUuidV5(namespace, ByteView.of(name));
  }

  private static UUID nameUuidV5(UUID namespace, ByteView name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
    byte[] ns = new byte[16];
    long msb = namespace.getMostSignificantBits();
    long lsb = namespace.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      ns[i] = (byte) (msb >>> (56 - 8 * i));
      ns[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    sha1.update(ns);
    byte[] buffer = new byte[1 << 16];
    for (long pos = 0; pos < name.length(); pos += buffer.length) {
      int n = (int) Math.min(buffer.length, name.length() - pos);
      name.copyTo(pos, buffer, 0, n);
      sha1.update(buffer, 0, n);
    }
    byte[] hash = sha1.digest();
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (hash[i] & 0xff);
      lo = (lo << 8) | (hash[8 + i] & 0xff);
    }
    return new UUID(hi, lo);
  }
}
