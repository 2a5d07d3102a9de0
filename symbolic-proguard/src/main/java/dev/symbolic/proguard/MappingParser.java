package dev.symbolic.proguard;

import dev.symbolic.common.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the text of mapping lines. Broken lines are skipped and counted, never fatal: a
 * mapping is often concatenated, hand-edited or truncated, and the rest of it is still useful.
 */
final class MappingParser {
  private MappingParser() {}

  /** The result of parsing a class header line {@code original -> obfuscated:}. */
  static final class ClassHeader {
    final String originalName;
    final String obfuscatedName;

    ClassHeader(String originalName, String obfuscatedName) {
      this.originalName = originalName;
      this.obfuscatedName = obfuscatedName;
    }
  }

  /** Parses {@code com.Foo -> a:} in {@code [start, end)}; null if it is not a class header. */
  static ClassHeader parseClassHeader(ByteView view, long start, long end) {
    byte[] d = new byte[(int) (end - start)];
    view.copyTo(start, d, 0, d.length);
    return parseClassHeader(d, 0, d.length);
  }

  private static ClassHeader parseClassHeader(byte[] d, int start, int end) {
    int s = skipBlank(d, start, end);
    int e = trimEnd(d, s, end);
    if (e - s < 4 || (d[e - 1] & 0xff) != ':') {
      return null;
    }
    int arrow = indexOfArrow(d, s, e - 1);
    if (arrow < 0) {
      return null;
    }
    int originalEnd = trimEnd(d, s, arrow);
    int obfuscatedStart = skipBlank(d, arrow + 2, e - 1);
    int obfuscatedEnd = trimEnd(d, obfuscatedStart, e - 1);
    if (originalEnd == s || obfuscatedEnd == obfuscatedStart
        || hasBlank(d, s, originalEnd) || hasBlank(d, obfuscatedStart, obfuscatedEnd)) {
      return null;
    }
    return new ClassHeader(text(d, s, originalEnd), text(d, obfuscatedStart, obfuscatedEnd));
  }

  /** Mapping files are ASCII in their syntax; only names carry other characters. */
  static boolean isBlank(int b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
  }

  static int skipBlank(byte[] d, int from, int to) {
    while (from < to && isBlank((d[from] & 0xff))) {
      from++;
    }
    return from;
  }

  static int trimEnd(byte[] d, int from, int to) {
    while (to > from && isBlank((d[to - 1] & 0xff))) {
      to--;
    }
    return to;
  }

  private static boolean hasBlank(byte[] d, int from, int to) {
    for (int i = from; i < to; i++) {
      if (isBlank((d[i] & 0xff))) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfArrow(byte[] d, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if ((d[i] & 0xff) == '-' && (d[i + 1] & 0xff) == '>') {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] d, int b, int from, int to) {
    for (int i = from; i < to; i++) {
      if ((d[i] & 0xff) == b) {
        return i;
      }
    }
    return -1;
  }

  private static String text(byte[] d, int from, int to) {
    return new String(d, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * Reads a top-of-file comment into the header: {@code # key: value} or the JSON map version.
   */
  static MappingHeader parseHeaderComment(MappingHeader header, String line) {
    String s = line.substring(1).strip();
    if (s.startsWith("{")) {
      Map<String, Object> json = Json.parseObject(s);
      if (json != null
          && "com.android.tools.r8.mapping".equals(json.get("id"))
          && json.get("version") instanceof String) {
        return header.with("map_version", (String) json.get("version"));
      }
      return header;
    }
    int colon = s.indexOf(':');
    if (colon <= 0) {
      return header;
    }
    return header.with(s.substring(0, colon).strip(), s.substring(colon + 1).strip());
  }

  /** A member while its section is read; metadata comments may still attach to it. */
  private static final class Draft {
    boolean method;
    String type;
    String originalClass;
    String originalName;
    String arguments;
    String obfuscatedName;
    int minifiedStart = MemberMapping.NONE;
    int minifiedEnd = MemberMapping.NONE;
    int originalStart = MemberMapping.NONE;
    int originalEnd = MemberMapping.NONE;
    boolean originalSingle;
    boolean synthesized;
    boolean outline;
    String residualSignature;
    int[] outlinePositions;
    String outlineTarget;
    List<RewriteFrameRule> rewriteFrames = List.of();

    MemberMapping build() {
      return new MemberMapping(
          method, type, originalClass, originalName, arguments, obfuscatedName,
          minifiedStart, minifiedEnd, originalStart, originalEnd, originalSingle, synthesized,
          outline,
          residualSignature, outlinePositions, outlineTarget, rewriteFrames);
    }
  }

  /** Counts the lines that could not be parsed. */
  static final class Problems {
    int brokenLines;
  }

  /** The class-level metadata: the comments between the class line and its first member. */
  static final class ClassInfo {
    String sourceFile;
    boolean synthesized;
  }

  /**
   * Reads the class-level comments of a section: {@code lines[0]} is the header, the comments
   * follow it up to the first member line.
   */
  static ClassInfo parseClassInfo(List<String> lines, MappingHeader mapHeader) {
    ClassInfo info = new ClassInfo();
    for (int i = 1; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.charAt(0) != '#') {
        break;
      }
      String body = s.substring(1).strip();
      Map<String, Object> json = body.startsWith("{") ? Json.parseObject(body) : null;
      if (json == null) {
        continue;
      }
      Object id = json.get("id");
      if ("sourceFile".equals(id) && json.get("fileName") instanceof String) {
        if (info.sourceFile == null) {
          info.sourceFile = (String) json.get("fileName");
        }
      } else if ("com.android.tools.r8.synthesized".equals(id) && mapHeader.supports(1, 0)) {
        info.synthesized = true;
      }
    }
    return info;
  }

  /** Longer member lines cannot be valid, and are not decoded. */
  static final int MAX_LINE = 64 * 1024;

  /**
   * Parses member lines one at a time, attaching each metadata comment to the member line before
   * it; comments before the first member are the class's and are skipped here.
   */
  static final class MemberParser {
    private final MappingHeader mapHeader;
    private final Problems problems;
    private final List<Draft> drafts = new ArrayList<>();
    private Draft last;

    MemberParser(MappingHeader mapHeader, Problems problems) {
      this.mapHeader = mapHeader;
      this.problems = problems;
    }

    /** Parses the line in {@code d[start, end)}, white space around it allowed. */
    void line(byte[] d, int start, int end) {
      start = skipBlank(d, start, end);
      end = trimEnd(d, start, end);
      if (start == end) {
        return;
      }
      if ((d[start] & 0xff) == '#') {
        int body = skipBlank(d, start + 1, end);
        if (last == null || body == end || (d[body] & 0xff) != '{') {
          return;
        }
        Map<String, Object> json = commonComment(d, body, end);
        if (json == null) {
          json = Json.parseObject(text(d, body, end));
        }
        if (json == null || !(json.get("id") instanceof String)) {
          problems.brokenLines++;
        } else if (!applyMemberInfo(last, (String) json.get("id"), json, mapHeader)) {
          problems.brokenLines++;
        }
        return;
      }
      Draft draft = parseMember(d, start, end);
      if (draft == null) {
        problems.brokenLines++;
        // Comments after a broken line describe it, not the member before it.
        last = null;
        return;
      }
      drafts.add(draft);
      last = draft;
    }

    /** A line too long to be valid, which is not read. */
    void longLine() {
      problems.brokenLines++;
    }

    List<MemberMapping> members() {
      List<MemberMapping> members = new ArrayList<>(drafts.size());
      for (Draft draft : drafts) {
        members.add(draft.build());
      }
      return members;
    }
  }

  private static final byte[] SYNTHESIZED =
      "{\"id\":\"com.android.tools.r8.synthesized\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RESIDUAL_SIGNATURE =
      "{\"id\":\"com.android.tools.r8.residualsignature\",\"signature\":\""
          .getBytes(StandardCharsets.UTF_8);

  /**
   * The two member comments R8 writes most, recognized by their exact bytes without the JSON
   * reader: a large mapping has one for every second member line. Null for anything else.
   */
  private static Map<String, Object> commonComment(byte[] d, int start, int end) {
    if (end - start == SYNTHESIZED.length
        && java.util.Arrays.equals(d, start, end, SYNTHESIZED, 0, SYNTHESIZED.length)) {
      return Map.of("id", "com.android.tools.r8.synthesized");
    }
    int prefix = RESIDUAL_SIGNATURE.length;
    if (end - start > prefix + 2 && d[end - 1] == '}' && d[end - 2] == '"'
        && java.util.Arrays.equals(d, start, start + prefix, RESIDUAL_SIGNATURE, 0, prefix)) {
      for (int i = start + prefix; i < end - 2; i++) {
        if (d[i] == '"' || d[i] == '\\') {
          return null;
        }
      }
      return Map.of("id", "com.android.tools.r8.residualsignature",
          "signature", text(d, start + prefix, end - 2));
    }
    return null;
  }

  /** Attaches member metadata; returns false if it is malformed. */
  private static boolean applyMemberInfo(
      Draft member, String id, Map<String, Object> json, MappingHeader mapHeader) {
    switch (id) {
      case "com.android.tools.r8.synthesized":
        // Like R8, honour the mark only in mappings that declare a map version.
        if (mapHeader.supports(1, 0)) {
          member.synthesized = true;
        }
        return true;
      case "com.android.tools.r8.outline":
        if (mapHeader.supports(2, 0)) {
          member.outline = true;
        }
        return true;
      case "com.android.tools.r8.residualsignature":
        if (!(json.get("signature") instanceof String)) {
          return false;
        }
        if (mapHeader.supports(2, 2)) {
          member.residualSignature = (String) json.get("signature");
        }
        return true;
      case "com.android.tools.r8.outlineCallsite":
        return parseOutlineCallsite(member, json, mapHeader);
      case "com.android.tools.r8.rewriteFrame":
        return parseRewriteFrame(member, json, mapHeader);
      default:
        // Unknown metadata is legal: newer compilers add kinds this reader does not know.
        return true;
    }
  }

  private static boolean parseOutlineCallsite(
      Draft member, Map<String, Object> json, MappingHeader mapHeader) {
    if (!(json.get("positions") instanceof Map)) {
      return false;
    }
    Map<?, ?> positions = (Map<?, ?>) json.get("positions");
    int[] pairs = new int[positions.size() * 2];
    int n = 0;
    for (Map.Entry<?, ?> e : positions.entrySet()) {
      if (!(e.getValue() instanceof Long)) {
        return false;
      }
      try {
        long key = Long.parseLong((String) e.getKey());
        long value = (Long) e.getValue();
        if (key < 0 || key > Integer.MAX_VALUE || value < 0 || value > Integer.MAX_VALUE) {
          return false;
        }
        pairs[n++] = (int) key;
        pairs[n++] = (int) value;
      } catch (NumberFormatException ex) {
        return false;
      }
    }
    if (mapHeader.supports(2, 0)) {
      member.outlinePositions = pairs;
      Object outline = json.get("outline");
      member.outlineTarget = outline instanceof String ? (String) outline : null;
    }
    return true;
  }

  private static boolean parseRewriteFrame(
      Draft member, Map<String, Object> json, MappingHeader mapHeader) {
    if (!(json.get("conditions") instanceof List) || !(json.get("actions") instanceof List)) {
      return false;
    }
    List<String> thrown = new ArrayList<>();
    for (Object condition : (List<?>) json.get("conditions")) {
      String c = condition instanceof String ? (String) condition : "";
      if (!c.startsWith("throws(") || !c.endsWith(")")) {
        return false;
      }
      String descriptor = c.substring("throws(".length(), c.length() - 1);
      if (descriptor.length() < 3 || descriptor.charAt(0) != 'L' || !descriptor.endsWith(";")) {
        return false;
      }
      thrown.add(descriptor);
    }
    int remove = 0;
    for (Object action : (List<?>) json.get("actions")) {
      String a = action instanceof String ? (String) action : "";
      if (!a.startsWith("removeInnerFrames(") || !a.endsWith(")")) {
        return false;
      }
      try {
        int n = Integer.parseInt(a.substring("removeInnerFrames(".length(), a.length() - 1));
        if (n < 0) {
          return false;
        }
        remove = (int) Math.min(Integer.MAX_VALUE, (long) remove + n);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (mapHeader.supports(2, 0)) {
      List<RewriteFrameRule> rules = new ArrayList<>(member.rewriteFrames);
      rules.add(new RewriteFrameRule(thrown, remove));
      member.rewriteFrames = rules;
    }
    return true;
  }

  /**
   * Parses a trimmed member line {@code [a:b:]type name[(args)][:c[:d]] -> obf} in
   * {@code [s, e)}; null if it is malformed.
   */
  private static Draft parseMember(byte[] d, int s, int e) {
    Draft draft = new Draft();
    int cursor = s;
    // Optional minified range "a:b:" (or "a:").
    if (isDigit((d[cursor] & 0xff))) {
      int[] c = {cursor};
      long start = number(d, c, e);
      long end = start;
      if (c[0] + 1 < e && (d[c[0]] & 0xff) == ':' && isDigit((d[c[0] + 1] & 0xff))) {
        c[0]++;
        end = number(d, c, e);
      }
      if (start < 0 || end < 0 || c[0] >= e || (d[c[0]] & 0xff) != ':') {
        return null;
      }
      cursor = c[0] + 1;
      draft.minifiedStart = (int) start;
      draft.minifiedEnd = (int) end;
    }
    int arrow = indexOfArrow(d, cursor, e);
    if (arrow < 0) {
      return null;
    }
    int obfuscatedStart = skipBlank(d, arrow + 2, e);
    if (obfuscatedStart == e || hasBlank(d, obfuscatedStart, e)) {
      return null;
    }
    int left = skipBlank(d, cursor, arrow);
    int leftEnd = trimEnd(d, left, arrow);
    int space = left;
    while (space < leftEnd && !isBlank((d[space] & 0xff))) {
      space++;
    }
    if (space == left || space == leftEnd) {
      return null;
    }
    draft.type = text(d, left, space);
    int rest = skipBlank(d, space, leftEnd);
    int paren = indexOf(d, '(', rest, leftEnd);
    int nameEnd;
    if (paren >= 0) {
      int close = indexOf(d, ')', paren, leftEnd);
      if (close < 0) {
        return null;
      }
      draft.method = true;
      nameEnd = paren;
      String arguments = text(d, paren + 1, close);
      draft.arguments = arguments.indexOf(' ') < 0 ? arguments : arguments.replace(" ", "");
      int tail = skipBlank(d, close + 1, leftEnd);
      if (tail < leftEnd) {
        if ((d[tail] & 0xff) != ':') {
          return null;
        }
        int[] c = {tail + 1};
        long from = number(d, c, leftEnd);
        long to = from;
        draft.originalSingle = true;
        if (c[0] < leftEnd && (d[c[0]] & 0xff) == ':') {
          c[0]++;
          to = number(d, c, leftEnd);
          draft.originalSingle = false;
        }
        if (from < 0 || to < 0 || c[0] != leftEnd) {
          return null;
        }
        draft.originalStart = (int) from;
        draft.originalEnd = (int) to;
      }
    } else {
      if (draft.minifiedStart != MemberMapping.NONE) {
        return null;
      }
      draft.method = false;
      nameEnd = leftEnd;
      draft.arguments = "";
    }
    if (nameEnd == rest || hasBlank(d, rest, nameEnd)) {
      return null;
    }
    // A qualified name (inlined from another class): the last dot splits class and member.
    int dot = -1;
    for (int i = nameEnd - 1; i >= rest; i--) {
      if ((d[i] & 0xff) == '.') {
        dot = i;
        break;
      }
    }
    if (dot > rest && dot < nameEnd - 1) {
      draft.originalClass = text(d, rest, dot);
      draft.originalName = text(d, dot + 1, nameEnd);
    } else {
      draft.originalClass = "";
      draft.originalName = text(d, rest, nameEnd);
    }
    draft.obfuscatedName = text(d, obfuscatedStart, e);
    return draft;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** Reads decimal digits at {@code cursor[0]}; -1 if there are none or they exceed an int. */
  private static long number(byte[] d, int[] cursor, int end) {
    int i = cursor[0];
    long value = 0;
    int start = i;
    while (i < end && isDigit(d[i] & 0xff)) {
      value = value * 10 + ((d[i] & 0xff) - '0');
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
      i++;
    }
    cursor[0] = i;
    return i == start ? -1 : value;
  }
}
