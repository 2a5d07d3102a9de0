package dev.symbolic.cli;

import dev.symbolic.common.ByteView;
import dev.symbolic.minidump.BreakpadInfo;
import dev.symbolic.minidump.CodeViewRecord;
import dev.symbolic.minidump.CpuContext;
import dev.symbolic.minidump.CrashpadInfo;
import dev.symbolic.minidump.CrashpadModuleInfo;
import dev.symbolic.minidump.ExceptionStream;
import dev.symbolic.minidump.FixedFileInfo;
import dev.symbolic.minidump.MiscInfo;
import dev.symbolic.minidump.Minidump;
import dev.symbolic.minidump.MinidumpException;
import dev.symbolic.minidump.MinidumpStream;
import dev.symbolic.minidump.ProcessState;
import dev.symbolic.minidump.StackwalkJson;
import dev.symbolic.minidump.StackwalkPrinter;
import dev.symbolic.minidump.StreamType;
import dev.symbolic.minidump.SymbolSupplier;
import dev.symbolic.minidump.SystemInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code symbolic minidump}: walks and symbolizes stacks like Breakpad's {@code
 * minidump_stackwalk}, and prints the raw streams of a minidump in the shape of Breakpad's
 * {@code minidump_dump}.
 */
final class MinidumpCommand {
  /** Made on first use: building it loads much of java.time, which most commands never need. */
  private static final class Time {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  }

  private final PrintWriter out;
  private final Minidump dump;

  private MinidumpCommand(PrintWriter out, Minidump dump) {
    this.out = out;
    this.dump = dump;
  }

  /** The {@code minidump} command group. */
  static CommandSpec group(Env env) {
    return CommandSpec.group("minidump",
        "Minidumps: walk and symbolize their stacks, print their streams.")
        .subcommand(CommandSpec.leaf("stackwalk",
            "Walks every thread's stack and prints what Breakpad's minidump_stackwalk prints:"
                + " system, crash reason and address, each thread's frames (function, file and"
                + " line from Breakpad symbols, registers, how each frame was found) and the"
                + " loaded modules. Symbols are looked up in each SYMBOL_PATH laid out as a"
                + " Breakpad symbol store: DEBUG_FILE/DEBUG_ID/DEBUG_FILE_WITHOUT_PDB.sym, else"
                + " CODE_FILE/CODE_ID/CODE_FILE_WITHOUT_EXE_OR_DLL.sym; else an ELF debug file"
                + " with the module's debug id at .build-id/XX/REST.debug or named like the code"
                + " file, converted to Breakpad symbols in memory.",
            "DUMP [SYMBOL_PATH...]", 1, Integer.MAX_VALUE, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return stackwalk(env, parsed);
              }
            })
            .option("--human", null, false, "Breakpad's human-readable report (default).")
            .option("--machine-readable", null, false,
                "Breakpad's pipe-delimited report (minidump_stackwalk -m).")
            .option("--json", null, false, "rust-minidump's JSON report (main fields).")
            .operand("DUMP", "The minidump file.")
            .operand("SYMBOL_PATH",
                "A directory laid out as a Breakpad symbol store, or holding ELF debug files."))
        .subcommand(CommandSpec.leaf("dump",
            "Prints the header, directory and streams of a minidump, in the shape of Breakpad's"
                + " minidump_dump: threads with their CPU context and stack, modules, memory,"
                + " exception, system info, misc info and Breakpad info, then the other known"
                + " streams (thread names, Crashpad annotations, Linux files). A stream that"
                + " cannot be read is reported and skipped.",
            "DUMP", 1, 1, new CommandSpec.Action() {
              @Override
              public int run(CommandSpec.Parsed parsed) throws Exception {
                return dump(env, Path.of(parsed.operand(0)));
              }
            })
            .operand("DUMP", "The minidump file."));
  }

  private static int dump(Env env, Path file) throws IOException {
    IoSupport.checkReadableFile(file, "minidump");
    ByteView bytes;
    try {
      bytes = ByteView.map(file);
    } catch (IOException e) {
      throw IoSupport.cannotRead("minidump", file, e);
    }
    Minidump dump = Minidump.parse(bytes);
    PrintWriter out = new PrintWriter(new BufferedWriter(
        new OutputStreamWriter(env.out, StandardCharsets.UTF_8), 1 << 16));
    new MinidumpCommand(out, dump).print();
    out.flush();
    return Main.OK;
  }

  private static int stackwalk(Env env, CommandSpec.Parsed parsed) throws IOException {
    int formats = (parsed.flag("--human") ? 1 : 0) + (parsed.flag("--machine-readable") ? 1 : 0)
        + (parsed.flag("--json") ? 1 : 0);
    if (formats > 1) {
      throw CliException.usage("choose one of --human, --machine-readable and --json");
    }
    Path file = Path.of(parsed.operand(0));
    IoSupport.checkReadableFile(file, "minidump");
    ByteView bytes;
    try {
      bytes = ByteView.map(file);
    } catch (IOException e) {
      throw IoSupport.cannotRead("minidump", file, e);
    }
    List<Path> roots = new ArrayList<>();
    for (int i = 1; parsed.operand(i) != null; i++) {
      roots.add(Path.of(parsed.operand(i)));
    }
    ProcessState state = ProcessState.process(Minidump.parse(bytes), SymbolSupplier.of(roots));
    String report = parsed.flag("--json") ? StackwalkJson.of(state) + "\n"
        : parsed.flag("--machine-readable") ? StackwalkPrinter.machineReadable(state)
        : StackwalkPrinter.human(state);
    env.out.write(report.getBytes(StandardCharsets.UTF_8));
    return Main.OK;
  }

  private void print() {
    header();
    section("thread list", this::threads);
    section("module list", this::modules);
    section("memory list", this::memory);
    section("exception", this::exception);
    section("system info", this::systemInfo);
    section("misc info", this::miscInfo);
    section("Breakpad info", this::breakpadInfo);
    section("thread names", this::threadNames);
    section("Crashpad info", this::crashpadInfo);
    section("Linux streams", this::linux);
  }

  /** Prints one part; a malformed stream is reported where its contents would be. */
  private void section(String what, Runnable print) {
    try {
      print.run();
    } catch (MinidumpException e) {
      out.println("(" + what + " unreadable: " + e.getMessage() + ")");
      out.println();
    }
  }

  private void header() {
    out.println("MDRawHeader");
    field(20, "signature", "0x504d444d");
    field(20, "version", hex(dump.version()));
    field(20, "stream_count", dump.streams().size());
    field(20, "stream_directory_rva", hex(dump.directoryRva()));
    field(20, "checksum", hex(dump.checksum()));
    field(20, "time_date_stamp", time(dump.timestamp()));
    field(20, "flags", hex(dump.flags()));
    out.println();
    for (MinidumpStream s : dump.streams()) {
      out.println("mDirectory[" + s.index() + "]");
      out.println("MDRawDirectory");
      field(18, "stream_type", hex(s.type()) + " (" + streamName(s.type()) + ")");
      field(18, "location.data_size", s.size());
      field(18, "location.rva", hex(s.rva()));
      out.println();
    }
    out.println("Streams:");
    Map<Long, Integer> byType = new TreeMap<>();
    for (MinidumpStream s : dump.streams()) {
      byType.put(s.type(), s.index());
    }
    byType.forEach((type, index) -> out.println("  stream type " + hex(type) + " ("
        + streamName(type) + ") at index " + index));
    out.println();
  }

  private void threads() {
    if (dump.stream(StreamType.THREAD_LIST).isEmpty()) {
      return;
    }
    list("MinidumpThreadList", "thread_count", dump.threads(), "thread", "MDRawThread", t -> {
      field(27, "thread_id", hex(t.threadId()));
      field(27, "suspend_count", t.suspendCount());
      field(27, "priority_class", hex(t.priorityClass()));
      field(27, "priority", hex(t.priority()));
      field(27, "teb", hex(t.teb()));
      field(27, "stack.start_of_memory_range", hex(t.stackStart()));
      field(27, "stack.memory.data_size", hex(t.stackSize()));
      field(27, "stack.memory.rva", hex(t.stackRva()));
      field(27, "thread_context.data_size", hex(t.contextSize()));
      field(27, "thread_context.rva", hex(t.contextRva()));
      out.println();
      section("thread context", () -> t.context().ifPresent(this::context));
      section("thread stack", () -> t.stack().ifPresent(s -> {
        out.println("Stack");
        out.println(hexBytes(s.bytes()));
        out.println();
      }));
    });
  }

  /**
   * A list stream as minidump_dump prints it: its name and count, then each item under {@code
   * item[i]} and its structure's name.
   */
  private <T> void list(String title, String countField, List<T> items, String item,
      String struct, Consumer<T> fields) {
    out.println(title);
    field(12, countField, items.size());
    out.println();
    for (int i = 0; i < items.size(); i++) {
      out.println(item + "[" + i + "]");
      out.println(struct);
      fields.accept(items.get(i));
    }
  }

  private void context(CpuContext c) {
    out.println("MDRawContext" + switch (c.family()) {
      case INTEL_32 -> "X86";
      case AMD_64 -> "AMD64";
      case ARM_32 -> "ARM";
      case MIPS_32, MIPS_64 -> "MIPS";
      default -> "ARM64";
    });
    field(28, "context_flags", hex(c.flags()));
    for (String name : c.validRegisterNames()) {
      field(28, name, hex(c.register(name).orElseThrow()));
    }
    out.println();
  }

  private void modules() {
    if (dump.stream(StreamType.MODULE_LIST).isEmpty()) {
      return;
    }
    list("MinidumpModuleList", "module_count", dump.modules(), "module", "MDRawModule", m -> {
      FixedFileInfo v = m.versionInfo();
      field(31, "base_of_image", hex(m.baseAddress()));
      field(31, "size_of_image", hex(m.size()));
      field(31, "checksum", hex(m.checksum()));
      field(31, "time_date_stamp", time(m.timestamp()));
      field(31, "version_info.signature", hex(v.signature()));
      field(31, "version_info.struct_version", hex(v.structVersion()));
      field(31, "version_info.file_version",
          hex(v.fileVersionHi()) + ":" + hex(v.fileVersionLo()));
      field(31, "version_info.product_version",
          hex(v.productVersionHi()) + ":" + hex(v.productVersionLo()));
      field(31, "version_info.file_flags_mask", hex(v.fileFlagsMask()));
      field(31, "version_info.file_flags", hex(v.fileFlags()));
      field(31, "version_info.file_os", hex(v.fileOs()));
      field(31, "version_info.file_type", hex(v.fileType()));
      field(31, "version_info.file_subtype", hex(v.fileSubtype()));
      field(31, "version_info.file_date", hex(v.fileDateHi()) + ":" + hex(v.fileDateLo()));
      field(31, "(code_file)", quote(m.codeFile()));
      field(31, "(code_identifier)", quote(m.codeIdentifier()));
      if (m.codeView().isPresent()) {
        CodeViewRecord cv = m.codeView().get();
        field(31, "(cv_record).cv_signature", hex(cv.signature()));
        if (cv.signature() == CodeViewRecord.PDB70 || cv.signature() == CodeViewRecord.PDB20) {
          field(31, "(cv_record).signature", cv.signature() == CodeViewRecord.PDB70
              ? cv.debugId().uuid().toString() : hex(cv.pdb20Signature()));
          field(31, "(cv_record).age", cv.age());
          field(31, "(cv_record).pdb_file_name", quote(cv.pdbFileName()));
        } else if (cv.signature() == CodeViewRecord.ELF) {
          field(31, "(cv_record).build_id", cv.buildId().toString());
        }
      } else {
        field(31, "(cv_record)", "(null)");
      }
      field(31, "(debug_file)", quote(m.debugFile()));
      field(31, "(debug_identifier)", quote(m.debugIdentifier()));
      field(31, "(version)", quote(m.version().orElse("")));
      out.println();
    });
  }

  private void memory() {
    if (dump.stream(StreamType.MEMORY_LIST).isEmpty()
        && dump.stream(StreamType.MEMORY64_LIST).isEmpty()) {
      return;
    }
    list("MinidumpMemoryList", "region_count", dump.memory().regions(), "region",
        "MDMemoryDescriptor", r -> {
          field(21, "start_of_memory_range", hex(r.start()));
          field(21, "memory.data_size", hex(r.size()));
          out.println("Memory");
          out.println(hexBytes(r.bytes()));
          out.println();
        });
  }

  private void exception() {
    if (dump.exception().isEmpty()) {
      return;
    }
    ExceptionStream e = dump.exception().get();
    out.println("MDException");
    field(42, "thread_id", hex(e.threadId()));
    field(42, "exception_record.exception_code", hex(e.code()));
    field(42, "exception_record.exception_flags", hex(e.flags()));
    field(42, "exception_record.exception_record", hex(e.nestedRecord()));
    field(42, "exception_record.exception_address", hex(e.address()));
    field(42, "exception_record.number_parameters", e.parameterCount());
    for (int i = 0; i < e.parameters().size(); i++) {
      field(42, String.format(Locale.ROOT, "exception_record.exception_information[%2d]", i),
          hex(e.parameters().get(i)));
    }
    field(42, "thread_context.data_size", e.contextSize());
    field(42, "thread_context.rva", hex(e.contextRva()));
    out.println();
    section("exception context", () -> e.context().ifPresent(this::context));
    dump.crashReason().ifPresent(r -> {
      field(42, "(crash_reason)", r.reason());
      field(42, "(crash_address)", hex(r.address()));
      out.println();
    });
  }

  private void systemInfo() {
    if (dump.systemInfo().isEmpty()) {
      return;
    }
    SystemInfo s = dump.systemInfo().get();
    out.println("MDRawSystemInfo");
    field(42, "processor_architecture", hex(s.processorArchitecture()) + " (" + s.cpu() + ")");
    field(42, "processor_level", s.processorLevel());
    field(42, "processor_revision", hex(s.processorRevision()));
    field(42, "number_of_processors", s.processorCount());
    field(42, "product_type", s.productType());
    field(42, "major_version", s.majorVersion());
    field(42, "minor_version", s.minorVersion());
    field(42, "build_number", s.buildNumber());
    field(42, "platform_id", hex(s.platformId()) + " (" + s.os() + ")");
    field(42, "suite_mask", hex(s.suiteMask()));
    field(42, "(csd_version)", quote(s.csdVersion()));
    field(42, "(cpu_vendor)", s.cpuVendor().isEmpty() ? "(null)" : quote(s.cpuVendor()));
    field(42, "(os_version)", quote(s.osVersion()));
    field(42, "(cpu_info)", quote(s.cpuInfo()));
    out.println();
  }

  private void miscInfo() {
    if (dump.miscInfo().isEmpty()) {
      return;
    }
    MiscInfo m = dump.miscInfo().get();
    out.println("MDRawMiscInfo");
    field(28, "size_of_info", m.sizeOfInfo());
    field(28, "flags1", hex(m.flags1()));
    if (m.hasProcessId()) {
      field(28, "process_id", m.processId());
    }
    if (m.hasProcessTimes()) {
      field(28, "process_create_time", time(m.processCreateTime()));
      field(28, "process_user_time", m.processUserTime());
      field(28, "process_kernel_time", m.processKernelTime());
    }
    if (!m.buildString().isEmpty()) {
      field(28, "build_string", quote(m.buildString()));
    }
    out.println();
  }

  private void breakpadInfo() {
    if (dump.breakpadInfo().isEmpty()) {
      return;
    }
    BreakpadInfo b = dump.breakpadInfo().get();
    out.println("MDRawBreakpadInfo");
    field(20, "validity", hex(b.validity()));
    field(20, "dump_thread_id",
        b.dumpThreadId().isPresent() ? hex(b.dumpThreadId().getAsLong()) : "(invalid)");
    field(20, "requesting_thread_id", b.requestingThreadId().isPresent()
        ? hex(b.requestingThreadId().getAsLong()) : "(invalid)");
    out.println();
  }

  private void threadNames() {
    Map<Long, String> names = dump.threadNames();
    if (names.isEmpty()) {
      return;
    }
    out.println("MinidumpThreadNameList");
    names.forEach((id, name) -> field(20, "thread_name[" + hex(id) + "]", quote(name)));
    out.println();
  }

  private void crashpadInfo() {
    if (dump.crashpadInfo().isEmpty()) {
      return;
    }
    CrashpadInfo c = dump.crashpadInfo().get();
    out.println("MDRawCrashpadInfo");
    field(26, "version", c.version());
    field(26, "report_id", c.reportId().toString());
    field(26, "client_id", c.clientId().toString());
    c.simpleAnnotations().forEach((k, v) -> field(26, "simple_annotations[\"" + k + "\"]",
        quote(v)));
    for (CrashpadModuleInfo m : c.modules()) {
      String prefix = "module_list[" + m.moduleIndex() + "]";
      for (int i = 0; i < m.listAnnotations().size(); i++) {
        field(26, prefix + ".list_annotations[" + i + "]", quote(m.listAnnotations().get(i)));
      }
      m.simpleAnnotations().forEach((k, v) -> field(26,
          prefix + ".simple_annotations[\"" + k + "\"]", quote(v)));
      m.annotationObjects().forEach(a -> field(26, prefix + ".annotation_objects[\""
          + a.name() + "\"]", a.type() == 1 ? quote(a.valueAsString()) : "(type "
          + a.type() + ", " + a.value().length() + " bytes)"));
    }
    out.println();
  }

  private void linux() {
    text("MD_LINUX_CPU_INFO", dump::linuxCpuInfo);
    text("MD_LINUX_PROC_STATUS", dump::linuxProcStatus);
    text("MD_LINUX_LSB_RELEASE", dump::linuxLsbRelease);
    text("MD_LINUX_MAPS", dump::linuxMaps);
    if (!dump.linuxCmdLine().isEmpty()) {
      out.println("MD_LINUX_CMD_LINE");
      dump.linuxCmdLine().forEach(a -> out.println("  " + quote(a)));
      out.println();
    }
    if (!dump.linuxEnviron().isEmpty()) {
      out.println("MD_LINUX_ENVIRON");
      dump.linuxEnviron().forEach(a -> out.println("  " + quote(a)));
      out.println();
    }
    if (!dump.linuxAuxv().isEmpty()) {
      out.println("MD_LINUX_AUXV");
      dump.linuxAuxv().forEach(a -> field(10, "AT_" + a.type(), hex(a.value())));
      out.println();
    }
  }

  private void text(String name, Supplier<Optional<String>> stream) {
    stream.get().ifPresent(text -> {
      out.println(name);
      out.print(text);
      if (!text.endsWith("\n")) {
        out.println();
      }
      out.println();
    });
  }

  private void field(int width, String name, Object value) {
    out.println("  " + String.format(Locale.ROOT, "%-" + width + "s", name) + " = " + value);
  }

  private static String streamName(long type) {
    String name = StreamType.name(type);
    return name.equals("unknown") ? "unknown" : name;
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  private static String time(long seconds) {
    return hex(seconds) + " " + Time.FORMAT.format(Instant.ofEpochSecond(seconds));
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  /** {@code 0x} and every byte in two hex digits, as minidump_dump prints memory. */
  private static String hexBytes(ByteView bytes) {
    long n = Math.min(bytes.length(), 1 << 20);
    StringBuilder sb = new StringBuilder((int) (2 + 2 * n)).append("0x");
    for (long i = 0; i < n; i++) {
      int b = bytes.u8(i);
      sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    if (n < bytes.length()) {
      sb.append("... (").append(bytes.length()).append(" bytes)");
    }
    return sb.toString();
  }
}
