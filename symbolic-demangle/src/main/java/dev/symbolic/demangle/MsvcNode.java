package dev.symbolic.demangle;

/**
 * The syntax tree of a demangled MSVC name, and how each node prints.
 *
 * <p>The printing follows llvm-undname 19 byte for byte: types print in two halves ({@link
 * TypeNode#outputPre} before the declarator name, {@link TypeNode#outputPost} after it) so that
 * pointers to functions and arrays come out as {@code int (__cdecl *)(void)} and {@code int
 * (*)[2]}. Nodes are built by {@link MsvcParser}; back-references may share a node between
 * several parents, so the tree is a DAG and printing is bounded by {@link MsvcOutput}.
 */
abstract class MsvcNode {
  // Qualifiers (bit set).
  static final int Q_NONE = 0;
  static final int Q_CONST = 1;
  static final int Q_VOLATILE = 2;
  static final int Q_UNALIGNED = 16;
  static final int Q_RESTRICT = 32;
  static final int Q_POINTER64 = 64;

  // Function classes (bit set).
  static final int FC_PUBLIC = 1;
  static final int FC_PROTECTED = 1 << 1;
  static final int FC_PRIVATE = 1 << 2;
  static final int FC_GLOBAL = 1 << 3;
  static final int FC_STATIC = 1 << 4;
  static final int FC_VIRTUAL = 1 << 5;
  static final int FC_FAR = 1 << 6;
  static final int FC_EXTERN_C = 1 << 7;
  static final int FC_NO_PARAMETER_LIST = 1 << 8;
  static final int FC_VIRTUAL_THIS_ADJUST = 1 << 9;
  static final int FC_VIRTUAL_THIS_ADJUST_EX = 1 << 10;
  static final int FC_STATIC_THIS_ADJUST = 1 << 11;

  // Output flags (bit set).
  static final int OF_DEFAULT = 0;
  static final int OF_NO_CALLING_CONVENTION = 1;
  static final int OF_NO_TAG_SPECIFIER = 2;
  static final int OF_NO_ACCESS_SPECIFIER = 4;
  static final int OF_NO_MEMBER_TYPE = 8;
  static final int OF_NO_RETURN_TYPE = 16;
  static final int OF_NO_VARIABLE_TYPE = 32;

  /** Pointer kinds. */
  enum Affinity { NONE, POINTER, REFERENCE, RVALUE_REFERENCE }

  /** Function reference qualifiers. */
  enum RefQualifier { NONE, REFERENCE, RVALUE_REFERENCE }

  /** Calling conventions, with the spelling llvm-undname prints. */
  enum CallingConv {
    NONE(""),
    CDECL("__cdecl"),
    PASCAL("__pascal"),
    THISCALL("__thiscall"),
    STDCALL("__stdcall"),
    FASTCALL("__fastcall"),
    CLRCALL("__clrcall"),
    EABI("__eabi"),
    VECTORCALL("__vectorcall"),
    SWIFT("__attribute__((__swiftcall__)) "),
    SWIFT_ASYNC("__attribute__((__swiftasynccall__)) ");

    final String text;

    CallingConv(String text) {
      this.text = text;
    }
  }

  /** Storage classes of variables. */
  enum StorageClass {
    NONE(null),
    PRIVATE_STATIC("private"),
    PROTECTED_STATIC("protected"),
    PUBLIC_STATIC("public"),
    GLOBAL(null),
    FUNCTION_LOCAL_STATIC(null);

    final String access;

    StorageClass(String access) {
      this.access = access;
    }
  }

  /** Character kinds of string literals. */
  enum CharKind {
    CHAR("\""),
    CHAR16("u\""),
    CHAR32("U\""),
    WCHAR("L\"");

    final String prefix;

    CharKind(String prefix) {
      this.prefix = prefix;
    }
  }

  abstract void output(MsvcOutput ob, int flags);

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  static void outputQualifiers(MsvcOutput ob, int q, boolean spaceBefore, boolean spaceAfter) {
    if ((q & (Q_CONST | Q_VOLATILE | Q_RESTRICT)) == 0) {
      return;
    }
    boolean space = spaceBefore;
    if ((q & Q_CONST) != 0) {
      if (space) {
        ob.append(' ');
      }
      ob.append("const");
      space = true;
    }
    if ((q & Q_VOLATILE) != 0) {
      if (space) {
        ob.append(' ');
      }
      ob.append("volatile");
      space = true;
    }
    if ((q & Q_RESTRICT) != 0) {
      if (space) {
        ob.append(' ');
      }
      ob.append("__restrict");
    }
    if (spaceAfter) {
      ob.append(' ');
    }
  }

  static void outputCallingConvention(MsvcOutput ob, CallingConv cc) {
    ob.spaceIfNecessary();
    ob.append(cc.text);
  }

  // ---------------------------------------------------------------------------------------------
  // Types.

  /** A type: printed as a prefix and a suffix around the declarator. */
  abstract static class TypeNode extends MsvcNode {
    int quals;

    abstract void outputPre(MsvcOutput ob, int flags);

    abstract void outputPost(MsvcOutput ob, int flags);

    @Override
    void output(MsvcOutput ob, int flags) {
      outputPre(ob, flags);
      outputPost(ob, flags);
    }
  }

  /** A fundamental type such as {@code int} or {@code std::nullptr_t}. */
  static final class PrimitiveType extends TypeNode {
    final String name;

    PrimitiveType(String name) {
      this.name = name;
    }

    @Override
    void outputPre(MsvcOutput ob, int flags) {
      ob.append(name);
      outputQualifiers(ob, quals, true, false);
    }

    @Override
    void outputPost(MsvcOutput ob, int flags) {}
  }

  /** A function type, also the signature of a function symbol. */
  static class FunctionSignature extends TypeNode {
    CallingConv callConvention = CallingConv.NONE;
    int functionClass = FC_GLOBAL;
    RefQualifier refQualifier = RefQualifier.NONE;
    TypeNode returnType;
    boolean isVariadic;
    NodeArray params;
    boolean isNoexcept;

    void copyFrom(FunctionSignature o) {
      quals = o.quals;
      callConvention = o.callConvention;
      functionClass = o.functionClass;
      refQualifier = o.refQualifier;
      returnType = o.returnType;
      isVariadic = o.isVariadic;
      params = o.params;
      isNoexcept = o.isNoexcept;
    }

    /** Access, storage and return type: everything before the calling convention. */
    final void outputPreSignature(MsvcOutput ob, int flags) {
      if ((flags & OF_NO_ACCESS_SPECIFIER) == 0) {
        if ((functionClass & FC_PUBLIC) != 0) {
          ob.append("public: ");
        }
        if ((functionClass & FC_PROTECTED) != 0) {
          ob.append("protected: ");
        }
        if ((functionClass & FC_PRIVATE) != 0) {
          ob.append("private: ");
        }
      }
      if ((flags & OF_NO_MEMBER_TYPE) == 0) {
        if ((functionClass & FC_GLOBAL) == 0 && (functionClass & FC_STATIC) != 0) {
          ob.append("static ");
        }
        if ((functionClass & FC_VIRTUAL) != 0) {
          ob.append("virtual ");
        }
        if ((functionClass & FC_EXTERN_C) != 0) {
          ob.append("extern \"C\" ");
        }
      }
      if ((flags & OF_NO_RETURN_TYPE) == 0 && returnType != null) {
        ob.enter();
        returnType.outputPre(ob, flags);
        ob.exit();
        ob.append(' ');
      }
    }

    @Override
    void outputPre(MsvcOutput ob, int flags) {
      outputPreSignature(ob, flags);
      if ((flags & OF_NO_CALLING_CONVENTION) == 0) {
        outputCallingConvention(ob, callConvention);
      }
    }

    @Override
    void outputPost(MsvcOutput ob, int flags) {
      if ((functionClass & FC_NO_PARAMETER_LIST) == 0) {
        ob.append('(');
        if (params != null) {
          params.output(ob, flags);
        } else {
          ob.append("void");
        }
        if (isVariadic) {
          if (ob.last() != '(') {
            ob.append(", ");
          }
          ob.append("...");
        }
        ob.append(')');
      }
      if ((quals & Q_CONST) != 0) {
        ob.append(" const");
      }
      if ((quals & Q_VOLATILE) != 0) {
        ob.append(" volatile");
      }
      if ((quals & Q_RESTRICT) != 0) {
        ob.append(" __restrict");
      }
      if ((quals & Q_UNALIGNED) != 0) {
        ob.append(" __unaligned");
      }
      if (isNoexcept) {
        ob.append(" noexcept");
      }
      if (refQualifier == RefQualifier.REFERENCE) {
        ob.append(" &");
      } else if (refQualifier == RefQualifier.RVALUE_REFERENCE) {
        ob.append(" &&");
      }
      if ((flags & OF_NO_RETURN_TYPE) == 0 && returnType != null) {
        ob.enter();
        returnType.outputPost(ob, flags);
        ob.exit();
      }
    }
  }

  /** The signature of a thunk: a function with a this-adjustment. */
  static final class ThunkSignature extends FunctionSignature {
    long staticOffset; // uint32
    int vbptrOffset;
    int vbOffsetOffset;
    int vtordispOffset;

    @Override
    void outputPre(MsvcOutput ob, int flags) {
      ob.append("[thunk]: ");
      super.outputPre(ob, flags);
    }

    @Override
    void outputPost(MsvcOutput ob, int flags) {
      if ((functionClass & FC_STATIC_THIS_ADJUST) != 0) {
        ob.append("`adjustor{").appendUnsigned(staticOffset).append("}'");
      } else if ((functionClass & FC_VIRTUAL_THIS_ADJUST) != 0) {
        if ((functionClass & FC_VIRTUAL_THIS_ADJUST_EX) != 0) {
          ob.append("`vtordispex{").appendSigned(vbptrOffset).append(", ")
              .appendSigned(vbOffsetOffset).append(", ").appendSigned(vtordispOffset)
              .append(", ").appendUnsigned(staticOffset).append("}'");
        } else {
          ob.append("`vtordisp{").appendSigned(vtordispOffset).append(", ")
              .appendUnsigned(staticOffset).append("}'");
        }
      }
      super.outputPost(ob, flags);
    }
  }

  /** A pointer, reference or rvalue reference, possibly to a member. */
  static final class PointerType extends TypeNode {
    Affinity affinity = Affinity.NONE;
    QualifiedName classParent;
    TypeNode pointee;

    private boolean pointsToFunction() {
      return pointee instanceof FunctionSignature && !(pointee instanceof ThunkSignature);
    }

    @Override
    void outputPre(MsvcOutput ob, int flags) {
      ob.enter();
      boolean fn = pointsToFunction();
      if (fn) {
        ((FunctionSignature) pointee).outputPreSignature(ob, flags & ~OF_NO_RETURN_TYPE);
      } else {
        pointee.outputPre(ob, flags);
      }
      ob.spaceIfNecessary();
      if ((quals & Q_UNALIGNED) != 0) {
        ob.append("__unaligned ");
      }
      if (pointee instanceof ArrayType) {
        ob.append('(');
      } else if (fn) {
        ob.append('(');
        if ((flags & OF_NO_CALLING_CONVENTION) == 0) {
          outputCallingConvention(ob, ((FunctionSignature) pointee).callConvention);
          ob.append(' ');
        }
      }
      if (classParent != null) {
        classParent.output(ob, flags);
        ob.append("::");
      }
      switch (affinity) {
        case POINTER:
          ob.append('*');
          break;
        case REFERENCE:
          ob.append('&');
          break;
        case RVALUE_REFERENCE:
          ob.append("&&");
          break;
        default:
          break;
      }
      outputQualifiers(ob, quals, false, false);
      ob.exit();
    }

    @Override
    void outputPost(MsvcOutput ob, int flags) {
      ob.enter();
      boolean fn = pointsToFunction();
      if (fn || pointee instanceof ArrayType) {
        ob.append(')');
      }
      pointee.outputPost(ob, fn ? flags & ~OF_NO_RETURN_TYPE : flags);
      ob.exit();
    }
  }

  /** A class, struct, union or enum. */
  static final class TagType extends TypeNode {
    final String tag;
    QualifiedName qualifiedName;

    TagType(String tag) {
      this.tag = tag;
    }

    @Override
    void outputPre(MsvcOutput ob, int flags) {
      if ((flags & OF_NO_TAG_SPECIFIER) == 0) {
        ob.append(tag).append(' ');
      }
      qualifiedName.output(ob, flags);
      outputQualifiers(ob, quals, true, false);
    }

    @Override
    void outputPost(MsvcOutput ob, int flags) {}
  }

  /** An array type with its dimensions (0 prints as {@code []}). */
  static final class ArrayType extends TypeNode {
    long[] dimensions;
    TypeNode elementType;

    @Override
    void outputPre(MsvcOutput ob, int flags) {
      ob.enter();
      elementType.outputPre(ob, flags);
      outputQualifiers(ob, quals, true, false);
      ob.exit();
    }

    @Override
    void outputPost(MsvcOutput ob, int flags) {
      ob.enter();
      ob.append('[');
      for (int i = 0; i < dimensions.length; i++) {
        if (i > 0) {
          ob.append("][");
        }
        if (dimensions[i] != 0) {
          ob.appendUnsigned(dimensions[i]);
        }
      }
      ob.append(']');
      elementType.outputPost(ob, flags);
      ob.exit();
    }
  }

  /** A type named by an identifier, such as {@code <auto>} in {@code ?A?<auto>@@}. */
  static final class CustomType extends TypeNode {
    IdentifierNode identifier;

    @Override
    void outputPre(MsvcOutput ob, int flags) {
      identifier.output(ob, flags);
    }

    @Override
    void outputPost(MsvcOutput ob, int flags) {}
  }

  // ---------------------------------------------------------------------------------------------
  // Lists, names and literals.

  /** A list of nodes: parameters, template arguments, name components. */
  static final class NodeArray extends MsvcNode {
    final MsvcNode[] nodes;

    NodeArray(MsvcNode[] nodes) {
      this.nodes = nodes;
    }

    @Override
    void output(MsvcOutput ob, int flags) {
      output(ob, flags, ", ");
    }

    void output(MsvcOutput ob, int flags, String separator) {
      if (nodes.length == 0) {
        return;
      }
      ob.enter();
      if (nodes[0] != null) {
        nodes[0].output(ob, flags);
      }
      for (int i = 1; i < nodes.length; i++) {
        ob.append(separator);
        nodes[i].output(ob, flags);
      }
      ob.exit();
    }
  }

  /** A name qualified by its scopes, outermost first. */
  static final class QualifiedName extends MsvcNode {
    final NodeArray components;

    QualifiedName(NodeArray components) {
      this.components = components;
    }

    static QualifiedName of(IdentifierNode id) {
      return new QualifiedName(new NodeArray(new MsvcNode[] {id}));
    }

    IdentifierNode unqualifiedIdentifier() {
      return (IdentifierNode) components.nodes[components.nodes.length - 1];
    }

    @Override
    void output(MsvcOutput ob, int flags) {
      components.output(ob, flags, "::");
    }
  }

  /** A template argument that refers to a symbol or gives member-pointer offsets. */
  static final class TemplateParameterReference extends MsvcNode {
    SymbolNode symbol;
    final long[] thunkOffsets = new long[3];
    int thunkOffsetCount;
    Affinity affinity = Affinity.NONE;
    boolean isMemberPointer;

    @Override
    void output(MsvcOutput ob, int flags) {
      if (thunkOffsetCount > 0) {
        ob.append('{');
      } else if (affinity == Affinity.POINTER) {
        ob.append('&');
      }
      if (symbol != null) {
        ob.enter();
        symbol.output(ob, flags);
        ob.exit();
        if (thunkOffsetCount > 0) {
          ob.append(", ");
        }
      }
      for (int i = 0; i < thunkOffsetCount; i++) {
        if (i > 0) {
          ob.append(", ");
        }
        ob.appendSigned(thunkOffsets[i]);
      }
      if (thunkOffsetCount > 0) {
        ob.append('}');
      }
    }
  }

  /** An integer template argument. */
  static final class IntegerLiteral extends MsvcNode {
    final long value;
    final boolean negative;

    IntegerLiteral(long value, boolean negative) {
      this.value = value;
      this.negative = negative;
    }

    @Override
    void output(MsvcOutput ob, int flags) {
      if (negative) {
        ob.append('-');
      }
      ob.appendUnsigned(value);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Identifiers.

  /** One component of a qualified name, possibly with template arguments. */
  abstract static class IdentifierNode extends MsvcNode {
    NodeArray templateParams;

    final void outputTemplateParameters(MsvcOutput ob, int flags) {
      if (templateParams == null) {
        return;
      }
      ob.append('<');
      templateParams.output(ob, flags);
      ob.append('>');
    }
  }

  /** A plain identifier. */
  static final class NamedIdentifier extends IdentifierNode {
    final String name;

    NamedIdentifier(String name) {
      this.name = name;
    }

    @Override
    void output(MsvcOutput ob, int flags) {
      ob.append(name);
      outputTemplateParameters(ob, flags);
    }
  }

  /** The name of a vcall thunk: {@code `vcall'{8, {flat}}}. */
  static final class VcallThunkIdentifier extends IdentifierNode {
    long offsetInVTable;

    @Override
    void output(MsvcOutput ob, int flags) {
      ob.append("`vcall'{").appendUnsigned(offsetInVTable).append(", {flat}}");
    }
  }

  /** {@code `dynamic initializer for 'x''} and {@code `dynamic atexit destructor for 'x''}. */
  static final class DynamicStructorIdentifier extends IdentifierNode {
    VariableSymbol variable;
    QualifiedName name;
    boolean isDestructor;

    @Override
    void output(MsvcOutput ob, int flags) {
      ob.append(isDestructor ? "`dynamic atexit destructor for " : "`dynamic initializer for ");
      ob.enter();
      if (variable != null) {
        ob.append('`');
        variable.output(ob, flags);
      } else {
        ob.append('\'');
        name.output(ob, flags);
      }
      ob.append("''");
      ob.exit();
    }
  }

  /** An operator or special member function; {@code text} is null for codes with no name. */
  static final class IntrinsicFunctionIdentifier extends IdentifierNode {
    final String text;

    IntrinsicFunctionIdentifier(String text) {
      this.text = text;
    }

    @Override
    void output(MsvcOutput ob, int flags) {
      if (text != null) {
        ob.append(text);
      }
      outputTemplateParameters(ob, flags);
    }
  }

  /** A literal operator: {@code operator ""_km}. */
  static final class LiteralOperatorIdentifier extends IdentifierNode {
    final String name;

    LiteralOperatorIdentifier(String name) {
      this.name = name;
    }

    @Override
    void output(MsvcOutput ob, int flags) {
      ob.append("operator \"\"").append(name);
      outputTemplateParameters(ob, flags);
    }
  }

  /** {@code `local static guard'{2}} and the thread-safe variant. */
  static final class LocalStaticGuardIdentifier extends IdentifierNode {
    boolean isThread;
    long scopeIndex; // uint32

    @Override
    void output(MsvcOutput ob, int flags) {
      ob.append(isThread ? "`local static thread guard'" : "`local static guard'");
      if (scopeIndex > 0) {
        ob.append('{').appendUnsigned(scopeIndex).append('}');
      }
    }
  }

  /** A conversion operator; its target type is the function's return type. */
  static final class ConversionOperatorIdentifier extends IdentifierNode {
    TypeNode targetType;

    @Override
    void output(MsvcOutput ob, int flags) {
      ob.append("operator");
      outputTemplateParameters(ob, flags);
      ob.append(' ');
      if (targetType == null) {
        throw new MsvcFailure("conversion operator without type");
      }
      ob.enter();
      targetType.output(ob, flags);
      ob.exit();
    }
  }

  /** A constructor or destructor, named after its class. */
  static final class StructorIdentifier extends IdentifierNode {
    IdentifierNode classIdentifier;
    final boolean isDestructor;

    StructorIdentifier(boolean isDestructor) {
      this.isDestructor = isDestructor;
    }

    @Override
    void output(MsvcOutput ob, int flags) {
      if (isDestructor) {
        ob.append('~');
      }
      if (classIdentifier == null) {
        throw new MsvcFailure("structor without class");
      }
      ob.enter();
      classIdentifier.output(ob, flags);
      ob.exit();
      outputTemplateParameters(ob, flags);
    }
  }

  /** {@code `RTTI Base Class Descriptor at (a, b, c, d)'}. */
  static final class RttiBaseClassDescriptor extends IdentifierNode {
    long nvOffset; // uint32
    int vbptrOffset;
    long vbTableOffset; // uint32
    long flags; // uint32

    @Override
    void output(MsvcOutput ob, int outputFlags) {
      ob.append("`RTTI Base Class Descriptor at (").appendUnsigned(nvOffset).append(", ")
          .appendSigned(vbptrOffset).append(", ").appendUnsigned(vbTableOffset).append(", ")
          .appendUnsigned(flags).append(")'");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Symbols.

  /** A demangled symbol; the base class alone is an MD5-hashed name, printed as is. */
  static class SymbolNode extends MsvcNode {
    QualifiedName name;

    @Override
    void output(MsvcOutput ob, int flags) {
      name.output(ob, flags);
    }
  }

  /** A vftable, vbtable, local vftable or complete object locator. */
  static final class SpecialTableSymbol extends SymbolNode {
    QualifiedName targetName;
    int quals;

    @Override
    void output(MsvcOutput ob, int flags) {
      outputQualifiers(ob, quals, false, true);
      name.output(ob, flags);
      outputTarget(ob, flags);
    }

    void outputTarget(MsvcOutput ob, int flags) {
      if (targetName != null) {
        ob.append("{for `");
        targetName.output(ob, flags);
        ob.append("'}");
      }
    }
  }

  /** The guard variable of a function-local static. */
  static final class LocalStaticGuardVariable extends SymbolNode {
    boolean isVisible;
  }

  /** A string literal symbol {@code ??_C@_…}, printed as the (possibly truncated) string. */
  static final class EncodedStringLiteral extends SymbolNode {
    String decoded;
    boolean isTruncated;
    CharKind charKind = CharKind.CHAR;

    @Override
    void output(MsvcOutput ob, int flags) {
      ob.append(charKind.prefix).append(decoded).append('"');
      if (isTruncated) {
        ob.append("...");
      }
    }
  }

  /** A variable, or a synthesized symbol naming a type (RTTI type descriptors). */
  static final class VariableSymbol extends SymbolNode {
    StorageClass storageClass = StorageClass.NONE;
    TypeNode type;
    /** True for the RTTI type descriptors, whose "name" is a description of the type. */
    boolean describesType;

    @Override
    void output(MsvcOutput ob, int flags) {
      String access = storageClass.access;
      if ((flags & OF_NO_ACCESS_SPECIFIER) == 0 && access != null) {
        ob.append(access).append(": ");
      }
      if ((flags & OF_NO_MEMBER_TYPE) == 0 && access != null) {
        ob.append("static ");
      }
      if ((flags & OF_NO_VARIABLE_TYPE) == 0 && type != null) {
        type.outputPre(ob, flags);
      }
      ob.spaceIfNecessary();
      name.output(ob, flags);
      if ((flags & OF_NO_VARIABLE_TYPE) == 0 && type != null) {
        type.outputPost(ob, flags);
      }
    }
  }

  /** A function, with its signature. */
  static final class FunctionSymbol extends SymbolNode {
    FunctionSignature signature;

    @Override
    void output(MsvcOutput ob, int flags) {
      signature.outputPre(ob, flags);
      ob.spaceIfNecessary();
      name.output(ob, flags);
      signature.outputPost(ob, flags);
    }
  }
}
