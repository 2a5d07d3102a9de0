package dev.symbolic.proguard;

import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_ENTRY_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_FIRST_ORIGINAL;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.HEADER_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.MAGIC;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_STRING_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ENTRY_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_METHOD;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ORIGINAL_SINGLE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_OUTLINE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.NO_STRING;
import static dev.symbolic.proguard.ProguardCacheFormat.SECTION_COUNT;
import static dev.symbolic.proguard.ProguardCacheFormat.SLOT_SIZE;
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
  /** The members of the class being encoded, before its name table is known. */
  private final Sink memberData = new Sink(1 << 12);
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
    long[] sourceFiles = new long[n];
    int[] flags = new int[n];
    int[] recordStart = new int[n + 1];
    Iterator<ClassMapping> it = mapping.classes().iterator();
    for (int i = 0; i < n; i++) {
      ClassMapping c = it.next();
      text += c.obfuscatedName().length() + c.originalName().length();
      obfuscated[i] = intern(c.obfuscatedName());
      original[i] = intern(c.originalName());
      String sourceFile = c.sourceFileOrNull();
      sourceFiles[i] = sourceFile == null ? 0 : refText(sourceFile) + 1L;
      flags[i] = c.isSynthesized() ? CLASS_SYNTHESIZED : 0;
      recordStart[i] = records.size();
      encodeClass(c);
    }
    recordStart[n] = records.size();

    // Sorted by name bytes, then mapping order, as ProguardMapping answers with the first of
    // several classes with a name.
    Integer[] order = sortedBy(obfuscated);
    int[] position = new int[n];
    for (int p = 0; p < n; p++) {
      position[order[p]] = p;
    }
    // The hash indexes refer to class-table positions, and take them in name order: the first
    // class of several with a name is found first.
    int[] tablePositions = new int[n];
    int[] obfuscatedAt = new int[n];
    int[] originalAt = new int[n];
    for (int p = 0; p < n; p++) {
      tablePositions[p] = p;
      obfuscatedAt[p] = obfuscated[order[p]];
      originalAt[p] = original[order[p]];
    }
    Integer[] byOriginal = sortedBy(original);
    int[] originalOrder = new int[n];
    for (int p = 0; p < n; p++) {
      originalOrder[p] = position[byOriginal[p]];
      // Equal strings are one interned string.
      if (p == 0 || original[byOriginal[p]] != original[byOriginal[p - 1]]) {
        flags[byOriginal[p]] |= CLASS_FIRST_ORIGINAL;
      }
    }
    Sink obfuscatedIndex = hashIndex(tablePositions, obfuscatedAt);
    Sink originalIndex = hashIndex(originalOrder, originalAt);

    long[] offsets = new long[SECTION_COUNT];
    long[] lengths = {
      (long) n * CLASS_ENTRY_SIZE, obfuscatedIndex.size(), originalIndex.size(), 4L * stringCount,
      stringData.size(), records.size()
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
      table.u32(sourceFiles[i]);
      table.u32(flags[i]);
      table.u64(recordOffset);
      recordOffset += recordStart[i + 1] - recordStart[i];
    }
    written = pad(o, written, offsets[0]) + table.writeTo(o);

    written = pad(o, written, offsets[1]) + obfuscatedIndex.writeTo(o);
    written = pad(o, written, offsets[2]) + originalIndex.writeTo(o);

    Sink ends = new Sink(4 * stringCount);
    for (int s = 0; s < stringCount; s++) {
      ends.u32(Integer.toUnsignedLong(stringEnds[s]));
    }
    written = pad(o, written, offsets[3]) + ends.writeTo(o);
    written = pad(o, written, offsets[4]) + stringData.writeTo(o);

    written = pad(o, written, offsets[5]);
    for (int p = 0; p < n; p++) {
      int i = order[p];
      o.write(records.buf, recordStart[i], recordStart[i + 1] - recordStart[i]);
    }
    written += records.size();
    pad(o, written, fileLength);
    o.flush();
  }

  /**
   * The hash index of the class-table positions in {@code insertion}, in that order, position
   * {@code p} named by string {@code names[p]}; see {@link ProguardCacheFormat} for the layout.
   */
  private Sink hashIndex(int[] insertion, int[] names) throws IOException {
    int slots = (int) ProguardCacheFormat.slotCount(insertion.length);
    int[] classPlusOne = new int[slots];
    int[] hashes = new int[slots];
    for (int p : insertion) {
      int name = names[p];
      int h = ProguardCacheFormat.hash(stringData.buf, start(name), stringEnds[name]);
      int i = h & (slots - 1);
      while (classPlusOne[i] != 0) {
        i = (i + 1) & (slots - 1);
      }
      classPlusOne[i] = p + 1;
      hashes[i] = h;
    }
    Sink out = new Sink(slots * SLOT_SIZE);
    for (int i = 0; i < slots; i++) {
      out.u32(Integer.toUnsignedLong(classPlusOne[i]));
      out.u32(Integer.toUnsignedLong(hashes[i]));
    }
    return out;
  }

  /** Indices sorted by the UTF-8 bytes (unsigned) of their name strings, then index. */
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

  /** Appends the record of {@code c}: its member-name table, then its members. */
  private void encodeClass(ClassMapping c) throws IOException {
    List<MemberMapping> members = c.members();
    int count = members.size();
    int[] names = new int[count];
    int[] offsets = new int[count];
    memberData.clear();
    long tableEnd = 4 + (long) MEMBER_ENTRY_SIZE * count;
    for (int k = 0; k < count; k++) {
      MemberMapping m = members.get(k);
      names[k] = intern(m.obfuscatedName());
      long offset = tableEnd + memberData.size();
      if (offset > Integer.MAX_VALUE) {
        throw new IOException("class " + c.obfuscatedName() + " too large for a ProGuard cache");
      }
      offsets[k] = (int) offset;
      encodeMember(m);
    }
    records.u32(count);
    for (int k : sortedBy(names)) {
      records.u32(names[k]);
      records.u32(offsets[k]);
      records.u32(Integer.toUnsignedLong(
          ProguardCacheFormat.nameKey(stringData.buf, start(names[k]), stringEnds[names[k]])));
    }
    records.bytes(memberData.buf, 0, memberData.size());
  }

  private void encodeMember(MemberMapping m) throws IOException {
    Sink out = memberData;
    int flags = (m.isMethod() ? MEMBER_METHOD : 0)
        | (m.isSynthesized() ? MEMBER_SYNTHESIZED : 0)
        | (m.isOutline() ? MEMBER_OUTLINE : 0)
        | (m.isOriginalSingleLine() ? MEMBER_ORIGINAL_SINGLE : 0);
    out.u8(flags);
    out.uleb(refText(m.type()));
    out.uleb(refText(m.originalClassOrEmpty()));
    out.uleb(refText(m.originalName()));
    out.uleb(refText(m.arguments()));
    out.uleb(refText(m.obfuscatedName()));
    out.uleb(intPlusOne(m.minifiedStart()));
    out.uleb(intPlusOne(m.minifiedEnd()));
    out.uleb(intPlusOne(m.originalStart()));
    out.uleb(intPlusOne(m.originalEnd()));
    String residual = m.residualSignatureOrNull();
    out.uleb(residual == null ? 0 : refText(residual) + 1L);
    String target = m.outlineTarget().orElse(null);
    out.uleb(target == null ? 0 : refText(target) + 1L);
    int[] positions = m.outlinePositionsOrNull();
    if (positions == null) {
      out.uleb(0);
    } else {
      out.uleb(positions.length + 1L);
      for (int p : positions) {
        out.uleb(intPlusOne(p));
      }
    }
    List<RewriteFrameRule> rules = m.rewriteFrames();
    out.uleb(rules.size());
    for (RewriteFrameRule rule : rules) {
      List<String> descriptors = rule.thrownDescriptors();
      out.uleb(descriptors.size());
      for (String d : descriptors) {
        out.uleb(refText(d));
      }
      out.uleb(intPlusOne(rule.removeInnerFrames()));
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

    void clear() {
      size = 0;
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
