package dev.symbolic.demangle;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Demangles MSVC C++ names ({@code ?…}, {@code .?A…} type-descriptor names, {@code ??@…@} MD5
 * names) to the exact text {@code llvm-undname} 19 prints.
 *
 * <p>With {@link DemangleOptions#parameters()} off, only the qualified name is printed
 * ({@code ns::Foo<int>::bar}): no return type, calling convention, parameters, access or storage
 * keywords. Names that are descriptions (RTTI type descriptors, string literals) print in full.
 *
 * <p>Never throws; malformed input gives an empty result, and so does input that llvm-undname
 * prints unchanged (MD5-hashed names). Stateless and thread-safe; parsing and printing are
 * bounded in depth and size.
 */
final class MsvcDemangler {
  private MsvcDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid Msvc name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    if (mangled == null || mangled.isEmpty() || options == null) {
      return Optional.empty();
    }
    try {
      boolean ascii = isAscii(mangled);
      // LLVM works on bytes: give the parser one char per UTF-8 byte.
      String bytes = ascii
          ? mangled
          : new String(mangled.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      MsvcParser parser = new MsvcParser(bytes);
      MsvcNode.SymbolNode symbol = parser.parseSymbol();
      MsvcOutput ob = new MsvcOutput(parser.budget());
      if (options.parameters()) {
        symbol.output(ob, MsvcNode.OF_DEFAULT);
      } else {
        outputNameOnly(symbol, ob);
      }
      String out = ob.toString();
      if (out.equals(bytes)) {
        return Optional.empty(); // printed unchanged: not demangled
      }
      if (!ascii) {
        out = new String(out.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
      return Optional.of(out);
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  private static void outputNameOnly(MsvcNode.SymbolNode symbol, MsvcOutput ob) {
    if (symbol instanceof MsvcNode.FunctionSymbol
        || symbol instanceof MsvcNode.LocalStaticGuardVariable
        || (symbol instanceof MsvcNode.VariableSymbol
            && !((MsvcNode.VariableSymbol) symbol).describesType)) {
      symbol.name.output(ob, MsvcNode.OF_DEFAULT);
    } else if (symbol instanceof MsvcNode.SpecialTableSymbol) {
      MsvcNode.SpecialTableSymbol table = (MsvcNode.SpecialTableSymbol) symbol;
      table.name.output(ob, MsvcNode.OF_DEFAULT);
      table.outputTarget(ob, MsvcNode.OF_DEFAULT);
    } else {
      symbol.output(ob, MsvcNode.OF_DEFAULT);
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
