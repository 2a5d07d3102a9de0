package dev.symbolic.sourcemap;

import dev.symbolic.sourcemap.JsScope.NamePart;
import dev.symbolic.sourcemap.JsTokenizer.Kind;
import dev.symbolic.sourcemap.JsTokenizer.Tokens;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * Finds the function-like scopes of minified JavaScript and the names they have there, following
 * the conventions of Sentry's {@code js-source-scopes} (used by symbolic's SourceMapCache).
 *
 * <p>Scopes: function declarations and expressions, arrow functions, classes (the whole class
 * body, which includes the constructor and field initializers), object-literal methods and
 * getters/setters, class methods, getters/setters and private methods. Naming rules:
 *
 * <ul>
 *   <li>{@code function foo(){}} gives {@code foo}; {@code class Foo{}} gives {@code new Foo}.
 *   <li>An anonymous function, arrow or class takes the name of what it is assigned to, walking
 *       outwards through parentheses, calls, conditionals and the like up to the enclosing
 *       function: {@code var a = function(){}} / {@code a = () => {}} give {@code a}, {@code
 *       a.b.c = function(){}} gives {@code a.b.c}, {@code this.x = ...} gives {@code this.x},
 *       {@code K.prototype[42] = ...} gives {@code K.prototype[42]}, {@code let k = class{}} gives
 *       {@code new k}.
 *   <li>Object literal keys are prefixed: {@code var o = {a: function(){}, b(){}}} gives {@code
 *       o.a} and {@code o.b}; an object not assigned to anything gives {@code <object>.a}.
 *       Non-identifier method keys give {@code <"str">}, {@code <1.5>}, {@code <computed>}.
 *   <li>A named function expression replaces the last component of the inferred name: {@code o =
 *       {a: function b(){}}} gives {@code o.b}; a named class expression is appended: {@code a =
 *       class B{}} gives {@code new a.B}.
 *   <li>Class members: {@code Foo.bar}, {@code Foo.#priv}, {@code get Foo.x}, {@code set Foo.x},
 *       static methods alike; the constructor is part of the class scope. Object getters: {@code
 *       get o.x}.
 *   <li>Class fields initialised with a function: {@code Foo.field} (js-source-scopes gives the
 *       class name alone there).
 * </ul>
 */
public final class JsScopes {

  private JsScopes() {}

  /**
   * Finds all scopes of {@code minifiedSource}, sorted by start offset (outer before inner for
   * equal starts). Scopes nest. Never throws on malformed input (best effort).
   */
  public static List<JsScope> find(String minifiedSource) {
    Objects.requireNonNull(minifiedSource, "minifiedSource");
    return find(JsTokenizer.tokenize(minifiedSource));
  }

  static List<JsScope> find(Tokens tokens) {
    Finder f = new Finder(tokens);
    f.run();
    return f.result();
  }

  /**
   * The innermost scope containing the 0-based position {@code (line, column)} (start inclusive,
   * end exclusive), or empty when the position is in no scope (global code). {@code scopes} must
   * be sorted by start as {@link #find} returns them; lists returned by {@link #find} are searched
   * in logarithmic time along precomputed parent links.
   */
  public static Optional<JsScope> innermost(List<JsScope> scopes, int line, int column) {
    int lo = 0;
    int hi = scopes.size() - 1;
    int idx = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      JsScope s = scopes.get(mid);
      if (JsScope.compare(s.startLine(), s.startColumn(), line, column) <= 0) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (idx < 0) {
      return Optional.empty();
    }
    if (scopes instanceof ScopeList) {
      int[] parent = ((ScopeList) scopes).parent;
      for (int j = idx; j >= 0; j = parent[j]) {
        if (scopes.get(j).contains(line, column)) {
          return Optional.of(scopes.get(j));
        }
      }
      return Optional.empty();
    }
    for (int j = idx; j >= 0; j--) {
      JsScope s = scopes.get(j);
      if (s.contains(line, column)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The immutable result list, with parent links for {@link #innermost}. */
  private static final class ScopeList extends AbstractList<JsScope> implements RandomAccess {
    private final JsScope[] scopes;
    private final int[] parent;

    ScopeList(JsScope[] scopes) {
      this.scopes = scopes;
      this.parent = new int[scopes.length];
      int[] stack = new int[Math.max(1, scopes.length)];
      int sp = 0;
      for (int i = 0; i < scopes.length; i++) {
        while (sp > 0 && scopes[stack[sp - 1]].end() <= scopes[i].start()) {
          sp--;
        }
        parent[i] = sp > 0 ? stack[sp - 1] : -1;
        stack[sp++] = i;
      }
    }

    @Override
    public JsScope get(int index) {
      return scopes[index];
    }

    @Override
    public int size() {
      return scopes.length;
    }
  }

  // ------------------------------------------------------------------------------------------

  private static final byte PROGRAM = 1;
  private static final byte BLOCK = 2;
  private static final byte FUNC_BODY = 3;
  private static final byte METHOD_BODY = 4; // a class method body (a FUNC_BODY)
  private static final byte CLASS_BODY = 5;
  private static final byte OBJECT = 6;
  private static final byte PAREN = 7;
  private static final byte BRACKET = 8;
  private static final byte TEMPLATE_SUB = 9;
  private static final byte PARAMS = 10;
  private static final byte STATIC_BLOCK = 11; // a class static initialization block

  private static final List<NamePart> NONE = List.of();

  /** One bracket nesting level and the naming context active in it. */
  private static final class Level {
    byte kind;
    int open;
    int targetPos;
    List<NamePart> target;
    int keyPos;
    List<NamePart> key;
    int[] arrowPos = new int[4];
    int[] arrowEnd = new int[4];
    int arrows;
    List<NamePart> classParts;
    int lastMember;

    void init(byte kind, int open) {
      this.kind = kind;
      this.open = open;
      targetPos = -1;
      target = null;
      keyPos = -1;
      key = null;
      arrows = 0;
      classParts = null;
      lastMember = -1;
    }

    void reset() {
      targetPos = -1;
      target = null;
      keyPos = -1;
      key = null;
    }

    void addArrow(int pos, int end) {
      if (arrows == arrowPos.length) {
        arrowPos = Arrays.copyOf(arrowPos, arrows * 2);
        arrowEnd = Arrays.copyOf(arrowEnd, arrows * 2);
      }
      arrowPos[arrows] = pos;
      arrowEnd[arrows] = end;
      arrows++;
    }

    /** Position of the latest arrow whose expression body contains token {@code at}, or -1. */
    int boundary(int at) {
      while (arrows > 0 && arrowEnd[arrows - 1] < at) {
        arrows--;
      }
      return arrows > 0 ? arrowPos[arrows - 1] : -1;
    }
  }

  private static final class Finder {
    private final Tokens t;
    private final String src;
    private final int n;
    private final int[] match;
    private final byte[] openKind;
    private final boolean[] skip;
    private final Map<Integer, List<NamePart>> classNames = new HashMap<>();
    private Level[] stack = new Level[64];
    private int depth;
    private int[] rawStart = new int[64];
    private int[] rawEnd = new int[64];
    private final List<List<NamePart>> rawParts = new ArrayList<>();
    private int rawCount;

    Finder(Tokens t) {
      this.t = t;
      this.src = t.source();
      this.n = t.count();
      this.match = matchBrackets(t);
      this.openKind = new byte[n];
      this.skip = new boolean[n];
    }

    // -------------------------------------------------------------- token helpers

    private boolean punct(int i, char c) {
      return i >= 0 && i < n && t.kind(i) == Kind.PUNCTUATOR && t.is(i, c);
    }

    private boolean punct(int i, String s) {
      return i >= 0 && i < n && t.kind(i) == Kind.PUNCTUATOR && t.is(i, s);
    }

    private boolean ident(int i, String s) {
      return i >= 0 && i < n && t.kind(i) == Kind.IDENTIFIER && t.is(i, s);
    }

    private boolean keyword(int i, String s) {
      return i >= 0 && i < n && t.kind(i) == Kind.KEYWORD && t.is(i, s);
    }

    private boolean isDot(int i) {
      return punct(i, '.') || punct(i, "?.");
    }

    private boolean opensSubstitution(int i) {
      return (t.flags(i) & JsTokenizer.FLAG_SUBSTITUTION) != 0;
    }

    private boolean templateStartsWithBrace(int i) {
      return src.charAt(t.start(i)) == '}';
    }

    private static int[] matchBrackets(Tokens t) {
      int n = t.count();
      int[] match = new int[n];
      Arrays.fill(match, -1);
      int[] st = new int[64];
      boolean[] tmpl = new boolean[64];
      int sp = 0;
      String src = t.source();
      for (int i = 0; i < n; i++) {
        Kind k = t.kind(i);
        if (k == Kind.PUNCTUATOR && t.end(i) - t.start(i) == 1) {
          char c = src.charAt(t.start(i));
          if (c == '(' || c == '[' || c == '{') {
            if (sp == st.length) {
              st = Arrays.copyOf(st, sp * 2);
              tmpl = Arrays.copyOf(tmpl, sp * 2);
            }
            tmpl[sp] = false;
            st[sp++] = i;
          } else if (c == ')' || c == ']' || c == '}') {
            if (sp > 0 && !tmpl[sp - 1]) {
              int o = st[--sp];
              match[o] = i;
              match[i] = o;
            }
          }
        } else if (k == Kind.TEMPLATE) {
          boolean closes = src.charAt(t.start(i)) == '}';
          boolean opens = (t.flags(i) & JsTokenizer.FLAG_SUBSTITUTION) != 0;
          if (closes) {
            // pop anything left unclosed inside the substitution, then the substitution
            while (sp > 0 && !tmpl[sp - 1]) {
              sp--;
            }
            if (sp > 0) {
              int o = st[--sp];
              match[o] = i;
              match[i] = o;
            }
          }
          if (opens) {
            if (sp == st.length) {
              st = Arrays.copyOf(st, sp * 2);
              tmpl = Arrays.copyOf(tmpl, sp * 2);
            }
            tmpl[sp] = true;
            st[sp++] = i;
          }
        }
      }
      return match;
    }

    // -------------------------------------------------------------- stack

    private Level top() {
      return stack[depth - 1];
    }

    private void push(byte kind, int open) {
      if (depth == stack.length) {
        stack = Arrays.copyOf(stack, depth * 2);
      }
      Level l = stack[depth];
      if (l == null) {
        l = new Level();
        stack[depth] = l;
      }
      l.init(kind, open);
      depth++;
    }

    private void addScope(int startOffset, int endOffset, List<NamePart> parts) {
      if (rawCount == rawStart.length) {
        rawStart = Arrays.copyOf(rawStart, rawCount * 2);
        rawEnd = Arrays.copyOf(rawEnd, rawCount * 2);
      }
      rawStart[rawCount] = startOffset;
      rawEnd[rawCount] = Math.max(startOffset, endOffset);
      rawParts.add(parts);
      rawCount++;
    }

    private int bodyEnd(int open) {
      int close = match[open];
      return close >= 0 ? t.end(close) : src.length();
    }

    private NamePart identPart(int i) {
      String text = t.value(i);
      if (t.kind(i) == Kind.PRIVATE_NAME && text.startsWith("#")) {
        text = text.substring(1);
      }
      return new NamePart(text, t.start(i), t.end(i) - t.start(i), t.line(i), t.column(i));
    }

    // -------------------------------------------------------------- main loop

    void run() {
      push(PROGRAM, -1);
      for (int i = 0; i < n; i++) {
        Kind k = t.kind(i);
        switch (k) {
          case KEYWORD:
            if (skip[i]) {
              break;
            }
            onKeyword(i);
            break;
          case PUNCTUATOR:
            onPunctuator(i);
            break;
          case TEMPLATE:
            if (templateStartsWithBrace(i) && depth > 1 && top().kind == TEMPLATE_SUB) {
              depth--;
            }
            if (opensSubstitution(i)) {
              push(TEMPLATE_SUB, i);
            }
            break;
          default:
            break;
        }
      }
    }

    private void onKeyword(int i) {
      if (isDot(i - 1)) {
        return;
      }
      if (t.is(i, "function")) {
        onFunction(i);
      } else if (t.is(i, "class")) {
        onClass(i);
      } else if (isStatementKeyword(i)) {
        top().targetPos = -1;
        top().target = null;
      }
    }

    private boolean isStatementKeyword(int i) {
      switch (t.text(i)) {
        case "var": case "const": case "return": case "throw": case "if": case "else":
        case "for": case "while": case "do": case "switch": case "try": case "catch":
        case "finally": case "break": case "continue": case "case": case "default":
        case "import": case "export": case "with": case "debugger":
          return true;
        default:
          return false;
      }
    }

    private void onPunctuator(int i) {
      int len = t.end(i) - t.start(i);
      char c = src.charAt(t.start(i));
      if (len == 1) {
        switch (c) {
          case '{': {
            byte kind = openKind[i];
            if (kind == 0) {
              kind = (t.flags(i) & JsTokenizer.FLAG_BRACE_EXPRESSION) != 0 ? OBJECT : BLOCK;
            }
            push(kind, i);
            if (kind == OBJECT) {
              parseProperty(i + 1);
            } else if (kind == CLASS_BODY) {
              top().classParts = classNames.get(i);
              parseMember(i + 1);
            }
            return;
          }
          case '(':
            push(openKind[i] == PARAMS ? PARAMS : PAREN, i);
            return;
          case '[':
            push(BRACKET, i);
            return;
          case ')':
          case ']':
          case '}':
            if (depth > 1 && !(c != '}' && top().kind == TEMPLATE_SUB)) {
              byte popped = top().kind;
              depth--;
              if ((popped == METHOD_BODY || popped == STATIC_BLOCK) && top().kind == CLASS_BODY) {
                parseMember(i + 1);
              }
            }
            return;
          case ',':
            top().reset();
            if (top().kind == OBJECT) {
              parseProperty(i + 1);
            }
            return;
          case ';':
            top().reset();
            if (top().kind == CLASS_BODY) {
              parseMember(i + 1);
            }
            return;
          case '=':
            onAssign(i);
            return;
          default:
            return;
        }
      }
      if (len == 2 && c == '=' && src.charAt(t.start(i) + 1) == '>') {
        onArrow(i);
        return;
      }
      if (src.charAt(t.end(i) - 1) == '=' && !t.is(i, "==") && !t.is(i, "===")
          && !t.is(i, "!=") && !t.is(i, "!==") && !t.is(i, "<=") && !t.is(i, ">=")) {
        onAssign(i);
      }
    }

    // -------------------------------------------------------------- constructs

    private boolean isStatementStart(int s) {
      int p = s - 1;
      if (p < 0) {
        return true;
      }
      switch (t.kind(p)) {
        case PUNCTUATOR:
          if (t.is(p, ';') || t.is(p, '}') || t.is(p, ')')) {
            return true;
          }
          if (t.is(p, '{')) {
            return (t.flags(p) & JsTokenizer.FLAG_BRACE_EXPRESSION) == 0
                && openKind[p] != CLASS_BODY;
          }
          return false;
        case KEYWORD:
          if (t.is(p, "else") || t.is(p, "do") || t.is(p, "export") || t.is(p, "default")) {
            return true;
          }
          return t.newlineBefore(s) && (t.is(p, "this") || t.is(p, "null") || t.is(p, "true")
              || t.is(p, "false") || t.is(p, "super"));
        case IDENTIFIER:
        case NUMBER:
        case STRING:
        case REGEX:
        case TEMPLATE:
          return t.newlineBefore(s);
        default:
          return false;
      }
    }

    private void onFunction(int i) {
      int start = i;
      if (ident(i - 1, "async") && !t.newlineBefore(i) && !isDot(i - 2)) {
        start = i - 1;
      }
      int j = i + 1;
      if (punct(j, '*')) {
        j++;
      }
      int nameIdx = -1;
      if (j < n && t.kind(j) == Kind.IDENTIFIER) {
        nameIdx = j;
        j++;
      }
      if (!punct(j, '(') || match[j] < 0) {
        return;
      }
      int body = match[j] + 1;
      if (!punct(body, '{')) {
        return;
      }
      openKind[j] = PARAMS;
      openKind[body] = FUNC_BODY;
      List<NamePart> parts;
      if (isStatementStart(start)) {
        parts = nameIdx >= 0 ? List.of(identPart(nameIdx)) : null;
      } else {
        parts = inferCtx(NONE, i);
        if (nameIdx >= 0) {
          if (parts == null) {
            parts = List.of(identPart(nameIdx));
          } else {
            List<NamePart> copy = new ArrayList<>(parts);
            copy.set(copy.size() - 1, identPart(nameIdx));
            parts = copy;
          }
        }
      }
      addScope(t.start(start), bodyEnd(body), parts);
    }

    private void onClass(int i) {
      int j = i + 1;
      int nameIdx = -1;
      if (j < n && t.kind(j) == Kind.IDENTIFIER) {
        nameIdx = j;
        j++;
      }
      int k = j;
      while (k < n) {
        if (punct(k, '{')) {
          break;
        }
        if (punct(k, '(') || punct(k, '[')
            || (t.kind(k) == Kind.TEMPLATE && opensSubstitution(k))) {
          int m = k;
          while (m >= 0 && match[m] >= 0 && match[m] > m) {
            m = match[m];
            if (!(t.kind(m) == Kind.TEMPLATE && opensSubstitution(m))) {
              break;
            }
          }
          if (m <= k) {
            return;
          }
          k = m + 1;
          continue;
        }
        if (punct(k, ';') || punct(k, ')') || punct(k, ']') || punct(k, '}')
            || keyword(k, "class") || keyword(k, "function")) {
          return;
        }
        k++;
      }
      if (k >= n) {
        return;
      }
      int body = k;
      List<NamePart> classParts;
      if (isStatementStart(i)) {
        classParts = nameIdx >= 0 ? List.of(identPart(nameIdx)) : null;
      } else {
        List<NamePart> ctx = inferCtx(NONE, i);
        if (nameIdx >= 0) {
          List<NamePart> p = new ArrayList<>();
          if (ctx != null) {
            p.addAll(ctx);
            p.add(NamePart.text("."));
          }
          p.add(identPart(nameIdx));
          classParts = p;
        } else {
          classParts = ctx;
        }
      }
      openKind[body] = CLASS_BODY;
      if (classParts != null) {
        classNames.put(body, classParts);
      }
      List<NamePart> scopeParts = null;
      if (classParts != null) {
        scopeParts = new ArrayList<>(classParts.size() + 1);
        scopeParts.add(NamePart.text("new "));
        scopeParts.addAll(classParts);
      }
      addScope(t.start(i), bodyEnd(body), scopeParts);
    }

    private void onArrow(int i) {
      int p = i - 1;
      int start;
      if (punct(p, ')')) {
        int open = match[p];
        if (open < 0 || !punct(open, '(')) {
          return;
        }
        start = open;
        if (ident(open - 1, "async") && !isDot(open - 2)) {
          start = open - 1;
        }
      } else if (p >= 0 && t.kind(p) == Kind.IDENTIFIER) {
        start = p;
        if (ident(p - 1, "async") && !t.newlineBefore(p) && !isDot(p - 2)) {
          start = p - 1;
        }
      } else {
        return;
      }
      List<NamePart> parts = inferCtx(NONE, i);
      int end;
      if (punct(i + 1, '{')) {
        openKind[i + 1] = FUNC_BODY;
        end = bodyEnd(i + 1);
      } else {
        int last = expressionEnd(i + 1);
        end = t.end(last);
        top().addArrow(i, last);
      }
      addScope(t.start(start), end, parts);
    }

    /** The last token of an arrow function's expression body starting at token {@code j}. */
    private int expressionEnd(int j) {
      int last = j - 1;
      int ternary = 0;
      int k = j;
      while (k < n) {
        Kind kind = t.kind(k);
        if (kind == Kind.PUNCTUATOR) {
          int len = t.end(k) - t.start(k);
          char c = src.charAt(t.start(k));
          if (len == 1) {
            if (c == ')' || c == ']' || c == '}' || c == ',' || c == ';') {
              break;
            }
            if (c == '?') {
              ternary++;
            } else if (c == ':') {
              if (ternary == 0) {
                break;
              }
              ternary--;
            } else if (c == '(' || c == '[' || c == '{') {
              int m = match[k];
              if (m < 0) {
                return n - 1;
              }
              last = m;
              k = m + 1;
              continue;
            }
          }
        } else if (kind == Kind.TEMPLATE) {
          if (templateStartsWithBrace(k)) {
            break;
          }
          if (opensSubstitution(k)) {
            int m = k;
            while (t.kind(m) == Kind.TEMPLATE && opensSubstitution(m)) {
              int next = match[m];
              if (next <= m) {
                return n - 1;
              }
              m = next;
            }
            last = m;
            k = m + 1;
            continue;
          }
        } else if (kind == Kind.KEYWORD && k > j && t.newlineBefore(k) && isStatementKeyword(k)) {
          break;
        }
        last = k;
        k++;
      }
      return last;
    }

    private void onAssign(int i) {
      Level l = top();
      if (l.kind == CLASS_BODY || l.kind == OBJECT || l.kind == PARAMS) {
        return;
      }
      l.targetPos = i;
      l.target = assignTarget(i - 1);
    }

    /** The name of the assignment target ending at token {@code e}, or null if not nameable. */
    private List<NamePart> assignTarget(int e) {
      ArrayDeque<NamePart> parts = new ArrayDeque<>();
      int k = e;
      while (k >= 0) {
        Kind kind = t.kind(k);
        if (kind == Kind.IDENTIFIER || kind == Kind.KEYWORD || kind == Kind.PRIVATE_NAME) {
          if (isDot(k - 1)) {
            if (kind == Kind.PRIVATE_NAME) {
              parts.addFirst(identPart(k));
              parts.addFirst(NamePart.text("#"));
            } else {
              parts.addFirst(identPart(k));
            }
            parts.addFirst(NamePart.text("."));
            k -= 2;
            continue;
          }
          if (kind == Kind.IDENTIFIER) {
            parts.addFirst(identPart(k));
            return new ArrayList<>(parts);
          }
          if (kind == Kind.KEYWORD && t.is(k, "this")) {
            parts.addFirst(NamePart.text("this"));
            return new ArrayList<>(parts);
          }
          return null;
        }
        if (punct(k, ']')) {
          int o = match[k];
          if (o <= 0 || !punct(o, '[')) {
            return null;
          }
          parts.addFirst(NamePart.text("]"));
          if (o + 2 == k) {
            int in = o + 1;
            switch (t.kind(in)) {
              case IDENTIFIER:
                parts.addFirst(identPart(in));
                break;
              case NUMBER:
              case STRING:
                parts.addFirst(NamePart.text(t.text(in)));
                break;
              default:
                parts.addFirst(NamePart.text("<computed>"));
                break;
            }
          } else {
            parts.addFirst(NamePart.text("<computed>"));
          }
          parts.addFirst(NamePart.text("["));
          k = o - 1;
          Kind before = t.kind(k);
          if (!(before == Kind.IDENTIFIER || before == Kind.KEYWORD || punct(k, ']'))) {
            return null; // destructuring pattern or call result
          }
          continue;
        }
        return null;
      }
      return null;
    }

    // -------------------------------------------------------------- members

    private boolean isPropertyEnd(int x) {
      return x >= n || punct(x, ',') || punct(x, ':') || punct(x, '(') || punct(x, '}')
          || punct(x, '=') || punct(x, ';');
    }

    /** Key of a property/member at token {@code q}: parts, with the last key token index. */
    private static final class Key {
      List<NamePart> method; // component used for methods and fields
      List<NamePart> value; // component used for `key: value` (identifiers only), or null
      int last;
    }

    private Key key(int q) {
      if (q >= n) {
        return null;
      }
      Key key = new Key();
      key.last = q;
      switch (t.kind(q)) {
        case IDENTIFIER:
        case KEYWORD:
          skip[q] = true;
          key.method = List.of(identPart(q));
          key.value = key.method;
          return key;
        case PRIVATE_NAME:
          key.method = List.of(NamePart.text("#"), identPart(q));
          key.value = key.method;
          return key;
        case STRING: {
          String raw = t.text(q);
          String inner = raw.length() >= 2 ? raw.substring(1, raw.length() - 1) : raw;
          key.method = List.of(NamePart.text("<\"" + inner + "\">"));
          return key;
        }
        case NUMBER:
          key.method = List.of(NamePart.text("<" + t.text(q) + ">"));
          return key;
        case PUNCTUATOR:
          if (t.is(q, '[') && match[q] > q) {
            key.method = List.of(NamePart.text("<computed>"));
            key.last = match[q];
            return key;
          }
          return null;
        default:
          return null;
      }
    }

    private void parseProperty(int p) {
      if (p >= n || punct(p, '}') || punct(p, "...")) {
        return;
      }
      Level l = top();
      int q = p;
      int accessor = 0;
      if (ident(q, "async") && !isPropertyEnd(q + 1) && !t.newlineBefore(q + 1)) {
        q++;
      }
      if (punct(q, '*')) {
        q++;
      }
      if ((ident(q, "get") || ident(q, "set")) && !isPropertyEnd(q + 1)) {
        accessor = t.is(q, "get") ? 1 : 2;
        q++;
      }
      Key key = key(q);
      if (key == null) {
        return;
      }
      int k = key.last + 1;
      if (punct(k, '(')) {
        int close = match[k];
        if (close < 0 || !punct(close + 1, '{')) {
          return;
        }
        int body = close + 1;
        openKind[k] = PARAMS;
        openKind[body] = FUNC_BODY;
        List<NamePart> parts;
        if (accessor != 0) {
          List<NamePart> ctx = inferCtx(NONE, p);
          parts = new ArrayList<>();
          parts.add(NamePart.text(accessor == 1 ? "get " : "set "));
          if (ctx != null) {
            parts.addAll(ctx);
            parts.add(NamePart.text("."));
          }
          parts.addAll(key.method);
        } else {
          parts = inferCtx(key.method, p);
        }
        addScope(t.start(p), bodyEnd(body), parts);
      } else if (punct(k, ':')) {
        l.keyPos = k;
        l.key = key.value;
      }
    }

    private boolean isMemberEnd(int x) {
      return x >= n || punct(x, '(') || punct(x, '=') || punct(x, ';') || punct(x, '}');
    }

    private void parseMember(int p) {
      while (punct(p, ';')) {
        p++;
      }
      if (p >= n || punct(p, '}')) {
        return;
      }
      Level l = top();
      if (l.lastMember == p) {
        return;
      }
      l.lastMember = p;
      l.keyPos = -1;
      l.key = null;
      int q = p;
      int accessor = 0;
      if (ident(q, "static") && !isMemberEnd(q + 1)) {
        if (punct(q + 1, '{')) {
          openKind[q + 1] = STATIC_BLOCK;
          return;
        }
        q++;
      }
      if (ident(q, "accessor") && !isMemberEnd(q + 1) && !t.newlineBefore(q + 1)) {
        q++;
      }
      if (ident(q, "async") && !isMemberEnd(q + 1) && !t.newlineBefore(q + 1)) {
        q++;
      }
      if (punct(q, '*')) {
        q++;
      }
      if ((ident(q, "get") || ident(q, "set")) && !isMemberEnd(q + 1)) {
        accessor = t.is(q, "get") ? 1 : 2;
        q++;
      }
      Key key = key(q);
      if (key == null) {
        return;
      }
      int k = key.last + 1;
      if (punct(k, '(')) {
        int close = match[k];
        if (close < 0 || !punct(close + 1, '{')) {
          return;
        }
        int body = close + 1;
        openKind[k] = PARAMS;
        openKind[body] = METHOD_BODY;
        boolean constructor = accessor == 0 && t.kind(q) == Kind.IDENTIFIER
            && t.is(q, "constructor");
        if (!constructor) {
          List<NamePart> parts = new ArrayList<>();
          if (accessor != 0) {
            parts.add(NamePart.text(accessor == 1 ? "get " : "set "));
          }
          if (l.classParts != null) {
            parts.addAll(l.classParts);
            parts.add(NamePart.text("."));
          }
          parts.addAll(key.method);
          addScope(t.start(p), bodyEnd(body), parts);
        }
      } else if (punct(k, '=')) {
        l.keyPos = k;
        l.key = key.method;
      }
    }

    // -------------------------------------------------------------- naming

    /**
     * Infers the name of a scope starting at token {@code at} from the enclosing levels, with
     * {@code initial} components already known (e.g. an object method key). Returns null if no
     * name can be inferred.
     */
    private List<NamePart> inferCtx(List<NamePart> initial, int at) {
      ArrayDeque<NamePart> comps = new ArrayDeque<>(initial);
      for (int d = depth - 1; d >= 0; d--) {
        Level l = stack[d];
        int b = l.boundary(at);
        switch (l.kind) {
          case PARAMS:
            return finish(comps);
          case OBJECT:
            if (b > l.keyPos) {
              return finish(comps);
            }
            if (l.keyPos >= 0 && l.key != null) {
              prepend(comps, l.key);
            }
            break;
          case CLASS_BODY:
            if (l.keyPos >= 0 && b < l.keyPos) {
              if (l.key != null) {
                prepend(comps, l.key);
              }
              if (l.classParts != null) {
                prepend(comps, l.classParts);
              }
              return comps.isEmpty() ? null : new ArrayList<>(comps);
            }
            return finish(comps);
          default:
            if (l.targetPos >= 0 && l.targetPos > b) {
              if (l.target != null) {
                prepend(comps, l.target);
                return new ArrayList<>(comps);
              }
            } else if (b >= 0) {
              return finish(comps);
            }
            if (l.kind == PROGRAM || l.kind == BLOCK || l.kind == FUNC_BODY
                || l.kind == METHOD_BODY || l.kind == STATIC_BLOCK) {
              return finish(comps);
            }
            break;
        }
      }
      return finish(comps);
    }

    private static void prepend(ArrayDeque<NamePart> comps, List<NamePart> parts) {
      if (!comps.isEmpty()) {
        comps.addFirst(NamePart.text("."));
      }
      for (int i = parts.size() - 1; i >= 0; i--) {
        comps.addFirst(parts.get(i));
      }
    }

    private static List<NamePart> finish(ArrayDeque<NamePart> comps) {
      if (comps.isEmpty()) {
        return null;
      }
      List<NamePart> out = new ArrayList<>(comps.size() + 2);
      out.add(NamePart.text("<object>"));
      out.add(NamePart.text("."));
      out.addAll(comps);
      return out;
    }

    // -------------------------------------------------------------- result

    List<JsScope> result() {
      Integer[] order = new Integer[rawCount];
      for (int i = 0; i < rawCount; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> rawStart[a] != rawStart[b]
          ? Integer.compare(rawStart[a], rawStart[b])
          : Integer.compare(rawEnd[b], rawEnd[a]));
      JsLineIndex lines = t.lineIndex();
      JsScope[] scopes = new JsScope[rawCount];
      for (int i = 0; i < rawCount; i++) {
        int r = order[i];
        int s = rawStart[r];
        int e = rawEnd[r];
        int sl = lines.line(s);
        int el = lines.line(e);
        scopes[i] = new JsScope(s, e, sl, s - lines.lineStart(sl), el, e - lines.lineStart(el),
            rawParts.get(r));
      }
      return new ScopeList(scopes);
    }
  }
}
