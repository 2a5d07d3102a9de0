package dev.symbolic.minidump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link ProcessState} in the main fields of rust-minidump's JSON schema: {@code status},
 * {@code pid}, {@code crash_info}, {@code system_info}, {@code threads} with frames and their
 * {@code inlines}, {@code crashing_thread} with registers, {@code main_module}, {@code modules}
 * with symbol status, and {@code unloaded_modules}. Addresses are hex strings padded to the CPU's
 * pointer width.
 */
public final class StackwalkJson {
  private final ProcessState state;
  private final int width;

  private StackwalkJson(ProcessState state) {
    this.state = state;
    boolean narrow = state.systemInfo().map(s -> s.cpuFamily().pointerSize().orElse(8) == 4)
        .orElse(false);
    this.width = narrow ? 8 : 16;
  }

  /**
   * Formats the report as one line of JSON.
   *
   * @param state the processed dump
   * @return the JSON text, without a trailing newline
   */
  public static String of(ProcessState state) {
    return new StackwalkJson(state).write();
  }

  private String write() {
    JsonWriter j = new JsonWriter().beginObject();
    j.name("status").value("OK");
    j.name("pid");
    if (state.processId().isPresent()) {
      j.value(state.processId().getAsLong());
    } else {
      j.nullValue();
    }
    j.name("crash_info").beginObject();
    j.name("type").value(state.crash().map(CrashReason::reason).orElse(null));
    j.name("address").value(state.crash().map(c -> hex(c.address())).orElse(null));
    j.name("crashing_thread");
    if (state.requestingThread() >= 0) {
      j.value(state.requestingThread());
    } else {
      j.nullValue();
    }
    j.name("assertion").value(state.assertion().orElse(null));
    j.endObject();
    j.name("system_info").beginObject();
    j.name("os").value(state.systemInfo().map(SystemInfo::os).orElse(null));
    j.name("os_ver").value(state.systemInfo().isPresent() || state.microdump().isPresent()
        ? StackwalkPrinter.osVersion(state) : null);
    j.name("cpu_arch").value(state.systemInfo().map(SystemInfo::cpu).orElse("unknown"));
    j.name("cpu_info").value(state.systemInfo().isPresent()
        && !StackwalkPrinter.cpuInfo(state).isEmpty() ? StackwalkPrinter.cpuInfo(state) : null);
    j.name("cpu_count");
    if (state.systemInfo().isPresent()) {
      j.value(state.systemInfo().get().processorCount());
    } else {
      j.nullValue();
    }
    j.endObject();
    j.name("thread_count").value(state.threads().size());
    j.name("threads").beginArray();
    for (CallStack stack : state.threads()) {
      j.beginObject();
      thread(j, stack);
      j.endObject();
    }
    j.endArray();
    if (state.requestingThread() >= 0) {
      CallStack crashed = state.threads().get(state.requestingThread());
      j.name("crashing_thread").beginObject();
      j.name("threads_index").value(state.requestingThread());
      j.name("registers").beginObject();
      if (!crashed.frames().isEmpty()) {
        CpuContext c = crashed.frames().get(firstPhysical(crashed)).context();
        for (String name : c.validRegisterNames()) {
          j.name(name).value(hex(c.register(name).orElseThrow()));
        }
      }
      j.endObject();
      thread(j, crashed);
      j.endObject();
    } else {
      j.name("crashing_thread").nullValue();
    }
    int main = state.mainModule().map(state.modules()::indexOf).orElse(-1);
    j.name("main_module");
    if (main >= 0) {
      j.value(main);
    } else {
      j.nullValue();
    }
    j.name("modules").beginArray();
    for (MinidumpModule m : state.modules()) {
      j.beginObject();
      j.name("base_addr").value(hex(m.baseAddress()));
      j.name("end_addr").value(hex(m.baseAddress() + m.size()));
      j.name("debug_file").value(StackwalkPrinter.basename(m.debugFile()));
      j.name("debug_id").value(m.debugIdentifier());
      j.name("filename").value(StackwalkPrinter.basename(m.codeFile()));
      j.name("code_id").value(m.codeIdentifier());
      j.name("version").value(m.version().orElse(null));
      j.name("missing_symbols").value(state.modulesWithoutSymbols().contains(m));
      j.name("loaded_symbols").value(state.modulesWithSymbols().contains(m));
      j.name("corrupt_symbols").value(state.modulesWithCorruptSymbols().contains(m));
      j.endObject();
    }
    j.endArray();
    j.name("unloaded_modules").beginArray();
    for (UnloadedModule m : state.unloadedModules()) {
      j.beginObject();
      j.name("base_addr").value(hex(m.baseAddress()));
      j.name("end_addr").value(hex(m.baseAddress() + m.size()));
      j.name("code_id").value(String.format(Locale.ROOT, "%08X%x", m.timestamp(), m.size()));
      j.name("filename").value(StackwalkPrinter.basename(m.codeFile()));
      j.endObject();
    }
    j.endArray();
    return j.endObject().toString();
  }

  private static int firstPhysical(CallStack stack) {
    int i = 0;
    while (i < stack.frames().size() - 1 && stack.frames().get(i).isInlined()) {
      i++;
    }
    return i;
  }

  /** A thread's name and frames; inlined frames nest in the frame they were inlined into. */
  private void thread(JsonWriter j, CallStack stack) {
    j.name("thread_name").value(state.threadNames().get(stack.threadId()));
    j.name("last_error_value").nullValue();
    List<StackFrame> inlines = new ArrayList<>();
    List<StackFrame> physical = new ArrayList<>();
    List<List<StackFrame>> inlinesOf = new ArrayList<>();
    for (StackFrame f : stack.frames()) {
      if (f.isInlined()) {
        inlines.add(f);
      } else {
        physical.add(f);
        inlinesOf.add(List.copyOf(inlines));
        inlines.clear();
      }
    }
    j.name("frame_count").value(physical.size());
    j.name("frames_truncated").value(stack.frames().size() >= StackWalker.MAX_FRAMES);
    j.name("frames").beginArray();
    for (int i = 0; i < physical.size(); i++) {
      StackFrame f = physical.get(i);
      j.beginObject();
      j.name("frame").value(i);
      j.name("trust").value(trust(f.trust()));
      j.name("offset").value(hex(f.instruction()));
      j.name("module").value(f.module().map(m -> StackwalkPrinter.basename(m.codeFile()))
          .orElse(null));
      j.name("module_offset").value(f.module().map(m -> hex(f.instruction() - m.baseAddress()))
          .orElse(null));
      j.name("function").value(f.function().isEmpty() ? null : f.function());
      j.name("function_offset").value(f.function().isEmpty() ? null
          : hex(f.instruction() - f.functionBase()));
      j.name("file").value(f.sourceFile().isEmpty() ? null : f.sourceFile());
      j.name("line");
      if (f.sourceLine() != 0) {
        j.value(f.sourceLine());
      } else {
        j.nullValue();
      }
      j.name("missing_symbols").value(f.function().isEmpty());
      j.name("inlines").beginArray();
      for (StackFrame in : inlinesOf.get(i)) {
        j.beginObject();
        j.name("function").value(in.function());
        j.name("file").value(in.sourceFile().isEmpty() ? null : in.sourceFile());
        j.name("line");
        if (in.sourceLine() != 0) {
          j.value(in.sourceLine());
        } else {
          j.nullValue();
        }
        j.endObject();
      }
      j.endArray();
      j.endObject();
    }
    j.endArray();
  }

  private static String trust(FrameTrust trust) {
    switch (trust) {
      case CONTEXT:
        return "context";
      case CFI:
        return "cfi";
      case CFI_SCAN:
        return "cfi_scan";
      case FRAME_POINTER:
        return "frame_pointer";
      case INLINE:
        return "inline";
      default:
        return "scan";
    }
  }

  private String hex(long v) {
    String digits = Long.toHexString(width == 8 ? v & 0xFFFF_FFFFL : v);
    StringBuilder sb = new StringBuilder("0x");
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }
}
