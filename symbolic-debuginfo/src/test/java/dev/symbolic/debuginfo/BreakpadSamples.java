package dev.symbolic.debuginfo;

/** A small Breakpad symbol file with every kind of record the object model reads. */
final class BreakpadSamples {
  static final String SYM = String.join("\n",
      "MODULE Linux x86_64 5A5F32914295A4FA22B591670A49FBEF0 x.so",
      "INFO CODE_ID 915F325A9542FAA422B591670A49FBEFC8B4A1A3",
      "FILE 0 /src/main.c",
      "FILE 1 /src/util.h",
      "INLINE_ORIGIN 0 helper",
      "FUNC 1000 30 0 main",
      "INLINE 0 12 0 0 1010 10",
      "1000 10 10 0",
      "1010 10 3 1",
      "1020 10 13 0",
      "PUBLIC 2000 0 _ZN3foo3barEv",
      "STACK CFI INIT 1000 30 .cfa: $rsp 8 + .ra: .cfa -8 + ^",
      "");

  private BreakpadSamples() {}
}
