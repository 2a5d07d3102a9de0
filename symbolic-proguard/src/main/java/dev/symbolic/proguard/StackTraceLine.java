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

  /**
   * The compiled expression, in a holder of its own: compiling it takes milliseconds, which the
   * byte path (using only this class's character classes) never needs to spend.
   */
  private static final class Expression {
    static final Pattern PATTERN = Pattern.compile(
        "(?:.*?\\bat\\s+(?<frameClass>" + IDENTIFIER + ")\\.(?<method>" + METHOD + ")\\s*\\("
            + "(?<fileLine>.*)\\)\\p{Z}*(?:~\\[.*\\])?)"
            + "|(?:(?:(?:(?<prefixClass>" + IDENTIFIER + ")|.*)?[:\"]\\s+)?(?<exceptionClass>"
            + IDENTIFIER + ")(?:[:\\]].*)?)");
  }

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
    if (parsePlainFrame(text, spans)) {
      return new StackTraceLine(text, spans);
    }
    return parseWithExpression(text);
  }

  /** Parses with R8's expression alone; {@link #parse} gives the same answer, faster. */
  static StackTraceLine parseWithExpression(String text) {
    int[] spans = {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE};
    Matcher m = Expression.PATTERN.matcher(text);
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

  /**
   * Recognizes, without the regular expression, the shape nearly every frame has: white space,
   * {@code at}, white space, {@code class.method}, optional white space, {@code (…)} and nothing
   * after but space separators. For such a line the expression's first alternative matches at
   * this very {@code at}, so the spans found here are the ones it would find; any other line
   * goes to the expression.
   */
  private static boolean parsePlainFrame(String text, int[] spans) {
    int n = text.length();
    int i = 0;
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    if (i + 2 >= n || text.charAt(i) != 'a' || text.charAt(i + 1) != 't'
        || !isSpace(text.charAt(i + 2))) {
      return false;
    }
    i += 2;
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    int runStart = i;
    while (i < n && isIdentifierPart(text.charAt(i))) {
      i++;
    }
    int runEnd = i;
    int classEnd;
    int methodStart;
    int methodEnd;
    if (text.startsWith("<init>", i) || text.startsWith("<clinit>", i)) {
      // The run ends in the dot before a constructor name.
      if (runEnd - runStart < 2 || text.charAt(runEnd - 1) != '.') {
        return false;
      }
      classEnd = runEnd - 1;
      methodStart = runEnd;
      methodEnd = text.indexOf('>', runEnd) + 1;
    } else {
      // The longest class: the last dot followed by a method name that does not start with a
      // digit.
      classEnd = -1;
      for (int d = runEnd - 2; d > runStart; d--) {
        if (text.charAt(d) == '.' && !isAsciiDigit(text.charAt(d + 1))) {
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
    if (isAsciiDigit(text.charAt(runStart))) {
      return false;
    }
    i = methodEnd;
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    if (i >= n || text.charAt(i) != '(') {
      return false;
    }
    int open = i;
    int close = n - 1;
    while (close > open && Character.getType(text.charAt(close)) >= Character.SPACE_SEPARATOR
        && Character.getType(text.charAt(close)) <= Character.PARAGRAPH_SEPARATOR) {
      close--;
    }
    if (close <= open || text.charAt(close) != ')') {
      return false;
    }
    for (int k = open + 1; k < close; k++) {
      char c = text.charAt(k);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    int slash = text.lastIndexOf('/', classEnd - 1);
    spans[0] = slash >= runStart ? slash + 1 : runStart;
    spans[1] = classEnd;
    spans[2] = methodStart;
    spans[3] = methodEnd;
    splitFileAndLine(spans, open + 1, text.substring(open + 1, close));
    return true;
  }

  /** {@code \\d}: only ASCII digits. */
  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** White space as {@code \\s} defines it. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** A character R8 allows in identifiers: anything but white space and {@code []();:<>}. */
  static boolean isIdentifierPart(char c) {
    return !isSpace(c) && c != '[' && c != ']' && c != ';' && c != ':' && c != '(' && c != ')'
        && c != '<' && c != '>';
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

  /** The spans, for tests: class, method, file and line start and end. */
  int[] spans() {
    return new int[] {classStart, classEnd, methodStart, methodEnd, fileStart, fileEnd, lineStart,
        lineEnd};
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
