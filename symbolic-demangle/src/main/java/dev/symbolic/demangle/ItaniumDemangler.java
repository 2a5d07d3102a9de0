package dev.symbolic.demangle;

import java.util.Optional;

/**
 * Demangles Itanium names. Never throws; malformed input gives an empty result.
 *
 * <p>With {@link DemangleOptions#parameters()} the output is byte-identical to
 * {@code llvm-cxxfilt} 19. Without, the top-level function is printed as its name alone, with
 * no return type, parameters, qualifiers or clone suffix (like {@code c++filt --no-params}).
 *
 * <p>Accepted forms: {@code _Z…}, the Mach-O {@code __Z…}, and the Apple block invocations
 * {@code ___Z…_block_invoke}. Names the reference tool leaves alone ({@code _GLOBAL__sub_I_…},
 * {@code _ZGTt…} transaction clones, vector-ABI {@code _ZGV…} names) give an empty result.
 */
final class ItaniumDemangler {
  private ItaniumDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid Itanium name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    if (mangled == null || options == null || !hasItaniumPrefix(mangled)) {
      return Optional.empty();
    }
    String common = ItaniumFastPath.demangle(mangled, options.parameters());
    return common != null ? Optional.of(common) : parse(mangled, options);
  }

  /** The demangled name through the full parser and its syntax tree. */
  static Optional<String> parse(String mangled, DemangleOptions options) {
    try {
      ItaniumNode ast = new ItaniumParser(mangled).parse();
      if (ast == null) {
        return Optional.empty();
      }
      ItaniumPrinter p = new ItaniumPrinter(mangled);
      if (options.parameters()) {
        ast.print(p);
      } else {
        printWithoutParameters(ast, p);
      }
      return Optional.of(p.toString());
    } catch (ItaniumPrinter.Overflow e) {
      return Optional.empty();
    } catch (RuntimeException | StackOverflowError e) {
      // Final safety net: the parser is designed not to throw, see the property tests.
      return Optional.empty();
    }
  }

  private static void printWithoutParameters(ItaniumNode ast, ItaniumPrinter p) {
    if (ast instanceof ItaniumNode.FunctionEncoding) {
      ((ItaniumNode.FunctionEncoding) ast).name.print(p);
    } else if (ast instanceof ItaniumNode.DotSuffix
        && ((ItaniumNode.DotSuffix) ast).prefix instanceof ItaniumNode.FunctionEncoding) {
      ((ItaniumNode.FunctionEncoding) ((ItaniumNode.DotSuffix) ast).prefix).name.print(p);
    } else if (ast instanceof ItaniumNode.Prefixed
        && ((ItaniumNode.Prefixed) ast).prefix.startsWith("invocation function for block")
        && ((ItaniumNode.Prefixed) ast).child instanceof ItaniumNode.FunctionEncoding) {
      ItaniumNode.Prefixed block = (ItaniumNode.Prefixed) ast;
      p.add(block.prefix);
      ((ItaniumNode.FunctionEncoding) block.child).name.print(p);
    } else {
      ast.print(p);
    }
  }

  /** {@code _Z}, {@code __Z}, {@code ___Z} or {@code ____Z}. */
  private static boolean hasItaniumPrefix(String m) {
    int n = m.length();
    int i = 0;
    while (i < n && i < 4 && m.charAt(i) == '_') {
      i++;
    }
    return i >= 1 && i < n && m.charAt(i) == 'Z';
  }

  /** Whether {@code mangled} has the shape of a Itanium name (for language detection). */
  static boolean looksLikeItanium(String mangled) {
    return hasItaniumPrefix(mangled) || mangled.startsWith("_GLOBAL__");
  }
}
