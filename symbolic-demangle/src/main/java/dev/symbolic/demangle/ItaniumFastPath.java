package dev.symbolic.demangle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Demangles the common shapes of Itanium names in one pass, printing while it parses, with no
 * syntax tree. Names outside its subset give null, and the caller then runs the full parser
 * ({@link ItaniumParser}); where this class answers, its answer is exactly the full parser's
 * (checked name by name over the corpus and on random mutations of it).
 *
 * <p>The subset: {@code _Z} encodings of functions and data with nested and unscoped names
 * (source names, {@code St}, constructors and destructors, plain operator names, ABI tags),
 * template arguments that are types or integer and boolean literals, builtin, qualified,
 * pointer, reference, class, substituted and template-parameter types, clone suffixes, and
 * the special names {@code TV TT TI TS Th Tv TW TH GV}. It leaves to the full parser local
 * names, lambdas and unnamed types, function, array and member-pointer types, packs,
 * expressions, conversion operators and every rarer production.
 *
 * <p>Printing as it parses works because every entity of the subset prints as one piece of
 * text: only function, array and member-pointer types have a part that goes to the right of
 * what encloses them. So the text is appended to one buffer as the grammar is read, and a
 * substitution or a template parameter is a span of that buffer, copied again. A function's
 * return type is the one thing printed before what precedes it in the mangling; it is placed
 * when the function is complete.
 *
 * <p>Text is handled as Latin-1 bytes: a name with a character above U+00FF (or a {@code ?},
 * which such a character becomes in them) is left to the full parser. Each thread keeps one
 * instance and its buffers, so a call allocates only the bytes of the name and the result.
 */
final class ItaniumFastPath {
  /** Nesting of types deeper than this is left to the full parser, which bounds it itself. */
  private static final int MAX_DEPTH = 128;

  /** Output longer than this (substitutions can multiply it) is left to the full parser. */
  private static final int MAX_OUTPUT = 1 << 16;

  /** Buffers grown beyond this are not kept for the thread's next name. */
  private static final int MAX_KEPT = 1 << 12;

  private static final ThreadLocal<ItaniumFastPath> STATE =
      ThreadLocal.withInitial(ItaniumFastPath::new);

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // Flags of an entity: what printing it inside another depends on.
  /** An lvalue reference type: a reference to it collapses, which is left to the full parser. */
  private static final int LVALUE = 1;

  private static final int RVALUE = 2;
  private static final int REFERENCE = LVALUE | RVALUE;

  /** A special substitution ({@code Sa}…) alone: a constructor of it prints it spelled out. */
  private static final int SPECIAL = 4;

  /** A name ending in template arguments: more template arguments after it are malformed. */
  private static final int TEMPLATE_ARGS = 8;

  // Entities in the substitution and template-parameter tables: five ints each.
  private static final int STRIDE = 5;

  /** Left to the full parser from deep inside: output or nesting beyond the bounds. */
  private static final class Bail extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Bail INSTANCE = new Bail();

    private Bail() {
      super("itanium fast path bails out", null, false, false);
    }
  }

  /** The name as Latin-1 bytes. */
  private byte[] in;
  private int end;
  private int pos;
  private byte[] out = new byte[256];
  private int len;
  private int depth;

  /** Substitution candidates: start, end, base-name start, base-name end, flags. */
  private int[] subs = new int[16 * STRIDE];
  private int subCount;
  /** The template arguments of the encoding's name (LLVM's outer template parameters). */
  private int[] params = new int[8 * STRIDE];
  private int paramCount;
  private boolean hasParams;

  // What the entity parsed last tells besides its text: its base name (the span a constructor
  // of it prints; -1 when it has none) and its flags.
  private int baseStart;
  private int baseEnd;
  private int flags;

  // The state of the encoding's name, as LLVM's NameState.
  private boolean endsWithTemplateArgs;
  private boolean ctorDtorConversion;
  private int cvQuals;
  private int refQual;
  // The encoding parsed last: whether it is a function, and where its name is.
  private boolean function;
  private int nameStart;
  private int nameEnd;

  private ItaniumFastPath() {}

  /**
   * The demangled name, or null when {@code mangled} is outside the subset (or malformed).
   *
   * @param parameters false to print a function as its name only
   */
  static String demangle(String mangled, boolean parameters) {
    if (mangled.length() < 3 || mangled.charAt(0) != '_' || mangled.charAt(1) != 'Z') {
      return null;
    }
    byte[] bytes = mangled.getBytes(StandardCharsets.ISO_8859_1);
    if (hasQuestionMark(bytes)) {
      return null;
    }
    ItaniumFastPath state = STATE.get();
    try {
      return state.run(bytes, parameters);
    } catch (RuntimeException e) {
      // Bail, or a defect here: the full parser answers either way.
      return null;
    } finally {
      state.release();
    }
  }

  /** Whether {@code b} has a {@code ?}: a real one, or a character that is not Latin-1. */
  private static boolean hasQuestionMark(byte[] b) {
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      long x = (long) LONG.get(b, i) ^ 0x3F3F3F3F3F3F3F3FL;
      // A zero byte in x: the high bit survives in exactly those bytes (no false positives).
      if ((~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL)) != 0) {
        return true;
      }
    }
    for (; i < b.length; i++) {
      if (b[i] == '?') {
        return true;
      }
    }
    return false;
  }

  /** Drops the name and any buffer grown too large to keep. */
  private void release() {
    in = null;
    if (out.length > MAX_KEPT) {
      out = new byte[256];
    }
    if (subs.length > MAX_KEPT) {
      subs = new int[16 * STRIDE];
    }
    if (params.length > MAX_KEPT) {
      params = new int[8 * STRIDE];
    }
  }

  private String run(byte[] bytes, boolean parameters) {
    in = bytes;
    end = bytes.length;
    pos = 2;
    len = 0;
    depth = 0;
    subCount = 0;
    paramCount = 0;
    hasParams = false;
    char c = look();
    int start;
    if (c == 'T' || c == 'G') {
      start = specialName();
      if (start < 0) {
        return null;
      }
    } else {
      start = encoding();
      if (start < 0) {
        return null;
      }
      if (!parameters && function) {
        if (pos < end && in[pos] != '.') {
          return null;
        }
        return new String(out, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1);
      }
    }
    if (pos < end) {
      // A clone suffix, printed as LLVM's DotSuffix.
      if (in[pos] != '.') {
        return null;
      }
      append(" (");
      appendInput(pos, end);
      append(')');
      pos = end;
    }
    return new String(out, start, len - start, StandardCharsets.ISO_8859_1);
  }

  // ------------------------------------------------------------------ reading

  private char look() {
    return pos < end ? (char) (in[pos] & 0xff) : '\0';
  }

  private char look(int i) {
    return end - pos > i ? (char) (in[pos + i] & 0xff) : '\0';
  }

  private boolean consume(char c) {
    if (pos < end && in[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean startsWith(int at, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (at + i >= end || in[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Decimal digits as a number capped at {@link Integer#MAX_VALUE}; -1 if there are none. */
  private int positiveInteger() {
    if (!isDigit(look())) {
      return -1;
    }
    long v = 0;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      v = Math.min(Integer.MAX_VALUE, v * 10 + (in[pos++] - '0'));
    }
    return (int) v;
  }

  /** {@code [n] digits}, skipped; false if there are no digits. */
  private boolean number() {
    consume('n');
    if (!isDigit(look())) {
      return false;
    }
    while (isDigit(look())) {
      pos++;
    }
    return true;
  }

  // ------------------------------------------------------------------ writing

  private void ensure(int n) {
    if (len + n > out.length) {
      if (len + n > MAX_OUTPUT) {
        throw Bail.INSTANCE;
      }
      byte[] bigger = new byte[Math.min(MAX_OUTPUT, Math.max(2 * out.length, len + n))];
      System.arraycopy(out, 0, bigger, 0, len);
      out = bigger;
    }
  }

  private void append(char c) {
    ensure(1);
    out[len++] = (byte) c;
  }

  /**
   * Appends a text of the grammar or of the operator table, all ASCII: {@code getBytes} with
   * indexes copies a Latin-1 string's bytes as they are, where the charset form allocates.
   */
  @SuppressWarnings("deprecation")
  private void append(String text) {
    int n = text.length();
    ensure(n);
    text.getBytes(0, n, out, len);
    len += n;
  }

  private void appendInput(int from, int to) {
    ensure(to - from);
    System.arraycopy(in, from, out, len, to - from);
    len += to - from;
  }

  /** Appends a copy of {@code out[from, to)}, text printed before. */
  private void copy(int from, int to) {
    ensure(to - from);
    System.arraycopy(out, from, out, len, to - from);
    len += to - from;
  }

  /** Records the entity printed from {@code start} to here as a substitution candidate. */
  private void push(int start) {
    subs = record(subs, subCount++, start);
  }

  private int[] record(int[] table, int index, int start) {
    int k = index * STRIDE;
    if (k + STRIDE > table.length) {
      int[] bigger = new int[2 * table.length];
      System.arraycopy(table, 0, bigger, 0, table.length);
      table = bigger;
    }
    table[k] = start;
    table[k + 1] = len;
    table[k + 2] = baseStart;
    table[k + 3] = baseEnd;
    table[k + 4] = flags;
    return table;
  }

  /** Prints entity {@code index} of {@code table} again and makes it the last entity. */
  private void reprint(int[] table, int index) {
    int k = index * STRIDE;
    copy(table[k], table[k + 1]);
    baseStart = table[k + 2];
    baseEnd = table[k + 3];
    flags = table[k + 4];
  }

  // ------------------------------------------------------------------ encodings

  /** A special name, printed from the returned position; -1 if outside the subset. */
  private int specialName() {
    char c0 = look();
    char c1 = look(1);
    pos += 2;
    int start = len;
    if (c0 == 'G') {
      append("guard variable for ");
      return c1 == 'V' && name(false) >= 0 ? start : -1;
    }
    switch (c1) {
      case 'V':
        append("vtable for ");
        return type() >= 0 ? start : -1;
      case 'T':
        append("VTT for ");
        return type() >= 0 ? start : -1;
      case 'I':
        append("typeinfo for ");
        return type() >= 0 ? start : -1;
      case 'S':
        append("typeinfo name for ");
        return type() >= 0 ? start : -1;
      case 'W':
        append("thread-local wrapper routine for ");
        return name(false) >= 0 ? start : -1;
      case 'H':
        append("thread-local initialization routine for ");
        return name(false) >= 0 ? start : -1;
      case 'h':
      case 'v': {
        pos--;
        append(c1 == 'v' ? "virtual thunk to " : "non-virtual thunk to ");
        int prefixEnd = len;
        int e = callOffset() ? encoding() : -1;
        if (e < 0) {
          return -1;
        }
        if (e != prefixEnd) {
          // The encoding was placed after its return type: prefix and encoding again, in order.
          int moved = len;
          copy(start, prefixEnd);
          copy(e, moved);
          return moved;
        }
        return start;
      }
      default:
        return -1;
    }
  }

  private boolean callOffset() {
    if (consume('h')) {
      return number() && consume('_');
    }
    if (consume('v')) {
      return number() && consume('_') && number() && consume('_');
    }
    return false;
  }

  /**
   * A function or data encoding. Its whole text is printed from the returned position to the
   * end of the buffer; sets {@link #function}, {@link #nameStart} and {@link #nameEnd}.
   */
  private int encoding() {
    char c = look();
    if (c == 'T' || c == 'G') {
      return -1;
    }
    endsWithTemplateArgs = false;
    ctorDtorConversion = false;
    cvQuals = 0;
    refQual = 0;
    hasParams = false;
    paramCount = 0;
    int ns = len;
    if (name(true) < 0) {
      return -1;
    }
    int ne = len;
    nameStart = ns;
    nameEnd = ne;
    function = false;
    if (pos == end || in[pos] == '.') {
      return ns;
    }
    if (in[pos] == 'E' || in[pos] == '_') {
      return -1;
    }
    function = true;
    int rs = len;
    if (!ctorDtorConversion && endsWithTemplateArgs && type() < 0) {
      return -1;
    }
    int re = len;
    int ps = len;
    append('(');
    if (consume('v')) {
      if (pos < end && in[pos] != '.') {
        return -1;
      }
    } else {
      for (;;) {
        if (type() < 0) {
          return -1;
        }
        if (pos == end || in[pos] == '.') {
          break;
        }
        if (in[pos] == 'E' || in[pos] == '_' || in[pos] == 'Q') {
          return -1;
        }
        append(", ");
      }
    }
    append(')');
    if ((cvQuals & ItaniumNode.QUAL_CONST) != 0) {
      append(" const");
    }
    if ((cvQuals & ItaniumNode.QUAL_VOLATILE) != 0) {
      append(" volatile");
    }
    if ((cvQuals & ItaniumNode.QUAL_RESTRICT) != 0) {
      append(" restrict");
    }
    if (refQual == ItaniumNode.REF_LVALUE) {
      append(" &");
    } else if (refQual == ItaniumNode.REF_RVALUE) {
      append(" &&");
    }
    if (re == rs) {
      return ns;
    }
    // The return type goes first: return type, space, name, parameters.
    int pe = len;
    int start = len;
    copy(rs, re);
    append(' ');
    nameStart = len;
    copy(ns, ne);
    nameEnd = len;
    copy(ps, pe);
    return start;
  }

  // ------------------------------------------------------------------ names

  /**
   * A name; {@code tag} when it is the encoding's own (LLVM's non-null NameState): its template
   * arguments become the template parameters, and it sets the name state.
   */
  private int name(boolean tag) {
    char c = look();
    if (c == 'N') {
      return nested(tag);
    }
    if (c == 'Z') {
      return -1;
    }
    int start = len;
    boolean isSubst = false;
    if (c == 'S' && look(1) == 't') {
      pos += 2;
      append("std");
      baseStart = start;
      baseEnd = len;
      flags = 0;
      if (look() == 'S' || unqualified(tag, true, start, len, 0) < 0) {
        return -1;
      }
    } else if (c == 'S') {
      if (substitution() < 0) {
        return -1;
      }
      isSubst = true;
    } else if (unqualified(tag, false, -1, -1, 0) < 0) {
      return -1;
    }
    if (look() == 'I') {
      if (!isSubst) {
        push(start);
      }
      if (templateArgs(tag) < 0) {
        return -1;
      }
      if (tag) {
        endsWithTemplateArgs = true;
      }
    } else if (isSubst) {
      return -1;
    }
    return start;
  }

  private int nested(boolean tag) {
    pos++;
    if (look() == 'H') {
      return -1;
    }
    int cv = 0;
    if (consume('r')) {
      cv |= ItaniumNode.QUAL_RESTRICT;
    }
    if (consume('V')) {
      cv |= ItaniumNode.QUAL_VOLATILE;
    }
    if (consume('K')) {
      cv |= ItaniumNode.QUAL_CONST;
    }
    int ref = ItaniumNode.REF_NONE;
    if (consume('O')) {
      ref = ItaniumNode.REF_RVALUE;
    } else if (consume('R')) {
      ref = ItaniumNode.REF_LVALUE;
    }
    if (tag) {
      cvQuals = cv;
      refQual = ref;
    }
    int start = len;
    boolean have = false;
    int pushed = 0;
    for (;;) {
      char c = look();
      if (c == 'E') {
        pos++;
        break;
      }
      if (tag) {
        endsWithTemplateArgs = false;
      }
      if (c == 'I') {
        if (!have || (flags & TEMPLATE_ARGS) != 0) {
          return -1;
        }
        if (templateArgs(tag) < 0) {
          return -1;
        }
        if (tag) {
          endsWithTemplateArgs = true;
        }
      } else if (c == 'T' || c == 'D' && (look(1) == 't' || look(1) == 'T')) {
        return -1;
      } else if (c == 'S') {
        if (have) {
          return -1;
        }
        if (look(1) == 't') {
          pos += 2;
          append("std");
          baseStart = start;
          baseEnd = len;
          flags = 0;
        } else if (substitution() < 0) {
          return -1;
        }
        have = true;
        continue;
      } else {
        if (c == '\0' || unqualified(tag, have, baseStart, baseEnd, flags) < 0) {
          return -1;
        }
        have = true;
      }
      push(start);
      pushed++;
      consume('M');
    }
    if (pushed == 0) {
      return -1;
    }
    subCount--;
    return start;
  }

  /**
   * An unqualified name, after {@code ::} when {@code scoped}; the scope's base name and flags
   * are what a constructor or destructor needs.
   */
  private int unqualified(boolean tag, boolean scoped, int scopeBaseStart, int scopeBaseEnd,
      int scopeFlags) {
    char c = look();
    if (c == 'W' || scoped && c == 'F') {
      return -1;
    }
    if (c == 'L') {
      pos++;
      c = look();
    }
    if (scoped) {
      append("::");
    }
    if (c >= '1' && c <= '9') {
      int n = positiveInteger();
      if (n > end - pos) {
        return -1;
      }
      int at = pos;
      pos += n;
      int bs = len;
      if (n >= 10 && startsWith(at, "_GLOBAL__N")) {
        append("(anonymous namespace)");
      } else {
        appendInput(at, pos);
      }
      baseStart = bs;
      baseEnd = len;
    } else if (c == 'C' || c == 'D') {
      if (!scoped || scopeBaseStart < 0 || (scopeFlags & SPECIAL) != 0) {
        return -1;
      }
      char d = look(1);
      if (c == 'C' ? d < '1' || d > '5' : d != '0' && d != '1' && d != '2' && d != '4' && d != '5') {
        return -1;
      }
      pos += 2;
      if (tag) {
        ctorDtorConversion = true;
      }
      if (c == 'D') {
        append('~');
      }
      copy(scopeBaseStart, scopeBaseEnd);
      baseStart = -1;
      baseEnd = -1;
    } else {
      String op = ItaniumParser.plainOperatorName(c, look(1));
      if (op == null) {
        return -1;
      }
      pos += 2;
      int bs = len;
      append(op);
      baseStart = bs;
      baseEnd = len;
    }
    flags = 0;
    while (consume('B')) {
      int n = positiveInteger();
      if (n <= 0 || n > end - pos) {
        return -1;
      }
      append("[abi:");
      appendInput(pos, pos + n);
      pos += n;
      append(']');
    }
    return 0;
  }

  /** {@code S_}, {@code S<seq-id>_} or {@code Sa Sb Ss Si So Sd}, printed again. */
  private int substitution() {
    pos++;
    int start = len;
    char c = look();
    if (c >= 'a' && c <= 'z') {
      String text;
      switch (c) {
        case 'a':
          text = "std::allocator";
          break;
        case 'b':
          text = "std::basic_string";
          break;
        case 'd':
          text = "std::iostream";
          break;
        case 'i':
          text = "std::istream";
          break;
        case 'o':
          text = "std::ostream";
          break;
        case 's':
          text = "std::string";
          break;
        default:
          return -1;
      }
      pos++;
      if (look() == 'B') {
        return -1;
      }
      append(text);
      baseStart = start + "std::".length();
      baseEnd = len;
      flags = SPECIAL;
      return start;
    }
    int index = 0;
    if (!consume('_')) {
      long id = 0;
      int digits = 0;
      for (;; digits++) {
        c = look();
        if (isDigit(c)) {
          id = id * 36 + (c - '0');
        } else if (c >= 'A' && c <= 'Z') {
          id = id * 36 + (c - 'A' + 10);
        } else {
          break;
        }
        id = Math.min(id, Integer.MAX_VALUE);
        pos++;
      }
      if (digits == 0 || !consume('_')) {
        return -1;
      }
      index = (int) Math.min(Integer.MAX_VALUE, id + 1);
    }
    if (index >= subCount) {
      return -1;
    }
    reprint(subs, index);
    return start;
  }

  /** {@code I <arg>+ E}; with {@code tag}, the arguments become the template parameters. */
  private int templateArgs(boolean tag) {
    pos++;
    int bs = baseStart;
    int be = baseEnd;
    if (tag) {
      hasParams = true;
      paramCount = 0;
    }
    append('<');
    boolean first = true;
    for (;;) {
      char c = look();
      if (c == 'E') {
        pos++;
        break;
      }
      if (!first) {
        append(", ");
      }
      first = false;
      int start = len;
      if (c == 'L') {
        if (literal() < 0) {
          return -1;
        }
      } else if (c == 'X' || c == 'J' || c == 'T' && isParamDecl(look(1))) {
        return -1;
      } else if (type() < 0) {
        return -1;
      }
      if (tag) {
        params = record(params, paramCount++, start);
      }
      if (look() == 'Q') {
        return -1;
      }
    }
    append('>');
    baseStart = bs;
    baseEnd = be;
    flags = TEMPLATE_ARGS;
    return 0;
  }

  private static boolean isParamDecl(char c) {
    return c == 'y' || c == 'p' || c == 't' || c == 'n' || c == 'k';
  }

  /** {@code Li5E}, {@code Lj5E}…, {@code Lb0E}, {@code Lb1E}. */
  private int literal() {
    pos++;
    char c = look();
    baseStart = -1;
    baseEnd = -1;
    flags = 0;
    if (c == 'b') {
      char v = look(1);
      if ((v == '0' || v == '1') && look(2) == 'E') {
        pos += 3;
        append(v == '1' ? "true" : "false");
        return 0;
      }
      return -1;
    }
    String suffix;
    switch (c) {
      case 'i':
        suffix = "";
        break;
      case 'j':
        suffix = "u";
        break;
      case 'l':
        suffix = "l";
        break;
      case 'm':
        suffix = "ul";
        break;
      case 'x':
        suffix = "ll";
        break;
      case 'y':
        suffix = "ull";
        break;
      default:
        return -1;
    }
    pos++;
    boolean negative = consume('n');
    int from = pos;
    while (isDigit(look())) {
      pos++;
    }
    int to = pos;
    if (to == from || !consume('E')) {
      return -1;
    }
    if (negative) {
      append('-');
    }
    appendInput(from, to);
    append(suffix);
    return 0;
  }

  // ------------------------------------------------------------------ types

  private int type() {
    if (++depth > MAX_DEPTH) {
      throw Bail.INSTANCE;
    }
    int r = typeImpl();
    depth--;
    return r;
  }

  private int builtin(int advance, String name) {
    pos += advance;
    int start = len;
    append(name);
    baseStart = start;
    baseEnd = len;
    flags = 0;
    return start;
  }

  private int typeImpl() {
    int start = len;
    char c = look();
    switch (c) {
      case 'r':
      case 'V':
      case 'K': {
        int q = 0;
        if (consume('r')) {
          q |= ItaniumNode.QUAL_RESTRICT;
        }
        if (consume('V')) {
          q |= ItaniumNode.QUAL_VOLATILE;
        }
        if (consume('K')) {
          q |= ItaniumNode.QUAL_CONST;
        }
        char n = look();
        char n1 = look(1);
        if (n == 'F' || n == 'D' && (n1 == 'o' || n1 == 'O' || n1 == 'w' || n1 == 'x')) {
          return -1;
        }
        if (type() < 0) {
          return -1;
        }
        if ((q & ItaniumNode.QUAL_CONST) != 0) {
          append(" const");
        }
        if ((q & ItaniumNode.QUAL_VOLATILE) != 0) {
          append(" volatile");
        }
        if ((q & ItaniumNode.QUAL_RESTRICT) != 0) {
          append(" restrict");
        }
        baseStart = -1;
        baseEnd = -1;
        flags = 0;
        break;
      }
      case 'v':
        return builtin(1, "void");
      case 'w':
        return builtin(1, "wchar_t");
      case 'b':
        return builtin(1, "bool");
      case 'c':
        return builtin(1, "char");
      case 'a':
        return builtin(1, "signed char");
      case 'h':
        return builtin(1, "unsigned char");
      case 's':
        return builtin(1, "short");
      case 't':
        return builtin(1, "unsigned short");
      case 'i':
        return builtin(1, "int");
      case 'j':
        return builtin(1, "unsigned int");
      case 'l':
        return builtin(1, "long");
      case 'm':
        return builtin(1, "unsigned long");
      case 'x':
        return builtin(1, "long long");
      case 'y':
        return builtin(1, "unsigned long long");
      case 'n':
        return builtin(1, "__int128");
      case 'o':
        return builtin(1, "unsigned __int128");
      case 'f':
        return builtin(1, "float");
      case 'd':
        return builtin(1, "double");
      case 'e':
        return builtin(1, "long double");
      case 'g':
        return builtin(1, "__float128");
      case 'z':
        return builtin(1, "...");
      case 'D':
        switch (look(1)) {
          case 'd':
            return builtin(2, "decimal64");
          case 'e':
            return builtin(2, "decimal128");
          case 'f':
            return builtin(2, "decimal32");
          case 'h':
            return builtin(2, "half");
          case 'i':
            return builtin(2, "char32_t");
          case 's':
            return builtin(2, "char16_t");
          case 'u':
            return builtin(2, "char8_t");
          case 'a':
            return builtin(2, "auto");
          case 'c':
            return builtin(2, "decltype(auto)");
          case 'n':
            return builtin(2, "std::nullptr_t");
          default:
            return -1;
        }
      case 'P':
        pos++;
        if (type() < 0) {
          return -1;
        }
        append('*');
        baseStart = -1;
        baseEnd = -1;
        flags = 0;
        break;
      case 'R':
      case 'O':
        pos++;
        if (type() < 0 || (flags & REFERENCE) != 0) {
          return -1;
        }
        append(c == 'R' ? "&" : "&&");
        baseStart = -1;
        baseEnd = -1;
        flags = c == 'R' ? LVALUE : RVALUE;
        break;
      case 'T': {
        char n = look(1);
        if (n == 's' || n == 'u' || n == 'e' || templateParam() < 0 || look() == 'I') {
          return -1;
        }
        break;
      }
      case 'S':
        if (look(1) != 't') {
          if (substitution() < 0) {
            return -1;
          }
          if (look() != 'I') {
            // A substitution alone is not a new candidate.
            return start;
          }
          if (templateArgs(false) < 0) {
            return -1;
          }
          break;
        }
        if (name(false) < 0) {
          return -1;
        }
        break;
      case 'u':
      case 'U':
      case 'F':
      case 'A':
      case 'M':
      case 'C':
      case 'G':
      case '\0':
        return -1;
      default:
        if (name(false) < 0) {
          return -1;
        }
        break;
    }
    push(start);
    return start;
  }

  /** {@code T_} or {@code T<n>_}, printed again: an argument of the encoding's name. */
  private int templateParam() {
    pos++;
    int index = 0;
    if (!consume('_')) {
      int n = positiveInteger();
      if (n < 0 || !consume('_')) {
        return -1;
      }
      index = (int) Math.min(Integer.MAX_VALUE, n + 1L);
    }
    if (!hasParams || index >= paramCount) {
      return -1;
    }
    reprint(params, index);
    return 0;
  }
}
