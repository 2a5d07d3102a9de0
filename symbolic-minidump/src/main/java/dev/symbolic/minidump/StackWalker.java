package dev.symbolic.minidump;

import dev.symbolic.common.CpuFamily;
import dev.symbolic.debuginfo.BreakpadFrame;
import dev.symbolic.debuginfo.BreakpadFunction;
import dev.symbolic.debuginfo.BreakpadLine;
import dev.symbolic.debuginfo.BreakpadSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks thread stacks of a minidump into symbolized frames, the way Breakpad's processor does.
 *
 * <p>A frame's module is the loaded module containing its address, else an unloaded one, as in
 * Breakpad. For each frame the caller is recovered, in order, from call frame information of the
 * module's symbols ({@code STACK WIN} on x86, {@code STACK CFI}), from the frame pointer, then by
 * scanning the stack for a plausible return address: a word that points into a module and, if the
 * module has symbols, into a function. The walk stops when no method works, when the caller's
 * instruction pointer is below 4096, when the stack pointer does not grow (it may stay equal only
 * on the first unwind), after {@link #MAX_FRAMES} frames, or, for scanning, after {@link
 * #MAX_SCANNED_FRAMES} scanned frames. Only the thread's own stack memory is read, as in Breakpad.
 * Across all walks of one walker, frames and scanned words are also bounded by a budget that
 * grows with the size of the dump, so that a hostile dump with many threads sharing one large
 * stack cannot make the work quadratic; honest dumps stay far below it.
 *
 * <p>Symbols come from a function giving the Breakpad symbols of a module, for instance one
 * reading a symbol store; each module is asked once. Inlined functions become frames of their own
 * ({@link FrameTrust#INLINE}) above the frame they were inlined into.
 *
 * <p>Example:
 *
 * <pre>{@code
 * SymbolSupplier store = SymbolSupplier.of(List.of(Path.of("symbols")));
 * StackWalker walker = StackWalker.of(dump,
 *     module -> store.lookup(module.symbolKey()).symbols());
 * for (MinidumpThread thread : dump.threads()) {
 *   CallStack stack = walker.walk(thread.threadId(), thread.context().orElseThrow(),
 *       thread.stack());
 * }
 * }</pre>
 *
 * <p>A walker caches symbols and is not thread-safe.
 */
public final class StackWalker {
  /**
   * Most frames of one stack, inlined frames included: Breakpad's limit. A real walk ends long
   * before, as every caller's stack pointer must lie above its callee's, and the work budget
   * bounds what a hostile dump can make the walker do.
   */
  public static final int MAX_FRAMES = 1 << 20;

  /** Most frames found by scanning in one stack, as in Breakpad. */
  public static final int MAX_SCANNED_FRAMES = 1 << 14;

  /** Words scanned for a return address; four times as many for the caller of the context. */
  static final int SCAN_WORDS = 40;

  private final ModuleIndex modules;
  /** The unloaded modules, looked in when no loaded module holds an address, as in Breakpad. */
  private final ModuleIndex unloaded;
  private final Function<MinidumpModule, Optional<BreakpadSymbols>> symbolSource;
  private final Map<MinidumpModule, Optional<BreakpadSymbols>> symbols = new IdentityHashMap<>();
  private final Set<MinidumpModule> withoutSymbols = new LinkedHashSet<>();
  /** Sorted FUNC start addresses per module, built the first time a PUBLIC symbol is found. */
  private final Map<MinidumpModule, long[]> functionStarts = new IdentityHashMap<>();
  private final boolean windows;
  private final boolean ios;
  /** Frames and scanned words the remaining walks may still spend. */
  private long workLeft;

  private StackWalker(Minidump dump, List<MinidumpModule> modules,
      Function<MinidumpModule, Optional<BreakpadSymbols>> symbolSource, long platform) {
    this.modules = new ModuleIndex(modules, merge(dump, platform));
    List<MinidumpModule> gone = new ArrayList<>();
    try {
      for (UnloadedModule u : dump.unloadedModules()) {
        gone.add(MinidumpModule.unloaded(u));
      }
    } catch (MinidumpException e) {
      // A malformed list is no list, as in Breakpad's processor.
    }
    this.unloaded = new ModuleIndex(gone, ModuleIndex.Merge.TRUNCATE_LOWER);
    this.symbolSource = symbolSource;
    this.windows = platform == SystemInfo.OS_WIN32_NT || platform == SystemInfo.OS_WIN32_WINDOWS;
    this.ios = platform == SystemInfo.OS_IOS;
    this.workLeft = (1L << 22) + 16 * dump.bytes().length();
  }

  /**
   * Creates a walker for a dump.
   *
   * @param dump the dump, whose module list and system info are read now
   * @param symbols gives the symbols of a module, or empty if there are none
   * @return the walker
   * @throws MinidumpException if the module list is malformed
   */
  public static StackWalker of(
      Minidump dump, Function<MinidumpModule, Optional<BreakpadSymbols>> symbols) {
    Objects.requireNonNull(dump, "dump");
    return of(dump, dump.modules(), symbols);
  }

  /** A walker over a module list read by the caller. */
  static StackWalker of(Minidump dump, List<MinidumpModule> modules,
      Function<MinidumpModule, Optional<BreakpadSymbols>> symbols) {
    Objects.requireNonNull(symbols, "symbols");
    long platform;
    try {
      platform = dump.systemInfo().map(SystemInfo::platformId).orElse(-1L);
    } catch (MinidumpException e) {
      platform = -1;
    }
    return new StackWalker(dump, modules, symbols, platform);
  }

  /** How Breakpad stores the overlapping modules of this kind of dump. */
  private static ModuleIndex.Merge merge(Minidump dump, long platform) {
    if (dump.microdump().isPresent()) {
      return platform == SystemInfo.OS_ANDROID
          ? ModuleIndex.Merge.TRUNCATE_UPPER : ModuleIndex.Merge.EXCLUSIVE;
    }
    return platform == SystemInfo.OS_ANDROID || platform == SystemInfo.OS_LINUX
        ? ModuleIndex.Merge.TRUNCATE_LOWER : ModuleIndex.Merge.EXCLUSIVE;
  }

  /**
   * Returns the loaded modules by ascending base address.
   *
   * @return the modules
   */
  public List<MinidumpModule> modules() {
    return modules.sorted();
  }

  /**
   * Finds the module containing an address.
   *
   * @param address an unsigned address
   * @return the module, or empty
   */
  public Optional<MinidumpModule> moduleAt(long address) {
    return modules.find(address);
  }

  /**
   * The module a frame at {@code address} belongs to: the loaded module containing it, else an
   * unloaded one, as Breakpad's frame symbolizer looks them up.
   */
  Optional<MinidumpModule> frameModule(long address) {
    Optional<MinidumpModule> loaded = modules.find(address);
    return loaded.isPresent() ? loaded : unloaded.find(address);
  }

  /**
   * Returns the modules a frame fell in but whose symbols could not be found, in the order they
   * were met.
   *
   * @return the modules without symbols
   */
  public Set<MinidumpModule> modulesWithoutSymbols() {
    return Collections.unmodifiableSet(withoutSymbols);
  }

  /**
   * Returns the modules whose symbols were found, in the order they were asked for.
   *
   * @return the modules with symbols
   */
  public Set<MinidumpModule> modulesWithSymbols() {
    Set<MinidumpModule> out = new LinkedHashSet<>();
    symbols.forEach((m, s) -> {
      if (s.isPresent()) {
        out.add(m);
      }
    });
    return Collections.unmodifiableSet(out);
  }

  /**
   * Walks one thread's stack.
   *
   * @param threadId the thread id, copied into the result
   * @param context the registers of the innermost frame
   * @param stack the thread's stack memory; without it only the innermost frame is found
   * @return the frames, innermost first
   */
  public CallStack walk(long threadId, CpuContext context, Optional<MemoryRegion> stack) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(stack, "stack");
    Unwinder unwinder = unwinder(context.family());
    if (stack.isPresent() && context.family().pointerSize().orElse(8) == 4
        && Long.compareUnsigned(stack.get().start() + stack.get().size() - 1, 0xFFFF_FFFFL) > 0) {
      // A 32-bit stack beyond 4 GiB is nonsense; Breakpad then walks without memory.
      stack = Optional.empty();
    }
    Walk walk = new Walk(this, stack, context.family());
    if (context.family() == CpuFamily.ARM_64 && context.isValid("lr")) {
      context = context.with("lr", Arm64Unwinder.strip(walk, context.raw("lr")));
    }
    List<StackFrame> out = new ArrayList<>();
    long ip = context.instructionPointer().orElse(0);
    StackFrame frame = StackFrame.of(ip, context, FrameTrust.CONTEXT);
    int scanned = 0;
    while (frame != null) {
      List<StackFrame> symbolized = symbolize(frame);
      if (frame.trust().isScanned()) {
        scanned++;
      }
      out.addAll(symbolized);
      walk.frames.add(symbolized.get(symbolized.size() - 1));
      if (out.size() >= MAX_FRAMES || unwinder == null || !spend(1)) {
        break;
      }
      frame = unwinder.caller(walk, scanned < MAX_SCANNED_FRAMES);
    }
    return new CallStack(threadId, out.size() > MAX_FRAMES ? out.subList(0, MAX_FRAMES) : out);
  }

  private static Unwinder unwinder(CpuFamily family) {
    switch (family) {
      case INTEL_32:
        return new X86Unwinder();
      case AMD_64:
        return new Amd64Unwinder();
      case ARM_64:
        return new Arm64Unwinder();
      case ARM_32:
        return new ArmUnwinder();
      case MIPS_32:
      case MIPS_64:
        return new MipsUnwinder();
      default:
        return null;
    }
  }

  /** Takes {@code n} units of work from the budget; false once it is exhausted. */
  boolean spend(long n) {
    if (workLeft < n) {
      workLeft = 0;
      return false;
    }
    workLeft -= n;
    return true;
  }

  boolean isWindows() {
    return windows;
  }

  boolean isIos() {
    return ios;
  }

  ModuleIndex moduleIndex() {
    return modules;
  }

  /** The symbols of a module, asked for once. */
  Optional<BreakpadSymbols> symbolsFor(MinidumpModule module) {
    return symbols.computeIfAbsent(module, m -> {
      try {
        return symbolSource.apply(m);
      } catch (RuntimeException e) {
        // A broken symbol file must not end the walk; the module is treated as unsymbolized.
        return Optional.empty();
      }
    });
  }

  /**
   * Breakpad's test of a candidate return address: it must lie in a module, loaded or unloaded,
   * and, if that module has symbols, in a function or after a public symbol.
   */
  boolean instructionSeemsValid(long address) {
    Optional<MinidumpModule> module = frameModule(address);
    if (module.isEmpty()) {
      return false;
    }
    Optional<BreakpadSymbols> s = symbolsFor(module.get());
    return s.isEmpty() || !lookup(module.get(), s.get(), address - module.get().baseAddress())
        .isEmpty();
  }

  /**
   * Symbolizes a module-relative address with Breakpad's rule for {@code PUBLIC} symbols: one is
   * used only if it starts after the nearest {@code FUNC} below the address, which bounds it.
   */
  private List<BreakpadFrame> lookup(MinidumpModule module, BreakpadSymbols symbols, long rel) {
    List<BreakpadFrame> frames = symbols.symbolize(rel);
    if (frames.size() != 1 || !frames.get(0).fromPublic()) {
      return frames;
    }
    long[] starts = functionStarts.computeIfAbsent(module,
        m -> symbols.functions().mapToLong(BreakpadFunction::address).sorted().toArray());
    int i = Arrays.binarySearch(starts, rel);
    int below = i >= 0 ? i : -i - 2;
    // Unsigned order matters only for addresses above 2^63, which modules never span.
    if (below >= 0 && starts[below] >= frames.get(0).address()) {
      return List.of();
    }
    return frames;
  }

  /** The frame with module and symbols filled in, preceded by the frames inlined into it. */
  List<StackFrame> symbolize(StackFrame frame) {
    Optional<MinidumpModule> found = frameModule(frame.instruction());
    if (found.isEmpty()) {
      return List.of(frame);
    }
    MinidumpModule module = found.get();
    StackFrame withModule = new StackFrame(frame.instruction(), frame.returnAddress(),
        frame.context(), frame.trust(), found, "", 0, "", 0, 0);
    Optional<BreakpadSymbols> s = symbolsFor(module);
    if (s.isEmpty()) {
      withoutSymbols.add(module);
      return List.of(withModule);
    }
    long base = module.baseAddress();
    long rel = frame.instruction() - base;
    List<BreakpadFrame> frames = lookup(module, s.get(), rel);
    if (frames.isEmpty()) {
      return List.of(withModule);
    }
    // As in Breakpad, inlined frames are copies of the frame: all share the line record's
    // start as the base of their line offsets.
    long lineBase = base + lineStart(s.get(), rel).orElse(rel);
    List<StackFrame> out = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      BreakpadFrame f = frames.get(i);
      boolean outer = i == frames.size() - 1;
      out.add(new StackFrame(frame.instruction(),
          outer ? frame.returnAddress() : frame.instruction(), frame.context(),
          outer ? frame.trust() : FrameTrust.INLINE, found,
          outer || !f.name().isEmpty() ? f.name() : "<name omitted>", base + f.address(),
          f.file(), f.line(), lineBase));
    }
    return out;
  }

  private static OptionalLong lineStart(BreakpadSymbols symbols, long rel) {
    Optional<BreakpadFunction> func = symbols.functionAt(rel);
    if (func.isPresent()) {
      for (BreakpadLine line : func.get().lines()) {
        if (line.contains(rel)) {
          return OptionalLong.of(line.address());
        }
      }
    }
    return OptionalLong.empty();
  }
}
