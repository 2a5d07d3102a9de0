package dev.symbolic.proguard;

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

  /** Parses {@code com.Foo -> a:}; null if the line is not a class header. */
  static ClassHeader parseClassHeader(String line) {
    String s = line.strip();
    if (s.isEmpty() || !s.endsWith(":")) {
      return null;
    }
    int arrow = s.indexOf("->");
    if (arrow <= 0) {
      return null;
    }
    String original = s.substring(0, arrow).strip();
    String obfuscated = s.substring(arrow + 2, s.length() - 1).strip();
    if (original.isEmpty() || obfuscated.isEmpty() || hasSpace(original) || hasSpace(obfuscated)) {
      return null;
    }
    return new ClassHeader(original, obfuscated);
  }

  private static boolean hasSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
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
    boolean synthesized;
    boolean outline;
    String residualSignature;
    int[] outlinePositions;
    String outlineTarget;
    List<RewriteFrameRule> rewriteFrames = List.of();

    MemberMapping build() {
      return new MemberMapping(
          method, type, originalClass, originalName, arguments, obfuscatedName,
          minifiedStart, minifiedEnd, originalStart, originalEnd, synthesized, outline,
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

  /**
   * Parses member lines and the metadata comments that follow them; comments before the first
   * member are the class's and are skipped here.
   */
  static List<MemberMapping> parseMembers(
      List<String> lines, int from, MappingHeader mapHeader, Problems problems) {
    List<Draft> drafts = new ArrayList<>();
    Draft last = null;
    for (int i = from; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.charAt(0) == '#') {
        String body = s.substring(1).strip();
        if (last == null || !body.startsWith("{")) {
          continue;
        }
        Map<String, Object> json = Json.parseObject(body);
        if (json == null || !(json.get("id") instanceof String)) {
          problems.brokenLines++;
        } else if (!applyMemberInfo(last, (String) json.get("id"), json, mapHeader)) {
          problems.brokenLines++;
        }
        continue;
      }
      Draft draft = parseMember(s);
      if (draft == null) {
        problems.brokenLines++;
        continue;
      }
      drafts.add(draft);
      last = draft;
    }
    List<MemberMapping> members = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      members.add(d.build());
    }
    return members;
  }

  /** Parses a whole class section eagerly: header line, class comments, members. */
  static ClassMapping parseClass(
      ClassHeader header, List<String> lines, MappingHeader mapHeader, Problems problems) {
    ClassInfo info = parseClassInfo(lines, mapHeader);
    List<MemberMapping> members = parseMembers(lines, 1, mapHeader, problems);
    return new ClassMapping(
        header.obfuscatedName, header.originalName, info.sourceFile, info.synthesized, members);
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
   * Parses a member line without its indentation: {@code [a:b:]type name[(args)][:c[:d]] -> obf}.
   */
  private static Draft parseMember(String s) {
    Draft d = new Draft();
    int[] cursor = {0};
    int n = s.length();
    // Optional minified range "a:b:" (or "a:").
    if (n > 0 && isDigit(s.charAt(0))) {
      long start = number(s, cursor);
      long end = start;
      if (cursor[0] < n && s.charAt(cursor[0]) == ':' && cursor[0] + 1 < n
          && isDigit(s.charAt(cursor[0] + 1))) {
        cursor[0]++;
        end = number(s, cursor);
      }
      if (start < 0 || end < 0 || cursor[0] >= n || s.charAt(cursor[0]) != ':') {
        return null;
      }
      cursor[0]++;
      d.minifiedStart = (int) start;
      d.minifiedEnd = (int) end;
    }
    int arrow = s.indexOf("->", cursor[0]);
    if (arrow < 0) {
      return null;
    }
    String obfuscated = s.substring(arrow + 2).strip();
    if (obfuscated.isEmpty() || hasSpace(obfuscated)) {
      return null;
    }
    String left = s.substring(cursor[0], arrow).strip();
    int space = left.indexOf(' ');
    if (space <= 0) {
      return null;
    }
    d.type = left.substring(0, space);
    String rest = left.substring(space + 1).strip();
    int paren = rest.indexOf('(');
    String qualifiedName;
    if (paren >= 0) {
      int close = rest.indexOf(')', paren);
      if (close < 0) {
        return null;
      }
      d.method = true;
      qualifiedName = rest.substring(0, paren);
      d.arguments = rest.substring(paren + 1, close).replace(" ", "");
      String tail = rest.substring(close + 1).strip();
      if (!tail.isEmpty()) {
        if (tail.charAt(0) != ':') {
          return null;
        }
        int[] c = {1};
        long from = number(tail, c);
        long to = from;
        if (c[0] < tail.length() && tail.charAt(c[0]) == ':') {
          c[0]++;
          to = number(tail, c);
        }
        if (from < 0 || to < 0 || c[0] != tail.length()) {
          return null;
        }
        d.originalStart = (int) from;
        d.originalEnd = (int) to;
      }
    } else {
      if (d.minifiedStart != MemberMapping.NONE) {
        return null;
      }
      d.method = false;
      qualifiedName = rest;
      d.arguments = "";
    }
    if (qualifiedName.isEmpty() || hasSpace(qualifiedName)) {
      return null;
    }
    // A qualified name (inlined from another class): the last dot splits class and member,
    // except inside a method name such as "lambda$x$0", which has no dot.
    int dot = qualifiedName.lastIndexOf('.');
    if (dot > 0 && dot < qualifiedName.length() - 1) {
      d.originalClass = qualifiedName.substring(0, dot);
      d.originalName = qualifiedName.substring(dot + 1);
    } else {
      d.originalClass = "";
      d.originalName = qualifiedName;
    }
    d.obfuscatedName = obfuscated;
    return d;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Reads decimal digits at cursor; -1 if there are none or the value exceeds an int. */
  private static long number(String s, int[] cursor) {
    int i = cursor[0];
    long value = 0;
    int start = i;
    while (i < s.length() && isDigit(s.charAt(i))) {
      value = value * 10 + (s.charAt(i) - '0');
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
      i++;
    }
    cursor[0] = i;
    return i == start ? -1 : value;
  }
}
