package dev.symbolic.minidump;

import dev.symbolic.debuginfo.BreakpadSymbols;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything Breakpad's processor derives from a dump: system, crash, assertion, uptime, every
 * thread's walked stack and the modules with their symbol status.
 *
 * <p>As in Breakpad's processor, a malformed optional stream is treated as absent, a malformed
 * module list as empty, the thread that wrote the dump (named by Breakpad's info stream) is left
 * out, and the crashed thread is walked from the exception's context rather than its own, which
 * is inside the exception handler. A thread whose context or stack cannot be read gets an empty
 * stack.
 *
 * <p>Example:
 *
 * <pre>{@code
 * ProcessState state = ProcessState.process(dump, SymbolSupplier.of(List.of(symbolDir)));
 * System.out.print(StackwalkPrinter.human(state));
 * }</pre>
 *
 * @param systemInfo the system info, if readable
 * @param crash the crash reason and address, if the dump has an exception stream; for a
 *     microdump, always (Breakpad treats every microdump as a crash, its reason empty without an
 *     {@code R} record)
 * @param crashParameters the exception parameters
 * @param assertion Breakpad's description of an assertion stream, if any
 * @param uptime the seconds between process start and dump, if known
 * @param requestingThread the index in {@code threads} of the crashed or requesting thread, or -1
 * @param threads the walked threads, in dump order
 * @param modules the loaded modules by ascending address
 * @param mainModule the main module: the first of the module list
 * @param modulesWithoutSymbols the modules a frame fell in whose symbols were not found
 * @param modulesWithSymbols the modules whose symbols were loaded during the walk
 * @param unloadedModules the modules unloaded before the dump
 * @param processId the process id, if the misc info stream has it
 * @param threadNames thread ids to names, from the thread names stream
 * @param modulesWithCorruptSymbols the modules whose symbol file exists but could not be read
 * @param microdump what the microdump the dump was read from says beyond its streams: OS version
 *     text, GPU, crash; empty for a minidump
 */
public record ProcessState(
    Optional<SystemInfo> systemInfo,
    Optional<CrashReason> crash,
    List<Long> crashParameters,
    Optional<String> assertion,
    OptionalLong uptime,
    int requestingThread,
    List<CallStack> threads,
    List<MinidumpModule> modules,
    Optional<MinidumpModule> mainModule,
    Set<MinidumpModule> modulesWithoutSymbols,
    Set<MinidumpModule> modulesWithSymbols,
    List<UnloadedModule> unloadedModules,
    OptionalLong processId,
    Map<Long, String> threadNames,
    Set<MinidumpModule> modulesWithCorruptSymbols,
    Optional<MicrodumpInfo> microdump) {
  /** Copies the collections. */
  public ProcessState {
    crashParameters = List.copyOf(crashParameters);
    threads = List.copyOf(threads);
    modules = List.copyOf(modules);
    modulesWithoutSymbols = Set.copyOf(modulesWithoutSymbols);
    modulesWithSymbols = Set.copyOf(modulesWithSymbols);
    unloadedModules = List.copyOf(unloadedModules);
    threadNames = Map.copyOf(threadNames);
    modulesWithCorruptSymbols = Set.copyOf(modulesWithCorruptSymbols);
  }

  /**
   * Walks every thread of a dump with symbols from Breakpad symbol stores.
   *
   * @param dump the dump
   * @param supplier the symbol stores
   * @return the state, with modules whose symbol file is corrupt reported as such
   * @throws MinidumpException if the thread list is malformed
   */
  public static ProcessState process(Minidump dump, SymbolSupplier supplier) {
    Set<MinidumpModule> corrupt = new LinkedHashSet<>();
    ProcessState s = process(dump, module -> {
      SymbolSupplierResult r = supplier.lookup(module.symbolKey());
      if (r.status() == SymbolSupplierResult.Status.CORRUPT) {
        corrupt.add(module);
      }
      return r.symbols();
    });
    Set<MinidumpModule> without = new LinkedHashSet<>(s.modulesWithoutSymbols());
    without.removeAll(corrupt);
    return new ProcessState(s.systemInfo(), s.crash(), s.crashParameters(), s.assertion(),
        s.uptime(), s.requestingThread(), s.threads(), s.modules(), s.mainModule(), without,
        s.modulesWithSymbols(), s.unloadedModules(), s.processId(), s.threadNames(), corrupt,
        s.microdump());
  }


  /**
   * Walks every thread of a dump and gathers what Breakpad's processor reports.
   *
   * @param dump the dump
   * @param symbols gives the Breakpad symbols of a module, or empty
   * @return the state
   * @throws MinidumpException if the thread list is malformed
   */
  public static ProcessState process(
      Minidump dump, Function<MinidumpModule, Optional<BreakpadSymbols>> symbols) {
    List<MinidumpModule> listed = optionalList(dump::modules);
    StackWalker walker = StackWalker.of(dump, listed, symbols);
    Optional<SystemInfo> system = optional(dump::systemInfo);
    Optional<ExceptionStream> exception = optional(dump::exception);
    Optional<BreakpadInfo> breakpad = optional(dump::breakpadInfo);
    OptionalLong dumpThread =
        breakpad.map(BreakpadInfo::dumpThreadId).orElse(OptionalLong.empty());
    OptionalLong requesting = exception.isPresent()
        ? OptionalLong.of(exception.get().threadId())
        : breakpad.map(BreakpadInfo::requestingThreadId).orElse(OptionalLong.empty());
    List<CallStack> stacks = new ArrayList<>();
    int requestingIndex = -1;
    for (MinidumpThread thread : dump.threads()) {
      long id = thread.threadId();
      if (dumpThread.isPresent() && dumpThread.getAsLong() == id) {
        continue;
      }
      Optional<CpuContext> context = optional(thread::context);
      if (requesting.isPresent() && requesting.getAsLong() == id && requestingIndex < 0) {
        requestingIndex = stacks.size();
        if (exception.isPresent()) {
          Optional<CpuContext> crashContext = optional(exception.get()::context);
          if (crashContext.isPresent()) {
            context = crashContext;
          }
        }
      }
      if (context.isEmpty()) {
        stacks.add(new CallStack(id, List.of()));
        continue;
      }
      stacks.add(walker.walk(id, context.get(), stackOf(dump, thread)));
    }
    Optional<CrashReason> crash = exception.isPresent()
        ? optional(dump::crashReason) : Optional.empty();
    Optional<MicrodumpInfo> microdump = dump.microdump();
    if (microdump.isPresent()) {
      // Breakpad's microdump processor marks its one thread as crashed, with or without a reason.
      crash = Optional.of(new CrashReason(microdump.get().crashReason(),
          microdump.get().crashAddress()));
      requestingIndex = stacks.isEmpty() ? -1 : 0;
    }
    return new ProcessState(system, crash,
        exception.map(ExceptionStream::parameters).orElse(List.of()),
        optional(dump::assertion).map(AssertionInfo::description), uptime(dump),
        requestingIndex, stacks, walker.modules(),
        listed.isEmpty() ? Optional.empty() : Optional.of(listed.get(0)),
        walker.modulesWithoutSymbols(), walker.modulesWithSymbols(),
        optionalList(dump::unloadedModules),
        optional(dump::miscInfo).filter(MiscInfo::hasProcessId)
            .map(m -> OptionalLong.of(m.processId())).orElse(OptionalLong.empty()),
        optionalMap(dump::threadNames), Set.of(), microdump);
  }

  private static <T> List<T> optionalList(Supplier<List<T>> read) {
    try {
      return read.get();
    } catch (MinidumpException e) {
      return List.of();
    }
  }

  private static Map<Long, String> optionalMap(Supplier<Map<Long, String>> read) {
    try {
      return read.get();
    } catch (MinidumpException e) {
      return Map.of();
    }
  }

  /** The thread's stack, or else the saved region holding its stack start, as in Breakpad. */
  private static Optional<MemoryRegion> stackOf(Minidump dump, MinidumpThread thread) {
    Optional<MemoryRegion> stack = optional(thread::stack);
    if (stack.isPresent() || thread.stackStart() == 0) {
      return stack;
    }
    return optional(() -> dump.memory().regionFor(thread.stackStart()));
  }

  private static OptionalLong uptime(Minidump dump) {
    try {
      return dump.processUptime();
    } catch (MinidumpException e) {
      return OptionalLong.empty();
    }
  }

  /** A stream whose malformation is treated as absence, as Breakpad's processor does. */
  private static <T> Optional<T> optional(Supplier<Optional<T>> read) {
    try {
      return read.get();
    } catch (MinidumpException e) {
      return Optional.empty();
    }
  }
}
