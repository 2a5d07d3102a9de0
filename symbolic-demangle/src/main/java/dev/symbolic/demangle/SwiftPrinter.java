package dev.symbolic.demangle;

import dev.symbolic.demangle.SwiftNode.Kind;

/**
 * Prints a Swift demangling tree the way Apple's {@code NodePrinter.cpp} does, for two option
 * sets: Apple's default options ({@link #complete}) and the "simplified UI" options that
 * Sentry's symbolic uses for name-only output (optionally with parameter types). Node shapes
 * this port does not print exactly make printing fail (null). One instance per name.
 */
final class SwiftPrinter {
  private static final int MAX_DEPTH = 768;
  private static final int MAX_OUTPUT = 16 * 1024;
  private static final int MAX_STEPS = 200_000;

  private enum TypePrinting { NO_TYPE, WITH_COLON, FUNCTION_STYLE }

  /** Internal failure signal; caught by {@link #print(SwiftNode)}. */
  private static final class Fail extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fail() {
      super(null, null, false, false);
    }
  }

  // Options (names follow Apple's DemangleOptions).
  private final boolean synthesizeSugarOnTypes;
  private final boolean displayExtensionContexts;
  private final boolean displayUnmangledSuffix;
  private final boolean displayModuleNames;
  private final boolean displayGenericSpecializations;
  private final boolean displayProtocolConformances;
  private final boolean displayWhereClauses;
  private final boolean displayEntityTypes;
  private final boolean shortenPartialApply;
  private final boolean shortenThunk;
  private final boolean shortenValueWitness;
  private final boolean showPrivateDiscriminators;
  private final boolean showFunctionArgumentTypes;
  private final boolean showFunctionReturnType;
  private final boolean showAsyncResumePartial;

  private final StringBuilder out = new StringBuilder();
  private boolean specializationPrefixPrinted;
  private int steps;

  private SwiftPrinter(boolean complete, boolean parameters, boolean sugar) {
    this.synthesizeSugarOnTypes = sugar;
    this.displayExtensionContexts = complete;
    this.displayUnmangledSuffix = complete;
    this.displayModuleNames = complete;
    this.displayGenericSpecializations = complete;
    this.displayProtocolConformances = complete;
    this.displayWhereClauses = complete;
    this.displayEntityTypes = complete;
    this.shortenPartialApply = !complete;
    this.shortenThunk = !complete;
    this.shortenValueWitness = !complete;
    this.showPrivateDiscriminators = complete;
    this.showFunctionArgumentTypes = complete || parameters;
    this.showFunctionReturnType = complete;
    this.showAsyncResumePartial = complete;
  }

  /** Apple's default options ({@code swift-demangle}). */
  static String complete(SwiftNode root) {
    return new SwiftPrinter(true, true, false).print(root);
  }

  /**
   * Apple's default options with type sugar ({@code [Int]}, {@code Int?}), as the
   * {@code swift-demangle} tool prints by default; used to check the printer against Apple's
   * test vectors.
   */
  static String completeWithSugar(SwiftNode root) {
    return new SwiftPrinter(true, true, true).print(root);
  }

  /** Simplified UI options, with or without parameter types. */
  static String simplified(SwiftNode root, boolean parameters) {
    return new SwiftPrinter(false, parameters, true).print(root);
  }

  private String print(SwiftNode root) {
    try {
      print(root, 0, false);
    } catch (Fail e) {
      return null;
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static void fail() {
    throw new Fail();
  }

  private void emit(String s) {
    out.append(s);
    if (out.length() > MAX_OUTPUT) {
      fail();
    }
  }

  private void emit(char c) {
    out.append(c);
    if (out.length() > MAX_OUTPUT) {
      fail();
    }
  }

  private void emit(long n) {
    emit(Long.toString(n));
  }

  private static SwiftNode ch(SwiftNode n, int i) {
    SwiftNode c = n.child(i);
    if (c == null) {
      fail();
    }
    return c;
  }

  private void printChildren(SwiftNode n, int depth, String sep) {
    if (n == null) {
      return;
    }
    int size = n.size();
    for (int i = 0; i < size; i++) {
      print(n.child(i), depth + 1, false);
      if (sep != null && i + 1 < size) {
        emit(sep);
      }
    }
  }

  private void print(SwiftNode n, int depth) {
    print(n, depth, false);
  }

  private static boolean isSimpleType(SwiftNode n) {
    switch (n.kind) {
      case ASSOCIATED_TYPE_REF:
      case BOUND_GENERIC_CLASS:
      case BOUND_GENERIC_ENUM:
      case BOUND_GENERIC_STRUCTURE:
      case BOUND_GENERIC_PROTOCOL:
      case BOUND_GENERIC_OTHER_NOMINAL_TYPE:
      case BOUND_GENERIC_TYPE_ALIAS:
      case BUILTIN_TYPE_NAME:
      case BUILTIN_TUPLE_TYPE:
      case CLASS:
      case DEPENDENT_GENERIC_TYPE:
      case DEPENDENT_MEMBER_TYPE:
      case DEPENDENT_GENERIC_PARAM_TYPE:
      case DYNAMIC_SELF:
      case ENUM:
      case ERROR_TYPE:
      case EXISTENTIAL_METATYPE:
      case METATYPE:
      case METATYPE_REPRESENTATION:
      case MODULE:
      case TUPLE:
      case CONSTRAINED_EXISTENTIAL_SELF:
      case PROTOCOL:
      case RETURN_TYPE:
      case SIL_BOX_TYPE:
      case STRUCTURE:
      case OTHER_NOMINAL_TYPE:
      case TUPLE_ELEMENT_NAME:
      case TYPE_ALIAS:
      case TYPE_LIST:
      case LABEL_LIST:
      case SUGARED_OPTIONAL:
      case SUGARED_ARRAY:
      case SUGARED_INLINE_ARRAY:
      case SUGARED_DICTIONARY:
      case SUGARED_PAREN:
        return true;
      case TYPE:
        return isSimpleType(ch(n, 0));
      case PROTOCOL_LIST:
        return ch(n, 0).size() <= 1;
      case PROTOCOL_LIST_WITH_ANY_OBJECT:
        return ch(ch(n, 0), 0).size() == 0;
      default:
        return false;
    }
  }

  private void printWithParens(SwiftNode type, int depth) {
    boolean parens = !isSimpleType(type);
    if (parens) {
      emit('(');
    }
    print(type, depth + 1);
    if (parens) {
      emit(')');
    }
  }

  private static boolean isExistentialType(SwiftNode n) {
    return n.is(Kind.EXISTENTIAL_METATYPE) || n.is(Kind.PROTOCOL_LIST)
        || n.is(Kind.PROTOCOL_LIST_WITH_CLASS) || n.is(Kind.PROTOCOL_LIST_WITH_ANY_OBJECT);
  }

  private static boolean isIdentifier(SwiftNode n, String s) {
    return n != null && n.is(Kind.IDENTIFIER) && n.text().equals(s);
  }

  private static boolean isSwiftModule(SwiftNode n) {
    return n != null && n.is(Kind.MODULE) && n.text().equals("Swift");
  }

  private enum Sugar { NONE, OPTIONAL, IMPLICITLY_UNWRAPPED_OPTIONAL, ARRAY, DICTIONARY }

  private static Sugar findSugar(SwiftNode n) {
    if (n.size() == 1 && n.is(Kind.TYPE)) {
      return findSugar(ch(n, 0));
    }
    if (n.size() != 2) {
      return Sugar.NONE;
    }
    if (!n.is(Kind.BOUND_GENERIC_ENUM) && !n.is(Kind.BOUND_GENERIC_STRUCTURE)) {
      return Sugar.NONE;
    }
    SwiftNode unbound = ch(ch(n, 0), 0);
    SwiftNode args = ch(n, 1);
    SwiftNode name = unbound.child(1);
    SwiftNode module = unbound.child(0);
    if (n.is(Kind.BOUND_GENERIC_ENUM)) {
      if (isIdentifier(name, "Optional") && args.size() == 1 && isSwiftModule(module)) {
        return Sugar.OPTIONAL;
      }
      if (isIdentifier(name, "ImplicitlyUnwrappedOptional") && args.size() == 1
          && isSwiftModule(module)) {
        return Sugar.IMPLICITLY_UNWRAPPED_OPTIONAL;
      }
      return Sugar.NONE;
    }
    if (isIdentifier(name, "Array") && args.size() == 1 && isSwiftModule(module)) {
      return Sugar.ARRAY;
    }
    if (isIdentifier(name, "Dictionary") && args.size() == 2 && isSwiftModule(module)) {
      return Sugar.DICTIONARY;
    }
    return Sugar.NONE;
  }

  private void printBoundGenericNoSugar(SwiftNode n, int depth) {
    if (n.size() < 2) {
      return;
    }
    print(ch(n, 0), depth + 1);
    emit('<');
    printChildren(ch(n, 1), depth, ", ");
    emit('>');
  }

  private void printBoundGeneric(SwiftNode n, int depth) {
    if (n.size() < 2) {
      return;
    }
    if (n.size() != 2 || !synthesizeSugarOnTypes || n.is(Kind.BOUND_GENERIC_CLASS)) {
      printBoundGenericNoSugar(n, depth);
      return;
    }
    if (n.is(Kind.BOUND_GENERIC_PROTOCOL)) {
      printChildren(ch(n, 1), depth, null);
      emit(" as ");
      print(ch(n, 0), depth + 1);
      return;
    }
    Sugar sugar = findSugar(n);
    switch (sugar) {
      case OPTIONAL:
      case IMPLICITLY_UNWRAPPED_OPTIONAL:
        printWithParens(ch(ch(n, 1), 0), depth);
        emit(sugar == Sugar.OPTIONAL ? "?" : "!");
        break;
      case ARRAY:
        emit('[');
        print(ch(ch(n, 1), 0), depth + 1);
        emit(']');
        break;
      case DICTIONARY:
        emit('[');
        print(ch(ch(n, 1), 0), depth + 1);
        emit(" : ");
        print(ch(ch(n, 1), 1), depth + 1);
        emit(']');
        break;
      default:
        printBoundGenericNoSugar(n, depth);
        break;
    }
  }

  private void printFunctionParameters(
      SwiftNode labels, SwiftNode paramType, int depth, boolean showTypes) {
    if (!paramType.is(Kind.ARGUMENT_TUPLE)) {
      fail();
    }
    SwiftNode params = ch(ch(paramType, 0), 0);
    if (!params.is(Kind.TUPLE)) {
      if (showTypes) {
        emit('(');
        print(params, depth + 1);
        emit(')');
      } else {
        emit("(_:)");
      }
      return;
    }
    boolean hasLabels = labels != null && labels.size() > 0;
    if (hasLabels && labels.size() != params.size()) {
      fail();
    }
    emit('(');
    for (int i = 0; i < params.size(); i++) {
      SwiftNode param = params.child(i);
      if (!param.is(Kind.TUPLE_ELEMENT)) {
        fail();
      }
      if (hasLabels) {
        SwiftNode label = labels.child(i);
        emit(label.is(Kind.IDENTIFIER) ? label.text() : "_");
        emit(':');
      } else if (!showTypes) {
        SwiftNode label = param.childOf(Kind.TUPLE_ELEMENT_NAME);
        if (label != null) {
          emit(label.text());
          emit(':');
        } else {
          emit("_:");
        }
      }
      if (hasLabels && showTypes) {
        emit(' ');
      }
      if (showTypes) {
        print(param, depth + 1);
      }
      if (i + 1 < params.size() && showTypes) {
        emit(", ");
      }
    }
    emit(')');
  }

  private void printFunctionType(SwiftNode labels, SwiftNode node, int depth) {
    if (node.size() < 2) {
      fail();
    }
    switch (node.kind) {
      case FUNCTION_TYPE:
      case UNCURRIED_FUNCTION_TYPE:
      case NO_ESCAPE_FUNCTION_TYPE:
        break;
      case AUTO_CLOSURE_TYPE:
      case ESCAPING_AUTO_CLOSURE_TYPE:
        emit("@autoclosure ");
        break;
      case THIN_FUNCTION_TYPE:
        emit("@convention(thin) ");
        break;
      case C_FUNCTION_POINTER:
        emit("@convention(c) ");
        break;
      case ESCAPING_OBJC_BLOCK:
        emit("@escaping ");
        emit("@convention(block) ");
        break;
      case OBJC_BLOCK:
        emit("@convention(block) ");
        break;
      default:
        fail();
    }
    int argIndex = node.size() - 2;
    int start = 0;
    boolean sendable = false;
    boolean async = false;
    boolean sendingResult = false;
    char diffKind = 0;
    if (ch(node, start).is(Kind.SENDING_RESULT_FUNCTION_TYPE)) {
      start++;
      sendingResult = true;
    }
    if (ch(node, start).is(Kind.ISOLATED_ANY_FUNCTION_TYPE)) {
      print(ch(node, start), depth + 1);
      start++;
    }
    SwiftNode nonIsolatedCaller = null;
    if (ch(node, start).is(Kind.NON_ISOLATED_CALLER_FUNCTION_TYPE)) {
      nonIsolatedCaller = ch(node, start);
      start++;
    }
    if (ch(node, start).is(Kind.GLOBAL_ACTOR_FUNCTION_TYPE)) {
      print(ch(node, start), depth + 1);
      start++;
    }
    if (ch(node, start).is(Kind.DIFFERENTIABLE_FUNCTION_TYPE)) {
      diffKind = (char) ch(node, start).index();
      start++;
    }
    SwiftNode thrown = null;
    if (ch(node, start).is(Kind.THROWS_ANNOTATION)
        || ch(node, start).is(Kind.TYPED_THROWS_ANNOTATION)) {
      thrown = ch(node, start);
      start++;
    }
    if (ch(node, start).is(Kind.CONCURRENT_FUNCTION_TYPE)) {
      start++;
      sendable = true;
    }
    if (ch(node, start).is(Kind.ASYNC_ANNOTATION)) {
      start++;
      async = true;
    }
    switch (diffKind) {
      case 'f': emit("@differentiable(_forward) "); break;
      case 'r': emit("@differentiable(reverse) "); break;
      case 'l': emit("@differentiable(_linear) "); break;
      case 'd': emit("@differentiable "); break;
      default: break;
    }
    if (nonIsolatedCaller != null) {
      print(nonIsolatedCaller, depth + 1);
    }
    if (sendable) {
      emit("@Sendable ");
    }
    if (showFunctionArgumentTypes) {
      printFunctionParameters(labels, ch(node, argIndex), depth, true);
    }
    if (!showFunctionReturnType) {
      return;
    }
    if (async) {
      emit(" async");
    }
    if (thrown != null) {
      print(thrown, depth + 1);
    }
    emit(" -> ");
    if (sendingResult) {
      emit("sending ");
    }
    print(ch(node, argIndex + 1), depth + 1);
  }

  private static String genericParameterName(long depth, long index) {
    StringBuilder sb = new StringBuilder();
    do {
      sb.append((char) ('A' + (index % 26)));
      index /= 26;
    } while (index != 0);
    if (depth != 0) {
      sb.append(depth);
    }
    return sb.toString();
  }

  private void printGenericSignature(SwiftNode n, int depth) {
    emit('<');
    int num = n.size();
    int numParams = 0;
    while (numParams < num && ch(n, numParams).is(Kind.DEPENDENT_GENERIC_PARAM_COUNT)) {
      numParams++;
    }
    int firstReq = numParams;
    while (firstReq < num) {
      SwiftNode c = ch(n, firstReq);
      if (c.is(Kind.TYPE)) {
        c = ch(c, 0);
      }
      if (!c.is(Kind.DEPENDENT_GENERIC_PARAM_PACK_MARKER)) {
        break;
      }
      firstReq++;
    }
    for (int d = 0; d < numParams; d++) {
      if (d != 0) {
        emit("><");
      }
      long count = ch(n, d).index();
      for (long i = 0; i < count; i++) {
        if (i != 0) {
          emit(", ");
        }
        if (i >= 128) {
          emit("...");
          break;
        }
        if (isGenericParamPack(n, numParams, firstReq, d, i)) {
          emit("each ");
        }
        emit(genericParameterName(d, i));
      }
    }
    if (firstReq != num && displayWhereClauses) {
      emit(" where ");
      for (int i = firstReq; i < num; i++) {
        if (i > firstReq) {
          emit(", ");
        }
        print(ch(n, i), depth + 1);
      }
    }
    emit('>');
  }

  private static boolean isGenericParamPack(
      SwiftNode n, int from, int to, long depth, long index) {
    for (int i = from; i < to; i++) {
      SwiftNode c = ch(n, i);
      if (!c.is(Kind.DEPENDENT_GENERIC_PARAM_PACK_MARKER)) {
        continue;
      }
      c = ch(c, 0);
      if (!c.is(Kind.TYPE)) {
        continue;
      }
      c = ch(c, 0);
      if (!c.is(Kind.DEPENDENT_GENERIC_PARAM_TYPE)) {
        continue;
      }
      // Apple compares the first index child with the index and the second with the depth.
      if (index == ch(c, 0).index() && depth == ch(c, 1).index()) {
        return true;
      }
    }
    return false;
  }

  private void printSpecializationPrefix(SwiftNode n, String description, int depth,
      String paramPrefix) {
    if (!displayGenericSpecializations) {
      if (!specializationPrefixPrinted) {
        emit("specialized ");
        specializationPrefixPrinted = true;
      }
      return;
    }
    if (n.is(Kind.FUNCTION_SIGNATURE_SPECIALIZATION)) {
      fail(); // parameter details are not ported
    }
    if (ch(n, 0).is(Kind.REPRESENTATION_CHANGED)) {
      emit("representation changed of ");
      return;
    }
    emit(description);
    emit(" <");
    String sep = "";
    for (SwiftNode c : n.children()) {
      switch (c.kind) {
        case SPECIALIZATION_PASS_ID:
        case DROPPED_ARGUMENT:
          break;
        case IS_SERIALIZED:
          emit(sep);
          sep = ", ";
          print(c, depth + 1);
          break;
        default:
          if (c.size() > 0) {
            emit(sep);
            emit(paramPrefix);
            sep = ", ";
            print(c, depth + 1);
          }
          break;
      }
    }
    emit("> of ");
  }

  private static boolean needSpaceBeforeType(SwiftNode type) {
    switch (type.kind) {
      case TYPE:
        return needSpaceBeforeType(ch(type, 0));
      case FUNCTION_TYPE:
      case NO_ESCAPE_FUNCTION_TYPE:
      case UNCURRIED_FUNCTION_TYPE:
      case DEPENDENT_GENERIC_TYPE:
        return false;
      default:
        return true;
    }
  }

  private void prefixed(String prefix, SwiftNode n, int depth) {
    emit(prefix);
    print(ch(n, 0), depth + 1);
  }

  private SwiftNode print(SwiftNode n, int depth, boolean asPrefixContext) {
    if (depth > MAX_DEPTH || ++steps > MAX_STEPS || n == null) {
      fail();
    }
    switch (n.kind) {
      case STATIC: prefixed("static ", n, depth); return null;
      case CURRY_THUNK: prefixed("curry thunk of ", n, depth); return null;
      case SIL_THUNK_IDENTITY: prefixed("identity thunk of ", n, depth); return null;
      case DISPATCH_THUNK: prefixed("dispatch thunk of ", n, depth); return null;
      case METHOD_DESCRIPTOR: prefixed("method descriptor for ", n, depth); return null;
      case METHOD_LOOKUP_FUNCTION: prefixed("method lookup function for ", n, depth); return null;
      case OBJC_METADATA_UPDATE_FUNCTION:
        prefixed("ObjC metadata update function for ", n, depth);
        return null;
      case OBJC_RESILIENT_CLASS_STUB:
        prefixed("ObjC resilient class stub for ", n, depth);
        return null;
      case FULL_OBJC_RESILIENT_CLASS_STUB:
        prefixed("full ObjC resilient class stub for ", n, depth);
        return null;
      case OUTLINED_BRIDGED_METHOD:
        emit("outlined bridged method (");
        emit(n.text());
        emit(") of ");
        return null;
      case OUTLINED_COPY:
      case OUTLINED_CONSUME:
        emit(n.is(Kind.OUTLINED_COPY) ? "outlined copy of " : "outlined consume of ");
        print(ch(n, 0), depth + 1);
        if (n.size() > 1) {
          print(ch(n, 1), depth + 1);
        }
        return null;
      case OUTLINED_RETAIN: prefixed("outlined retain of ", n, depth); return null;
      case OUTLINED_RELEASE: prefixed("outlined release of ", n, depth); return null;
      case OUTLINED_INITIALIZE_WITH_TAKE:
        prefixed("outlined init with take of ", n, depth);
        return null;
      case OUTLINED_INITIALIZE_WITH_COPY:
        prefixed("outlined init with copy of ", n, depth);
        return null;
      case OUTLINED_ASSIGN_WITH_TAKE:
        prefixed("outlined assign with take of ", n, depth);
        return null;
      case OUTLINED_ASSIGN_WITH_COPY:
        prefixed("outlined assign with copy of ", n, depth);
        return null;
      case OUTLINED_DESTROY: prefixed("outlined destroy of ", n, depth); return null;
      case OUTLINED_ENUM_PROJECT_DATA_FOR_LOAD:
        prefixed("outlined enum project data for load of ", n, depth);
        return null;
      case OUTLINED_ENUM_TAG_STORE: prefixed("outlined enum tag store of ", n, depth); return null;
      case OUTLINED_ENUM_GET_TAG: prefixed("outlined enum get tag of ", n, depth); return null;
      case OUTLINED_VARIABLE:
        emit("outlined variable #");
        emit(n.index());
        emit(" of ");
        return null;
      case OUTLINED_READ_ONLY_OBJECT:
        emit("outlined read-only object #");
        emit(n.index());
        emit(" of ");
        return null;
      case DIRECTNESS:
        emit(n.index() == 0 ? "direct " : "indirect ");
        return null;
      case ANONYMOUS_CONTEXT:
        fail();
        return null;
      case EXTENSION:
        if (n.size() != 2 && n.size() != 3) {
          fail();
        }
        if (displayExtensionContexts) {
          emit("(extension in ");
          print(ch(n, 0), depth + 1, true);
          emit("):");
        }
        print(ch(n, 1), depth + 1);
        if (n.size() == 3) {
          print(ch(n, 2), depth + 1);
        }
        return null;
      case VARIABLE:
        return printEntity(n, depth, asPrefixContext, TypePrinting.WITH_COLON, true, "", -1, "");
      case FUNCTION:
        return printEntity(
            n, depth, asPrefixContext, TypePrinting.FUNCTION_STYLE, true, "", -1, "");
      case SUBSCRIPT:
        return printEntity(n, depth, asPrefixContext, TypePrinting.FUNCTION_STYLE, false, "", -1,
            "subscript");
      case EXPLICIT_CLOSURE:
      case IMPLICIT_CLOSURE:
        return printEntity(n, depth, asPrefixContext,
            showFunctionArgumentTypes ? TypePrinting.FUNCTION_STYLE : TypePrinting.NO_TYPE,
            false, n.is(Kind.EXPLICIT_CLOSURE) ? "closure #" : "implicit closure #",
            (int) ch(n, 1).index() + 1, "");
      case GLOBAL:
        printChildren(n, depth, null);
        return null;
      case SUFFIX:
        if (displayUnmangledSuffix) {
          emit(" with unmangled suffix ");
          quoted(n.text());
        }
        return null;
      case INITIALIZER:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            "variable initialization expression", -1, "");
      case PROPERTY_WRAPPER_BACKING_INITIALIZER:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            "property wrapper backing initializer", -1, "");
      case PROPERTY_WRAPPED_FIELD_INIT_ACCESSOR:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            "property wrapped field init accessor", -1, "");
      case PROPERTY_WRAPPER_INIT_FROM_PROJECTED_VALUE:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            "property wrapper init from projected value", -1, "");
      case DEFAULT_ARGUMENT_INITIALIZER:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            "default argument ", (int) ch(n, 1).index(), "");
      case TYPE:
        print(ch(n, 0), depth + 1);
        return null;
      case TYPE_MANGLING:
        if (ch(n, 0).is(Kind.LABEL_LIST)) {
          printFunctionType(ch(n, 0), ch(ch(n, 1), 0), depth);
        } else {
          print(ch(n, 0), depth + 1);
        }
        return null;
      case CLASS:
      case STRUCTURE:
      case ENUM:
      case PROTOCOL:
      case TYPE_ALIAS:
      case OTHER_NOMINAL_TYPE:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, true, "", -1, "");
      case LOCAL_DECL_NAME:
        print(ch(n, 1), depth + 1);
        emit(" #");
        emit(ch(n, 0).index() + 1);
        return null;
      case PRIVATE_DECL_NAME:
        if (n.size() > 1) {
          if (showPrivateDiscriminators) {
            emit('(');
          }
          print(ch(n, 1), depth + 1);
          if (showPrivateDiscriminators) {
            emit(" in ");
            emit(ch(n, 0).text());
            emit(')');
          }
        } else if (showPrivateDiscriminators) {
          emit("(in ");
          emit(ch(n, 0).text());
          emit(')');
        }
        return null;
      case RELATED_ENTITY_DECL_NAME:
        emit("related decl '");
        emit(ch(n, 0).text());
        emit("' for ");
        print(ch(n, 1), depth + 1);
        return null;
      case MODULE:
        if (displayModuleNames) {
          emit(n.text());
        }
        return null;
      case IDENTIFIER:
        emit(n.text());
        return null;
      case INDEX:
      case NUMBER:
      case SPECIALIZATION_PASS_ID:
        emit(n.index());
        return null;
      case UNKNOWN_INDEX:
        emit("unknown index");
        return null;
      case FUNCTION_TYPE:
      case UNCURRIED_FUNCTION_TYPE:
      case NO_ESCAPE_FUNCTION_TYPE:
      case AUTO_CLOSURE_TYPE:
      case ESCAPING_AUTO_CLOSURE_TYPE:
      case THIN_FUNCTION_TYPE:
      case C_FUNCTION_POINTER:
      case OBJC_BLOCK:
      case ESCAPING_OBJC_BLOCK:
        printFunctionType(null, n, depth);
        return null;
      case ARGUMENT_TUPLE:
        printFunctionParameters(null, n, depth, showFunctionArgumentTypes);
        return null;
      case TUPLE:
        emit('(');
        printChildren(n, depth, ", ");
        emit(')');
        return null;
      case TUPLE_ELEMENT: {
        SwiftNode label = n.childOf(Kind.TUPLE_ELEMENT_NAME);
        if (label != null) {
          emit(label.text());
          emit(": ");
        }
        SwiftNode type = n.childOf(Kind.TYPE);
        if (type == null) {
          fail();
        }
        print(type, depth + 1);
        if (n.childOf(Kind.VARIADIC_MARKER) != null) {
          emit("...");
        }
        return null;
      }
      case TUPLE_ELEMENT_NAME:
        emit(n.text());
        emit(": ");
        return null;
      case RETURN_TYPE:
        if (n.size() == 0) {
          emit(n.text());
        } else {
          printChildren(n, depth, null);
        }
        return null;
      case WEAK: prefixed("weak ", n, depth); return null;
      case UNOWNED: prefixed("unowned ", n, depth); return null;
      case UNMANAGED: prefixed("unowned(unsafe) ", n, depth); return null;
      case IN_OUT: prefixed("inout ", n, depth); return null;
      case ISOLATED: prefixed("isolated ", n, depth); return null;
      case SENDING: prefixed("sending ", n, depth); return null;
      case COMPILE_TIME_LITERAL: prefixed("_const ", n, depth); return null;
      case CONST_VALUE: prefixed("@const ", n, depth); return null;
      case SHARED: prefixed("__shared ", n, depth); return null;
      case OWNED: prefixed("__owned ", n, depth); return null;
      case NO_DERIVATIVE: prefixed("@noDerivative ", n, depth); return null;
      case NON_OBJC_ATTRIBUTE: emit("@nonobjc "); return null;
      case OBJC_ATTRIBUTE: emit("@objc "); return null;
      case DIRECT_METHOD_REFERENCE_ATTRIBUTE: emit("super "); return null;
      case DYNAMIC_ATTRIBUTE: emit("dynamic "); return null;
      case FUNCTION_SIGNATURE_SPECIALIZATION:
        printSpecializationPrefix(n, "function signature specialization", depth, "");
        return null;
      case GENERIC_PARTIAL_SPECIALIZATION:
        printSpecializationPrefix(n, "generic partial specialization", depth, "Signature = ");
        return null;
      case GENERIC_PARTIAL_SPECIALIZATION_NOT_RE_ABSTRACTED:
        printSpecializationPrefix(n, "generic not-reabstracted partial specialization", depth,
            "Signature = ");
        return null;
      case GENERIC_SPECIALIZATION:
      case GENERIC_SPECIALIZATION_IN_RESILIENCE_DOMAIN:
        printSpecializationPrefix(n, "generic specialization", depth, "");
        return null;
      case GENERIC_SPECIALIZATION_PRESPECIALIZED:
        printSpecializationPrefix(n, "generic pre-specialization", depth, "");
        return null;
      case GENERIC_SPECIALIZATION_NOT_RE_ABSTRACTED:
        printSpecializationPrefix(n, "generic not re-abstracted specialization", depth, "");
        return null;
      case INLINED_GENERIC_FUNCTION:
        printSpecializationPrefix(n, "inlined generic function", depth, "");
        return null;
      case IS_SERIALIZED:
        emit("serialized");
        return null;
      case DROPPED_ARGUMENT:
        emit("param");
        emit(n.index());
        emit("-removed");
        return null;
      case GENERIC_SPECIALIZATION_PARAM:
        print(ch(n, 0), depth + 1);
        for (int i = 1; i < n.size(); i++) {
          emit(i == 1 ? " with " : " and ");
          print(ch(n, i), depth + 1);
        }
        return null;
      case BUILTIN_TYPE_NAME:
        emit(n.text());
        return null;
      case BUILTIN_TUPLE_TYPE:
        emit("Builtin.TheTupleType");
        return null;
      case INFIX_OPERATOR:
        emit(n.text());
        emit(" infix");
        return null;
      case PREFIX_OPERATOR:
        emit(n.text());
        emit(" prefix");
        return null;
      case POSTFIX_OPERATOR:
        emit(n.text());
        emit(" postfix");
        return null;
      case PROTOCOL_SELF_CONFORMANCE_WITNESS_TABLE:
        prefixed("protocol self-conformance witness table for ", n, depth);
        return null;
      case PROTOCOL_WITNESS_TABLE_ACCESSOR:
        prefixed("protocol witness table accessor for ", n, depth);
        return null;
      case PROTOCOL_WITNESS_TABLE:
        prefixed("protocol witness table for ", n, depth);
        return null;
      case PROTOCOL_WITNESS_TABLE_PATTERN:
        prefixed("protocol witness table pattern for ", n, depth);
        return null;
      case GENERIC_PROTOCOL_WITNESS_TABLE:
        prefixed("generic protocol witness table for ", n, depth);
        return null;
      case GENERIC_PROTOCOL_WITNESS_TABLE_INSTANTIATION_FUNCTION:
        prefixed("instantiation function for generic protocol witness table for ", n, depth);
        return null;
      case RESILIENT_PROTOCOL_WITNESS_TABLE:
        prefixed("resilient protocol witness table for ", n, depth);
        return null;
      case VTABLE_THUNK:
        emit("vtable thunk for ");
        print(ch(n, 1), depth + 1);
        emit(" dispatching to ");
        print(ch(n, 0), depth + 1);
        return null;
      case PROTOCOL_SELF_CONFORMANCE_WITNESS:
        prefixed("protocol self-conformance witness for ", n, depth);
        return null;
      case PROTOCOL_WITNESS:
        emit("protocol witness for ");
        print(ch(n, 1), depth + 1);
        emit(" in conformance ");
        print(ch(n, 0), depth + 1);
        return null;
      case PARTIAL_APPLY_FORWARDER:
      case PARTIAL_APPLY_OBJC_FORWARDER:
        if (shortenPartialApply) {
          emit("partial apply");
        } else {
          emit(n.is(Kind.PARTIAL_APPLY_FORWARDER)
              ? "partial apply forwarder" : "partial apply ObjC forwarder");
        }
        if (n.size() > 0) {
          emit(" for ");
          printChildren(n, depth, null);
        }
        return null;
      case FIELD_OFFSET:
        print(ch(n, 0), depth + 1);
        emit("field offset for ");
        print(ch(n, 1), depth + 1, false);
        return null;
      case ENUM_CASE:
        emit("enum case for ");
        print(ch(n, 0), depth + 1, false);
        return null;
      case REABSTRACTION_THUNK:
      case REABSTRACTION_THUNK_HELPER: {
        if (shortenThunk) {
          emit("thunk for ");
          print(ch(n, n.size() - 1), depth + 1);
          return null;
        }
        emit("reabstraction thunk ");
        if (n.is(Kind.REABSTRACTION_THUNK_HELPER)) {
          emit("helper ");
        }
        int idx = 0;
        if (n.size() == 3) {
          idx = 1;
          print(ch(n, 0), depth + 1);
          emit(' ');
        }
        emit("from ");
        print(ch(n, idx + 1), depth + 1);
        emit(" to ");
        print(ch(n, idx), depth + 1);
        return null;
      }
      case REABSTRACTION_THUNK_HELPER_WITH_SELF: {
        emit("reabstraction thunk ");
        int idx = 0;
        if (n.size() == 4) {
          idx = 1;
          print(ch(n, 0), depth + 1);
          emit(' ');
        }
        emit("from ");
        print(ch(n, idx + 2), depth + 1);
        emit(" to ");
        print(ch(n, idx + 1), depth + 1);
        emit(" self ");
        print(ch(n, idx), depth + 1);
        return null;
      }
      case MERGED_FUNCTION:
        if (!shortenThunk) {
          emit("merged ");
        }
        return null;
      case DISTRIBUTED_THUNK:
        if (!shortenThunk) {
          emit("distributed thunk ");
        }
        return null;
      case DISTRIBUTED_ACCESSOR:
        if (!shortenThunk) {
          emit("distributed accessor for ");
        }
        return null;
      case DYNAMICALLY_REPLACEABLE_FUNCTION_KEY:
        if (!shortenThunk) {
          emit("dynamically replaceable key for ");
        }
        return null;
      case DYNAMICALLY_REPLACEABLE_FUNCTION_IMPL:
        if (!shortenThunk) {
          emit("dynamically replaceable thunk for ");
        }
        return null;
      case DYNAMICALLY_REPLACEABLE_FUNCTION_VAR:
        if (!shortenThunk) {
          emit("dynamically replaceable variable for ");
        }
        return null;
      case BACK_DEPLOYMENT_THUNK:
        if (!shortenThunk) {
          emit("back deployment thunk for ");
        }
        return null;
      case BACK_DEPLOYMENT_FALLBACK:
        emit("back deployment fallback for ");
        return null;
      case GENERIC_TYPE_METADATA_PATTERN:
        prefixed("generic type metadata pattern for ", n, depth);
        return null;
      case METACLASS: prefixed("metaclass for ", n, depth); return null;
      case PROTOCOL_SELF_CONFORMANCE_DESCRIPTOR:
        prefixed("protocol self-conformance descriptor for ", n, depth);
        return null;
      case PROTOCOL_CONFORMANCE_DESCRIPTOR:
        prefixed("protocol conformance descriptor for ", n, depth);
        return null;
      case PROTOCOL_DESCRIPTOR: prefixed("protocol descriptor for ", n, depth); return null;
      case PROTOCOL_REQUIREMENTS_BASE_DESCRIPTOR:
        prefixed("protocol requirements base descriptor for ", n, depth);
        return null;
      case FULL_TYPE_METADATA: prefixed("full type metadata for ", n, depth); return null;
      case TYPE_METADATA: prefixed("type metadata for ", n, depth); return null;
      case TYPE_METADATA_ACCESS_FUNCTION:
        prefixed("type metadata accessor for ", n, depth);
        return null;
      case TYPE_METADATA_INSTANTIATION_CACHE:
        prefixed("type metadata instantiation cache for ", n, depth);
        return null;
      case TYPE_METADATA_INSTANTIATION_FUNCTION:
        prefixed("type metadata instantiation function for ", n, depth);
        return null;
      case TYPE_METADATA_SINGLETON_INITIALIZATION_CACHE:
        prefixed("type metadata singleton initialization cache for ", n, depth);
        return null;
      case TYPE_METADATA_COMPLETION_FUNCTION:
        prefixed("type metadata completion function for ", n, depth);
        return null;
      case TYPE_METADATA_DEMANGLING_CACHE:
        prefixed("demangling cache variable for type metadata for ", n, depth);
        return null;
      case TYPE_METADATA_LAZY_CACHE:
        prefixed("lazy cache variable for type metadata for ", n, depth);
        return null;
      case ASSOCIATED_CONFORMANCE_DESCRIPTOR:
      case DEFAULT_ASSOCIATED_CONFORMANCE_ACCESSOR:
        emit(n.is(Kind.ASSOCIATED_CONFORMANCE_DESCRIPTOR)
            ? "associated conformance descriptor for "
            : "default associated conformance accessor for ");
        print(ch(n, 0), depth + 1);
        emit('.');
        print(ch(n, 1), depth + 1);
        emit(": ");
        print(ch(n, 2), depth + 1);
        return null;
      case ASSOCIATED_TYPE_DESCRIPTOR:
        prefixed("associated type descriptor for ", n, depth);
        return null;
      case ASSOCIATED_TYPE_METADATA_ACCESSOR:
        emit("associated type metadata accessor for ");
        print(ch(n, 1), depth + 1);
        emit(" in ");
        print(ch(n, 0), depth + 1);
        return null;
      case BASE_CONFORMANCE_DESCRIPTOR:
        emit("base conformance descriptor for ");
        print(ch(n, 0), depth + 1);
        emit(": ");
        print(ch(n, 1), depth + 1);
        return null;
      case DEFAULT_ASSOCIATED_TYPE_METADATA_ACCESSOR:
        prefixed("default associated type metadata accessor for ", n, depth);
        return null;
      case ASSOCIATED_TYPE_WITNESS_TABLE_ACCESSOR:
        emit("associated type witness table accessor for ");
        print(ch(n, 1), depth + 1);
        emit(" : ");
        print(ch(n, 2), depth + 1);
        emit(" in ");
        print(ch(n, 0), depth + 1);
        return null;
      case BASE_WITNESS_TABLE_ACCESSOR:
        emit("base witness table accessor for ");
        print(ch(n, 1), depth + 1);
        emit(" in ");
        print(ch(n, 0), depth + 1);
        return null;
      case CLASS_METADATA_BASE_OFFSET:
        prefixed("class metadata base offset for ", n, depth);
        return null;
      case PROPERTY_DESCRIPTOR: prefixed("property descriptor for ", n, depth); return null;
      case NOMINAL_TYPE_DESCRIPTOR: prefixed("nominal type descriptor for ", n, depth); return null;
      case COROUTINE_CONTINUATION_PROTOTYPE:
        prefixed("coroutine continuation prototype for ", n, depth);
        return null;
      case VALUE_WITNESS_TABLE: prefixed("value witness table for ", n, depth); return null;
      case BOUND_GENERIC_CLASS:
      case BOUND_GENERIC_STRUCTURE:
      case BOUND_GENERIC_ENUM:
      case BOUND_GENERIC_PROTOCOL:
      case BOUND_GENERIC_OTHER_NOMINAL_TYPE:
      case BOUND_GENERIC_TYPE_ALIAS:
        printBoundGeneric(n, depth);
        return null;
      case DYNAMIC_SELF:
      case CONSTRAINED_EXISTENTIAL_SELF:
        emit("Self");
        return null;
      case SIL_BOX_TYPE: prefixed("@box ", n, depth); return null;
      case METATYPE: {
        int idx = 0;
        if (n.size() == 2) {
          print(ch(n, 0), depth + 1);
          emit(' ');
          idx = 1;
        }
        SwiftNode type = ch(ch(n, idx), 0);
        printWithParens(type, depth);
        emit(isExistentialType(type) ? ".Protocol" : ".Type");
        return null;
      }
      case EXISTENTIAL_METATYPE: {
        int idx = 0;
        if (n.size() == 2) {
          print(ch(n, 0), depth + 1);
          emit(' ');
          idx = 1;
        }
        print(ch(n, idx), depth + 1);
        emit(".Type");
        return null;
      }
      case METATYPE_REPRESENTATION:
        emit(n.text());
        return null;
      case ASSOCIATED_TYPE_REF:
        print(ch(n, 0), depth + 1);
        emit('.');
        emit(ch(n, 1).text());
        return null;
      case PROTOCOL_LIST: {
        SwiftNode list = ch(n, 0);
        if (list.size() == 0) {
          emit("Any");
        } else {
          printChildren(list, depth, " & ");
        }
        return null;
      }
      case PROTOCOL_LIST_WITH_CLASS: {
        if (n.size() < 2) {
          return null;
        }
        print(ch(n, 1), depth + 1);
        emit(" & ");
        SwiftNode protocols = ch(n, 0);
        if (protocols.size() < 1) {
          return null;
        }
        printChildren(ch(protocols, 0), depth, " & ");
        return null;
      }
      case PROTOCOL_LIST_WITH_ANY_OBJECT: {
        if (n.size() < 1) {
          return null;
        }
        SwiftNode protocols = ch(n, 0);
        if (protocols.size() < 1) {
          return null;
        }
        SwiftNode list = ch(protocols, 0);
        if (list.size() > 0) {
          printChildren(list, depth, " & ");
          emit(" & ");
        }
        emit("Swift.AnyObject");
        return null;
      }
      case OWNING_ADDRESSOR: return printAbstractStorage(n, depth, asPrefixContext, "owningAddressor");
      case OWNING_MUTABLE_ADDRESSOR:
        return printAbstractStorage(n, depth, asPrefixContext, "owningMutableAddressor");
      case NATIVE_OWNING_ADDRESSOR:
        return printAbstractStorage(n, depth, asPrefixContext, "nativeOwningAddressor");
      case NATIVE_OWNING_MUTABLE_ADDRESSOR:
        return printAbstractStorage(n, depth, asPrefixContext, "nativeOwningMutableAddressor");
      case NATIVE_PINNING_ADDRESSOR:
        return printAbstractStorage(n, depth, asPrefixContext, "nativePinningAddressor");
      case NATIVE_PINNING_MUTABLE_ADDRESSOR:
        return printAbstractStorage(n, depth, asPrefixContext, "nativePinningMutableAddressor");
      case UNSAFE_ADDRESSOR: return printAbstractStorage(n, depth, asPrefixContext, "unsafeAddressor");
      case UNSAFE_MUTABLE_ADDRESSOR:
        return printAbstractStorage(n, depth, asPrefixContext, "unsafeMutableAddressor");
      case GLOBAL_GETTER:
      case GETTER:
        return printAbstractStorage(n, depth, asPrefixContext, "getter");
      case SETTER: return printAbstractStorage(n, depth, asPrefixContext, "setter");
      case MATERIALIZE_FOR_SET:
        return printAbstractStorage(n, depth, asPrefixContext, "materializeForSet");
      case WILL_SET: return printAbstractStorage(n, depth, asPrefixContext, "willset");
      case DID_SET: return printAbstractStorage(n, depth, asPrefixContext, "didset");
      case READ_ACCESSOR: return printAbstractStorage(n, depth, asPrefixContext, "read");
      case READ2_ACCESSOR: return printAbstractStorage(n, depth, asPrefixContext, "read2");
      case MODIFY_ACCESSOR: return printAbstractStorage(n, depth, asPrefixContext, "modify");
      case MODIFY2_ACCESSOR: return printAbstractStorage(n, depth, asPrefixContext, "modify2");
      case INIT_ACCESSOR: return printAbstractStorage(n, depth, asPrefixContext, "init");
      case BORROW_ACCESSOR: return printAbstractStorage(n, depth, asPrefixContext, "borrow");
      case MUTATE_ACCESSOR: return printAbstractStorage(n, depth, asPrefixContext, "mutate");
      case ALLOCATOR:
        return printEntity(n, depth, asPrefixContext, TypePrinting.FUNCTION_STYLE, false,
            ch(n, 0).is(Kind.CLASS) ? "__allocating_init" : "init", -1, "");
      case CONSTRUCTOR:
        return printEntity(n, depth, asPrefixContext, TypePrinting.FUNCTION_STYLE,
            n.size() > 2, "init", -1, "");
      case DESTRUCTOR:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false, "deinit", -1,
            "");
      case DEALLOCATOR:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            ch(n, 0).is(Kind.CLASS) ? "__deallocating_deinit" : "deinit", -1, "");
      case ISOLATED_DEALLOCATOR:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            ch(n, 0).is(Kind.CLASS) ? "__isolated_deallocating_deinit" : "deinit", -1, "");
      case IVAR_INITIALIZER:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            "__ivar_initializer", -1, "");
      case IVAR_DESTROYER:
        return printEntity(n, depth, asPrefixContext, TypePrinting.NO_TYPE, false,
            "__ivar_destroyer", -1, "");
      case PROTOCOL_CONFORMANCE:
        if (n.size() == 4) {
          emit("property behavior storage of ");
          print(ch(n, 2), depth + 1);
          emit(" in ");
          print(ch(n, 0), depth + 1);
          emit(" : ");
          print(ch(n, 1), depth + 1);
        } else {
          print(ch(n, 0), depth + 1);
          if (displayProtocolConformances) {
            emit(" : ");
            print(ch(n, 1), depth + 1);
            emit(" in ");
            print(ch(n, 2), depth + 1);
          }
        }
        return null;
      case TYPE_LIST:
        printChildren(n, depth, null);
        return null;
      case LABEL_LIST:
        return null;
      case ERROR_TYPE:
        emit("<ERROR TYPE>");
        return null;
      case DEPENDENT_GENERIC_SIGNATURE:
        printGenericSignature(n, depth);
        return null;
      case DEPENDENT_GENERIC_CONFORMANCE_REQUIREMENT:
        print(ch(n, 0), depth + 1);
        emit(": ");
        print(ch(n, 1), depth + 1);
        return null;
      case DEPENDENT_GENERIC_INVERSE_CONFORMANCE_REQUIREMENT: {
        print(ch(n, 0), depth + 1);
        emit(": ~");
        long bit = ch(n, 1).index();
        if (bit == 0) {
          emit("Swift.Copyable");
        } else if (bit == 1) {
          emit("Swift.Escapable");
        } else {
          fail();
        }
        return null;
      }
      case DEPENDENT_GENERIC_LAYOUT_REQUIREMENT: {
        print(ch(n, 0), depth + 1);
        emit(": ");
        SwiftNode layout = ch(n, 1);
        String name;
        switch (layout.text()) {
          case "U": name = "_UnknownLayout"; break;
          case "R": name = "_RefCountedObject"; break;
          case "N": name = "_NativeRefCountedObject"; break;
          case "C": name = "AnyObject"; break;
          case "D": name = "_NativeClass"; break;
          case "T": case "E": case "e": name = "_Trivial"; break;
          case "M": case "m": name = "_TrivialAtMost"; break;
          default: fail(); return null;
        }
        emit(name);
        if (n.size() > 2) {
          emit('(');
          print(ch(n, 2), depth + 1);
          if (n.size() > 3) {
            emit(", ");
            print(ch(n, 3), depth + 1);
          }
          emit(')');
        }
        return null;
      }
      case DEPENDENT_GENERIC_SAME_TYPE_REQUIREMENT:
        print(ch(n, 0), depth + 1);
        emit(" == ");
        print(ch(n, 1), depth + 1);
        return null;
      case DEPENDENT_GENERIC_SAME_SHAPE_REQUIREMENT:
        print(ch(n, 0), depth + 1);
        emit(".shape == ");
        print(ch(n, 1), depth + 1);
        emit(".shape");
        return null;
      case DEPENDENT_GENERIC_PARAM_TYPE:
        emit(genericParameterName(ch(n, 0).index(), ch(n, 1).index()));
        return null;
      case DEPENDENT_GENERIC_TYPE: {
        SwiftNode depTy = ch(n, 1);
        print(ch(n, 0), depth + 1);
        if (needSpaceBeforeType(depTy)) {
          emit(' ');
        }
        print(depTy, depth + 1);
        return null;
      }
      case DEPENDENT_MEMBER_TYPE:
        print(ch(n, 0), depth + 1);
        emit('.');
        print(ch(n, 1), depth + 1);
        return null;
      case DEPENDENT_ASSOCIATED_TYPE_REF:
        if (n.size() > 1) {
          print(ch(n, 1), depth + 1);
          emit('.');
        }
        print(ch(n, 0), depth + 1);
        return null;
      case CONCURRENT_FUNCTION_TYPE:
        emit("@Sendable ");
        return null;
      case DIFFERENTIABLE_FUNCTION_TYPE:
        emit("@differentiable");
        switch ((char) n.index()) {
          case 'f': emit("(_forward)"); break;
          case 'r': emit("(reverse)"); break;
          case 'l': emit("(_linear)"); break;
          default: break;
        }
        emit(' ');
        return null;
      case GLOBAL_ACTOR_FUNCTION_TYPE:
        if (n.size() > 0) {
          emit('@');
          print(ch(n, 0), depth + 1);
          emit(' ');
        }
        return null;
      case ISOLATED_ANY_FUNCTION_TYPE:
        emit("@isolated(any) ");
        return null;
      case NON_ISOLATED_CALLER_FUNCTION_TYPE:
        emit("nonisolated(nonsending) ");
        return null;
      case SENDING_RESULT_FUNCTION_TYPE:
        emit("sending ");
        return null;
      case ASYNC_ANNOTATION:
        emit(" async");
        return null;
      case THROWS_ANNOTATION:
        emit(" throws");
        return null;
      case TYPED_THROWS_ANNOTATION:
        emit(" throws(");
        if (n.size() == 1) {
          print(ch(n, 0), depth + 1);
        }
        emit(')');
        return null;
      case ASSOC_TYPE_PATH:
        printChildren(n, depth, ".");
        return null;
      case SUGARED_OPTIONAL:
        printWithParens(ch(n, 0), depth);
        emit('?');
        return null;
      case SUGARED_ARRAY:
        emit('[');
        print(ch(n, 0), depth + 1);
        emit(']');
        return null;
      case SUGARED_INLINE_ARRAY:
        emit('[');
        print(ch(n, 0), depth + 1);
        emit(" of ");
        print(ch(n, 1), depth + 1);
        emit(']');
        return null;
      case SUGARED_DICTIONARY:
        emit('[');
        print(ch(n, 0), depth + 1);
        emit(" : ");
        print(ch(n, 1), depth + 1);
        emit(']');
        return null;
      case SUGARED_PAREN:
        emit('(');
        print(ch(n, 0), depth + 1);
        emit(')');
        return null;
      case OPAQUE_RETURN_TYPE:
        emit("some");
        return null;
      case OPAQUE_RETURN_TYPE_INDEX:
        return null;
      case GLOBAL_VARIABLE_ONCE_TOKEN:
      case GLOBAL_VARIABLE_ONCE_FUNCTION:
        emit(n.is(Kind.GLOBAL_VARIABLE_ONCE_TOKEN)
            ? "one-time initialization token for "
            : "one-time initialization function for ");
        print(ch(n, 1), depth + 1);
        return null;
      case GLOBAL_VARIABLE_ONCE_DECL_LIST:
        if (n.size() == 1) {
          print(ch(n, 0), depth + 1);
        } else {
          emit('(');
          printChildren(n, depth, ", ");
          emit(')');
        }
        return null;
      case ASYNC_FUNCTION_POINTER:
        emit("async function pointer to ");
        return null;
      case ASYNC_AWAIT_RESUME_PARTIAL_FUNCTION:
      case ASYNC_SUSPEND_RESUME_PARTIAL_FUNCTION:
        if (showAsyncResumePartial) {
          emit('(');
          print(ch(n, 0), depth + 1);
          emit(')');
          emit(n.is(Kind.ASYNC_AWAIT_RESUME_PARTIAL_FUNCTION)
              ? " await resume partial function for "
              : " suspend resume partial function for ");
        }
        return null;
      case HAS_SYMBOL_QUERY:
        emit("#_hasSymbol query for ");
        return null;
      case CORO_FUNCTION_POINTER:
        emit("coro function pointer to ");
        return null;
      case DEFAULT_OVERRIDE:
        emit("default override of ");
        return null;
      default:
        // Markers, specialization parameter details and anything else not ported.
        fail();
        return null;
    }
  }

  private void quoted(String s) {
    emit('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\': emit("\\\\"); break;
        case '\t': emit("\\t"); break;
        case '\n': emit("\\n"); break;
        case '\r': emit("\\r"); break;
        case '"': emit("\\\""); break;
        case 0: emit("\\0"); break;
        default:
          if (c < 0x20 || c >= 0x7f) {
            fail();
          }
          emit(c);
      }
    }
    emit('"');
  }

  private SwiftNode printAbstractStorage(SwiftNode accessor, int depth, boolean asPrefix,
      String extraName) {
    SwiftNode storage = ch(accessor, 0);
    switch (storage.kind) {
      case VARIABLE:
        return printEntity(storage, depth, asPrefix, TypePrinting.WITH_COLON, true, extraName, -1,
            "");
      case SUBSCRIPT:
        return printEntity(storage, depth, asPrefix, TypePrinting.WITH_COLON, false, extraName,
            -1, "subscript");
      default:
        fail();
        return null;
    }
  }

  private SwiftNode printEntity(SwiftNode entity, int depth, boolean asPrefixContext,
      TypePrinting typePr, boolean hasName, String extraName, int extraIndex,
      String overwriteName) {
    boolean multiWordName = extraName.indexOf(' ') >= 0;
    boolean localName = hasName && ch(entity, 1).is(Kind.LOCAL_DECL_NAME);
    if (localName) {
      multiWordName = true;
    }
    if (asPrefixContext && (typePr != TypePrinting.NO_TYPE || multiWordName)) {
      return entity;
    }
    SwiftNode postfixContext = null;
    SwiftNode context = ch(entity, 0);
    // printContext() is always true here: entities are qualified and every module is shown.
    if (multiWordName) {
      postfixContext = context;
    } else {
      int before = out.length();
      postfixContext = print(context, depth + 1, true);
      if (out.length() != before) {
        emit('.');
      }
    }
    // printFunctionName
    if (hasName || !overwriteName.isEmpty()) {
      if (!extraName.isEmpty() && multiWordName) {
        emit(extraName);
        if (extraIndex >= 0) {
          emit(extraIndex);
        }
        emit(" of ");
        extraName = "";
        extraIndex = -1;
      }
      int before = out.length();
      if (!overwriteName.isEmpty()) {
        emit(overwriteName);
      } else {
        SwiftNode name = ch(entity, 1);
        if (!name.is(Kind.PRIVATE_DECL_NAME)) {
          print(name, depth + 1);
        }
        SwiftNode privateName = entity.childOf(Kind.PRIVATE_DECL_NAME);
        if (privateName != null) {
          print(privateName, depth + 1);
        }
      }
      if (out.length() != before && !extraName.isEmpty()) {
        emit('.');
      }
    }
    if (!extraName.isEmpty()) {
      emit(extraName);
      if (extraIndex >= 0) {
        emit(extraIndex);
      }
    }
    if (typePr != TypePrinting.NO_TYPE) {
      SwiftNode type = entity.childOf(Kind.TYPE);
      if (type == null) {
        fail();
      }
      type = ch(type, 0);
      if (typePr == TypePrinting.FUNCTION_STYLE) {
        SwiftNode t = type;
        while (t.is(Kind.DEPENDENT_GENERIC_TYPE)) {
          t = ch(ch(t, 1), 0);
        }
        if (!t.is(Kind.FUNCTION_TYPE) && !t.is(Kind.NO_ESCAPE_FUNCTION_TYPE)
            && !t.is(Kind.UNCURRIED_FUNCTION_TYPE) && !t.is(Kind.C_FUNCTION_POINTER)
            && !t.is(Kind.THIN_FUNCTION_TYPE)) {
          typePr = TypePrinting.WITH_COLON;
        }
      }
      if (typePr == TypePrinting.WITH_COLON) {
        if (displayEntityTypes) {
          emit(" : ");
          printEntityType(entity, type, depth);
        }
      } else {
        if (multiWordName || needSpaceBeforeType(type)) {
          emit(' ');
        }
        printEntityType(entity, type, depth);
      }
    }
    if (!asPrefixContext && postfixContext != null) {
      if (entity.is(Kind.DEFAULT_ARGUMENT_INITIALIZER) || entity.is(Kind.INITIALIZER)
          || entity.is(Kind.PROPERTY_WRAPPER_BACKING_INITIALIZER)
          || entity.is(Kind.PROPERTY_WRAPPED_FIELD_INIT_ACCESSOR)
          || entity.is(Kind.PROPERTY_WRAPPER_INIT_FROM_PROJECTED_VALUE)) {
        emit(" of ");
      } else {
        emit(" in ");
      }
      print(postfixContext, depth + 1);
      postfixContext = null;
    }
    return postfixContext;
  }

  private void printEntityType(SwiftNode entity, SwiftNode type, int depth) {
    SwiftNode labels = entity.childOf(Kind.LABEL_LIST);
    if (labels != null) {
      if (type.is(Kind.DEPENDENT_GENERIC_TYPE)) {
        print(ch(type, 0), depth + 1);
        SwiftNode dependent = ch(type, 1);
        if (needSpaceBeforeType(dependent)) {
          emit(' ');
        }
        type = ch(dependent, 0);
      }
      printFunctionType(labels, type, depth);
    } else {
      print(type, depth + 1);
    }
  }
}
