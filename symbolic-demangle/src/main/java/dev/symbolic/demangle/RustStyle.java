package dev.symbolic.demangle;

/**
 * Which reference demangler's output a Rust demangling reproduces.
 *
 * <ul>
 *   <li>{@link #LLVM_GNU}: the public contract. v0 names as {@code llvm-cxxfilt-19} prints them
 *       (no crate disambiguators, no constant type suffixes, a {@code .suffix} as
 *       {@code " (.suffix)"}); legacy names as GNU {@code c++filt 2.40} prints them (escapes
 *       decoded, hash kept, {@code .suffix} dropped).
 *   <li>{@link #RUSTC_DISPLAY} and {@link #RUSTC_ALTERNATE}: {@code rustc-demangle 0.1.27}'s
 *       {@code format!("{}")} and {@code format!("{:#}")}, used to run its test suite.
 * </ul>
 */
enum RustStyle {
  LLVM_GNU,
  RUSTC_DISPLAY,
  RUSTC_ALTERNATE
}
