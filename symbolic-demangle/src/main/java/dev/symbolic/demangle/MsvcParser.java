package dev.symbolic.demangle;

import dev.symbolic.demangle.MsvcNode.Affinity;
import dev.symbolic.demangle.MsvcNode.ArrayType;
import dev.symbolic.demangle.MsvcNode.CallingConv;
import dev.symbolic.demangle.MsvcNode.CharKind;
import dev.symbolic.demangle.MsvcNode.ConversionOperatorIdentifier;
import dev.symbolic.demangle.MsvcNode.CustomType;
import dev.symbolic.demangle.MsvcNode.DynamicStructorIdentifier;
import dev.symbolic.demangle.MsvcNode.EncodedStringLiteral;
import dev.symbolic.demangle.MsvcNode.FunctionSignature;
import dev.symbolic.demangle.MsvcNode.FunctionSymbol;
import dev.symbolic.demangle.MsvcNode.IdentifierNode;
import dev.symbolic.demangle.MsvcNode.IntegerLiteral;
import dev.symbolic.demangle.MsvcNode.IntrinsicFunctionIdentifier;
import dev.symbolic.demangle.MsvcNode.LiteralOperatorIdentifier;
import dev.symbolic.demangle.MsvcNode.LocalStaticGuardIdentifier;
import dev.symbolic.demangle.MsvcNode.LocalStaticGuardVariable;
import dev.symbolic.demangle.MsvcNode.NamedIdentifier;
import dev.symbolic.demangle.MsvcNode.NodeArray;
import dev.symbolic.demangle.MsvcNode.PointerType;
import dev.symbolic.demangle.MsvcNode.PrimitiveType;
import dev.symbolic.demangle.MsvcNode.QualifiedName;
import dev.symbolic.demangle.MsvcNode.RefQualifier;
import dev.symbolic.demangle.MsvcNode.RttiBaseClassDescriptor;
import dev.symbolic.demangle.MsvcNode.SpecialTableSymbol;
import dev.symbolic.demangle.MsvcNode.StorageClass;
import dev.symbolic.demangle.MsvcNode.StructorIdentifier;
import dev.symbolic.demangle.MsvcNode.SymbolNode;
import dev.symbolic.demangle.MsvcNode.TagType;
import dev.symbolic.demangle.MsvcNode.TemplateParameterReference;
import dev.symbolic.demangle.MsvcNode.ThunkSignature;
import dev.symbolic.demangle.MsvcNode.TypeNode;
import dev.symbolic.demangle.MsvcNode.VariableSymbol;
import dev.symbolic.demangle.MsvcNode.VcallThunkIdentifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an MSVC mangled name into an {@link MsvcNode} tree, with the grammar and the
 * back-reference rules of LLVM 19's Microsoft demangler (the one behind {@code llvm-undname}).
 *
 * <p>The input is a string of bytes, one {@code char} per byte (0–255). Errors throw {@link
 * MsvcFailure}. Nesting is bounded by {@link #MAX_DEPTH}. One parser per name; not thread-safe.
 */
final class MsvcParser {
  /** Deepest nesting of types, names and templates. */
  static final int MAX_DEPTH = 256;

  /** Characters printed in all (final text plus rendered back-reference names). */
  static final long OUTPUT_BUDGET = 1L << 22;

  private static final int MAX_BACKREFS = 10;

  // Name back-reference behaviours.
  private static final int NBB_TEMPLATE = 1;
  private static final int NBB_SIMPLE = 2;

  private static final String[] BASIC_OPERATORS = {
    null, null, "operator new", "operator delete", "operator=", "operator>>", "operator<<",
    "operator!", "operator==", "operator!=", "operator[]", null, "operator->", "operator*",
    "operator++", "operator--", "operator-", "operator+", "operator&", "operator->*",
    "operator/", "operator%", "operator<", "operator<=", "operator>", "operator>=",
    "operator,", "operator()", "operator~", "operator^", "operator|", "operator&&",
    "operator||", "operator*=", "operator+=", "operator-=",
  };

  private static final String[] UNDER_OPERATORS = {
    "operator/=", "operator%=", "operator>>=", "operator<<=", "operator&=", "operator|=",
    "operator^=", null, null, null, null, null, null, "`vbase dtor'", "`vector deleting dtor'",
    "`default ctor closure'", "`scalar deleting dtor'", "`vector ctor iterator'",
    "`vector dtor iterator'", "`vector vbase ctor iterator'", "`virtual displacement map'",
    "`eh vector ctor iterator'", "`eh vector dtor iterator'", "`eh vector vbase ctor iterator'",
    "`copy ctor closure'", null, null, null, null, "`local vftable ctor closure'",
    "operator new[]", "operator delete[]", null, null, null, null,
  };

  private static final String[] DOUBLE_UNDER_OPERATORS = {
    null, null, null, null, null, null, null, null, null, null,
    "`managed vector ctor iterator'", "`managed vector dtor iterator'",
    "`EH vector copy ctor iterator'", "`EH vector vbase copy ctor iterator'", null, null,
    "`vector copy ctor iterator'", "`vector vbase copy constructor iterator'",
    "`managed vector vbase copy constructor iterator'", null, null, "operator co_await",
    "operator<=>", null, null, null, null, null, null, null, null, null, null, null, null, null,
  };

  private static final String CHAR_LOOKUP = ",/\\:. \n\t'-";

  private final String s;
  private int pos;
  private int depth;
  /**
   * A pending error that LLVM 19 would still clear: its parser keeps going after some errors,
   * and its member-pointer check (reached from every pointer type) resets the error flag. Set
   * where LLVM continues past an error, cleared by {@link #isMemberPointer}, and fatal wherever
   * LLVM would test the flag.
   */
  private boolean softError;
  private final MsvcOutput.Budget budget = new MsvcOutput.Budget(OUTPUT_BUDGET);

  // Back-reference context (swapped out while parsing a template instantiation).
  private NamedIdentifier[] names = new NamedIdentifier[MAX_BACKREFS];
  private int namesCount;
  private TypeNode[] functionParams = new TypeNode[MAX_BACKREFS];
  private int functionParamCount;

  MsvcParser(String bytes) {
    this.s = bytes;
  }

  /** The shared output budget; the final text should be printed against it too. */
  MsvcOutput.Budget budget() {
    return budget;
  }

  /** Characters consumed so far. */
  int position() {
    return pos;
  }

  // ---------------------------------------------------------------------------------------------
  // Low-level helpers.

  private static MsvcFailure fail() {
    return new MsvcFailure("invalid mangled name");
  }

  private boolean atEnd() {
    return pos >= s.length();
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private boolean startsWith(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private boolean startsWith(String p) {
    return s.startsWith(p, pos);
  }

  private boolean startsWithDigit() {
    return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
  }

  private boolean consume(char c) {
    if (startsWith(c)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean consume(String p) {
    if (s.startsWith(p, pos)) {
      pos += p.length();
      return true;
    }
    return false;
  }

  /** Removes and returns the next character; the caller has checked there is one. */
  private char next() {
    if (pos >= s.length()) {
      throw fail();
    }
    return s.charAt(pos++);
  }

  private void checkSoftError() {
    if (softError) {
      throw fail();
    }
  }

  /** Qualifiers where LLVM continues after an invalid code: it is consumed, Q_NONE returned. */
  private int demangleQualifiersSoft() {
    if (atEnd()) {
      throw fail();
    }
    char f = s.charAt(pos);
    if ((f >= 'A' && f <= 'D') || (f >= 'Q' && f <= 'T')) {
      return demangleQualifiers()[0];
    }
    pos++;
    softError = true;
    return MsvcNode.Q_NONE;
  }

  /** A signed number where LLVM continues after an error (returning 0). */
  private long demangleSignedSoft() {
    boolean negative = consume('?');
    if (startsWithDigit()) {
      long n = s.charAt(pos++) - '0' + 1;
      return negative ? -n : n;
    }
    long ret = 0;
    for (int i = pos; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '@') {
        pos = i + 1;
        if (ret < 0) {
          softError = true;
        }
        return negative ? -ret : ret;
      }
      if (c >= 'A' && c <= 'P') {
        ret = (ret << 4) + (c - 'A');
        continue;
      }
      break;
    }
    softError = true;
    return 0;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw new MsvcFailure("nesting too deep");
    }
  }

  private void exit() {
    depth--;
  }

  private String render(MsvcNode node) {
    MsvcOutput ob = new MsvcOutput(budget);
    node.output(ob, MsvcNode.OF_DEFAULT);
    return ob.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Entry point.

  /** Parses a whole mangled name (trailing characters are allowed, as in llvm-undname). */
  SymbolNode parseSymbol() {
    SymbolNode symbol = parse();
    checkSoftError();
    return symbol;
  }

  /** Parses a symbol (the whole name, or a nested one inside a template argument or scope). */
  SymbolNode parse() {
    enter();
    try {
      if (startsWith('.')) {
        return demangleTypeinfoName();
      }
      if (startsWith("??@")) {
        return demangleMd5Name();
      }
      if (!consume('?')) {
        throw fail();
      }
      SymbolNode si = demangleSpecialIntrinsic();
      if (si != null) {
        return si;
      }
      return demangleDeclarator();
    } finally {
      exit();
    }
  }

  private SymbolNode demangleTypeinfoName() {
    consume('.');
    TypeNode t = demangleType(QMM_RESULT);
    if (!atEnd()) {
      throw fail();
    }
    return synthesizeType(t, "`RTTI Type Descriptor Name'");
  }

  private SymbolNode demangleMd5Name() {
    int start = pos;
    int last = s.indexOf('@', pos + 3);
    if (last < 0) {
      throw fail();
    }
    pos = last + 1;
    consume("??_R4@");
    SymbolNode sym = new SymbolNode();
    sym.name = QualifiedName.of(new NamedIdentifier(s.substring(start, pos)));
    return sym;
  }

  private static VariableSymbol synthesizeType(TypeNode type, String description) {
    VariableSymbol v = new VariableSymbol();
    v.type = type;
    v.name = QualifiedName.of(new NamedIdentifier(description));
    v.describesType = true;
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // Special intrinsics: ??_7, ??_R0, ??_C, ...

  private SymbolNode demangleSpecialIntrinsic() {
    if (consume("?_7")) {
      return demangleSpecialTableSymbol("`vftable'");
    }
    if (consume("?_8")) {
      return demangleSpecialTableSymbol("`vbtable'");
    }
    if (consume("?_9")) {
      return demangleVcallThunk();
    }
    if (consume("?_A")) {
      throw fail(); // typeof: not supported by LLVM
    }
    if (consume("?_B")) {
      return demangleLocalStaticGuard(false);
    }
    if (consume("?_C")) {
      return demangleStringLiteral();
    }
    if (consume("?_P")) {
      throw fail(); // udt returning: not supported by LLVM
    }
    if (consume("?_R0")) {
      TypeNode t = demangleType(QMM_RESULT);
      if (!consume("@8") || !atEnd()) {
        throw fail();
      }
      return synthesizeType(t, "`RTTI Type Descriptor'");
    }
    if (consume("?_R1")) {
      return demangleRttiBaseClassDescriptor();
    }
    if (consume("?_R2")) {
      return demangleUntypedVariable("`RTTI Base Class Array'");
    }
    if (consume("?_R3")) {
      return demangleUntypedVariable("`RTTI Class Hierarchy Descriptor'");
    }
    if (consume("?_R4")) {
      return demangleSpecialTableSymbol("`RTTI Complete Object Locator'");
    }
    if (consume("?_S")) {
      return demangleSpecialTableSymbol("`local vftable'");
    }
    if (consume("?__E")) {
      return demangleInitFiniStub(false);
    }
    if (consume("?__F")) {
      return demangleInitFiniStub(true);
    }
    if (consume("?__J")) {
      return demangleLocalStaticGuard(true);
    }
    return null;
  }

  private SpecialTableSymbol demangleSpecialTableSymbol(String name) {
    SpecialTableSymbol sym = new SpecialTableSymbol();
    sym.name = demangleNameScopeChain(new NamedIdentifier(name));
    char f = next();
    if (f != '6' && f != '7') {
      throw fail();
    }
    sym.quals = demangleQualifiers()[0];
    if (!consume('@')) {
      sym.targetName = demangleFullyQualifiedTypeName();
    }
    return sym;
  }

  private LocalStaticGuardVariable demangleLocalStaticGuard(boolean isThread) {
    LocalStaticGuardIdentifier id = new LocalStaticGuardIdentifier();
    id.isThread = isThread;
    LocalStaticGuardVariable v = new LocalStaticGuardVariable();
    v.name = demangleNameScopeChain(id);
    if (consume("4IA")) {
      v.isVisible = false;
    } else if (consume('5')) {
      v.isVisible = true;
    } else {
      throw fail();
    }
    if (!atEnd()) {
      id.scopeIndex = demangleUnsigned() & 0xFFFFFFFFL;
    }
    return v;
  }

  private VariableSymbol demangleUntypedVariable(String name) {
    VariableSymbol v = new VariableSymbol();
    v.name = demangleNameScopeChain(new NamedIdentifier(name));
    if (!consume('8')) {
      throw fail();
    }
    return v;
  }

  private VariableSymbol demangleRttiBaseClassDescriptor() {
    RttiBaseClassDescriptor d = new RttiBaseClassDescriptor();
    d.nvOffset = demangleUnsigned() & 0xFFFFFFFFL;
    d.vbptrOffset = (int) demangleSigned();
    d.vbTableOffset = demangleUnsigned() & 0xFFFFFFFFL;
    d.flags = demangleUnsigned() & 0xFFFFFFFFL;
    VariableSymbol v = new VariableSymbol();
    v.name = demangleNameScopeChain(d);
    consume('8');
    return v;
  }

  private FunctionSymbol demangleInitFiniStub(boolean isDestructor) {
    DynamicStructorIdentifier id = new DynamicStructorIdentifier();
    id.isDestructor = isDestructor;
    boolean knownStaticDataMember = consume('?');
    SymbolNode symbol = demangleDeclarator();
    FunctionSymbol fsn;
    if (symbol instanceof VariableSymbol) {
      id.variable = (VariableSymbol) symbol;
      int atCount = knownStaticDataMember ? 2 : 1;
      for (int i = 0; i < atCount; i++) {
        if (!consume('@')) {
          throw fail();
        }
      }
      fsn = demangleFunctionEncoding();
      fsn.name = QualifiedName.of(id);
    } else {
      if (knownStaticDataMember) {
        throw fail();
      }
      fsn = (FunctionSymbol) symbol;
      id.name = symbol.name;
      fsn.name = QualifiedName.of(id);
    }
    return fsn;
  }

  private FunctionSymbol demangleVcallThunk() {
    FunctionSymbol fsn = new FunctionSymbol();
    VcallThunkIdentifier id = new VcallThunkIdentifier();
    ThunkSignature sig = new ThunkSignature();
    sig.functionClass = MsvcNode.FC_NO_PARAMETER_LIST;
    fsn.signature = sig;
    fsn.name = demangleNameScopeChain(id);
    if (!consume("$B")) {
      throw fail();
    }
    id.offsetInVTable = demangleUnsigned();
    if (!consume('A')) {
      throw fail();
    }
    sig.callConvention = demangleCallingConvention();
    return fsn;
  }

  // ---------------------------------------------------------------------------------------------
  // String literals.

  private EncodedStringLiteral demangleStringLiteral() {
    EncodedStringLiteral result = new EncodedStringLiteral();
    if (!consume("@_") || atEnd()) {
      throw fail();
    }
    boolean wide;
    char f = next();
    if (f == '1') {
      wide = true;
    } else if (f == '0') {
      wide = false;
    } else {
      throw fail();
    }
    boolean[] negative = new boolean[1];
    long byteSize = demangleNumber(negative);
    if (negative[0] || Long.compareUnsigned(byteSize, wide ? 2 : 1) < 0) {
      throw fail();
    }
    int crcEnd = s.indexOf('@', pos);
    if (crcEnd < 0) {
      throw fail();
    }
    pos = crcEnd + 1;
    if (atEnd()) {
      throw fail();
    }
    MsvcOutput ob = new MsvcOutput(budget);
    if (wide) {
      result.charKind = CharKind.WCHAR;
      if (Long.compareUnsigned(byteSize, 64) > 0) {
        result.isTruncated = true;
      }
      while (!consume('@')) {
        // LLVM 19 does not check the declared size here; it wraps below zero.
        if (s.length() - pos < 2) {
          throw fail();
        }
        int c1 = demangleCharLiteral();
        if (atEnd()) {
          throw fail();
        }
        int c2 = demangleCharLiteral();
        int w = (c1 << 8) | c2;
        if (byteSize != 2 || result.isTruncated) {
          outputEscapedChar(ob, w);
        }
        byteSize -= 2;
      }
    } else {
      final int maxBytes = 32 * 4;
      int[] bytes = new int[maxBytes];
      int decoded = 0;
      while (!consume('@')) {
        if (atEnd() || decoded >= maxBytes) {
          throw fail();
        }
        bytes[decoded++] = demangleCharLiteral();
      }
      if (Long.compareUnsigned(byteSize, decoded) > 0) {
        result.isTruncated = true;
      }
      int charBytes = guessCharByteSize(bytes, decoded, byteSize);
      result.charKind =
          charBytes == 1 ? CharKind.CHAR : charBytes == 2 ? CharKind.CHAR16 : CharKind.CHAR32;
      int numChars = decoded / charBytes;
      for (int i = 0; i < numChars; i++) {
        int c = 0;
        for (int b = 0; b < charBytes; b++) {
          c |= bytes[i * charBytes + b] << (8 * b);
        }
        if (i + 1 < numChars || result.isTruncated) {
          outputEscapedChar(ob, c);
        }
      }
    }
    result.decoded = ob.toString();
    return result;
  }

  private static int guessCharByteSize(int[] bytes, int numChars, long numBytes) {
    if ((numBytes & 1) == 1) {
      return 1;
    }
    if (Long.compareUnsigned(numBytes, 32) < 0) {
      int trailingNulls = 0;
      for (int i = numChars - 1; i >= 0 && bytes[i] == 0; i--) {
        trailingNulls++;
      }
      if (trailingNulls >= 4 && numBytes % 4 == 0) {
        return 4;
      }
      if (trailingNulls >= 2) {
        return 2;
      }
      return 1;
    }
    int nulls = 0;
    for (int i = 0; i < numChars; i++) {
      if (bytes[i] == 0) {
        nulls++;
      }
    }
    if (nulls >= 2 * numChars / 3 && (numBytes & 3) == 0) {
      return 4;
    }
    if (nulls >= numChars / 3) {
      return 2;
    }
    return 1;
  }

  private static void outputEscapedChar(MsvcOutput ob, int c) {
    switch (c) {
      case 0:
        ob.append("\\0");
        return;
      case '\'':
        ob.append("\\'");
        return;
      case '"':
        ob.append("\\\"");
        return;
      case '\\':
        ob.append("\\\\");
        return;
      case 7:
        ob.append("\\a");
        return;
      case '\b':
        ob.append("\\b");
        return;
      case '\f':
        ob.append("\\f");
        return;
      case '\n':
        ob.append("\\n");
        return;
      case '\r':
        ob.append("\\r");
        return;
      case '\t':
        ob.append("\\t");
        return;
      case 11:
        ob.append("\\v");
        return;
      default:
        break;
    }
    if (c > 0x1F && c < 0x7F) {
      ob.append((char) c);
      return;
    }
    // Hex, two digits per byte, most significant first: \xE1, \x0100.
    char[] buf = new char[10];
    int p = buf.length;
    long v = c & 0xFFFFFFFFL;
    while (v != 0) {
      for (int i = 0; i < 2; i++) {
        int d = (int) (v % 16);
        buf[--p] = (char) (d < 10 ? '0' + d : 'A' + d - 10);
        v /= 16;
      }
    }
    ob.append("\\x").append(new String(buf, p, buf.length - p));
  }

  private int demangleCharLiteral() {
    if (atEnd()) {
      throw fail();
    }
    char f = s.charAt(pos++);
    if (f != '?') {
      return f & 0xFF;
    }
    if (atEnd()) {
      throw fail();
    }
    if (consume('$')) {
      if (s.length() - pos < 2) {
        throw fail();
      }
      char a = s.charAt(pos);
      char b = s.charAt(pos + 1);
      if (a < 'A' || a > 'P' || b < 'A' || b > 'P') {
        throw fail();
      }
      pos += 2;
      return ((a - 'A') << 4) | (b - 'A');
    }
    char c = s.charAt(pos);
    if (c >= '0' && c <= '9') {
      pos++;
      return CHAR_LOOKUP.charAt(c - '0');
    }
    if (c >= 'a' && c <= 'z') {
      pos++;
      return 0xE1 + (c - 'a');
    }
    if (c >= 'A' && c <= 'Z') {
      pos++;
      return 0xC1 + (c - 'A');
    }
    throw fail();
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers.

  /** {@code [?] (digit | hex-digits @)}; sets {@code negative[0]}. */
  private long demangleNumber(boolean[] negative) {
    negative[0] = consume('?');
    if (startsWithDigit()) {
      return s.charAt(pos++) - '0' + 1;
    }
    long ret = 0;
    for (int i = pos; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '@') {
        pos = i + 1;
        return ret;
      }
      if (c >= 'A' && c <= 'P') {
        ret = (ret << 4) + (c - 'A');
        continue;
      }
      break;
    }
    throw fail();
  }

  private long demangleUnsigned() {
    boolean[] negative = new boolean[1];
    long n = demangleNumber(negative);
    if (negative[0]) {
      throw fail();
    }
    return n;
  }

  private long demangleSigned() {
    boolean[] negative = new boolean[1];
    long n = demangleNumber(negative);
    if (n < 0) { // > INT64_MAX as unsigned
      throw fail();
    }
    return negative[0] ? -n : n;
  }

  // ---------------------------------------------------------------------------------------------
  // Back-references.

  private void memorizeString(String str) {
    if (namesCount >= MAX_BACKREFS) {
      return;
    }
    for (int i = 0; i < namesCount; i++) {
      if (str.equals(names[i].name)) {
        return;
      }
    }
    names[namesCount++] = new NamedIdentifier(str);
  }

  private void memorizeIdentifier(IdentifierNode id) {
    memorizeString(render(id));
  }

  private NamedIdentifier demangleBackRefName() {
    int i = s.charAt(pos) - '0';
    if (i >= namesCount) {
      throw fail();
    }
    pos++;
    return names[i];
  }

  // ---------------------------------------------------------------------------------------------
  // Names.

  private IdentifierNode demangleTemplateInstantiationName(int nbb) {
    enter();
    consume("?$");
    NamedIdentifier[] outerNames = names;
    int outerNamesCount = namesCount;
    TypeNode[] outerParams = functionParams;
    int outerParamCount = functionParamCount;
    names = new NamedIdentifier[MAX_BACKREFS];
    namesCount = 0;
    functionParams = new TypeNode[MAX_BACKREFS];
    functionParamCount = 0;
    IdentifierNode id;
    try {
      id = demangleUnqualifiedSymbolName(NBB_SIMPLE);
      id.templateParams = demangleTemplateParameterList();
    } finally {
      names = outerNames;
      namesCount = outerNamesCount;
      functionParams = outerParams;
      functionParamCount = outerParamCount;
      exit();
    }
    if ((nbb & NBB_TEMPLATE) != 0) {
      if (id instanceof ConversionOperatorIdentifier || id instanceof StructorIdentifier) {
        throw fail();
      }
      memorizeIdentifier(id);
    }
    return id;
  }

  private NamedIdentifier demangleSimpleName(boolean memorize) {
    return new NamedIdentifier(demangleSimpleString(memorize));
  }

  private String demangleSimpleString(boolean memorize) {
    int at = s.indexOf('@', pos);
    if (at <= pos) { // not found, or empty
      throw fail();
    }
    String str = s.substring(pos, at);
    pos = at + 1;
    if (memorize) {
      memorizeString(str);
    }
    return str;
  }

  private NamedIdentifier demangleAnonymousNamespaceName() {
    consume("?A");
    int end = s.indexOf('@', pos);
    if (end < 0) {
      throw fail();
    }
    memorizeString(s.substring(pos, end));
    pos = end + 1;
    return new NamedIdentifier("`anonymous namespace'");
  }

  private boolean startsWithLocalScopePattern() {
    if (!startsWith('?')) {
      return false;
    }
    int start = pos + 1;
    int end = s.indexOf('?', start);
    if (end < 0 || end == start) {
      return false;
    }
    if (end - start == 1) {
      char c = s.charAt(start);
      return c == '@' || (c >= '0' && c <= '9');
    }
    if (s.charAt(end - 1) != '@') {
      return false;
    }
    char first = s.charAt(start);
    if (first < 'B' || first > 'P') {
      return false;
    }
    for (int i = start + 1; i < end - 1; i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'P') {
        return false;
      }
    }
    return true;
  }

  private NamedIdentifier demangleLocallyScopedNamePiece() {
    consume('?');
    boolean[] negative = new boolean[1];
    long number = demangleNumber(negative);
    consume('?');
    SymbolNode scope = parse();
    MsvcOutput ob = new MsvcOutput(budget);
    ob.append('`');
    scope.output(ob, MsvcNode.OF_DEFAULT);
    ob.append('\'');
    ob.append("::`").appendUnsigned(number).append('\'');
    return new NamedIdentifier(ob.toString());
  }

  private QualifiedName demangleFullyQualifiedTypeName() {
    IdentifierNode id = demangleUnqualifiedTypeName(true);
    return demangleNameScopeChain(id);
  }

  private QualifiedName demangleFullyQualifiedSymbolName() {
    IdentifierNode id = demangleUnqualifiedSymbolName(NBB_SIMPLE);
    QualifiedName qn = demangleNameScopeChain(id);
    if (id instanceof StructorIdentifier) {
      MsvcNode[] comps = qn.components.nodes;
      if (comps.length < 2) {
        throw fail();
      }
      ((StructorIdentifier) id).classIdentifier = (IdentifierNode) comps[comps.length - 2];
    }
    return qn;
  }

  private IdentifierNode demangleUnqualifiedTypeName(boolean memorize) {
    if (startsWithDigit()) {
      return demangleBackRefName();
    }
    if (startsWith("?$")) {
      return demangleTemplateInstantiationName(NBB_TEMPLATE);
    }
    return demangleSimpleName(memorize);
  }

  private IdentifierNode demangleUnqualifiedSymbolName(int nbb) {
    if (startsWithDigit()) {
      return demangleBackRefName();
    }
    if (startsWith("?$")) {
      return demangleTemplateInstantiationName(nbb);
    }
    if (startsWith('?')) {
      return demangleFunctionIdentifierCode();
    }
    return demangleSimpleName((nbb & NBB_SIMPLE) != 0);
  }

  private IdentifierNode demangleNameScopePiece() {
    if (startsWithDigit()) {
      return demangleBackRefName();
    }
    if (startsWith("?$")) {
      return demangleTemplateInstantiationName(NBB_TEMPLATE);
    }
    if (startsWith("?A")) {
      return demangleAnonymousNamespaceName();
    }
    if (startsWithLocalScopePattern()) {
      return demangleLocallyScopedNamePiece();
    }
    return demangleSimpleName(true);
  }

  private QualifiedName demangleNameScopeChain(IdentifierNode unqualified) {
    enter();
    try {
      List<MsvcNode> scopes = null;
      while (!consume('@')) {
        if (atEnd()) {
          throw fail();
        }
        if (scopes == null) {
          scopes = new ArrayList<>(4);
        }
        scopes.add(demangleNameScopePiece());
      }
      int n = scopes == null ? 0 : scopes.size();
      MsvcNode[] comps = new MsvcNode[n + 1];
      for (int i = 0; i < n; i++) {
        comps[i] = scopes.get(n - 1 - i);
      }
      comps[n] = unqualified;
      return new QualifiedName(new NodeArray(comps));
    } finally {
      exit();
    }
  }

  private IdentifierNode demangleFunctionIdentifierCode() {
    consume('?');
    if (atEnd()) {
      throw fail();
    }
    if (consume("__")) {
      char ch = next();
      if (ch == 'K') {
        return new LiteralOperatorIdentifier(demangleSimpleString(false));
      }
      return new IntrinsicFunctionIdentifier(DOUBLE_UNDER_OPERATORS[operatorIndex(ch)]);
    }
    if (consume('_')) {
      char ch = next();
      return new IntrinsicFunctionIdentifier(UNDER_OPERATORS[operatorIndex(ch)]);
    }
    char ch = next();
    if (ch == '0' || ch == '1') {
      return new StructorIdentifier(ch == '1');
    }
    if (ch == 'B') {
      return new ConversionOperatorIdentifier();
    }
    return new IntrinsicFunctionIdentifier(BASIC_OPERATORS[operatorIndex(ch)]);
  }

  private static int operatorIndex(char ch) {
    if (ch >= '0' && ch <= '9') {
      return ch - '0';
    }
    if (ch >= 'A' && ch <= 'Z') {
      return ch - 'A' + 10;
    }
    throw fail();
  }

  // ---------------------------------------------------------------------------------------------
  // Symbols and functions.

  private SymbolNode demangleDeclarator() {
    QualifiedName qn = demangleFullyQualifiedSymbolName();
    SymbolNode symbol = demangleEncodedSymbol(qn);
    symbol.name = qn;
    IdentifierNode uqn = qn.unqualifiedIdentifier();
    if (uqn instanceof ConversionOperatorIdentifier
        && ((ConversionOperatorIdentifier) uqn).targetType == null) {
      throw fail();
    }
    return symbol;
  }

  private SymbolNode demangleEncodedSymbol(QualifiedName name) {
    char c = peek();
    if (atEnd()) {
      throw fail();
    }
    if (c >= '0' && c <= '4') {
      pos++;
      StorageClass sc;
      switch (c) {
        case '0':
          sc = StorageClass.PRIVATE_STATIC;
          break;
        case '1':
          sc = StorageClass.PROTECTED_STATIC;
          break;
        case '2':
          sc = StorageClass.PUBLIC_STATIC;
          break;
        case '3':
          sc = StorageClass.GLOBAL;
          break;
        default:
          sc = StorageClass.FUNCTION_LOCAL_STATIC;
          break;
      }
      return demangleVariableEncoding(sc);
    }
    FunctionSymbol fsn = demangleFunctionEncoding();
    IdentifierNode uqn = name.unqualifiedIdentifier();
    if (uqn instanceof ConversionOperatorIdentifier) {
      ((ConversionOperatorIdentifier) uqn).targetType = fsn.signature.returnType;
    }
    return fsn;
  }

  private VariableSymbol demangleVariableEncoding(StorageClass sc) {
    VariableSymbol v = new VariableSymbol();
    v.type = demangleType(QMM_DROP);
    v.storageClass = sc;
    if (v.type instanceof PointerType) {
      PointerType ptn = (PointerType) v.type;
      ptn.quals |= demanglePointerExtQualifiers();
      int extraChildQuals = demangleQualifiers()[0];
      if (ptn.classParent != null) {
        demangleFullyQualifiedTypeName(); // back-reference to the class, not printed
      }
      ptn.pointee.quals |= extraChildQuals;
    } else {
      v.type.quals = demangleQualifiers()[0];
    }
    return v;
  }

  private FunctionSymbol demangleFunctionEncoding() {
    int extraFlags = 0;
    if (consume("$$J0")) {
      extraFlags = MsvcNode.FC_EXTERN_C;
    }
    if (atEnd()) {
      throw fail();
    }
    int fc = demangleFunctionClass() | extraFlags;
    ThunkSignature ttn = null;
    if ((fc & MsvcNode.FC_STATIC_THIS_ADJUST) != 0) {
      ttn = new ThunkSignature();
      ttn.staticOffset = demangleSignedSoft() & 0xFFFFFFFFL;
    } else if ((fc & MsvcNode.FC_VIRTUAL_THIS_ADJUST) != 0) {
      ttn = new ThunkSignature();
      if ((fc & MsvcNode.FC_VIRTUAL_THIS_ADJUST_EX) != 0) {
        ttn.vbptrOffset = (int) demangleSignedSoft();
        ttn.vbOffsetOffset = (int) demangleSignedSoft();
      }
      ttn.vtordispOffset = (int) demangleSignedSoft();
      ttn.staticOffset = demangleSignedSoft() & 0xFFFFFFFFL;
    }
    FunctionSignature fsn;
    if ((fc & MsvcNode.FC_NO_PARAMETER_LIST) != 0) {
      fsn = new FunctionSignature();
    } else {
      boolean hasThisQuals = (fc & (MsvcNode.FC_GLOBAL | MsvcNode.FC_STATIC)) == 0;
      fsn = demangleFunctionType(hasThisQuals);
    }
    if (ttn != null) {
      ttn.copyFrom(fsn);
      fsn = ttn;
    }
    fsn.functionClass = fc;
    FunctionSymbol symbol = new FunctionSymbol();
    symbol.signature = fsn;
    return symbol;
  }

  private int demangleFunctionClass() {
    checkSoftError();
    char f = next();
    switch (f) {
      case '9':
        return MsvcNode.FC_EXTERN_C | MsvcNode.FC_NO_PARAMETER_LIST;
      case 'A':
        return MsvcNode.FC_PRIVATE;
      case 'B':
        return MsvcNode.FC_PRIVATE | MsvcNode.FC_FAR;
      case 'C':
        return MsvcNode.FC_PRIVATE | MsvcNode.FC_STATIC;
      case 'D':
        return MsvcNode.FC_PRIVATE | MsvcNode.FC_STATIC | MsvcNode.FC_FAR;
      case 'E':
        return MsvcNode.FC_PRIVATE | MsvcNode.FC_VIRTUAL;
      case 'F':
        return MsvcNode.FC_PRIVATE | MsvcNode.FC_VIRTUAL | MsvcNode.FC_FAR;
      case 'G':
        return MsvcNode.FC_PRIVATE | MsvcNode.FC_STATIC_THIS_ADJUST;
      case 'H':
        return MsvcNode.FC_PRIVATE | MsvcNode.FC_STATIC_THIS_ADJUST | MsvcNode.FC_FAR;
      case 'I':
        return MsvcNode.FC_PROTECTED;
      case 'J':
        return MsvcNode.FC_PROTECTED | MsvcNode.FC_FAR;
      case 'K':
        return MsvcNode.FC_PROTECTED | MsvcNode.FC_STATIC;
      case 'L':
        return MsvcNode.FC_PROTECTED | MsvcNode.FC_STATIC | MsvcNode.FC_FAR;
      case 'M':
        return MsvcNode.FC_PROTECTED | MsvcNode.FC_VIRTUAL;
      case 'N':
        return MsvcNode.FC_PROTECTED | MsvcNode.FC_VIRTUAL | MsvcNode.FC_FAR;
      case 'O':
        return MsvcNode.FC_PROTECTED | MsvcNode.FC_VIRTUAL | MsvcNode.FC_STATIC_THIS_ADJUST;
      case 'P':
        return MsvcNode.FC_PROTECTED | MsvcNode.FC_VIRTUAL | MsvcNode.FC_STATIC_THIS_ADJUST
            | MsvcNode.FC_FAR;
      case 'Q':
        return MsvcNode.FC_PUBLIC;
      case 'R':
        return MsvcNode.FC_PUBLIC | MsvcNode.FC_FAR;
      case 'S':
        return MsvcNode.FC_PUBLIC | MsvcNode.FC_STATIC;
      case 'T':
        return MsvcNode.FC_PUBLIC | MsvcNode.FC_STATIC | MsvcNode.FC_FAR;
      case 'U':
        return MsvcNode.FC_PUBLIC | MsvcNode.FC_VIRTUAL;
      case 'V':
        return MsvcNode.FC_PUBLIC | MsvcNode.FC_VIRTUAL | MsvcNode.FC_FAR;
      case 'W':
        return MsvcNode.FC_PUBLIC | MsvcNode.FC_VIRTUAL | MsvcNode.FC_STATIC_THIS_ADJUST;
      case 'X':
        return MsvcNode.FC_PUBLIC | MsvcNode.FC_VIRTUAL | MsvcNode.FC_STATIC_THIS_ADJUST
            | MsvcNode.FC_FAR;
      case 'Y':
        return MsvcNode.FC_GLOBAL;
      case 'Z':
        return MsvcNode.FC_GLOBAL | MsvcNode.FC_FAR;
      case '$': {
        int vflag = MsvcNode.FC_VIRTUAL_THIS_ADJUST;
        if (consume('R')) {
          vflag |= MsvcNode.FC_VIRTUAL_THIS_ADJUST_EX;
        }
        if (atEnd()) {
          break;
        }
        switch (next()) {
          case '0':
            return MsvcNode.FC_PRIVATE | MsvcNode.FC_VIRTUAL | vflag;
          case '1':
            return MsvcNode.FC_PRIVATE | MsvcNode.FC_VIRTUAL | vflag | MsvcNode.FC_FAR;
          case '2':
            return MsvcNode.FC_PROTECTED | MsvcNode.FC_VIRTUAL | vflag;
          case '3':
            return MsvcNode.FC_PROTECTED | MsvcNode.FC_VIRTUAL | vflag | MsvcNode.FC_FAR;
          case '4':
            return MsvcNode.FC_PUBLIC | MsvcNode.FC_VIRTUAL | vflag;
          case '5':
            return MsvcNode.FC_PUBLIC | MsvcNode.FC_VIRTUAL | vflag | MsvcNode.FC_FAR;
          default:
            break;
        }
        softError = true; // LLVM goes on as if public
        return MsvcNode.FC_PUBLIC;
      }
      default:
        softError = true; // LLVM goes on as if public
        return MsvcNode.FC_PUBLIC;
    }
    throw fail();
  }

  private CallingConv demangleCallingConvention() {
    switch (next()) {
      case 'A':
      case 'B':
        return CallingConv.CDECL;
      case 'C':
      case 'D':
        return CallingConv.PASCAL;
      case 'E':
      case 'F':
        return CallingConv.THISCALL;
      case 'G':
      case 'H':
        return CallingConv.STDCALL;
      case 'I':
      case 'J':
        return CallingConv.FASTCALL;
      case 'M':
      case 'N':
        return CallingConv.CLRCALL;
      case 'O':
      case 'P':
        return CallingConv.EABI;
      case 'Q':
        return CallingConv.VECTORCALL;
      case 'S':
        return CallingConv.SWIFT;
      case 'W':
        return CallingConv.SWIFT_ASYNC;
      default:
        return CallingConv.NONE;
    }
  }

  /** Returns {qualifiers, isMember ? 1 : 0}. */
  private int[] demangleQualifiers() {
    char f = next();
    switch (f) {
      case 'Q':
        return new int[] {MsvcNode.Q_NONE, 1};
      case 'R':
        return new int[] {MsvcNode.Q_CONST, 1};
      case 'S':
        return new int[] {MsvcNode.Q_VOLATILE, 1};
      case 'T':
        return new int[] {MsvcNode.Q_CONST | MsvcNode.Q_VOLATILE, 1};
      case 'A':
        return new int[] {MsvcNode.Q_NONE, 0};
      case 'B':
        return new int[] {MsvcNode.Q_CONST, 0};
      case 'C':
        return new int[] {MsvcNode.Q_VOLATILE, 0};
      case 'D':
        return new int[] {MsvcNode.Q_CONST | MsvcNode.Q_VOLATILE, 0};
      default:
        throw fail();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Types.

  private static final int QMM_MANGLE = 0;
  private static final int QMM_DROP = 1;
  private static final int QMM_RESULT = 2;

  private TypeNode demangleType(int qmm) {
    enter();
    try {
      int quals = MsvcNode.Q_NONE;
      if (qmm == QMM_MANGLE) {
        quals = demangleQualifiersSoft();
      } else if (qmm == QMM_RESULT) {
        if (consume('?')) {
          quals = demangleQualifiersSoft();
        }
      }
      if (atEnd()) {
        throw fail();
      }
      TypeNode ty;
      char c = s.charAt(pos);
      if (c == 'T' || c == 'U' || c == 'V' || c == 'W') {
        ty = demangleClassType();
      } else if (startsWith("$$Q") || c == 'A' || c == 'P' || c == 'Q' || c == 'R' || c == 'S') {
        ty = isMemberPointer() ? demangleMemberPointerType() : demanglePointerType();
      } else if (c == 'Y') {
        ty = demangleArrayType();
      } else if (consume("$$A8@@")) {
        ty = demangleFunctionType(true);
      } else if (consume("$$A6")) {
        ty = demangleFunctionType(false);
      } else if (c == '?') {
        ty = demangleCustomType();
      } else {
        ty = demanglePrimitiveType();
      }
      ty.quals |= quals;
      return ty;
    } finally {
      exit();
    }
  }

  private boolean isMemberPointer() {
    softError = false; // LLVM 19 resets its error flag here
    int p = pos;
    char f = s.charAt(p++);
    switch (f) {
      case '$':
      case 'A':
        return false;
      default:
        break;
    }
    if (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
      char d = s.charAt(p);
      if (d != '6' && d != '8') {
        throw fail();
      }
      return d == '8';
    }
    if (p < s.length() && s.charAt(p) == 'E') {
      p++;
    }
    if (p < s.length() && s.charAt(p) == 'I') {
      p++;
    }
    if (p < s.length() && s.charAt(p) == 'F') {
      p++;
    }
    if (p >= s.length()) {
      throw fail();
    }
    switch (s.charAt(p)) {
      case 'A':
      case 'B':
      case 'C':
      case 'D':
        return false;
      case 'Q':
      case 'R':
      case 'S':
      case 'T':
        return true;
      default:
        throw fail();
    }
  }

  private TypeNode demanglePrimitiveType() {
    checkSoftError();
    if (consume("$$T")) {
      return new PrimitiveType("std::nullptr_t");
    }
    char f = next();
    switch (f) {
      case 'X':
        return new PrimitiveType("void");
      case 'D':
        return new PrimitiveType("char");
      case 'C':
        return new PrimitiveType("signed char");
      case 'E':
        return new PrimitiveType("unsigned char");
      case 'F':
        return new PrimitiveType("short");
      case 'G':
        return new PrimitiveType("unsigned short");
      case 'H':
        return new PrimitiveType("int");
      case 'I':
        return new PrimitiveType("unsigned int");
      case 'J':
        return new PrimitiveType("long");
      case 'K':
        return new PrimitiveType("unsigned long");
      case 'M':
        return new PrimitiveType("float");
      case 'N':
        return new PrimitiveType("double");
      case 'O':
        return new PrimitiveType("long double");
      case '_':
        switch (next()) {
          case 'N':
            return new PrimitiveType("bool");
          case 'J':
            return new PrimitiveType("__int64");
          case 'K':
            return new PrimitiveType("unsigned __int64");
          case 'W':
            return new PrimitiveType("wchar_t");
          case 'Q':
            return new PrimitiveType("char8_t");
          case 'S':
            return new PrimitiveType("char16_t");
          case 'U':
            return new PrimitiveType("char32_t");
          default:
            throw fail();
        }
      default:
        throw fail();
    }
  }

  private TagType demangleClassType() {
    checkSoftError();
    TagType tt;
    switch (next()) {
      case 'T':
        tt = new TagType("union");
        break;
      case 'U':
        tt = new TagType("struct");
        break;
      case 'V':
        tt = new TagType("class");
        break;
      case 'W':
        if (!consume('4')) {
          throw fail();
        }
        tt = new TagType("enum");
        break;
      default:
        throw fail();
    }
    tt.qualifiedName = demangleFullyQualifiedTypeName();
    return tt;
  }

  private CustomType demangleCustomType() {
    checkSoftError();
    consume('?');
    CustomType ctn = new CustomType();
    ctn.identifier = demangleUnqualifiedTypeName(true);
    if (!consume('@')) {
      throw fail();
    }
    return ctn;
  }

  private PointerType demanglePointerType() {
    PointerType p = new PointerType();
    demanglePointerCvQualifiers(p);
    if (consume('6')) {
      p.pointee = demangleFunctionType(false);
      return p;
    }
    p.quals |= demanglePointerExtQualifiers();
    p.pointee = demangleType(QMM_MANGLE);
    return p;
  }

  private PointerType demangleMemberPointerType() {
    PointerType p = new PointerType();
    demanglePointerCvQualifiers(p);
    p.quals |= demanglePointerExtQualifiers();
    if (consume('8')) {
      p.classParent = demangleFullyQualifiedTypeName();
      p.pointee = demangleFunctionType(true);
    } else {
      int pointeeQuals = demangleQualifiers()[0];
      checkSoftError();
      p.classParent = demangleFullyQualifiedTypeName();
      p.pointee = demangleType(QMM_DROP);
      p.pointee.quals = pointeeQuals;
    }
    return p;
  }

  private void demanglePointerCvQualifiers(PointerType p) {
    if (consume("$$Q")) {
      p.affinity = Affinity.RVALUE_REFERENCE;
      return;
    }
    switch (next()) {
      case 'A':
        p.affinity = Affinity.REFERENCE;
        break;
      case 'P':
        p.affinity = Affinity.POINTER;
        break;
      case 'Q':
        p.affinity = Affinity.POINTER;
        p.quals = MsvcNode.Q_CONST;
        break;
      case 'R':
        p.affinity = Affinity.POINTER;
        p.quals = MsvcNode.Q_VOLATILE;
        break;
      case 'S':
        p.affinity = Affinity.POINTER;
        p.quals = MsvcNode.Q_CONST | MsvcNode.Q_VOLATILE;
        break;
      default:
        throw fail();
    }
  }

  private int demanglePointerExtQualifiers() {
    int q = 0;
    if (consume('E')) {
      q |= MsvcNode.Q_POINTER64;
    }
    if (consume('I')) {
      q |= MsvcNode.Q_RESTRICT;
    }
    if (consume('F')) {
      q |= MsvcNode.Q_UNALIGNED;
    }
    return q;
  }

  private ArrayType demangleArrayType() {
    checkSoftError();
    consume('Y');
    boolean[] negative = new boolean[1];
    long rank = demangleNumber(negative);
    if (negative[0] || rank == 0) {
      throw fail();
    }
    // Each dimension consumes at least one character, so the input bounds the rank.
    long[] dims = new long[Long.compareUnsigned(rank, 4) < 0 ? (int) rank : 4];
    int n = 0;
    for (long i = 0; Long.compareUnsigned(i, rank) < 0; i++) {
      long d = demangleNumber(negative);
      if (negative[0]) {
        throw fail();
      }
      if (n == dims.length) {
        dims = java.util.Arrays.copyOf(dims, n * 2);
      }
      dims[n++] = d;
    }
    ArrayType aty = new ArrayType();
    aty.dimensions = n == dims.length ? dims : java.util.Arrays.copyOf(dims, n);
    if (consume("$$C")) {
      if (atEnd()) {
        throw fail();
      }
      char c = s.charAt(pos);
      if (c >= 'Q' && c <= 'T') {
        throw fail(); // member qualifiers
      }
      aty.quals = demangleQualifiersSoft();
    }
    aty.elementType = demangleType(QMM_DROP);
    return aty;
  }

  private FunctionSignature demangleFunctionType(boolean hasThisQuals) {
    enter();
    try {
      FunctionSignature fty = new FunctionSignature();
      if (hasThisQuals) {
        fty.quals = demanglePointerExtQualifiers();
        if (consume('G')) {
          fty.refQualifier = RefQualifier.REFERENCE;
        } else if (consume('H')) {
          fty.refQualifier = RefQualifier.RVALUE_REFERENCE;
        }
        fty.quals |= demangleQualifiersSoft();
      }
      fty.callConvention = demangleCallingConvention();
      boolean isStructor = consume('@');
      if (isStructor) {
        checkSoftError();
      }
      if (!isStructor) {
        fty.returnType = demangleType(QMM_RESULT);
      }
      demangleFunctionParameterList(fty);
      if (consume("_E")) {
        fty.isNoexcept = true;
      } else if (!consume('Z')) {
        throw fail();
      }
      return fty;
    } finally {
      exit();
    }
  }

  private void demangleFunctionParameterList(FunctionSignature fty) {
    checkSoftError();
    if (consume('X')) {
      return;
    }
    List<MsvcNode> params = new ArrayList<>(4);
    while (!startsWith('@') && !startsWith('Z')) {
      if (startsWithDigit()) {
        int n = s.charAt(pos) - '0';
        if (n >= functionParamCount) {
          throw fail();
        }
        pos++;
        params.add(functionParams[n]);
        continue;
      }
      int old = pos;
      TypeNode tn = demangleType(QMM_DROP);
      params.add(tn);
      if (functionParamCount <= 9 && pos - old > 1) {
        functionParams[functionParamCount++] = tn;
      }
    }
    fty.params = new NodeArray(params.toArray(new MsvcNode[0]));
    if (consume('@')) {
      return;
    }
    consume('Z');
    fty.isVariadic = true;
  }

  private NodeArray demangleTemplateParameterList() {
    List<MsvcNode> params = new ArrayList<>(4);
    boolean[] negative = new boolean[1];
    while (!startsWith('@')) {
      if (consume("$S") || consume("$$V") || consume("$$$V") || consume("$$Z")) {
        continue; // parameter pack separator
      }
      boolean auto = consume("$M");
      if (auto) {
        demangleType(QMM_DROP); // the deduced type is not printed
      }
      MsvcNode arg;
      if (consume("$$B")) {
        arg = demangleType(QMM_DROP);
      } else if (consume("$$C")) {
        arg = demangleType(QMM_MANGLE);
      } else if (startsWith(auto ? "1" : "$1") || startsWith(auto ? "H" : "$H")
          || startsWith(auto ? "I" : "$I") || startsWith(auto ? "J" : "$J")) {
        TemplateParameterReference tprn = new TemplateParameterReference();
        tprn.isMemberPointer = true;
        if (!auto) {
          pos++; // '$'
        }
        char inheritance = next();
        SymbolNode sym = null;
        if (startsWith('?')) {
          sym = parse();
          if (sym.name == null) {
            throw fail();
          }
          memorizeIdentifier(sym.name.unqualifiedIdentifier());
        }
        int offsets = inheritance == 'J' ? 3 : inheritance == 'I' ? 2 : inheritance == 'H' ? 1 : 0;
        for (int i = 0; i < offsets; i++) {
          tprn.thunkOffsets[tprn.thunkOffsetCount++] = demangleSigned();
        }
        tprn.affinity = Affinity.POINTER;
        tprn.symbol = sym;
        arg = tprn;
      } else if (startsWith("$E?")) {
        consume("$E");
        TemplateParameterReference tprn = new TemplateParameterReference();
        tprn.symbol = parse();
        tprn.affinity = Affinity.REFERENCE;
        arg = tprn;
      } else if (startsWith(auto ? "F" : "$F") || startsWith(auto ? "G" : "$G")) {
        TemplateParameterReference tprn = new TemplateParameterReference();
        if (!auto) {
          pos++; // '$'
        }
        char inheritance = next();
        if (inheritance == 'G') {
          tprn.thunkOffsets[tprn.thunkOffsetCount++] = demangleSigned();
        }
        tprn.thunkOffsets[tprn.thunkOffsetCount++] = demangleSigned();
        tprn.thunkOffsets[tprn.thunkOffsetCount++] = demangleSigned();
        tprn.isMemberPointer = true;
        arg = tprn;
      } else if (consume(auto ? "0" : "$0")) {
        long value = demangleNumber(negative);
        arg = new IntegerLiteral(value, negative[0]);
      } else {
        arg = demangleType(QMM_DROP);
      }
      params.add(arg);
    }
    consume('@');
    return new NodeArray(params.toArray(new MsvcNode[0]));
  }
}
