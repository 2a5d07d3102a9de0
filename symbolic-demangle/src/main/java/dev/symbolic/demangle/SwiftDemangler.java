package dev.symbolic.demangle;

import dev.symbolic.demangle.SwiftNode.Kind;
import java.util.Optional;

/**
 * Demangles Swift names ({@code $s}, {@code $S}, {@code $e}, {@code _$s}, {@code _T0}) the way
 * Sentry's symbolic does with Apple's demangler: {@link DemangleOptions#nameOnly()} prints the
 * "simplified UI" form without parameters ({@code Zim.zang<A>}), with {@code parameters(true)}
 * the parameter types are added ({@code Zim.zang<A>(A, A1)}), and {@link
 * DemangleOptions#complete()} prints Apple's default form with module names and return types.
 *
 * <p>Never throws; malformed input, and manglings this port does not cover exactly, give an
 * empty result. Parsing and printing are bounded in nodes, depth and output length.
 */
final class SwiftDemangler {
  private static final int MAX_INPUT = 4096;

  private SwiftDemangler() {}

  /** The demangled name, or empty if {@code mangled} is not a valid (supported) Swift name. */
  static Optional<String> demangle(String mangled, DemangleOptions options) {
    if (mangled == null || options == null || mangled.length() > MAX_INPUT
        || !looksLikeSwift(mangled)) {
      return Optional.empty();
    }
    try {
      SwiftNode root = SwiftParser.parse(mangled);
      if (root == null || !isPrintableRoot(root)) {
        return Optional.empty();
      }
      String text = options.equals(DemangleOptions.complete())
          ? SwiftPrinter.complete(root)
          : SwiftPrinter.simplified(root, options.parameters());
      if (text == null || text.isEmpty() || text.equals(mangled)) {
        return Optional.empty();
      }
      return Optional.of(text);
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the tree is a single symbol: function attributes and an unmangled suffix around
   * exactly one entity, not a stray name or list marker left on the stack.
   */
  private static boolean isPrintableRoot(SwiftNode global) {
    int main = 0;
    SwiftNode parent = global;
    for (int i = 0; i < parent.size(); i++) {
      SwiftNode c = parent.child(i);
      if (c.is(Kind.SUFFIX)) {
        continue;
      }
      if (SwiftParser.isFunctionAttr(c.kind)) {
        if (c.size() > 0 && (c.is(Kind.PARTIAL_APPLY_FORWARDER)
            || c.is(Kind.PARTIAL_APPLY_OBJC_FORWARDER))) {
          for (SwiftNode g : c.children()) {
            if (!SwiftParser.isFunctionAttr(g.kind)) {
              if (!isSymbolKind(g.kind)) {
                return false;
              }
              main++;
            }
          }
        }
        continue;
      }
      if (!isSymbolKind(c.kind)) {
        return false;
      }
      main++;
    }
    return main == 1;
  }

  private static boolean isSymbolKind(Kind k) {
    switch (k) {
      case IDENTIFIER:
      case MODULE:
      case NUMBER:
      case INDEX:
      case LABEL_LIST:
      case TYPE_LIST:
      case TUPLE_ELEMENT_NAME:
      case EMPTY_LIST:
      case FIRST_ELEMENT_MARKER:
      case VARIADIC_MARKER:
      case DEPENDENT_GENERIC_SIGNATURE:
      case LOCAL_DECL_NAME:
      case PRIVATE_DECL_NAME:
      case RELATED_ENTITY_DECL_NAME:
      case INFIX_OPERATOR:
      case PREFIX_OPERATOR:
      case POSTFIX_OPERATOR:
      case THROWS_ANNOTATION:
      case ASYNC_ANNOTATION:
        return false;
      default:
        return true;
    }
  }

  /** Whether {@code mangled} has the shape of a Swift name (for language detection). */
  static boolean looksLikeSwift(String mangled) {
    return mangled.startsWith("$s") || mangled.startsWith("$S") || mangled.startsWith("_$s")
        || mangled.startsWith("_$S") || mangled.startsWith("_T0") || mangled.startsWith("$e")
        || mangled.startsWith("_$e");
  }
}
