package dev.symbolic.demangle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Demangles the common shapes of Itanium names in one pass, printing while it parses, with no
 * syntax tree. Names outside its subset give null, and the caller then runs the full parser
 * ({@link ItaniumParser}); where this class answers, its answer is exactly the full parser's
 * (checked name by name over the corpus and on random mutations of it).
 *
 * <p>The subset (99% of real names): {@code _Z} encodings of functions and data; nested,
 * unscoped and local names of source names, {@code St}, constructors and destructors, plain
 * operator names, lambdas, unnamed types and ABI tags; template arguments that are types,
 * packs, integer, boolean and enumerator literals, {@code Tn} arguments, or the expressions of
 * enable_if conditions ({@code !}, {@code &f}, {@code a::b}, {@code T{}}); builtin, qualified,
 * pointer, reference (collapsing), class, substituted, template-parameter, function, array and
 * member-pointer types and pack expansions of template parameters; clone suffixes; and the
 * special names {@code TV TT TI TS Th Tv TW TH GV}. Left to the full parser: other expressions,
 * conversion operators, constructors of {@code Ss}-like substitutions, lambdas with template
 * parameters, and every rarer production.
 *
 * <p>Printing as it parses works because every entity prints as one piece of text appended to
 * one buffer as the grammar is read, so a substitution or a template parameter is a span of
 * that buffer, copied again. Three things do not come in mangling order, and are placed:
 * <ul>
 *   <li>a function's return type goes before its name, moved there in place when the
 *       function is complete (the spans printed in between move with their text);
 *   <li>a pointer, reference, qualifier or member pointer around a function or array type
 *       goes between the type's left part and its right part (parameters, dimensions): the
 *       type's own text is moved to a side store first, where its substitution reads it;
 *   <li>a lambda's number comes after its parameters and is inserted before them.
 * </ul>
 *
 * <p>Text is handled as bytes: a name with a character beyond ASCII is left to the full
 * parser. Each thread keeps one instance and its buffers, so a call allocates only the bytes
 * of the name and the result.
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

  // Flags of an entity: what printing it inside another depends on.
  /** An lvalue reference type: a reference to it collapses, which is left to the full parser. */
  private static final int LVALUE = 1;

  private static final int RVALUE = 2;
  private static final int REFERENCE = LVALUE | RVALUE;

  /** A special substitution ({@code Sa}…) alone: a constructor of it prints it spelled out. */
  private static final int SPECIAL = 4;

  /** A name ending in template arguments: more template arguments after it are malformed. */
  private static final int TEMPLATE_ARGS = 8;

  /** A template argument pack: as a template parameter, its printing depends on expansions. */
  private static final int PACK = 16;

  /** A function type: a pointer or reference to it puts its declarator in parentheses. */
  private static final int FUNCTION = 32;

  /** An array type: a pointer or reference to it puts its declarator in parentheses too. */
  private static final int ARRAY = 64;

  /** Positions from here on are in {@link #store}, not in {@link #out}. */
  private static final int STORE = 1 << 30;

  // Entities in the substitution and template-parameter tables: six ints each.
  private static final int STRIDE = 6;

  /** Left to the full parser from deep inside: output or nesting beyond the bounds. */
  private static final class Bail extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Bail INSTANCE = new Bail();

    private Bail() {
      super("itanium fast path bails out", null, false, false);
    }
  }

  /** The name's bytes, ASCII. */
  private byte[] in;
  private int end;
  private int pos;
  private byte[] out = new byte[256];
  private int len;
  private int depth;

  /**
   * Text moved out of {@link #out} to keep it for the entities printed there (see {@link
   * #detach}); its positions are {@link #STORE} and up.
   */
  private byte[] store = new byte[64];
  private int stored;

  /**
   * Substitution candidates: start, end, base-name start, base-name end, flags, and the length
   * of the right part: the end of the text of a function type (and of pointers, references
   * and qualified types around one) that goes after what a declarator puts in its middle.
   */
  private int[] subs = new int[16 * STRIDE];
  private int subCount;
  /** The template arguments of the encoding's name (LLVM's outer template parameters). */
  private int[] params = new int[8 * STRIDE];
  private int paramCount;
  private boolean hasParams;
  /** The elements of the packs among the template parameters, same layout. */
  private int[] elements = new int[8 * STRIDE];
  private int elementCount;
  /** For template parameter {@code i} that is a pack: its first element and element count. */
  private int[] packFirst = new int[8];
  private int[] packSize = new int[8];
  private boolean packTangled;

  // What the entity parsed last tells besides its text: its base name (the span a constructor
  // of it prints; -1 when it has none) and its flags.
  private int baseStart;
  private int baseEnd;
  private int flags;
  private int rightLength;

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
    // ASCII only: then the UTF-8 bytes are the characters, one each (and a vectorized copy).
    byte[] bytes = mangled.getBytes(StandardCharsets.UTF_8);
    if (bytes.length != mangled.length()) {
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

  /** Drops the name and any buffer grown too large to keep. */
  private void release() {
    in = null;
    if (out.length > MAX_KEPT) {
      out = new byte[256];
    }
    if (subs.length > MAX_KEPT) {
      subs = new int[16 * STRIDE];
    }
    if (store.length > MAX_KEPT) {
      store = new byte[64];
    }
    if (elements.length > MAX_KEPT) {
      elements = new int[8 * STRIDE];
    }
    if (params.length > MAX_KEPT) {
      params = new int[8 * STRIDE];
      packFirst = new int[8];
      packSize = new int[8];
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
    elementCount = 0;
    hasParams = false;
    stored = 0;
    char c = look();
    int start;
    if (c == 'T' || c == 'G') {
      start = specialName();
      if (start < 0) {
        return null;
      }
    } else {
      start = encoding(false);
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

  /**
   * Decimal digits as a number, capped far beyond any length or index a name can hold; -1 if
   * there are none.
   */
  private int positiveInteger() {
    if (!isDigit(look())) {
      return -1;
    }
    int v = 0;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      v = Math.min(100_000_000, v * 10 + (in[pos++] - '0'));
    }
    return v;
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
   * indexes copies such a string's bytes as they are, where the charset form allocates.
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

  /** Appends a copy of text printed before, {@code [from, to)} of the buffer or the store. */
  private void copy(int from, int to) {
    ensure(to - from);
    if (from >= STORE) {
      System.arraycopy(store, from - STORE, out, len, to - from);
    } else {
      System.arraycopy(out, from, out, len, to - from);
    }
    len += to - from;
  }

  /**
   * Moves the text from {@code from} to the end into the store, with the spans of the entities
   * printed there, and cuts the buffer back to {@code from}: for a declarator that goes into
   * the middle of a type already printed, whose text must stay as it was for its
   * substitution. Returns where the text now is.
   */
  private int detach(int from) {
    int n = len - from;
    if (stored + n > store.length) {
      if (stored + n > MAX_OUTPUT) {
        throw Bail.INSTANCE;
      }
      store = Arrays.copyOf(store, Math.max(2 * store.length, stored + n));
    }
    System.arraycopy(out, from, store, stored, n);
    int to = STORE + stored;
    moveSpans(subs, subCount, from, len, to - from);
    moveSpans(params, paramCount, from, len, to - from);
    moveSpans(elements, elementCount, from, len, to - from);
    stored += n;
    len = from;
    return to;
  }

  private static void moveSpans(int[] table, int count, int from, int to, int shift) {
    for (int k = 0; k < count * STRIDE; k += STRIDE) {
      for (int span = k; span <= k + 2; span += 2) {
        int at = table[span];
        if (at >= from && at < to) {
          table[span] += shift;
          table[span + 1] += shift;
        }
      }
    }
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
    table[k + 5] = rightLength;
    return table;
  }

  /** Prints entity {@code index} of {@code table} again and makes it the last entity. */
  private void reprint(int[] table, int index) {
    int k = index * STRIDE;
    copy(table[k], table[k + 1]);
    baseStart = table[k + 2];
    baseEnd = table[k + 3];
    flags = table[k + 4];
    rightLength = table[k + 5];
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
        return callOffset() && encoding(false) >= 0 ? start : -1;
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

  /** The qualifiers after a function's parameters: {@code const}…, then {@code &} or {@code &&}. */
  private void appendFunctionQualifiers(int cv, int ref) {
    if ((cv & ItaniumNode.QUAL_CONST) != 0) {
      append(" const");
    }
    if ((cv & ItaniumNode.QUAL_VOLATILE) != 0) {
      append(" volatile");
    }
    if ((cv & ItaniumNode.QUAL_RESTRICT) != 0) {
      append(" restrict");
    }
    if (ref == ItaniumNode.REF_LVALUE) {
      append(" &");
    } else if (ref == ItaniumNode.REF_RVALUE) {
      append(" &&");
    }
  }

  /**
   * Whether the encoding being parsed ends here: at the end of the name or a clone suffix, or
   * for the encoding of a local name ({@code local}) at its {@code E}.
   */
  private boolean encodingEnds(boolean local) {
    return local ? pos < end && in[pos] == 'E' : pos == end || in[pos] == '.';
  }

  /** Where LLVM ends an encoding ({@code E . _} or the end) or a requires clause starts. */
  private boolean encodingStops() {
    if (pos == end) {
      return true;
    }
    byte b = in[pos];
    return b == 'E' || b == '.' || b == '_' || b == 'Q';
  }

  /**
   * A function or data encoding; {@code local} for the one of a local name, ended by its
   * {@code E}. Its whole text is printed from the returned position to the end of the buffer;
   * sets {@link #function}, {@link #nameStart} and {@link #nameEnd}.
   */
  private int encoding(boolean local) {
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
    if (encodingEnds(local)) {
      function = false;
      nameStart = ns;
      nameEnd = ne;
      return ns;
    }
    if (encodingStops()) {
      return -1;
    }
    boolean returns = !ctorDtorConversion && endsWithTemplateArgs;
    if (returns && (type() < 0 || rightLength != 0)) {
      return -1;
    }
    int re = len;
    append('(');
    if (consume('v')) {
      if (!encodingEnds(local)) {
        return -1;
      }
    } else {
      boolean empty = true;
      for (;;) {
        int items = listType(empty);
        if (items < 0) {
          return -1;
        }
        empty = items == 0;
        if (encodingEnds(local)) {
          break;
        }
        if (encodingStops()) {
          return -1;
        }
      }
    }
    append(')');
    appendFunctionQualifiers(cvQuals, refQual);
    // Set last: the parameters may hold encodings of their own (local names).
    function = true;
    nameStart = ns;
    nameEnd = ne;
    if (returns) {
      // Even a return type that prints nothing (an empty expansion) is followed by a space.
      putReturnTypeFirst(ns, ne, re);
    }
    return ns;
  }

  /**
   * Turns name {@code [ns, ne)}, return type {@code [ne, re)} and parameters {@code [re, len)}
   * into return type, space, name, parameters, in place, so that the encoding's text starts
   * where it started; the substitutions and template parameters printed in that range move
   * with their text.
   */
  private void putReturnTypeFirst(int ns, int ne, int re) {
    int pe = len;
    int nameLength = ne - ns;
    int retLength = re - ne;
    ensure(1 + nameLength);
    System.arraycopy(out, re, out, re + 1, pe - re);
    System.arraycopy(out, ns, out, pe + 1, nameLength);
    System.arraycopy(out, ne, out, ns, retLength);
    out[ns + retLength] = ' ';
    System.arraycopy(out, pe + 1, out, ns + retLength + 1, nameLength);
    len = pe + 1;
    nameStart = ns + retLength + 1;
    nameEnd = nameStart + nameLength;
    relocate(subs, subCount, ns, ne, re, pe);
    relocate(params, paramCount, ns, ne, re, pe);
    relocate(elements, elementCount, ns, ne, re, pe);
  }

  /** Moves the spans of {@code table} as {@link #putReturnTypeFirst} moved their text. */
  private static void relocate(int[] table, int count, int ns, int ne, int re, int pe) {
    for (int k = 0; k < count * STRIDE; k += STRIDE) {
      for (int span = k; span <= k + 2; span += 2) {
        int at = table[span];
        int shift = at < ns || at >= pe ? 0 : at < ne ? re - ne + 1 : at < re ? ns - ne : 1;
        if (at >= 0) {
          table[span] += shift;
          table[span + 1] += shift;
        }
      }
    }
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
      return localName(tag);
    }
    int start = len;
    boolean isSubst = false;
    if (c == 'S' && look(1) == 't') {
      pos += 2;
      append("std");
      baseStart = start;
      baseEnd = len;
      flags = 0;
      rightLength = 0;
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

  /**
   * {@code Z <encoding> E <entity> [<discriminator>]}, {@code Z <encoding> E s}, or
   * {@code Z <encoding> E d [<number>] _ <entity>}: printed as encoding {@code ::} entity.
   */
  private int localName(boolean tag) {
    pos++;
    // The encoding has its own name state and template parameters; the entity has the
    // enclosing name's state and no template parameters.
    int[] saved = saveEncodingState();
    int start = encoding(true);
    if (start < 0 || !consume('E')) {
      return -1;
    }
    restoreNameState(saved);
    hasParams = false;
    paramCount = 0;
    append("::");
    if (consume('s')) {
      append("string literal");
      discriminator();
    } else if (consume('d')) {
      number();
      if (!consume('_') || name(tag) < 0) {
        return -1;
      }
    } else {
      if (name(tag) < 0) {
        return -1;
      }
      discriminator();
    }
    restoreParams(saved);
    plain();
    return start;
  }

  /**
   * The name state and template parameters of the encoding being parsed, kept while an
   * encoding inside it ({@code Z…E}, {@code L_Z…E}) is parsed with its own.
   */
  private int[] saveEncodingState() {
    int n = paramCount;
    int packs = Math.min(n, packFirst.length);
    int[] saved = new int[6 + n * STRIDE + 2 * packs];
    saved[0] = endsWithTemplateArgs ? 1 : 0;
    saved[1] = ctorDtorConversion ? 1 : 0;
    saved[2] = cvQuals;
    saved[3] = refQual;
    saved[4] = hasParams ? 1 : 0;
    saved[5] = n;
    System.arraycopy(params, 0, saved, 6, n * STRIDE);
    System.arraycopy(packFirst, 0, saved, 6 + n * STRIDE, packs);
    System.arraycopy(packSize, 0, saved, 6 + n * STRIDE + packs, packs);
    return saved;
  }

  private void restoreNameState(int[] saved) {
    endsWithTemplateArgs = saved[0] != 0;
    ctorDtorConversion = saved[1] != 0;
    cvQuals = saved[2];
    refQual = saved[3];
  }

  private void restoreParams(int[] saved) {
    int n = saved[5];
    int packs = (saved.length - 6 - n * STRIDE) / 2;
    hasParams = saved[4] != 0;
    paramCount = n;
    System.arraycopy(saved, 6, params, 0, n * STRIDE);
    System.arraycopy(saved, 6 + n * STRIDE, packFirst, 0, packs);
    System.arraycopy(saved, 6 + n * STRIDE + packs, packSize, 0, packs);
  }

  /** Skips {@code _ <digit>}, {@code __ <number> _}, or digits ending the name, as LLVM. */
  private void discriminator() {
    if (pos >= end) {
      return;
    }
    if (in[pos] == '_') {
      int t = pos + 1;
      if (t < end) {
        if (in[t] >= '0' && in[t] <= '9') {
          pos = t + 1;
        } else if (in[t] == '_') {
          for (++t; t < end && in[t] >= '0' && in[t] <= '9'; ++t) {
            // skip
          }
          if (t < end && in[t] == '_') {
            pos = t + 1;
          }
        }
      }
    } else if (in[pos] >= '0' && in[pos] <= '9') {
      int t = pos + 1;
      while (t < end && in[t] >= '0' && in[t] <= '9') {
        t++;
      }
      if (t == end) {
        pos = end;
      }
    }
  }

  private int nested(boolean tag) {
    pos++;
    if (look() == 'H') {
      return -1;
    }
    int cv = qualifiers();
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
          rightLength = 0;
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
      if (in[at] == '_' && n >= 10 && startsWith(at, "_GLOBAL__N")) {
        append("(anonymous namespace)");
      } else {
        appendInput(at, pos);
      }
      baseStart = bs;
      baseEnd = len;
    } else if (c == 'U') {
      if (unnamed(tag) < 0) {
        return -1;
      }
      baseStart = -1;
      baseEnd = -1;
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
    rightLength = 0;
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

  /**
   * {@code Ut [<number>] _}, printed {@code 'unnamed<number>'}, or a lambda {@code Ul <type>+ E
   * [<number>] _}, printed {@code 'lambda<number>'(<types>)}. For the encoding's own name LLVM
   * forgets the template parameters here.
   */
  private int unnamed(boolean tag) {
    char kind = look(1);
    if (kind != 't' && kind != 'l') {
      return -1;
    }
    pos += 2;
    if (tag) {
      hasParams = false;
    }
    if (kind == 't') {
      int from = pos;
      while (isDigit(look())) {
        pos++;
      }
      int to = pos;
      if (!consume('_')) {
        return -1;
      }
      append("'unnamed");
      appendInput(from, to);
      append('\'');
      return 0;
    }
    if (look() == 'T' && isParamDecl(look(1)) || look() == 'Q') {
      return -1;
    }
    append("'lambda");
    int countAt = len;
    append("'(");
    if (!consume('v')) {
      boolean empty = true;
      do {
        int items = listType(empty);
        if (items < 0) {
          return -1;
        }
        empty = items == 0;
      } while (look() != 'E' && look() != 'Q');
    }
    if (!consume('E')) {
      return -1;
    }
    append(')');
    int from = pos;
    while (isDigit(look())) {
      pos++;
    }
    int to = pos;
    if (!consume('_')) {
      return -1;
    }
    if (to > from) {
      // The number comes after the parameters in the name and before them in the text.
      insertInput(countAt, from, to);
    }
    return 0;
  }

  /**
   * Inserts input {@code [from, to)} into the text at {@code at}; the spans of substitutions and
   * template parameters printed after {@code at} move with their text.
   */
  private void insertInput(int at, int from, int to) {
    int n = to - from;
    ensure(n);
    System.arraycopy(out, at, out, at + n, len - at);
    System.arraycopy(in, from, out, at, n);
    len += n;
    shiftFrom(subs, subCount, at, n);
    shiftFrom(params, paramCount, at, n);
    shiftFrom(elements, elementCount, at, n);
  }

  private static void shiftFrom(int[] table, int count, int at, int n) {
    for (int k = 0; k < count * STRIDE; k += STRIDE) {
      for (int span = k; span <= k + 2; span += 2) {
        if (table[span] >= at && table[span] < STORE) {
          table[span] += n;
          table[span + 1] += n;
        }
      }
    }
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
      rightLength = 0;
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
    if (index >= subCount || (subs[index * STRIDE + 4] & PACK) != 0) {
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
    if (arguments(tag, false) < 0) {
      return -1;
    }
    append('>');
    baseStart = bs;
    baseEnd = be;
    flags = TEMPLATE_ARGS;
    rightLength = 0;
    return 0;
  }

  /**
   * Template arguments up to their {@code E}, of a list or of a {@code pack}, printed as LLVM's
   * {@code printWithComma}: an argument that prints nothing (an empty pack) takes its comma
   * back. With {@code tag}, each argument becomes a template parameter.
   */
  private int arguments(boolean tag, boolean pack) {
    return arguments(tag, pack, false);
  }

  /**
   * As above; with {@code collect}, each argument is also an element of the pack parsed, and
   * {@link #packTangled} tells afterwards whether other elements were collected in between.
   */
  private int arguments(boolean tag, boolean pack, boolean collect) {
    boolean first = true;
    boolean tangled = false;
    for (;;) {
      if (look() == 'E') {
        pos++;
        packTangled = tangled;
        return 0;
      }
      int beforeComma = len;
      if (!first) {
        append(", ");
      }
      int start = len;
      int firstElement = elementCount;
      if (templateArg(tag) < 0) {
        return -1;
      }
      if (collect) {
        // An element holding an encoding collects the packs of that encoding's own arguments.
        tangled |= elementCount != firstElement;
        elements = record(elements, elementCount++, start);
      }
      if (tag) {
        if ((flags & PACK) != 0) {
          if (paramCount >= packFirst.length) {
            packFirst = Arrays.copyOf(packFirst, 2 * paramCount + 2);
            packSize = Arrays.copyOf(packSize, 2 * paramCount + 2);
          }
          packFirst[paramCount] = firstElement;
          packSize[paramCount] = packTangled ? -1 : elementCount - firstElement;
        }
        params = record(params, paramCount++, start);
      }
      if (len == start) {
        len = beforeComma;
      } else {
        first = false;
      }
      if (!pack && look() == 'Q') {
        return -1;
      }
    }
  }

  /** A template argument; {@code collect} keeps the elements of a pack. */
  private int templateArg(boolean collect) {
    char c = look();
    switch (c) {
      case 'L':
        return look(1) == 'Z' ? -1 : literal();
      case 'X':
        return expressionArg();
      case 'J':
        pos++;
        if (arguments(false, true, collect) < 0) {
          return -1;
        }
        baseStart = -1;
        baseEnd = -1;
        flags = PACK;
        rightLength = 0;
        return 0;
      case 'T':
        if (look(1) == 'n') {
          return qualifiedArg(collect);
        }
        return isParamDecl(look(1)) ? -1 : type();
      default:
        return type();
    }
  }

  /**
   * {@code X <expression> E} as a template argument, for the expressions that enable_if
   * conditions and function addresses are made of (see {@link #expression}).
   */
  private int expressionArg() {
    pos++;
    int start = len;
    if (expression() < 0 || !consume('E')) {
      return -1;
    }
    plain();
    return start;
  }

  /**
   * {@code nt <expr>} ({@code !}), {@code ad <expr>} ({@code &}), {@code sr} unresolved names
   * ({@code std::is_same_v<T, U>}), {@code tl <type> E} ({@code T{}}) and {@code L_Z <encoding>
   * E}; -1 for any other expression.
   */
  private int expression() {
    if (++depth > MAX_DEPTH) {
      throw Bail.INSTANCE;
    }
    int r = expressionImpl();
    depth--;
    return r;
  }

  private int expressionImpl() {
    char c0 = look();
    char c1 = look(1);
    if (isPrefixOperator(c0, c1)) {
      pos += 2;
      append(c0 == 'n' ? '!' : '&');
      // A prefix expression operand of one is put in parentheses (LLVM's precedence rule).
      boolean parens = isPrefixOperator(look(), look(1));
      if (parens) {
        append('(');
      }
      if (expression() < 0) {
        return -1;
      }
      if (parens) {
        append(')');
      }
      return 0;
    }
    if (c0 == 's' && c1 == 'r') {
      return unresolvedName();
    }
    if (c0 == 't' && c1 == 'l') {
      // Only an empty braced initializer: elements are left to the full parser.
      pos += 2;
      if (type() < 0 || !consume('E')) {
        return -1;
      }
      append("{}");
      return 0;
    }
    if (c0 == 'L' && c1 == '_' && look(2) == 'Z') {
      pos += 3;
      int[] saved = saveEncodingState();
      if (encoding(true) < 0 || !consume('E')) {
        return -1;
      }
      restoreNameState(saved);
      restoreParams(saved);
      return 0;
    }
    return -1;
  }

  private static boolean isPrefixOperator(char c0, char c1) {
    return c0 == 'n' && c1 == 't' || c0 == 'a' && c1 == 'd';
  }

  /**
   * {@code sr <simple-id>+ E <simple-id>} or {@code sr <unresolved-type> [<template-args>]
   * <simple-id>}, printed with {@code ::} between; an unresolved type that is a template
   * parameter is a substitution candidate. Other forms are left to the full parser.
   */
  private int unresolvedName() {
    pos += 2;
    if (isDigit(look())) {
      boolean first = true;
      do {
        if (!first) {
          append("::");
        }
        first = false;
        if (simpleId() < 0) {
          return -1;
        }
      } while (!consume('E'));
    } else if (look() == 'T') {
      int start = len;
      if (templateParam() < 0) {
        return -1;
      }
      push(start);
      if (look() == 'I' && templateArgs(false) < 0) {
        return -1;
      }
    } else if (look() == 'S' && look(1) != 't') {
      if (substitution() < 0 || look() == 'I' && templateArgs(false) < 0) {
        return -1;
      }
    } else {
      return -1;
    }
    append("::");
    return isDigit(look()) ? simpleId() : -1;
  }

  /** A source name and its template arguments if any. */
  private int simpleId() {
    int n = positiveInteger();
    if (n <= 0 || n > end - pos) {
      return -1;
    }
    int at = pos;
    pos += n;
    if (in[at] == '_' && n >= 10 && startsWith(at, "_GLOBAL__N")) {
      append("(anonymous namespace)");
    } else {
      appendInput(at, pos);
    }
    return look() == 'I' ? templateArgs(false) : 0;
  }

  /**
   * {@code Tn <type> <argument>}: a non-type template argument with its parameter's type,
   * which prints nothing; its text is kept aside for its substitution.
   */
  private int qualifiedArg(boolean collect) {
    pos += 2;
    int start = len;
    if (type() < 0) {
      return -1;
    }
    detach(start);
    return templateArg(collect);
  }

  private static boolean isParamDecl(char c) {
    return c == 'y' || c == 'p' || c == 't' || c == 'n' || c == 'k';
  }

  /**
   * {@code L <builtin> <number> E} ({@code 5u}, {@code (char)65}), {@code Lb0E}, {@code Lb1E}, or
   * {@code L <type> <number> E} of an enumeration ({@code (Color)2}).
   */
  private int literal() {
    pos++;
    char c = look();
    if (c == 'b') {
      char v = look(1);
      if ((v == '0' || v == '1') && look(2) == 'E') {
        pos += 3;
        append(v == '1' ? "true" : "false");
        plain();
        return 0;
      }
      return -1;
    }
    String suffix = "";
    switch (c) {
      case 'i':
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
      case 'w':
        append("(wchar_t)");
        break;
      case 'c':
        append("(char)");
        break;
      case 'a':
        append("(signed char)");
        break;
      case 'h':
        append("(unsigned char)");
        break;
      case 's':
        append("(short)");
        break;
      case 't':
        append("(unsigned short)");
        break;
      case 'n':
        append("(__int128)");
        break;
      case 'o':
        append("(unsigned __int128)");
        break;
      case 'f':
      case 'd':
      case 'e':
      case '_':
      case 'A':
      case 'D':
      case 'T':
      case 'U':
        return -1;
      default:
        // An enumerator: the type in parentheses (a substitution candidate as any type).
        append('(');
        if (type() < 0) {
          return -1;
        }
        append(')');
        pos--;
        break;
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
    plain();
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
    rightLength = 0;
    return start;
  }

  private int typeImpl() {
    int start = len;
    char c = look();
    switch (c) {
      case 'r':
      case 'V':
      case 'K': {
        int after = 0;
        if (look(after) == 'r') {
          after++;
        }
        if (look(after) == 'V') {
          after++;
        }
        if (look(after) == 'K') {
          after++;
        }
        char n = look(after);
        char n1 = look(after + 1);
        if (n == 'F') {
          if (functionType() < 0) {
            return -1;
          }
          break;
        }
        if (n == 'D' && (n1 == 'o' || n1 == 'O' || n1 == 'w' || n1 == 'x')) {
          return -1;
        }
        int q = qualifiers();
        if (type() < 0) {
          return -1;
        }
        qualify(start, q);
        break;
      }
      case 'F':
        if (functionType() < 0) {
          return -1;
        }
        break;
      case 'D': {
        String builtin = ItaniumParser.builtinType(c, look(1));
        if (builtin != null) {
          return builtin(2, builtin);
        }
        switch (look(1)) {
          case 'p':
            if (expansion() < 0) {
              return -1;
            }
            break;
          default:
            return -1;
        }
        break;
      }
      case 'P':
        pos++;
        if (type() < 0) {
          return -1;
        }
        pointer(start);
        break;
      case 'R':
      case 'O':
        pos++;
        if (type() < 0 || reference(start, c == 'O') < 0) {
          return -1;
        }
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
      case 'A': {
        pos++;
        int from = pos;
        while (isDigit(look())) {
          pos++;
        }
        int to = pos;
        // No dimension, or digits; an expression is left to the full parser.
        if (!consume('_') || type() < 0) {
          return -1;
        }
        arrayOf(start, "[" + new String(in, from, to - from, StandardCharsets.ISO_8859_1) + "]");
        break;
      }
      case 'M':
        pos++;
        if (memberPointer(start) < 0) {
          return -1;
        }
        break;
      case 'u':
      case 'U':
      case 'C':
      case 'G':
      case '\0':
        return -1;
      default: {
        String builtin = ItaniumParser.builtinType(c, '\0');
        if (builtin != null) {
          return builtin(1, builtin);
        }
        if (name(false) < 0) {
          return -1;
        }
        break;
      }
    }
    push(start);
    return start;
  }

  /**
   * A type in a list printed as LLVM's {@code printWithComma}: the comma before it is taken
   * back when it prints nothing (an empty pack expansion). Returns -1, or 1 when the list has
   * an item now and 0 when it is still {@code empty}.
   */
  private int listType(boolean empty) {
    int beforeComma = len;
    if (!empty) {
      append(", ");
    }
    int at = len;
    if (type() < 0) {
      return -1;
    }
    if (len == at) {
      len = beforeComma;
      return empty ? 0 : 1;
    }
    return 1;
  }

  /** Says of the entity printed last: no base name, no flags, no right part. */
  private void plain() {
    baseStart = -1;
    baseEnd = -1;
    flags = 0;
    rightLength = 0;
  }

  /** Makes the type printed from {@code start} a qualified one. */
  private void qualify(int start, int q) {
    int keep = flags & (FUNCTION | ARRAY);
    if ((q & ItaniumNode.QUAL_CONST) != 0) {
      declarator(start, " const", "");
    }
    if ((q & ItaniumNode.QUAL_VOLATILE) != 0) {
      declarator(start, " volatile", "");
    }
    if ((q & ItaniumNode.QUAL_RESTRICT) != 0) {
      declarator(start, " restrict", "");
    }
    baseStart = -1;
    baseEnd = -1;
    flags = keep;
  }

  /** Makes the type printed from {@code start} a pointer to it. */
  private void pointer(int start) {
    if ((flags & FUNCTION) != 0) {
      declarator(start, "(*", ")");
    } else if ((flags & ARRAY) != 0) {
      declarator(start, " (*", ")");
    } else {
      declarator(start, "*", "");
    }
    baseStart = -1;
    baseEnd = -1;
    flags = 0;
  }

  /**
   * Makes the type printed from {@code start} a reference to it. A reference to a reference
   * collapses (an lvalue reference wins); -1 when that would take the {@code &} out of the
   * middle of a declarator.
   */
  private int reference(int start, boolean rvalue) {
    if ((flags & REFERENCE) != 0) {
      boolean inner = (flags & RVALUE) != 0;
      if ((rvalue && inner) != inner) {
        // && inside &: the inner reference's text loses one '&'; its own text stays as it is
        // for its substitution.
        if (rightLength != 0) {
          return -1;
        }
        int n = len - start;
        int at = detach(start);
        copy(at, at + n - 1);
      }
      baseStart = -1;
      baseEnd = -1;
      flags = rvalue && inner ? RVALUE : LVALUE;
      return 0;
    }
    String ref = rvalue ? "&&" : "&";
    if ((flags & FUNCTION) != 0) {
      declarator(start, rvalue ? "(&&" : "(&", ")");
    } else if ((flags & ARRAY) != 0) {
      declarator(start, rvalue ? " (&&" : " (&", ")");
    } else {
      declarator(start, ref, "");
    }
    baseStart = -1;
    baseEnd = -1;
    flags = rvalue ? RVALUE : LVALUE;
    return 0;
  }

  /**
   * {@code Dp <type>}: the type once for each element of the pack it names, joined by commas;
   * only for a pack template parameter under pointers, references and qualifiers.
   */
  private int expansion() {
    pos += 2;
    int wrappersFrom = pos;
    int groups = 0;
    for (;; groups++) {
      char c = look();
      if (c == 'r' || c == 'V' || c == 'K') {
        qualifiers();
      } else if (c == 'P' || c == 'R' || c == 'O') {
        pos++;
      } else {
        break;
      }
    }
    int wrappersTo = pos;
    if (depth + groups > MAX_DEPTH) {
      // The full parser nests a call per type around the pack: its bound, not this loop's.
      throw Bail.INSTANCE;
    }
    if (look() != 'T' || look(1) == 'L') {
      return -1;
    }
    pos++;
    int index = 0;
    if (!consume('_')) {
      int n = positiveInteger();
      if (n < 0 || !consume('_')) {
        return -1;
      }
      index = (int) Math.min(Integer.MAX_VALUE, n + 1L);
    }
    if (look() == 'I' || !hasParams || index >= paramCount
        || (params[index * STRIDE + 4] & PACK) == 0 || packSize[index] < 0) {
      return -1;
    }
    // LLVM makes the pack parameter and each type around it substitution candidates; printed
    // outside an expansion they depend on the printer's pack state, so a reference to one is
    // left to the full parser.
    for (int g = 0; g <= groups; g++) {
      baseStart = -1;
      baseEnd = -1;
      flags = PACK;
      rightLength = 0;
      push(len);
    }
    int first = packFirst[index];
    for (int e = 0; e < packSize[index]; e++) {
      if (e > 0) {
        append(", ");
      }
      int at = len;
      reprint(elements, first + e);
      if ((flags & PACK) != 0) {
        return -1;
      }
      // The types around the pack, innermost first; a qualifier group's letters backwards
      // are in the order LLVM prints them (const, volatile, restrict).
      for (int w = wrappersTo - 1; w >= wrappersFrom; w--) {
        byte c = in[w];
        if (c == 'P') {
          pointer(at);
        } else if (c == 'R' || c == 'O') {
          if (reference(at, c == 'O') < 0) {
            return -1;
          }
        } else {
          qualify(at, c == 'K' ? ItaniumNode.QUAL_CONST
              : c == 'V' ? ItaniumNode.QUAL_VOLATILE : ItaniumNode.QUAL_RESTRICT);
        }
      }
    }
    plain();
    return 0;
  }

  /** {@code [r] [V] [K]}, as a mask of {@link ItaniumNode#QUAL_CONST} and the others. */
  private int qualifiers() {
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
    return q;
  }

  /**
   * Puts {@code left} and {@code right} into the middle of the type printed from {@code start}:
   * after its left part and before its right part (a function type's parameters). A type with
   * no right part just gets both appended.
   */
  private void declarator(int start, String left, String right) {
    if (rightLength == 0) {
      append(left);
      append(right);
      rightLength = right.length();
      return;
    }
    int r = rightLength;
    int n = len - start;
    int at = detach(start);
    copy(at, at + n - r);
    append(left);
    int mark = len;
    append(right);
    copyRight(at + n - r, at + n, (flags & ARRAY) != 0);
    rightLength = len - mark;
  }

  /**
   * Appends a right part kept in the store; an array's starts with its dimension, which
   * follows a space unless it follows a ']' (LLVM looks back at what it printed).
   */
  private void copyRight(int from, int to, boolean array) {
    if (array) {
      if (from < to && store[from - STORE] == ' ') {
        from++;
      }
      if (out[len - 1] != ']') {
        append(' ');
      }
    }
    copy(from, to);
  }

  /**
   * Makes the type printed from {@code start} the element type of an array: {@code dimension}
   * (with its brackets) goes after the element's left part, before its right part.
   */
  private void arrayOf(int start, String dimension) {
    int r = rightLength;
    int leftEnd = len - r;
    if (leftEnd == start) {
      throw Bail.INSTANCE;
    }
    boolean space = out[leftEnd - 1] != ']';
    if (r == 0) {
      if (space) {
        append(' ');
      }
      append(dimension);
      rightLength = len - leftEnd;
    } else {
      boolean nested = (flags & ARRAY) != 0;
      int n = len - start;
      int at = detach(start);
      copy(at, at + n - r);
      int mark = len;
      if (space) {
        append(' ');
      }
      append(dimension);
      int rs = at + n - r;
      if (nested && store[rs - STORE] == ' ') {
        // The element's own dimension now follows a ']'.
        rs++;
      }
      copy(rs, at + n);
      rightLength = len - mark;
    }
    baseStart = -1;
    baseEnd = -1;
    flags = ARRAY;
  }

  /**
   * {@code M <class type> <member type>}, printed with the class and {@code ::*} between the
   * member type's left and right parts: {@code int A::*}, {@code void (A::*)(int)}. Both types
   * keep their own text aside for their substitutions.
   */
  private int memberPointer(int start) {
    if (type() < 0) {
      return -1;
    }
    int classLength = len - start;
    if (type() < 0) {
      return -1;
    }
    int r = rightLength;
    boolean parens = (flags & (FUNCTION | ARRAY)) != 0;
    int n = len - start;
    int at = detach(start);
    int member = at + classLength;
    copy(member, at + n - r);
    append(parens ? '(' : ' ');
    copy(at, member);
    append("::*");
    int mark = len;
    if (parens) {
      append(')');
    }
    copyRight(at + n - r, at + n, (flags & ARRAY) != 0);
    rightLength = len - mark;
    baseStart = -1;
    baseEnd = -1;
    flags = 0;
    return 0;
  }

  /**
   * {@code [<CV-qualifiers>] F [Y] <return type> <parameter type>* [<ref-qualifier>] E},
   * printed {@code ret (params) cv ref}: the left part is the return type and a space.
   */
  private int functionType() {
    int q = qualifiers();
    if (!consume('F')) {
      return -1;
    }
    consume('Y');
    if (type() < 0 || rightLength != 0) {
      return -1;
    }
    append(' ');
    int mid = len;
    append('(');
    boolean empty = true;
    int ref = ItaniumNode.REF_NONE;
    for (;;) {
      if (consume('E')) {
        break;
      }
      if (consume('v')) {
        continue;
      }
      if (look() == 'R' && look(1) == 'E' || look() == 'O' && look(1) == 'E') {
        ref = look() == 'R' ? ItaniumNode.REF_LVALUE : ItaniumNode.REF_RVALUE;
        pos += 2;
        break;
      }
      int items = listType(empty);
      if (items < 0) {
        return -1;
      }
      empty = items == 0;
    }
    append(')');
    appendFunctionQualifiers(q, ref);
    baseStart = -1;
    baseEnd = -1;
    flags = FUNCTION;
    rightLength = len - mid;
    return 0;
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
    if (!hasParams || index >= paramCount || (params[index * STRIDE + 4] & PACK) != 0) {
      return -1;
    }
    reprint(params, index);
    return 0;
  }
}
