/** Source map v3: decoding, lookups, original function names and a binary cache. */
module dev.symbolic.sourcemap {
  requires transitive dev.symbolic.common;

  exports dev.symbolic.sourcemap;
}
