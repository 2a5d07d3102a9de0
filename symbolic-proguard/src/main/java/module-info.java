/** ProGuard/R8 mapping parser, stack-trace retracer and binary mapping cache. */
module dev.symbolic.proguard {
  requires transitive dev.symbolic.common;

  exports dev.symbolic.proguard;
}
