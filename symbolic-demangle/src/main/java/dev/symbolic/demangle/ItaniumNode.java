package dev.symbolic.demangle;

/**
 * A node of the Itanium demangler's syntax tree, printed in two halves ({@link #printLeft},
 * {@link #printRight}) as C++ declarators need. The printing rules follow LLVM 19's
 * {@code ItaniumDemangle.h} so that the output matches {@code llvm-cxxfilt}.
 *
 * <p>Nodes belong to one demangling call; the few mutable flags (cycle guards) are never shared
 * between threads.
 */
abstract class ItaniumNode {
  static final byte YES = 0;
  static final byte NO = 1;
  static final byte UNKNOWN = 2;

  // Operator precedence, weakest last.
  static final int PRIMARY = 0;
  static final int POSTFIX = 1;
  static final int UNARY = 2;
  static final int CAST = 3;
  static final int PTRMEM = 4;
  static final int MULTIPLICATIVE = 5;
  static final int ADDITIVE = 6;
  static final int SHIFT = 7;
  static final int SPACESHIP = 8;
  static final int RELATIONAL = 9;
  static final int EQUALITY = 10;
  static final int AND = 11;
  static final int XOR = 12;
  static final int IOR = 13;
  static final int ANDIF = 14;
  static final int ORIF = 15;
  static final int CONDITIONAL = 16;
  static final int ASSIGN = 17;
  static final int COMMA = 18;
  static final int DEFAULT = 19;

  static final ItaniumNode[] EMPTY = new ItaniumNode[0];

  int prec = PRIMARY;
  byte rhsCache = NO;
  byte arrayCache = NO;
  byte functionCache = NO;

  final boolean hasRhs(ItaniumPrinter p) {
    return rhsCache != UNKNOWN ? rhsCache == YES : hasRhsSlow(p);
  }

  final boolean hasArray(ItaniumPrinter p) {
    return arrayCache != UNKNOWN ? arrayCache == YES : hasArraySlow(p);
  }

  final boolean hasFunction(ItaniumPrinter p) {
    return functionCache != UNKNOWN ? functionCache == YES : hasFunctionSlow(p);
  }

  boolean hasRhsSlow(ItaniumPrinter p) {
    return false;
  }

  boolean hasArraySlow(ItaniumPrinter p) {
    return false;
  }

  boolean hasFunctionSlow(ItaniumPrinter p) {
    return false;
  }

  ItaniumNode syntaxNode(ItaniumPrinter p) {
    return this;
  }

  String baseName() {
    return "";
  }

  boolean printInitListAsType(ItaniumPrinter p, ItaniumNode[] elements) {
    return false;
  }

  abstract void printLeft(ItaniumPrinter p);

  void printRight(ItaniumPrinter p) {}

  final void print(ItaniumPrinter p) {
    p.left(this);
    if (rhsCache != NO) {
      p.right(this);
    }
  }

  final void printAsOperand(ItaniumPrinter p, int outer, boolean strictlyWorse) {
    boolean paren = prec >= outer + (strictlyWorse ? 1 : 0);
    if (paren) {
      p.printOpen();
    }
    print(p);
    if (paren) {
      p.printClose();
    }
  }

  final void printAsOperand(ItaniumPrinter p) {
    printAsOperand(p, DEFAULT, false);
  }

  static void printWithComma(ItaniumPrinter p, ItaniumNode[] elements) {
    boolean first = true;
    for (ItaniumNode e : elements) {
      int beforeComma = p.position();
      if (!first) {
        p.add(", ");
      }
      int afterComma = p.position();
      e.printAsOperand(p, COMMA, false);
      if (afterComma == p.position()) {
        p.setPosition(beforeComma);
        continue;
      }
      first = false;
    }
  }

  static void printQuals(ItaniumPrinter p, int quals) {
    if ((quals & QUAL_CONST) != 0) {
      p.add(" const");
    }
    if ((quals & QUAL_VOLATILE) != 0) {
      p.add(" volatile");
    }
    if ((quals & QUAL_RESTRICT) != 0) {
      p.add(" restrict");
    }
  }

  static void printRefQual(ItaniumPrinter p, int refQual) {
    if (refQual == REF_LVALUE) {
      p.add(" &");
    } else if (refQual == REF_RVALUE) {
      p.add(" &&");
    }
  }

  static final int QUAL_CONST = 1;
  static final int QUAL_VOLATILE = 2;
  static final int QUAL_RESTRICT = 4;
  static final int REF_NONE = 0;
  static final int REF_LVALUE = 1;
  static final int REF_RVALUE = 2;

  // ---------------------------------------------------------------- names and types

  /** A list printed with commas (used for {@code sizeof...} of captured packs). */
  static final class NodeArrayNode extends ItaniumNode {
    final ItaniumNode[] array;

    NodeArrayNode(ItaniumNode[] array) {
      this.array = array;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      printWithComma(p, array);
    }
  }

  /** {@code prefix (suffix)}: a clone suffix such as {@code .cold}. */
  static final class DotSuffix extends ItaniumNode {
    final ItaniumNode prefix;
    final String suffix;

    DotSuffix(ItaniumNode prefix, String suffix) {
      this.prefix = prefix;
      this.suffix = suffix;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      prefix.print(p);
      p.add(" (").add(suffix).add(")");
    }
  }

  static final class VendorExtQualType extends ItaniumNode {
    final ItaniumNode ty;
    final String ext;
    final ItaniumNode ta;

    VendorExtQualType(ItaniumNode ty, String ext, ItaniumNode ta) {
      this.ty = ty;
      this.ext = ext;
      this.ta = ta;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      ty.print(p);
      p.add(' ').add(ext);
      if (ta != null) {
        ta.print(p);
      }
    }
  }

  static final class QualType extends ItaniumNode {
    final int quals;
    final ItaniumNode child;

    QualType(ItaniumNode child, int quals) {
      this.child = child;
      this.quals = quals;
      rhsCache = child.rhsCache;
      arrayCache = child.arrayCache;
      functionCache = child.functionCache;
    }

    @Override
    boolean hasRhsSlow(ItaniumPrinter p) {
      return child.hasRhs(p);
    }

    @Override
    boolean hasArraySlow(ItaniumPrinter p) {
      return child.hasArray(p);
    }

    @Override
    boolean hasFunctionSlow(ItaniumPrinter p) {
      return child.hasFunction(p);
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(child);
      printQuals(p, quals);
    }

    @Override
    void printRight(ItaniumPrinter p) {
      p.right(child);
    }
  }

  /** A fixed text followed by a child: special names, {@code operator T}, {@code this T}… */
  static final class Prefixed extends ItaniumNode {
    final String prefix;
    final ItaniumNode child;

    Prefixed(String prefix, ItaniumNode child) {
      this.prefix = prefix;
      this.child = child;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(prefix);
      child.print(p);
    }
  }

  static final class PostfixQualifiedType extends ItaniumNode {
    final ItaniumNode ty;
    final String postfix;

    PostfixQualifiedType(ItaniumNode ty, String postfix) {
      this.ty = ty;
      this.postfix = postfix;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(ty);
      p.add(postfix);
    }
  }

  static final class NameType extends ItaniumNode {
    final String name;

    NameType(String name) {
      this.name = name;
    }

    @Override
    String baseName() {
      return name;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(name);
    }
  }

  static final class BitIntType extends ItaniumNode {
    final ItaniumNode size;
    final boolean signed;

    BitIntType(ItaniumNode size, boolean signed) {
      this.size = size;
      this.signed = signed;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (!signed) {
        p.add("unsigned ");
      }
      p.add("_BitInt");
      p.printOpen();
      size.printAsOperand(p);
      p.printClose();
    }
  }

  static final class ElaboratedTypeSpefType extends ItaniumNode {
    final String kind;
    final ItaniumNode child;

    ElaboratedTypeSpefType(String kind, ItaniumNode child) {
      this.kind = kind;
      this.child = child;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(kind).add(' ');
      child.print(p);
    }
  }

  static final class TransformedType extends ItaniumNode {
    final String transform;
    final ItaniumNode base;

    TransformedType(String transform, ItaniumNode base) {
      this.transform = transform;
      this.base = base;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(transform).add('(');
      base.print(p);
      p.add(')');
    }
  }

  static final class AbiTagAttr extends ItaniumNode {
    final ItaniumNode base;
    final String tag;

    AbiTagAttr(ItaniumNode base, String tag) {
      this.base = base;
      this.tag = tag;
      rhsCache = base.rhsCache;
      arrayCache = base.arrayCache;
      functionCache = base.functionCache;
    }

    @Override
    String baseName() {
      return base.baseName();
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(base);
      p.add("[abi:").add(tag).add(']');
    }
  }

  static final class EnableIfAttr extends ItaniumNode {
    final ItaniumNode[] conditions;

    EnableIfAttr(ItaniumNode[] conditions) {
      this.conditions = conditions;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(" [enable_if:");
      printWithComma(p, conditions);
      p.add(']');
    }
  }

  static final class ObjCProtoName extends ItaniumNode {
    final ItaniumNode ty;
    final String protocol;

    ObjCProtoName(ItaniumNode ty, String protocol) {
      this.ty = ty;
      this.protocol = protocol;
    }

    boolean isObjCObject() {
      return ty instanceof NameType && ((NameType) ty).name.equals("objc_object");
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      ty.print(p);
      p.add('<').add(protocol).add('>');
    }
  }

  static final class PointerType extends ItaniumNode {
    final ItaniumNode pointee;

    PointerType(ItaniumNode pointee) {
      this.pointee = pointee;
      rhsCache = pointee.rhsCache;
    }

    @Override
    boolean hasRhsSlow(ItaniumPrinter p) {
      return pointee.hasRhs(p);
    }

    private boolean isObjCId() {
      return pointee instanceof ObjCProtoName && ((ObjCProtoName) pointee).isObjCObject();
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (!isObjCId()) {
        p.left(pointee);
        if (pointee.hasArray(p)) {
          p.add(' ');
        }
        if (pointee.hasArray(p) || pointee.hasFunction(p)) {
          p.add('(');
        }
        p.add('*');
      } else {
        p.add("id<").add(((ObjCProtoName) pointee).protocol).add('>');
      }
    }

    @Override
    void printRight(ItaniumPrinter p) {
      if (!isObjCId()) {
        if (pointee.hasArray(p) || pointee.hasFunction(p)) {
          p.add(')');
        }
        p.right(pointee);
      }
    }
  }

  static final class ReferenceType extends ItaniumNode {
    final ItaniumNode pointee;
    final boolean rvalue;
    private boolean printing;
    private ItaniumNode collapsedNode;
    private boolean collapsedRvalue;

    ReferenceType(ItaniumNode pointee, boolean rvalue) {
      this.pointee = pointee;
      this.rvalue = rvalue;
      rhsCache = pointee.rhsCache;
    }

    @Override
    boolean hasRhsSlow(ItaniumPrinter p) {
      return pointee.hasRhs(p);
    }

    /** Collapses references to references; sets collapsedNode to null on a cycle. */
    private void collapse(ItaniumPrinter p) {
      boolean rv = rvalue;
      ItaniumNode cur = pointee;
      java.util.ArrayList<ItaniumNode> prev = null;
      for (;;) {
        p.step();
        ItaniumNode sn = cur.syntaxNode(p);
        if (!(sn instanceof ReferenceType)) {
          break;
        }
        ReferenceType rt = (ReferenceType) sn;
        cur = rt.pointee;
        rv = rv && rt.rvalue;
        if (prev == null) {
          prev = new java.util.ArrayList<>();
        }
        prev.add(cur);
        if (prev.size() > 1 && cur == prev.get((prev.size() - 1) / 2)) {
          cur = null;
          break;
        }
      }
      collapsedNode = cur;
      collapsedRvalue = rv;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (printing) {
        return;
      }
      printing = true;
      try {
        collapse(p);
        ItaniumNode c = collapsedNode;
        boolean rv = collapsedRvalue;
        if (c == null) {
          return;
        }
        p.left(c);
        if (c.hasArray(p)) {
          p.add(' ');
        }
        if (c.hasArray(p) || c.hasFunction(p)) {
          p.add('(');
        }
        p.add(rv ? "&&" : "&");
      } finally {
        printing = false;
      }
    }

    @Override
    void printRight(ItaniumPrinter p) {
      if (printing) {
        return;
      }
      printing = true;
      try {
        collapse(p);
        ItaniumNode c = collapsedNode;
        if (c == null) {
          return;
        }
        if (c.hasArray(p) || c.hasFunction(p)) {
          p.add(')');
        }
        p.right(c);
      } finally {
        printing = false;
      }
    }
  }

  static final class PointerToMemberType extends ItaniumNode {
    final ItaniumNode classType;
    final ItaniumNode memberType;

    PointerToMemberType(ItaniumNode classType, ItaniumNode memberType) {
      this.classType = classType;
      this.memberType = memberType;
      rhsCache = memberType.rhsCache;
    }

    @Override
    boolean hasRhsSlow(ItaniumPrinter p) {
      return memberType.hasRhs(p);
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(memberType);
      if (memberType.hasArray(p) || memberType.hasFunction(p)) {
        p.add('(');
      } else {
        p.add(' ');
      }
      classType.print(p);
      p.add("::*");
    }

    @Override
    void printRight(ItaniumPrinter p) {
      if (memberType.hasArray(p) || memberType.hasFunction(p)) {
        p.add(')');
      }
      p.right(memberType);
    }
  }

  static final class ArrayType extends ItaniumNode {
    final ItaniumNode base;
    final ItaniumNode dimension;

    ArrayType(ItaniumNode base, ItaniumNode dimension) {
      this.base = base;
      this.dimension = dimension;
      rhsCache = YES;
      arrayCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(base);
    }

    @Override
    void printRight(ItaniumPrinter p) {
      if (p.back() != ']') {
        p.add(' ');
      }
      p.add('[');
      if (dimension != null) {
        dimension.print(p);
      }
      p.add(']');
      p.right(base);
    }
  }

  static final class FunctionType extends ItaniumNode {
    final ItaniumNode ret;
    final ItaniumNode[] params;
    final int cvQuals;
    final int refQual;
    final ItaniumNode exceptionSpec;

    FunctionType(ItaniumNode ret, ItaniumNode[] params, int cvQuals, int refQual,
        ItaniumNode exceptionSpec) {
      this.ret = ret;
      this.params = params;
      this.cvQuals = cvQuals;
      this.refQual = refQual;
      this.exceptionSpec = exceptionSpec;
      rhsCache = YES;
      functionCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(ret);
      p.add(' ');
    }

    @Override
    void printRight(ItaniumPrinter p) {
      p.printOpen();
      printWithComma(p, params);
      p.printClose();
      p.right(ret);
      printQuals(p, cvQuals);
      printRefQual(p, refQual);
      if (exceptionSpec != null) {
        p.add(' ');
        exceptionSpec.print(p);
      }
    }
  }

  static final class NoexceptSpec extends ItaniumNode {
    final ItaniumNode e;

    NoexceptSpec(ItaniumNode e) {
      this.e = e;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("noexcept");
      p.printOpen();
      e.printAsOperand(p);
      p.printClose();
    }
  }

  static final class DynamicExceptionSpec extends ItaniumNode {
    final ItaniumNode[] types;

    DynamicExceptionSpec(ItaniumNode[] types) {
      this.types = types;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("throw");
      p.printOpen();
      printWithComma(p, types);
      p.printClose();
    }
  }

  static final class FunctionEncoding extends ItaniumNode {
    final ItaniumNode ret;
    final ItaniumNode name;
    final ItaniumNode[] params;
    final ItaniumNode attrs;
    final ItaniumNode requires;
    final int cvQuals;
    final int refQual;

    FunctionEncoding(ItaniumNode ret, ItaniumNode name, ItaniumNode[] params, ItaniumNode attrs,
        ItaniumNode requires, int cvQuals, int refQual) {
      this.ret = ret;
      this.name = name;
      this.params = params;
      this.attrs = attrs;
      this.requires = requires;
      this.cvQuals = cvQuals;
      this.refQual = refQual;
      rhsCache = YES;
      functionCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (ret != null) {
        p.left(ret);
        if (!ret.hasRhs(p)) {
          p.add(' ');
        }
      }
      name.print(p);
    }

    @Override
    void printRight(ItaniumPrinter p) {
      p.printOpen();
      printWithComma(p, params);
      p.printClose();
      if (ret != null) {
        p.right(ret);
      }
      printQuals(p, cvQuals);
      printRefQual(p, refQual);
      if (attrs != null) {
        attrs.print(p);
      }
      if (requires != null) {
        p.add(" requires ");
        requires.print(p);
      }
    }
  }

  static final class LiteralOperator extends ItaniumNode {
    final ItaniumNode opName;

    LiteralOperator(ItaniumNode opName) {
      this.opName = opName;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("operator\"\" ");
      opName.print(p);
    }
  }

  static final class CtorVtableSpecialName extends ItaniumNode {
    final ItaniumNode first;
    final ItaniumNode second;

    CtorVtableSpecialName(ItaniumNode first, ItaniumNode second) {
      this.first = first;
      this.second = second;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("construction vtable for ");
      first.print(p);
      p.add("-in-");
      second.print(p);
    }
  }

  /**
   * {@code qual::name}: nested, qualified and local names, and member-like friends (separator
   * {@code ::friend }).
   */
  static final class Qualified extends ItaniumNode {
    final ItaniumNode qual;
    final ItaniumNode name;
    final String separator;
    final boolean local;

    Qualified(ItaniumNode qual, ItaniumNode name, String separator, boolean local) {
      this.qual = qual;
      this.name = name;
      this.separator = separator;
      this.local = local;
    }

    @Override
    String baseName() {
      return local ? "" : name.baseName();
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      qual.print(p);
      p.add(separator);
      name.print(p);
    }
  }

  static final class ModuleName extends ItaniumNode {
    final ModuleName parent;
    final ItaniumNode name;
    final boolean partition;

    ModuleName(ModuleName parent, ItaniumNode name, boolean partition) {
      this.parent = parent;
      this.name = name;
      this.partition = partition;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (parent != null) {
        parent.print(p);
      }
      if (parent != null || partition) {
        p.add(partition ? ':' : '.');
      }
      name.print(p);
    }
  }

  static final class ModuleEntity extends ItaniumNode {
    final ModuleName module;
    final ItaniumNode name;

    ModuleEntity(ModuleName module, ItaniumNode name) {
      this.module = module;
      this.name = name;
    }

    @Override
    String baseName() {
      return name.baseName();
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      name.print(p);
      p.add('@');
      module.print(p);
    }
  }

  static final class VectorType extends ItaniumNode {
    final ItaniumNode base;
    final ItaniumNode dimension;

    VectorType(ItaniumNode base, ItaniumNode dimension) {
      this.base = base;
      this.dimension = dimension;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      base.print(p);
      p.add(" vector[");
      if (dimension != null) {
        dimension.print(p);
      }
      p.add(']');
    }
  }

  static final class PixelVectorType extends ItaniumNode {
    final ItaniumNode dimension;

    PixelVectorType(ItaniumNode dimension) {
      this.dimension = dimension;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("pixel vector[");
      dimension.print(p);
      p.add(']');
    }
  }

  static final class BinaryFPType extends ItaniumNode {
    final ItaniumNode dimension;

    BinaryFPType(ItaniumNode dimension) {
      this.dimension = dimension;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("_Float");
      dimension.print(p);
    }
  }

  static final int TP_TYPE = 0;
  static final int TP_NONTYPE = 1;
  static final int TP_TEMPLATE = 2;

  static final class SyntheticTemplateParamName extends ItaniumNode {
    final int kind;
    final int index;

    SyntheticTemplateParamName(int kind, int index) {
      this.kind = kind;
      this.index = index;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(kind == TP_TYPE ? "$T" : kind == TP_NONTYPE ? "$N" : "$TT");
      if (index > 0) {
        p.add(index - 1);
      }
    }
  }

  static final class TemplateParamQualifiedArg extends ItaniumNode {
    final ItaniumNode param;
    final ItaniumNode arg;

    TemplateParamQualifiedArg(ItaniumNode param, ItaniumNode arg) {
      this.param = param;
      this.arg = arg;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      arg.print(p);
    }
  }

  static final class TypeTemplateParamDecl extends ItaniumNode {
    final ItaniumNode name;

    TypeTemplateParamDecl(ItaniumNode name) {
      this.name = name;
      rhsCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("typename ");
    }

    @Override
    void printRight(ItaniumPrinter p) {
      name.print(p);
    }
  }

  static final class ConstrainedTypeTemplateParamDecl extends ItaniumNode {
    final ItaniumNode constraint;
    final ItaniumNode name;

    ConstrainedTypeTemplateParamDecl(ItaniumNode constraint, ItaniumNode name) {
      this.constraint = constraint;
      this.name = name;
      rhsCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      constraint.print(p);
      p.add(' ');
    }

    @Override
    void printRight(ItaniumPrinter p) {
      name.print(p);
    }
  }

  static final class NonTypeTemplateParamDecl extends ItaniumNode {
    final ItaniumNode name;
    final ItaniumNode type;

    NonTypeTemplateParamDecl(ItaniumNode name, ItaniumNode type) {
      this.name = name;
      this.type = type;
      rhsCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(type);
      if (!type.hasRhs(p)) {
        p.add(' ');
      }
    }

    @Override
    void printRight(ItaniumPrinter p) {
      name.print(p);
      p.right(type);
    }
  }

  static final class TemplateTemplateParamDecl extends ItaniumNode {
    final ItaniumNode name;
    final ItaniumNode[] params;
    final ItaniumNode requires;

    TemplateTemplateParamDecl(ItaniumNode name, ItaniumNode[] params, ItaniumNode requires) {
      this.name = name;
      this.params = params;
      this.requires = requires;
      rhsCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      int saved = p.gtIsGt;
      p.gtIsGt = 0;
      p.add("template<");
      printWithComma(p, params);
      p.add("> typename ");
      p.gtIsGt = saved;
    }

    @Override
    void printRight(ItaniumPrinter p) {
      name.print(p);
      if (requires != null) {
        p.add(" requires ");
        requires.print(p);
      }
    }
  }

  static final class TemplateParamPackDecl extends ItaniumNode {
    final ItaniumNode param;

    TemplateParamPackDecl(ItaniumNode param) {
      this.param = param;
      rhsCache = YES;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.left(param);
      p.add("...");
    }

    @Override
    void printRight(ItaniumPrinter p) {
      p.right(param);
    }
  }

  /** An unexpanded parameter pack, the template-parameter table's view of a J…E argument. */
  static final class ParameterPack extends ItaniumNode {
    final ItaniumNode[] data;

    ParameterPack(ItaniumNode[] data) {
      this.data = data;
      arrayCache = NO;
      functionCache = NO;
      rhsCache = NO;
      for (ItaniumNode n : data) {
        if (n.arrayCache != NO) {
          arrayCache = UNKNOWN;
        }
        if (n.functionCache != NO) {
          functionCache = UNKNOWN;
        }
        if (n.rhsCache != NO) {
          rhsCache = UNKNOWN;
        }
      }
    }

    private int index(ItaniumPrinter p) {
      if (p.packMax == ItaniumPrinter.NONE) {
        p.packMax = data.length;
        p.packIndex = 0;
      }
      return p.packIndex;
    }

    @Override
    boolean hasRhsSlow(ItaniumPrinter p) {
      int i = index(p);
      if (i >= data.length) {
        return false;
      }
      p.enter();
      boolean r = data[i].hasRhs(p);
      p.exit();
      return r;
    }

    @Override
    boolean hasArraySlow(ItaniumPrinter p) {
      int i = index(p);
      if (i >= data.length) {
        return false;
      }
      p.enter();
      boolean r = data[i].hasArray(p);
      p.exit();
      return r;
    }

    @Override
    boolean hasFunctionSlow(ItaniumPrinter p) {
      int i = index(p);
      if (i >= data.length) {
        return false;
      }
      p.enter();
      boolean r = data[i].hasFunction(p);
      p.exit();
      return r;
    }

    @Override
    ItaniumNode syntaxNode(ItaniumPrinter p) {
      int i = index(p);
      if (i >= data.length) {
        return this;
      }
      p.enter();
      ItaniumNode r = data[i].syntaxNode(p);
      p.exit();
      return r;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      int i = index(p);
      if (i < data.length) {
        p.left(data[i]);
      }
    }

    @Override
    void printRight(ItaniumPrinter p) {
      int i = index(p);
      if (i < data.length) {
        p.right(data[i]);
      }
    }
  }

  static final class TemplateArgumentPack extends ItaniumNode {
    final ItaniumNode[] elements;

    TemplateArgumentPack(ItaniumNode[] elements) {
      this.elements = elements;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      printWithComma(p, elements);
    }
  }

  static final class ParameterPackExpansion extends ItaniumNode {
    final ItaniumNode child;

    ParameterPackExpansion(ItaniumNode child) {
      this.child = child;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      int savedIndex = p.packIndex;
      int savedMax = p.packMax;
      p.packIndex = ItaniumPrinter.NONE;
      p.packMax = ItaniumPrinter.NONE;
      int streamPos = p.position();
      child.print(p);
      if (p.packMax == ItaniumPrinter.NONE) {
        p.add("...");
      } else if (p.packMax == 0) {
        p.setPosition(streamPos);
      } else {
        for (int i = 1, e = p.packMax; i < e; ++i) {
          p.add(", ");
          p.packIndex = i;
          child.print(p);
        }
      }
      p.packIndex = savedIndex;
      p.packMax = savedMax;
    }
  }

  static final class TemplateArgs extends ItaniumNode {
    final ItaniumNode[] params;
    final ItaniumNode requires;

    TemplateArgs(ItaniumNode[] params, ItaniumNode requires) {
      this.params = params;
      this.requires = requires;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      int saved = p.gtIsGt;
      p.gtIsGt = 0;
      p.add('<');
      printWithComma(p, params);
      p.add('>');
      p.gtIsGt = saved;
    }
  }

  /** A template parameter used before its argument list is known (conversion operators). */
  static final class ForwardTemplateReference extends ItaniumNode {
    final int index;
    ItaniumNode ref;
    private boolean printing;

    ForwardTemplateReference(int index) {
      this.index = index;
      rhsCache = UNKNOWN;
      arrayCache = UNKNOWN;
      functionCache = UNKNOWN;
    }

    @Override
    boolean hasRhsSlow(ItaniumPrinter p) {
      if (printing || ref == null) {
        return false;
      }
      printing = true;
      try {
        p.enter();
        boolean r = ref.hasRhs(p);
        p.exit();
        return r;
      } finally {
        printing = false;
      }
    }

    @Override
    boolean hasArraySlow(ItaniumPrinter p) {
      if (printing || ref == null) {
        return false;
      }
      printing = true;
      try {
        p.enter();
        boolean r = ref.hasArray(p);
        p.exit();
        return r;
      } finally {
        printing = false;
      }
    }

    @Override
    boolean hasFunctionSlow(ItaniumPrinter p) {
      if (printing || ref == null) {
        return false;
      }
      printing = true;
      try {
        p.enter();
        boolean r = ref.hasFunction(p);
        p.exit();
        return r;
      } finally {
        printing = false;
      }
    }

    @Override
    ItaniumNode syntaxNode(ItaniumPrinter p) {
      if (printing || ref == null) {
        return this;
      }
      printing = true;
      try {
        p.enter();
        ItaniumNode r = ref.syntaxNode(p);
        p.exit();
        return r;
      } finally {
        printing = false;
      }
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (printing || ref == null) {
        return;
      }
      printing = true;
      try {
        p.left(ref);
      } finally {
        printing = false;
      }
    }

    @Override
    void printRight(ItaniumPrinter p) {
      if (printing || ref == null) {
        return;
      }
      printing = true;
      try {
        p.right(ref);
      } finally {
        printing = false;
      }
    }
  }

  static final class NameWithTemplateArgs extends ItaniumNode {
    final ItaniumNode name;
    final ItaniumNode templateArgs;

    NameWithTemplateArgs(ItaniumNode name, ItaniumNode templateArgs) {
      this.name = name;
      this.templateArgs = templateArgs;
    }

    @Override
    String baseName() {
      return name.baseName();
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      name.print(p);
      templateArgs.print(p);
    }
  }

  static final class GlobalQualifiedName extends ItaniumNode {
    final ItaniumNode child;

    GlobalQualifiedName(ItaniumNode child) {
      this.child = child;
    }

    @Override
    String baseName() {
      return child.baseName();
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("::");
      child.print(p);
    }
  }

  static final int SS_ALLOCATOR = 0;
  static final int SS_BASIC_STRING = 1;
  static final int SS_STRING = 2;
  static final int SS_ISTREAM = 3;
  static final int SS_OSTREAM = 4;
  static final int SS_IOSTREAM = 5;

  private static final String[] SS_EXPANDED = {
    "allocator", "basic_string", "basic_string", "basic_istream", "basic_ostream",
    "basic_iostream"
  };
  private static final String[] SS_SHORT = {
    "allocator", "basic_string", "string", "istream", "ostream", "iostream"
  };

  /** {@code Sa}, {@code Ss}…: printed in their short form ({@code std::string}). */
  static final class SpecialSubstitution extends ItaniumNode {
    final int kind;

    SpecialSubstitution(int kind) {
      this.kind = kind;
    }

    @Override
    String baseName() {
      return SS_SHORT[kind];
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("std::").add(SS_SHORT[kind]);
    }
  }

  /** A special substitution spelled out, as the prefix of a constructor or destructor. */
  static final class ExpandedSpecialSubstitution extends ItaniumNode {
    final int kind;

    ExpandedSpecialSubstitution(int kind) {
      this.kind = kind;
    }

    @Override
    String baseName() {
      return SS_EXPANDED[kind];
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("std::").add(SS_EXPANDED[kind]);
      if (kind >= SS_STRING) {
        p.add("<char, std::char_traits<char>");
        if (kind == SS_STRING) {
          p.add(", std::allocator<char>");
        }
        p.add('>');
      }
    }
  }

  static final class CtorDtorName extends ItaniumNode {
    final ItaniumNode basename;
    final boolean dtor;

    CtorDtorName(ItaniumNode basename, boolean dtor) {
      this.basename = basename;
      this.dtor = dtor;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (dtor) {
        p.add('~');
      }
      p.add(basename.baseName());
    }
  }

  static final class DtorName extends ItaniumNode {
    final ItaniumNode base;

    DtorName(ItaniumNode base) {
      this.base = base;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add('~');
      p.left(base);
    }
  }

  static final class UnnamedTypeName extends ItaniumNode {
    final String count;

    UnnamedTypeName(String count) {
      this.count = count;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("'unnamed").add(count).add('\'');
    }
  }

  static final class ClosureTypeName extends ItaniumNode {
    final ItaniumNode[] templateParams;
    final ItaniumNode requires1;
    final ItaniumNode[] params;
    final ItaniumNode requires2;
    final String count;

    ClosureTypeName(ItaniumNode[] templateParams, ItaniumNode requires1, ItaniumNode[] params,
        ItaniumNode requires2, String count) {
      this.templateParams = templateParams;
      this.requires1 = requires1;
      this.params = params;
      this.requires2 = requires2;
      this.count = count;
    }

    void printDeclarator(ItaniumPrinter p) {
      if (templateParams.length != 0) {
        int saved = p.gtIsGt;
        p.gtIsGt = 0;
        p.add('<');
        printWithComma(p, templateParams);
        p.add('>');
        p.gtIsGt = saved;
      }
      if (requires1 != null) {
        p.add(" requires ");
        requires1.print(p);
        p.add(' ');
      }
      p.printOpen();
      printWithComma(p, params);
      p.printClose();
      if (requires2 != null) {
        p.add(" requires ");
        requires2.print(p);
      }
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("'lambda").add(count).add('\'');
      printDeclarator(p);
    }
  }

  static final class StructuredBindingName extends ItaniumNode {
    final ItaniumNode[] bindings;

    StructuredBindingName(ItaniumNode[] bindings) {
      this.bindings = bindings;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.printOpen('[');
      printWithComma(p, bindings);
      p.printClose(']');
    }
  }

  // ---------------------------------------------------------------- expressions

  static final class BinaryExpr extends ItaniumNode {
    final ItaniumNode lhs;
    final String op;
    final ItaniumNode rhs;

    BinaryExpr(ItaniumNode lhs, String op, ItaniumNode rhs, int prec) {
      this.lhs = lhs;
      this.op = op;
      this.rhs = rhs;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      boolean parenAll = p.isGtInsideTemplateArgs() && (op.equals(">") || op.equals(">>"));
      if (parenAll) {
        p.printOpen();
      }
      boolean isAssign = prec == ASSIGN;
      lhs.printAsOperand(p, isAssign ? ORIF : prec, !isAssign);
      if (!op.equals(",")) {
        p.add(' ');
      }
      p.add(op).add(' ');
      rhs.printAsOperand(p, prec, isAssign);
      if (parenAll) {
        p.printClose();
      }
    }
  }

  static final class ArraySubscriptExpr extends ItaniumNode {
    final ItaniumNode op1;
    final ItaniumNode op2;

    ArraySubscriptExpr(ItaniumNode op1, ItaniumNode op2, int prec) {
      this.op1 = op1;
      this.op2 = op2;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      op1.printAsOperand(p, prec, false);
      p.printOpen('[');
      op2.printAsOperand(p);
      p.printClose(']');
    }
  }

  static final class PostfixExpr extends ItaniumNode {
    final ItaniumNode child;
    final String op;

    PostfixExpr(ItaniumNode child, String op, int prec) {
      this.child = child;
      this.op = op;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      child.printAsOperand(p, prec, true);
      p.add(op);
    }
  }

  static final class ConditionalExpr extends ItaniumNode {
    final ItaniumNode cond;
    final ItaniumNode then;
    final ItaniumNode otherwise;

    ConditionalExpr(ItaniumNode cond, ItaniumNode then, ItaniumNode otherwise, int prec) {
      this.cond = cond;
      this.then = then;
      this.otherwise = otherwise;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      cond.printAsOperand(p, prec, false);
      p.add(" ? ");
      then.printAsOperand(p);
      p.add(" : ");
      otherwise.printAsOperand(p, ASSIGN, true);
    }
  }

  static final class MemberExpr extends ItaniumNode {
    final ItaniumNode lhs;
    final String kind;
    final ItaniumNode rhs;

    MemberExpr(ItaniumNode lhs, String kind, ItaniumNode rhs, int prec) {
      this.lhs = lhs;
      this.kind = kind;
      this.rhs = rhs;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      lhs.printAsOperand(p, prec, true);
      p.add(kind);
      rhs.printAsOperand(p, prec, false);
    }
  }

  static final class SubobjectExpr extends ItaniumNode {
    final ItaniumNode type;
    final ItaniumNode subExpr;
    final String offset;

    SubobjectExpr(ItaniumNode type, ItaniumNode subExpr, String offset) {
      this.type = type;
      this.subExpr = subExpr;
      this.offset = offset;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      subExpr.print(p);
      p.add(".<");
      type.print(p);
      p.add(" at offset ");
      if (offset.isEmpty()) {
        p.add('0');
      } else if (offset.charAt(0) == 'n') {
        p.add('-').add(offset.substring(1));
      } else {
        p.add(offset);
      }
      p.add('>');
    }
  }

  static final class EnclosingExpr extends ItaniumNode {
    final String prefix;
    final ItaniumNode infix;

    EnclosingExpr(String prefix, ItaniumNode infix, int prec) {
      this.prefix = prefix;
      this.infix = infix;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(prefix);
      p.printOpen();
      infix.print(p);
      p.printClose();
    }
  }

  static final class CastExpr extends ItaniumNode {
    final String castKind;
    final ItaniumNode to;
    final ItaniumNode from;

    CastExpr(String castKind, ItaniumNode to, ItaniumNode from, int prec) {
      this.castKind = castKind;
      this.to = to;
      this.from = from;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(castKind);
      int saved = p.gtIsGt;
      p.gtIsGt = 0;
      p.add('<');
      p.left(to);
      p.add('>');
      p.gtIsGt = saved;
      p.printOpen();
      from.printAsOperand(p);
      p.printClose();
    }
  }

  static final class SizeofParamPackExpr extends ItaniumNode {
    final ItaniumNode pack;

    SizeofParamPackExpr(ItaniumNode pack) {
      this.pack = pack;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("sizeof...");
      p.printOpen();
      new ParameterPackExpansion(pack).printLeft(p);
      p.printClose();
    }
  }

  static final class CallExpr extends ItaniumNode {
    final ItaniumNode callee;
    final ItaniumNode[] args;
    final boolean isParen;

    CallExpr(ItaniumNode callee, ItaniumNode[] args, boolean isParen, int prec) {
      this.callee = callee;
      this.args = args;
      this.isParen = isParen;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (isParen) {
        p.printOpen();
      }
      callee.print(p);
      if (isParen) {
        p.printClose();
      }
      p.printOpen();
      printWithComma(p, args);
      p.printClose();
    }
  }

  static final class NewExpr extends ItaniumNode {
    final ItaniumNode[] exprList;
    final ItaniumNode type;
    final ItaniumNode[] initList;
    final boolean isGlobal;
    final boolean isArray;

    NewExpr(ItaniumNode[] exprList, ItaniumNode type, ItaniumNode[] initList, boolean isGlobal,
        boolean isArray, int prec) {
      this.exprList = exprList;
      this.type = type;
      this.initList = initList;
      this.isGlobal = isGlobal;
      this.isArray = isArray;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (isGlobal) {
        p.add("::");
      }
      p.add("new");
      if (isArray) {
        p.add("[]");
      }
      if (exprList.length != 0) {
        p.printOpen();
        printWithComma(p, exprList);
        p.printClose();
      }
      p.add(' ');
      type.print(p);
      if (initList.length != 0) {
        p.printOpen();
        printWithComma(p, initList);
        p.printClose();
      }
    }
  }

  static final class DeleteExpr extends ItaniumNode {
    final ItaniumNode op;
    final boolean isGlobal;
    final boolean isArray;

    DeleteExpr(ItaniumNode op, boolean isGlobal, boolean isArray, int prec) {
      this.op = op;
      this.isGlobal = isGlobal;
      this.isArray = isArray;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (isGlobal) {
        p.add("::");
      }
      p.add("delete");
      if (isArray) {
        p.add("[]");
      }
      p.add(' ');
      op.print(p);
    }
  }

  static final class PrefixExpr extends ItaniumNode {
    final String prefix;
    final ItaniumNode child;

    PrefixExpr(String prefix, ItaniumNode child, int prec) {
      this.prefix = prefix;
      this.child = child;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(prefix);
      child.printAsOperand(p, prec, false);
    }
  }

  static final class FunctionParam extends ItaniumNode {
    final String number;

    FunctionParam(String number) {
      this.number = number;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("fp").add(number);
    }
  }

  static final class ConversionExpr extends ItaniumNode {
    final ItaniumNode type;
    final ItaniumNode[] expressions;

    ConversionExpr(ItaniumNode type, ItaniumNode[] expressions, int prec) {
      this.type = type;
      this.expressions = expressions;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.printOpen();
      type.print(p);
      p.printClose();
      p.printOpen();
      printWithComma(p, expressions);
      p.printClose();
    }
  }

  static final class PointerToMemberConversionExpr extends ItaniumNode {
    final ItaniumNode type;
    final ItaniumNode subExpr;

    PointerToMemberConversionExpr(ItaniumNode type, ItaniumNode subExpr, int prec) {
      this.type = type;
      this.subExpr = subExpr;
      this.prec = prec;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.printOpen();
      type.print(p);
      p.printClose();
      p.printOpen();
      subExpr.print(p);
      p.printClose();
    }
  }

  static final class InitListExpr extends ItaniumNode {
    final ItaniumNode ty;
    final ItaniumNode[] inits;

    InitListExpr(ItaniumNode ty, ItaniumNode[] inits) {
      this.ty = ty;
      this.inits = inits;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (ty != null) {
        if (ty.printInitListAsType(p, inits)) {
          return;
        }
        ty.print(p);
      }
      p.add('{');
      printWithComma(p, inits);
      p.add('}');
    }
  }

  static final class BracedExpr extends ItaniumNode {
    final ItaniumNode elem;
    final ItaniumNode init;
    final boolean isArray;

    BracedExpr(ItaniumNode elem, ItaniumNode init, boolean isArray) {
      this.elem = elem;
      this.init = init;
      this.isArray = isArray;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (isArray) {
        p.add('[');
        elem.print(p);
        p.add(']');
      } else {
        p.add('.');
        elem.print(p);
      }
      if (!(init instanceof BracedExpr) && !(init instanceof BracedRangeExpr)) {
        p.add(" = ");
      }
      init.print(p);
    }
  }

  static final class BracedRangeExpr extends ItaniumNode {
    final ItaniumNode first;
    final ItaniumNode last;
    final ItaniumNode init;

    BracedRangeExpr(ItaniumNode first, ItaniumNode last, ItaniumNode init) {
      this.first = first;
      this.last = last;
      this.init = init;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add('[');
      first.print(p);
      p.add(" ... ");
      last.print(p);
      p.add(']');
      if (!(init instanceof BracedExpr) && !(init instanceof BracedRangeExpr)) {
        p.add(" = ");
      }
      init.print(p);
    }
  }

  static final class FoldExpr extends ItaniumNode {
    final ItaniumNode pack;
    final ItaniumNode init;
    final String op;
    final boolean isLeftFold;

    FoldExpr(boolean isLeftFold, String op, ItaniumNode pack, ItaniumNode init) {
      this.isLeftFold = isLeftFold;
      this.op = op;
      this.pack = pack;
      this.init = init;
    }

    private void printPack(ItaniumPrinter p) {
      p.printOpen();
      new ParameterPackExpansion(pack).print(p);
      p.printClose();
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.printOpen();
      if (!isLeftFold || init != null) {
        if (isLeftFold) {
          init.printAsOperand(p, CAST, true);
        } else {
          printPack(p);
        }
        p.add(' ').add(op).add(' ');
      }
      p.add("...");
      if (isLeftFold || init != null) {
        p.add(' ').add(op).add(' ');
        if (isLeftFold) {
          printPack(p);
        } else {
          init.printAsOperand(p, CAST, true);
        }
      }
      p.printClose();
    }
  }

  static final class ThrowExpr extends ItaniumNode {
    final ItaniumNode op;

    ThrowExpr(ItaniumNode op) {
      this.op = op;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("throw ");
      op.print(p);
    }
  }

  static final class BoolExpr extends ItaniumNode {
    final boolean value;

    BoolExpr(boolean value) {
      this.value = value;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(value ? "true" : "false");
    }
  }

  static final class StringLiteral extends ItaniumNode {
    final ItaniumNode type;

    StringLiteral(ItaniumNode type) {
      this.type = type;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("\"<");
      type.print(p);
      p.add(">\"");
    }
  }

  static final class LambdaExpr extends ItaniumNode {
    final ItaniumNode type;

    LambdaExpr(ItaniumNode type) {
      this.type = type;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("[]");
      if (type instanceof ClosureTypeName) {
        ((ClosureTypeName) type).printDeclarator(p);
      }
      p.add("{...}");
    }
  }

  static final class EnumLiteral extends ItaniumNode {
    final ItaniumNode ty;
    final String integer;

    EnumLiteral(ItaniumNode ty, String integer) {
      this.ty = ty;
      this.integer = integer;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.printOpen();
      ty.print(p);
      p.printClose();
      if (integer.charAt(0) == 'n') {
        p.add('-').add(integer.substring(1));
      } else {
        p.add(integer);
      }
    }
  }

  static final class IntegerLiteral extends ItaniumNode {
    final String type;
    final String value;

    IntegerLiteral(String type, String value) {
      this.type = type;
      this.value = value;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      if (type.length() > 3) {
        p.printOpen();
        p.add(type);
        p.printClose();
      }
      if (value.charAt(0) == 'n') {
        p.add('-').add(value.substring(1));
      } else {
        p.add(value);
      }
      if (type.length() <= 3) {
        p.add(type);
      }
    }
  }

  static final class RequiresExpr extends ItaniumNode {
    final ItaniumNode[] parameters;
    final ItaniumNode[] requirements;

    RequiresExpr(ItaniumNode[] parameters, ItaniumNode[] requirements) {
      this.parameters = parameters;
      this.requirements = requirements;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add("requires");
      if (parameters.length != 0) {
        p.add(' ');
        p.printOpen();
        printWithComma(p, parameters);
        p.printClose();
      }
      p.add(' ');
      p.printOpen('{');
      for (ItaniumNode r : requirements) {
        r.print(p);
      }
      p.add(' ');
      p.printClose('}');
    }
  }

  static final class ExprRequirement extends ItaniumNode {
    final ItaniumNode expr;
    final boolean isNoexcept;
    final ItaniumNode typeConstraint;

    ExprRequirement(ItaniumNode expr, boolean isNoexcept, ItaniumNode typeConstraint) {
      this.expr = expr;
      this.isNoexcept = isNoexcept;
      this.typeConstraint = typeConstraint;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(' ');
      boolean braces = isNoexcept || typeConstraint != null;
      if (braces) {
        p.printOpen('{');
      }
      expr.print(p);
      if (braces) {
        p.printClose('}');
      }
      if (isNoexcept) {
        p.add(" noexcept");
      }
      if (typeConstraint != null) {
        p.add(" -> ");
        typeConstraint.print(p);
      }
      p.add(';');
    }
  }

  /** {@code  typename T;} and {@code  requires C;} requirements. */
  static final class SimpleRequirement extends ItaniumNode {
    final String prefix;
    final ItaniumNode child;

    SimpleRequirement(String prefix, ItaniumNode child) {
      this.prefix = prefix;
      this.child = child;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(prefix);
      child.print(p);
      p.add(';');
    }
  }

  /** A float, double or long double literal given as hexadecimal bytes. */
  static final class FloatLiteral extends ItaniumNode {
    final String contents;
    final int kind; // 0 float, 1 double, 2 long double (x87)

    FloatLiteral(String contents, int kind) {
      this.contents = contents;
      this.kind = kind;
    }

    @Override
    void printLeft(ItaniumPrinter p) {
      p.add(ItaniumFloats.format(contents, kind));
    }
  }
}
