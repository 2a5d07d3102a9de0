package dev.symbolic.demangle;

import dev.symbolic.demangle.ItaniumNode.AbiTagAttr;
import dev.symbolic.demangle.ItaniumNode.ArraySubscriptExpr;
import dev.symbolic.demangle.ItaniumNode.ArrayType;
import dev.symbolic.demangle.ItaniumNode.BinaryExpr;
import dev.symbolic.demangle.ItaniumNode.BinaryFPType;
import dev.symbolic.demangle.ItaniumNode.BitIntType;
import dev.symbolic.demangle.ItaniumNode.BoolExpr;
import dev.symbolic.demangle.ItaniumNode.BracedExpr;
import dev.symbolic.demangle.ItaniumNode.BracedRangeExpr;
import dev.symbolic.demangle.ItaniumNode.CallExpr;
import dev.symbolic.demangle.ItaniumNode.CastExpr;
import dev.symbolic.demangle.ItaniumNode.ClosureTypeName;
import dev.symbolic.demangle.ItaniumNode.ConditionalExpr;
import dev.symbolic.demangle.ItaniumNode.ConstrainedTypeTemplateParamDecl;
import dev.symbolic.demangle.ItaniumNode.ConversionExpr;
import dev.symbolic.demangle.ItaniumNode.CtorDtorName;
import dev.symbolic.demangle.ItaniumNode.CtorVtableSpecialName;
import dev.symbolic.demangle.ItaniumNode.DeleteExpr;
import dev.symbolic.demangle.ItaniumNode.DotSuffix;
import dev.symbolic.demangle.ItaniumNode.DtorName;
import dev.symbolic.demangle.ItaniumNode.DynamicExceptionSpec;
import dev.symbolic.demangle.ItaniumNode.ElaboratedTypeSpefType;
import dev.symbolic.demangle.ItaniumNode.EnableIfAttr;
import dev.symbolic.demangle.ItaniumNode.EnclosingExpr;
import dev.symbolic.demangle.ItaniumNode.EnumLiteral;
import dev.symbolic.demangle.ItaniumNode.ExpandedSpecialSubstitution;
import dev.symbolic.demangle.ItaniumNode.ExprRequirement;
import dev.symbolic.demangle.ItaniumNode.FloatLiteral;
import dev.symbolic.demangle.ItaniumNode.FoldExpr;
import dev.symbolic.demangle.ItaniumNode.ForwardTemplateReference;
import dev.symbolic.demangle.ItaniumNode.FunctionEncoding;
import dev.symbolic.demangle.ItaniumNode.FunctionParam;
import dev.symbolic.demangle.ItaniumNode.FunctionType;
import dev.symbolic.demangle.ItaniumNode.GlobalQualifiedName;
import dev.symbolic.demangle.ItaniumNode.InitListExpr;
import dev.symbolic.demangle.ItaniumNode.IntegerLiteral;
import dev.symbolic.demangle.ItaniumNode.LambdaExpr;
import dev.symbolic.demangle.ItaniumNode.LiteralOperator;
import dev.symbolic.demangle.ItaniumNode.MemberExpr;
import dev.symbolic.demangle.ItaniumNode.ModuleEntity;
import dev.symbolic.demangle.ItaniumNode.ModuleName;
import dev.symbolic.demangle.ItaniumNode.NameType;
import dev.symbolic.demangle.ItaniumNode.NameWithTemplateArgs;
import dev.symbolic.demangle.ItaniumNode.NewExpr;
import dev.symbolic.demangle.ItaniumNode.NodeArrayNode;
import dev.symbolic.demangle.ItaniumNode.NoexceptSpec;
import dev.symbolic.demangle.ItaniumNode.NonTypeTemplateParamDecl;
import dev.symbolic.demangle.ItaniumNode.ObjCProtoName;
import dev.symbolic.demangle.ItaniumNode.ParameterPack;
import dev.symbolic.demangle.ItaniumNode.ParameterPackExpansion;
import dev.symbolic.demangle.ItaniumNode.PixelVectorType;
import dev.symbolic.demangle.ItaniumNode.PointerToMemberConversionExpr;
import dev.symbolic.demangle.ItaniumNode.PointerToMemberType;
import dev.symbolic.demangle.ItaniumNode.PointerType;
import dev.symbolic.demangle.ItaniumNode.PostfixExpr;
import dev.symbolic.demangle.ItaniumNode.PostfixQualifiedType;
import dev.symbolic.demangle.ItaniumNode.PrefixExpr;
import dev.symbolic.demangle.ItaniumNode.Prefixed;
import dev.symbolic.demangle.ItaniumNode.QualType;
import dev.symbolic.demangle.ItaniumNode.Qualified;
import dev.symbolic.demangle.ItaniumNode.ReferenceType;
import dev.symbolic.demangle.ItaniumNode.RequiresExpr;
import dev.symbolic.demangle.ItaniumNode.SimpleRequirement;
import dev.symbolic.demangle.ItaniumNode.SizeofParamPackExpr;
import dev.symbolic.demangle.ItaniumNode.SpecialSubstitution;
import dev.symbolic.demangle.ItaniumNode.StringLiteral;
import dev.symbolic.demangle.ItaniumNode.StructuredBindingName;
import dev.symbolic.demangle.ItaniumNode.SubobjectExpr;
import dev.symbolic.demangle.ItaniumNode.SyntheticTemplateParamName;
import dev.symbolic.demangle.ItaniumNode.TemplateArgs;
import dev.symbolic.demangle.ItaniumNode.TemplateArgumentPack;
import dev.symbolic.demangle.ItaniumNode.TemplateParamPackDecl;
import dev.symbolic.demangle.ItaniumNode.TemplateParamQualifiedArg;
import dev.symbolic.demangle.ItaniumNode.TemplateTemplateParamDecl;
import dev.symbolic.demangle.ItaniumNode.ThrowExpr;
import dev.symbolic.demangle.ItaniumNode.TransformedType;
import dev.symbolic.demangle.ItaniumNode.TypeTemplateParamDecl;
import dev.symbolic.demangle.ItaniumNode.UnnamedTypeName;
import dev.symbolic.demangle.ItaniumNode.VectorType;
import dev.symbolic.demangle.ItaniumNode.VendorExtQualType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * A recursive-descent parser for Itanium mangled names that builds an {@link ItaniumNode} tree,
 * following the grammar and the extensions of LLVM 19's demangler. Methods return {@code null}
 * for malformed input; exhausting the depth or node budget throws {@link
 * ItaniumPrinter.Overflow}. One instance per name; not thread-safe, not reusable.
 */
final class ItaniumParser {
  static final int MAX_DEPTH = 512;

  private final String s;
  /**
   * The name as Latin-1 bytes, for the grammar. Reading an array is a plain load even before
   * the JIT has compiled {@code String.charAt}, and {@code getBytes(ISO_8859_1)} of a Latin-1
   * string is one array copy, where {@code toCharArray} widens every character in a loop that
   * C1-compiled code does not vectorize. A character above U+00FF becomes {@code '?'}, which
   * the grammar rejects wherever it rejects the character itself; identifiers and suffixes
   * are taken from {@link #s}, so they keep their text.
   */
  private final byte[] bytes;
  private int pos;
  private int end;
  private final int maxNodes;
  private int nodes;
  private int depth;

  private ItaniumNode[] names = new ItaniumNode[32];
  private int namesSize;
  private final ArrayList<ItaniumNode> subs = new ArrayList<>();
  private ArrayList<ItaniumNode> outerTemplateParams = new ArrayList<>();
  private ArrayList<ArrayList<ItaniumNode>> templateParams = new ArrayList<>();
  private final ArrayList<ForwardTemplateReference> forwardRefs = new ArrayList<>();

  private boolean tryToParseTemplateArgs = true;
  private boolean permitForwardTemplateReferences;
  private boolean hasIncompleteTemplateParameterTracking;
  private int parsingLambdaParamsAtLevel = -1;
  private final int[] numSyntheticTemplateParameters = new int[3];

  ItaniumParser(String s) {
    this.s = s;
    this.bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    this.pos = 0;
    this.end = s.length();
    this.maxNodes = (int) Math.min(1 << 20, 16L * s.length() + 1024);
  }

  // ------------------------------------------------------------------ helpers

  private <T extends ItaniumNode> T mk(T n) {
    if (++nodes > maxNodes) {
      throw ItaniumPrinter.Overflow.INSTANCE;
    }
    return n;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw ItaniumPrinter.Overflow.INSTANCE;
    }
  }

  private char look() {
    return pos < end ? (char) (bytes[pos] & 0xff) : '\0';
  }

  private char look(int i) {
    return end - pos > i ? (char) (bytes[pos + i] & 0xff) : '\0';
  }

  private int numLeft() {
    return end - pos;
  }

  private boolean consumeIf(char c) {
    if (pos < end && bytes[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean consumeIf(char c0, char c1) {
    if (end - pos >= 2 && bytes[pos] == c0 && bytes[pos + 1] == c1) {
      pos += 2;
      return true;
    }
    return false;
  }

  private boolean consumeIf(String p) {
    int n = p.length();
    if (end - pos < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (bytes[pos + i] != p.charAt(i)) {
        return false;
      }
    }
    pos += n;
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void pushName(ItaniumNode n) {
    if (namesSize == names.length) {
      ItaniumNode[] a = new ItaniumNode[namesSize * 2];
      System.arraycopy(names, 0, a, 0, namesSize);
      names = a;
    }
    names[namesSize++] = n;
  }

  private ItaniumNode[] popTrailing(int from) {
    int n = namesSize - from;
    if (n == 0) {
      return ItaniumNode.EMPTY;
    }
    ItaniumNode[] r = new ItaniumNode[n];
    System.arraycopy(names, from, r, 0, n);
    for (int i = from; i < namesSize; i++) {
      names[i] = null;
    }
    namesSize = from;
    return r;
  }

  /** {@code [n] digits}; the empty string if there are no digits. */
  private String parseNumber(boolean allowNegative) {
    int start = pos;
    if (allowNegative) {
      consumeIf('n');
    }
    if (numLeft() == 0 || !isDigit(look())) {
      return "";
    }
    while (numLeft() != 0 && isDigit(look())) {
      pos++;
    }
    return s.substring(start, pos);
  }

  /** A decimal length; -1 if there are no digits, capped to avoid overflow. */
  private long parsePositiveInteger() {
    if (!isDigit(look())) {
      return -1;
    }
    long v = 0;
    while (isDigit(look())) {
      v = v * 10 + (bytes[pos++] - '0');
      if (v > Integer.MAX_VALUE) {
        v = Integer.MAX_VALUE;
      }
    }
    return v;
  }

  private String parseBareSourceName() {
    long n = parsePositiveInteger();
    if (n < 0 || numLeft() < n) {
      return "";
    }
    String r = s.substring(pos, pos + (int) n);
    pos += (int) n;
    return r;
  }

  private int parseCVQualifiers() {
    int q = 0;
    if (consumeIf('r')) {
      q |= ItaniumNode.QUAL_RESTRICT;
    }
    if (consumeIf('V')) {
      q |= ItaniumNode.QUAL_VOLATILE;
    }
    if (consumeIf('K')) {
      q |= ItaniumNode.QUAL_CONST;
    }
    return q;
  }

  /** Base-36 sequence id, or -1. */
  private long parseSeqId() {
    char c = look();
    if (!(isDigit(c) || (c >= 'A' && c <= 'Z'))) {
      return -1;
    }
    long id = 0;
    for (;;) {
      c = look();
      if (isDigit(c)) {
        id = id * 36 + (c - '0');
      } else if (c >= 'A' && c <= 'Z') {
        id = id * 36 + (c - 'A' + 10);
      } else {
        return id;
      }
      if (id > Integer.MAX_VALUE) {
        id = Integer.MAX_VALUE;
      }
      pos++;
    }
  }

  private void parseDiscriminator() {
    if (pos >= end) {
      return;
    }
    char c = look();
    if (c == '_') {
      int t = pos + 1;
      if (t < end) {
        if (isDigit((char) bytes[t])) {
          pos = t + 1;
        } else if (bytes[t] == '_') {
          for (++t; t < end && isDigit((char) bytes[t]); ++t) {
            // skip
          }
          if (t < end && bytes[t] == '_') {
            pos = t + 1;
          }
        }
      }
    } else if (isDigit(c)) {
      int t = pos + 1;
      while (t < end && isDigit((char) bytes[t])) {
        t++;
      }
      if (t == end) {
        pos = end;
      }
    }
  }

  // ------------------------------------------------------------------ top level

  /**
   * Parses a whole name: {@code _Z}/{@code __Z} encodings with an optional clone suffix, Apple
   * block invocations {@code ___Z…_block_invoke}, or a bare type. Null if malformed.
   */
  ItaniumNode parse() {
    if (consumeIf('_', 'Z') || consumeIf("__Z")) {
      ItaniumNode enc = parseEncoding();
      if (enc == null) {
        return null;
      }
      if (look() == '.') {
        enc = mk(new DotSuffix(enc, s.substring(pos, end)));
        pos = end;
      }
      if (numLeft() != 0) {
        return null;
      }
      return enc;
    }
    if (consumeIf("___Z") || consumeIf("____Z")) {
      ItaniumNode enc = parseEncoding();
      if (enc == null || !consumeIf("_block_invoke")) {
        return null;
      }
      boolean requireNumber = consumeIf('_');
      if (parseNumber(false).isEmpty() && requireNumber) {
        return null;
      }
      if (look() == '.') {
        pos = end;
      }
      if (numLeft() != 0) {
        return null;
      }
      return mk(new Prefixed("invocation function for block in ", enc));
    }
    ItaniumNode ty = parseType();
    if (numLeft() != 0) {
      return null;
    }
    return ty;
  }

  // ------------------------------------------------------------------ template param scopes

  private ItaniumNode parseEncoding() {
    enter();
    ArrayList<ArrayList<ItaniumNode>> oldParams = templateParams;
    ArrayList<ItaniumNode> oldOuter = outerTemplateParams;
    templateParams = new ArrayList<>();
    outerTemplateParams = new ArrayList<>();
    ItaniumNode r = parseEncodingImpl();
    templateParams = oldParams;
    outerTemplateParams = oldOuter;
    depth--;
    return r;
  }

  private boolean isEndOfEncoding() {
    char c = look();
    return numLeft() == 0 || c == 'E' || c == '.' || c == '_';
  }

  /** What a name tells about the encoding it starts. */
  private static final class NameState {
    boolean ctorDtorConversion;
    boolean endsWithTemplateArgs;
    int cvQualifiers;
    int refQualifier;
    final int forwardRefsBegin;
    boolean hasExplicitObjectParameter;

    NameState(int forwardRefsBegin) {
      this.forwardRefsBegin = forwardRefsBegin;
    }
  }

  private boolean resolveForwardTemplateRefs(NameState state) {
    int e = forwardRefs.size();
    for (int i = state.forwardRefsBegin; i < e; i++) {
      int idx = forwardRefs.get(i).index;
      if (templateParams.isEmpty() || templateParams.get(0) == null
          || idx >= templateParams.get(0).size()) {
        return true;
      }
      forwardRefs.get(i).ref = templateParams.get(0).get(idx);
    }
    while (forwardRefs.size() > state.forwardRefsBegin) {
      forwardRefs.remove(forwardRefs.size() - 1);
    }
    return false;
  }

  private ItaniumNode parseEncodingImpl() {
    if (look() == 'G' || look() == 'T') {
      return parseSpecialName();
    }
    NameState state = new NameState(forwardRefs.size());
    ItaniumNode name = parseName(state);
    if (name == null) {
      return null;
    }
    if (resolveForwardTemplateRefs(state)) {
      return null;
    }
    if (isEndOfEncoding()) {
      return name;
    }
    ItaniumNode attrs = null;
    if (consumeIf("Ua9enable_ifI")) {
      int before = namesSize;
      while (!consumeIf('E')) {
        ItaniumNode arg = parseTemplateArg();
        if (arg == null) {
          return null;
        }
        pushName(arg);
      }
      attrs = mk(new EnableIfAttr(popTrailing(before)));
    }
    ItaniumNode ret = null;
    if (!state.ctorDtorConversion && state.endsWithTemplateArgs) {
      ret = parseType();
      if (ret == null) {
        return null;
      }
    }
    ItaniumNode[] params = ItaniumNode.EMPTY;
    if (!consumeIf('v')) {
      int begin = namesSize;
      do {
        ItaniumNode ty = parseType();
        if (ty == null) {
          return null;
        }
        if (state.hasExplicitObjectParameter && begin == namesSize) {
          ty = mk(new Prefixed("this ", ty));
        }
        pushName(ty);
      } while (!isEndOfEncoding() && look() != 'Q');
      params = popTrailing(begin);
    }
    ItaniumNode requires = null;
    if (consumeIf('Q')) {
      requires = parseConstraintExpr();
      if (requires == null) {
        return null;
      }
    }
    return mk(new FunctionEncoding(ret, name, params, attrs, requires, state.cvQualifiers,
        state.refQualifier));
  }

  private boolean parseCallOffset() {
    if (consumeIf('h')) {
      return parseNumber(true).isEmpty() || !consumeIf('_');
    }
    if (consumeIf('v')) {
      return parseNumber(true).isEmpty() || !consumeIf('_')
          || parseNumber(true).isEmpty() || !consumeIf('_');
    }
    return true;
  }

  private ItaniumNode special(String text, ItaniumNode child) {
    return child == null ? null : mk(new Prefixed(text, child));
  }

  private ItaniumNode parseSpecialName() {
    if (look() == 'T') {
      switch (look(1)) {
        case 'A':
          pos += 2;
          return special("template parameter object for ", parseTemplateArg());
        case 'V':
          pos += 2;
          return special("vtable for ", parseType());
        case 'T':
          pos += 2;
          return special("VTT for ", parseType());
        case 'I':
          pos += 2;
          return special("typeinfo for ", parseType());
        case 'S':
          pos += 2;
          return special("typeinfo name for ", parseType());
        case 'c':
          pos += 2;
          if (parseCallOffset() || parseCallOffset()) {
            return null;
          }
          return special("covariant return thunk to ", parseEncoding());
        case 'C': {
          pos += 2;
          ItaniumNode first = parseType();
          if (first == null) {
            return null;
          }
          if (parseNumber(true).isEmpty() || !consumeIf('_')) {
            return null;
          }
          ItaniumNode second = parseType();
          if (second == null) {
            return null;
          }
          return mk(new CtorVtableSpecialName(second, first));
        }
        case 'W':
          pos += 2;
          return special("thread-local wrapper routine for ", parseName(null));
        case 'H':
          pos += 2;
          return special("thread-local initialization routine for ", parseName(null));
        default: {
          pos++;
          boolean isVirt = look() == 'v';
          if (parseCallOffset()) {
            return null;
          }
          ItaniumNode base = parseEncoding();
          return special(isVirt ? "virtual thunk to " : "non-virtual thunk to ", base);
        }
      }
    }
    if (look() == 'G') {
      switch (look(1)) {
        case 'V':
          pos += 2;
          return special("guard variable for ", parseName(null));
        case 'R': {
          pos += 2;
          ItaniumNode name = parseName(null);
          if (name == null) {
            return null;
          }
          boolean parsedSeqId = parseSeqId() >= 0;
          if (!consumeIf('_') && parsedSeqId) {
            return null;
          }
          return mk(new Prefixed("reference temporary for ", name));
        }
        case 'I': {
          pos += 2;
          ModuleName[] module = {null};
          if (parseModuleNameOpt(module)) {
            return null;
          }
          if (module[0] == null) {
            return null;
          }
          return mk(new Prefixed("initializer for module ", module[0]));
        }
        default:
          return null;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ names

  private ItaniumNode parseName(NameState state) {
    enter();
    ItaniumNode r = parseNameImpl(state);
    depth--;
    return r;
  }

  private ItaniumNode parseNameImpl(NameState state) {
    if (look() == 'N') {
      return parseNestedName(state);
    }
    if (look() == 'Z') {
      return parseLocalName(state);
    }
    boolean[] isSubst = {false};
    ItaniumNode result = parseUnscopedName(state, isSubst);
    if (result == null) {
      return null;
    }
    if (look() == 'I') {
      if (!isSubst[0]) {
        subs.add(result);
      }
      ItaniumNode ta = parseTemplateArgs(state != null);
      if (ta == null) {
        return null;
      }
      if (state != null) {
        state.endsWithTemplateArgs = true;
      }
      result = mk(new NameWithTemplateArgs(result, ta));
    } else if (isSubst[0]) {
      return null;
    }
    return result;
  }

  private ItaniumNode parseLocalName(NameState state) {
    if (!consumeIf('Z')) {
      return null;
    }
    ItaniumNode encoding = parseEncoding();
    if (encoding == null || !consumeIf('E')) {
      return null;
    }
    if (consumeIf('s')) {
      parseDiscriminator();
      return mk(new Qualified(encoding, mk(new NameType("string literal")), "::", true));
    }
    ArrayList<ArrayList<ItaniumNode>> oldParams = templateParams;
    ArrayList<ItaniumNode> oldOuter = outerTemplateParams;
    templateParams = new ArrayList<>();
    outerTemplateParams = new ArrayList<>();
    try {
      if (consumeIf('d')) {
        parseNumber(true);
        if (!consumeIf('_')) {
          return null;
        }
        ItaniumNode n = parseName(state);
        if (n == null) {
          return null;
        }
        return mk(new Qualified(encoding, n, "::", true));
      }
      ItaniumNode entity = parseName(state);
      if (entity == null) {
        return null;
      }
      parseDiscriminator();
      return mk(new Qualified(encoding, entity, "::", true));
    } finally {
      templateParams = oldParams;
      outerTemplateParams = oldOuter;
    }
  }

  private ItaniumNode parseUnscopedName(NameState state, boolean[] isSubst) {
    ItaniumNode std = null;
    if (consumeIf('S', 't')) {
      std = mk(new NameType("std"));
    }
    ItaniumNode res = null;
    ModuleName module = null;
    if (look() == 'S') {
      ItaniumNode sub = parseSubstitution();
      if (sub == null) {
        return null;
      }
      if (sub instanceof ModuleName) {
        module = (ModuleName) sub;
      } else if (isSubst != null && std == null) {
        res = sub;
        isSubst[0] = true;
      } else {
        return null;
      }
    }
    if (res == null || std != null) {
      res = parseUnqualifiedName(state, std, module);
    }
    return res;
  }

  /**
   * An unqualified name in {@code scope}, within the C++20 module {@code module} (null if none)
   * and any module names that follow. The module is passed by value, not in an array as LLVM's
   * out parameter: an array per name part was a fifth of what demangling allocated.
   */
  private ItaniumNode parseUnqualifiedName(NameState state, ItaniumNode scope,
      ModuleName module) {
    if (look() == 'W') {
      ModuleName[] named = {module};
      if (parseModuleNameOpt(named)) {
        return null;
      }
      module = named[0];
    }
    boolean isMemberLikeFriend = scope != null && consumeIf('F');
    consumeIf('L');
    ItaniumNode result;
    char c = look();
    if (c >= '1' && c <= '9') {
      result = parseSourceName();
    } else if (c == 'U') {
      result = parseUnnamedTypeName(state);
    } else if (consumeIf('D', 'C')) {
      int begin = namesSize;
      do {
        ItaniumNode binding = parseSourceName();
        if (binding == null) {
          return null;
        }
        pushName(binding);
      } while (!consumeIf('E'));
      result = mk(new StructuredBindingName(popTrailing(begin)));
    } else if (c == 'C' || c == 'D') {
      if (scope == null || module != null) {
        return null;
      }
      ItaniumNode[] soFar = {scope};
      result = parseCtorDtorName(soFar, state);
      scope = soFar[0];
    } else {
      result = parseOperatorName(state);
    }
    if (result != null && module != null) {
      result = mk(new ModuleEntity(module, result));
    }
    if (result != null) {
      result = parseAbiTags(result);
    }
    if (result != null && isMemberLikeFriend) {
      result = mk(new Qualified(scope, result, "::friend ", false));
    } else if (result != null && scope != null) {
      result = mk(new Qualified(scope, result, "::", false));
    }
    return result;
  }

  private boolean parseModuleNameOpt(ModuleName[] module) {
    while (consumeIf('W')) {
      boolean isPartition = consumeIf('P');
      ItaniumNode sub = parseSourceName();
      if (sub == null) {
        return true;
      }
      module[0] = mk(new ModuleName(module[0], sub, isPartition));
      subs.add(module[0]);
    }
    return false;
  }

  private ItaniumNode parseUnnamedTypeName(NameState state) {
    if (state != null) {
      templateParams.clear();
    }
    if (consumeIf('U', 't')) {
      String count = parseNumber(false);
      if (!consumeIf('_')) {
        return null;
      }
      return mk(new UnnamedTypeName(count));
    }
    if (consumeIf('U', 'l')) {
      int savedLevel = parsingLambdaParamsAtLevel;
      parsingLambdaParamsAtLevel = templateParams.size();
      int oldNumLists = templateParams.size();
      ArrayList<ItaniumNode> lambdaParams = new ArrayList<>();
      templateParams.add(lambdaParams);
      try {
        int begin = namesSize;
        while (isTemplateParamDecl()) {
          ItaniumNode t = parseTemplateParamDecl(lambdaParams);
          if (t == null) {
            return null;
          }
          pushName(t);
        }
        ItaniumNode[] tempParams = popTrailing(begin);
        if (tempParams.length == 0) {
          templateParams.remove(templateParams.size() - 1);
        }
        ItaniumNode requires1 = null;
        if (consumeIf('Q')) {
          requires1 = parseConstraintExpr();
          if (requires1 == null) {
            return null;
          }
        }
        if (!consumeIf('v')) {
          do {
            ItaniumNode p = parseType();
            if (p == null) {
              return null;
            }
            pushName(p);
          } while (look() != 'E' && look() != 'Q');
        }
        ItaniumNode[] params = popTrailing(begin);
        ItaniumNode requires2 = null;
        if (consumeIf('Q')) {
          requires2 = parseConstraintExpr();
          if (requires2 == null) {
            return null;
          }
        }
        if (!consumeIf('E')) {
          return null;
        }
        String count = parseNumber(false);
        if (!consumeIf('_')) {
          return null;
        }
        return mk(new ClosureTypeName(tempParams, requires1, params, requires2, count));
      } finally {
        parsingLambdaParamsAtLevel = savedLevel;
        while (templateParams.size() > oldNumLists) {
          templateParams.remove(templateParams.size() - 1);
        }
      }
    }
    if (consumeIf('U', 'b')) {
      parseNumber(false);
      if (!consumeIf('_')) {
        return null;
      }
      return mk(new NameType("'block-literal'"));
    }
    return null;
  }

  private ItaniumNode parseSourceName() {
    long len = parsePositiveInteger();
    if (len <= 0 || numLeft() < len) {
      return null;
    }
    int start = pos;
    pos += (int) len;
    if (bytes[start] == '_' && s.startsWith("_GLOBAL__N", start) && len >= 10) {
      return mk(new NameType("(anonymous namespace)"));
    }
    return mk(new NameType(s.substring(start, pos)));
  }

  private ItaniumNode parseOperatorName(NameState state) {
    int op = parseOperatorEncoding();
    if (op >= 0) {
      int kind = OP_KIND[op];
      if (kind == CCAST) {
        boolean savedTry = tryToParseTemplateArgs;
        boolean savedPermit = permitForwardTemplateReferences;
        tryToParseTemplateArgs = false;
        permitForwardTemplateReferences = savedPermit || state != null;
        ItaniumNode ty = parseType();
        tryToParseTemplateArgs = savedTry;
        permitForwardTemplateReferences = savedPermit;
        if (ty == null) {
          return null;
        }
        if (state != null) {
          state.ctorDtorConversion = true;
        }
        return mk(new Prefixed("operator ", ty));
      }
      if (kind >= NAMEDCAST) {
        return null;
      }
      if (kind == MEMBER && !OP_FLAG[op]) {
        return null;
      }
      return mk(new NameType(OP_NAME[op]));
    }
    if (consumeIf('l', 'i')) {
      ItaniumNode sn = parseSourceName();
      if (sn == null) {
        return null;
      }
      return mk(new LiteralOperator(sn));
    }
    if (consumeIf('v')) {
      if (isDigit(look())) {
        pos++;
        ItaniumNode sn = parseSourceName();
        if (sn == null) {
          return null;
        }
        return mk(new Prefixed("operator ", sn));
      }
      return null;
    }
    return null;
  }

  private ItaniumNode parseCtorDtorName(ItaniumNode[] soFar, NameState state) {
    if (soFar[0] instanceof SpecialSubstitution) {
      soFar[0] = mk(new ExpandedSpecialSubstitution(((SpecialSubstitution) soFar[0]).kind));
    }
    if (consumeIf('C')) {
      boolean isInherited = consumeIf('I');
      char c = look();
      if (c < '1' || c > '5') {
        return null;
      }
      pos++;
      if (state != null) {
        state.ctorDtorConversion = true;
      }
      if (isInherited) {
        if (parseName(state) == null) {
          return null;
        }
      }
      return mk(new CtorDtorName(soFar[0], false));
    }
    char c1 = look(1);
    if (look() == 'D' && (c1 == '0' || c1 == '1' || c1 == '2' || c1 == '4' || c1 == '5')) {
      pos += 2;
      if (state != null) {
        state.ctorDtorConversion = true;
      }
      return mk(new CtorDtorName(soFar[0], true));
    }
    return null;
  }

  private ItaniumNode parseNestedName(NameState state) {
    if (!consumeIf('N')) {
      return null;
    }
    if (!consumeIf('H')) {
      int cv = parseCVQualifiers();
      if (state != null) {
        state.cvQualifiers = cv;
      }
      if (consumeIf('O')) {
        if (state != null) {
          state.refQualifier = ItaniumNode.REF_RVALUE;
        }
      } else if (consumeIf('R')) {
        if (state != null) {
          state.refQualifier = ItaniumNode.REF_LVALUE;
        }
      } else if (state != null) {
        state.refQualifier = ItaniumNode.REF_NONE;
      }
    } else if (state != null) {
      state.hasExplicitObjectParameter = true;
    }
    ItaniumNode soFar = null;
    while (!consumeIf('E')) {
      if (state != null) {
        state.endsWithTemplateArgs = false;
      }
      if (look() == 'T') {
        if (soFar != null) {
          return null;
        }
        soFar = parseTemplateParam();
      } else if (look() == 'I') {
        if (soFar == null) {
          return null;
        }
        ItaniumNode ta = parseTemplateArgs(state != null);
        if (ta == null) {
          return null;
        }
        if (soFar instanceof NameWithTemplateArgs) {
          return null;
        }
        if (state != null) {
          state.endsWithTemplateArgs = true;
        }
        soFar = mk(new NameWithTemplateArgs(soFar, ta));
      } else if (look() == 'D' && (look(1) == 't' || look(1) == 'T')) {
        if (soFar != null) {
          return null;
        }
        soFar = parseDecltype();
      } else {
        ModuleName module = null;
        if (look() == 'S') {
          ItaniumNode sub;
          if (look(1) == 't') {
            pos += 2;
            sub = mk(new NameType("std"));
          } else {
            sub = parseSubstitution();
          }
          if (sub == null) {
            return null;
          }
          if (sub instanceof ModuleName) {
            module = (ModuleName) sub;
          } else if (soFar != null) {
            return null;
          } else {
            soFar = sub;
            continue;
          }
        }
        soFar = parseUnqualifiedName(state, soFar, module);
      }
      if (soFar == null) {
        return null;
      }
      subs.add(soFar);
      consumeIf('M');
    }
    if (soFar == null || subs.isEmpty()) {
      return null;
    }
    subs.remove(subs.size() - 1);
    return soFar;
  }

  private ItaniumNode parseSimpleId() {
    ItaniumNode sn = parseSourceName();
    if (sn == null) {
      return null;
    }
    if (look() == 'I') {
      ItaniumNode ta = parseTemplateArgs(false);
      if (ta == null) {
        return null;
      }
      return mk(new NameWithTemplateArgs(sn, ta));
    }
    return sn;
  }

  private ItaniumNode parseDestructorName() {
    ItaniumNode result = isDigit(look()) ? parseSimpleId() : parseUnresolvedType();
    if (result == null) {
      return null;
    }
    return mk(new DtorName(result));
  }

  private ItaniumNode parseUnresolvedType() {
    if (look() == 'T') {
      ItaniumNode tp = parseTemplateParam();
      if (tp == null) {
        return null;
      }
      subs.add(tp);
      return tp;
    }
    if (look() == 'D') {
      ItaniumNode dt = parseDecltype();
      if (dt == null) {
        return null;
      }
      subs.add(dt);
      return dt;
    }
    return parseSubstitution();
  }

  private ItaniumNode parseBaseUnresolvedName() {
    if (isDigit(look())) {
      return parseSimpleId();
    }
    if (consumeIf('d', 'n')) {
      return parseDestructorName();
    }
    consumeIf('o', 'n');
    ItaniumNode oper = parseOperatorName(null);
    if (oper == null) {
      return null;
    }
    if (look() == 'I') {
      ItaniumNode ta = parseTemplateArgs(false);
      if (ta == null) {
        return null;
      }
      return mk(new NameWithTemplateArgs(oper, ta));
    }
    return oper;
  }

  private ItaniumNode qualified(ItaniumNode a, ItaniumNode b) {
    return mk(new Qualified(a, b, "::", false));
  }

  private ItaniumNode parseUnresolvedName(boolean global) {
    ItaniumNode soFar = null;
    if (consumeIf("srN")) {
      soFar = parseUnresolvedType();
      if (soFar == null) {
        return null;
      }
      if (look() == 'I') {
        ItaniumNode ta = parseTemplateArgs(false);
        if (ta == null) {
          return null;
        }
        soFar = mk(new NameWithTemplateArgs(soFar, ta));
      }
      while (!consumeIf('E')) {
        ItaniumNode qual = parseSimpleId();
        if (qual == null) {
          return null;
        }
        soFar = qualified(soFar, qual);
      }
      ItaniumNode base = parseBaseUnresolvedName();
      if (base == null) {
        return null;
      }
      return qualified(soFar, base);
    }
    if (!consumeIf('s', 'r')) {
      soFar = parseBaseUnresolvedName();
      if (soFar == null) {
        return null;
      }
      if (global) {
        soFar = mk(new GlobalQualifiedName(soFar));
      }
      return soFar;
    }
    if (isDigit(look())) {
      do {
        ItaniumNode qual = parseSimpleId();
        if (qual == null) {
          return null;
        }
        if (soFar != null) {
          soFar = qualified(soFar, qual);
        } else if (global) {
          soFar = mk(new GlobalQualifiedName(qual));
        } else {
          soFar = qual;
        }
      } while (!consumeIf('E'));
    } else {
      soFar = parseUnresolvedType();
      if (soFar == null) {
        return null;
      }
      if (look() == 'I') {
        ItaniumNode ta = parseTemplateArgs(false);
        if (ta == null) {
          return null;
        }
        soFar = mk(new NameWithTemplateArgs(soFar, ta));
      }
    }
    ItaniumNode base = parseBaseUnresolvedName();
    if (base == null) {
      return null;
    }
    return qualified(soFar, base);
  }

  private ItaniumNode parseAbiTags(ItaniumNode n) {
    while (consumeIf('B')) {
      String sn = parseBareSourceName();
      if (sn.isEmpty()) {
        return null;
      }
      n = mk(new AbiTagAttr(n, sn));
    }
    return n;
  }

  // ------------------------------------------------------------------ types

  private ItaniumNode parseFunctionType() {
    int cv = parseCVQualifiers();
    ItaniumNode exceptionSpec = null;
    if (consumeIf('D', 'o')) {
      exceptionSpec = mk(new NameType("noexcept"));
    } else if (consumeIf('D', 'O')) {
      ItaniumNode e = parseExpr();
      if (e == null || !consumeIf('E')) {
        return null;
      }
      exceptionSpec = mk(new NoexceptSpec(e));
    } else if (consumeIf('D', 'w')) {
      int begin = namesSize;
      while (!consumeIf('E')) {
        ItaniumNode t = parseType();
        if (t == null) {
          return null;
        }
        pushName(t);
      }
      exceptionSpec = mk(new DynamicExceptionSpec(popTrailing(begin)));
    }
    consumeIf('D', 'x');
    if (!consumeIf('F')) {
      return null;
    }
    consumeIf('Y');
    ItaniumNode ret = parseType();
    if (ret == null) {
      return null;
    }
    int refQual = ItaniumNode.REF_NONE;
    int begin = namesSize;
    for (;;) {
      if (consumeIf('E')) {
        break;
      }
      if (consumeIf('v')) {
        continue;
      }
      if (consumeIf('R', 'E')) {
        refQual = ItaniumNode.REF_LVALUE;
        break;
      }
      if (consumeIf('O', 'E')) {
        refQual = ItaniumNode.REF_RVALUE;
        break;
      }
      ItaniumNode t = parseType();
      if (t == null) {
        return null;
      }
      pushName(t);
    }
    ItaniumNode[] params = popTrailing(begin);
    return mk(new FunctionType(ret, params, cv, refQual, exceptionSpec));
  }

  private ItaniumNode parseVectorType() {
    if (!consumeIf('D', 'v')) {
      return null;
    }
    if (look() >= '1' && look() <= '9') {
      ItaniumNode dim = mk(new NameType(parseNumber(false)));
      if (!consumeIf('_')) {
        return null;
      }
      if (consumeIf('p')) {
        return mk(new PixelVectorType(dim));
      }
      ItaniumNode elem = parseType();
      if (elem == null) {
        return null;
      }
      return mk(new VectorType(elem, dim));
    }
    if (!consumeIf('_')) {
      ItaniumNode dimExpr = parseExpr();
      if (dimExpr == null || !consumeIf('_')) {
        return null;
      }
      ItaniumNode elem = parseType();
      if (elem == null) {
        return null;
      }
      return mk(new VectorType(elem, dimExpr));
    }
    ItaniumNode elem = parseType();
    if (elem == null) {
      return null;
    }
    return mk(new VectorType(elem, null));
  }

  private ItaniumNode parseDecltype() {
    if (!consumeIf('D')) {
      return null;
    }
    if (!consumeIf('t') && !consumeIf('T')) {
      return null;
    }
    ItaniumNode e = parseExpr();
    if (e == null || !consumeIf('E')) {
      return null;
    }
    return mk(new EnclosingExpr("decltype", e, ItaniumNode.PRIMARY));
  }

  private ItaniumNode parseArrayType() {
    if (!consumeIf('A')) {
      return null;
    }
    ItaniumNode dim = null;
    if (isDigit(look())) {
      dim = mk(new NameType(parseNumber(false)));
      if (!consumeIf('_')) {
        return null;
      }
    } else if (!consumeIf('_')) {
      ItaniumNode dimExpr = parseExpr();
      if (dimExpr == null || !consumeIf('_')) {
        return null;
      }
      dim = dimExpr;
    }
    ItaniumNode ty = parseType();
    if (ty == null) {
      return null;
    }
    return mk(new ArrayType(ty, dim));
  }

  private ItaniumNode parsePointerToMemberType() {
    if (!consumeIf('M')) {
      return null;
    }
    ItaniumNode cls = parseType();
    if (cls == null) {
      return null;
    }
    ItaniumNode member = parseType();
    if (member == null) {
      return null;
    }
    return mk(new PointerToMemberType(cls, member));
  }

  private ItaniumNode parseClassEnumType() {
    String elab = null;
    if (consumeIf('T', 's')) {
      elab = "struct";
    } else if (consumeIf('T', 'u')) {
      elab = "union";
    } else if (consumeIf('T', 'e')) {
      elab = "enum";
    }
    ItaniumNode name = parseName(null);
    if (name == null) {
      return null;
    }
    if (elab != null) {
      return mk(new ElaboratedTypeSpefType(elab, name));
    }
    return name;
  }

  private ItaniumNode parseQualifiedType() {
    enter();
    ItaniumNode r = parseQualifiedTypeImpl();
    depth--;
    return r;
  }

  private ItaniumNode parseQualifiedTypeImpl() {
    if (consumeIf('U')) {
      String qual = parseBareSourceName();
      if (qual.isEmpty()) {
        return null;
      }
      if (qual.startsWith("objcproto")) {
        String protoSource = qual.substring("objcproto".length());
        String proto;
        {
          int savedPos = pos;
          int savedEnd = end;
          ItaniumParser sub = new ItaniumParser(protoSource);
          proto = sub.parseBareSourceName();
          pos = savedPos;
          end = savedEnd;
        }
        if (proto.isEmpty()) {
          return null;
        }
        ItaniumNode child = parseQualifiedType();
        if (child == null) {
          return null;
        }
        return mk(new ObjCProtoName(child, proto));
      }
      ItaniumNode ta = null;
      if (look() == 'I') {
        ta = parseTemplateArgs(false);
        if (ta == null) {
          return null;
        }
      }
      ItaniumNode child = parseQualifiedType();
      if (child == null) {
        return null;
      }
      return mk(new VendorExtQualType(child, qual, ta));
    }
    int quals = parseCVQualifiers();
    ItaniumNode ty = parseType();
    if (ty == null) {
      return null;
    }
    if (quals != 0) {
      ty = mk(new QualType(ty, quals));
    }
    return ty;
  }

  private ItaniumNode builtin(int advance, String name) {
    pos += advance;
    return mk(new NameType(name));
  }

  /** Builtin types by their letter, and by the letter after {@code D}. */
  private static final String[] BUILTIN = new String[128];
  private static final String[] D_BUILTIN = new String[128];

  static {
    String[] letters = {
      "v", "void", "w", "wchar_t", "b", "bool", "c", "char", "a", "signed char",
      "h", "unsigned char", "s", "short", "t", "unsigned short", "i", "int",
      "j", "unsigned int", "l", "long", "m", "unsigned long", "x", "long long",
      "y", "unsigned long long", "n", "__int128", "o", "unsigned __int128", "f", "float",
      "d", "double", "e", "long double", "g", "__float128", "z", "..."
    };
    for (int i = 0; i < letters.length; i += 2) {
      BUILTIN[letters[i].charAt(0)] = letters[i + 1];
    }
    String[] afterD = {
      "d", "decimal64", "e", "decimal128", "f", "decimal32", "h", "half", "i", "char32_t",
      "s", "char16_t", "u", "char8_t", "a", "auto", "c", "decltype(auto)", "n", "std::nullptr_t"
    };
    for (int i = 0; i < afterD.length; i += 2) {
      D_BUILTIN[afterD[i].charAt(0)] = afterD[i + 1];
    }
  }

  /**
   * The builtin type that {@code c0} (and {@code c1} after a {@code D}) encode, or null: the
   * one table of both parsers.
   */
  static String builtinType(char c0, char c1) {
    if (c0 == 'D') {
      return c1 < 128 ? D_BUILTIN[c1] : null;
    }
    return c0 < 128 ? BUILTIN[c0] : null;
  }

  ItaniumNode parseType() {
    enter();
    ItaniumNode r = parseTypeImpl();
    depth--;
    return r;
  }

  private ItaniumNode parseTypeImpl() {
    ItaniumNode result;
    String builtin = builtinType(look(), look(1));
    if (builtin != null) {
      return builtin(look() == 'D' ? 2 : 1, builtin);
    }
    switch (look()) {
      case 'r':
      case 'V':
      case 'K': {
        int after = 0;
        if (look(after) == 'r') {
          ++after;
        }
        if (look(after) == 'V') {
          ++after;
        }
        if (look(after) == 'K') {
          ++after;
        }
        char c = look(after);
        char c1 = look(after + 1);
        if (c == 'F' || (c == 'D' && (c1 == 'o' || c1 == 'O' || c1 == 'w' || c1 == 'x'))) {
          result = parseFunctionType();
        } else {
          result = parseQualifiedType();
        }
        break;
      }
      case 'U':
        result = parseQualifiedType();
        break;
      case 'u': {
        ++pos;
        String res = parseBareSourceName();
        if (res.isEmpty()) {
          return null;
        }
        if (consumeIf('I')) {
          ItaniumNode base = parseType();
          if (base == null || !consumeIf('E')) {
            return null;
          }
          result = mk(new TransformedType(res, base));
        } else {
          result = mk(new NameType(res));
        }
        break;
      }
      case 'D':
        switch (look(1)) {
          case 'F': {
            pos += 2;
            ItaniumNode dim = mk(new NameType(parseNumber(false)));
            if (!consumeIf('_')) {
              return null;
            }
            return mk(new BinaryFPType(dim));
          }
          case 'B':
          case 'U': {
            boolean signed = look(1) == 'B';
            pos += 2;
            ItaniumNode size = isDigit(look()) ? mk(new NameType(parseNumber(false))) : parseExpr();
            if (size == null || !consumeIf('_')) {
              return null;
            }
            return mk(new BitIntType(size, signed));
          }
          case 'k':
          case 'K': {
            String kind = look(1) == 'k' ? " auto" : " decltype(auto)";
            pos += 2;
            ItaniumNode constraint = parseName(null);
            if (constraint == null) {
              return null;
            }
            return mk(new PostfixQualifiedType(constraint, kind));
          }
          case 't':
          case 'T':
            result = parseDecltype();
            break;
          case 'v':
            result = parseVectorType();
            break;
          case 'p': {
            pos += 2;
            ItaniumNode child = parseType();
            if (child == null) {
              return null;
            }
            result = mk(new ParameterPackExpansion(child));
            break;
          }
          case 'o':
          case 'O':
          case 'w':
          case 'x':
            result = parseFunctionType();
            break;
          default:
            result = null;
            break;
        }
        break;
      case 'F':
        result = parseFunctionType();
        break;
      case 'A':
        result = parseArrayType();
        break;
      case 'M':
        result = parsePointerToMemberType();
        break;
      case 'T': {
        if (look(1) == 's' || look(1) == 'u' || look(1) == 'e') {
          result = parseClassEnumType();
          break;
        }
        result = parseTemplateParam();
        if (result == null) {
          return null;
        }
        if (tryToParseTemplateArgs && look() == 'I') {
          // LLVM 19 does not make the template-template-param itself a substitution here.
          ItaniumNode ta = parseTemplateArgs(false);
          if (ta == null) {
            return null;
          }
          result = mk(new NameWithTemplateArgs(result, ta));
        }
        break;
      }
      case 'P': {
        ++pos;
        ItaniumNode ptr = parseType();
        if (ptr == null) {
          return null;
        }
        result = mk(new PointerType(ptr));
        break;
      }
      case 'R':
      case 'O': {
        boolean rvalue = look() == 'O';
        ++pos;
        ItaniumNode ref = parseType();
        if (ref == null) {
          return null;
        }
        result = mk(new ReferenceType(ref, rvalue));
        break;
      }
      case 'C': {
        ++pos;
        ItaniumNode t = parseType();
        if (t == null) {
          return null;
        }
        result = mk(new PostfixQualifiedType(t, " complex"));
        break;
      }
      case 'G': {
        ++pos;
        ItaniumNode t = parseType();
        if (t == null) {
          return null;
        }
        result = mk(new PostfixQualifiedType(t, " imaginary"));
        break;
      }
      case 'S': {
        if (look(1) != 't') {
          boolean[] isSubst = {false};
          result = parseUnscopedName(null, isSubst);
          if (result == null) {
            return null;
          }
          if (look() == 'I' && (!isSubst[0] || tryToParseTemplateArgs)) {
            if (!isSubst[0]) {
              subs.add(result);
            }
            ItaniumNode ta = parseTemplateArgs(false);
            if (ta == null) {
              return null;
            }
            result = mk(new NameWithTemplateArgs(result, ta));
          } else if (isSubst[0]) {
            return result;
          }
          break;
        }
        result = parseClassEnumType();
        break;
      }
      default:
        result = parseClassEnumType();
        break;
    }
    if (result != null) {
      subs.add(result);
    }
    return result;
  }

  // ------------------------------------------------------------------ expressions

  private ItaniumNode parsePrefixExpr(String kind, int prec) {
    ItaniumNode e = parseExpr();
    if (e == null) {
      return null;
    }
    return mk(new PrefixExpr(kind, e, prec));
  }

  private ItaniumNode parseBinaryExpr(String kind, int prec) {
    ItaniumNode lhs = parseExpr();
    if (lhs == null) {
      return null;
    }
    ItaniumNode rhs = parseExpr();
    if (rhs == null) {
      return null;
    }
    return mk(new BinaryExpr(lhs, kind, rhs, prec));
  }

  private ItaniumNode parseIntegerLiteral(String lit) {
    String tmp = parseNumber(true);
    if (!tmp.isEmpty() && consumeIf('E')) {
      return mk(new IntegerLiteral(lit, tmp));
    }
    return null;
  }

  private ItaniumNode parseFunctionParam() {
    if (consumeIf("fpT")) {
      return mk(new NameType("this"));
    }
    if (consumeIf('f', 'p')) {
      parseCVQualifiers();
      String num = parseNumber(false);
      if (!consumeIf('_')) {
        return null;
      }
      return mk(new FunctionParam(num));
    }
    if (consumeIf('f', 'L')) {
      if (parseNumber(false).isEmpty() || !consumeIf('p')) {
        return null;
      }
      parseCVQualifiers();
      String num = parseNumber(false);
      if (!consumeIf('_')) {
        return null;
      }
      return mk(new FunctionParam(num));
    }
    return null;
  }

  private ItaniumNode parseFloatingLiteral(int kind) {
    int n = ItaniumFloats.mangledSize(kind);
    if (numLeft() <= n) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char c = (char) (bytes[pos + i] & 0xff);
      if (!isDigit(c) && !(c >= 'a' && c <= 'f')) {
        return null;
      }
    }
    String data = s.substring(pos, pos + n);
    pos += n;
    if (!consumeIf('E')) {
      return null;
    }
    return mk(new FloatLiteral(data, kind));
  }

  private ItaniumNode parseExprPrimary() {
    if (!consumeIf('L')) {
      return null;
    }
    switch (look()) {
      case 'w':
        ++pos;
        return parseIntegerLiteral("wchar_t");
      case 'b':
        if (consumeIf("b0E")) {
          return mk(new BoolExpr(false));
        }
        if (consumeIf("b1E")) {
          return mk(new BoolExpr(true));
        }
        return null;
      case 'c':
        ++pos;
        return parseIntegerLiteral("char");
      case 'a':
        ++pos;
        return parseIntegerLiteral("signed char");
      case 'h':
        ++pos;
        return parseIntegerLiteral("unsigned char");
      case 's':
        ++pos;
        return parseIntegerLiteral("short");
      case 't':
        ++pos;
        return parseIntegerLiteral("unsigned short");
      case 'i':
        ++pos;
        return parseIntegerLiteral("");
      case 'j':
        ++pos;
        return parseIntegerLiteral("u");
      case 'l':
        ++pos;
        return parseIntegerLiteral("l");
      case 'm':
        ++pos;
        return parseIntegerLiteral("ul");
      case 'x':
        ++pos;
        return parseIntegerLiteral("ll");
      case 'y':
        ++pos;
        return parseIntegerLiteral("ull");
      case 'n':
        ++pos;
        return parseIntegerLiteral("__int128");
      case 'o':
        ++pos;
        return parseIntegerLiteral("unsigned __int128");
      case 'f':
        ++pos;
        return parseFloatingLiteral(ItaniumFloats.FLOAT);
      case 'd':
        ++pos;
        return parseFloatingLiteral(ItaniumFloats.DOUBLE);
      case 'e':
        ++pos;
        return parseFloatingLiteral(ItaniumFloats.LONG_DOUBLE);
      case '_':
        if (consumeIf('_', 'Z')) {
          ItaniumNode r = parseEncoding();
          if (r != null && consumeIf('E')) {
            return r;
          }
        }
        return null;
      case 'A': {
        ItaniumNode t = parseType();
        if (t == null || !consumeIf('E')) {
          return null;
        }
        return mk(new StringLiteral(t));
      }
      case 'D':
        if (consumeIf('D', 'n')) {
          consumeIf('0');
          if (consumeIf('E')) {
            return mk(new NameType("nullptr"));
          }
        }
        return null;
      case 'T':
        return null;
      case 'U': {
        if (look(1) != 'l') {
          return null;
        }
        ItaniumNode t = parseUnnamedTypeName(null);
        if (t == null || !consumeIf('E')) {
          return null;
        }
        return mk(new LambdaExpr(t));
      }
      default: {
        ItaniumNode t = parseType();
        if (t == null) {
          return null;
        }
        String n = parseNumber(true);
        if (n.isEmpty() || !consumeIf('E')) {
          return null;
        }
        return mk(new EnumLiteral(t, n));
      }
    }
  }

  private ItaniumNode parseBracedExpr() {
    enter();
    ItaniumNode r = parseBracedExprImpl();
    depth--;
    return r;
  }

  private ItaniumNode parseBracedExprImpl() {
    if (look() == 'd') {
      switch (look(1)) {
        case 'i': {
          pos += 2;
          ItaniumNode field = parseSourceName();
          if (field == null) {
            return null;
          }
          ItaniumNode init = parseBracedExpr();
          if (init == null) {
            return null;
          }
          return mk(new BracedExpr(field, init, false));
        }
        case 'x': {
          pos += 2;
          ItaniumNode index = parseExpr();
          if (index == null) {
            return null;
          }
          ItaniumNode init = parseBracedExpr();
          if (init == null) {
            return null;
          }
          return mk(new BracedExpr(index, init, true));
        }
        case 'X': {
          pos += 2;
          ItaniumNode first = parseExpr();
          if (first == null) {
            return null;
          }
          ItaniumNode last = parseExpr();
          if (last == null) {
            return null;
          }
          ItaniumNode init = parseBracedExpr();
          if (init == null) {
            return null;
          }
          return mk(new BracedRangeExpr(first, last, init));
        }
        default:
          break;
      }
    }
    return parseExpr();
  }

  private ItaniumNode parseFoldExpr() {
    if (!consumeIf('f')) {
      return null;
    }
    boolean isLeftFold;
    boolean hasInit;
    switch (look()) {
      case 'L':
        isLeftFold = true;
        hasInit = true;
        break;
      case 'R':
        isLeftFold = false;
        hasInit = true;
        break;
      case 'l':
        isLeftFold = true;
        hasInit = false;
        break;
      case 'r':
        isLeftFold = false;
        hasInit = false;
        break;
      default:
        return null;
    }
    ++pos;
    int op = parseOperatorEncoding();
    if (op < 0) {
      return null;
    }
    if (!(OP_KIND[op] == BINARY || (OP_KIND[op] == MEMBER && OP_NAME[op].endsWith("*")))) {
      return null;
    }
    ItaniumNode pack = parseExpr();
    if (pack == null) {
      return null;
    }
    ItaniumNode init = null;
    if (hasInit) {
      init = parseExpr();
      if (init == null) {
        return null;
      }
    }
    if (isLeftFold && init != null) {
      ItaniumNode t = pack;
      pack = init;
      init = t;
    }
    return mk(new FoldExpr(isLeftFold, symbol(op), pack, init));
  }

  private ItaniumNode parsePointerToMemberConversionExpr(int prec) {
    ItaniumNode ty = parseType();
    if (ty == null) {
      return null;
    }
    ItaniumNode expr = parseExpr();
    if (expr == null) {
      return null;
    }
    parseNumber(true);
    if (!consumeIf('E')) {
      return null;
    }
    return mk(new PointerToMemberConversionExpr(ty, expr, prec));
  }

  private ItaniumNode parseSubobjectExpr() {
    ItaniumNode ty = parseType();
    if (ty == null) {
      return null;
    }
    ItaniumNode expr = parseExpr();
    if (expr == null) {
      return null;
    }
    String offset = parseNumber(true);
    while (consumeIf('_')) {
      parseNumber(false);
      mk(new NameType(""));
    }
    consumeIf('p');
    if (!consumeIf('E')) {
      return null;
    }
    return mk(new SubobjectExpr(ty, expr, offset));
  }

  private ItaniumNode parseConstraintExpr() {
    boolean saved = hasIncompleteTemplateParameterTracking;
    hasIncompleteTemplateParameterTracking = true;
    ItaniumNode r = parseExpr();
    hasIncompleteTemplateParameterTracking = saved;
    return r;
  }

  private ItaniumNode parseRequiresExpr() {
    ItaniumNode[] params = ItaniumNode.EMPTY;
    if (consumeIf('r', 'Q')) {
      int begin = namesSize;
      while (!consumeIf('_')) {
        ItaniumNode t = parseType();
        if (t == null) {
          return null;
        }
        pushName(t);
      }
      params = popTrailing(begin);
    } else if (!consumeIf('r', 'q')) {
      return null;
    }
    int begin = namesSize;
    do {
      ItaniumNode constraint = null;
      if (consumeIf('X')) {
        ItaniumNode expr = parseExpr();
        if (expr == null) {
          return null;
        }
        boolean noexcept = consumeIf('N');
        ItaniumNode typeReq = null;
        if (consumeIf('R')) {
          typeReq = parseName(null);
          if (typeReq == null) {
            return null;
          }
        }
        constraint = mk(new ExprRequirement(expr, noexcept, typeReq));
      } else if (consumeIf('T')) {
        ItaniumNode type = parseType();
        if (type == null) {
          return null;
        }
        constraint = mk(new SimpleRequirement(" typename ", type));
      } else if (consumeIf('Q')) {
        ItaniumNode nested = parseExpr();
        if (nested == null) {
          return null;
        }
        constraint = mk(new SimpleRequirement(" requires ", nested));
      }
      if (constraint == null) {
        return null;
      }
      pushName(constraint);
    } while (!consumeIf('E'));
    return mk(new RequiresExpr(params, popTrailing(begin)));
  }

  ItaniumNode parseExpr() {
    enter();
    ItaniumNode r = parseExprImpl();
    depth--;
    return r;
  }

  private ItaniumNode parseExprImpl() {
    boolean global = consumeIf('g', 's');
    int op = parseOperatorEncoding();
    if (op >= 0) {
      String sym = symbol(op);
      int prec = OP_PREC[op];
      switch (OP_KIND[op]) {
        case BINARY:
          return parseBinaryExpr(sym, prec);
        case PREFIX:
          return parsePrefixExpr(sym, prec);
        case POSTFIX: {
          if (consumeIf('_')) {
            return parsePrefixExpr(sym, prec);
          }
          ItaniumNode ex = parseExpr();
          if (ex == null) {
            return null;
          }
          return mk(new PostfixExpr(ex, sym, prec));
        }
        case ARRAY: {
          ItaniumNode base = parseExpr();
          if (base == null) {
            return null;
          }
          ItaniumNode index = parseExpr();
          if (index == null) {
            return null;
          }
          return mk(new ArraySubscriptExpr(base, index, prec));
        }
        case MEMBER: {
          ItaniumNode lhs = parseExpr();
          if (lhs == null) {
            return null;
          }
          ItaniumNode rhs = parseExpr();
          if (rhs == null) {
            return null;
          }
          return mk(new MemberExpr(lhs, sym, rhs, prec));
        }
        case NEW: {
          int exprs = namesSize;
          while (!consumeIf('_')) {
            ItaniumNode ex = parseExpr();
            if (ex == null) {
              return null;
            }
            pushName(ex);
          }
          ItaniumNode[] exprList = popTrailing(exprs);
          ItaniumNode ty = parseType();
          if (ty == null) {
            return null;
          }
          boolean haveInits = consumeIf('p', 'i');
          int initsBegin = namesSize;
          while (!consumeIf('E')) {
            if (!haveInits) {
              return null;
            }
            ItaniumNode init = parseExpr();
            if (init == null) {
              return null;
            }
            pushName(init);
          }
          ItaniumNode[] inits = popTrailing(initsBegin);
          return mk(new NewExpr(exprList, ty, inits, global, OP_FLAG[op], prec));
        }
        case DEL: {
          ItaniumNode ex = parseExpr();
          if (ex == null) {
            return null;
          }
          return mk(new DeleteExpr(ex, global, OP_FLAG[op], prec));
        }
        case CALL: {
          ItaniumNode callee = parseExpr();
          if (callee == null) {
            return null;
          }
          int begin = namesSize;
          while (!consumeIf('E')) {
            ItaniumNode e = parseExpr();
            if (e == null) {
              return null;
            }
            pushName(e);
          }
          return mk(new CallExpr(callee, popTrailing(begin), OP_FLAG[op], prec));
        }
        case CCAST: {
          boolean saved = tryToParseTemplateArgs;
          tryToParseTemplateArgs = false;
          ItaniumNode ty = parseType();
          tryToParseTemplateArgs = saved;
          if (ty == null) {
            return null;
          }
          int begin = namesSize;
          boolean isMany = consumeIf('_');
          while (!consumeIf('E')) {
            ItaniumNode e = parseExpr();
            if (e == null) {
              return null;
            }
            pushName(e);
            if (!isMany) {
              break;
            }
          }
          ItaniumNode[] exprs = popTrailing(begin);
          if (!isMany && exprs.length != 1) {
            return null;
          }
          return mk(new ConversionExpr(ty, exprs, prec));
        }
        case CONDITIONAL: {
          ItaniumNode cond = parseExpr();
          if (cond == null) {
            return null;
          }
          ItaniumNode lhs = parseExpr();
          if (lhs == null) {
            return null;
          }
          ItaniumNode rhs = parseExpr();
          if (rhs == null) {
            return null;
          }
          return mk(new ConditionalExpr(cond, lhs, rhs, prec));
        }
        case NAMEDCAST: {
          ItaniumNode ty = parseType();
          if (ty == null) {
            return null;
          }
          ItaniumNode ex = parseExpr();
          if (ex == null) {
            return null;
          }
          return mk(new CastExpr(sym, ty, ex, prec));
        }
        case OFIDOP: {
          ItaniumNode arg = OP_FLAG[op] ? parseType() : parseExpr();
          if (arg == null) {
            return null;
          }
          return mk(new EnclosingExpr(sym, arg, prec));
        }
        default:
          return null;
      }
    }
    if (numLeft() < 2) {
      return null;
    }
    if (look() == 'L') {
      return parseExprPrimary();
    }
    if (look() == 'T') {
      return parseTemplateParam();
    }
    if (look() == 'f') {
      if (look(1) == 'p' || (look(1) == 'L' && isDigit(look(2)))) {
        return parseFunctionParam();
      }
      return parseFoldExpr();
    }
    if (consumeIf('i', 'l')) {
      int begin = namesSize;
      while (!consumeIf('E')) {
        ItaniumNode e = parseBracedExpr();
        if (e == null) {
          return null;
        }
        pushName(e);
      }
      return mk(new InitListExpr(null, popTrailing(begin)));
    }
    if (consumeIf('m', 'c')) {
      return parsePointerToMemberConversionExpr(ItaniumNode.UNARY);
    }
    if (consumeIf('n', 'x')) {
      ItaniumNode ex = parseExpr();
      if (ex == null) {
        return null;
      }
      return mk(new EnclosingExpr("noexcept ", ex, ItaniumNode.UNARY));
    }
    if (look() == 'r' && (look(1) == 'q' || look(1) == 'Q')) {
      return parseRequiresExpr();
    }
    if (consumeIf('s', 'o')) {
      return parseSubobjectExpr();
    }
    if (consumeIf('s', 'p')) {
      ItaniumNode child = parseExpr();
      if (child == null) {
        return null;
      }
      return mk(new ParameterPackExpansion(child));
    }
    if (consumeIf('s', 'Z')) {
      if (look() == 'T') {
        ItaniumNode r = parseTemplateParam();
        if (r == null) {
          return null;
        }
        return mk(new SizeofParamPackExpr(r));
      }
      ItaniumNode fp = parseFunctionParam();
      if (fp == null) {
        return null;
      }
      return mk(new EnclosingExpr("sizeof... ", fp, ItaniumNode.PRIMARY));
    }
    if (consumeIf('s', 'P')) {
      int begin = namesSize;
      while (!consumeIf('E')) {
        ItaniumNode arg = parseTemplateArg();
        if (arg == null) {
          return null;
        }
        pushName(arg);
      }
      ItaniumNode pack = mk(new NodeArrayNode(popTrailing(begin)));
      return mk(new EnclosingExpr("sizeof... ", pack, ItaniumNode.PRIMARY));
    }
    if (consumeIf('t', 'l')) {
      ItaniumNode ty = parseType();
      if (ty == null) {
        return null;
      }
      int begin = namesSize;
      while (!consumeIf('E')) {
        ItaniumNode e = parseBracedExpr();
        if (e == null) {
          return null;
        }
        pushName(e);
      }
      return mk(new InitListExpr(ty, popTrailing(begin)));
    }
    if (consumeIf('t', 'r')) {
      return mk(new NameType("throw"));
    }
    if (consumeIf('t', 'w')) {
      ItaniumNode ex = parseExpr();
      if (ex == null) {
        return null;
      }
      return mk(new ThrowExpr(ex));
    }
    if (consumeIf('u')) {
      ItaniumNode name = parseSourceName();
      if (name == null) {
        return null;
      }
      boolean isUuid = false;
      ItaniumNode uuid = null;
      if (name.baseName().equals("__uuidof")) {
        if (consumeIf('t')) {
          uuid = parseType();
          isUuid = true;
        } else if (consumeIf('z')) {
          uuid = parseExpr();
          isUuid = true;
        }
      }
      int begin = namesSize;
      if (isUuid) {
        if (uuid == null) {
          return null;
        }
        pushName(uuid);
      } else {
        while (!consumeIf('E')) {
          ItaniumNode e = parseTemplateArg();
          if (e == null) {
            return null;
          }
          pushName(e);
        }
      }
      return mk(new CallExpr(name, popTrailing(begin), false, ItaniumNode.POSTFIX));
    }
    return parseUnresolvedName(global);
  }

  // ------------------------------------------------------------------ substitutions, templates

  private ItaniumNode parseSubstitution() {
    if (!consumeIf('S')) {
      return null;
    }
    char c = look();
    if (c >= 'a' && c <= 'z') {
      int kind;
      switch (c) {
        case 'a':
          kind = ItaniumNode.SS_ALLOCATOR;
          break;
        case 'b':
          kind = ItaniumNode.SS_BASIC_STRING;
          break;
        case 'd':
          kind = ItaniumNode.SS_IOSTREAM;
          break;
        case 'i':
          kind = ItaniumNode.SS_ISTREAM;
          break;
        case 'o':
          kind = ItaniumNode.SS_OSTREAM;
          break;
        case 's':
          kind = ItaniumNode.SS_STRING;
          break;
        default:
          return null;
      }
      ++pos;
      ItaniumNode special = mk(new SpecialSubstitution(kind));
      ItaniumNode withTags = parseAbiTags(special);
      if (withTags != special) {
        if (withTags == null) {
          return null;
        }
        subs.add(withTags);
        special = withTags;
      }
      return special;
    }
    if (consumeIf('_')) {
      if (subs.isEmpty()) {
        return null;
      }
      return subs.get(0);
    }
    long index = parseSeqId();
    if (index < 0) {
      return null;
    }
    ++index;
    if (!consumeIf('_') || index >= subs.size()) {
      return null;
    }
    return subs.get((int) index);
  }

  private ItaniumNode parseTemplateParam() {
    int begin = pos;
    if (!consumeIf('T')) {
      return null;
    }
    long level = 0;
    if (consumeIf('L')) {
      level = parsePositiveInteger();
      if (level < 0) {
        return null;
      }
      ++level;
      if (!consumeIf('_')) {
        return null;
      }
    }
    long index = 0;
    if (!consumeIf('_')) {
      index = parsePositiveInteger();
      if (index < 0) {
        return null;
      }
      ++index;
      if (!consumeIf('_')) {
        return null;
      }
    }
    if (hasIncompleteTemplateParameterTracking) {
      return mk(new NameType(s.substring(begin, pos - 1)));
    }
    if (permitForwardTemplateReferences && level == 0) {
      ForwardTemplateReference ref = mk(new ForwardTemplateReference((int) index));
      forwardRefs.add(ref);
      return ref;
    }
    if (level >= templateParams.size() || templateParams.get((int) level) == null
        || index >= templateParams.get((int) level).size()) {
      if (parsingLambdaParamsAtLevel == level && level <= templateParams.size()) {
        if (level == templateParams.size()) {
          templateParams.add(null);
        }
        return mk(new NameType("auto"));
      }
      return null;
    }
    return templateParams.get((int) level).get((int) index);
  }

  private boolean isTemplateParamDecl() {
    if (look() != 'T') {
      return false;
    }
    char c = look(1);
    return c == 'y' || c == 'p' || c == 't' || c == 'n' || c == 'k';
  }

  private ItaniumNode inventTemplateParamName(int kind, ArrayList<ItaniumNode> params) {
    int index = numSyntheticTemplateParameters[kind]++;
    ItaniumNode n = mk(new SyntheticTemplateParamName(kind, index));
    if (params != null) {
      params.add(n);
    }
    return n;
  }

  private ItaniumNode parseTemplateParamDecl(ArrayList<ItaniumNode> params) {
    enter();
    ItaniumNode r = parseTemplateParamDeclImpl(params);
    depth--;
    return r;
  }

  private ItaniumNode parseTemplateParamDeclImpl(ArrayList<ItaniumNode> params) {
    if (consumeIf('T', 'y')) {
      ItaniumNode name = inventTemplateParamName(ItaniumNode.TP_TYPE, params);
      return mk(new TypeTemplateParamDecl(name));
    }
    if (consumeIf('T', 'k')) {
      boolean saved = hasIncompleteTemplateParameterTracking;
      hasIncompleteTemplateParameterTracking = true;
      ItaniumNode constraint = parseName(null);
      hasIncompleteTemplateParameterTracking = saved;
      if (constraint == null) {
        return null;
      }
      ItaniumNode name = inventTemplateParamName(ItaniumNode.TP_TYPE, params);
      return mk(new ConstrainedTypeTemplateParamDecl(constraint, name));
    }
    if (consumeIf('T', 'n')) {
      ItaniumNode name = inventTemplateParamName(ItaniumNode.TP_NONTYPE, params);
      ItaniumNode type = parseType();
      if (type == null) {
        return null;
      }
      return mk(new NonTypeTemplateParamDecl(name, type));
    }
    if (consumeIf('T', 't')) {
      ItaniumNode name = inventTemplateParamName(ItaniumNode.TP_TEMPLATE, params);
      int begin = namesSize;
      int oldNumLists = templateParams.size();
      ArrayList<ItaniumNode> inner = new ArrayList<>();
      templateParams.add(inner);
      try {
        ItaniumNode requires = null;
        while (!consumeIf('E')) {
          ItaniumNode p = parseTemplateParamDecl(inner);
          if (p == null) {
            return null;
          }
          pushName(p);
          if (consumeIf('Q')) {
            requires = parseConstraintExpr();
            if (requires == null || !consumeIf('E')) {
              return null;
            }
            break;
          }
        }
        ItaniumNode[] innerParams = popTrailing(begin);
        return mk(new TemplateTemplateParamDecl(name, innerParams, requires));
      } finally {
        while (templateParams.size() > oldNumLists) {
          templateParams.remove(templateParams.size() - 1);
        }
      }
    }
    if (consumeIf('T', 'p')) {
      ItaniumNode p = parseTemplateParamDecl(params);
      if (p == null) {
        return null;
      }
      return mk(new TemplateParamPackDecl(p));
    }
    return null;
  }

  private ItaniumNode parseTemplateArg() {
    enter();
    ItaniumNode r = parseTemplateArgImpl();
    depth--;
    return r;
  }

  private ItaniumNode parseTemplateArgImpl() {
    switch (look()) {
      case 'X': {
        ++pos;
        ItaniumNode arg = parseExpr();
        if (arg == null || !consumeIf('E')) {
          return null;
        }
        return arg;
      }
      case 'J': {
        ++pos;
        int begin = namesSize;
        while (!consumeIf('E')) {
          ItaniumNode arg = parseTemplateArg();
          if (arg == null) {
            return null;
          }
          pushName(arg);
        }
        return mk(new TemplateArgumentPack(popTrailing(begin)));
      }
      case 'L': {
        if (look(1) == 'Z') {
          pos += 2;
          ItaniumNode arg = parseEncoding();
          if (arg == null || !consumeIf('E')) {
            return null;
          }
          return arg;
        }
        return parseExprPrimary();
      }
      case 'T': {
        if (!isTemplateParamDecl()) {
          return parseType();
        }
        ItaniumNode param = parseTemplateParamDecl(null);
        if (param == null) {
          return null;
        }
        ItaniumNode arg = parseTemplateArg();
        if (arg == null) {
          return null;
        }
        return mk(new TemplateParamQualifiedArg(param, arg));
      }
      default:
        return parseType();
    }
  }

  private ItaniumNode parseTemplateArgs(boolean tagTemplates) {
    if (!consumeIf('I')) {
      return null;
    }
    if (tagTemplates) {
      templateParams.clear();
      templateParams.add(outerTemplateParams);
      outerTemplateParams.clear();
    }
    int begin = namesSize;
    ItaniumNode requires = null;
    while (!consumeIf('E')) {
      ItaniumNode arg = parseTemplateArg();
      if (arg == null) {
        return null;
      }
      pushName(arg);
      if (tagTemplates) {
        ItaniumNode entry = arg;
        if (arg instanceof TemplateParamQualifiedArg) {
          entry = ((TemplateParamQualifiedArg) arg).arg;
        }
        if (arg instanceof TemplateArgumentPack) {
          entry = mk(new ParameterPack(((TemplateArgumentPack) arg).elements));
        }
        outerTemplateParams.add(entry);
      }
      if (consumeIf('Q')) {
        requires = parseConstraintExpr();
        if (requires == null || !consumeIf('E')) {
          return null;
        }
        break;
      }
    }
    return mk(new TemplateArgs(popTrailing(begin), requires));
  }

  // ------------------------------------------------------------------ operator table

  static final int PREFIX = 0;
  static final int POSTFIX = 1;
  static final int BINARY = 2;
  static final int ARRAY = 3;
  static final int MEMBER = 4;
  static final int NEW = 5;
  static final int DEL = 6;
  static final int CALL = 7;
  static final int CCAST = 8;
  static final int CONDITIONAL = 9;
  static final int NAMEONLY = 10;
  static final int NAMEDCAST = 11;
  static final int OFIDOP = 12;

  private static final String[] OP_ENC;
  private static final int[] OP_KIND;
  private static final boolean[] OP_FLAG;
  private static final int[] OP_PREC;
  private static final String[] OP_NAME;
  private static final String[] OP_SYMBOL;
  /** Index by {@code (c0 - 'A') * 58 + (c1 - 'A')}, plus one; zero for none. */
  private static final byte[] OP_LOOKUP = new byte[58 * 58];

  static {
    Object[][] t = {
      {"aN", BINARY, false, ItaniumNode.ASSIGN, "operator&="},
      {"aS", BINARY, false, ItaniumNode.ASSIGN, "operator="},
      {"aa", BINARY, false, ItaniumNode.ANDIF, "operator&&"},
      {"ad", PREFIX, false, ItaniumNode.UNARY, "operator&"},
      {"an", BINARY, false, ItaniumNode.AND, "operator&"},
      {"at", OFIDOP, true, ItaniumNode.UNARY, "alignof "},
      {"aw", NAMEONLY, false, ItaniumNode.PRIMARY, "operator co_await"},
      {"az", OFIDOP, false, ItaniumNode.UNARY, "alignof "},
      {"cc", NAMEDCAST, false, ItaniumNode.POSTFIX, "const_cast"},
      {"cl", CALL, false, ItaniumNode.POSTFIX, "operator()"},
      {"cm", BINARY, false, ItaniumNode.COMMA, "operator,"},
      {"co", PREFIX, false, ItaniumNode.UNARY, "operator~"},
      {"cv", CCAST, false, ItaniumNode.CAST, "operator"},
      {"dV", BINARY, false, ItaniumNode.ASSIGN, "operator/="},
      {"da", DEL, true, ItaniumNode.UNARY, "operator delete[]"},
      {"dc", NAMEDCAST, false, ItaniumNode.POSTFIX, "dynamic_cast"},
      {"de", PREFIX, false, ItaniumNode.UNARY, "operator*"},
      {"dl", DEL, false, ItaniumNode.UNARY, "operator delete"},
      {"ds", MEMBER, false, ItaniumNode.PTRMEM, "operator.*"},
      {"dt", MEMBER, false, ItaniumNode.POSTFIX, "operator."},
      {"dv", BINARY, false, ItaniumNode.ASSIGN, "operator/"},
      {"eO", BINARY, false, ItaniumNode.ASSIGN, "operator^="},
      {"eo", BINARY, false, ItaniumNode.XOR, "operator^"},
      {"eq", BINARY, false, ItaniumNode.EQUALITY, "operator=="},
      {"ge", BINARY, false, ItaniumNode.RELATIONAL, "operator>="},
      {"gt", BINARY, false, ItaniumNode.RELATIONAL, "operator>"},
      {"ix", ARRAY, false, ItaniumNode.POSTFIX, "operator[]"},
      {"lS", BINARY, false, ItaniumNode.ASSIGN, "operator<<="},
      {"le", BINARY, false, ItaniumNode.RELATIONAL, "operator<="},
      {"ls", BINARY, false, ItaniumNode.SHIFT, "operator<<"},
      {"lt", BINARY, false, ItaniumNode.RELATIONAL, "operator<"},
      {"mI", BINARY, false, ItaniumNode.ASSIGN, "operator-="},
      {"mL", BINARY, false, ItaniumNode.ASSIGN, "operator*="},
      {"mi", BINARY, false, ItaniumNode.ADDITIVE, "operator-"},
      {"ml", BINARY, false, ItaniumNode.MULTIPLICATIVE, "operator*"},
      {"mm", POSTFIX, false, ItaniumNode.POSTFIX, "operator--"},
      {"na", NEW, true, ItaniumNode.UNARY, "operator new[]"},
      {"ne", BINARY, false, ItaniumNode.EQUALITY, "operator!="},
      {"ng", PREFIX, false, ItaniumNode.UNARY, "operator-"},
      {"nt", PREFIX, false, ItaniumNode.UNARY, "operator!"},
      {"nw", NEW, false, ItaniumNode.UNARY, "operator new"},
      {"oR", BINARY, false, ItaniumNode.ASSIGN, "operator|="},
      {"oo", BINARY, false, ItaniumNode.ORIF, "operator||"},
      {"or", BINARY, false, ItaniumNode.IOR, "operator|"},
      {"pL", BINARY, false, ItaniumNode.ASSIGN, "operator+="},
      {"pl", BINARY, false, ItaniumNode.ADDITIVE, "operator+"},
      {"pm", MEMBER, false, ItaniumNode.PTRMEM, "operator->*"},
      {"pp", POSTFIX, false, ItaniumNode.POSTFIX, "operator++"},
      {"ps", PREFIX, false, ItaniumNode.UNARY, "operator+"},
      {"pt", MEMBER, true, ItaniumNode.POSTFIX, "operator->"},
      {"qu", CONDITIONAL, false, ItaniumNode.CONDITIONAL, "operator?"},
      {"rM", BINARY, false, ItaniumNode.ASSIGN, "operator%="},
      {"rS", BINARY, false, ItaniumNode.ASSIGN, "operator>>="},
      {"rc", NAMEDCAST, false, ItaniumNode.POSTFIX, "reinterpret_cast"},
      {"rm", BINARY, false, ItaniumNode.MULTIPLICATIVE, "operator%"},
      {"rs", BINARY, false, ItaniumNode.SHIFT, "operator>>"},
      {"sc", NAMEDCAST, false, ItaniumNode.POSTFIX, "static_cast"},
      {"ss", BINARY, false, ItaniumNode.SPACESHIP, "operator<=>"},
      {"st", OFIDOP, true, ItaniumNode.UNARY, "sizeof "},
      {"sz", OFIDOP, false, ItaniumNode.UNARY, "sizeof "},
      {"te", OFIDOP, false, ItaniumNode.POSTFIX, "typeid "},
      {"ti", OFIDOP, true, ItaniumNode.POSTFIX, "typeid "},
    };
    int n = t.length;
    OP_ENC = new String[n];
    OP_KIND = new int[n];
    OP_FLAG = new boolean[n];
    OP_PREC = new int[n];
    OP_NAME = new String[n];
    OP_SYMBOL = new String[n];
    for (int i = 0; i < n; i++) {
      OP_ENC[i] = (String) t[i][0];
      OP_KIND[i] = (Integer) t[i][1];
      OP_FLAG[i] = (Boolean) t[i][2];
      OP_PREC[i] = (Integer) t[i][3];
      OP_NAME[i] = (String) t[i][4];
      String sym = OP_NAME[i];
      if (OP_KIND[i] < NAMEDCAST) {
        sym = sym.substring("operator".length());
        if (sym.startsWith(" ")) {
          sym = sym.substring(1);
        }
      }
      OP_SYMBOL[i] = sym;
      OP_LOOKUP[(OP_ENC[i].charAt(0) - 'A') * 58 + (OP_ENC[i].charAt(1) - 'A')] = (byte) (i + 1);
    }
  }

  /**
   * The name of the operator encoded by {@code c0 c1} where {@link #parseOperatorName} makes
   * it a plain name ({@code operator+}); null for conversions, casts and other encodings.
   */
  static String plainOperatorName(char c0, char c1) {
    if (c0 < 'A' || c0 > 'z' || c1 < 'A' || c1 > 'z') {
      return null;
    }
    int op = OP_LOOKUP[(c0 - 'A') * 58 + (c1 - 'A')] - 1;
    if (op < 0) {
      return null;
    }
    int kind = OP_KIND[op];
    if (kind == CCAST || kind >= NAMEDCAST || kind == MEMBER && !OP_FLAG[op]) {
      return null;
    }
    return OP_NAME[op];
  }

  private static String symbol(int op) {
    return OP_SYMBOL[op];
  }

  /** Consumes a two-letter operator encoding; its table index, or -1. */
  private int parseOperatorEncoding() {
    if (numLeft() < 2) {
      return -1;
    }
    char c0 = (char) (bytes[pos] & 0xff);
    char c1 = (char) (bytes[pos + 1] & 0xff);
    if (c0 < 'A' || c0 > 'z' || c1 < 'A' || c1 > 'z') {
      return -1;
    }
    int i = OP_LOOKUP[(c0 - 'A') * 58 + (c1 - 'A')] - 1;
    if (i < 0) {
      return -1;
    }
    pos += 2;
    return i;
  }
}
