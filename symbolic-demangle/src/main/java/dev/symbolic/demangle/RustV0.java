package dev.symbolic.demangle;

/**
 * Rust v0 mangling (RFC 2603 and later additions): a recursive-descent parser that prints as
 * it parses, in the style of {@code llvm-cxxfilt-19} or of {@code rustc-demangle}.
 *
 * <p>One instance demangles one name and is then discarded. Recursion is limited to
 * {@link #MAX_DEPTH} levels, the number of grammar nodes visited and the output length are
 * bounded, and backreferences must point backwards, so no input can loop or exhaust the stack
 * or heap. Any error gives null.
 */
final class RustV0 {
  /** LLVM's and rustc-demangle's recursion limit. */
  static final int MAX_DEPTH = 500;
  /** Output longer than this is an error. */
  static final int MAX_OUTPUT = 1 << 20;
  /** Grammar nodes that may be visited (backreferences revisit them). */
  private static final int MAX_STEPS = 1 << 20;

  private final String sym;
  /** Start of the input after the {@code _R} prefix; backreferences count from here. */
  private final int base;
  /** End of the input. */
  private final int end;
  private final RustStyle style;
  private final boolean llvm;
  private final StringBuilder out;

  private int pos;
  private boolean print = true;
  private boolean error;
  private int depth;
  private int steps;
  private long boundLifetimes;

  private RustV0(String sym, int base, int end, RustStyle style) {
    this.sym = sym;
    this.base = base;
    this.end = end;
    this.style = style;
    this.llvm = style == RustStyle.LLVM_GNU;
    this.out = new StringBuilder(Math.min(4 * (end - base) + 16, 4096));
    this.pos = base;
  }

  /**
   * llvm-cxxfilt-19's output for {@code sym}, whose {@code _R} ends at {@code start}: the input
   * ends at the first {@code '.'}, and the rest is printed as {@code " (.rest)"}.
   */
  static String demangleLlvm(String sym, int start) {
    int dot = sym.indexOf('.', start);
    int end = dot < 0 ? sym.length() : dot;
    RustV0 d = new RustV0(sym, start, end, RustStyle.LLVM_GNU);
    d.path(false, false);
    if (!d.error && d.pos != end) {
      d.print = false;
      d.path(false, false);
    }
    if (d.error || d.pos != end) {
      return null;
    }
    if (dot >= 0) {
      d.out.append(" (").append(sym, dot, sym.length()).append(')');
    }
    return d.finish();
  }

  /**
   * rustc-demangle's v0 output for {@code sym} (after its {@code .llvm.} suffix was removed), as
   * {@code [demangled, suffix]}, or null if it is not a v0 name.
   */
  static String[] demangleRustc(String sym, boolean alternate) {
    int start;
    if (sym.length() > 2 && sym.startsWith("_R")) {
      start = 2;
    } else if (sym.length() > 1 && sym.startsWith("R")) {
      start = 1;
    } else if (sym.length() > 3 && sym.startsWith("__R")) {
      start = 3;
    } else {
      return null;
    }
    if (!isUpper(sym.charAt(start))) {
      return null;
    }
    for (int i = start; i < sym.length(); i++) {
      if (sym.charAt(i) >= 0x80) {
        return null;
      }
    }
    RustV0 d = new RustV0(sym, start, sym.length(),
        alternate ? RustStyle.RUSTC_ALTERNATE : RustStyle.RUSTC_DISPLAY);
    d.path(false, false);
    if (!d.error && d.pos < d.end && isUpper(sym.charAt(d.pos))) {
      d.print = false;
      d.path(false, false);
    }
    if (d.error) {
      return null;
    }
    String text = d.finish();
    return text == null ? null : new String[] {text, sym.substring(d.pos)};
  }

  private String finish() {
    return error || out.length() > MAX_OUTPUT ? null : out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Grammar

  /** Enters a grammar node; false (with the error set) past the depth or step limits. */
  private boolean enter() {
    if (error || depth >= MAX_DEPTH || ++steps > MAX_STEPS) {
      error = true;
      return false;
    }
    depth++;
    return true;
  }

  /**
   * {@code <path>}. {@code inType}: inside a type, where generic arguments are printed without
   * {@code ::}. {@code leaveOpen}: omit the {@code >} closing generic arguments; returns whether
   * it was omitted.
   */
  private boolean path(boolean inType, boolean leaveOpen) {
    if (!enter()) {
      return false;
    }
    boolean open = false;
    char tag = consume();
    switch (tag) {
      case 'C': {
        long dis = optionalBase62('s');
        identifier(false);
        if (style == RustStyle.RUSTC_DISPLAY && dis != 0) {
          print('[');
          print(Long.toHexString(dis));
          print(']');
        }
        break;
      }
      case 'M':
        implPath(inType);
        print('<');
        type();
        print('>');
        break;
      case 'X':
        implPath(inType);
        print('<');
        type();
        print(" as ");
        path(true, false);
        print('>');
        break;
      case 'Y':
        print('<');
        type();
        print(" as ");
        path(true, false);
        print('>');
        break;
      case 'N': {
        char ns = consume();
        if (!isLower(ns) && !isUpper(ns)) {
          error = true;
          break;
        }
        path(inType, false);
        long dis = optionalBase62('s');
        int[] ident = rawIdentifier();
        boolean empty = ident[0] == ident[1];
        if (isUpper(ns)) {
          print("::{");
          if (ns == 'C') {
            print("closure");
          } else if (ns == 'S') {
            print("shim");
          } else {
            print(ns);
          }
          if (!empty) {
            print(':');
            printIdentifier(ident, false);
          }
          print('#');
          print(Long.toString(dis));
          print('}');
        } else if (!empty) {
          print("::");
          printIdentifier(ident, false);
        }
        break;
      }
      case 'I': {
        path(inType, false);
        if (!inType) {
          print("::");
        }
        print('<');
        for (int i = 0; !error && !consumeIf('E'); i++) {
          if (i > 0) {
            print(", ");
          }
          genericArg();
        }
        if (leaveOpen) {
          open = true;
        } else {
          print('>');
        }
        break;
      }
      case 'B': {
        int target = backref();
        if (target >= 0) {
          int saved = pos;
          pos = target;
          open = path(inType, leaveOpen);
          pos = saved;
        }
        break;
      }
      default:
        error = true;
        break;
    }
    depth--;
    return open;
  }

  /** {@code <impl-path> = [<disambiguator>] <path>}, never printed. */
  private void implPath(boolean inType) {
    boolean saved = print;
    print = false;
    optionalBase62('s');
    path(inType, false);
    print = saved;
  }

  private void genericArg() {
    if (consumeIf('L')) {
      lifetime(base62());
    } else if (consumeIf('K')) {
      constant(false);
    } else {
      type();
    }
  }

  private void type() {
    if (!enter()) {
      return;
    }
    int start = pos;
    char tag = consume();
    String basic = basicType(tag);
    if (basic != null) {
      print(basic);
      depth--;
      return;
    }
    switch (tag) {
      case 'A':
        print('[');
        type();
        print("; ");
        constant(true);
        print(']');
        break;
      case 'S':
        print('[');
        type();
        print(']');
        break;
      case 'T': {
        print('(');
        int i = 0;
        for (; !error && !consumeIf('E'); i++) {
          if (i > 0) {
            print(", ");
          }
          type();
        }
        if (i == 1) {
          print(',');
        }
        print(')');
        break;
      }
      case 'R':
      case 'Q':
        print('&');
        if (consumeIf('L')) {
          long lt = base62();
          if (lt != 0) {
            lifetime(lt);
            print(' ');
          }
        }
        if (tag == 'Q') {
          print("mut ");
        }
        type();
        break;
      case 'P':
        print("*const ");
        type();
        break;
      case 'O':
        print("*mut ");
        type();
        break;
      case 'F':
        fnSig();
        break;
      case 'D':
        dynBounds();
        if (consumeIf('L')) {
          long lt = base62();
          if (lt != 0) {
            print(" + ");
            lifetime(lt);
          }
        } else {
          error = true;
        }
        break;
      case 'W':
        if (llvm) {
          error = true;
        } else {
          type();
          print(" is ");
          pattern();
        }
        break;
      case 'B': {
        int target = backref();
        if (target >= 0) {
          int saved = pos;
          pos = target;
          type();
          pos = saved;
        }
        break;
      }
      default:
        pos = start;
        path(true, false);
        break;
    }
    depth--;
  }

  /** rustc-demangle's pattern types: {@code R <const> <const>} ranges, {@code O} alternatives. */
  private void pattern() {
    if (!enter()) {
      return;
    }
    char tag = consume();
    if (tag == 'R') {
      constant(true);
      print("..=");
      constant(true);
    } else if (tag == 'O') {
      for (int i = 0; !error && !consumeIf('E'); i++) {
        if (i > 0) {
          print(" | ");
        }
        pattern();
      }
    } else {
      error = true;
    }
    depth--;
  }

  /** {@code <fn-sig> = [<binder>] ["U"] ["K" <abi>] {<type>} "E" <type>}. */
  private void fnSig() {
    long savedBound = boundLifetimes;
    binder();
    if (consumeIf('U')) {
      print("unsafe ");
    }
    if (consumeIf('K')) {
      print("extern \"");
      if (consumeIf('C')) {
        print('C');
      } else {
        int[] span = rawIdentifier();
        if (!error && (span[2] != 0 || (!llvm && span[0] == span[1]))) {
          error = true;
        }
        if (!error) {
          for (int i = span[0]; i < span[1]; i++) {
            char c = sym.charAt(i);
            print(c == '_' ? '-' : c);
          }
        }
      }
      print("\" ");
    }
    print("fn(");
    for (int i = 0; !error && !consumeIf('E'); i++) {
      if (i > 0) {
        print(", ");
      }
      type();
    }
    print(')');
    if (!consumeIf('u')) {
      print(" -> ");
      type();
    }
    boundLifetimes = savedBound;
  }

  /** {@code <dyn-bounds> = [<binder>] {<dyn-trait>} "E"}. */
  private void dynBounds() {
    long savedBound = boundLifetimes;
    print("dyn ");
    binder();
    for (int i = 0; !error && !consumeIf('E'); i++) {
      if (i > 0) {
        print(" + ");
      }
      dynTrait();
    }
    boundLifetimes = savedBound;
  }

  /** {@code <dyn-trait> = <path> {"p" <undisambiguated-identifier> <type>}}. */
  private void dynTrait() {
    boolean open = path(true, true);
    while (!error && consumeIf('p')) {
      if (!open) {
        open = true;
        print('<');
      } else {
        print(", ");
      }
      identifier(llvm);
      print(" = ");
      if (llvm) {
        type();
      } else {
        genericArg(); // rustc-demangle also takes associated const equality (K)
      }
    }
    if (open) {
      print('>');
    }
  }

  /** {@code <binder> = "G" <base-62-number>}: prints {@code for<'a, 'b> }. */
  private void binder() {
    long count = optionalBase62('G');
    if (error || count == 0) {
      return;
    }
    // Each bound lifetime takes at least one byte to reference.
    if (count >= (end - base) - boundLifetimes) {
      error = true;
      return;
    }
    print("for<");
    for (long i = 0; i < count && !error; i++) {
      boundLifetimes++;
      if (i > 0) {
        print(", ");
      }
      lifetime(1);
    }
    print("> ");
  }

  private void lifetime(long index) {
    if (error) {
      return;
    }
    if (index == 0) {
      print("'_");
      return;
    }
    if (index - 1 >= boundLifetimes) {
      error = true;
      return;
    }
    long d = boundLifetimes - index;
    print('\'');
    if (d < 26) {
      print((char) ('a' + d));
    } else if (llvm) {
      print('z');
      print(Long.toString(d - 26 + 1));
    } else {
      print('_');
      print(Long.toString(d));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Constants

  /**
   * {@code <const>}. {@code inValue}: nested inside another constant (or in an array length),
   * where composite values need no braces.
   */
  private void constant(boolean inValue) {
    if (!enter()) {
      return;
    }
    char tag = consume();
    switch (tag) {
      case 'a': case 's': case 'l': case 'x': case 'n': case 'i':
      case 'h': case 't': case 'm': case 'y': case 'o': case 'j':
        constInt(tag);
        break;
      case 'b':
        constBool();
        break;
      case 'c':
        constChar();
        break;
      case 'p':
        print('_');
        break;
      case 'B': {
        int target = backref();
        if (target >= 0) {
          int saved = pos;
          pos = target;
          constant(inValue);
          pos = saved;
        }
        break;
      }
      default:
        if (llvm) {
          error = true;
        } else {
          compositeConst(tag, inValue);
        }
        break;
    }
    depth--;
  }

  /** rustc-demangle's structured constants: str, references, arrays, tuples, ADTs. */
  private void compositeConst(char tag, boolean inValue) {
    boolean braces = !inValue;
    switch (tag) {
      case 'e':
        if (braces) {
          print('{');
        }
        print('*');
        constStr();
        if (braces) {
          print('}');
        }
        break;
      case 'R':
      case 'Q':
        if (tag == 'R' && consumeIf('e')) {
          constStr();
          break;
        }
        if (braces) {
          print('{');
        }
        print(tag == 'R' ? "&" : "&mut ");
        constant(true);
        if (braces) {
          print('}');
        }
        break;
      case 'A':
        if (braces) {
          print('{');
        }
        print('[');
        for (int i = 0; !error && !consumeIf('E'); i++) {
          if (i > 0) {
            print(", ");
          }
          constant(true);
        }
        print(']');
        if (braces) {
          print('}');
        }
        break;
      case 'T': {
        if (braces) {
          print('{');
        }
        print('(');
        int i = 0;
        for (; !error && !consumeIf('E'); i++) {
          if (i > 0) {
            print(", ");
          }
          constant(true);
        }
        if (i == 1) {
          print(',');
        }
        print(')');
        if (braces) {
          print('}');
        }
        break;
      }
      case 'V': {
        if (braces) {
          print('{');
        }
        path(false, false);
        char kind = consume();
        if (kind == 'T') {
          print('(');
          for (int i = 0; !error && !consumeIf('E'); i++) {
            if (i > 0) {
              print(", ");
            }
            constant(true);
          }
          print(')');
        } else if (kind == 'S') {
          print(" { ");
          for (int i = 0; !error && !consumeIf('E'); i++) {
            if (i > 0) {
              print(", ");
            }
            optionalBase62('s');
            identifier(false);
            print(": ");
            constant(true);
          }
          print(" }");
        } else if (kind != 'U') {
          error = true;
        }
        if (braces) {
          print('}');
        }
        break;
      }
      default:
        error = true;
        break;
    }
  }

  private void constInt(char type) {
    if (consumeIf('n')) {
      print('-');
    }
    int start = pos;
    long value = hexNumber();
    if (error) {
      return;
    }
    int digits = pos - 1 - start;
    if (digits <= 16) {
      print(Long.toUnsignedString(value));
    } else {
      print("0x");
      print(sym, start, pos - 1);
    }
    if (style == RustStyle.RUSTC_DISPLAY) {
      print(basicType(type));
    }
  }

  private void constBool() {
    int start = pos;
    hexNumber();
    if (error) {
      return;
    }
    int digits = pos - 1 - start;
    char c = sym.charAt(start);
    if (digits == 1 && c == '0') {
      print("false");
    } else if (digits == 1 && c == '1') {
      print("true");
    } else {
      error = true;
    }
  }

  private void constChar() {
    int start = pos;
    long cp = hexNumber();
    int digits = pos - 1 - start;
    if (error || digits > 6) {
      error = true;
      return;
    }
    print('\'');
    if (llvm) {
      switch ((int) cp) {
        case '\t':
          print("\\t");
          break;
        case '\r':
          print("\\r");
          break;
        case '\n':
          print("\\n");
          break;
        case '\\':
          print("\\\\");
          break;
        case '"':
          print('"');
          break;
        case '\'':
          print("\\'");
          break;
        default:
          if (cp >= 0x20 && cp <= 0x7e) {
            print((char) cp);
          } else {
            print("\\u{");
            print(sym, start, pos - 1);
            print('}');
          }
          break;
      }
    } else {
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        error = true;
        return;
      }
      escapeDebug((int) cp, true);
    }
    print('\'');
  }

  /** rustc-demangle's {@code e} string constant: UTF-8 bytes as hex pairs, printed quoted. */
  private void constStr() {
    int start = pos;
    while (!error && !consumeIf('_')) {
      char c = consume();
      if (RustLegacy.lowerHex(c) < 0) {
        error = true;
      }
    }
    if (error) {
      return;
    }
    int to = pos - 1;
    if (((to - start) & 1) != 0) {
      error = true;
      return;
    }
    byte[] bytes = new byte[(to - start) / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (RustLegacy.lowerHex(sym.charAt(start + 2 * i)) * 16
          + RustLegacy.lowerHex(sym.charAt(start + 2 * i + 1)));
    }
    java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    String text;
    try {
      text = decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      error = true;
      return;
    }
    print('"');
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      escapeDebug(cp, false);
    }
    print('"');
  }

  /** Rust's {@code escape_debug} of a char or string element. */
  private void escapeDebug(int cp, boolean inChar) {
    switch (cp) {
      case 0:
        print("\\0");
        return;
      case '\t':
        print("\\t");
        return;
      case '\r':
        print("\\r");
        return;
      case '\n':
        print("\\n");
        return;
      case '\\':
        print("\\\\");
        return;
      case '\'':
        print(inChar ? "\\'" : "'");
        return;
      case '"':
        print(inChar ? "\"" : "\\\"");
        return;
      default:
        break;
    }
    if (isPrintable(cp)) {
      if (print && !error) {
        out.appendCodePoint(cp);
      }
    } else {
      print("\\u{");
      print(Integer.toHexString(cp));
      print('}');
    }
  }

  private static boolean isPrintable(int cp) {
    if (cp >= 0x20 && cp < 0x7f) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.UNASSIGNED:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
        return false;
      case Character.SPACE_SEPARATOR:
        return cp == ' ';
      default:
        return true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Identifiers and numbers

  /**
   * Parses {@code <undisambiguated-identifier>}: {@code [span start, span end, punycode]}.
   */
  private int[] rawIdentifier() {
    int[] span = {pos, pos, 0};
    boolean punycode = consumeIf('u');
    long len = decimal();
    consumeIf('_');
    if (error || len > end - pos) {
      error = true;
      return span;
    }
    int from = pos;
    pos += (int) len;
    if (llvm) {
      for (int i = from; i < pos; i++) {
        if (!isValid(sym.charAt(i))) {
          error = true;
          return span;
        }
      }
    }
    span[0] = from;
    span[1] = pos;
    span[2] = punycode ? 1 : 0;
    return span;
  }

  /** Parses and prints an identifier. */
  private void identifier(boolean raw) {
    printIdentifier(rawIdentifier(), raw);
  }

  /**
   * Prints a parsed identifier, decoding punycode unless {@code raw} (LLVM prints the names in
   * associated-type bindings of {@code dyn} bounds undecoded).
   */
  private void printIdentifier(int[] span, boolean raw) {
    if (error || !print) {
      return;
    }
    int from = span[0];
    int to = span[1];
    if (span[2] == 0 || raw) {
      print(sym, from, to);
      return;
    }
    int delim = -1;
    for (int i = to - 1; i >= from; i--) {
      if (sym.charAt(i) == '_') {
        delim = i;
        break;
      }
    }
    int asciiTo = delim < 0 ? from : delim;
    int codeFrom = delim < 0 ? from : delim + 1;
    if (!llvm && codeFrom == to) {
      error = true;
      return;
    }
    int mark = out.length();
    if (!RustPunycode.decode(sym, from, asciiTo, codeFrom, to, out)) {
      out.setLength(mark);
      if (llvm) {
        error = true;
      } else {
        print("punycode{");
        if (asciiTo > from) {
          print(sym, from, asciiTo);
          print('-');
        }
        print(sym, codeFrom, to);
        print('}');
      }
    }
    checkSize();
  }

  /** A backreference target (absolute index), or -1 when not printing or on error. */
  private int backref() {
    int tagPos = pos - 1;
    long target = base62();
    long limit = llvm ? pos - base : tagPos - base;
    if (error || target >= limit) {
      error = true;
      return -1;
    }
    return print ? base + (int) target : -1;
  }

  /** {@code <base-62-number> = {<0-9a-zA-Z>} "_"}, the value plus one ({@code _} is 0). */
  private long base62() {
    if (consumeIf('_')) {
      return 0;
    }
    long value = 0;
    while (true) {
      char c = consume();
      if (error) {
        return 0;
      }
      if (c == '_') {
        break;
      }
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'z') {
        digit = 10 + (c - 'a');
      } else if (c >= 'A' && c <= 'Z') {
        digit = 36 + (c - 'A');
      } else {
        error = true;
        return 0;
      }
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 62)) > 0) {
        error = true;
        return 0;
      }
      value *= 62;
      if (Long.compareUnsigned(value, -1L - digit) > 0) {
        error = true;
        return 0;
      }
      value += digit;
    }
    if (value == -1L) {
      error = true;
      return 0;
    }
    return value + 1;
  }

  /** 0 if {@code tag} is absent, else the base-62 number plus one. */
  private long optionalBase62(char tag) {
    if (!consumeIf(tag)) {
      return 0;
    }
    long n = base62();
    if (error || n == -1L) {
      error = true;
      return 0;
    }
    return n + 1;
  }

  /** {@code <decimal-number> = "0" | <1-9> {<0-9>}}. */
  private long decimal() {
    if (error || pos >= end || !RustLegacy.isDigit(sym.charAt(pos))) {
      error = true;
      return 0;
    }
    if (sym.charAt(pos) == '0') {
      pos++;
      return 0;
    }
    long value = 0;
    while (pos < end && RustLegacy.isDigit(sym.charAt(pos))) {
      value = value * 10 + (sym.charAt(pos) - '0');
      pos++;
      if (value > Integer.MAX_VALUE) {
        error = true;
        return 0;
      }
    }
    return value;
  }

  /**
   * {@code <hex-number> = "0_" | <1-9a-f> {<0-9a-f>} "_"}; the value (meaningless past 16
   * digits). The digits are {@code sym[start, pos - 1)} afterwards.
   */
  private long hexNumber() {
    if (error || pos >= end || RustLegacy.lowerHex(sym.charAt(pos)) < 0) {
      error = true;
      return 0;
    }
    long value = 0;
    if (consumeIf('0')) {
      if (!consumeIf('_')) {
        error = true;
      }
      return 0;
    }
    while (!error && !consumeIf('_')) {
      char c = consume();
      int d = RustLegacy.lowerHex(c);
      if (d < 0) {
        error = true;
        return 0;
      }
      value = value * 16 + d;
    }
    return value;
  }

  private static String basicType(char c) {
    switch (c) {
      case 'a': return "i8";
      case 'b': return "bool";
      case 'c': return "char";
      case 'd': return "f64";
      case 'e': return "str";
      case 'f': return "f32";
      case 'h': return "u8";
      case 'i': return "isize";
      case 'j': return "usize";
      case 'l': return "i32";
      case 'm': return "u32";
      case 'n': return "i128";
      case 'o': return "u128";
      case 'p': return "_";
      case 's': return "i16";
      case 't': return "u16";
      case 'u': return "()";
      case 'v': return "...";
      case 'x': return "i64";
      case 'y': return "u64";
      case 'z': return "!";
      default: return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Input and output

  private char consume() {
    if (error || pos >= end) {
      error = true;
      return 0;
    }
    return sym.charAt(pos++);
  }

  private boolean consumeIf(char c) {
    if (error || pos >= end || sym.charAt(pos) != c) {
      return false;
    }
    pos++;
    return true;
  }

  private void print(char c) {
    if (print && !error) {
      out.append(c);
      checkSize();
    }
  }

  private void print(String s) {
    if (print && !error) {
      out.append(s);
      checkSize();
    }
  }

  private void print(CharSequence s, int from, int to) {
    if (print && !error) {
      out.append(s, from, to);
      checkSize();
    }
  }

  private void checkSize() {
    if (out.length() > MAX_OUTPUT) {
      error = true;
    }
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isValid(char c) {
    return (c >= '0' && c <= '9') || isLower(c) || isUpper(c) || c == '_';
  }
}
