package dev.symbolic.sourcemap;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fast, error-tolerant JavaScript tokenizer for (minified) generated code.
 *
 * <p>It produces identifiers (including {@code \\u} escapes and non-ASCII ID_Start/ID_Continue
 * characters), keywords, private names ({@code #x}), numbers (hex/octal/binary, separators,
 * BigInt), strings (escapes, line continuations), template pieces (nested substitutions with a
 * brace stack), regular expression literals and punctuators. Line and block comments, HTML-like
 * {@code <!--} and line-leading {@code -->} comments and a leading hashbang are skipped.
 *
 * <p>Regex versus division is decided from the previous significant token, as acorn and esprima
 * do: after {@code )} (unless it closes the head of {@code if}/{@code while}/{@code for}/{@code
 * with}), {@code ]}, a {@code }} that closes an object literal, identifiers, {@code
 * this}/{@code super}/literals, a {@code /} divides; after other punctuators and keywords such as
 * {@code return}/{@code typeof}/{@code case}/{@code in}/{@code of} (in a {@code for} head) it
 * starts a regular expression. Whether an opening brace starts a block or an object literal is
 * tracked on a bracket stack with a conservative rule.
 *
 * <p>The tokenizer never throws on any input: malformed input yields best-effort tokens
 * ({@link Kind#INVALID} for stray characters, unterminated strings/comments/templates end at the
 * line or text end, an unterminated regex falls back to a division punctuator) and every loop
 * advances, so tokenizing always terminates in linear time.
 */
final class JsTokenizer {

  /** Token kinds. Keywords are those acorn gives their own token type; all other words are identifiers. */
  enum Kind {
    IDENTIFIER,
    KEYWORD,
    PRIVATE_NAME,
    NUMBER,
    STRING,
    TEMPLATE,
    REGEX,
    PUNCTUATOR,
    INVALID;

    private static final Kind[] VALUES = values();
  }

  /** Set when a line terminator occurs between the previous token and this one. */
  static final int FLAG_NEWLINE_BEFORE = 1;
  /** Set on an opening-brace token the tokenizer classified as an expression (object literal). */
  static final int FLAG_BRACE_EXPRESSION = 2;
  /** Set on identifier tokens spelled with {@code \\u} escapes. */
  static final int FLAG_ESCAPED = 4;
  /** Set on a template piece that ends with a substitution opener ({@code ${}). */
  static final int FLAG_SUBSTITUTION = 8;

  /** The tokens of one source text, stored column-wise. */
  static final class Tokens {
    private final String source;
    private final JsLineIndex lines;
    private int count;
    private byte[] kinds;
    private byte[] flags;
    private int[] starts;
    private int[] ends;
    private int[] lineNumbers;
    private int[] columns;

    private Tokens(String source, JsLineIndex lines, int capacity) {
      this.source = source;
      this.lines = lines;
      kinds = new byte[capacity];
      flags = new byte[capacity];
      starts = new int[capacity];
      ends = new int[capacity];
      lineNumbers = new int[capacity];
      columns = new int[capacity];
    }

    private void add(Kind kind, int start, int end, int flag, int line, int column) {
      if (count == kinds.length) {
        int cap = Math.max(16, count * 2);
        kinds = Arrays.copyOf(kinds, cap);
        flags = Arrays.copyOf(flags, cap);
        starts = Arrays.copyOf(starts, cap);
        ends = Arrays.copyOf(ends, cap);
        lineNumbers = Arrays.copyOf(lineNumbers, cap);
        columns = Arrays.copyOf(columns, cap);
      }
      kinds[count] = (byte) kind.ordinal();
      flags[count] = (byte) flag;
      starts[count] = start;
      ends[count] = end;
      lineNumbers[count] = line;
      columns[count] = column;
      count++;
    }

    String source() {
      return source;
    }

    JsLineIndex lineIndex() {
      return lines;
    }

    int count() {
      return count;
    }

    Kind kind(int i) {
      return Kind.VALUES[kinds[i]];
    }

    int flags(int i) {
      return flags[i];
    }

    boolean newlineBefore(int i) {
      return (flags[i] & FLAG_NEWLINE_BEFORE) != 0;
    }

    /** Start offset (UTF-16, inclusive). */
    int start(int i) {
      return starts[i];
    }

    /** End offset (UTF-16, exclusive). */
    int end(int i) {
      return ends[i];
    }

    /** 0-based line of the token start. */
    int line(int i) {
      return lineNumbers[i];
    }

    /** 0-based UTF-16 column of the token start. */
    int column(int i) {
      return columns[i];
    }

    /** The raw source text of token {@code i}. */
    String text(int i) {
      return source.substring(starts[i], ends[i]);
    }

    /** True if token {@code i} has exactly the source text {@code s}. */
    boolean is(int i, String s) {
      int len = ends[i] - starts[i];
      return len == s.length() && source.regionMatches(starts[i], s, 0, len);
    }

    /** True if token {@code i} is the single character {@code c}. */
    boolean is(int i, char c) {
      return ends[i] - starts[i] == 1 && source.charAt(starts[i]) == c;
    }

    /**
     * The identifier name of an identifier/keyword/private-name token, with {@code \\u} escapes
     * decoded (a private name keeps its {@code #}); the raw text for other kinds.
     */
    String value(int i) {
      if ((flags[i] & FLAG_ESCAPED) == 0) {
        return text(i);
      }
      return decodeEscapes(source, starts[i], ends[i]);
    }

    @Override
    public String toString() {
      return "Tokens[count=" + count + "]";
    }
  }

  // Bracket stack entry types.
  private static final byte PAREN = 1;
  private static final byte PAREN_CONTROL = 2;
  private static final byte BRACKET = 3;
  private static final byte BRACE_BLOCK = 4;
  private static final byte BRACE_EXPR = 5;
  private static final byte TEMPLATE = 6;

  private final String src;
  private final int n;
  private final Tokens out;
  private final int[] lineStarts;
  private int lineCursor;

  private int pos;
  private byte[] stack = new byte[32];
  private int[] ternaries = new int[33];
  private int depth;

  // State describing the previous significant token.
  private Kind prevKind;
  private int prevStart;
  private int prevEnd;
  private boolean regexAllowed = true;
  private boolean prevDotted; // the token before the previous one was '.' or '?.'
  private boolean lastColonTernary;
  private boolean newline;

  private JsTokenizer(String src) {
    this.src = src;
    this.n = src.length();
    JsLineIndex index = JsLineIndex.of(src);
    int[] starts = new int[index.lineCount()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = index.lineStart(i);
    }
    this.lineStarts = starts;
    this.out = new Tokens(src, index, Math.max(16, n / 3));
  }

  /** Tokenizes {@code source} completely. Never throws (except on a null argument). */
  static Tokens tokenize(String source) {
    Objects.requireNonNull(source, "source");
    JsTokenizer t = new JsTokenizer(source);
    t.run();
    return t.out;
  }

  private void run() {
    if (n >= 2 && src.charAt(0) == '#' && src.charAt(1) == '!') {
      pos = 2;
      while (pos < n && !JsLineIndex.isLineTerminator(src.charAt(pos))) {
        pos++;
      }
    }
    while (true) {
      skipTrivia();
      if (pos >= n) {
        break;
      }
      int before = pos;
      next();
      if (pos <= before) { // defensive: guarantee progress
        pos = before + 1;
      }
      newline = false;
    }
  }

  private void skipTrivia() {
    while (pos < n) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        newline = true;
        pos++;
      } else if (c == '/' && pos + 1 < n && src.charAt(pos + 1) == '/') {
        skipLineComment(pos + 2);
      } else if (c == '/' && pos + 1 < n && src.charAt(pos + 1) == '*') {
        int end = src.indexOf("*/", pos + 2);
        int stop = end < 0 ? n : end;
        for (int i = pos + 2; i < stop; i++) {
          if (JsLineIndex.isLineTerminator(src.charAt(i))) {
            newline = true;
            break;
          }
        }
        pos = end < 0 ? n : end + 2;
      } else if (c == '<' && src.startsWith("<!--", pos)) {
        skipLineComment(pos + 4);
      } else if (c == '-' && (newline || out.count() == 0) && src.startsWith("-->", pos)) {
        skipLineComment(pos + 3);
      } else if (c == 0x0B || c == 0x0C || c == 0xA0 || c == 0xFEFF
          || (c > 0x7F && Character.getType(c) == Character.SPACE_SEPARATOR)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private void skipLineComment(int from) {
    int p = from;
    while (p < n && !JsLineIndex.isLineTerminator(src.charAt(p))) {
      p++;
    }
    pos = p;
  }

  private void emit(Kind kind, int start, int end, int extraFlags) {
    while (lineCursor + 1 < lineStarts.length && lineStarts[lineCursor + 1] <= start) {
      lineCursor++;
    }
    int flags = extraFlags | (newline ? FLAG_NEWLINE_BEFORE : 0);
    out.add(kind, start, end, flags, lineCursor, start - lineStarts[lineCursor]);
    prevDotted = prevKind == Kind.PUNCTUATOR && isDot(prevStart, prevEnd);
    prevKind = kind;
    prevStart = start;
    prevEnd = end;
  }

  private boolean isDot(int s, int e) {
    int len = e - s;
    return (len == 1 && src.charAt(s) == '.')
        || (len == 2 && src.charAt(s) == '?' && src.charAt(s + 1) == '.');
  }

  private void next() {
    int start = pos;
    char c = src.charAt(pos);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_') {
        readWord(start);
        return;
      }
      if (c >= '0' && c <= '9') {
        pos = readNumber(start);
        emit(Kind.NUMBER, start, pos, 0);
        regexAllowed = false;
        return;
      }
      switch (c) {
        case '"':
        case '\'':
          pos = readString(start, c);
          emit(Kind.STRING, start, pos, 0);
          regexAllowed = false;
          return;
        case '`':
          readTemplate(start, start + 1);
          return;
        case '\\':
          if (pos + 1 < n && src.charAt(pos + 1) == 'u') {
            readWord(start);
          } else {
            pos = start + 1;
            emitInvalid(start);
          }
          return;
        case '#':
          if (pos + 1 < n && isIdStartAt(pos + 1)) {
            pos = readWordEnd(start + 1);
            emit(Kind.PRIVATE_NAME, start, pos, hasBackslash(start, pos) ? FLAG_ESCAPED : 0);
            regexAllowed = false;
          } else {
            pos = start + 1;
            emitInvalid(start);
          }
          return;
        case '.':
          if (pos + 1 < n && isDigit(src.charAt(pos + 1))) {
            pos = readNumber(start);
            emit(Kind.NUMBER, start, pos, 0);
            regexAllowed = false;
            return;
          }
          break;
        case '/':
          if (regexAllowed) {
            int end = readRegex(start);
            if (end > 0) {
              pos = end;
              emit(Kind.REGEX, start, pos, 0);
              regexAllowed = false;
              return;
            }
          }
          break;
        case '}':
          if (depth > 0 && stack[depth - 1] == TEMPLATE) {
            depth--;
            readTemplate(start, start + 1);
            return;
          }
          break;
        default:
          break;
      }
      int end = punctuatorEnd(start);
      if (end < 0) {
        pos = start + 1;
        emitInvalid(start);
        return;
      }
      pos = end;
      punctuator(start, end);
      return;
    }
    // Non-ASCII.
    if (isIdStartAt(pos)) {
      readWord(start);
      return;
    }
    pos = start + (Character.isHighSurrogate(c) && pos + 1 < n
        && Character.isLowSurrogate(src.charAt(pos + 1)) ? 2 : 1);
    emitInvalid(start);
  }

  private void emitInvalid(int start) {
    emit(Kind.INVALID, start, pos, 0);
    regexAllowed = true;
  }

  // ---------------------------------------------------------------- words

  private void readWord(int start) {
    boolean dotted = prevKind == Kind.PUNCTUATOR && isDot(prevStart, prevEnd);
    int end = readWordEnd(start);
    pos = end;
    boolean escaped = hasBackslash(start, end);
    boolean keyword = !escaped && isKeyword(start, end);
    Kind prev = prevKind;
    int pStart = prevStart;
    int pEnd = prevEnd;
    emit(keyword ? Kind.KEYWORD : Kind.IDENTIFIER, start, end, escaped ? FLAG_ESCAPED : 0);
    if (dotted) {
      regexAllowed = false;
      return;
    }
    int len = end - start;
    if (keyword) {
      regexAllowed = !(matches(start, len, "this") || matches(start, len, "super")
          || matches(start, len, "null") || matches(start, len, "true")
          || matches(start, len, "false"));
    } else if (matches(start, len, "yield") || matches(start, len, "await")) {
      regexAllowed = true;
    } else if (matches(start, len, "of")) {
      // `for (x of /re/)`: only a regex in a for head after a binding.
      regexAllowed = depth > 0 && stack[depth - 1] == PAREN_CONTROL
          && (prev == Kind.IDENTIFIER
              || (prev == Kind.PUNCTUATOR && pEnd - pStart == 1
                  && (src.charAt(pStart) == ']' || src.charAt(pStart) == '}')));
    } else {
      regexAllowed = false;
    }
  }

  private boolean matches(int start, int len, String word) {
    return len == word.length() && src.regionMatches(start, word, 0, len);
  }

  private boolean hasBackslash(int start, int end) {
    for (int i = start; i < end; i++) {
      if (src.charAt(i) == '\\') {
        return true;
      }
    }
    return false;
  }

  /** Reads identifier characters from {@code p}; returns the end (at least {@code p + 1}). */
  private int readWordEnd(int p) {
    int start = p;
    while (p < n) {
      char c = src.charAt(p);
      if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '$' || c == '_') {
          p++;
        } else if (c == '\\' && p + 1 < n && src.charAt(p + 1) == 'u') {
          p = skipUnicodeEscape(p);
        } else {
          break;
        }
      } else {
        int cp = src.codePointAt(p);
        if (isIdPart(cp)) {
          p += Character.charCount(cp);
        } else {
          break;
        }
      }
    }
    return p > start ? p : start + 1;
  }

  /** {@code p} is at {@code \\u}; returns the offset after the escape (best effort). */
  private int skipUnicodeEscape(int p) {
    p += 2;
    if (p < n && src.charAt(p) == '{') {
      int q = p + 1;
      while (q < n && q - p <= 8 && isHexDigit(src.charAt(q))) {
        q++;
      }
      if (q < n && src.charAt(q) == '}') {
        q++;
      }
      return q;
    }
    int q = p;
    while (q < n && q - p < 4 && isHexDigit(src.charAt(q))) {
      q++;
    }
    return q;
  }

  private boolean isIdStartAt(int p) {
    char c = src.charAt(p);
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_'
          || (c == '\\' && p + 1 < n && src.charAt(p + 1) == 'u');
    }
    int cp = src.codePointAt(p);
    return Character.isUnicodeIdentifierStart(cp);
  }

  static boolean isIdPart(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
          || cp == '$' || cp == '_';
    }
    return cp == 0x200C || cp == 0x200D
        || (Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp));
  }

  private boolean isKeyword(int start, int end) {
    int len = end - start;
    if (len < 2 || len > 10) {
      return false;
    }
    char c = src.charAt(start);
    if (c < 'b' || c > 'w') {
      return false;
    }
    switch (src.substring(start, end)) {
      case "break":
      case "case":
      case "catch":
      case "continue":
      case "debugger":
      case "default":
      case "do":
      case "else":
      case "finally":
      case "for":
      case "function":
      case "if":
      case "return":
      case "switch":
      case "throw":
      case "try":
      case "var":
      case "while":
      case "with":
      case "null":
      case "true":
      case "false":
      case "instanceof":
      case "typeof":
      case "void":
      case "delete":
      case "new":
      case "in":
      case "this":
      case "const":
      case "class":
      case "extends":
      case "export":
      case "import":
      case "super":
        return true;
      default:
        return false;
    }
  }

  /** Decodes {@code \\uXXXX} and {@code \\u{X…}} escapes in an identifier; best effort. */
  static String decodeEscapes(String s, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    int p = start;
    while (p < end) {
      char c = s.charAt(p);
      if (c == '\\' && p + 1 < end && s.charAt(p + 1) == 'u') {
        int q = p + 2;
        int cp = 0;
        boolean ok = false;
        if (q < end && s.charAt(q) == '{') {
          q++;
          int digits = 0;
          while (q < end && isHexDigit(s.charAt(q)) && digits < 8) {
            cp = cp * 16 + Character.digit(s.charAt(q), 16);
            q++;
            digits++;
          }
          if (q < end && s.charAt(q) == '}' && digits > 0 && cp <= 0x10FFFF) {
            q++;
            ok = true;
          }
        } else {
          int digits = 0;
          while (q < end && digits < 4 && isHexDigit(s.charAt(q))) {
            cp = cp * 16 + Character.digit(s.charAt(q), 16);
            q++;
            digits++;
          }
          ok = digits == 4;
        }
        if (ok) {
          sb.appendCodePoint(cp);
        } else {
          sb.append(s, p, q);
        }
        p = Math.max(q, p + 1);
      } else {
        sb.append(c);
        p++;
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- literals

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private int readNumber(int p) {
    char c = src.charAt(p);
    if (c == '0' && p + 1 < n) {
      char x = src.charAt(p + 1);
      if (x == 'x' || x == 'X' || x == 'o' || x == 'O' || x == 'b' || x == 'B') {
        p += 2;
        while (p < n && (isHexDigit(src.charAt(p)) || src.charAt(p) == '_')) {
          p++;
        }
        if (p < n && src.charAt(p) == 'n') {
          p++;
        }
        return p;
      }
    }
    while (p < n && (isDigit(src.charAt(p)) || src.charAt(p) == '_')) {
      p++;
    }
    if (p < n && src.charAt(p) == '.') {
      p++;
      while (p < n && (isDigit(src.charAt(p)) || src.charAt(p) == '_')) {
        p++;
      }
    }
    if (p < n && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
      int q = p + 1;
      if (q < n && (src.charAt(q) == '+' || src.charAt(q) == '-')) {
        q++;
      }
      if (q < n && isDigit(src.charAt(q))) {
        p = q;
        while (p < n && (isDigit(src.charAt(p)) || src.charAt(p) == '_')) {
          p++;
        }
      }
    }
    if (p < n && src.charAt(p) == 'n') {
      p++;
    }
    return p;
  }

  /** Reads a string literal; an unterminated one ends before the line terminator. */
  private int readString(int start, char quote) {
    int p = start + 1;
    while (p < n) {
      char c = src.charAt(p);
      if (c == quote) {
        return p + 1;
      }
      if (c == '\\') {
        p++;
        if (p < n && src.charAt(p) == '\r' && p + 1 < n && src.charAt(p + 1) == '\n') {
          p++;
        }
        p++;
        continue;
      }
      if (c == '\n' || c == '\r') {
        return p;
      }
      p++;
    }
    return n;
  }

  /** Reads template characters from {@code p} (after a backtick or closing brace) to the next backtick or substitution. */
  private void readTemplate(int start, int p) {
    boolean head = false;
    while (p < n) {
      char c = src.charAt(p);
      if (c == '`') {
        p++;
        break;
      }
      if (c == '\\') {
        p += 2;
        continue;
      }
      if (c == '$' && p + 1 < n && src.charAt(p + 1) == '{') {
        p += 2;
        head = true;
        break;
      }
      p++;
    }
    pos = Math.min(p, n);
    emit(Kind.TEMPLATE, start, pos, head ? FLAG_SUBSTITUTION : 0);
    if (head) {
      push(TEMPLATE);
      regexAllowed = true;
    } else {
      regexAllowed = false;
    }
  }

  /** Returns the end of a regex literal at {@code start}, or -1 if it is unterminated on its line. */
  private int readRegex(int start) {
    int p = start + 1;
    boolean inClass = false;
    while (p < n) {
      char c = src.charAt(p);
      if (JsLineIndex.isLineTerminator(c)) {
        return -1;
      }
      if (c == '\\') {
        if (p + 1 < n && JsLineIndex.isLineTerminator(src.charAt(p + 1))) {
          return -1;
        }
        p += 2;
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        p++;
        while (p < n) {
          int cp = src.codePointAt(p);
          if (!isIdPart(cp)) {
            break;
          }
          p += Character.charCount(cp);
        }
        return p;
      }
      p++;
    }
    return -1;
  }

  // ---------------------------------------------------------------- punctuators

  private char at(int p) {
    return p < n ? src.charAt(p) : '\0';
  }

  private int punctuatorEnd(int p) {
    char c = src.charAt(p);
    char c1 = at(p + 1);
    char c2 = at(p + 2);
    switch (c) {
      case '{': case '}': case '(': case ')': case '[': case ']': case ';': case ',':
      case '~': case ':': case '@':
        return p + 1;
      case '.':
        return c1 == '.' && c2 == '.' ? p + 3 : p + 1;
      case '?':
        if (c1 == '?') {
          return c2 == '=' ? p + 3 : p + 2;
        }
        if (c1 == '.' && !isDigit(c2)) {
          return p + 2;
        }
        return p + 1;
      case '=':
        if (c1 == '=') {
          return c2 == '=' ? p + 3 : p + 2;
        }
        return c1 == '>' ? p + 2 : p + 1;
      case '!':
        if (c1 == '=') {
          return c2 == '=' ? p + 3 : p + 2;
        }
        return p + 1;
      case '+': case '-':
        return c1 == c || c1 == '=' ? p + 2 : p + 1;
      case '*':
        if (c1 == '*') {
          return c2 == '=' ? p + 3 : p + 2;
        }
        return c1 == '=' ? p + 2 : p + 1;
      case '%': case '^': case '/':
        return c1 == '=' ? p + 2 : p + 1;
      case '&': case '|':
        if (c1 == c) {
          return c2 == '=' ? p + 3 : p + 2;
        }
        return c1 == '=' ? p + 2 : p + 1;
      case '<':
        if (c1 == '<') {
          return c2 == '=' ? p + 3 : p + 2;
        }
        return c1 == '=' ? p + 2 : p + 1;
      case '>':
        if (c1 == '>') {
          if (c2 == '>') {
            return at(p + 3) == '=' ? p + 4 : p + 3;
          }
          return c2 == '=' ? p + 3 : p + 2;
        }
        return c1 == '=' ? p + 2 : p + 1;
      default:
        return -1;
    }
  }

  private void push(byte type) {
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
      ternaries = Arrays.copyOf(ternaries, depth * 2 + 1);
    }
    stack[depth++] = type;
    ternaries[depth] = 0;
  }

  private byte pop() {
    return depth > 0 ? stack[--depth] : 0;
  }

  private void punctuator(int start, int end) {
    char c = src.charAt(start);
    int len = end - start;
    boolean colonTernary = false;
    int flags = 0;
    boolean regex = true;
    if (len == 1) {
      switch (c) {
        case '(':
          push(isControlParenHead() ? PAREN_CONTROL : PAREN);
          break;
        case '[':
          push(BRACKET);
          break;
        case '{':
          if (braceIsExpression()) {
            push(BRACE_EXPR);
            flags = FLAG_BRACE_EXPRESSION;
          } else {
            push(BRACE_BLOCK);
          }
          break;
        case ')': {
          byte top = depth > 0 ? stack[depth - 1] : 0;
          if (top != TEMPLATE) {
            pop();
          }
          regex = top == PAREN_CONTROL;
          break;
        }
        case ']': {
          if (depth > 0 && stack[depth - 1] != TEMPLATE) {
            pop();
          }
          regex = false;
          break;
        }
        case '}': {
          byte top = pop();
          regex = top != BRACE_EXPR;
          break;
        }
        case '?':
          ternaries[depth]++;
          break;
        case ':':
          if (ternaries[depth] > 0) {
            ternaries[depth]--;
            colonTernary = true;
          }
          break;
        case ';':
          ternaries[depth] = 0;
          break;
        default:
          break;
      }
    } else if (len == 2 && (c == '+' || c == '-') && src.charAt(start + 1) == c) {
      regex = false;
    }
    emit(Kind.PUNCTUATOR, start, end, flags);
    regexAllowed = regex;
    lastColonTernary = colonTernary;
  }

  /** Whether a '(' now opens the head of if/while/for/with (so ')' may precede a regex). */
  private boolean isControlParenHead() {
    if (prevKind == Kind.KEYWORD && !prevDotted) {
      int len = prevEnd - prevStart;
      return matches(prevStart, len, "if") || matches(prevStart, len, "while")
          || matches(prevStart, len, "for") || matches(prevStart, len, "with");
    }
    if (prevKind == Kind.IDENTIFIER && matches(prevStart, prevEnd - prevStart, "await")) {
      int count = out.count();
      return count >= 2 && out.kind(count - 2) == Kind.KEYWORD && out.is(count - 2, "for");
    }
    return false;
  }

  /** Conservative block-versus-object-literal decision for a '{' at the current position. */
  private boolean braceIsExpression() {
    if (prevKind == null) {
      return false;
    }
    int len = prevEnd - prevStart;
    switch (prevKind) {
      case PUNCTUATOR: {
        char c = src.charAt(prevStart);
        if (len == 1) {
          switch (c) {
            case ')': case ';': case '{': case '}': case ']':
              return false;
            case ':': {
              if (lastColonTernary) {
                return true;
              }
              byte top = depth > 0 ? stack[depth - 1] : 0;
              return top == BRACE_EXPR || top == PAREN || top == PAREN_CONTROL || top == BRACKET
                  || top == TEMPLATE;
            }
            default:
              return true;
          }
        }
        if (len == 2 && c == '=' && src.charAt(prevStart + 1) == '>') {
          return false;
        }
        return regexAllowed;
      }
      case KEYWORD:
        if (prevDotted) {
          return false;
        }
        if (matches(prevStart, len, "return")) {
          return !newline;
        }
        return matches(prevStart, len, "typeof") || matches(prevStart, len, "instanceof")
            || matches(prevStart, len, "in") || matches(prevStart, len, "new")
            || matches(prevStart, len, "delete") || matches(prevStart, len, "void")
            || matches(prevStart, len, "throw") || matches(prevStart, len, "case")
            || matches(prevStart, len, "extends");
      case IDENTIFIER:
        return !prevDotted && regexAllowed;
      case TEMPLATE:
        return regexAllowed;
      case INVALID:
        return false;
      default:
        return false;
    }
  }
}
