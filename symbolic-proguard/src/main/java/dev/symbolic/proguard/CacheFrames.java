package dev.symbolic.proguard;

import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_FIRST_ORIGINAL;
import static dev.symbolic.proguard.ProguardCacheFormat.CLASS_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.KEYS_UNDECIDED;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_STRING_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MAX_VARINT_BYTES;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ENTRY_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_FLAGS;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_METHOD;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_ORIGINAL_SINGLE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_OUTLINE;
import static dev.symbolic.proguard.ProguardCacheFormat.MEMBER_SYNTHESIZED;
import static dev.symbolic.proguard.ProguardCacheFormat.MIN_MEMBER_SIZE;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_MEMBER_KEY;
import static dev.symbolic.proguard.ProguardCacheFormat.OFF_MEMBER_OFFSET;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Retraces the lines of a trace straight from a cache's bytes, for {@link Retracer}'s byte path,
 * printing what R8 prints without building a string, class or member object: plain frames (of
 * classes and methods the mapping has or lacks; inline chains with R8's line arithmetic;
 * synthesized, outline and outline call-site frames; {@code rewriteFrame} rules; frames without
 * a line, every overload a sorted {@code <OR>} candidate), exception lines of the usual shapes,
 * and lines R8's expression cannot match.
 *
 * <p>What it does not cover (exception lines of unusual shapes, ambiguous original ranges,
 * several overloads holding a line, lines with non-ASCII text, anything odd in the cache) it
 * answers {@link #FALLBACK}, with nothing written, and the line goes the general way, which
 * answers the lines handled here the same (checked by CacheFramesTest and StackTraceFuzzTest).
 * The point is speed where code runs cold: in a short-lived process most frames are retraced
 * before the JIT has compiled much, and this path runs a few thousand bytecodes per frame
 * instead of a few hundred thousand.
 *
 * <p>A method's lines are read in two steps: every line with the frame's method name up to its
 * minified range, then the rest only for the lines printed or compared.
 *
 * <p>Not thread-safe: one instance per retrace call; the {@link Tables} it reads are shared.
 */
final class CacheFrames {
  /** The line is not one this handles; nothing was written. */
  static final int FALLBACK = 0;
  /** The frame was retraced; the next line starts without context. */
  static final int RETRACED = 1;
  /** The frame was printed with its method unmapped; the context carries over unchanged. */
  static final int UNMAPPED = 2;
  /**
   * An exception line was retraced: the next line has its obfuscated class,
   * {@link #thrownClass}, as context.
   */
  static final int THROWN = 3;
  /**
   * An outline frame was retraced: the next line has its position, {@link #outlinePosition}, as
   * context.
   */
  static final int OUTLINE = 4;

  private static final int NO_OUTLINE = FrameLookup.NO_OUTLINE;

  /** Class records longer than this go the general way. */
  private static final int MAX_RECORD = 1 << 20;
  /** Caches with more string data than this are not copied: they go the general way. */
  private static final long MAX_STRING_DATA = 256L << 20;
  /** Likewise for the class table and indexes. */
  private static final int MAX_CLASSES = 1 << 24;
  private static final int NONE = MemberMapping.NONE;
  private static final byte[] NATIVE_METHOD = {
    'N', 'a', 't', 'i', 'v', 'e', ' ', 'M', 'e', 't', 'h', 'o', 'd'
  };

  private final ProguardCache cache;
  private final ByteView data;
  /** The cache's strings, copied once: string i is strings[ends[i - 1], ends[i]). */
  private final int[] ends;
  private final byte[] strings;
  /** The class table and the hash indexes by obfuscated and by original name, copied once. */
  private final int[] classes;
  private final int[] byObfuscated;
  private final int[] byOriginal;
  private final int classCount;
  private final long recordsOffset;
  private final long recordsLength;
  /** The class record being read, copied in one go. */
  private byte[] record = new byte[4096];
  private int recordLength;
  private long recordStart;
  /** The part of the record's members copied: varints are read only there. */
  private int readableStart;
  private int readableEnd;
  /** Bytes copied after the last line of a name: more than nearly every line takes. */
  private static final int LINE_WINDOW = 256;
  /** Records up to this long are copied whole. */
  private static final int WHOLE_RECORD = 4096;
  /** The class of the frame being retraced, or -1 when the cache has none of its name. */
  private int frameClass;
  // The holder class of the frame being written: text in the strings or in the line.
  private byte[] holder;
  /** The string index of the holder, or -1 when it is text of the line. */
  private long holderIndex;
  private int holderStart;
  private int holderEnd;

  // The method lines with the frame's method name, in mapping order.
  private int lines;
  /** The union of the lines' flags: most methods have no synthesized or outline line. */
  private int anyFlags;
  private int[] lineFlags = new int[16];
  /** Where each line starts in the record, and whether it is decoded past its range. */
  private int[] lineAt = new int[16];
  private boolean[] decoded = new boolean[16];
  private long[] originalClass = new long[16];
  private long[] originalName = new long[16];
  private int[] minifiedStart = new int[16];
  private int[] minifiedEnd = new int[16];
  private int[] originalStart = new int[16];
  private int[] originalEnd = new int[16];
  private int[] ruleCount = new int[16];
  private long[] type = new long[16];
  private long[] arguments = new long[16];
  /** Where a call site's outline positions start in the record (-1: not a call site), and how many. */
  private int[] positionsAt = new int[16];
  private int[] positionsCount = new int[16];
  /** Where line k's rewrite rules start in the record. */
  private int[] rulesAt = new int[16];
  /** Where each overload starts among the lines, and then where the last one ends. */
  private int[] partitionStart = new int[17];
  private int partitions;

  // The spans of the frame, as StackTraceLine finds them.
  private int classStart;
  private int classEnd;
  private int methodStart;
  private int methodEnd;
  private int fileStart;
  private int fileEnd;
  private int lineStart;
  private int lineEnd;

  private CacheFrames(ProguardCache cache, Tables tables) {
    this.cache = cache;
    this.data = cache.data();
    this.ends = tables.ends;
    this.strings = tables.strings;
    this.classes = tables.classes;
    this.byObfuscated = tables.byObfuscated;
    this.byOriginal = tables.byOriginal;
    this.classCount = cache.classCount();
    this.recordsOffset = cache.recordsOffset();
    this.recordsLength = cache.recordsLength();
  }

  /**
   * The parts of a cache read on every frame, copied out of the file once per cache (see
   * ProguardCache.tables): the string table and data, the class table and the two hash indexes.
   * Immutable.
   */
  static final class Tables {
    final int[] ends;
    final byte[] strings;
    final int[] classes;
    final int[] byObfuscated;
    final int[] byOriginal;

    private Tables(ProguardCache cache) {
      // The string data, the largest part, is copied on another core meanwhile.
      StringCopy copy = new StringCopy(cache);
      copy.start();
      this.ends = cache.copyStringEnds();
      this.classes = cache.copyClassTable();
      this.byObfuscated = cache.copyIndex(false);
      this.byOriginal = cache.copyIndex(true);
      this.strings = copy.await();
    }

    /** Copies the tables of {@code cache}. */
    static Tables copy(ProguardCache cache) {
      return new Tables(cache);
    }
  }

  /** Copies a cache's string data on a thread of its own. */
  private static final class StringCopy extends Background<byte[]> {
    private final ProguardCache cache;

    StringCopy(ProguardCache cache) {
      super("symbolic-cache-strings");
      this.cache = cache;
    }

    @Override
    byte[] compute() {
      return cache.copyStringData();
    }
  }

  /**
   * A fast path over {@code cache}, whose strings and tables it copies on first use (a few
   * megabytes for a large mapping); null for a cache too large for that.
   */
  static CacheFrames over(ProguardCache cache) {
    return cache.stringDataLength() > MAX_STRING_DATA || cache.classCount() > MAX_CLASSES ? null
        : new CacheFrames(cache, cache.tables());
  }

  /**
   * Retraces the line {@code b[start, end)} into {@code out}, if it is a frame this handles.
   *
   * @param thrownClass the obfuscated class of the exception line right above, whose rewrite
   *     rules may apply to this frame, or null
   * @param outlinePosition the position of an outline frame right above, or NO_OUTLINE
   * @return {@link #FALLBACK}, {@link #RETRACED} or {@link #UNMAPPED}
   */
  int retrace(byte[] b, int start, int end, String thrownClass, int outlinePosition,
      ByteSink out) {
    boolean thrown = thrownClass != null;
    if (thrown && thrownClass != this.thrown) {
      this.thrown = thrownClass;
      thrownDescriptor = null;
    }
    if (!parse(b, start, end)) {
      if (end - start > StackTraceLine.MAX_LINE_LENGTH && isAscii(b, start, end)
          || isPlainText(b, start, end)) {
        // A long line that is no plain frame is copied, as the general path copies it (R8's
        // expression would take time quadratic in its length).
        out.write(b, start, end);
        out.write('\n');
        return UNMAPPED;
      }
      return parseException(b, start, end) ? retraceException(b, start, end, out) : FALLBACK;
    }
    int position = lineNumber(b);
    int cls = findClass(b, classStart, classEnd, false);
    frameClass = cls;
    if (cls < 0) {
      // R8 keeps the frame, and looks the name up as an original class for its file.
      holder = b;
      holderIndex = -1;
      holderStart = classStart;
      holderEnd = classEnd;
      writeFrame(b, start, end, -1, false, position, out);
      return UNMAPPED;
    }
    if ((classes[ENTRY_INTS * cls + 3] & ~CLASS_FLAGS) != 0 || !readMethods(cls, b)) {
      return FALLBACK;
    }
    if (lines == 0) {
      setHolder(originalName(cls));
      writeFrame(b, start, end, -1, true, position, out);
      return UNMAPPED;
    }
    if (position > 0 && (anyFlags & (MEMBER_SYNTHESIZED | MEMBER_OUTLINE)) == 0) {
      int done = retraceOneChain(cls, b, start, end, position, outlinePosition, thrown, out);
      if (done != NOT_ONE_CHAIN) {
        return done;
      }
    }
    if (!decode(0, lines)) {
      return FALLBACK;
    }
    partition();
    if (position > 0) {
      return retraceAt(cls, b, start, end, position, position, outlinePosition, thrown, out);
    }
    return retraceWithoutLine(cls, b, start, end, position, outlinePosition != NO_OUTLINE, thrown,
        out);
  }

  /**
   * Whether {@code b[start, end)} is an exception line that {@link #retrace} answers: its output,
   * and the context it hands to the next line, do not depend on the lines above it, so a trace
   * can be cut into parts before it.
   */
  boolean startsAnew(byte[] b, int start, int end) {
    return !parse(b, start, end)
        && !(end - start > StackTraceLine.MAX_LINE_LENGTH && isAscii(b, start, end))
        && !isPlainText(b, start, end) && parseException(b, start, end);
  }

  private static final int NOT_ONE_CHAIN = -1;

  /**
   * The common frame: its line falls in a single inline chain of the whole method, so that R8
   * finds one candidate however the lines split into overloads, and no line is synthesized or an
   * outline. Only that chain's lines are decoded. NOT_ONE_CHAIN otherwise, or when the chain is
   * an outline call site below an outline frame.
   */
  private int retraceOneChain(int cls, byte[] b, int start, int end, int position,
      int outlinePosition, boolean thrown, ByteSink out) {
    int first = 0;
    while (first < lines && !contains(first, position)) {
      first++;
    }
    if (first == lines) {
      return NOT_ONE_CHAIN;
    }
    int last = chainEnd(first, lines);
    for (int k = last; k < lines; k++) {
      if (contains(k, position)) {
        return NOT_ONE_CHAIN;
      }
    }
    if (!decode(first, last)) {
      return FALLBACK;
    }
    if (outlinePosition != NO_OUTLINE && positionsAt[last - 1] >= 0) {
      return NOT_ONE_CHAIN;
    }
    return writeChain(cls, b, start, end, position, position, thrown, last - 1, first, last, out);
  }

  /**
   * A frame with a line: the line must fall in one overload only (else R8 reports several
   * candidates), in a chain without ambiguous ranges. The first chain of that overload holding
   * the line is the frame's original frames, innermost first.
   */
  private int retraceAt(int cls, byte[] b, int start, int end, int position, int lookup,
      int outlinePosition, boolean thrown, ByteSink out) {
    int first = -1;
    int overload = -1;
    int selections = 0;
    for (int p = 0; p < partitions; p++) {
      for (int k = partitionStart[p]; k < partitionStart[p + 1]; k++) {
        if (contains(k, lookup)) {
          int callsite = chainEnd(k, partitionStart[p + 1]) - 1;
          if (outlinePosition != NO_OUTLINE && positionsAt[callsite] >= 0) {
            // Below an outline frame, a call site's frame is looked up again at the position
            // its outlineCallsite table gives for the outline's.
            int rewritten = callsitePosition(callsite, outlinePosition);
            return retraceAt(cls, b, start, end, position, rewritten, NO_OUTLINE, thrown, out);
          }
          if (selections++ == 0) {
            first = k;
            overload = p;
          }
          break;
        }
      }
    }
    if (selections > 1) {
      return FALLBACK;
    }
    if (first < 0) {
      // No chain holds the position: R8 takes the lines without a minified range instead, as
      // one candidate when there is a single one.
      int noRange = -1;
      for (int k = 0; k < lines; k++) {
        if (minifiedStart[k] == NONE) {
          if (noRange >= 0 || outlinePosition != NO_OUTLINE) {
            return FALLBACK;
          }
          noRange = k;
        }
      }
      if (noRange >= 0) {
        int p = 0;
        while (partitionStart[p + 1] <= noRange) {
          p++;
        }
        return writeChain(cls, b, start, end, position, lookup, thrown, partitionStart[p + 1] - 1,
            noRange, noRange + 1, out);
      }
      // No line of the method holds the position: R8 leaves the method as it is.
      setHolder(originalName(cls));
      writeFrame(b, start, end, -1, true, position, out);
      return UNMAPPED;
    }
    int last = chainEnd(first, partitionStart[overload + 1]);
    return writeChain(cls, b, start, end, position, lookup, thrown,
        partitionStart[overload + 1] - 1, first, last, out);
  }

  /**
   * A frame without a line (or with line 0), of a method without overloads: R8 takes the chain
   * holding line 0, else the first line without a minified range, else the method itself
   * without ranges.
   */
  private int retraceWithoutLine(int cls, byte[] b, int start, int end, int position,
      boolean belowOutline, boolean thrown, ByteSink out) {
    if (partitions != 1) {
      return overloads(cls, b, start, end, position, belowOutline, thrown, out);
    }
    // Below an outline frame, a line found here could be a call site to look up again.
    for (int k = 0; k < lines; k++) {
      if (belowOutline && (contains(k, 0) || minifiedStart[k] == NONE)) {
        return FALLBACK;
      }
    }
    for (int k = 0; k < lines; k++) {
      if (contains(k, 0)) {
        int last = k + 1;
        while (last < lines && minifiedStart[last] == minifiedStart[k]
            && minifiedEnd[last] == minifiedEnd[k]) {
          last++;
        }
        return writeChain(cls, b, start, end, position, position, thrown, lines - 1, k, last,
            out);
      }
    }
    for (int k = 0; k < lines; k++) {
      if (minifiedStart[k] == NONE) {
        return writeChain(cls, b, start, end, position, position, thrown, lines - 1, k, k + 1,
            out);
      }
    }
    int outer = lines - 1;
    if (!marked(outer, MEMBER_SYNTHESIZED | MEMBER_OUTLINE)) {
      int kept = kept(outer);
      setHolder(kept, cls);
      writeFrame(b, start, end, originalName[kept], true, position, out);
    }
    if (marked(outer, MEMBER_OUTLINE)) {
      handedOutline = position;
      return OUTLINE;
    }
    return RETRACED;
  }

  /** The line R8 keeps for the member of line {@code outer}: the first that ends a chain. */
  private int kept(int outer) {
    for (int k = 0; k < lines; k++) {
      boolean continued = k + 1 < lines && minifiedStart[k] != NONE && sameRange(k, k + 1)
          && (lineFlags[k + 1] & MEMBER_ORIGINAL_SINGLE) != 0;
      if (!continued && sameMember(k, outer)) {
        return k;
      }
    }
    return outer;
  }

  /** Overloads beyond this go the general way. */
  private static final int MAX_OVERLOADS = 256;
  private final ByteSink candidates = new ByteSink(1 << 10);
  private final int[] candidateLine = new int[MAX_OVERLOADS + 1];
  private final int[] candidateFile = new int[2 * MAX_OVERLOADS];
  private final int[] candidateKept = new int[MAX_OVERLOADS];
  private final int[] candidateLineNumber = new int[MAX_OVERLOADS];
  private final int[] selected = new int[MAX_OVERLOADS];
  private final byte[][] candidateHolder = new byte[MAX_OVERLOADS][];
  private final int[] candidateHolderSpan = new int[2 * MAX_OVERLOADS];
  private final int[] order = new int[MAX_OVERLOADS];

  /**
   * A frame without a line of a method with several overloads, none holding line 0 or lacking a
   * minified range: R8 reports every overload as a candidate, one line each, without duplicates
   * (the same class, file and method name), sorted, and all but the first marked {@code <OR>}.
   * The names must be ASCII, where R8's string order is the byte order.
   */
  private int overloads(int cls, byte[] b, int start, int end, int position,
      boolean belowOutline, boolean thrown, ByteSink out) {
    if (partitions > MAX_OVERLOADS) {
      return FALLBACK;
    }
    // R8 looks each overload up at line 0: the chain holding it, else the overload's first line
    // without a minified range.
    int selecting = 0;
    int only = -1;
    for (int p = 0; p < partitions; p++) {
      selected[p] = -1;
      for (int k = partitionStart[p]; k < partitionStart[p + 1] && selected[p] < 0; k++) {
        if (contains(k, 0)) {
          selected[p] = k;
        }
      }
      for (int k = partitionStart[p]; k < partitionStart[p + 1] && selected[p] < 0; k++) {
        if (minifiedStart[k] == NONE) {
          selected[p] = k;
        }
      }
      if (selected[p] >= 0) {
        selecting++;
        only = p;
      }
    }
    if (selecting > 0 && belowOutline) {
      return FALLBACK;
    }
    if (selecting == 1) {
      int k = selected[only];
      int last = k + 1;
      while (minifiedStart[k] != NONE && last < partitionStart[only + 1] && sameRange(k, last)) {
        last++;
      }
      return writeChain(cls, b, start, end, position, position, thrown,
          partitionStart[only + 1] - 1, k, last, out);
    }
    candidates.clear();
    int n = 0;
    for (int p = 0; p < partitions; p++) {
      int outer = partitionStart[p + 1] - 1;
      int kept;
      int line;
      if (selecting == 0) {
        // None: every overload is a candidate, the member R8 keeps for it, without ranges.
        kept = kept(outer);
        line = NONE;
      } else {
        kept = selected[p];
        if (kept < 0) {
          continue;
        }
        boolean oneLine = minifiedStart[kept] == NONE || kept + 1 == partitionStart[p + 1]
            || !sameRange(kept, kept + 1);
        if (!oneLine || isAmbiguous(kept) || (thrown && ruleCount[kept] > 0)) {
          return FALLBACK;
        }
        line = ambiguousLine(kept, position);
      }
      if (marked(outer, MEMBER_OUTLINE)) {
        return FALLBACK;
      }
      if (marked(outer, MEMBER_SYNTHESIZED | MEMBER_OUTLINE)) {
        continue; // the candidate's one frame is its outermost, which R8 drops
      }
      line = line != NONE ? line : position;
      setHolder(kept, cls);
      if (!isAscii(holder, holderStart, holderEnd) || !isAscii(originalName[kept])
          || !isAscii(type[kept]) || !isAscii(arguments[kept])) {
        return FALLBACK;
      }
      int lineStartAt = candidates.size();
      // With several candidates R8 prints a line only when the frame had one.
      writeFrame(b, start, end, originalName[kept], true, position == NONE ? NONE : line,
          candidates);
      int fileAt = fileWritten;
      int fileEndAt = fileWrittenEnd;
      if (!isAscii(candidates.bytes(), fileAt, fileEndAt)) {
        return FALLBACK;
      }
      boolean duplicate = false;
      for (int c = 0; c < n && !duplicate; c++) {
        duplicate = equal(holder, holderStart, holderEnd, candidateHolder[c],
            candidateHolderSpan[2 * c], candidateHolderSpan[2 * c + 1])
            && originalName[candidateKept[c]] == originalName[kept]
            && equal(candidates.bytes(), fileAt, fileEndAt, candidates.bytes(),
                candidateFile[2 * c], candidateFile[2 * c + 1]);
      }
      if (duplicate) {
        candidates.truncate(lineStartAt);
        continue;
      }
      candidateLine[n] = lineStartAt;
      candidateFile[2 * n] = fileAt;
      candidateFile[2 * n + 1] = fileEndAt;
      candidateKept[n] = kept;
      candidateLineNumber[n] = line;
      candidateHolder[n] = holder;
      candidateHolderSpan[2 * n] = holderStart;
      candidateHolderSpan[2 * n + 1] = holderEnd;
      order[n] = n;
      n++;
      candidateLine[n] = candidates.size();
    }
    // Insertion sort: stable, as R8's sort is, and the lists are short.
    for (int i = 1; i < n; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && compareCandidates(order[j], x) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    byte[] text = candidates.bytes();
    for (int i = 0; i < n; i++) {
      int c = order[i];
      int from = candidateLine[c];
      int to = candidateLine[c + 1] - 1; // without its line break
      boolean printed = false;
      for (int j = 0; j < i && !printed; j++) {
        // R8 prints a line once, even when two candidates read the same.
        printed = equal(text, from, to, text, candidateLine[order[j]],
            candidateLine[order[j] + 1] - 1);
      }
      if (printed) {
        continue;
      }
      if (i > 0) {
        int at = indexOfAt(text, from, to);
        out.write(text, from, at);
        out.write(OR, 0, OR.length);
        out.write(text, at, to + 1);
      } else {
        out.write(text, from, to + 1);
      }
    }
    return RETRACED;
  }

  private static final byte[] OR = {'<', 'O', 'R', '>', ' '};

  /** Where R8 inserts {@code <OR> }: before the first {@code "at "}, else after the indent. */
  private static int indexOfAt(byte[] t, int from, int to) {
    for (int i = from; i + 2 < to; i++) {
      if (t[i] == 'a' && t[i + 1] == 't' && t[i + 2] == ' ') {
        return i;
      }
    }
    int i = from;
    while (i < to && (isSpace(t[i]) || t[i] >= 0x1C && t[i] <= 0x1F)) {
      i++;
    }
    return i;
  }

  /** R8's candidate order: class, method name, return type, parameters, file, then line. */
  private int compareCandidates(int x, int y) {
    int c = compareBytes(candidateHolder[x], candidateHolderSpan[2 * x],
        candidateHolderSpan[2 * x + 1], candidateHolder[y], candidateHolderSpan[2 * y],
        candidateHolderSpan[2 * y + 1]);
    int kx = candidateKept[x];
    int ky = candidateKept[y];
    if (c == 0) {
      c = compareStrings(originalName[kx], originalName[ky]);
    }
    if (c == 0) {
      c = compareStrings(type[kx], type[ky]);
    }
    if (c == 0) {
      c = compareArguments(arguments[kx], arguments[ky]);
    }
    if (c == 0) {
      byte[] t = candidates.bytes();
      c = compareBytes(t, candidateFile[2 * x], candidateFile[2 * x + 1], t,
          candidateFile[2 * y], candidateFile[2 * y + 1]);
    }
    if (c == 0) {
      c = Boolean.compare(candidateLineNumber[x] != NONE, candidateLineNumber[y] != NONE);
    }
    if (c == 0) {
      c = Integer.compare(candidateLineNumber[x], candidateLineNumber[y]);
    }
    return c;
  }

  private int compareStrings(long x, long y) {
    return compareBytes(strings, stringStart(x), ends[(int) x], strings, stringStart(y),
        ends[(int) y]);
  }

  /**
   * R8 orders parameter lists by their number of parameters (as {@code split(",")} counts them,
   * trailing empty ones dropped), then parameter by parameter.
   */
  private int compareArguments(long x, long y) {
    int xs = stringStart(x);
    int xe = trimTrailingCommas(xs, ends[(int) x]);
    int ys = stringStart(y);
    int ye = trimTrailingCommas(ys, ends[(int) y]);
    int c = Integer.compare(count(xs, xe), count(ys, ye));
    while (c == 0 && xs < xe) {
      int xc = next(xs, xe);
      int yc = next(ys, ye);
      c = compareBytes(strings, xs, xc, strings, ys, yc);
      xs = xc + 1;
      ys = yc + 1;
    }
    return c;
  }

  private int trimTrailingCommas(int from, int to) {
    while (to > from && strings[to - 1] == ',') {
      to--;
    }
    return to;
  }

  private int count(int from, int to) {
    if (from == to) {
      return 0;
    }
    int n = 1;
    for (int i = from; i < to; i++) {
      if (strings[i] == ',') {
        n++;
      }
    }
    return n;
  }

  private int next(int from, int to) {
    int i = from;
    while (i < to && strings[i] != ',') {
      i++;
    }
    return i;
  }

  private static int compareBytes(byte[] a, int af, int at, byte[] b, int bf, int bt) {
    int n = Math.min(at - af, bt - bf);
    for (int i = 0; i < n; i++) {
      int c = (a[af + i] & 0xFF) - (b[bf + i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return (at - af) - (bt - bf);
  }

  private static boolean equal(byte[] a, int af, int at, byte[] b, int bf, int bt) {
    return compareBytes(a, af, at, b, bf, bt) == 0;
  }

  private boolean isAscii(long index) {
    return isAscii(strings, stringStart(index), ends[(int) index]);
  }

  private static boolean isAscii(byte[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (t[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the original frames of chain {@code [first, last)} of overload {@code overload}: the
   * outermost is left out when the member is synthesized, and an outline, a range with several
   * original lines or a rewrite rule that may apply go the general way.
   */
  private int writeChain(int cls, byte[] b, int start, int end, int position, int lookup,
      boolean thrown, int outer, int first, int last, ByteSink out) {
    // The innermost frames that rewrite rules matching the thrown exception remove.
    int remove = 0;
    for (int k = first; k < last; k++) {
      if (isAmbiguous(k)) {
        return FALLBACK;
      }
      if (thrown && ruleCount[k] > 0) {
        int removed = removedFrames(k);
        if (removed == FAILED) {
          return FALLBACK;
        }
        remove += removed;
      }
    }
    if (remove > last - first) {
      // R8 ignores rules that would remove more frames than there are.
      remove = 0;
    }
    if (marked(outer, MEMBER_SYNTHESIZED | MEMBER_OUTLINE)) {
      last--;
    }
    for (int k = first + Math.max(remove, 0); k < last; k++) {
      int line = frameLine(k, lookup);
      setHolder(k, cls);
      writeFrame(b, start, end, originalName[k], true, line == NONE ? position : line, out);
    }
    if (marked(outer, MEMBER_OUTLINE)) {
      // An outline's frame vanishes; the frame below it is its call site.
      handedOutline = lookup;
      return OUTLINE;
    }
    return RETRACED;
  }

  /** The position the last outline frame hands on. */
  private int handedOutline;
  /** The thrown class the last frame was given, and its descriptor, made when a rule needs it. */
  private String thrown;
  private byte[] thrownDescriptor;
  private static final int FAILED = Integer.MIN_VALUE;

  /**
   * The frames the rewrite rules of line {@code k} remove for the thrown class: the sum over the
   * rules whose every condition names it; FAILED when the rules cannot be read here.
   */
  private int removedFrames(int k) {
    if (thrownDescriptor == null) {
      if (!isAscii(thrown)) {
        return FAILED;
      }
      byte[] d = new byte[thrown.length() + 2];
      d[0] = 'L';
      for (int i = 0; i < thrown.length(); i++) {
        char c = thrown.charAt(i);
        d[i + 1] = (byte) (c == '.' ? '/' : c);
      }
      d[d.length - 1] = ';';
      thrownDescriptor = d;
    }
    pos = rulesAt[k];
    int removed = 0;
    for (int r = 0; r < ruleCount[k]; r++) {
      long descriptors = varint();
      if (pos < 0 || descriptors > recordLength) {
        return FAILED;
      }
      boolean matches = true;
      for (long i = 0; i < descriptors; i++) {
        long index = varint();
        if (pos < 0) {
          return FAILED;
        }
        matches &= compare(index, thrownDescriptor, 0, thrownDescriptor.length) == 0;
      }
      long frames = varint();
      if (pos < 0 || frames > 0xFFFF_FFFFL) {
        return FAILED;
      }
      if (matches) {
        removed += (int) frames - 1;
      }
    }
    return removed;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The position an outline frame just retraced hands to the next line. */
  int outlinePosition() {
    return handedOutline;
  }

  /** The end of the chain of line {@code k} (its lines with its minified range) before {@code to}. */
  private int chainEnd(int k, int to) {
    int last = k + 1;
    while (minifiedStart[k] != NONE && last < to && sameRange(k, last)) {
      last++;
    }
    return last;
  }

  /**
   * The position call site line {@code k} gives for an outline frame at {@code outline}: its
   * outlineCallsite table read from the record, or {@code outline} itself when the table has no
   * entry for it.
   */
  private int callsitePosition(int k, int outline) {
    pos = positionsAt[k];
    for (int i = 0; i + 1 < positionsCount[k]; i += 2) {
      int from = (int) varint() - 1;
      int to = (int) varint() - 1;
      if (from == outline) {
        return to;
      }
    }
    return outline;
  }

  /** The line of range {@code k} at {@code position} among several candidates; see FrameLookup. */
  private int ambiguousLine(int k, int position) {
    int given = singleOriginalLine(k);
    if (position < 0 || !contains(k, position)) {
      return given;
    }
    return given != NONE ? given : originalLine(k, position);
  }

  /** The original line of range {@code k} at obfuscated {@code position}; see FrameLookup. */
  private int frameLine(int k, int position) {
    int given = singleOriginalLine(k);
    if (minifiedStart[k] == NONE || position < 0) {
      if (given != NONE) {
        return given;
      }
      int firstLine = originalStart[k] != NONE ? originalStart[k]
          : minifiedStart[k] != NONE ? minifiedStart[k] : 0;
      return firstLine > 0 ? firstLine : NONE;
    }
    if (!contains(k, position)) {
      return given;
    }
    return given != NONE ? given : originalLine(k, position);
  }

  /**
   * Splits the method's lines into overloads as FrameLookup.partition does: inline chains are
   * grouped while their outermost lines have the same original signature.
   */
  private void partition() {
    if (partitionStart.length < lines + 1) {
      partitionStart = new int[lines + 1];
    }
    partitions = 1;
    partitionStart[0] = 0;
    int chainEnd = chainEnd(0);
    if (lines > 1 && !sameSignature(chainEnd - 1, lines - 1)) {
      for (int k = chainEnd; k < lines; ) {
        int next = chainEnd(k);
        if (!sameSignature(k - 1, next - 1)) {
          partitionStart[partitions++] = k;
        }
        k = next;
      }
    }
    partitionStart[partitions] = lines;
  }

  /** The end of the inline chain starting at line {@code k}. */
  private int chainEnd(int k) {
    while (k + 1 < lines && minifiedStart[k] != NONE && sameRange(k, k + 1)) {
      k++;
    }
    return k + 1;
  }

  private boolean sameRange(int j, int k) {
    return minifiedStart[j] == minifiedStart[k] && minifiedEnd[j] == minifiedEnd[k];
  }

  /**
   * Same original name, class and types. Strings are stored once each, so equal indices are
   * equal strings.
   */
  private boolean sameSignature(int j, int k) {
    return originalName[j] == originalName[k] && originalClass[j] == originalClass[k]
        && sameMember(j, k);
  }

  /** Same types: lines of one method name that R8 counts as one member. */
  private boolean sameMember(int j, int k) {
    return type[j] == type[k] && arguments[j] == arguments[k];
  }

  /** Whether a line of the same member as line {@code k} carries one of {@code flags}. */
  private boolean marked(int k, int flags) {
    if ((anyFlags & flags) == 0) {
      return false;
    }
    for (int j = 0; j < lines; j++) {
      if ((lineFlags[j] & flags) != 0 && sameMember(j, k)) {
        return true;
      }
    }
    return false;
  }

  private boolean contains(int k, int position) {
    return minifiedStart[k] != NONE && minifiedStart[k] <= position
        && position <= minifiedEnd[k];
  }

  /** Several original lines for one obfuscated line; see MemberMapping. */
  private boolean isAmbiguous(int k) {
    if (originalStart[k] == NONE || originalStart[k] == originalEnd[k]) {
      return false;
    }
    return minifiedStart[k] == NONE
        || minifiedEnd[k] - minifiedStart[k] != originalEnd[k] - originalStart[k];
  }

  /** The line R8 fixes for a range whose original range is one line, else NONE. */
  private int singleOriginalLine(int k) {
    return originalStart[k] != NONE && originalStart[k] == originalEnd[k] ? originalStart[k]
        : NONE;
  }

  /** The original line of obfuscated {@code line}; see MemberMapping.originalLine. */
  private int originalLine(int k, int line) {
    if (minifiedStart[k] == NONE || originalStart[k] == NONE) {
      return line;
    }
    if (originalStart[k] == originalEnd[k]) {
      return originalStart[k];
    }
    return originalStart[k] + line - minifiedStart[k];
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the cache

  /**
   * Reads the method lines of class {@code cls} named like the frame's method into the line
   * arrays; false when the record is odd or the lines are too many or too long to read here.
   */
  private boolean readMethods(int cls, byte[] b) {
    long start = recordOffset(cls);
    long end = cls + 1 < classCount ? recordOffset(cls + 1) : recordsLength;
    if (start < 0 || start > end || end > recordsLength) {
      return false;
    }
    long length = end - start;
    if (length < 4 || length > MAX_RECORD) {
      return false;
    }
    recordStart = start + recordsOffset;
    recordLength = (int) length;
    if (record.length < recordLength) {
      record = new byte[Math.max(recordLength, 2 * record.length)];
    }
    // A small record in one copy (each copy out of the mapping costs a call into the JDK); of a
    // larger one, the name table first, then only the part of the members the lines with the
    // name are in.
    boolean whole = recordLength <= WHOLE_RECORD;
    if (whole) {
      data.copyTo(recordStart, record, 0, recordLength);
    }
    long count = whole ? u32(0) : data.u32le(recordStart);
    if (count > (length - 4) / (MEMBER_ENTRY_SIZE + MIN_MEMBER_SIZE)) {
      return false;
    }
    int n = (int) count;
    if (!whole) {
      data.copyTo(recordStart + 4, record, 4, MEMBER_ENTRY_SIZE * n);
    }
    int methodKey = ProguardCacheFormat.nameKey(b, methodStart, methodEnd);
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareMember(4 + MEMBER_ENTRY_SIZE * mid, methodKey, b) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    lines = 0;
    anyFlags = 0;
    if (lo == n || compareMember(4 + MEMBER_ENTRY_SIZE * lo, methodKey, b) != 0) {
      return true;
    }
    // Each string is stored once: the lines named alike share the index.
    long name = u32(4 + MEMBER_ENTRY_SIZE * lo);
    int membersStart = 4 + MEMBER_ENTRY_SIZE * n;
    int hiName = lo;
    long first = Long.MAX_VALUE;
    long last = -1;
    while (hiName < n && u32(4 + MEMBER_ENTRY_SIZE * hiName) == name) {
      long offset = u32(4 + MEMBER_ENTRY_SIZE * hiName + OFF_MEMBER_OFFSET);
      if (offset < membersStart || offset >= recordLength) {
        return false;
      }
      first = Math.min(first, offset);
      last = Math.max(last, offset);
      hiName++;
    }
    readableStart = (int) first;
    if (whole) {
      readableEnd = recordLength;
    } else {
      readableEnd = (int) Math.min(recordLength, last + LINE_WINDOW);
      data.copyTo(recordStart + readableStart, record, readableStart, readableEnd - readableStart);
    }
    for (int k = lo; k < hiName; k++) {
      int offset = (int) u32(4 + MEMBER_ENTRY_SIZE * k + OFF_MEMBER_OFFSET);
      if (!readLine(offset)) {
        if (readableEnd == recordLength) {
          return false;
        }
        // A line longer than the window: read the rest of the record.
        data.copyTo(recordStart + readableEnd, record, readableEnd, recordLength - readableEnd);
        readableEnd = recordLength;
        if (!readLine(offset)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Compares the name of the member-name table entry at {@code at} in the record with the
   * frame's method, whose {@link ProguardCacheFormat#nameKey} is {@code methodKey}: by the keys
   * where they decide, else by the strings.
   */
  private int compareMember(int at, int methodKey, byte[] b) {
    int c = ProguardCacheFormat.compareNameKeys((int) u32(at + OFF_MEMBER_KEY), methodKey);
    return c != KEYS_UNDECIDED ? c : compare(u32(at), b, methodStart, methodEnd);
  }

  /** u32 per class-table entry. */
  private static final int ENTRY_INTS = ProguardCacheFormat.CLASS_ENTRY_SIZE / 4;

  /**
   * The first class whose obfuscated name ({@code original} false) or original name is
   * {@code key[from, to)}, or -1; as ProguardCache finds it.
   */
  private int findClass(byte[] key, int from, int to, boolean original) {
    return findClass(key, from, to, original, -1);
  }

  /**
   * {@link #findClass(byte[], int, int, boolean)} for a key that is string {@code keyIndex} of
   * the cache (-1 for none): a class whose name is that very string matches without comparing.
   */
  private int findClass(byte[] key, int from, int to, boolean original, long keyIndex) {
    int[] index = original ? byOriginal : byObfuscated;
    int slots = index.length / 2;
    if (slots == 0) {
      return -1;
    }
    int hash = ProguardCacheFormat.hash(key, from, to);
    int mask = slots - 1;
    int i = hash & mask;
    for (int probes = 0; probes < slots; probes++, i = (i + 1) & mask) {
      long classPlusOne = index[2 * i] & 0xFFFF_FFFFL;
      if (classPlusOne == 0) {
        return -1;
      }
      if (index[2 * i + 1] != hash) {
        continue;
      }
      if (classPlusOne > classCount) {
        throw new ParseException(0, "class index " + (classPlusOne - 1) + " out of range ("
            + classCount + " classes)");
      }
      int cls = (int) classPlusOne - 1;
      long name = classes[ENTRY_INTS * cls + (original ? 1 : 0)] & 0xFFFF_FFFFL;
      if (name == keyIndex || compare(name, key, from, to) == 0) {
        return cls;
      }
    }
    return -1;
  }

  private long originalName(int cls) {
    return classes[ENTRY_INTS * cls + 1] & 0xFFFF_FFFFL;
  }

  /** Where class {@code cls}'s record starts within the records (unchecked). */
  private long recordOffset(int cls) {
    return (classes[ENTRY_INTS * cls + 4] & 0xFFFF_FFFFL)
        | (long) classes[ENTRY_INTS * cls + 5] << 32;
  }

  /** The little-endian u32 at {@code at} in the record. */
  private long u32(int at) {
    return (record[at] & 0xFF | (record[at + 1] & 0xFF) << 8 | (record[at + 2] & 0xFF) << 16
        | (long) (record[at + 3] & 0xFF) << 24);
  }

  private int pos;

  /**
   * Reads the start of the member line at {@code at} in the record, keeping it when it is a
   * method: its flags and minified range, which is what most frames need of most lines. The rest
   * is decoded by {@link #decode} for the lines that are printed or compared.
   */
  private boolean readLine(int at) {
    pos = at;
    int flags = record[pos++] & 0xFF;
    if ((flags & ~MEMBER_FLAGS) != 0) {
      return false;
    }
    if ((flags & MEMBER_METHOD) == 0) {
      return true;
    }
    // Skips the type, original class, original name, arguments and obfuscated name: five
    // varints, each ending in a byte below 0x80.
    int p = pos;
    for (int skipped = 0; skipped < 5; p++) {
      if (p >= readableEnd) {
        return false;
      }
      if (record[p] >= 0) {
        skipped++;
      }
    }
    pos = p;
    long minStart = varint();
    long minEnd = varint();
    if (pos < 0 || (minStart | minEnd) > 0xFFFF_FFFFL) {
      return false;
    }
    if (lines == lineFlags.length) {
      // At most one line per member of the record: bounded by the record's bytes.
      int capacity = 2 * lines;
      lineFlags = Arrays.copyOf(lineFlags, capacity);
      lineAt = Arrays.copyOf(lineAt, capacity);
      decoded = Arrays.copyOf(decoded, capacity);
      originalClass = Arrays.copyOf(originalClass, capacity);
      originalName = Arrays.copyOf(originalName, capacity);
      minifiedStart = Arrays.copyOf(minifiedStart, capacity);
      minifiedEnd = Arrays.copyOf(minifiedEnd, capacity);
      originalStart = Arrays.copyOf(originalStart, capacity);
      originalEnd = Arrays.copyOf(originalEnd, capacity);
      ruleCount = Arrays.copyOf(ruleCount, capacity);
      type = Arrays.copyOf(type, capacity);
      arguments = Arrays.copyOf(arguments, capacity);
      positionsAt = Arrays.copyOf(positionsAt, capacity);
      positionsCount = Arrays.copyOf(positionsCount, capacity);
      rulesAt = Arrays.copyOf(rulesAt, capacity);
    }
    int k = lines++;
    lineFlags[k] = flags;
    anyFlags |= flags;
    lineAt[k] = at;
    decoded[k] = false;
    minifiedStart[k] = (int) minStart - 1;
    minifiedEnd[k] = (int) minEnd - 1;
    return true;
  }

  /** Decodes lines {@code [from, to)} whole; false when one cannot be read here. */
  private boolean decode(int from, int to) {
    for (int k = from; k < to; k++) {
      if (!decoded[k] && !decodeLine(k)) {
        if (readableEnd == recordLength) {
          return false;
        }
        // A line longer than the window: read the rest of the record.
        data.copyTo(recordStart + readableEnd, record, readableEnd, recordLength - readableEnd);
        readableEnd = recordLength;
        if (!decodeLine(k)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean decodeLine(int k) {
    pos = lineAt[k] + 1;
    long typeIndex = varint();
    long ownerClass = varint();
    long name = varint();
    long argumentsIndex = varint();
    for (int i = 0; i < 3; i++) {
      varint(); // obfuscated name, minified start and end (read before)
    }
    long origStart = varint();
    long origEnd = varint();
    varint(); // residual signature
    varint(); // outline target
    long positions = varint();
    int positionsStart = pos;
    for (long p = 1; p < positions && pos >= 0; p++) {
      if (varint() > 0xFFFF_FFFFL) {
        return false;
      }
    }
    long rules = varint();
    if (pos < 0 || (origStart | origEnd) > 0xFFFF_FFFFL) {
      return false;
    }
    type[k] = typeIndex;
    originalClass[k] = ownerClass;
    originalName[k] = name;
    arguments[k] = argumentsIndex;
    originalStart[k] = (int) origStart - 1;
    originalEnd[k] = (int) origEnd - 1;
    ruleCount[k] = (int) Math.min(rules, Integer.MAX_VALUE);
    positionsAt[k] = positions == 0 ? -1 : positionsStart;
    positionsCount[k] = (int) Math.max(positions - 1, 0);
    rulesAt[k] = pos;
    decoded[k] = true;
    return true;
  }

  /** A ULEB128 value from the record; past its end (or too long) it sets pos to -1. */
  private long varint() {
    // Most values (string indices, line numbers) take one to three bytes: few bytecodes for
    // them, as the first frames run interpreted.
    int p = pos;
    if (p >= readableStart && p <= readableEnd - MAX_VARINT_BYTES) {
      int b = record[p];
      if (b >= 0) {
        pos = p + 1;
        return b;
      }
      int value = b & 0x7F;
      b = record[p + 1];
      if (b >= 0) {
        pos = p + 2;
        return value | b << 7;
      }
      value |= (b & 0x7F) << 7;
      b = record[p + 2];
      if (b >= 0) {
        pos = p + 3;
        return value | b << 14;
      }
    }
    long value = 0;
    for (int k = 0; k < MAX_VARINT_BYTES; k++) {
      if (pos < readableStart || pos >= readableEnd) {
        pos = -1;
        return 0;
      }
      int b = record[pos++];
      value |= (long) (b & 0x7F) << (7 * k);
      if (b >= 0) {
        return value;
      }
    }
    pos = -1;
    return 0;
  }

  // ---------------------------------------------------------------------------------------------
  // The frame

  /**
   * Finds the spans of a plain frame, as StackTraceLine's parsePlainFrame does for text: white
   * space, {@code at}, white space, {@code class.method}, optional white space and {@code (…)},
   * then nothing but spaces. Only for ASCII lines, where bytes are chars.
   */
  private boolean parse(byte[] b, int start, int n) {
    for (int i = start; i < n; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    int i = start;
    while (i < n && isSpace(b[i])) {
      i++;
    }
    if (i + 2 >= n || b[i] != 'a' || b[i + 1] != 't' || !isSpace(b[i + 2])) {
      return false;
    }
    i += 2;
    while (i < n && isSpace(b[i])) {
      i++;
    }
    int runStart = i;
    // ASCII (checked above): the character class straight from the table.
    while (i < n && (CHARS[b[i]] & IDENTIFIER) != 0) {
      i++;
    }
    int runEnd = i;
    int nameEnd = constructorEnd(b, i, n);
    if (nameEnd > 0) {
      // The run ends in the dot before a constructor name.
      if (runEnd - runStart < 2 || b[runEnd - 1] != '.') {
        return false;
      }
      classEnd = runEnd - 1;
      methodStart = runEnd;
      methodEnd = nameEnd;
    } else {
      // The longest class: the last dot followed by a method name not starting with a digit.
      classEnd = -1;
      for (int d = runEnd - 2; d > runStart; d--) {
        if (b[d] == '.' && !isDigit(b[d + 1])) {
          classEnd = d;
          break;
        }
      }
      if (classEnd < 0) {
        return false;
      }
      methodStart = classEnd + 1;
      methodEnd = runEnd;
    }
    if (isDigit(b[runStart])) {
      return false;
    }
    i = methodEnd;
    while (i < n && isSpace(b[i])) {
      i++;
    }
    if (i >= n || b[i] != '(') {
      return false;
    }
    int open = i;
    int close = n - 1;
    while (close > open && b[close] == ' ') {
      close--;
    }
    if (close <= open || b[close] != ')') {
      return false;
    }
    classStart = runStart;
    for (int k = classEnd - 1; k >= start; k--) {
      if (b[k] == '/') {
        classStart = Math.max(k + 1, runStart);
        break;
      }
    }
    // Trailing digits after a colon are the line, its span keeping the colon.
    fileStart = open + 1;
    fileEnd = close;
    for (int k = close; k > open + 1; k--) {
      byte c = b[k - 1];
      if (c == ':' && k < close) {
        fileEnd = k - 1;
        break;
      }
      if (!isDigit(c)) {
        break;
      }
    }
    lineStart = fileEnd;
    lineEnd = close;
    return true;
  }

  /**
   * Whether R8's expression cannot match the ASCII line, which is then copied: without a
   * parenthesis there is no frame, and without a colon or quote an exception class would have to
   * start the line, which starts with white space, a digit or a character no name has (as
   * {@code \t... 3 more} and empty lines do).
   */
  private static boolean isPlainText(byte[] b, int start, int end) {
    if (start < end && isIdentifierPart(b[start]) && !isDigit(b[start])) {
      return false;
    }
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c == ':' || c == '"' || c == '(' || c < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Finds the class of an exception line in the two shapes nearly all have, where R8's
   * expression is known to pick the class found here (see the comments): {@code Class} or
   * {@code Class: message} at the start of the line, and {@code Prefix: Class} or
   * {@code Prefix: Class: message} where the prefix (such as {@code Caused by} or
   * {@code \tSuppressed}) has white space in it. The message has no colon, and the line no
   * quote, parenthesis or closing bracket. Only for ASCII lines; {@link #parse} must have failed
   * on the line.
   */
  private boolean parseException(byte[] b, int start, int end) {
    int firstColon = -1;
    boolean space = false;
    for (int i = start; i < end; i++) {
      byte c = b[i];
      if (c == '"' || c == '(' || c == ']' || c < 0) {
        return false;
      }
      if (c == ':' && firstColon < 0) {
        firstColon = i;
      }
      if (isSpace(c) && firstColon < 0) {
        space = true;
      }
    }
    int id;
    if (!space) {
      // "Class[: message]": whether or not R8's prefix alternative matches (it does when the
      // message is one word), the class is the identifier at the start.
      id = start;
    } else {
      // "Prefix: Class[: message]": the prefix is not an identifier (it has white space), so the
      // expression's ".*" alternative takes the last colon followed by white space and an
      // identifier that ends the line or is followed by a colon; with one more colon at most,
      // that is the first one unless the message is a lone word (left to the expression).
      if (firstColon < 0 || firstColon + 1 >= end || !isSpace(b[firstColon + 1])) {
        return false;
      }
      id = firstColon + 1;
      while (id < end && isSpace(b[id])) {
        id++;
      }
    }
    int idEnd = id;
    while (idEnd < end && isIdentifierPart(b[idEnd])) {
      idEnd++;
    }
    if (idEnd == id || isDigit(b[id]) || matches(b, id, idEnd, SUPPRESSED) && idEnd - id == 10) {
      return false;
    }
    if (idEnd < end) {
      if (b[idEnd] != ':') {
        return false;
      }
      int message = idEnd + 1;
      for (int i = message; i < end; i++) {
        if (b[i] == ':') {
          return false;
        }
      }
      if (space && isLoneWord(b, message, end)) {
        return false;
      }
    }
    classStart = id;
    for (int k = idEnd - 1; k >= id; k--) {
      if (b[k] == '/') {
        classStart = k + 1;
        break;
      }
    }
    classEnd = idEnd;
    return true;
  }

  private static final byte[] SUPPRESSED = {
    'S', 'u', 'p', 'p', 'r', 'e', 's', 's', 'e', 'd'
  };

  /** Whether {@code b[from, to)} is white space and then an identifier up to the end. */
  private static boolean isLoneWord(byte[] b, int from, int to) {
    int i = from;
    while (i < to && isSpace(b[i])) {
      i++;
    }
    if (i == from || i == to || isDigit(b[i])) {
      return false;
    }
    while (i < to && isIdentifierPart(b[i])) {
      i++;
    }
    return i == to;
  }

  /** Writes the exception line with its class retraced, as R8 does. */
  private int retraceException(byte[] b, int start, int end, ByteSink out) {
    int cls = findClass(b, classStart, classEnd, false);
    out.write(b, start, classStart);
    if (cls < 0) {
      out.write(b, classStart, classEnd);
    } else {
      writeString(originalName(cls), out);
    }
    out.write(b, classEnd, end);
    out.write('\n');
    return THROWN;
  }

  /** The obfuscated class of the exception line just retraced. */
  String thrownClass(byte[] b) {
    return new String(b, classStart, classEnd - classStart, StandardCharsets.ISO_8859_1);
  }

  /** The end of {@code <init>} or {@code <clinit>} at {@code i}, else 0. */
  private static int constructorEnd(byte[] b, int i, int n) {
    if (i < n && b[i] == '<') {
      if (matches(b, i, n, INIT)) {
        return i + INIT.length;
      }
      if (matches(b, i, n, CLINIT)) {
        return i + CLINIT.length;
      }
    }
    return 0;
  }

  private static final byte[] INIT = {'<', 'i', 'n', 'i', 't', '>'};
  private static final byte[] CLINIT = {'<', 'c', 'l', 'i', 'n', 'i', 't', '>'};

  private static boolean matches(byte[] b, int i, int n, byte[] word) {
    return n - i >= word.length && Arrays.equals(b, i, i + word.length, word, 0, word.length);
  }

  /** The frame's line number, or NONE when there is none or it is out of range. */
  private int lineNumber(byte[] b) {
    int from = lineStart < lineEnd && b[lineStart] == ':' ? lineStart + 1 : lineStart;
    if (from == lineEnd || lineEnd - from > 10) {
      return NONE;
    }
    long value = 0;
    for (int i = from; i < lineEnd; i++) {
      value = value * 10 + (b[i] - '0');
    }
    return value > Integer.MAX_VALUE ? NONE : (int) value;
  }

  // The character classes of StackTraceLine, for the bytes of an ASCII line.

  private static boolean isDigit(byte c) {
    return StackTraceLine.isAsciiDigit((char) c);
  }

  private static boolean isSpace(byte c) {
    return c >= 0 && (CHARS[c] & SPACE) != 0;
  }

  private static boolean isIdentifierPart(byte c) {
    return c < 0 || (CHARS[c] & IDENTIFIER) != 0;
  }

  private static final byte SPACE = 1;
  private static final byte IDENTIFIER = 2;
  /**
   * StackTraceLine's classes of the ASCII characters, looked up rather than computed: the code
   * of the first frames runs interpreted, where each call costs.
   */
  private static final byte[] CHARS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      CHARS[c] = (byte) ((StackTraceLine.isSpace(c) ? SPACE : 0)
          | (StackTraceLine.isIdentifierPart(c) ? IDENTIFIER : 0));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  /**
   * Writes the frame with the holder as its class; the method string {@code method} of the cache
   * (or, when it is -1, the frame's own); the file R8 prints for the holder ({@code mapped}:
   * whether the class was found); and {@code line} (NONE keeps the line's text, 0 or less prints
   * none).
   */
  private void writeFrame(
      byte[] b, int start, int end, long method, boolean mapped, int line, ByteSink out) {
    out.write(b, start, classStart);
    out.write(holder, holderStart, holderEnd);
    out.write(b, classEnd, methodStart);
    if (method < 0) {
      out.write(b, methodStart, methodEnd);
    } else {
      writeString(method, out);
    }
    out.write(b, methodEnd, fileStart);
    fileWritten = out.size();
    writeFile(b, mapped, out);
    fileWrittenEnd = out.size();
    out.write(b, fileEnd, lineStart);
    if (line == NONE) {
      out.write(b, lineStart, lineEnd);
    } else if (line > 0) {
      out.write(':');
      out.writeDecimal(line);
    }
    out.write(b, lineEnd, end);
    out.write('\n');
  }

  /** Where the last frame written has its file, in the sink it was written to. */
  private int fileWritten;
  private int fileWrittenEnd;

  private void writeString(long index, ByteSink out) {
    int from = stringStart(index);
    out.write(strings, from, ends[(int) index]);
  }

  /** Where string {@code index} starts in the strings; checks the index and the bounds. */
  private int stringStart(long index) {
    if (index < 0 || index >= ends.length) {
      throw new ParseException(0, "string index " + index + " out of range (" + ends.length
          + " strings)");
    }
    int i = (int) index;
    int start = i == 0 ? 0 : ends[i - 1];
    int end = ends[i];
    if (start < 0 || start > end || end > strings.length || end - start > MAX_STRING_BYTES) {
      throw new ParseException(0, "string " + index + " has bad bounds [" + start + ", " + end
          + ") in string data of " + strings.length + " bytes");
    }
    return start;
  }

  /** Compares string {@code index} with {@code key[from, to)}, unsigned, as the writer sorted. */
  private int compare(long index, byte[] key, int from, int to) {
    int start = stringStart(index);
    int end = ends[(int) index];
    int n = Math.min(end - start, to - from);
    // Names are short: a plain loop beats the vectorized compare while the code runs cold.
    for (int i = 0; i < n; i++) {
      int c = (strings[start + i] & 0xFF) - (key[from + i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(end - start, to - from);
  }

  /** Makes string {@code index} the holder class. */
  private void setHolder(long index) {
    holderIndex = index;
    holder = strings;
    holderStart = stringStart(index);
    holderEnd = ends[(int) index];
  }

  /** The class a line of chain {@code k} belongs to: its own, or else the frame's class. */
  private void setHolder(int k, int cls) {
    long own = originalClass[k];
    boolean unqualified = stringStart(own) == ends[(int) own];
    setHolder(unqualified ? originalName(cls) : own);
  }

  /** The file R8 prints for a frame of the holder class; see SourceFiles. */
  private void writeFile(byte[] b, boolean mapped, ByteSink out) {
    // Most frames keep their class: the writer has marked whether it is the class to look up.
    int known = frameClass >= 0 && holderIndex == originalName(frameClass)
        && (classes[ENTRY_INTS * frameClass + 3] & CLASS_FIRST_ORIGINAL) != 0 ? frameClass
        : findClass(holder, holderStart, holderEnd, true, holderIndex);
    if (known >= 0) {
      long field = classes[ENTRY_INTS * known + 2] & 0xFFFF_FFFFL;
      if (field != 0) {
        writeString(field - 1, out);
        return;
      }
    }
    if (!mapped || Arrays.equals(b, fileStart, fileEnd, NATIVE_METHOD, 0, NATIVE_METHOD.length)) {
      out.write(b, fileStart, fileEnd);
      return;
    }
    // The extension of the file name, after its last slash.
    int nameStart = fileStart;
    for (int i = fileEnd - 1; i >= fileStart; i--) {
      if (b[i] == '/' || b[i] == '\\') {
        nameStart = i + 1;
        break;
      }
    }
    int extension = fileEnd;
    for (int i = fileEnd - 1; i >= nameStart; i--) {
      if (b[i] == '.') {
        extension = i + 1;
        break;
      }
    }
    boolean kt = fileEnd - extension == 2 && b[extension] == 'k' && b[extension + 1] == 't';
    boolean noExtension = extension == fileEnd;
    // The outermost class's simple name.
    int lastDot = holderStart - 1;
    for (int i = holderEnd - 1; i >= holderStart; i--) {
      if (holder[i] == '.') {
        lastDot = i;
        break;
      }
    }
    int simpleEnd = holderEnd;
    for (int i = Math.max(lastDot, holderStart); i < holderEnd; i++) {
      if (holder[i] == '$') {
        simpleEnd = i;
        break;
      }
    }
    int simpleStart = lastDot + 1;
    if (simpleEnd - simpleStart >= 2 && holder[simpleEnd - 2] == 'K' && holder[simpleEnd - 1] == 't'
        && (noExtension || kt)) {
      out.write(holder, simpleStart, simpleEnd - 2);
      out.write('.');
      out.write('k');
      out.write('t');
      return;
    }
    out.write(holder, simpleStart, simpleEnd);
    if (kt) {
      out.write('.');
      out.write('k');
      out.write('t');
    } else {
      out.write('.');
      out.write('j');
      out.write('a');
      out.write('v');
      out.write('a');
    }
  }
}
