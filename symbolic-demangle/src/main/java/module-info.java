/** Demanglers for Itanium C++, MSVC C++, Rust, Objective-C and Swift symbol names. */
module dev.symbolic.demangle {
  requires transitive dev.symbolic.common;

  exports dev.symbolic.demangle;
}
