package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.ByteView;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.DebugInfoException;
import dev.symbolic.minidump.CallStack;
import dev.symbolic.minidump.CpuContext;
import dev.symbolic.minidump.MemoryRegion;
import dev.symbolic.minidump.Minidump;
import dev.symbolic.minidump.MinidumpException;
import dev.symbolic.minidump.MinidumpMemory;
import dev.symbolic.minidump.MinidumpModule;
import dev.symbolic.minidump.MinidumpStream;
import dev.symbolic.minidump.MinidumpThread;
import dev.symbolic.minidump.ProcessState;
import dev.symbolic.minidump.StackWalker;
import dev.symbolic.minidump.StackwalkJson;
import dev.symbolic.minidump.StackwalkPrinter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fuzzes the minidump reader of symbolic-minidump: arbitrary bytes are parsed, every accessor is
 * called, and memory is read at every address the dump itself names (stack and instruction
 * pointers, the crash address, module bases, region edges). {@link MinidumpException} is the only
 * acceptable failure; each accessor is tried on its own so that one malformed stream does not hide
 * the others. {@link #stackwalk} walks every thread of arbitrary bytes and prints the reports;
 * {@link #stackwalkWithSymbols} does so with an arbitrary symbol file for every module.
 *
 * <p>Seeds in {@code MinidumpFuzzTestInputs/reader/} are small dumps written by the test builder
 * of symbolic-minidump ({@code FuzzSeedWriter}). A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz test -Dtest='MinidumpFuzzTest#reader'
 * </pre>
 */
class MinidumpFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void reader(byte[] data) {
    Minidump dump;
    try {
      dump = Minidump.parse(ByteView.of(data));
    } catch (MinidumpException expected) {
      return;
    }
    List<Long> addresses = new ArrayList<>();
    for (MinidumpStream s : dump.streams()) {
      tryRead(() -> dump.streamBytes(s));
    }
    tryRead(() -> {
      for (MinidumpThread t : dump.threads()) {
        addresses.add(t.stackStart());
        tryRead(t::stack);
        tryRead(() -> t.context().map(c -> pointers(c, addresses)));
      }
      return null;
    });
    tryRead(() -> {
      for (MinidumpModule m : dump.modules()) {
        addresses.add(m.baseAddress());
        m.codeFile();
        m.debugFile();
        m.debugId();
        m.debugIdentifier();
        m.codeIdentifier();
        m.codeId();
        m.version();
      }
      return null;
    });
    tryRead(() -> dump.exception().map(e -> {
      addresses.add(e.address());
      return e.context().map(c -> pointers(c, addresses));
    }));
    tryRead(() -> dump.crashReason().map(r -> addresses.add(r.address())));
    tryRead(() -> dump.systemInfo().map(s -> s.os() + s.osVersion() + s.cpu() + s.cpuInfo()));
    tryRead(dump::threadNames);
    tryRead(dump::threadInfos);
    tryRead(dump::unloadedModules);
    tryRead(dump::memoryInfos);
    tryRead(dump::miscInfo);
    tryRead(dump::breakpadInfo);
    tryRead(() -> dump.assertion().map(a -> a.description()));
    tryRead(() -> dump.crashpadInfo().map(c -> {
      c.modules().forEach(m -> m.annotationObjects().forEach(a -> a.valueAsString()));
      return c;
    }));
    tryRead(dump::handles);
    tryRead(dump::linuxCpuInfo);
    tryRead(dump::linuxProcStatus);
    tryRead(dump::linuxLsbRelease);
    tryRead(dump::linuxMaps);
    tryRead(dump::linuxCmdLine);
    tryRead(dump::linuxEnviron);
    tryRead(dump::linuxAuxv);
    tryRead(dump::linuxDsoDebug);
    tryRead(() -> {
      MinidumpMemory memory = dump.memory();
      for (MemoryRegion r : memory.regions()) {
        addresses.add(r.start());
        addresses.add(r.start() + r.size() - 1);
        addresses.add(r.start() + r.size());
      }
      for (long a : addresses) {
        for (long d = -8; d <= 8; d += 4) {
          memory.readU8(a + d);
          memory.readU32(a + d);
          memory.readU64(a + d);
          memory.regionFor(a + d);
        }
      }
      return null;
    });
  }

  /**
   * Walks every thread of arbitrary bytes, without symbols, and prints all three reports: random
   * registers and stack memory must end in bounded walks and nothing but {@link
   * MinidumpException}.
   */
  /**
   * Bytes as the records of a Breakpad text microdump (after a marker line), read as a minidump
   * and walked: only MinidumpException.
   */
  @FuzzTest(maxDuration = "5m")
  void microdump(byte[] data) {
    byte[] marker = "x: -----BEGIN BREAKPAD MICRODUMP-----\n".getBytes(StandardCharsets.US_ASCII);
    byte[] log = new byte[marker.length + data.length];
    System.arraycopy(marker, 0, log, 0, marker.length);
    System.arraycopy(data, 0, log, marker.length, data.length);
    try {
      ProcessState state = ProcessState.process(Minidump.parse(ByteView.of(log)),
          module -> Optional.empty());
      StackwalkPrinter.human(state);
    } catch (MinidumpException expected) {
      // malformed records
    }
  }

  @FuzzTest(maxDuration = "5m")
  void stackwalk(byte[] data) {
    try {
      ProcessState state = ProcessState.process(Minidump.parse(ByteView.of(data)),
          module -> Optional.empty());
      for (CallStack stack : state.threads()) {
        if (stack.frames().size() > StackWalker.MAX_FRAMES) {
          throw new AssertionError("walked past the frame limit: " + stack.frames().size());
        }
      }
      StackwalkPrinter.human(state);
      StackwalkPrinter.machineReadable(state);
      StackwalkJson.of(state);
    } catch (MinidumpException expected) {
      // a malformed thread list, rejected as documented
    }
  }

  /**
   * Walks arbitrary dumps with arbitrary symbols: the first two bytes give the length of a
   * Breakpad symbol file that follows, used for every module, and the rest is the dump. This
   * drives the {@code STACK WIN} and {@code STACK CFI} paths of the walker over hostile rules and
   * memory.
   */
  @FuzzTest(maxDuration = "5m")
  void stackwalkWithSymbols(byte[] data) {
    if (data.length < 2) {
      return;
    }
    int length = Math.min(((data[0] & 0xFF) << 8) | (data[1] & 0xFF), data.length - 2);
    Optional<BreakpadSymbols> symbols;
    try {
      symbols = Optional.of(BreakpadSymbols.parse(ByteView.of(data, 2, length)));
    } catch (DebugInfoException e) {
      symbols = Optional.empty();
    }
    Optional<BreakpadSymbols> forEveryModule = symbols;
    try {
      ProcessState state = ProcessState.process(
          Minidump.parse(ByteView.of(data, 2 + length, data.length - 2 - length)),
          module -> forEveryModule);
      StackwalkPrinter.human(state);
      StackwalkJson.of(state);
    } catch (MinidumpException expected) {
      // a malformed thread list, rejected as documented
    }
  }

  private static Object pointers(CpuContext c, List<Long> addresses) {
    c.instructionPointer().ifPresent(addresses::add);
    c.stackPointer().ifPresent(addresses::add);
    for (String name : c.validRegisterNames()) {
      c.register(name).ifPresent(addresses::add);
    }
    return c;
  }

  private static void tryRead(Supplier<?> read) {
    try {
      read.get();
    } catch (MinidumpException expected) {
      // a malformed stream, rejected as documented
    }
  }
}
