package dev.symbolic.sourcemap;

import dev.symbolic.common.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded source map (ECMA-426, version 3): a regular map or an index map with {@code
 * sections}, nested ones included.
 *
 * <p><b>Storage.</b> Segments live in primitive int arrays (generated line and column, source
 * index, original line and column, name index) with a per-line start index; {@link Token} objects
 * are only created when asked for. {@code sourcesContent} strings, the React Native {@code
 * x_facebook_sources} function maps and {@code x_hermes_function_offsets} are kept as byte ranges
 * of the JSON and decoded on demand, so the JSON bytes stay referenced by the map. Instances are
 * immutable and safe to share between threads.
 *
 * <p><b>Positions.</b> Lines and columns are 0-based; columns are UTF-16 code units, as in
 * JavaScript. Segments are ordered by generated line and column; segments at equal positions keep
 * their order in the map.
 *
 * <p><b>Lookups</b> follow {@code @jridgewell/trace-mapping}: the greatest lower bound on the
 * requested line (never an earlier line); if several segments start at the found column the first
 * in map order wins; a found segment without a source (a 1-field segment, explicitly unmapped)
 * gives an empty result.
 *
 * <p><b>Sources.</b> {@link #source(int)} is the literal {@code sources[]} entry ({@code ""} for
 * {@code null}). {@link #resolvedSource(int)}, which is what {@link Token#source()} returns, joins
 * a non-empty {@code sourceRoot} in front of it the way trace-mapping does ({@code sourceRoot +
 * "/" + source}, without doubling a slash that ends {@code sourceRoot}); no further URL
 * normalisation or percent-encoding is applied (trace-mapping and Mozilla additionally resolve
 * {@code ./} and {@code ..} segments, and Mozilla percent-encodes).
 *
 * <p><b>Index maps</b> are flattened when parsed: each section's sources and names are appended
 * (its {@code sourceRoot} applied to its sources, so the flattened map has none), its segments are
 * shifted by the section offset and clipped at the next section's offset. The column offset
 * applies only to the first line of a section. For a nested index map the outer column offset
 * applies only to inner sections starting on the outer section's first line, as in Mozilla's
 * {@code source-map} (trace-mapping shifts all inner sections, which decoding such maps by hand
 * shows to be wrong). Where a section starts in the middle of a line after segments of an earlier
 * section, an unmapped segment is inserted at the section start, so that a lookup inside a
 * section never returns a segment of an earlier section (Mozilla's per-section lookup).
 */
public final class SourceMap {
  private static final String[] NO_STRINGS = new String[0];
  private static final int[] NO_INTS = new int[0];

  private final byte[] json;
  private final String file;
  private final String sourceRoot;
  private final String debugId;
  private final String[] sources;
  private final boolean[] sourceIsNull;
  private final String[] resolvedSources;
  private final int[] contentStart;
  private final int[] contentEnd;
  private final String[] names;
  private final int[] ignoreList;
  private final Vlq.Mappings mappings;
  private final boolean indexMap;
  private final int[] fbStart;
  private final int[] fbEnd;
  private final int hermesStart;
  private final int hermesEnd;

  // Lazily built, immutable once published.
  private volatile int[] reverseOrder;
  private volatile int[] reverseSourceStart;
  private volatile FacebookFunctionMap[] functionMaps;
  private volatile HermesFunctionOffsets hermesOffsets;

  SourceMap(
      byte[] json,
      String file,
      String sourceRoot,
      String debugId,
      String[] sources,
      boolean[] sourceIsNull,
      String[] resolvedSources,
      int[] contentStart,
      int[] contentEnd,
      String[] names,
      int[] ignoreList,
      Vlq.Mappings mappings,
      boolean indexMap,
      int[] fbStart,
      int[] fbEnd,
      int hermesStart,
      int hermesEnd) {
    this.json = json;
    this.file = file;
    this.sourceRoot = sourceRoot;
    this.debugId = debugId;
    this.sources = sources;
    this.sourceIsNull = sourceIsNull;
    this.resolvedSources = resolvedSources;
    this.contentStart = contentStart;
    this.contentEnd = contentEnd;
    this.names = names;
    this.ignoreList = ignoreList;
    this.mappings = mappings;
    this.indexMap = indexMap;
    this.fbStart = fbStart;
    this.fbEnd = fbEnd;
    this.hermesStart = hermesStart;
    this.hermesEnd = hermesEnd;
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  /**
   * Parses a source map (regular or index map) from UTF-8 JSON. A leading byte order mark and the
   * {@code )]}'} XSSI prefix are skipped.
   *
   * @param json the JSON bytes
   * @return the map
   * @throws SourceMapException if the JSON or the map is malformed
   */
  public static SourceMap parse(ByteView json) {
    Objects.requireNonNull(json, "json");
    return parse(json.toByteArray());
  }

  /**
   * Parses a source map from UTF-8 JSON. The array is kept (for lazy decoding of {@code
   * sourcesContent}) and must not be modified afterwards.
   *
   * @param json the JSON bytes
   * @return the map
   * @throws SourceMapException if the JSON or the map is malformed
   */
  public static SourceMap parse(byte[] json) {
    Objects.requireNonNull(json, "json");
    int start = 0;
    if (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB
        && (json[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    if (json.length - start >= 4 && json[start] == ')' && json[start + 1] == ']'
        && json[start + 2] == '}' && json[start + 3] == '\'') {
      start += 4;
      int nl = start;
      while (nl < json.length && json[nl] != '\n') {
        nl++;
      }
      if (nl < json.length) {
        start = nl + 1;
      }
    }
    SourceMapJson j = new SourceMapJson(json, start, json.length);
    Raw raw = Raw.parse(j, 0);
    j.expectEnd();
    return raw.sections != null ? IndexMapFlattener.flatten(json, raw) : regular(json, raw);
  }

  /**
   * Parses a source map from a JSON string.
   *
   * @param json the JSON text
   * @return the map
   * @throws SourceMapException if the JSON or the map is malformed (offsets are UTF-8 bytes)
   */
  public static SourceMap parse(String json) {
    Objects.requireNonNull(json, "json");
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a source map embedded in a {@code data:} URL: {@code
   * data:application/json;base64,...} (any media type and parameters, such as {@code
   * charset=utf-8}) or the percent-encoded or plain form without {@code ;base64}.
   *
   * @param url the data URL
   * @return the map
   * @throws SourceMapException if the URL or the map is malformed
   */
  public static SourceMap parseDataUrl(String url) {
    return parse(DataUrl.decode(url));
  }

  /**
   * Finds the {@code //# sourceMappingURL=} comment of a generated JavaScript file; see {@link
   * SourceMapComments#sourceMappingUrl(String)}.
   *
   * @param minifiedJs the generated file's text
   * @return the URL of the last such comment, if any
   */
  public static Optional<String> sourceMappingUrl(String minifiedJs) {
    return SourceMapComments.sourceMappingUrl(minifiedJs);
  }

  /**
   * Finds the {@code //# debugId=} comment of a generated JavaScript file; see {@link
   * SourceMapComments#debugIdComment(String)}.
   *
   * @param minifiedJs the generated file's text
   * @return the debug ID of the last such comment, if any
   */
  public static Optional<String> debugIdComment(String minifiedJs) {
    return SourceMapComments.debugIdComment(minifiedJs);
  }

  /** Builds a regular map from its parsed fields. */
  private static SourceMap regular(byte[] json, Raw raw) {
    if (raw.mappingsStart < 0) {
      throw new SourceMapException(raw.objectStart, "source map has neither mappings nor sections");
    }
    Vlq.Mappings m = raw.decodeMappings(json);
    int n = raw.sources.length;
    String[] literal = new String[n];
    boolean[] isNull = new boolean[n];
    for (int i = 0; i < n; i++) {
      isNull[i] = raw.sources[i] == null;
      literal[i] = isNull[i] ? "" : raw.sources[i];
    }
    String[] resolved = resolveAll(raw.sourceRoot, literal, isNull);
    int[][] contents = raw.contentRanges(n);
    int[][] fb = raw.facebookRanges(n);
    return new SourceMap(
        json,
        raw.file,
        raw.sourceRoot,
        raw.debugId(),
        literal,
        isNull,
        resolved,
        contents[0],
        contents[1],
        raw.names,
        raw.ignoreList(),
        m,
        false,
        fb[0],
        fb[1],
        raw.hermesStart,
        raw.hermesEnd);
  }

  static String[] resolveAll(String sourceRoot, String[] literal, boolean[] isNull) {
    if (sourceRoot == null || sourceRoot.isEmpty()) {
      return literal;
    }
    String[] out = new String[literal.length];
    for (int i = 0; i < literal.length; i++) {
      out[i] = isNull[i] ? "" : resolve(sourceRoot, literal[i]);
    }
    return out;
  }

  static String resolve(String sourceRoot, String source) {
    if (sourceRoot == null || sourceRoot.isEmpty()) {
      return source;
    }
    return sourceRoot.endsWith("/") ? sourceRoot + source : sourceRoot + "/" + source;
  }

  // ---------------------------------------------------------------------------------------------
  // Fields

  /**
   * Returns the {@code file} field.
   *
   * @return the generated file's name, if present and not null
   */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Returns the {@code sourceRoot} field (always empty for a flattened index map, whose sources
   * already include each section's root).
   *
   * @return the source root, if present and not null
   */
  public Optional<String> sourceRoot() {
    return Optional.ofNullable(sourceRoot);
  }

  /**
   * Returns the number of sources.
   *
   * @return the length of {@code sources}
   */
  public int sourceCount() {
    return sources.length;
  }

  /**
   * Returns a literal {@code sources[]} entry.
   *
   * @param index the source index
   * @return the entry, {@code ""} for a null entry
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public String source(int index) {
    return sources[Objects.checkIndex(index, sources.length)];
  }

  /**
   * Tells whether a {@code sources[]} entry is JSON {@code null}.
   *
   * @param index the source index
   * @return true for a null entry
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public boolean isNullSource(int index) {
    return sourceIsNull[Objects.checkIndex(index, sources.length)];
  }

  /**
   * Returns a source joined with {@code sourceRoot} as described in the class documentation; this
   * is what {@link Token#source()} holds.
   *
   * @param index the source index
   * @return the resolved source ({@code ""} for a null entry)
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public String resolvedSource(int index) {
    return resolvedSources[Objects.checkIndex(index, sources.length)];
  }

  /**
   * Returns the {@code sourcesContent} entry of a source, decoded now (it is not cached).
   *
   * @param index the source index
   * @return the content, empty if absent or null
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public Optional<String> sourceContent(int index) {
    Objects.checkIndex(index, sources.length);
    int s = contentStart[index];
    return s < 0 ? Optional.empty() : Optional.of(SourceMapJson.decode(json, s, contentEnd[index]));
  }

  /**
   * Returns the number of names.
   *
   * @return the length of {@code names}
   */
  public int nameCount() {
    return names.length;
  }

  /**
   * Returns a name.
   *
   * @param index the name index
   * @return the name ({@code ""} for a null entry)
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public String name(int index) {
    return names[Objects.checkIndex(index, names.length)];
  }

  /**
   * Returns the indices of sources to ignore when showing stack traces: {@code ignoreList}, or
   * else the older {@code x_google_ignoreList}.
   *
   * @return the source indices, possibly empty
   */
  public List<Integer> ignoreList() {
    List<Integer> out = new ArrayList<>(ignoreList.length);
    for (int i : ignoreList) {
      out.add(i);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the debug ID: {@code debugId}, or else the older {@code debug_id}, as written but
   * lowercased.
   *
   * @return the debug ID, if present
   */
  public Optional<String> debugId() {
    return Optional.ofNullable(debugId);
  }

  /**
   * Tells whether this map was parsed from an index map ({@code sections}).
   *
   * @return true for an index map
   */
  public boolean isIndexMap() {
    return indexMap;
  }

  /**
   * Returns a regular map with the same content: this map itself unless it is an index map, whose
   * flattened form is already what this map holds.
   *
   * @return the regular map
   */
  public SourceMap flatten() {
    if (!indexMap) {
      return this;
    }
    return new SourceMap(
        json,
        file,
        sourceRoot,
        debugId,
        sources,
        sourceIsNull,
        resolvedSources,
        contentStart,
        contentEnd,
        names,
        ignoreList,
        mappings,
        false,
        fbStart,
        fbEnd,
        hermesStart,
        hermesEnd);
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens and lookups

  /**
   * Returns the number of mapping segments.
   *
   * @return the segment count
   */
  public int tokenCount() {
    return mappings.count;
  }

  /**
   * Returns the number of generated lines the mappings cover (lines after the last {@code ;}
   * included).
   *
   * @return the line count
   */
  public int lineCount() {
    return mappings.lineCount;
  }

  /**
   * Returns a segment; segments are sorted by generated line and column, stably.
   *
   * @param index the segment index
   * @return the token
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public Token token(int index) {
    Objects.checkIndex(index, mappings.count);
    return makeToken(index);
  }

  private Token makeToken(int i) {
    Vlq.Mappings m = mappings;
    int s = m.src[i];
    String src = s >= 0 && s < resolvedSources.length ? resolvedSources[s] : null;
    int n = m.name[i];
    String nm = n >= 0 && n < names.length ? names[n] : null;
    return new Token(m.genLine[i], m.genCol[i], s, src, m.origLine[i], m.origCol[i], n, nm);
  }

  /**
   * Finds the original position of a generated position with {@link Bias#GREATEST_LOWER_BOUND}.
   *
   * @param line the 0-based generated line
   * @param column the 0-based generated column in UTF-16 code units
   * @return the segment at or before the column on that line, empty if there is none, if it is
   *     unmapped, or if line or column is negative
   */
  public Optional<Token> lookup(int line, int column) {
    return lookup(line, column, Bias.GREATEST_LOWER_BOUND);
  }

  /**
   * Finds the original position of a generated position.
   *
   * @param line the 0-based generated line
   * @param column the 0-based generated column in UTF-16 code units
   * @param bias which side of the column to search
   * @return the segment found on that line, empty if there is none or it is unmapped
   */
  public Optional<Token> lookup(int line, int column, Bias bias) {
    int i = find(line, column, bias);
    if (i < 0 || mappings.src[i] < 0) {
      return Optional.empty();
    }
    return Optional.of(makeToken(i));
  }

  /**
   * Returns the index of the segment a lookup finds, mapped or not, or -1.
   *
   * @param line the 0-based generated line
   * @param column the 0-based generated column
   * @param bias the search direction
   * @return the segment index or -1
   */
  int find(int line, int column, Bias bias) {
    Vlq.Mappings m = mappings;
    if (line < 0 || column < 0 || line >= m.lineCount) {
      return -1;
    }
    int lo = m.lineStart[line];
    int hi = m.lineStart[line + 1];
    int[] gc = m.genCol;
    // k = first index in [lo, hi) whose column is greater than `column`
    int a = lo;
    int b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (gc[mid] <= column) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    int k = a;
    if (bias == Bias.LEAST_UPPER_BOUND) {
      if (k > lo && gc[k - 1] == column) {
        return k - 1; // the last segment exactly at the column
      }
      return k < hi ? k : -1;
    }
    int i = k - 1;
    if (i < lo) {
      return -1;
    }
    if (gc[i] == column) {
      while (i > lo && gc[i - 1] == column) {
        i--;
      }
    }
    return i;
  }

  /**
   * Returns the segments of a generated line, in column order.
   *
   * @param line the 0-based generated line
   * @return the tokens, empty for a line without segments or out of range
   */
  public List<Token> tokensOfLine(int line) {
    Vlq.Mappings m = mappings;
    if (line < 0 || line >= m.lineCount) {
      return List.of();
    }
    int lo = m.lineStart[line];
    int hi = m.lineStart[line + 1];
    List<Token> out = new ArrayList<>(hi - lo);
    for (int i = lo; i < hi; i++) {
      out.add(makeToken(i));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Finds all generated positions of an original position, like trace-mapping's {@code
   * allGeneratedPositionsFor} with the default bias: on the given original line of the source, the
   * segments at the greatest original column at or before {@code originalColumn}, in generated
   * order.
   *
   * @param source the source index
   * @param originalLine the 0-based original line
   * @param originalColumn the 0-based original column
   * @return the tokens, empty if none
   */
  public List<Token> generatedPositions(int source, int originalLine, int originalColumn) {
    if (source < 0 || originalLine < 0 || originalColumn < 0) {
      return List.of();
    }
    int[] order = reverseOrder;
    if (order == null) {
      buildReverse();
      order = reverseOrder;
    }
    int[] starts = reverseSourceStart;
    int maxSource = starts.length - 1;
    if (source >= maxSource) {
      return List.of();
    }
    Vlq.Mappings m = mappings;
    int lo = starts[source];
    int hi = starts[source + 1];
    // Segments of the original line: [lineLo, lineHi).
    int a = lo;
    int b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (m.origLine[order[mid]] < originalLine) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    int lineLo = a;
    b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (m.origLine[order[mid]] <= originalLine) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    int lineHi = a;
    // Last segment with column <= originalColumn.
    a = lineLo;
    b = lineHi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (m.origCol[order[mid]] <= originalColumn) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    int last = a - 1;
    if (last < lineLo) {
      return List.of();
    }
    int col = m.origCol[order[last]];
    int first = last;
    while (first > lineLo && m.origCol[order[first - 1]] == col) {
      first--;
    }
    List<Token> out = new ArrayList<>(last - first + 1);
    for (int i = first; i <= last; i++) {
      out.add(makeToken(order[i]));
    }
    return Collections.unmodifiableList(out);
  }

  private synchronized void buildReverse() {
    if (reverseOrder != null) {
      return;
    }
    Vlq.Mappings m = mappings;
    int maxSource = 0;
    int mapped = 0;
    for (int i = 0; i < m.count; i++) {
      if (m.src[i] >= 0) {
        mapped++;
        maxSource = Math.max(maxSource, m.src[i] + 1);
      }
    }
    maxSource = Math.max(maxSource, sources.length);
    // Counting sort by source (stable), then a stable merge sort per source by original position.
    int[] starts = new int[maxSource + 1];
    for (int i = 0; i < m.count; i++) {
      if (m.src[i] >= 0) {
        starts[m.src[i] + 1]++;
      }
    }
    for (int s = 0; s < maxSource; s++) {
      starts[s + 1] += starts[s];
    }
    int[] fill = Arrays.copyOf(starts, maxSource);
    int[] order = new int[mapped];
    for (int i = 0; i < m.count; i++) {
      if (m.src[i] >= 0) {
        order[fill[m.src[i]]++] = i;
      }
    }
    int[] tmp = new int[mapped];
    for (int s = 0; s < maxSource; s++) {
      mergeSort(order, tmp, starts[s], starts[s + 1], m);
    }
    reverseSourceStart = starts;
    reverseOrder = order;
  }

  private static boolean lessOrEqual(Vlq.Mappings m, int x, int y) {
    int lx = m.origLine[x];
    int ly = m.origLine[y];
    if (lx != ly) {
      return lx < ly;
    }
    return m.origCol[x] <= m.origCol[y];
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, Vlq.Mappings m) {
    if (to - from < 2) {
      return;
    }
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && !lessOrEqual(m, a[j], v)) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, m);
    mergeSort(a, tmp, mid, to, m);
    if (lessOrEqual(m, a[mid - 1], a[mid])) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && lessOrEqual(m, tmp[i], tmp[j]))) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // React Native

  /**
   * Returns the original function name for an original position from Metro's {@code
   * x_facebook_sources} function map of a source: the function map's {@code mappings} (VLQ
   * segments of column, name index delta and line delta; lines 1-based, columns reset at each
   * {@code ;}) is searched for the greatest entry at or before the position, and its name is
   * returned. A malformed function map is treated as absent.
   *
   * @param source the source index
   * @param originalLine the 0-based original line
   * @param originalColumn the 0-based original column
   * @return the enclosing function's name, if the map has a function map for the source
   */
  public Optional<String> facebookFunctionName(int source, int originalLine, int originalColumn) {
    if (source < 0 || source >= fbStart.length || fbStart[source] < 0) {
      return Optional.empty();
    }
    FacebookFunctionMap[] cache = functionMaps;
    if (cache == null) {
      cache = new FacebookFunctionMap[fbStart.length];
      functionMaps = cache;
    }
    FacebookFunctionMap fm = cache[source];
    if (fm == null) {
      fm = FacebookFunctionMap.parse(json, fbStart[source], fbEnd[source]);
      cache[source] = fm; // immutable with final fields: a racy publication is safe
    }
    return fm.lookup(originalLine, originalColumn);
  }

  /**
   * Tells whether the map carries Metro function maps ({@code x_facebook_sources}).
   *
   * @return true if at least one source has a function map
   */
  public boolean hasFacebookFunctionMaps() {
    for (int s : fbStart) {
      if (s >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the Hermes {@code x_hermes_function_offsets} field: the bytecode offsets of the
   * functions of each bytecode segment.
   *
   * @return the offsets, if the map has the field
   * @throws SourceMapException if the field is malformed (it is decoded on first use)
   */
  public Optional<HermesFunctionOffsets> hermesFunctionOffsets() {
    if (hermesStart < 0) {
      return Optional.empty();
    }
    HermesFunctionOffsets h = hermesOffsets;
    if (h == null) {
      h = HermesFunctionOffsets.parse(json, hermesStart, hermesEnd);
      hermesOffsets = h;
    }
    return Optional.of(h);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes this map as a regular v3 source map (an index map is written flattened). Null {@code
   * sources} entries stay null; {@code sourcesContent} is written if any source has content;
   * {@code x_facebook_sources} and {@code x_hermes_function_offsets} are copied.
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder(64 + mappings.count * 6);
    sb.append("{\"version\":3");
    if (file != null) {
      sb.append(",\"file\":");
      quote(sb, file);
    }
    if (sourceRoot != null) {
      sb.append(",\"sourceRoot\":");
      quote(sb, sourceRoot);
    }
    sb.append(",\"sources\":[");
    for (int i = 0; i < sources.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (sourceIsNull[i]) {
        sb.append("null");
      } else {
        quote(sb, sources[i]);
      }
    }
    sb.append(']');
    boolean anyContent = false;
    for (int s : contentStart) {
      anyContent |= s >= 0;
    }
    if (anyContent) {
      sb.append(",\"sourcesContent\":[");
      for (int i = 0; i < sources.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (contentStart[i] < 0) {
          sb.append("null");
        } else {
          // The stored range is already valid JSON string content: copy it as it is.
          sb.append('"')
              .append(
                  new String(
                      json, contentStart[i], contentEnd[i] - contentStart[i],
                      StandardCharsets.UTF_8))
              .append('"');
        }
      }
      sb.append(']');
    }
    sb.append(",\"names\":[");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, names[i]);
    }
    sb.append("],\"mappings\":\"");
    Vlq.encodeMappings(sb, mappings);
    sb.append('"');
    if (ignoreList.length > 0) {
      sb.append(",\"ignoreList\":[");
      for (int i = 0; i < ignoreList.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(ignoreList[i]);
      }
      sb.append(']');
    }
    if (debugId != null) {
      sb.append(",\"debugId\":");
      quote(sb, debugId);
    }
    if (hasFacebookFunctionMaps()) {
      sb.append(",\"x_facebook_sources\":[");
      for (int i = 0; i < fbStart.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (fbStart[i] < 0) {
          sb.append("null");
        } else {
          sb.append(new String(json, fbStart[i], fbEnd[i] - fbStart[i], StandardCharsets.UTF_8));
        }
      }
      sb.append(']');
    }
    if (hermesStart >= 0) {
      sb.append(",\"x_hermes_function_offsets\":");
      sb.append(new String(json, hermesStart, hermesEnd - hermesStart, StandardCharsets.UTF_8));
    }
    return sb.append('}').toString();
  }

  /** Appends a JSON string literal. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
        continue;
      }
      sb.append(s, run, i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          sb.append(String.format("\\u%04x", (int) c));
      }
      run = i + 1;
    }
    sb.append(s, run, s.length()).append('"');
  }

  @Override
  public String toString() {
    return "SourceMap["
        + (file == null ? "" : file + ", ")
        + sources.length
        + " sources, "
        + names.length
        + " names, "
        + mappings.count
        + " segments"
        + (indexMap ? ", index map" : "")
        + "]";
  }

  // Package-private accessors for the flattener and the binary cache of this package.

  Vlq.Mappings mappings() {
    return mappings;
  }

  // ---------------------------------------------------------------------------------------------

  /** The fields of one map object as parsed, before decoding the mappings. */
  static final class Raw {
    int objectStart;
    String file;
    String sourceRoot;
    String[] sources = NO_STRINGS;
    int[] contentStart = NO_INTS;
    int[] contentEnd = NO_INTS;
    String[] names = NO_STRINGS;
    int mappingsStart = -1;
    int mappingsEnd;
    boolean mappingsEscaped;
    int[] ignore;
    int[] googleIgnore;
    String debugIdNew;
    String debugIdOld;
    List<Section> sections;
    int[] fbStart;
    int[] fbEnd;
    int hermesStart = -1;
    int hermesEnd = -1;

    String debugId() {
      String d = debugIdNew != null ? debugIdNew : debugIdOld;
      return d == null ? null : d.toLowerCase(Locale.ROOT);
    }

    int[] ignoreList() {
      return ignore != null ? ignore : googleIgnore != null ? googleIgnore : NO_INTS;
    }

    /** Content ranges padded or cut to {@code n} sources. */
    int[][] contentRanges(int n) {
      int[] s = new int[n];
      int[] e = new int[n];
      Arrays.fill(s, -1);
      Arrays.fill(e, -1);
      int k = Math.min(n, contentStart.length);
      System.arraycopy(contentStart, 0, s, 0, k);
      System.arraycopy(contentEnd, 0, e, 0, k);
      return new int[][] {s, e};
    }

    int[][] facebookRanges(int n) {
      int[] s = new int[n];
      int[] e = new int[n];
      Arrays.fill(s, -1);
      Arrays.fill(e, -1);
      if (fbStart != null) {
        int k = Math.min(n, fbStart.length);
        System.arraycopy(fbStart, 0, s, 0, k);
        System.arraycopy(fbEnd, 0, e, 0, k);
      }
      return new int[][] {s, e};
    }

    Vlq.Mappings decodeMappings(byte[] json) {
      if (!mappingsEscaped) {
        return Vlq.decodeMappings(json, mappingsStart, mappingsEnd);
      }
      byte[] plain =
          SourceMapJson.decode(json, mappingsStart, mappingsEnd)
              .getBytes(StandardCharsets.ISO_8859_1);
      try {
        return Vlq.decodeMappings(plain, 0, plain.length);
      } catch (SourceMapException e) {
        throw new SourceMapException(mappingsStart + e.offset(), e.reason(), e);
      }
    }

    static Raw parse(SourceMapJson j, int depth) {
      SourceMapJson.checkDepth(depth, j.pos);
      Raw r = new Raw();
      if (j.peek() != '{') {
        throw j.error("expected a source map object");
      }
      r.objectStart = j.pos;
      j.pos++;
      for (boolean first = true; j.more('}', first); first = false) {
        String key = j.key();
        switch (key) {
          case "version":
            {
              int at = j.pos;
              int v = j.integer();
              if (v != 3) {
                throw new SourceMapException(at, "unsupported source map version " + v);
              }
              break;
            }
          case "file":
            r.file = j.stringOrNull();
            break;
          case "sourceRoot":
            r.sourceRoot = j.stringOrNull();
            break;
          case "sources":
            r.sources = stringArray(j, true);
            break;
          case "names":
            r.names = stringArray(j, false);
            break;
          case "sourcesContent":
            parseContents(j, r);
            break;
          case "mappings":
            j.scanString();
            r.mappingsStart = j.strStart;
            r.mappingsEnd = j.strEnd;
            r.mappingsEscaped = j.strEscaped;
            break;
          case "ignoreList":
            r.ignore = intArray(j);
            break;
          case "x_google_ignoreList":
            r.googleIgnore = intArray(j);
            break;
          case "debugId":
            r.debugIdNew = j.stringOrNull();
            break;
          case "debug_id":
            r.debugIdOld = j.stringOrNull();
            break;
          case "sections":
            r.sections = parseSections(j, depth + 1);
            break;
          case "x_facebook_sources":
            parseFacebook(j, r, depth + 1);
            break;
          case "x_hermes_function_offsets":
            if (!j.nullValue()) {
              j.peek();
              r.hermesStart = j.pos;
              j.skipValue(depth + 1);
              r.hermesEnd = j.pos;
            }
            break;
          default:
            j.skipValue(depth + 1);
        }
      }
      return r;
    }

    private static String[] stringArray(SourceMapJson j, boolean keepNull) {
      if (j.nullValue()) {
        return NO_STRINGS;
      }
      j.expect('[');
      List<String> out = new ArrayList<>();
      for (boolean first = true; j.more(']', first); first = false) {
        String s = j.stringOrNull();
        out.add(s == null && !keepNull ? "" : s);
      }
      return out.toArray(NO_STRINGS);
    }

    private static int[] intArray(SourceMapJson j) {
      if (j.nullValue()) {
        return null;
      }
      j.expect('[');
      int[] out = new int[8];
      int n = 0;
      for (boolean first = true; j.more(']', first); first = false) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = j.integer();
      }
      return Arrays.copyOf(out, n);
    }

    private static void parseContents(SourceMapJson j, Raw r) {
      if (j.nullValue()) {
        return;
      }
      j.expect('[');
      int[] s = new int[8];
      int[] e = new int[8];
      int n = 0;
      for (boolean first = true; j.more(']', first); first = false) {
        if (n == s.length) {
          s = Arrays.copyOf(s, n * 2);
          e = Arrays.copyOf(e, n * 2);
        }
        if (j.nullValue()) {
          s[n] = -1;
          e[n] = -1;
        } else {
          j.scanString();
          s[n] = j.strStart;
          e[n] = j.strEnd;
        }
        n++;
      }
      r.contentStart = Arrays.copyOf(s, n);
      r.contentEnd = Arrays.copyOf(e, n);
    }

    private static void parseFacebook(SourceMapJson j, Raw r, int depth) {
      if (j.nullValue()) {
        return;
      }
      j.expect('[');
      int[] s = new int[8];
      int[] e = new int[8];
      int n = 0;
      for (boolean first = true; j.more(']', first); first = false) {
        if (n == s.length) {
          s = Arrays.copyOf(s, n * 2);
          e = Arrays.copyOf(e, n * 2);
        }
        if (j.nullValue()) {
          s[n] = -1;
          e[n] = -1;
        } else {
          s[n] = j.pos;
          j.skipValue(depth + 1);
          e[n] = j.pos;
        }
        n++;
      }
      r.fbStart = Arrays.copyOf(s, n);
      r.fbEnd = Arrays.copyOf(e, n);
    }

    private static List<Section> parseSections(SourceMapJson j, int depth) {
      SourceMapJson.checkDepth(depth, j.pos);
      j.expect('[');
      List<Section> out = new ArrayList<>();
      for (boolean first = true; j.more(']', first); first = false) {
        SourceMapJson.checkDepth(depth + 1, j.pos);
        int at = j.pos;
        j.expect('{');
        Section sec = new Section();
        sec.at = at;
        boolean hasOffset = false;
        for (boolean f2 = true; j.more('}', f2); f2 = false) {
          String key = j.key();
          switch (key) {
            case "offset":
              {
                j.expect('{');
                boolean line = false;
                boolean col = false;
                for (boolean f3 = true; j.more('}', f3); f3 = false) {
                  String k = j.key();
                  int vAt = j.pos;
                  if (k.equals("line")) {
                    sec.line = j.integer();
                    line = true;
                  } else if (k.equals("column")) {
                    sec.column = j.integer();
                    col = true;
                  } else {
                    j.skipValue(depth + 3);
                    continue;
                  }
                  if (sec.line < 0 || sec.column < 0) {
                    throw new SourceMapException(vAt, "negative section offset");
                  }
                }
                if (!line || !col) {
                  throw new SourceMapException(at, "section offset without line or column");
                }
                hasOffset = true;
                break;
              }
            case "map":
              sec.map = Raw.parse(j, depth + 2);
              break;
            case "url":
              throw new SourceMapException(
                  at, "index map sections with a url are not supported");
            default:
              j.skipValue(depth + 2);
          }
        }
        if (!hasOffset) {
          throw new SourceMapException(at, "index map section without offset");
        }
        if (sec.map == null) {
          throw new SourceMapException(at, "index map section without map");
        }
        if (!out.isEmpty()) {
          Section prev = out.get(out.size() - 1);
          if (sec.line < prev.line || (sec.line == prev.line && sec.column < prev.column)) {
            throw new SourceMapException(at, "index map sections out of order");
          }
        }
        out.add(sec);
      }
      return out;
    }
  }

  /** One entry of {@code sections}. */
  static final class Section {
    int at;
    int line;
    int column;
    Raw map;
  }
}
