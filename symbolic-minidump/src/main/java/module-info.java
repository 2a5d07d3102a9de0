/** Minidumps: streams, crash reason, stack walking and symbolized output. */
module dev.symbolic.minidump {
  requires transitive dev.symbolic.common;
  requires transitive dev.symbolic.debuginfo;
  requires dev.symbolic.demangle;

  exports dev.symbolic.minidump;
}
