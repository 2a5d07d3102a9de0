package dev.symbolic.demangle;

/**
 * How much of a demangled name to print.
 *
 * <p>{@link #complete()} prints what the reference tools print: parameters, return types and
 * template arguments for C++ ({@code llvm-cxxfilt}), the {@code ::h<hash>} suffix of legacy Rust
 * names. {@link #nameOnly()} drops the parameter list and the Rust hash. Immutable.
 */
public final class DemangleOptions {
  private static final DemangleOptions COMPLETE = new DemangleOptions(true, true);
  private static final DemangleOptions NAME_ONLY = new DemangleOptions(false, false);

  private final boolean parameters;
  private final boolean rustHash;

  private DemangleOptions(boolean parameters, boolean rustHash) {
    this.parameters = parameters;
    this.rustHash = rustHash;
  }

  /** Everything the reference demanglers print. */
  public static DemangleOptions complete() {
    return COMPLETE;
  }

  /** The qualified name alone, without parameters or hash. */
  public static DemangleOptions nameOnly() {
    return NAME_ONLY;
  }

  /** These options, with or without the parameter list (and C++ return types). */
  public DemangleOptions parameters(boolean parameters) {
    return new DemangleOptions(parameters, rustHash);
  }

  /** These options, with or without the {@code ::h<hash>} of legacy Rust names. */
  public DemangleOptions rustHash(boolean rustHash) {
    return new DemangleOptions(parameters, rustHash);
  }

  /** Whether parameters (and return types) are printed. */
  public boolean parameters() {
    return parameters;
  }

  /** Whether the hash of legacy Rust names is printed. */
  public boolean rustHash() {
    return rustHash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DemangleOptions
        && ((DemangleOptions) o).parameters == parameters
        && ((DemangleOptions) o).rustHash == rustHash;
  }

  @Override
  public int hashCode() {
    return (parameters ? 1 : 0) + (rustHash ? 2 : 0);
  }

  @Override
  public String toString() {
    return "DemangleOptions{parameters=" + parameters + ", rustHash=" + rustHash + "}";
  }
}
