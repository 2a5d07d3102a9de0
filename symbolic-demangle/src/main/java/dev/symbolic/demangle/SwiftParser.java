package dev.symbolic.demangle;

import dev.symbolic.demangle.SwiftNode.Kind;
import java.util.ArrayList;
import java.util.function.Predicate;

/**
 * Parses a Swift mangled name ({@code $s}, {@code $S}, {@code $e}, {@code _T0}, with optional
 * leading underscore) into a node tree, following the stack machine of Apple's
 * {@code Demangler.cpp}. Operators this port does not implement make the parse fail (null):
 * an unsupported name gives no result rather than a guess. One instance per name; not shared.
 */
final class SwiftParser {
  static final int MAX_NODES = 20_000;
  private static final int MAX_REPEAT = 2048;
  private static final int MAX_WORDS = 26;
  private static final int MAX_CONTEXT_DEPTH = 200;
  private static final String STDLIB = "Swift";

  private final String text;
  private int pos;
  private final ArrayList<SwiftNode> stack = new ArrayList<>();
  private final ArrayList<SwiftNode> substitutions = new ArrayList<>();
  private final String[] words = new String[MAX_WORDS];
  private int numWords;
  private boolean oldFunctionTypeMangling;
  private int nodes;

  private SwiftParser(String text) {
    this.text = text;
  }

  /** Internal failure signal for resource limits; caught by {@link #parse}. */
  static final class Limit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Limit() {
      super(null, null, false, false);
    }
  }

  /** Length of the Swift mangling prefix of {@code name}, or 0. */
  static int prefixLength(String name) {
    if (name.startsWith("_T0")) {
      return 3;
    }
    if (name.startsWith("$S") || name.startsWith("$s") || name.startsWith("$e")) {
      return 2;
    }
    if (name.startsWith("_$S") || name.startsWith("_$s") || name.startsWith("_$e")) {
      return 3;
    }
    return 0;
  }

  /** The tree of a mangled symbol, or null if it is malformed or not supported. */
  static SwiftNode parse(String mangled) {
    int prefix = prefixLength(mangled);
    if (prefix == 0) {
      return null;
    }
    for (int i = 0; i < mangled.length(); i++) {
      char c = mangled.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return null;
      }
    }
    SwiftParser p = new SwiftParser(mangled);
    p.oldFunctionTypeMangling = mangled.startsWith("_T");
    p.pos = prefix;
    try {
      return p.demangleSymbol();
    } catch (Limit e) {
      return null;
    }
  }

  private SwiftNode demangleSymbol() {
    while (pos < text.length()) {
      SwiftNode n = demangleOperator();
      if (n == null) {
        return null;
      }
      push(n);
    }
    SwiftNode top = create(Kind.GLOBAL);
    SwiftNode suffix = pop(Kind.SUFFIX);
    SwiftNode parent = top;
    SwiftNode attr;
    while ((attr = pop(SwiftParser::isFunctionAttr)) != null) {
      parent.add(attr);
      if (attr.is(Kind.PARTIAL_APPLY_FORWARDER) || attr.is(Kind.PARTIAL_APPLY_OBJC_FORWARDER)) {
        parent = attr;
      }
    }
    for (SwiftNode n : stack) {
      if (n.is(Kind.TYPE)) {
        parent.add(n.child(0));
      } else {
        parent.add(n);
      }
    }
    if (suffix != null) {
      top.add(suffix);
    }
    return top.size() == 0 ? null : top;
  }

  // ---------------------------------------------------------------- node and stack helpers

  private SwiftNode create(Kind k) {
    count();
    return new SwiftNode(k);
  }

  private SwiftNode create(Kind k, String t) {
    count();
    return new SwiftNode(k, t);
  }

  private SwiftNode create(Kind k, long i) {
    count();
    return new SwiftNode(k, i);
  }

  private void count() {
    if (++nodes > MAX_NODES) {
      throw new Limit();
    }
  }

  private SwiftNode with(Kind k, SwiftNode child) {
    if (child == null) {
      return null;
    }
    SwiftNode n = create(k);
    n.add(child);
    return n;
  }

  private SwiftNode with(Kind k, SwiftNode a, SwiftNode b) {
    if (a == null || b == null) {
      return null;
    }
    SwiftNode n = create(k);
    n.add(a);
    n.add(b);
    return n;
  }

  private SwiftNode with(Kind k, SwiftNode a, SwiftNode b, SwiftNode c) {
    if (a == null || b == null || c == null) {
      return null;
    }
    SwiftNode n = create(k);
    n.add(a);
    n.add(b);
    n.add(c);
    return n;
  }

  private SwiftNode with(Kind k, SwiftNode a, SwiftNode b, SwiftNode c, SwiftNode d) {
    if (a == null || b == null || c == null || d == null) {
      return null;
    }
    SwiftNode n = create(k);
    n.add(a);
    n.add(b);
    n.add(c);
    n.add(d);
    return n;
  }

  /** Apple's addChild: the parent with the child added, or null if either is null. */
  private static SwiftNode addChild(SwiftNode parent, SwiftNode child) {
    if (parent == null || child == null) {
      return null;
    }
    parent.add(child);
    return parent;
  }

  private SwiftNode type(SwiftNode child) {
    return with(Kind.TYPE, child);
  }

  private void push(SwiftNode n) {
    if (stack.size() > MAX_NODES) {
      throw new Limit();
    }
    stack.add(n);
  }

  private SwiftNode pop() {
    return stack.isEmpty() ? null : stack.remove(stack.size() - 1);
  }

  private SwiftNode pop(Kind k) {
    if (stack.isEmpty() || stack.get(stack.size() - 1).kind != k) {
      return null;
    }
    return pop();
  }

  private SwiftNode pop(Predicate<Kind> p) {
    if (stack.isEmpty() || !p.test(stack.get(stack.size() - 1).kind)) {
      return null;
    }
    return pop();
  }

  private void addSubstitution(SwiftNode n) {
    if (n != null) {
      if (substitutions.size() > MAX_NODES) {
        throw new Limit();
      }
      substitutions.add(n);
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private char next() {
    return pos < text.length() ? text.charAt(pos++) : 0;
  }

  private boolean nextIf(char c) {
    if (peek() != c || pos >= text.length()) {
      return false;
    }
    pos++;
    return true;
  }

  private boolean nextIf(String s) {
    if (!text.startsWith(s, pos)) {
      return false;
    }
    pos += s.length();
    return true;
  }

  private void pushBack() {
    if (pos > 0) {
      pos--;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  // ---------------------------------------------------------------- kind predicates

  static boolean isDeclName(Kind k) {
    switch (k) {
      case IDENTIFIER:
      case LOCAL_DECL_NAME:
      case PRIVATE_DECL_NAME:
      case RELATED_ENTITY_DECL_NAME:
      case PREFIX_OPERATOR:
      case POSTFIX_OPERATOR:
      case INFIX_OPERATOR:
        return true;
      default:
        return false;
    }
  }

  static boolean isAnyGeneric(Kind k) {
    switch (k) {
      case STRUCTURE:
      case CLASS:
      case ENUM:
      case PROTOCOL:
      case OTHER_NOMINAL_TYPE:
      case TYPE_ALIAS:
      case BUILTIN_TUPLE_TYPE:
        return true;
      default:
        return false;
    }
  }

  static boolean isContext(Kind k) {
    return k.context || k == Kind.BUILTIN_TUPLE_TYPE;
  }

  private static boolean isEntity(Kind k) {
    return k == Kind.TYPE || isContext(k);
  }

  private static boolean isRequirement(Kind k) {
    switch (k) {
      case DEPENDENT_GENERIC_PARAM_PACK_MARKER:
      case DEPENDENT_GENERIC_SAME_TYPE_REQUIREMENT:
      case DEPENDENT_GENERIC_SAME_SHAPE_REQUIREMENT:
      case DEPENDENT_GENERIC_LAYOUT_REQUIREMENT:
      case DEPENDENT_GENERIC_CONFORMANCE_REQUIREMENT:
      case DEPENDENT_GENERIC_INVERSE_CONFORMANCE_REQUIREMENT:
        return true;
      default:
        return false;
    }
  }

  static boolean isFunctionAttr(Kind k) {
    switch (k) {
      case FUNCTION_SIGNATURE_SPECIALIZATION:
      case GENERIC_SPECIALIZATION:
      case GENERIC_SPECIALIZATION_PRESPECIALIZED:
      case INLINED_GENERIC_FUNCTION:
      case GENERIC_SPECIALIZATION_NOT_RE_ABSTRACTED:
      case GENERIC_PARTIAL_SPECIALIZATION:
      case GENERIC_PARTIAL_SPECIALIZATION_NOT_RE_ABSTRACTED:
      case GENERIC_SPECIALIZATION_IN_RESILIENCE_DOMAIN:
      case OBJC_ATTRIBUTE:
      case NON_OBJC_ATTRIBUTE:
      case DYNAMIC_ATTRIBUTE:
      case DIRECT_METHOD_REFERENCE_ATTRIBUTE:
      case PARTIAL_APPLY_FORWARDER:
      case PARTIAL_APPLY_OBJC_FORWARDER:
      case OUTLINED_VARIABLE:
      case OUTLINED_READ_ONLY_OBJECT:
      case OUTLINED_BRIDGED_METHOD:
      case MERGED_FUNCTION:
      case DISTRIBUTED_THUNK:
      case DISTRIBUTED_ACCESSOR:
      case DYNAMICALLY_REPLACEABLE_FUNCTION_IMPL:
      case DYNAMICALLY_REPLACEABLE_FUNCTION_KEY:
      case DYNAMICALLY_REPLACEABLE_FUNCTION_VAR:
      case ASYNC_FUNCTION_POINTER:
      case ASYNC_AWAIT_RESUME_PARTIAL_FUNCTION:
      case ASYNC_SUSPEND_RESUME_PARTIAL_FUNCTION:
      case BACK_DEPLOYMENT_THUNK:
      case BACK_DEPLOYMENT_FALLBACK:
      case HAS_SYMBOL_QUERY:
      case CORO_FUNCTION_POINTER:
      case DEFAULT_OVERRIDE:
        return true;
      default:
        return false;
    }
  }

  private static boolean isProtocolNode(SwiftNode n) {
    while (n != null && n.is(Kind.TYPE)) {
      n = n.child(0);
    }
    return n != null && n.is(Kind.PROTOCOL);
  }

  // ---------------------------------------------------------------- operators

  private SwiftNode demangleOperator() {
    char c = next();
    switch (c) {
      case 'A': return demangleMultiSubstitutions();
      case 'B': return demangleBuiltinType();
      case 'C': return demangleAnyGenericType(Kind.CLASS);
      case 'D': return demangleTypeMangling();
      case 'E': return demangleExtensionContext();
      case 'F': return demanglePlainFunction();
      case 'G': return demangleBoundGenericType();
      case 'K': return create(Kind.THROWS_ANNOTATION);
      case 'L': return demangleLocalIdentifier();
      case 'M': return demangleMetatype();
      case 'N': return with(Kind.TYPE_METADATA, pop(Kind.TYPE));
      case 'O': return demangleAnyGenericType(Kind.ENUM);
      case 'P': return demangleAnyGenericType(Kind.PROTOCOL);
      case 'Q': return demangleArchetype();
      case 'R': return demangleGenericRequirement();
      case 'S': return demangleStandardSubstitution();
      case 'T': return demangleThunkOrSpecialization();
      case 'V': return demangleAnyGenericType(Kind.STRUCTURE);
      case 'W': return demangleWitness();
      case 'X': return demangleSpecialType();
      case 'Y': return demangleTypeAnnotation();
      case 'Z': return with(Kind.STATIC, pop(SwiftParser::isEntity));
      case 'a': return demangleAnyGenericType(Kind.TYPE_ALIAS);
      case 'c': return popFunctionType(Kind.FUNCTION_TYPE);
      case 'd': return create(Kind.VARIADIC_MARKER);
      case 'f': return demangleFunctionEntity();
      case 'h': return type(with(Kind.SHARED, popTypeAndGetChild()));
      case 'i': return demangleSubscript();
      case 'l': return demangleGenericSignature(false);
      case 'm': return type(with(Kind.METATYPE, pop(Kind.TYPE)));
      case 'n': return type(with(Kind.OWNED, popTypeAndGetChild()));
      case 'o': return demangleOperatorIdentifier();
      case 'p': return type(demangleProtocolList());
      case 'q': return type(demangleGenericParamIndex());
      case 'r': return demangleGenericSignature(true);
      case 's': return create(Kind.MODULE, STDLIB);
      case 't': return popTuple();
      case 'u': return demangleGenericType();
      case 'v': return demangleVariable();
      case 'x': return type(dependentGenericParamType(0, 0));
      case 'y': return create(Kind.EMPTY_LIST);
      case 'z': return type(with(Kind.IN_OUT, popTypeAndGetChild()));
      case '_': return create(Kind.FIRST_ELEMENT_MARKER);
      case '.':
        pushBack();
        String rest = text.substring(pos);
        pos = text.length();
        return create(Kind.SUFFIX, rest);
      default:
        // H (conformances), I (SIL function types), g, w, $, symbolic references: unsupported
        if (!isDigit(c)) {
          return null;
        }
        pushBack();
        return demangleIdentifier();
    }
  }

  private int demangleNatural() {
    if (!isDigit(peek())) {
      return -1000;
    }
    int num = 0;
    while (true) {
      char c = peek();
      if (!isDigit(c)) {
        return num;
      }
      int newNum = 10 * num + (c - '0');
      if (newNum < num || num > 200_000_000) {
        return -1000;
      }
      num = newNum;
      next();
    }
  }

  private int demangleIndex() {
    if (nextIf('_')) {
      return 0;
    }
    int num = demangleNatural();
    if (num >= 0 && nextIf('_')) {
      return num + 1;
    }
    return -1000;
  }

  private SwiftNode demangleIndexAsNode() {
    int idx = demangleIndex();
    return idx >= 0 ? create(Kind.NUMBER, idx) : null;
  }

  private SwiftNode demangleMultiSubstitutions() {
    int repeat = -1;
    while (true) {
      char c = next();
      if (c == 0) {
        return null;
      }
      if (isLower(c)) {
        SwiftNode n = pushMultiSubstitutions(repeat, c - 'a');
        if (n == null) {
          return null;
        }
        push(n);
        repeat = -1;
        continue;
      }
      if (isUpper(c)) {
        return pushMultiSubstitutions(repeat, c - 'A');
      }
      if (c == '_') {
        long idx = (long) repeat + 27;
        if (idx < 0 || idx >= substitutions.size()) {
          return null;
        }
        return substitutions.get((int) idx);
      }
      pushBack();
      repeat = demangleNatural();
      if (repeat < 0) {
        return null;
      }
    }
  }

  private SwiftNode pushMultiSubstitutions(int repeat, int idx) {
    if (idx >= substitutions.size() || repeat > MAX_REPEAT) {
      return null;
    }
    SwiftNode n = substitutions.get(idx);
    while (repeat-- > 1) {
      push(n);
    }
    return n;
  }

  private SwiftNode swiftType(Kind kind, String name) {
    return type(with(kind, create(Kind.MODULE, STDLIB), create(Kind.IDENTIFIER, name)));
  }

  private SwiftNode demangleStandardSubstitution() {
    switch (next()) {
      case 'o':
        return create(Kind.MODULE, "__C");
      case 'C':
        return create(Kind.MODULE, "__C_Synthesized");
      case 'g': {
        SwiftNode opt = type(with(Kind.BOUND_GENERIC_ENUM, swiftType(Kind.ENUM, "Optional"),
            with(Kind.TYPE_LIST, pop(Kind.TYPE))));
        addSubstitution(opt);
        return opt;
      }
      default: {
        pushBack();
        int repeat = demangleNatural();
        if (repeat > MAX_REPEAT) {
          return null;
        }
        boolean second = nextIf('c');
        SwiftNode n = standardType(next(), second);
        if (n == null) {
          return null;
        }
        while (repeat-- > 1) {
          push(n);
        }
        return n;
      }
    }
  }

  private SwiftNode standardType(char c, boolean second) {
    if (!second) {
      switch (c) {
        case 'A': return swiftType(Kind.STRUCTURE, "AutoreleasingUnsafeMutablePointer");
        case 'a': return swiftType(Kind.STRUCTURE, "Array");
        case 'b': return swiftType(Kind.STRUCTURE, "Bool");
        case 'D': return swiftType(Kind.STRUCTURE, "Dictionary");
        case 'd': return swiftType(Kind.STRUCTURE, "Double");
        case 'f': return swiftType(Kind.STRUCTURE, "Float");
        case 'h': return swiftType(Kind.STRUCTURE, "Set");
        case 'I': return swiftType(Kind.STRUCTURE, "DefaultIndices");
        case 'i': return swiftType(Kind.STRUCTURE, "Int");
        case 'J': return swiftType(Kind.STRUCTURE, "Character");
        case 'N': return swiftType(Kind.STRUCTURE, "ClosedRange");
        case 'n': return swiftType(Kind.STRUCTURE, "Range");
        case 'O': return swiftType(Kind.STRUCTURE, "ObjectIdentifier");
        case 'P': return swiftType(Kind.STRUCTURE, "UnsafePointer");
        case 'p': return swiftType(Kind.STRUCTURE, "UnsafeMutablePointer");
        case 'R': return swiftType(Kind.STRUCTURE, "UnsafeBufferPointer");
        case 'r': return swiftType(Kind.STRUCTURE, "UnsafeMutableBufferPointer");
        case 'S': return swiftType(Kind.STRUCTURE, "String");
        case 's': return swiftType(Kind.STRUCTURE, "Substring");
        case 'u': return swiftType(Kind.STRUCTURE, "UInt");
        case 'V': return swiftType(Kind.STRUCTURE, "UnsafeRawPointer");
        case 'v': return swiftType(Kind.STRUCTURE, "UnsafeMutableRawPointer");
        case 'W': return swiftType(Kind.STRUCTURE, "UnsafeRawBufferPointer");
        case 'w': return swiftType(Kind.STRUCTURE, "UnsafeMutableRawBufferPointer");
        case 'q': return swiftType(Kind.ENUM, "Optional");
        case 'B': return swiftType(Kind.PROTOCOL, "BinaryFloatingPoint");
        case 'E': return swiftType(Kind.PROTOCOL, "Encodable");
        case 'e': return swiftType(Kind.PROTOCOL, "Decodable");
        case 'F': return swiftType(Kind.PROTOCOL, "FloatingPoint");
        case 'G': return swiftType(Kind.PROTOCOL, "RandomNumberGenerator");
        case 'H': return swiftType(Kind.PROTOCOL, "Hashable");
        case 'j': return swiftType(Kind.PROTOCOL, "Numeric");
        case 'K': return swiftType(Kind.PROTOCOL, "BidirectionalCollection");
        case 'k': return swiftType(Kind.PROTOCOL, "RandomAccessCollection");
        case 'L': return swiftType(Kind.PROTOCOL, "Comparable");
        case 'l': return swiftType(Kind.PROTOCOL, "Collection");
        case 'M': return swiftType(Kind.PROTOCOL, "MutableCollection");
        case 'm': return swiftType(Kind.PROTOCOL, "RangeReplaceableCollection");
        case 'Q': return swiftType(Kind.PROTOCOL, "Equatable");
        case 'T': return swiftType(Kind.PROTOCOL, "Sequence");
        case 't': return swiftType(Kind.PROTOCOL, "IteratorProtocol");
        case 'U': return swiftType(Kind.PROTOCOL, "UnsignedInteger");
        case 'X': return swiftType(Kind.PROTOCOL, "RangeExpression");
        case 'x': return swiftType(Kind.PROTOCOL, "Strideable");
        case 'Y': return swiftType(Kind.PROTOCOL, "RawRepresentable");
        case 'y': return swiftType(Kind.PROTOCOL, "StringProtocol");
        case 'Z': return swiftType(Kind.PROTOCOL, "SignedInteger");
        case 'z': return swiftType(Kind.PROTOCOL, "BinaryInteger");
        default: return null;
      }
    }
    switch (c) {
      case 'A': return swiftType(Kind.PROTOCOL, "Actor");
      case 'C': return swiftType(Kind.STRUCTURE, "CheckedContinuation");
      case 'c': return swiftType(Kind.STRUCTURE, "UnsafeContinuation");
      case 'E': return swiftType(Kind.STRUCTURE, "CancellationError");
      case 'e': return swiftType(Kind.STRUCTURE, "UnownedSerialExecutor");
      case 'F': return swiftType(Kind.PROTOCOL, "Executor");
      case 'f': return swiftType(Kind.PROTOCOL, "SerialExecutor");
      case 'G': return swiftType(Kind.STRUCTURE, "TaskGroup");
      case 'g': return swiftType(Kind.STRUCTURE, "ThrowingTaskGroup");
      case 'h': return swiftType(Kind.PROTOCOL, "TaskExecutor");
      case 'I': return swiftType(Kind.PROTOCOL, "AsyncIteratorProtocol");
      case 'i': return swiftType(Kind.PROTOCOL, "AsyncSequence");
      case 'J': return swiftType(Kind.STRUCTURE, "UnownedJob");
      case 'M': return swiftType(Kind.CLASS, "MainActor");
      case 'P': return swiftType(Kind.STRUCTURE, "TaskPriority");
      case 'S': return swiftType(Kind.STRUCTURE, "AsyncStream");
      case 's': return swiftType(Kind.STRUCTURE, "AsyncThrowingStream");
      case 'T': return swiftType(Kind.STRUCTURE, "Task");
      case 't': return swiftType(Kind.STRUCTURE, "UnsafeCurrentTask");
      default: return null;
    }
  }

  private SwiftNode demangleIdentifier() {
    boolean hasWordSubsts = false;
    boolean punycoded = false;
    char c = peek();
    if (!isDigit(c)) {
      return null;
    }
    if (c == '0') {
      next();
      if (peek() == '0') {
        next();
        punycoded = true;
      } else {
        hasWordSubsts = true;
      }
    }
    StringBuilder id = new StringBuilder();
    do {
      while (hasWordSubsts && (isLower(peek()) || isUpper(peek()))) {
        char w = next();
        int idx;
        if (isLower(w)) {
          idx = w - 'a';
        } else {
          idx = w - 'A';
          hasWordSubsts = false;
        }
        if (idx >= numWords) {
          return null;
        }
        id.append(words[idx]);
      }
      if (nextIf('0')) {
        break;
      }
      int numChars = demangleNatural();
      if (numChars <= 0) {
        return null;
      }
      if (punycoded) {
        nextIf('_');
      }
      if ((long) pos + numChars > text.length()) {
        return null;
      }
      String slice = text.substring(pos, pos + numChars);
      if (punycoded) {
        String decoded = SwiftPunycode.decode(slice);
        if (decoded == null) {
          return null;
        }
        id.append(decoded);
      } else {
        id.append(slice);
        int wordStart = -1;
        for (int i = 0; i <= slice.length(); i++) {
          char ch = i < slice.length() ? slice.charAt(i) : 0;
          if (wordStart >= 0 && isWordEnd(ch, slice.charAt(i - 1))) {
            if (i - wordStart >= 2 && numWords < MAX_WORDS) {
              words[numWords++] = slice.substring(wordStart, i);
            }
            wordStart = -1;
          }
          if (wordStart < 0 && isWordStart(ch)) {
            wordStart = i;
          }
        }
      }
      pos += numChars;
    } while (hasWordSubsts);
    if (id.length() == 0 || id.length() > 4096) {
      return null;
    }
    SwiftNode ident = create(Kind.IDENTIFIER, id.toString());
    addSubstitution(ident);
    return ident;
  }

  private static boolean isWordStart(char c) {
    return !isDigit(c) && c != '_' && c != 0;
  }

  private static boolean isWordEnd(char c, char prev) {
    return c == '_' || c == 0 || (!isUpper(prev) && isUpper(c));
  }

  /** Operator characters for {@code a}..{@code z}; a space is invalid. */
  private static final String OP_CHARS = "& @/= >    <*!|+?%-~   ^ .";

  private SwiftNode demangleOperatorIdentifier() {
    SwiftNode ident = pop(Kind.IDENTIFIER);
    if (ident == null) {
      return null;
    }
    StringBuilder op = new StringBuilder();
    String t = ident.text();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= 0x80) {
        op.append(c);
        continue;
      }
      if (!isLower(c)) {
        return null;
      }
      char o = OP_CHARS.charAt(c - 'a');
      if (o == ' ') {
        return null;
      }
      op.append(o);
    }
    switch (next()) {
      case 'i': return create(Kind.INFIX_OPERATOR, op.toString());
      case 'p': return create(Kind.PREFIX_OPERATOR, op.toString());
      case 'P': return create(Kind.POSTFIX_OPERATOR, op.toString());
      default: return null;
    }
  }

  private SwiftNode demangleLocalIdentifier() {
    if (nextIf('L')) {
      SwiftNode discriminator = pop(Kind.IDENTIFIER);
      SwiftNode name = pop(SwiftParser::isDeclName);
      return with(Kind.PRIVATE_DECL_NAME, discriminator, name);
    }
    if (nextIf('l')) {
      SwiftNode discriminator = pop(Kind.IDENTIFIER);
      return with(Kind.PRIVATE_DECL_NAME, discriminator);
    }
    char p = peek();
    if ((p >= 'a' && p <= 'j') || (p >= 'A' && p <= 'J')) {
      char kind = next();
      SwiftNode kindNd = create(Kind.IDENTIFIER, String.valueOf(kind));
      SwiftNode name = pop();
      SwiftNode result = create(Kind.RELATED_ENTITY_DECL_NAME);
      addChild(result, kindNd);
      return addChild(result, name);
    }
    SwiftNode discriminator = demangleIndexAsNode();
    SwiftNode name = pop(SwiftParser::isDeclName);
    return with(Kind.LOCAL_DECL_NAME, discriminator, name);
  }

  private SwiftNode popModule() {
    SwiftNode ident = pop(Kind.IDENTIFIER);
    if (ident != null) {
      return create(Kind.MODULE, ident.text());
    }
    return pop(Kind.MODULE);
  }

  private SwiftNode popContext() {
    SwiftNode mod = popModule();
    if (mod != null) {
      return mod;
    }
    SwiftNode ty = pop(Kind.TYPE);
    if (ty != null) {
      if (ty.size() != 1) {
        return null;
      }
      SwiftNode child = ty.child(0);
      return isContext(child.kind) ? child : null;
    }
    return pop(SwiftParser::isContext);
  }

  private SwiftNode popTypeAndGetChild() {
    SwiftNode ty = pop(Kind.TYPE);
    if (ty == null || ty.size() != 1) {
      return null;
    }
    return ty.child(0);
  }

  private SwiftNode popTypeAndGetAnyGeneric() {
    SwiftNode child = popTypeAndGetChild();
    return child != null && isAnyGeneric(child.kind) ? child : null;
  }

  private SwiftNode demangleBuiltinType() {
    SwiftNode ty;
    switch (next()) {
      case 'b': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.BridgeObject"); break;
      case 'B': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.UnsafeValueBuffer"); break;
      case 'e': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.Executor"); break;
      case 'f': {
        int size = demangleIndex() - 1;
        if (size <= 0 || size > 4096) {
          return null;
        }
        ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.FPIEEE" + size);
        break;
      }
      case 'i': {
        int size = demangleIndex() - 1;
        if (size <= 0 || size > 4096) {
          return null;
        }
        ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.Int" + size);
        break;
      }
      case 'I': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.IntLiteral"); break;
      case 'v': {
        int elts = demangleIndex() - 1;
        if (elts <= 0 || elts > 4096) {
          return null;
        }
        SwiftNode elt = popTypeAndGetChild();
        if (elt == null || !elt.is(Kind.BUILTIN_TYPE_NAME) || !elt.text().startsWith("Builtin.")) {
          return null;
        }
        ty = create(Kind.BUILTIN_TYPE_NAME,
            "Builtin.Vec" + elts + "x" + elt.text().substring("Builtin.".length()));
        break;
      }
      case 'O': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.UnknownObject"); break;
      case 'o': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.NativeObject"); break;
      case 'p': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.RawPointer"); break;
      case 'j': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.Job"); break;
      case 'D': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.DefaultActorStorage"); break;
      case 'c': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.RawUnsafeContinuation"); break;
      case 't': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.SILToken"); break;
      case 'w': ty = create(Kind.BUILTIN_TYPE_NAME, "Builtin.Word"); break;
      case 'T': ty = create(Kind.BUILTIN_TUPLE_TYPE); break;
      default: return null;
    }
    return type(ty);
  }

  private SwiftNode demangleAnyGenericType(Kind kind) {
    SwiftNode name = pop(SwiftParser::isDeclName);
    SwiftNode ctx = popContext();
    SwiftNode ty = type(with(kind, ctx, name));
    addSubstitution(ty);
    return ty;
  }

  private SwiftNode demangleExtensionContext() {
    SwiftNode sig = pop(Kind.DEPENDENT_GENERIC_SIGNATURE);
    SwiftNode module = popModule();
    SwiftNode ty = popTypeAndGetAnyGeneric();
    SwiftNode ext = with(Kind.EXTENSION, module, ty);
    if (sig != null) {
      ext = addChild(ext, sig);
    }
    return ext;
  }

  private SwiftNode demangleTypeMangling() {
    SwiftNode ty = pop(Kind.TYPE);
    SwiftNode labels = popFunctionParamLabels(ty);
    SwiftNode tm = create(Kind.TYPE_MANGLING);
    addChild(tm, labels);
    return addChild(tm, ty);
  }

  private SwiftNode demanglePlainFunction() {
    SwiftNode sig = pop(Kind.DEPENDENT_GENERIC_SIGNATURE);
    SwiftNode ty = popFunctionType(Kind.FUNCTION_TYPE);
    SwiftNode labels = popFunctionParamLabels(ty);
    if (sig != null) {
      ty = type(with(Kind.DEPENDENT_GENERIC_TYPE, sig, ty));
    }
    SwiftNode name = pop(SwiftParser::isDeclName);
    SwiftNode ctx = popContext();
    return labels != null
        ? with(Kind.FUNCTION, ctx, name, labels, ty)
        : with(Kind.FUNCTION, ctx, name, ty);
  }

  private SwiftNode popFunctionType(Kind kind) {
    SwiftNode fn = create(kind);
    addChild(fn, pop(Kind.SENDING_RESULT_FUNCTION_TYPE));
    addChild(fn, pop(k -> k == Kind.GLOBAL_ACTOR_FUNCTION_TYPE
        || k == Kind.ISOLATED_ANY_FUNCTION_TYPE || k == Kind.NON_ISOLATED_CALLER_FUNCTION_TYPE));
    addChild(fn, pop(Kind.DIFFERENTIABLE_FUNCTION_TYPE));
    addChild(fn, pop(k -> k == Kind.THROWS_ANNOTATION || k == Kind.TYPED_THROWS_ANNOTATION));
    addChild(fn, pop(Kind.CONCURRENT_FUNCTION_TYPE));
    addChild(fn, pop(Kind.ASYNC_ANNOTATION));
    fn = addChild(fn, popFunctionParams(Kind.ARGUMENT_TUPLE));
    fn = addChild(fn, popFunctionParams(Kind.RETURN_TYPE));
    return type(fn);
  }

  private SwiftNode popFunctionParams(Kind kind) {
    SwiftNode params;
    if (pop(Kind.EMPTY_LIST) != null) {
      params = type(create(Kind.TUPLE));
    } else {
      params = pop(Kind.TYPE);
    }
    return with(kind, params);
  }

  private SwiftNode popFunctionParamLabels(SwiftNode ty) {
    if (!oldFunctionTypeMangling && pop(Kind.EMPTY_LIST) != null) {
      return create(Kind.LABEL_LIST);
    }
    if (ty == null || !ty.is(Kind.TYPE)) {
      return null;
    }
    SwiftNode fn = ty.child(0);
    if (fn == null) {
      return null;
    }
    if (fn.is(Kind.DEPENDENT_GENERIC_TYPE)) {
      SwiftNode inner = fn.child(1);
      fn = inner == null ? null : inner.child(0);
      if (fn == null) {
        return null;
      }
    }
    if (!fn.is(Kind.FUNCTION_TYPE) && !fn.is(Kind.NO_ESCAPE_FUNCTION_TYPE)) {
      return null;
    }
    int first = 0;
    Kind[] skippable = {Kind.SENDING_RESULT_FUNCTION_TYPE, Kind.GLOBAL_ACTOR_FUNCTION_TYPE,
        Kind.ISOLATED_ANY_FUNCTION_TYPE, Kind.NON_ISOLATED_CALLER_FUNCTION_TYPE,
        Kind.DIFFERENTIABLE_FUNCTION_TYPE, null, Kind.CONCURRENT_FUNCTION_TYPE,
        Kind.ASYNC_ANNOTATION};
    for (Kind k : skippable) {
      SwiftNode c = fn.child(first);
      if (c == null) {
        return null;
      }
      if (k == null
          ? c.is(Kind.THROWS_ANNOTATION) || c.is(Kind.TYPED_THROWS_ANNOTATION)
          : c.is(k)) {
        first++;
      }
    }
    SwiftNode paramType = fn.child(first);
    if (paramType == null || !paramType.is(Kind.ARGUMENT_TUPLE)) {
      return null;
    }
    SwiftNode paramsType = paramType.child(0);
    if (paramsType == null || !paramsType.is(Kind.TYPE) || paramsType.child(0) == null) {
      return null;
    }
    SwiftNode params = paramsType.child(0);
    int numParams = params.is(Kind.TUPLE) ? params.size() : 1;
    if (numParams == 0) {
      return null;
    }
    SwiftNode labels = create(Kind.LABEL_LIST);
    if (oldFunctionTypeMangling && !params.is(Kind.TUPLE)) {
      return labels;
    }
    boolean hasLabels = false;
    for (int i = 0; i < numParams; i++) {
      SwiftNode label;
      if (oldFunctionTypeMangling) {
        SwiftNode param = params.child(i);
        int at = -1;
        for (int j = 0; j < param.size(); j++) {
          if (param.child(j).is(Kind.TUPLE_ELEMENT_NAME)) {
            at = j;
            break;
          }
        }
        if (at >= 0) {
          String name = param.child(at).text();
          param.removeAt(at);
          label = create(Kind.IDENTIFIER, name);
        } else {
          label = create(Kind.FIRST_ELEMENT_MARKER);
        }
      } else {
        label = pop();
      }
      if (label == null
          || (!label.is(Kind.IDENTIFIER) && !label.is(Kind.FIRST_ELEMENT_MARKER))) {
        return null;
      }
      labels.add(label);
      hasLabels |= !label.is(Kind.FIRST_ELEMENT_MARKER);
    }
    if (!hasLabels) {
      return create(Kind.LABEL_LIST);
    }
    if (!oldFunctionTypeMangling) {
      labels.reverse(0);
    }
    return labels;
  }

  private SwiftNode popTuple() {
    SwiftNode root = create(Kind.TUPLE);
    if (pop(Kind.EMPTY_LIST) == null) {
      boolean first;
      do {
        first = pop(Kind.FIRST_ELEMENT_MARKER) != null;
        SwiftNode elt = create(Kind.TUPLE_ELEMENT);
        addChild(elt, pop(Kind.VARIADIC_MARKER));
        SwiftNode ident = pop(Kind.IDENTIFIER);
        if (ident != null) {
          elt.add(create(Kind.TUPLE_ELEMENT_NAME, ident.text()));
        }
        SwiftNode ty = pop(Kind.TYPE);
        if (ty == null) {
          return null;
        }
        elt.add(ty);
        root.add(elt);
      } while (!first);
      root.reverse(0);
    }
    return type(root);
  }

  private SwiftNode popTypeList() {
    SwiftNode root = create(Kind.TYPE_LIST);
    if (pop(Kind.EMPTY_LIST) == null) {
      boolean first;
      do {
        first = pop(Kind.FIRST_ELEMENT_MARKER) != null;
        SwiftNode ty = pop(Kind.TYPE);
        if (ty == null) {
          return null;
        }
        root.add(ty);
      } while (!first);
      root.reverse(0);
    }
    return root;
  }

  private SwiftNode popProtocol() {
    SwiftNode ty = pop(Kind.TYPE);
    if (ty != null) {
      if (ty.size() < 1 || !isProtocolNode(ty)) {
        return null;
      }
      return ty;
    }
    SwiftNode name = pop(SwiftParser::isDeclName);
    SwiftNode ctx = popContext();
    return type(with(Kind.PROTOCOL, ctx, name));
  }

  private SwiftNode demangleBoundGenericType() {
    ArrayList<SwiftNode> lists = new ArrayList<>();
    if (!demangleBoundGenerics(lists)) {
      return null;
    }
    SwiftNode nominal = popTypeAndGetAnyGeneric();
    if (nominal == null) {
      return null;
    }
    SwiftNode bound = demangleBoundGenericArgs(nominal, lists, 0, 0);
    if (bound == null) {
      return null;
    }
    SwiftNode ty = type(bound);
    addSubstitution(ty);
    return ty;
  }

  private boolean demangleBoundGenerics(ArrayList<SwiftNode> lists) {
    for (;;) {
      SwiftNode list = create(Kind.TYPE_LIST);
      lists.add(list);
      SwiftNode ty;
      while ((ty = pop(Kind.TYPE)) != null) {
        list.add(ty);
      }
      list.reverse(0);
      if (pop(Kind.EMPTY_LIST) != null) {
        break;
      }
      if (pop(Kind.FIRST_ELEMENT_MARKER) == null) {
        return false;
      }
    }
    return true;
  }

  private static boolean consumesGenericArgs(SwiftNode n) {
    switch (n.kind) {
      case VARIABLE:
      case SUBSCRIPT:
      case IMPLICIT_CLOSURE:
      case EXPLICIT_CLOSURE:
      case DEFAULT_ARGUMENT_INITIALIZER:
      case INITIALIZER:
      case PROPERTY_WRAPPER_BACKING_INITIALIZER:
      case PROPERTY_WRAPPED_FIELD_INIT_ACCESSOR:
      case PROPERTY_WRAPPER_INIT_FROM_PROJECTED_VALUE:
      case STATIC:
        return false;
      default:
        return true;
    }
  }

  private SwiftNode demangleBoundGenericArgs(
      SwiftNode nominal, ArrayList<SwiftNode> lists, int listIdx, int depth) {
    if (nominal == null || listIdx >= lists.size() || depth > MAX_CONTEXT_DEPTH) {
      return null;
    }
    if (nominal.size() == 0) {
      return null;
    }
    SwiftNode context = nominal.child(0);
    boolean consumes = consumesGenericArgs(nominal);
    SwiftNode args = lists.get(listIdx);
    if (consumes) {
      listIdx++;
    }
    if (listIdx < lists.size()) {
      SwiftNode boundParent;
      if (context.is(Kind.EXTENSION)) {
        boundParent = demangleBoundGenericArgs(context.child(1), lists, listIdx, depth + 1);
        boundParent = with(Kind.EXTENSION, context.child(0), boundParent);
        if (context.size() == 3) {
          addChild(boundParent, context.child(2));
        }
      } else {
        boundParent = demangleBoundGenericArgs(context, lists, listIdx, depth + 1);
      }
      SwiftNode newNominal = with(nominal.kind, boundParent);
      if (newNominal == null) {
        return null;
      }
      for (int i = 1; i < nominal.size(); i++) {
        addChild(newNominal, nominal.child(i));
      }
      nominal = newNominal;
    }
    if (!consumes) {
      return nominal;
    }
    if (args.size() == 0) {
      return nominal;
    }
    Kind kind;
    switch (nominal.kind) {
      case CLASS: kind = Kind.BOUND_GENERIC_CLASS; break;
      case STRUCTURE: kind = Kind.BOUND_GENERIC_STRUCTURE; break;
      case ENUM: kind = Kind.BOUND_GENERIC_ENUM; break;
      case PROTOCOL: kind = Kind.BOUND_GENERIC_PROTOCOL; break;
      case OTHER_NOMINAL_TYPE: kind = Kind.BOUND_GENERIC_OTHER_NOMINAL_TYPE; break;
      case TYPE_ALIAS: kind = Kind.BOUND_GENERIC_TYPE_ALIAS; break;
      default: return null; // BoundGenericFunction and others: unsupported
    }
    return with(kind, type(nominal), args);
  }

  private SwiftNode demangleMetatype() {
    switch (next()) {
      case 'a': return withPoppedType(Kind.TYPE_METADATA_ACCESS_FUNCTION);
      case 'D': return withPoppedType(Kind.TYPE_METADATA_DEMANGLING_CACHE);
      case 'f': return withPoppedType(Kind.FULL_TYPE_METADATA);
      case 'i': return withPoppedType(Kind.TYPE_METADATA_INSTANTIATION_FUNCTION);
      case 'I': return withPoppedType(Kind.TYPE_METADATA_INSTANTIATION_CACHE);
      case 'l': return withPoppedType(Kind.TYPE_METADATA_SINGLETON_INITIALIZATION_CACHE);
      case 'L': return withPoppedType(Kind.TYPE_METADATA_LAZY_CACHE);
      case 'm': return withPoppedType(Kind.METACLASS);
      case 'n': return withPoppedType(Kind.NOMINAL_TYPE_DESCRIPTOR);
      case 'o': return withPoppedType(Kind.CLASS_METADATA_BASE_OFFSET);
      case 'p': return with(Kind.PROTOCOL_DESCRIPTOR, popProtocol());
      case 'P': return withPoppedType(Kind.GENERIC_TYPE_METADATA_PATTERN);
      case 'r': return withPoppedType(Kind.TYPE_METADATA_COMPLETION_FUNCTION);
      case 's': return withPoppedType(Kind.OBJC_RESILIENT_CLASS_STUB);
      case 'S': return with(Kind.PROTOCOL_SELF_CONFORMANCE_DESCRIPTOR, popProtocol());
      case 't': return withPoppedType(Kind.FULL_OBJC_RESILIENT_CLASS_STUB);
      case 'u': return withPoppedType(Kind.METHOD_LOOKUP_FUNCTION);
      case 'U': return withPoppedType(Kind.OBJC_METADATA_UPDATE_FUNCTION);
      case 'V': return with(Kind.PROPERTY_DESCRIPTOR, pop(SwiftParser::isEntity));
      case 'c': return with(Kind.PROTOCOL_CONFORMANCE_DESCRIPTOR, popProtocolConformance());
      default: return null;
    }
  }

  private SwiftNode withPoppedType(Kind k) {
    return with(k, pop(Kind.TYPE));
  }

  private SwiftNode demangleArchetype() {
    switch (next()) {
      case 'a': {
        SwiftNode ident = pop(Kind.IDENTIFIER);
        SwiftNode arche = popTypeAndGetChild();
        SwiftNode assoc = type(with(Kind.ASSOCIATED_TYPE_REF, arche, ident));
        addSubstitution(assoc);
        return assoc;
      }
      case 'r':
        return type(create(Kind.OPAQUE_RETURN_TYPE));
      case 'R': {
        int ordinal = demangleIndex();
        if (ordinal < 0) {
          return null;
        }
        return type(with(Kind.OPAQUE_RETURN_TYPE, create(Kind.OPAQUE_RETURN_TYPE_INDEX, ordinal)));
      }
      case 'x': {
        SwiftNode t = demangleAssociatedTypeSimple(null);
        addSubstitution(t);
        return t;
      }
      case 'X': {
        SwiftNode t = demangleAssociatedTypeCompound(null);
        addSubstitution(t);
        return t;
      }
      case 'y': {
        SwiftNode base = demangleGenericParamIndex();
        if (base == null) {
          return null;
        }
        SwiftNode t = demangleAssociatedTypeSimple(base);
        addSubstitution(t);
        return t;
      }
      case 'Y': {
        SwiftNode base = demangleGenericParamIndex();
        if (base == null) {
          return null;
        }
        SwiftNode t = demangleAssociatedTypeCompound(base);
        addSubstitution(t);
        return t;
      }
      case 'z': {
        SwiftNode t = demangleAssociatedTypeSimple(dependentGenericParamType(0, 0));
        addSubstitution(t);
        return t;
      }
      case 'Z': {
        SwiftNode t = demangleAssociatedTypeCompound(dependentGenericParamType(0, 0));
        addSubstitution(t);
        return t;
      }
      default:
        return null;
    }
  }

  private SwiftNode demangleAssociatedTypeSimple(SwiftNode base) {
    SwiftNode name = popAssocTypeName();
    SwiftNode baseTy = base != null ? type(base) : pop(Kind.TYPE);
    return type(with(Kind.DEPENDENT_MEMBER_TYPE, baseTy, name));
  }

  private SwiftNode demangleAssociatedTypeCompound(SwiftNode base) {
    ArrayList<SwiftNode> names = new ArrayList<>();
    boolean first;
    do {
      first = pop(Kind.FIRST_ELEMENT_MARKER) != null;
      SwiftNode name = popAssocTypeName();
      if (name == null) {
        return null;
      }
      names.add(name);
    } while (!first);
    SwiftNode baseTy = base != null ? type(base) : pop(Kind.TYPE);
    for (int i = names.size() - 1; i >= 0; i--) {
      SwiftNode dep = create(Kind.DEPENDENT_MEMBER_TYPE);
      dep = addChild(dep, baseTy);
      baseTy = type(addChild(dep, names.get(i)));
    }
    return baseTy;
  }

  private SwiftNode popAssocTypeName() {
    SwiftNode proto = pop(Kind.TYPE);
    if (proto != null && !isProtocolNode(proto)) {
      return null;
    }
    SwiftNode id = pop(Kind.IDENTIFIER);
    SwiftNode assoc = with(Kind.DEPENDENT_ASSOCIATED_TYPE_REF, id);
    addChild(assoc, proto);
    return assoc;
  }

  private SwiftNode popAssocTypePath() {
    SwiftNode path = create(Kind.ASSOC_TYPE_PATH);
    boolean first;
    do {
      first = pop(Kind.FIRST_ELEMENT_MARKER) != null;
      SwiftNode assoc = popAssocTypeName();
      if (assoc == null) {
        return null;
      }
      path.add(assoc);
    } while (!first);
    path.reverse(0);
    return path;
  }

  private SwiftNode dependentGenericParamType(int depth, int index) {
    if (depth < 0 || index < 0) {
      return null;
    }
    SwiftNode p = create(Kind.DEPENDENT_GENERIC_PARAM_TYPE);
    p.add(create(Kind.INDEX, depth));
    p.add(create(Kind.INDEX, index));
    return p;
  }

  private SwiftNode demangleGenericParamIndex() {
    if (nextIf('d')) {
      int depth = demangleIndex() + 1;
      int index = demangleIndex();
      return dependentGenericParamType(depth, index);
    }
    if (nextIf('z')) {
      return dependentGenericParamType(0, 0);
    }
    if (nextIf('s')) {
      return create(Kind.CONSTRAINED_EXISTENTIAL_SELF);
    }
    return dependentGenericParamType(0, demangleIndex() + 1);
  }

  private SwiftNode popProtocolConformance() {
    SwiftNode sig = pop(Kind.DEPENDENT_GENERIC_SIGNATURE);
    SwiftNode module = popModule();
    SwiftNode proto = popProtocol();
    SwiftNode ty = pop(Kind.TYPE);
    SwiftNode ident = null;
    if (ty == null) {
      ident = pop(Kind.IDENTIFIER);
      ty = pop(Kind.TYPE);
    }
    if (sig != null) {
      ty = type(with(Kind.DEPENDENT_GENERIC_TYPE, sig, ty));
    }
    SwiftNode conf = with(Kind.PROTOCOL_CONFORMANCE, ty, proto, module);
    addChild(conf, ident);
    return conf;
  }

  private SwiftNode demangleThunkOrSpecialization() {
    char c = next();
    switch (c) {
      case 'T':
        if (next() == 'I') {
          return with(Kind.SIL_THUNK_IDENTITY, pop(SwiftParser::isEntity));
        }
        return null;
      case 'c': return with(Kind.CURRY_THUNK, pop(SwiftParser::isEntity));
      case 'j': return with(Kind.DISPATCH_THUNK, pop(SwiftParser::isEntity));
      case 'q': return with(Kind.METHOD_DESCRIPTOR, pop(SwiftParser::isEntity));
      case 'o': return create(Kind.OBJC_ATTRIBUTE);
      case 'O': return create(Kind.NON_OBJC_ATTRIBUTE);
      case 'D': return create(Kind.DYNAMIC_ATTRIBUTE);
      case 'd': return create(Kind.DIRECT_METHOD_REFERENCE_ATTRIBUTE);
      case 'E': return create(Kind.DISTRIBUTED_THUNK);
      case 'F': return create(Kind.DISTRIBUTED_ACCESSOR);
      case 'a': return create(Kind.PARTIAL_APPLY_OBJC_FORWARDER);
      case 'A': return create(Kind.PARTIAL_APPLY_FORWARDER);
      case 'm': return create(Kind.MERGED_FUNCTION);
      case 'X': return create(Kind.DYNAMICALLY_REPLACEABLE_FUNCTION_VAR);
      case 'x': return create(Kind.DYNAMICALLY_REPLACEABLE_FUNCTION_KEY);
      case 'I': return create(Kind.DYNAMICALLY_REPLACEABLE_FUNCTION_IMPL);
      case 'Y':
      case 'Q':
        return with(c == 'Q' ? Kind.ASYNC_AWAIT_RESUME_PARTIAL_FUNCTION
            : Kind.ASYNC_SUSPEND_RESUME_PARTIAL_FUNCTION, demangleIndexAsNode());
      case 'C': return with(Kind.COROUTINE_CONTINUATION_PROTOTYPE, pop(Kind.TYPE));
      case 'V': {
        SwiftNode base = pop(SwiftParser::isEntity);
        SwiftNode derived = pop(SwiftParser::isEntity);
        return with(Kind.VTABLE_THUNK, derived, base);
      }
      case 'W': {
        SwiftNode entity = pop(SwiftParser::isEntity);
        SwiftNode conf = popProtocolConformance();
        return with(Kind.PROTOCOL_WITNESS, conf, entity);
      }
      case 'S':
        return with(Kind.PROTOCOL_SELF_CONFORMANCE_WITNESS, pop(SwiftParser::isEntity));
      case 'R':
      case 'r':
      case 'y': {
        Kind kind = c == 'R' ? Kind.REABSTRACTION_THUNK_HELPER
            : c == 'y' ? Kind.REABSTRACTION_THUNK_HELPER_WITH_SELF : Kind.REABSTRACTION_THUNK;
        SwiftNode thunk = create(kind);
        SwiftNode sig = pop(Kind.DEPENDENT_GENERIC_SIGNATURE);
        if (sig != null) {
          addChild(thunk, sig);
        }
        if (kind == Kind.REABSTRACTION_THUNK_HELPER_WITH_SELF) {
          addChild(thunk, pop(Kind.TYPE));
        }
        addChild(thunk, pop(Kind.TYPE));
        addChild(thunk, pop(Kind.TYPE));
        return thunk;
      }
      case 'g': return demangleGenericSpecialization(Kind.GENERIC_SPECIALIZATION, null);
      case 'G':
        return demangleGenericSpecialization(Kind.GENERIC_SPECIALIZATION_NOT_RE_ABSTRACTED, null);
      case 'B':
        return demangleGenericSpecialization(
            Kind.GENERIC_SPECIALIZATION_IN_RESILIENCE_DOMAIN, null);
      case 't': return demangleGenericSpecializationWithDroppedArguments();
      case 's':
        return demangleGenericSpecialization(Kind.GENERIC_SPECIALIZATION_PRESPECIALIZED, null);
      case 'i': return demangleGenericSpecialization(Kind.INLINED_GENERIC_FUNCTION, null);
      case 'p':
      case 'P': {
        SwiftNode spec = demangleSpecAttributes(c == 'p' ? Kind.GENERIC_PARTIAL_SPECIALIZATION
            : Kind.GENERIC_PARTIAL_SPECIALIZATION_NOT_RE_ABSTRACTED);
        SwiftNode param = with(Kind.GENERIC_SPECIALIZATION_PARAM, pop(Kind.TYPE));
        return addChild(spec, param);
      }
      case 'f': return demangleFunctionSpecialization();
      case 'l': {
        SwiftNode name = popAssocTypeName();
        return name == null ? null : with(Kind.ASSOCIATED_TYPE_DESCRIPTOR, name);
      }
      case 'L': return with(Kind.PROTOCOL_REQUIREMENTS_BASE_DESCRIPTOR, popProtocol());
      case 'M': return with(Kind.DEFAULT_ASSOCIATED_TYPE_METADATA_ACCESSOR, popAssocTypeName());
      case 'n': {
        SwiftNode req = popProtocol();
        SwiftNode path = popAssocTypePath();
        SwiftNode proto = pop(Kind.TYPE);
        return with(Kind.ASSOCIATED_CONFORMANCE_DESCRIPTOR, proto, path, req);
      }
      case 'N': {
        SwiftNode req = popProtocol();
        SwiftNode path = popAssocTypePath();
        SwiftNode proto = pop(Kind.TYPE);
        return with(Kind.DEFAULT_ASSOCIATED_CONFORMANCE_ACCESSOR, proto, path, req);
      }
      case 'b': {
        SwiftNode req = popProtocol();
        SwiftNode proto = pop(Kind.TYPE);
        return with(Kind.BASE_CONFORMANCE_DESCRIPTOR, proto, req);
      }
      case 'v': {
        int idx = demangleIndex();
        if (idx < 0) {
          return null;
        }
        if (next() == 'r') {
          return create(Kind.OUTLINED_READ_ONLY_OBJECT, idx);
        }
        return create(Kind.OUTLINED_VARIABLE, idx);
      }
      case 'e': {
        String params = demangleBridgedMethodParams();
        if (params.isEmpty()) {
          return null;
        }
        return create(Kind.OUTLINED_BRIDGED_METHOD, params);
      }
      case 'u': return create(Kind.ASYNC_FUNCTION_POINTER);
      case 'w':
        switch (next()) {
          case 'b': return create(Kind.BACK_DEPLOYMENT_THUNK);
          case 'B': return create(Kind.BACK_DEPLOYMENT_FALLBACK);
          case 'c': return create(Kind.CORO_FUNCTION_POINTER);
          case 'd': return create(Kind.DEFAULT_OVERRIDE);
          case 'S': return create(Kind.HAS_SYMBOL_QUERY);
          default: return null;
        }
      default:
        return null;
    }
  }

  private String demangleBridgedMethodParams() {
    if (nextIf('_')) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    char kind = next();
    switch (kind) {
      case 'o':
      case 'p':
      case 'a':
      case 'm':
        sb.append(kind);
        break;
      default:
        return "";
    }
    while (!nextIf('_')) {
      char c = next();
      if (c != 'n' && c != 'b' && c != 'g') {
        return "";
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private SwiftNode demangleGenericSpecialization(Kind kind, SwiftNode dropped) {
    SwiftNode spec = demangleSpecAttributes(kind);
    if (spec == null) {
      return null;
    }
    if (dropped != null) {
      for (SwiftNode a : dropped.children()) {
        spec.add(a);
      }
    }
    SwiftNode list = popTypeList();
    if (list == null) {
      return null;
    }
    for (SwiftNode ty : list.children()) {
      spec.add(with(Kind.GENERIC_SPECIALIZATION_PARAM, ty));
    }
    return spec;
  }

  private SwiftNode demangleGenericSpecializationWithDroppedArguments() {
    pushBack();
    SwiftNode tmp = create(Kind.GENERIC_SPECIALIZATION);
    while (nextIf('t')) {
      int n = demangleNatural();
      tmp.add(create(Kind.DROPPED_ARGUMENT, n < 0 ? 0 : n + 1));
    }
    Kind kind;
    switch (next()) {
      case 'g': kind = Kind.GENERIC_SPECIALIZATION; break;
      case 'G': kind = Kind.GENERIC_SPECIALIZATION_NOT_RE_ABSTRACTED; break;
      case 'B': kind = Kind.GENERIC_SPECIALIZATION_IN_RESILIENCE_DOMAIN; break;
      default: return null;
    }
    return demangleGenericSpecialization(kind, tmp);
  }

  // Function signature specialization parameter kinds (Apple's FunctionSigSpecializationParamKind).
  static final int FSP_CONSTANT_PROP_FUNCTION = 0;
  static final int FSP_CONSTANT_PROP_GLOBAL = 1;
  static final int FSP_CONSTANT_PROP_INTEGER = 2;
  static final int FSP_CONSTANT_PROP_FLOAT = 3;
  static final int FSP_CONSTANT_PROP_STRING = 4;
  static final int FSP_CLOSURE_PROP = 5;
  static final int FSP_BOX_TO_VALUE = 6;
  static final int FSP_BOX_TO_STACK = 7;
  static final int FSP_IN_OUT_TO_OUT = 8;
  static final int FSP_CONSTANT_PROP_KEY_PATH = 9;
  static final int FSP_CONSTANT_PROP_STRUCT = 10;
  static final int FSP_CLOSURE_PROP_PREVIOUS_ARG = 11;
  static final int FSP_DEAD = 1 << 6;
  static final int FSP_OWNED_TO_GUARANTEED = 1 << 7;
  static final int FSP_SROA = 1 << 8;
  static final int FSP_GUARANTEED_TO_OWNED = 1 << 9;
  static final int FSP_EXISTENTIAL_TO_GENERIC = 1 << 10;

  private SwiftNode demangleFunctionSpecialization() {
    SwiftNode spec = demangleSpecAttributes(Kind.FUNCTION_SIGNATURE_SPECIALIZATION);
    if (spec != null && spec.child(0).is(Kind.REPRESENTATION_CHANGED)) {
      return spec;
    }
    while (spec != null && !nextIf('_')) {
      if (pos >= text.length()) {
        return null;
      }
      spec = addChild(spec, demangleFuncSpecParam(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_PARAM));
    }
    if (!nextIf('n')) {
      spec = addChild(spec, demangleFuncSpecParam(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_RETURN));
    }
    if (spec == null) {
      return null;
    }
    for (int idx = 0, num = spec.size(); idx < num; idx++) {
      SwiftNode param = spec.child(num - idx - 1);
      if (!param.is(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_PARAM)) {
        continue;
      }
      int fixed = param.size();
      SwiftNode toAdd = param;
      for (int ci = 0; ci < fixed; ci++) {
        SwiftNode kindNd = param.child(fixed - ci - 1);
        if (!kindNd.is(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_PARAM_KIND)) {
          continue;
        }
        long pk = kindNd.index();
        if (pk == FSP_CLOSURE_PROP) {
          SwiftNode ty;
          while ((ty = pop(Kind.TYPE)) != null) {
            toAdd = addChild(toAdd, ty);
          }
        } else if (pk == FSP_CONSTANT_PROP_KEY_PATH) {
          toAdd = addChild(toAdd, pop(Kind.TYPE));
          toAdd = addChild(toAdd, pop(Kind.TYPE));
        } else if (pk == FSP_CONSTANT_PROP_STRUCT) {
          toAdd = addChild(toAdd, pop(Kind.TYPE));
          continue;
        } else if (pk != FSP_CONSTANT_PROP_FUNCTION && pk != FSP_CONSTANT_PROP_GLOBAL
            && pk != FSP_CONSTANT_PROP_STRING) {
          continue;
        }
        toAdd = addChild(toAdd, pop(Kind.IDENTIFIER));
      }
      if (toAdd == null) {
        return null;
      }
      param.reverse(fixed);
    }
    return spec;
  }

  private SwiftNode paramKind(long value) {
    return create(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_PARAM_KIND, value);
  }

  private SwiftNode demangleFuncSpecParam(Kind kind) {
    SwiftNode param = create(kind);
    switch (next()) {
      case 'n':
        return param;
      case 'c':
        return addChild(param, paramKind(FSP_CLOSURE_PROP));
      case 'C': {
        addChild(param, paramKind(FSP_CLOSURE_PROP_PREVIOUS_ARG));
        int prev = demangleNatural();
        if (prev < 0) {
          return null;
        }
        return addChild(param,
            create(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_PARAM_PAYLOAD, prev));
      }
      case 'p':
        for (;;) {
          switch (next()) {
            case 'S': addChild(param, paramKind(FSP_CONSTANT_PROP_STRUCT)); break;
            case 'f': addChild(param, paramKind(FSP_CONSTANT_PROP_FUNCTION)); break;
            case 'g': addChild(param, paramKind(FSP_CONSTANT_PROP_GLOBAL)); break;
            case 'i':
              if (!addFuncSpecParamNumber(param, FSP_CONSTANT_PROP_INTEGER)) {
                return null;
              }
              break;
            case 'd':
              if (!addFuncSpecParamNumber(param, FSP_CONSTANT_PROP_FLOAT)) {
                return null;
              }
              break;
            case 's': {
              String enc;
              switch (next()) {
                case 'b': enc = "u8"; break;
                case 'w': enc = "u16"; break;
                case 'c': enc = "objc"; break;
                default: return null;
              }
              addChild(param, paramKind(FSP_CONSTANT_PROP_STRING));
              addChild(param, create(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_PARAM_PAYLOAD, enc));
              break;
            }
            case 'k': addChild(param, paramKind(FSP_CONSTANT_PROP_KEY_PATH)); break;
            default:
              pushBack();
              return param;
          }
        }
      case 'e': {
        int v = FSP_EXISTENTIAL_TO_GENERIC;
        if (nextIf('D')) {
          v |= FSP_DEAD;
        }
        if (nextIf('G')) {
          v |= FSP_OWNED_TO_GUARANTEED;
        }
        if (nextIf('O')) {
          v |= FSP_GUARANTEED_TO_OWNED;
        }
        if (nextIf('X')) {
          v |= FSP_SROA;
        }
        return addChild(param, paramKind(v));
      }
      case 'd': {
        int v = FSP_DEAD;
        if (nextIf('G')) {
          v |= FSP_OWNED_TO_GUARANTEED;
        }
        if (nextIf('O')) {
          v |= FSP_GUARANTEED_TO_OWNED;
        }
        if (nextIf('X')) {
          v |= FSP_SROA;
        }
        return addChild(param, paramKind(v));
      }
      case 'g': {
        int v = FSP_OWNED_TO_GUARANTEED;
        if (nextIf('X')) {
          v |= FSP_SROA;
        }
        return addChild(param, paramKind(v));
      }
      case 'o': {
        int v = FSP_GUARANTEED_TO_OWNED;
        if (nextIf('X')) {
          v |= FSP_SROA;
        }
        return addChild(param, paramKind(v));
      }
      case 'x': return addChild(param, paramKind(FSP_SROA));
      case 'i': return addChild(param, paramKind(FSP_BOX_TO_VALUE));
      case 's': return addChild(param, paramKind(FSP_BOX_TO_STACK));
      case 'r': return addChild(param, paramKind(FSP_IN_OUT_TO_OUT));
      default: return null;
    }
  }

  private boolean addFuncSpecParamNumber(SwiftNode param, int kind) {
    param.add(paramKind(kind));
    StringBuilder sb = new StringBuilder();
    while (isDigit(peek())) {
      sb.append(next());
    }
    if (sb.length() == 0) {
      return false;
    }
    param.add(create(Kind.FUNCTION_SIGNATURE_SPECIALIZATION_PARAM_PAYLOAD, sb.toString()));
    return true;
  }

  private SwiftNode demangleSpecAttributes(Kind kind) {
    nextIf('m');
    boolean serialized = nextIf('q');
    boolean asyncRemoved = nextIf('a');
    boolean representationChanged = nextIf('r');
    int passId = next() - '0';
    if (passId < 0 || passId >= 10) {
      return null;
    }
    SwiftNode spec = create(kind);
    if (serialized) {
      spec.add(create(Kind.IS_SERIALIZED));
    }
    if (asyncRemoved) {
      spec.add(create(Kind.ASYNC_REMOVED));
    }
    if (representationChanged) {
      spec.add(create(Kind.REPRESENTATION_CHANGED));
    }
    spec.add(create(Kind.SPECIALIZATION_PASS_ID, passId));
    return spec;
  }

  private SwiftNode demangleWitness() {
    char c = next();
    switch (c) {
      case 'C': return with(Kind.ENUM_CASE, pop(SwiftParser::isEntity));
      case 'V': return with(Kind.VALUE_WITNESS_TABLE, pop(Kind.TYPE));
      case 'v': {
        int directness;
        switch (next()) {
          case 'd': directness = 0; break;
          case 'i': directness = 1; break;
          default: return null;
        }
        return with(Kind.FIELD_OFFSET, create(Kind.DIRECTNESS, directness),
            pop(SwiftParser::isEntity));
      }
      case 'S': return with(Kind.PROTOCOL_SELF_CONFORMANCE_WITNESS_TABLE, popProtocol());
      case 'P': return with(Kind.PROTOCOL_WITNESS_TABLE, popProtocolConformance());
      case 'p': return with(Kind.PROTOCOL_WITNESS_TABLE_PATTERN, popProtocolConformance());
      case 'G': return with(Kind.GENERIC_PROTOCOL_WITNESS_TABLE, popProtocolConformance());
      case 'I':
        return with(Kind.GENERIC_PROTOCOL_WITNESS_TABLE_INSTANTIATION_FUNCTION,
            popProtocolConformance());
      case 'r': return with(Kind.RESILIENT_PROTOCOL_WITNESS_TABLE, popProtocolConformance());
      case 'a': return with(Kind.PROTOCOL_WITNESS_TABLE_ACCESSOR, popProtocolConformance());
      case 't': {
        SwiftNode name = pop(SwiftParser::isDeclName);
        SwiftNode conf = popProtocolConformance();
        return with(Kind.ASSOCIATED_TYPE_METADATA_ACCESSOR, conf, name);
      }
      case 'T': {
        SwiftNode proto = pop(Kind.TYPE);
        SwiftNode path = popAssocTypePath();
        SwiftNode conf = popProtocolConformance();
        return with(Kind.ASSOCIATED_TYPE_WITNESS_TABLE_ACCESSOR, conf, path, proto);
      }
      case 'b': {
        SwiftNode proto = pop(Kind.TYPE);
        SwiftNode conf = popProtocolConformance();
        return with(Kind.BASE_WITNESS_TABLE_ACCESSOR, conf, proto);
      }
      case 'O': {
        Kind kind;
        char o = next();
        switch (o) {
          case 'y': kind = Kind.OUTLINED_COPY; break;
          case 'e': kind = Kind.OUTLINED_CONSUME; break;
          case 'r': kind = Kind.OUTLINED_RETAIN; break;
          case 's': kind = Kind.OUTLINED_RELEASE; break;
          case 'b': case 'B': kind = Kind.OUTLINED_INITIALIZE_WITH_TAKE; break;
          case 'c': case 'C': kind = Kind.OUTLINED_INITIALIZE_WITH_COPY; break;
          case 'd': case 'D': kind = Kind.OUTLINED_ASSIGN_WITH_TAKE; break;
          case 'f': case 'F': kind = Kind.OUTLINED_ASSIGN_WITH_COPY; break;
          case 'h': case 'H': kind = Kind.OUTLINED_DESTROY; break;
          case 'g': kind = Kind.OUTLINED_ENUM_GET_TAG; break;
          case 'i': kind = Kind.OUTLINED_ENUM_TAG_STORE; break;
          case 'j': kind = Kind.OUTLINED_ENUM_PROJECT_DATA_FOR_LOAD; break;
          default: return null;
        }
        if (o == 'i' || o == 'j') {
          SwiftNode caseIdx = demangleIndexAsNode();
          SwiftNode sig = pop(Kind.DEPENDENT_GENERIC_SIGNATURE);
          if (sig != null) {
            return with(kind, pop(Kind.TYPE), sig, caseIdx);
          }
          return with(kind, pop(Kind.TYPE), caseIdx);
        }
        SwiftNode sig = pop(Kind.DEPENDENT_GENERIC_SIGNATURE);
        if (sig != null) {
          return with(kind, pop(Kind.TYPE), sig);
        }
        return with(kind, pop(Kind.TYPE));
      }
      case 'Z':
      case 'z': {
        SwiftNode list = create(Kind.GLOBAL_VARIABLE_ONCE_DECL_LIST);
        ArrayList<SwiftNode> vars = new ArrayList<>();
        while (pop(Kind.FIRST_ELEMENT_MARKER) != null) {
          SwiftNode id = pop(SwiftParser::isDeclName);
          if (id == null) {
            return null;
          }
          vars.add(id);
        }
        for (int i = vars.size() - 1; i >= 0; i--) {
          list.add(vars.get(i));
        }
        SwiftNode ctx = popContext();
        if (ctx == null) {
          return null;
        }
        return with(c == 'Z' ? Kind.GLOBAL_VARIABLE_ONCE_FUNCTION : Kind.GLOBAL_VARIABLE_ONCE_TOKEN,
            ctx, list);
      }
      default:
        return null;
    }
  }

  private SwiftNode demangleSpecialType() {
    char special = next();
    switch (special) {
      case 'E': return popFunctionType(Kind.NO_ESCAPE_FUNCTION_TYPE);
      case 'A': return popFunctionType(Kind.ESCAPING_AUTO_CLOSURE_TYPE);
      case 'f': return popFunctionType(Kind.THIN_FUNCTION_TYPE);
      case 'K': return popFunctionType(Kind.AUTO_CLOSURE_TYPE);
      case 'U': return popFunctionType(Kind.UNCURRIED_FUNCTION_TYPE);
      case 'L': return popFunctionType(Kind.ESCAPING_OBJC_BLOCK);
      case 'B': return popFunctionType(Kind.OBJC_BLOCK);
      case 'C': return popFunctionType(Kind.C_FUNCTION_POINTER);
      case 'o': return type(with(Kind.UNOWNED, pop(Kind.TYPE)));
      case 'u': return type(with(Kind.UNMANAGED, pop(Kind.TYPE)));
      case 'w': return type(with(Kind.WEAK, pop(Kind.TYPE)));
      case 'b': return type(with(Kind.SIL_BOX_TYPE, pop(Kind.TYPE)));
      case 'D': return type(with(Kind.DYNAMIC_SELF, pop(Kind.TYPE)));
      case 'M': {
        SwiftNode repr = demangleMetatypeRepresentation();
        SwiftNode ty = pop(Kind.TYPE);
        return type(with(Kind.METATYPE, repr, ty));
      }
      case 'm': {
        SwiftNode repr = demangleMetatypeRepresentation();
        SwiftNode ty = pop(Kind.TYPE);
        return type(with(Kind.EXISTENTIAL_METATYPE, repr, ty));
      }
      case 'p': return type(with(Kind.EXISTENTIAL_METATYPE, pop(Kind.TYPE)));
      case 'c': {
        SwiftNode superclass = pop(Kind.TYPE);
        SwiftNode protocols = demangleProtocolList();
        return type(with(Kind.PROTOCOL_LIST_WITH_CLASS, protocols, superclass));
      }
      case 'l': return type(with(Kind.PROTOCOL_LIST_WITH_ANY_OBJECT, demangleProtocolList()));
      case 'Y': return demangleAnyGenericType(Kind.OTHER_NOMINAL_TYPE);
      case 'e': return type(create(Kind.ERROR_TYPE));
      case 'S':
        switch (next()) {
          case 'q': return type(with(Kind.SUGARED_OPTIONAL, pop(Kind.TYPE)));
          case 'a': return type(with(Kind.SUGARED_ARRAY, pop(Kind.TYPE)));
          case 'A': {
            SwiftNode element = pop(Kind.TYPE);
            SwiftNode count = pop(Kind.TYPE);
            return type(with(Kind.SUGARED_INLINE_ARRAY, count, element));
          }
          case 'D': {
            SwiftNode value = pop(Kind.TYPE);
            SwiftNode key = pop(Kind.TYPE);
            return type(with(Kind.SUGARED_DICTIONARY, key, value));
          }
          case 'p': return type(with(Kind.SUGARED_PAREN, pop(Kind.TYPE)));
          default: return null;
        }
      default:
        return null;
    }
  }

  private SwiftNode demangleMetatypeRepresentation() {
    switch (next()) {
      case 't': return create(Kind.METATYPE_REPRESENTATION, "@thin");
      case 'T': return create(Kind.METATYPE_REPRESENTATION, "@thick");
      case 'o': return create(Kind.METATYPE_REPRESENTATION, "@objc_metatype");
      default: return null;
    }
  }

  private SwiftNode demangleTypeAnnotation() {
    switch (next()) {
      case 'a': return create(Kind.ASYNC_ANNOTATION);
      case 'A': return create(Kind.ISOLATED_ANY_FUNCTION_TYPE);
      case 'b': return create(Kind.CONCURRENT_FUNCTION_TYPE);
      case 'c': return with(Kind.GLOBAL_ACTOR_FUNCTION_TYPE, popTypeAndGetChild());
      case 'C': return create(Kind.NON_ISOLATED_CALLER_FUNCTION_TYPE);
      case 'i': return type(with(Kind.ISOLATED, popTypeAndGetChild()));
      case 'j': {
        char k = next();
        if (k != 'f' && k != 'r' && k != 'd' && k != 'l') {
          return null;
        }
        return create(Kind.DIFFERENTIABLE_FUNCTION_TYPE, k);
      }
      case 'k': return type(with(Kind.NO_DERIVATIVE, popTypeAndGetChild()));
      case 'K': return with(Kind.TYPED_THROWS_ANNOTATION, popTypeAndGetChild());
      case 't': return type(with(Kind.COMPILE_TIME_LITERAL, popTypeAndGetChild()));
      case 'g': return type(with(Kind.CONST_VALUE, popTypeAndGetChild()));
      case 'T': return create(Kind.SENDING_RESULT_FUNCTION_TYPE);
      case 'u': return type(with(Kind.SENDING, popTypeAndGetChild()));
      default: return null;
    }
  }

  private SwiftNode demangleAccessor(SwiftNode child) {
    Kind kind;
    switch (next()) {
      case 'm': kind = Kind.MATERIALIZE_FOR_SET; break;
      case 's': kind = Kind.SETTER; break;
      case 'g': kind = Kind.GETTER; break;
      case 'G': kind = Kind.GLOBAL_GETTER; break;
      case 'w': kind = Kind.WILL_SET; break;
      case 'W': kind = Kind.DID_SET; break;
      case 'r': kind = Kind.READ_ACCESSOR; break;
      case 'y': kind = Kind.READ2_ACCESSOR; break;
      case 'M': kind = Kind.MODIFY_ACCESSOR; break;
      case 'x': kind = Kind.MODIFY2_ACCESSOR; break;
      case 'i': kind = Kind.INIT_ACCESSOR; break;
      case 'b': kind = Kind.BORROW_ACCESSOR; break;
      case 'z': kind = Kind.MUTATE_ACCESSOR; break;
      case 'a':
        switch (next()) {
          case 'O': kind = Kind.OWNING_MUTABLE_ADDRESSOR; break;
          case 'o': kind = Kind.NATIVE_OWNING_MUTABLE_ADDRESSOR; break;
          case 'P': kind = Kind.NATIVE_PINNING_MUTABLE_ADDRESSOR; break;
          case 'u': kind = Kind.UNSAFE_MUTABLE_ADDRESSOR; break;
          default: return null;
        }
        break;
      case 'l':
        switch (next()) {
          case 'O': kind = Kind.OWNING_ADDRESSOR; break;
          case 'o': kind = Kind.NATIVE_OWNING_ADDRESSOR; break;
          case 'p': kind = Kind.NATIVE_PINNING_ADDRESSOR; break;
          case 'u': kind = Kind.UNSAFE_ADDRESSOR; break;
          default: return null;
        }
        break;
      case 'p':
        return child;
      default:
        return null;
    }
    return with(kind, child);
  }

  private SwiftNode demangleFunctionEntity() {
    final int none = 0;
    final int typeAndMaybePrivateName = 1;
    final int typeAndIndex = 2;
    final int index = 3;
    int args;
    Kind kind;
    switch (next()) {
      case 'D': args = none; kind = Kind.DEALLOCATOR; break;
      case 'd': args = none; kind = Kind.DESTRUCTOR; break;
      case 'Z': args = none; kind = Kind.ISOLATED_DEALLOCATOR; break;
      case 'E': args = none; kind = Kind.IVAR_DESTROYER; break;
      case 'e': args = none; kind = Kind.IVAR_INITIALIZER; break;
      case 'i': args = none; kind = Kind.INITIALIZER; break;
      case 'C': args = typeAndMaybePrivateName; kind = Kind.ALLOCATOR; break;
      case 'c': args = typeAndMaybePrivateName; kind = Kind.CONSTRUCTOR; break;
      case 'U': args = typeAndIndex; kind = Kind.EXPLICIT_CLOSURE; break;
      case 'u': args = typeAndIndex; kind = Kind.IMPLICIT_CLOSURE; break;
      case 'A': args = index; kind = Kind.DEFAULT_ARGUMENT_INITIALIZER; break;
      case 'P': args = none; kind = Kind.PROPERTY_WRAPPER_BACKING_INITIALIZER; break;
      case 'F': args = none; kind = Kind.PROPERTY_WRAPPED_FIELD_INIT_ACCESSOR; break;
      case 'W': args = none; kind = Kind.PROPERTY_WRAPPER_INIT_FROM_PROJECTED_VALUE; break;
      default: return null; // macros (m, M) and generic parameter declarations (p)
    }
    SwiftNode nameOrIndex = null;
    SwiftNode paramType = null;
    SwiftNode labels = null;
    if (args == typeAndMaybePrivateName) {
      nameOrIndex = pop(Kind.PRIVATE_DECL_NAME);
      paramType = pop(Kind.TYPE);
      labels = popFunctionParamLabels(paramType);
    } else if (args == typeAndIndex) {
      nameOrIndex = demangleIndexAsNode();
      paramType = pop(Kind.TYPE);
    } else if (args == index) {
      nameOrIndex = demangleIndexAsNode();
    }
    SwiftNode entity = with(kind, popContext());
    if (args == index) {
      entity = addChild(entity, nameOrIndex);
    } else if (args == typeAndMaybePrivateName) {
      addChild(entity, labels);
      entity = addChild(entity, paramType);
      addChild(entity, nameOrIndex);
    } else if (args == typeAndIndex) {
      entity = addChild(entity, nameOrIndex);
      entity = addChild(entity, paramType);
    }
    return entity;
  }

  private SwiftNode demangleEntity(Kind kind) {
    SwiftNode ty = pop(Kind.TYPE);
    SwiftNode labels = popFunctionParamLabels(ty);
    SwiftNode name = pop(SwiftParser::isDeclName);
    SwiftNode ctx = popContext();
    return labels != null
        ? with(kind, ctx, name, labels, ty)
        : with(kind, ctx, name, ty);
  }

  private SwiftNode demangleVariable() {
    SwiftNode v = demangleEntity(Kind.VARIABLE);
    if (v == null) {
      return null;
    }
    return demangleAccessor(v);
  }

  private SwiftNode demangleSubscript() {
    SwiftNode privateName = pop(Kind.PRIVATE_DECL_NAME);
    SwiftNode ty = pop(Kind.TYPE);
    SwiftNode labels = popFunctionParamLabels(ty);
    SwiftNode ctx = popContext();
    if (ty == null) {
      return null;
    }
    SwiftNode sub = create(Kind.SUBSCRIPT);
    sub = addChild(sub, ctx);
    addChild(sub, labels);
    sub = addChild(sub, ty);
    addChild(sub, privateName);
    if (sub == null) {
      return null;
    }
    return demangleAccessor(sub);
  }

  private SwiftNode demangleProtocolList() {
    SwiftNode list = create(Kind.TYPE_LIST);
    SwiftNode protoList = with(Kind.PROTOCOL_LIST, list);
    if (pop(Kind.EMPTY_LIST) == null) {
      boolean first;
      do {
        first = pop(Kind.FIRST_ELEMENT_MARKER) != null;
        SwiftNode proto = popProtocol();
        if (proto == null) {
          return null;
        }
        list.add(proto);
      } while (!first);
      list.reverse(0);
    }
    return protoList;
  }

  private SwiftNode demangleGenericSignature(boolean hasParamCounts) {
    SwiftNode sig = create(Kind.DEPENDENT_GENERIC_SIGNATURE);
    if (hasParamCounts) {
      while (!nextIf('l')) {
        if (pos >= text.length()) {
          return null;
        }
        int count = 0;
        if (!nextIf('z')) {
          count = demangleIndex() + 1;
        }
        if (count < 0) {
          return null;
        }
        sig.add(create(Kind.DEPENDENT_GENERIC_PARAM_COUNT, count));
      }
    } else {
      sig.add(create(Kind.DEPENDENT_GENERIC_PARAM_COUNT, 1));
    }
    int numCounts = sig.size();
    SwiftNode req;
    while ((req = pop(SwiftParser::isRequirement)) != null) {
      sig.add(req);
    }
    sig.reverse(numCounts);
    return sig;
  }

  private SwiftNode demangleGenericRequirement() {
    final int generic = 0;
    final int assoc = 1;
    final int compoundAssoc = 2;
    final int substitution = 3;
    final int protocol = 0;
    final int baseClass = 1;
    final int sameType = 2;
    final int sameShape = 3;
    final int layout = 4;
    final int packMarker = 5;
    final int inverse = 6;
    int typeKind;
    int constraint;
    SwiftNode inverseKind = null;
    switch (next()) {
      case 'v': constraint = packMarker; typeKind = generic; break;
      case 'c': constraint = baseClass; typeKind = assoc; break;
      case 'C': constraint = baseClass; typeKind = compoundAssoc; break;
      case 'b': constraint = baseClass; typeKind = generic; break;
      case 'B': constraint = baseClass; typeKind = substitution; break;
      case 't': constraint = sameType; typeKind = assoc; break;
      case 'T': constraint = sameType; typeKind = compoundAssoc; break;
      case 's': constraint = sameType; typeKind = generic; break;
      case 'S': constraint = sameType; typeKind = substitution; break;
      case 'm': constraint = layout; typeKind = assoc; break;
      case 'M': constraint = layout; typeKind = compoundAssoc; break;
      case 'l': constraint = layout; typeKind = generic; break;
      case 'L': constraint = layout; typeKind = substitution; break;
      case 'p': constraint = protocol; typeKind = assoc; break;
      case 'P': constraint = protocol; typeKind = compoundAssoc; break;
      case 'Q': constraint = protocol; typeKind = substitution; break;
      case 'h': constraint = sameShape; typeKind = generic; break;
      case 'i':
      case 'I':
        constraint = inverse;
        typeKind = peekPrev() == 'i' ? generic : substitution;
        inverseKind = demangleIndexAsNode();
        if (inverseKind == null) {
          return null;
        }
        break;
      case 'V':
        return null; // value generics: unsupported
      default:
        constraint = protocol;
        typeKind = generic;
        pushBack();
        break;
    }
    SwiftNode constrTy;
    switch (typeKind) {
      case generic:
        constrTy = type(demangleGenericParamIndex());
        break;
      case assoc: {
        SwiftNode base = demangleGenericParamIndex();
        constrTy = base == null ? null : demangleAssociatedTypeSimple(base);
        addSubstitution(constrTy);
        break;
      }
      case compoundAssoc: {
        SwiftNode base = demangleGenericParamIndex();
        constrTy = base == null ? null : demangleAssociatedTypeCompound(base);
        addSubstitution(constrTy);
        break;
      }
      default:
        constrTy = pop(Kind.TYPE);
        break;
    }
    switch (constraint) {
      case packMarker:
        return with(Kind.DEPENDENT_GENERIC_PARAM_PACK_MARKER, constrTy);
      case protocol:
        return with(Kind.DEPENDENT_GENERIC_CONFORMANCE_REQUIREMENT, constrTy, popProtocol());
      case inverse:
        return with(Kind.DEPENDENT_GENERIC_INVERSE_CONFORMANCE_REQUIREMENT, constrTy, inverseKind);
      case baseClass:
        return with(Kind.DEPENDENT_GENERIC_CONFORMANCE_REQUIREMENT, constrTy, pop(Kind.TYPE));
      case sameType:
        return with(Kind.DEPENDENT_GENERIC_SAME_TYPE_REQUIREMENT, constrTy, pop(Kind.TYPE));
      case sameShape:
        return with(Kind.DEPENDENT_GENERIC_SAME_SHAPE_REQUIREMENT, constrTy, pop(Kind.TYPE));
      default: {
        char c = next();
        SwiftNode size = null;
        SwiftNode alignment = null;
        String name;
        if (c == 'U' || c == 'R' || c == 'N' || c == 'C' || c == 'D' || c == 'T' || c == 'B') {
          name = String.valueOf(c);
        } else if (c == 'E' || c == 'M') {
          size = demangleIndexAsNode();
          if (size == null) {
            return null;
          }
          alignment = demangleIndexAsNode();
          name = String.valueOf(c);
        } else if (c == 'e' || c == 'm' || c == 'S') {
          size = demangleIndexAsNode();
          if (size == null) {
            return null;
          }
          name = String.valueOf(c);
        } else {
          return null;
        }
        SwiftNode req = with(Kind.DEPENDENT_GENERIC_LAYOUT_REQUIREMENT, constrTy,
            create(Kind.IDENTIFIER, name));
        if (size != null) {
          addChild(req, size);
        }
        if (alignment != null) {
          addChild(req, alignment);
        }
        return req;
      }
    }
  }

  private char peekPrev() {
    return pos > 0 ? text.charAt(pos - 1) : 0;
  }

  private SwiftNode demangleGenericType() {
    SwiftNode sig = pop(Kind.DEPENDENT_GENERIC_SIGNATURE);
    SwiftNode ty = pop(Kind.TYPE);
    return type(with(Kind.DEPENDENT_GENERIC_TYPE, sig, ty));
  }
}
