package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;

/** Calls every accessor of a dump, as a consumer printing everything would. */
final class MinidumpReading {
  private MinidumpReading() {}

  /** Reads every stream and every thread's context and stack; returns a checksum of values. */
  static long readEverything(Minidump dump) {
    long sum = dump.version() + dump.timestamp() + dump.flags() + dump.checksum();
    for (MinidumpStream s : dump.streams()) {
      sum += s.type() + s.typeName().length();
    }
    MinidumpMemory memory = dump.memory();
    for (MemoryRegion r : memory.regions()) {
      sum += memory.readU64(r.start()).orElse(0)
          + memory.readU32(r.start() + r.size() - 4).orElse(0);
    }
    for (MinidumpThread t : dump.threads()) {
      sum += t.threadId() + t.teb();
      sum += t.stack().map(MemoryRegion::size).orElse(0L);
      CpuContext c = t.context().orElse(null);
      if (c != null) {
        sum += c.instructionPointer().orElse(0) + c.stackPointer().orElse(0);
        sum += memory.readU64(c.stackPointer().orElse(0)).orElse(0);
        for (String name : c.validRegisterNames()) {
          sum += c.register(name).orElseThrow();
        }
      }
    }
    sum += dump.threadNames().size() + dump.threadInfos().size();
    for (MinidumpModule m : dump.modules()) {
      sum += m.baseAddress() + m.codeFile().length() + m.debugFile().length();
      sum += m.debugIdentifier().length() + m.codeIdentifier().length();
      sum += m.version().map(String::length).orElse(0);
    }
    sum += dump.unloadedModules().size() + dump.memoryInfos().size() + dump.handles().size();
    sum += dump.exception().map(e -> e.code() + e.context().map(
        c -> c.instructionPointer().orElse(0)).orElse(0L)).orElse(0L);
    sum += dump.crashReason().map(r -> r.address() + r.reason().length()).orElse(0L);
    sum += dump.systemInfo().map(s -> (long) (s.os() + s.osVersion() + s.cpu() + s.cpuInfo())
        .length()).orElse(0L);
    sum += dump.miscInfo().map(MiscInfo::processCreateTime).orElse(0L);
    sum += dump.breakpadInfo().map(BreakpadInfo::validity).orElse(0L);
    sum += dump.assertion().map(a -> (long) a.description().length()).orElse(0L);
    sum += dump.crashpadInfo().map(c -> (long) c.simpleAnnotations().size()
        + c.modules().stream().mapToLong(m -> m.annotationObjects().stream()
            .mapToLong(a -> a.valueAsString().length()).sum()).sum()).orElse(0L);
    sum += dump.linuxCpuInfo().map(String::length).orElse(0)
        + dump.linuxProcStatus().map(String::length).orElse(0)
        + dump.linuxLsbRelease().map(String::length).orElse(0)
        + dump.linuxMaps().map(String::length).orElse(0);
    sum += dump.linuxCmdLine().size() + dump.linuxEnviron().size() + dump.linuxAuxv().size();
    sum += dump.linuxDsoDebug().map(ByteView::length).orElse(0L);
    return sum;
  }
}
