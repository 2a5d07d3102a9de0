package dev.symbolic.proguard;

import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_ENTRY_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.HEADER_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.MAGIC;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_STRING_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_METHOD;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ORIGINAL_SINGLE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_OUTLINE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.NO_STRING;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.align8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link ProguardCache} file: interns every string, encodes one record per class, sorts
 * the class tables, then streams the sections out. See {@link ProguardCacheFormat} for the
 * layout.
 */
final class ProguardCacheWriter {
  /** Offsets into string data are u32. */
  private static final long MAX_STRING_DATA = 0xFFFF_FFFFL;

  private final Map<String, Integer> stringIds = new HashMap<>();
  private final Sink stringData = new Sink(1 << 16);
  private int[] stringEnds = new int[1024];
  private int stringCount;

  private final Sink records = new Sink(1 << 16);
  /** Text the reader will count when it decodes the classes, see TEXT_RATIO. */
  private long text;

  private ProguardCacheWriter() {}

  static void write(ProguardMapping mapping, OutputStream out) throws IOException {
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(out, "out");
    new ProguardCacheWriter().run(mapping, out);
  }

  private void run(ProguardMapping mapping, OutputStream out) throws IOException {
    MappingHeader h = mapping.header();
    long[] headerStrings = {
      optional(h.compiler().orElse(null)),
      optional(h.compilerVersion().orElse(null)),
      optional(h.minApi().orElse(null)),
      optional(h.mapVersion().orElse(null)),
      optional(h.pgMapId().orElse(null)),
      optional(h.pgMapHash().orElse(null)),
    };

    // Classes in mapping order: names and where each record lies in `records`.
    int n = mapping.classCount();
    int[] obfuscated = new int[n];
    int[] original = new int[n];
    int[] recordStart = new int[n + 1];
    Iterator<ClassMapping> it = mapping.classes().iterator();
    for (int i = 0; i < n; i++) {
      ClassMapping c = it.next();
      obfuscated[i] = intern(c.obfuscatedName());
      original[i] = intern(c.originalName());
      recordStart[i] = records.size();
      encodeClass(c);
    }
    recordStart[n] = records.size();

    // Sorted by name bytes, then mapping order: the first of equal names is the one
    // ProguardMapping answers with, and the reader's lower-bound search finds exactly it.
    Integer[] order = sortedBy(obfuscated);
    int[] position = new int[n];
    for (int p = 0; p < n; p++) {
      position[order[p]] = p;
    }
    Integer[] byOriginal = sortedBy(original);

    long[] offsets = new long[SECTION_COUNT];
    long[] lengths = {
      (long) n * CLASS_ENTRY_SIZE, 4L * n, 4L * stringCount, stringData.size(), records.size()
    };
    long end = HEADER_SIZE;
    for (int s = 0; s < SECTION_COUNT; s++) {
      offsets[s] = align8(end);
      end = offsets[s] + lengths[s];
    }
    // Pad the (absurd) cache that references more text than the reader accepts per byte.
    long minLength = (text - ProguardCacheFormat.TEXT_BASE + ProguardCacheFormat.TEXT_RATIO - 1)
        / ProguardCacheFormat.TEXT_RATIO;
    long fileLength = Math.max(end, minLength);

    OutputStream o = out instanceof BufferedOutputStream ? out
        : new BufferedOutputStream(out, 1 << 16);
    Sink header = new Sink(HEADER_SIZE);
    header.bytes(MAGIC, 0, MAGIC.length);
    header.u32(ProguardCache.VERSION);
    header.u32(0);
    header.u64(fileLength);
    header.u32(n);
    header.u32(stringCount);
    for (long s : headerStrings) {
      header.u32(s);
    }
    for (int s = 0; s < SECTION_COUNT; s++) {
      header.u64(offsets[s]);
      header.u64(lengths[s]);
    }
    long written = header.writeTo(o);

    Sink table = new Sink(n * CLASS_ENTRY_SIZE);
    long recordOffset = 0;
    for (int p = 0; p < n; p++) {
      int i = order[p];
      table.u32(obfuscated[i]);
      table.u32(original[i]);
      table.u64(recordOffset);
      recordOffset += recordStart[i + 1] - recordStart[i];
    }
    written = pad(o, written, offsets[0]) + table.writeTo(o);

    Sink index = new Sink(4 * n);
    for (int p = 0; p < n; p++) {
      index.u32(position[byOriginal[p]]);
    }
    written = pad(o, written, offsets[1]) + index.writeTo(o);

    Sink ends = new Sink(4 * stringCount);
    for (int s = 0; s < stringCount; s++) {
      ends.u32(Integer.toUnsignedLong(stringEnds[s]));
    }
    written = pad(o, written, offsets[2]) + ends.writeTo(o);
    written = pad(o, written, offsets[3]) + stringData.writeTo(o);

    written = pad(o, written, offsets[4]);
    for (int p = 0; p < n; p++) {
      int i = order[p];
      o.write(records.buf, recordStart[i], recordStart[i + 1] - recordStart[i]);
    }
    written += records.size();
    pad(o, written, fileLength);
    o.flush();
  }

  /** Class indices sorted by the UTF-8 bytes (unsigned) of their name strings, then index. */
  private Integer[] sortedBy(int[] names) {
    Integer[] order = new Integer[names.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    byte[] data = stringData.buf;
    Arrays.sort(order, (a, b) -> {
      int sa = names[a];
      int sb = names[b];
      int c = sa == sb ? 0 : Arrays.compareUnsigned(
          data, start(sa), stringEnds[sa], data, start(sb), stringEnds[sb]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    return order;
  }

  private int start(int string) {
    return string == 0 ? 0 : stringEnds[string - 1];
  }

  /** Writes zeros up to offset {@code to}; returns the new count of bytes written. */
  private static long pad(OutputStream o, long written, long to) throws IOException {
    byte[] zeros = new byte[(int) Math.min(Math.max(to - written, 0), 1 << 16)];
    for (long p = written; p < to; p += zeros.length) {
      o.write(zeros, 0, (int) Math.min(zeros.length, to - p));
    }
    return Math.max(written, to);
  }

  private void encodeClass(ClassMapping c) throws IOException {
    text += c.obfuscatedName().length() + c.originalName().length();
    records.u8(c.isSynthesized() ? CLASS_SYNTHESIZED : 0);
    String sourceFile = c.sourceFileOrNull();
    records.uleb(sourceFile == null ? 0 : refText(sourceFile) + 1L);
    List<MemberMapping> members = c.members();
    records.uleb(members.size());
    for (MemberMapping m : members) {
      int flags = (m.isMethod() ? MEMBER_METHOD : 0)
          | (m.isSynthesized() ? MEMBER_SYNTHESIZED : 0)
          | (m.isOutline() ? MEMBER_OUTLINE : 0)
          | (m.isOriginalSingleLine() ? MEMBER_ORIGINAL_SINGLE : 0);
      records.u8(flags);
      records.uleb(refText(m.type()));
      records.uleb(refText(m.originalClassOrEmpty()));
      records.uleb(refText(m.originalName()));
      records.uleb(refText(m.arguments()));
      records.uleb(refText(m.obfuscatedName()));
      records.uleb(intPlusOne(m.minifiedStart()));
      records.uleb(intPlusOne(m.minifiedEnd()));
      records.uleb(intPlusOne(m.originalStart()));
      records.uleb(intPlusOne(m.originalEnd()));
      String residual = m.residualSignatureOrNull();
      records.uleb(residual == null ? 0 : refText(residual) + 1L);
      String target = m.outlineTarget().orElse(null);
      records.uleb(target == null ? 0 : refText(target) + 1L);
      int[] positions = m.outlinePositionsOrNull();
      if (positions == null) {
        records.uleb(0);
      } else {
        records.uleb(positions.length + 1L);
        for (int p : positions) {
          records.uleb(intPlusOne(p));
        }
      }
      List<RewriteFrameRule> rules = m.rewriteFrames();
      records.uleb(rules.size());
      for (RewriteFrameRule rule : rules) {
        List<String> descriptors = rule.thrownDescriptors();
        records.uleb(descriptors.size());
        for (String d : descriptors) {
          records.uleb(refText(d));
        }
        records.uleb(intPlusOne(rule.removeInnerFrames()));
      }
    }
  }

  /** An int as the unsigned 32-bit value of int + 1, so NONE (-1) costs one byte. */
  private static long intPlusOne(int v) {
    return Integer.toUnsignedLong(v + 1);
  }

  /** The string's index, counting it as text the reader will decode for this reference. */
  private int refText(String s) throws IOException {
    text += s.length();
    return intern(s);
  }

  private long optional(String s) throws IOException {
    return s == null ? NO_STRING : intern(s);
  }

  private int intern(String s) throws IOException {
    Integer id = stringIds.get(s);
    if (id != null) {
      return id;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_STRING_BYTES) {
      throw new IOException("string of " + bytes.length + " bytes too long for a ProGuard cache");
    }
    if (stringData.size() + (long) bytes.length > MAX_STRING_DATA) {
      throw new IOException("mapping has too much text for a ProGuard cache");
    }
    stringData.bytes(bytes, 0, bytes.length);
    if (stringCount == stringEnds.length) {
      stringEnds = Arrays.copyOf(stringEnds, stringCount * 2);
    }
    stringEnds[stringCount] = stringData.size();
    stringIds.put(s, stringCount);
    return stringCount++;
  }

  /** A growable little-endian byte buffer; unsynchronized, unlike ByteArrayOutputStream. */
  private static final class Sink {
    private static final int MAX = Integer.MAX_VALUE - 8;

    byte[] buf;
    private int size;

    Sink(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    int size() {
      return size;
    }

    private void ensure(int n) throws IOException {
      if (size + (long) n > buf.length) {
        long want = Math.max(size + (long) n, (long) buf.length * 2);
        if (size + (long) n > MAX) {
          throw new IOException("mapping too large for a ProGuard cache");
        }
        buf = Arrays.copyOf(buf, (int) Math.min(want, MAX));
      }
    }

    void u8(int v) throws IOException {
      ensure(1);
      buf[size++] = (byte) v;
    }

    void u32(long v) throws IOException {
      ensure(4);
      for (int k = 0; k < 4; k++) {
        buf[size++] = (byte) (v >>> (8 * k));
      }
    }

    void u64(long v) throws IOException {
      ensure(8);
      for (int k = 0; k < 8; k++) {
        buf[size++] = (byte) (v >>> (8 * k));
      }
    }

    void uleb(long v) throws IOException {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    void bytes(byte[] b, int off, int len) throws IOException {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    long writeTo(OutputStream o) throws IOException {
      o.write(buf, 0, size);
      return size;
    }
  }
}
