package dev.symbolic.proguard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the class, method, file and line sit in one line of a stack trace.
 *
 * <p>The grammar is R8 retrace's default line expression, so that exactly the lines R8 rewrites
 * are rewritten here and the rest are copied: a frame {@code ...at <class>.<method>(<file>:<line>)}
 * anywhere in the line (so logcat prefixes and {@code java.base/} module prefixes pass through),
 * or an exception class at the start of a line or after {@code Caused by: }, {@code Suppressed: },
 * {@code Exception in thread "…" } and similar prefixes.
 */
final class StackTraceLine {
  /**
   * R8 8.5's pieces. An identifier is a run of characters other than white space, brackets,
   * parentheses, angle brackets, {@code ;} and {@code :} that does not start with a digit. R8
   * writes a class as {@code (id\\.)*id}; since an identifier may itself contain dots, that is the
   * same language as {@code id}, which this uses to avoid exponential backtracking.
   */
  private static final String IDENTIFIER = "[^\\d\\s\\[\\];:()<>][^\\s\\[\\];:()<>]*";
  private static final String METHOD = "(?:" + IDENTIFIER + "|\\<init\\>|\\<clinit\\>)";
  private static final Pattern PATTERN = Pattern.compile(
      "(?:.*?\\bat\\s+(?<frameClass>" + IDENTIFIER + ")\\.(?<method>" + METHOD + ")\\s*\\("
          + "(?<fileLine>.*)\\)\\p{Z}*(?:~\\[.*\\])?)"
          + "|(?:(?:(?:(?<prefixClass>" + IDENTIFIER + ")|.*)?[:\"]\\s+)?(?<exceptionClass>"
          + IDENTIFIER + ")(?:[:\\]].*)?)");

  /**
   * Lines longer than this are copied unchanged: no real frame is that long, and matching the
   * expression costs time quadratic in the length of the line.
   */
  static final int MAX_LINE_LENGTH = 8192;

  static final int NONE = -1;

  final String text;
  /** Start and end of the class name in the text; classStart is NONE when there is none. */
  final int classStart;
  final int classEnd;
  /** Method span, or NONE: the line is an exception line. */
  final int methodStart;
  final int methodEnd;
  /** File span, or NONE. */
  final int fileStart;
  final int fileEnd;
  /** Line span including its colon ({@code :12}), empty after the file when there is none. */
  final int lineStart;
  final int lineEnd;
  private StackTraceLine(String text, int[] spans) {
    this.text = text;
    this.classStart = spans[0];
    this.classEnd = spans[1];
    this.methodStart = spans[2];
    this.methodEnd = spans[3];
    this.fileStart = spans[4];
    this.fileEnd = spans[5];
    this.lineStart = spans[6];
    this.lineEnd = spans[7];
  }

  static StackTraceLine parse(String text) {
    int[] spans = {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE};
    Matcher m = PATTERN.matcher(text);
    if (text.length() <= MAX_LINE_LENGTH && m.matches()) {
      if (m.start("frameClass") >= 0) {
        setClass(spans, m, "frameClass");
        spans[2] = m.start("method");
        spans[3] = m.end("method");
        splitFileAndLine(spans, m.start("fileLine"), m.group("fileLine"));
      } else {
        String group = classGroup(m, "prefixClass");
        if (group == null) {
          group = classGroup(m, "exceptionClass");
        }
        if (group != null) {
          setClass(spans, m, group);
        }
      }
    }
    return new StackTraceLine(text, spans);
  }

  /** A class name may carry a module or class loader prefix ({@code java.base/}); R8 skips it. */
  private static void setClass(int[] spans, Matcher m, String group) {
    spans[0] = m.start(group) + m.group(group).lastIndexOf('/') + 1;
    spans[1] = m.end(group);
  }

  /**
   * Splits what is between the parentheses as R8 does: trailing digits after a colon are the
   * line, the line span keeping its colon; otherwise all of it is the file and the line span is
   * empty at its end.
   */
  private static void splitFileAndLine(int[] spans, int start, String content) {
    int fileLength = content.length();
    for (int i = content.length(); i > 0; i--) {
      char c = content.charAt(i - 1);
      if (c == ':' && i < content.length()) {
        fileLength = i - 1;
        break;
      }
      if (!Character.isDigit(c)) {
        break;
      }
    }
    spans[4] = start;
    spans[5] = start + fileLength;
    spans[6] = start + fileLength;
    spans[7] = start + content.length();
  }

  /** R8 never treats the word "Suppressed" as a class name. */
  private static String classGroup(Matcher m, String name) {
    if (m.start(name) < 0 || m.group(name).equals("Suppressed")) {
      return null;
    }
    return name;
  }

  boolean hasClass() {
    return classStart != NONE;
  }

  boolean isFrame() {
    return methodStart != NONE;
  }

  boolean hasFile() {
    return fileStart != NONE;
  }

  boolean hasLineSpan() {
    return lineStart != NONE;
  }

  String className() {
    return text.substring(classStart, classEnd);
  }

  String methodName() {
    return text.substring(methodStart, methodEnd);
  }

  String fileName() {
    return text.substring(fileStart, fileEnd);
  }

  String lineText() {
    return text.substring(lineStart, lineEnd);
  }

  /** The line number, or NONE when there is none or it is not a number, as R8 reads it. */
  int lineNumber() {
    if (lineStart == NONE) {
      return NONE;
    }
    int from = lineStart < lineEnd && text.charAt(lineStart) == ':' ? lineStart + 1 : lineStart;
    if (from == lineEnd || lineEnd - from > 10) {
      return NONE;
    }
    long value = 0;
    for (int i = from; i < lineEnd; i++) {
      int digit = Character.digit(text.charAt(i), 10);
      if (digit < 0) {
        return NONE;
      }
      value = value * 10 + digit;
    }
    return value > Integer.MAX_VALUE ? NONE : (int) value;
  }
}
