package dev.symbolic.cli;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.Language;
import dev.symbolic.common.ParseException;
import dev.symbolic.demangle.DemangleOptions;
import dev.symbolic.demangle.Demangler;
import dev.symbolic.debuginfo.Dwarf;
import dev.symbolic.debuginfo.DwarfFrame;
import dev.symbolic.debuginfo.DwarfLocal;
import dev.symbolic.debuginfo.DwarfLineTable.PathKind;
import dev.symbolic.debuginfo.DwarfSections;
import dev.symbolic.debuginfo.DwarfVariable;
import dev.symbolic.debuginfo.ElfDebugFiles;
import dev.symbolic.debuginfo.ElfDebugLink;
import dev.symbolic.debuginfo.ElfFile;
import dev.symbolic.debuginfo.ElfSection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * {@code symbolic symbolize}: a drop-in for the common flags of {@code llvm-symbolizer} on ELF
 * files with DWARF, printing exactly what llvm-symbolizer-19 prints (LLVM, GNU and JSON styles).
 */
final class Symbolize {
  private static final String BAD = null;

  /** What llvm calls the function name kind. */
  private enum Functions { LINKAGE, SHORT, NONE }

  private enum Style { LLVM, GNU, JSON }

  /** One frame as llvm's DILineInfo: null strings are llvm's {@code <invalid>}. */
  private static final class Frame {
    String function;
    String file;
    int line;
    int column;
    int discriminator;
    String startFile;
    int startLine;
    OptionalLong startAddress = OptionalLong.empty();
  }

  /**
   * Lines answered together at most, when that many are waiting on standard input. Each batch
   * ends with its tasks joined and its answers written; 16,384 rather than 4,096 answers the
   * benchmark's 10,000 addresses in one batch, about 4 % faster end to end.
   */
  private static final int BATCH = 16384;

  private static final int THREADS = Runtime.getRuntime().availableProcessors();

  /** An ELF symbol as llvm-symbolizer keeps it. */
  private record Sym(long address, long size, String name, int localIndex) {}

  private record FileSym(int index, String name) {}

  private final Env env;
  private final String objName;
  private boolean inlines = true;
  private Functions functions = Functions.LINKAGE;
  private boolean demangle = true;
  private boolean relative;
  private boolean printAddress;
  private boolean pretty;
  private boolean basenames;
  private PathKind paths = PathKind.ABSOLUTE;
  private boolean verbose;
  /** llvm's --untag-addresses (on by default): symbol addresses lose their tag byte. */
  private boolean untag = true;
  private int contextLines;
  private long adjustVma;
  private Style style = Style.LLVM;
  private long base;
  private Dwarf dwarf;
  /**
   * The symbol table, read on another thread while the DWARF is opened and the first address
   * looked up there: it is first needed to name that address's outermost frame, and reading it
   * (mostly before the JIT has compiled anything) took 20 ms of a one-address run.
   */
  private CompletableFuture<SymbolTable> symbolTable =
      CompletableFuture.completedFuture(SymbolTable.EMPTY);

  /** The symbols sorted by address (one per address), and the STT_FILE symbols. */
  private record SymbolTable(List<Sym> symbols, List<FileSym> files) {
    static final SymbolTable EMPTY = new SymbolTable(List.of(), List.of());
  }

  /**
   * Without {@code --obj} or {@code --build-id}, each line names its object file, as in llvm's
   * parseCommand: {@code [CODE|DATA|FRAME] [FILE:|BUILDID:]MODULE ADDRESS}. The symbolizers
   * of the modules named so far, by {@code FILE:path} or {@code BUILDID:HEX}; only the thread
   * that reads the input opens them.
   */
  private boolean perLineModules;

  /** Whether the module is the file of {@code --build-id}, named by its build ID. */
  private boolean byBuildId;

  private final Map<String, Symbolize> modules = new HashMap<>();
  private Path dwpFile;
  /** The debug file directories, searched in order (llvm takes the option more than once). */
  private List<Path> debugDirs = List.of(Path.of("/usr/lib/debug"));
  private Path fallbackDebugPath = Path.of("/usr/lib/debug");

  /**
   * Why this module could not be opened, or null. llvm reports it with the first request and
   * answers the later ones as it answers an address it knows nothing about.
   */
  private String failure;

  private boolean failureReported;

  /** A build ID with no file is looked for again, and reported again, with each request. */
  private boolean failureUncached;

  private Symbolize(Env env, String objName) {
    this.env = env;
    this.objName = objName;
    this.demangled = new ConcurrentHashMap<>(4096); // a large batch needs thousands
    this.sources = new SourceFiles();
  }

  /** A symbolizer for another module, with the options and caches of {@code first}. */
  private Symbolize(Symbolize first, String objName) {
    this.env = first.env;
    this.objName = objName;
    this.demangled = first.demangled;
    this.sources = first.sources;
    inlines = first.inlines;
    functions = first.functions;
    demangle = first.demangle;
    relative = first.relative;
    printAddress = first.printAddress;
    pretty = first.pretty;
    basenames = first.basenames;
    paths = first.paths;
    verbose = first.verbose;
    untag = first.untag;
    contextLines = first.contextLines;
    adjustVma = first.adjustVma;
    style = first.style;
    dwpFile = first.dwpFile;
    debugDirs = first.debugDirs;
    fallbackDebugPath = first.fallbackDebugPath;
  }

  /** The {@code symbolize} command. */
  static CommandSpec command(Env env) {
    return CommandSpec.leaf("symbolize",
        "Symbolizes addresses of an ELF file with DWARF like llvm-symbolizer: function, file,"
            + " line and column of each (inlined) frame. Addresses come from the arguments or"
            + " else from standard input, one per line (0x... hexadecimal, 0... octal, else"
            + " decimal; or a symbol name, NAME or NAME+OFFSET), each optionally after a"
            + " command: CODE (the default), DATA ADDRESS (the symbol table's name, start and"
            + " size of the data there and the declaration of its DWARF variable) or FRAME"
            + " ADDRESS (the local variables of the frames there: function, name, declaration,"
            + " frame offset, size, tag offset). Short options -e FILE, -i, -f[=KIND], -C, -a,"
            + " -p, -s are accepted as well, grouped too (-aps). A"
            + " FILE.dwp beside the file is used for split DWARF, else each unit's .dwo file"
            + " (at its compilation directory); a separate debug file is looked for, as llvm"
            + " does, by build id and then .gnu_debuglink. Without --obj or"
            + " --build-id, each line names its file before the address: MODULE ADDRESS,"
            + " FILE:MODULE ADDRESS or BUILDID:HEX ADDRESS (a name may be quoted).",
        "[ADDRESS...]", 0, Integer.MAX_VALUE, new CommandSpec.Action() {
          @Override
          public int run(CommandSpec.Parsed parsed) throws Exception {
            return Symbolize.run(env, parsed);
          }
        })
        .option("--obj", "FILE", false,
            "The object file (also --exe FILE, -e FILE); without it, each input names one.")
        .option("--exe", "FILE", false, "Alias for --obj.")
        .option("--build-id", "HEX", false,
            "The object file with this build ID, found under the debug file directory"
                + " (DIR/.build-id/xx/rest.debug).")
        .option("--inlines", null, false, "Print all inlined frames (default; also -i).")
        .option("--inlining", "[=BOOL]", false,
            "Alias for --inlines; --inlining=false is --no-inlines.")
        .option("--no-inlines", null, false, "Print only the innermost location.")
        .option("--functions", "KIND", false,
            "linkage (default), short or none: the function names to print (also -f=KIND).")
        .option("--demangle", "[=BOOL]", false,
            "Demangle function names (default; also -C); --demangle=false (also"
                + " -demangle=false) is --no-demangle.")
        .option("--no-demangle", null, false, "Print function names as they are stored.")
        .option("--relative-address", null, false,
            "Addresses are relative to the image base: for ELF files, whose base"
                + " llvm-symbolizer takes as 0, they are used as they are.")
        .option("--addresses", null, false,
            "Print each address before its frames (also --print-address, -a).")
        .option("--print-address", null, false, "Alias for --addresses.")
        .option("--pretty-print", null, false,
            "One line per frame: FUNCTION at FILE:LINE, inlined callers after"
                + " ' (inlined by) ' (also -p).")
        .option("--basenames", null, false, "Print file names without directories (also -s).")
        .option("--relativenames", null, false,
            "Print file paths without the compilation directory: a relative file name is"
                + " joined with its include directory only (of this and --basenames, the one"
                + " given last applies).")
        .option("--verbose", null, false,
            "Print each frame's file, function start file, line and address, line, column and"
                + " discriminator on lines of their own.")
        .option("--adjust-vma", "OFFSET", false,
            "Look addresses up OFFSET lower, as if the file were loaded OFFSET higher; the"
                + " addresses printed stay as given.")
        .option("--output-style", "STYLE", false, "LLVM (default), GNU or JSON.")
        .option("--print-source-context-lines", "N", false,
            "Print N lines of source around each frame's line (JSON: as \"Source\"), when"
                + " the file as printed can be read from the current directory; files over"
                + " 64 MiB are not read.")
        .option("--dwp", "FILE", false,
            "The DWARF package for split units (default: FILE.dwp beside the object file).")
        .option("--untag-addresses", null, false,
            "Clear the tag byte of symbol addresses, sign-extending bit 55 as llvm does for"
                + " kernel addresses (default).")
        .option("--no-untag-addresses", null, false, "Keep symbol addresses as they are.")
        .option("--cache-size", "BYTES", false,
            "Accepted for llvm compatibility: every module named stays open.")
        .option("--debuginfod", null, false,
            "Accepted for llvm compatibility: no debug file is fetched over the network.")
        .option("--no-debuginfod", null, false, "Accepted for llvm compatibility (the default).")
        .option("--color", "[=WHEN]", false,
            "Accepted for llvm compatibility: it only colors symbolizer markup.")
        .option("--dia", null, false, "Accepted for llvm compatibility (Windows PDB only).")
        .option("--default-arch", "ARCH", false,
            "Accepted for llvm compatibility (multi-architecture Mach-O only).")
        .option("--dsym-hint", "DIR", false,
            "Accepted for llvm compatibility (Mach-O only); a DIR without the .dSYM extension"
                + " is warned about, as llvm does.")
        .option("--debug-file-directory", "DIR", false,
            "Where to look for a file's debug file by build id, DIR/.build-id/xx/rest.debug;"
                + " given more than once, the directories are searched in order (default:"
                + " /usr/lib/debug).")
        .option("--fallback-debug-path", "DIR", false,
            "Where to look for a file's .gnu_debuglink debug file after its own directory and"
                + " its .debug directory: DIR followed by the file's absolute directory (default:"
                + " /usr/lib/debug).")
        .operand("ADDRESS", "An address in the file's address space.");
  }

  private static int run(Env env, CommandSpec.Parsed parsed) throws IOException {
    String obj = parsed.option("--obj") != null ? parsed.option("--obj") : parsed.option("--exe");
    List<String> addresses = new ArrayList<>();
    Boolean inlines = null;
    Boolean demangle = null;
    boolean printAddress = parsed.flag("--addresses") || parsed.flag("--print-address");
    boolean pretty = parsed.flag("--pretty-print");
    boolean basenames = parsed.flag("--basenames");
    // llvm prints the path kind of whichever of --basenames and --relativenames came last.
    int basenamesAt = parsed.position("--basenames");
    String functions = parsed.option("--functions");
    if (functions != null && kind(functions) == null && !functions.isEmpty()
        && parseAddress(functions) != null) {
      // '--functions ADDRESS': llvm's --functions is a flag, its value only joined with '='.
      addresses.add(functions);
      functions = "linkage";
    }
    for (int i = 0; parsed.operand(i) != null; i++) {
      String arg = parsed.operand(i);
      if (arg.equals("-e")) {
        if (parsed.operand(i + 1) == null) {
          throw CliException.usage("option '-e' needs a value (FILE)");
        }
        obj = parsed.operand(++i);
      } else if (arg.startsWith("-e=")) {
        obj = arg.substring(3);
      } else if (arg.startsWith("-e") && arg.length() > 2) {
        obj = arg.substring(2);
      } else if (arg.startsWith("-f=")) {
        functions = arg.substring(3);
      } else if (arg.startsWith("-demangle=")) {
        demangle = bool("-demangle", arg.substring("-demangle=".length()));
      } else if (arg.length() > 1 && arg.charAt(0) == '-'
          && arg.chars().skip(1).allMatch(c -> "iCfaps".indexOf(c) >= 0)) {
        // llvm-symbolizer's short flags, alone or grouped as in -aps.
        for (char c : arg.substring(1).toCharArray()) {
          switch (c) {
            case 'i':
              inlines = true;
              break;
            case 'C':
              demangle = true;
              break;
            case 'f':
              functions = "linkage";
              break;
            case 'a':
              printAddress = true;
              break;
            case 'p':
              pretty = true;
              break;
            default:
              basenames = true;
              basenamesAt = Math.max(basenamesAt, parsed.operandPosition(i));
          }
        }
      } else if (arg.startsWith("-") && arg.length() > 1 && !Character.isDigit(arg.charAt(1))) {
        throw CliException.usage("unknown option '" + arg + "'\nTry 'symbolic symbolize --help'"
            + " for more information.");
      } else {
        addresses.add(arg);
      }
    }
    if (parsed.flag("--no-inlines")) {
      inlines = false;
    } else if (parsed.flag("--inlining")) {
      inlines = bool("--inlining", parsed.option("--inlining"));
    } else if (parsed.flag("--inlines")) {
      inlines = true;
    }
    if (parsed.flag("--no-demangle")) {
      demangle = false;
    } else if (parsed.flag("--demangle")) {
      demangle = bool("--demangle", parsed.option("--demangle"));
    }
    String buildId = parsed.option("--build-id");
    if (buildId != null && obj != null) {
      throw CliException.failure("cannot specify both --build-id and --obj");
    }
    byte[] buildIdBytes = buildId == null ? null : parseBuildId(buildId);
    if (buildId != null && buildIdBytes == null) {
      throw CliException.failure("--build-id=: expected a build ID, but got '" + buildId + "'");
    }
    Symbolize s = new Symbolize(env, buildIdBytes != null ? hex(buildIdBytes) : obj);
    s.perLineModules = obj == null && buildId == null;
    s.byBuildId = buildId != null;
    if (inlines != null) {
      s.inlines = inlines;
    }
    if (demangle != null) {
      s.demangle = demangle;
    }
    if (functions != null) {
      Functions k = kind(functions);
      if (k == null) {
        throw CliException.usage("invalid value '" + functions + "' for --functions: use"
            + " linkage, short or none");
      }
      s.functions = k;
    }
    String style = parsed.option("--output-style");
    if (style != null) {
      switch (style) {
        case "LLVM":
          s.style = Style.LLVM;
          break;
        case "GNU":
          s.style = Style.GNU;
          break;
        case "JSON":
          s.style = Style.JSON;
          break;
        default:
          throw CliException.usage("invalid value '" + style + "' for --output-style: use LLVM,"
              + " GNU or JSON");
      }
    }
    s.relative = parsed.flag("--relative-address");
    s.printAddress = printAddress;
    s.pretty = pretty;
    boolean relative = parsed.position("--relativenames") > basenamesAt;
    s.basenames = basenames && !relative;
    s.paths = relative ? PathKind.RELATIVE : PathKind.ABSOLUTE;
    s.verbose = parsed.flag("--verbose");
    s.untag = parsed.position("--no-untag-addresses") <= parsed.position("--untag-addresses");
    String cacheSize = parsed.option("--cache-size");
    if (cacheSize != null && parseAddress(cacheSize) == null) {
      throw CliException.usage("--cache-size=: expected a non-negative integer, but got '"
          + cacheSize + "'");
    }
    String hint = parsed.option("--dsym-hint");
    if (hint != null && !hint.endsWith(".dSYM")) {
      env.err.println("Warning: invalid dSYM hint: \"" + hint
          + "\" (must have the '.dSYM' extension).");
    }
    String context = parsed.option("--print-source-context-lines");
    if (context != null) {
      Integer lines = parseInt(context);
      if (lines == null) {
        throw CliException.usage("--print-source-context-lines=: expected a non-negative"
            + " integer, but got '" + context + "'");
      }
      s.contextLines = lines;
    }
    String adjust = parsed.option("--adjust-vma");
    if (adjust != null) {
      Long offset = parseAddress(adjust);
      if (offset == null) {
        throw CliException.usage("--adjust-vma=: expected a non-negative integer, but got '"
            + adjust + "'");
      }
      s.adjustVma = offset;
    }
    String dwp = parsed.option("--dwp");
    List<String> debugDirs = parsed.options("--debug-file-directory");
    s.dwpFile = dwp == null ? null : Path.of(dwp);
    if (!debugDirs.isEmpty()) {
      s.debugDirs = debugDirs.stream().map(Path::of).toList();
    }
    String fallback = parsed.option("--fallback-debug-path");
    if (fallback != null) {
      s.fallbackDebugPath = Path.of(fallback);
    }
    if (!s.perLineModules) {
      if (buildIdBytes != null) {
        s.openBuildId(buildIdBytes);
      } else {
        s.open(Path.of(obj));
      }
      if (s.failure != null && buildIdBytes == null) {
        // llvm reads the file given by --obj before any input, and stops if it cannot.
        StringBuilder sb = new StringBuilder();
        if (s.reportFailure(sb, OptionalLong.of(0), null)) {
          sb.append('\n');
        }
        env.out.write(s.encode(sb));
        env.out.flush();
        return Main.FAILURE;
      }
    }
    return s.symbolizeAll(addresses);
  }

  /**
   * The hex digits of a build ID as bytes, as llvm's parseBuildID reads them (an odd count: the
   * first digit alone is the first byte); null if there are none or one is not a hex digit.
   */
  static byte[] parseBuildId(String hex) {
    if (hex.isEmpty()) {
      return null;
    }
    byte[] out = new byte[(hex.length() + 1) / 2];
    int odd = hex.length() % 2;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return null;
      }
      int k = (i + odd) / 2;
      out[k] = (byte) (((i + odd) % 2 == 0) ? d << 4 : (out[k] | d));
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(2 * bytes.length);
    for (byte b : bytes) {
      sb.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
          .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
    return sb.toString();
  }

  /** Opens the file of a build ID; {@link #failure} says so if there is none. */
  private void openBuildId(byte[] id) {
    Optional<Path> file = buildIdFile(id);
    if (file.isPresent()) {
      open(file.get());
    } else {
      failure = "could not find build ID";
      failureUncached = true;
      dwarf = noDwarf();
    }
  }

  /**
   * The file of a build ID as llvm finds it: the first {@code DIR/.build-id/xx/rest.debug}
   * (lower case) that exists under the debug file directories.
   */
  private Optional<Path> buildIdFile(byte[] id) {
    String hex = hex(id).toLowerCase(java.util.Locale.ROOT);
    for (Path dir : debugDirs) {
      Path file = dir.resolve(".build-id").resolve(hex.substring(0, 2))
          .resolve(hex.substring(2) + ".debug");
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** An optional boolean value as llvm's command line reads it; none means true. */
  private static boolean bool(String option, String value) {
    switch (value) {
      case "":
      case "true":
      case "TRUE":
      case "True":
      case "1":
        return true;
      case "false":
      case "FALSE":
      case "False":
      case "0":
        return false;
      default:
        throw CliException.usage("for the " + option + " option: '" + value
            + "' is invalid value for boolean argument! Try 0 or 1");
    }
  }

  /**
   * Parses an {@code int} as llvm's {@code to_integer} with radix 0 does: an optional minus, then
   * a number as {@link #parseAddress} reads it, in range; null otherwise.
   */
  static Integer parseInt(String text) {
    boolean negative = text.startsWith("-");
    Long magnitude = parseAddress(negative ? text.substring(1) : text);
    long max = negative ? 1L << 31 : Integer.MAX_VALUE;
    if (magnitude == null || Long.compareUnsigned(magnitude, max) > 0) {
      return null;
    }
    return (int) (negative ? -magnitude : magnitude);
  }

  private static Functions kind(String s) {
    switch (s) {
      case "":
      case "linkage":
        return Functions.LINKAGE;
      case "short":
        return Functions.SHORT;
      case "none":
        return Functions.NONE;
      default:
        return null;
    }
  }

  // ------------------------------------------------------------------------------ loading

  /**
   * Opens the object file, its split DWARF package ({@link #dwpFile}, else FILE.dwp beside it)
   * and its separate debug file (see {@link #debugFile}). A file that
   * cannot be read leaves {@link #failure} set, in llvm's words, and an empty module.
   */
  private void open(Path file) {
    ElfFile elf;
    try {
      elf = openModule(file);
    } catch (ModuleFailure e) {
      failure = e.getMessage();
      dwarf = noDwarf();
      return;
    }
    // llvm-symbolizer-19 adds the module's preferred base for --relative-address, and that is 0
    // for every ELF file (only COFF has an image base): ElfFile.loadAddress() is not added, so
    // that the output stays identical (checked on an ET_EXEC linked at 0x200000).
    base = 0;
    symbolTable = CompletableFuture.supplyAsync(() -> {
      try {
        return readSymbols(elf, untag);
      } catch (ParseException | IndexOutOfBoundsException e) {
        return SymbolTable.EMPTY;
      }
    });
    ElfFile debug = elf;
    Optional<Path> found = Optional.empty();
    try {
      found = debugFile(file, elf);
    } catch (RuntimeException e) {
      // No usable debug file: the file's own DWARF, if any, and its symbol table answer.
    }
    if (found.isPresent()) {
      try {
        debug = parseElf(found.get(), "debug file");
      } catch (CliException e) {
        debug = elf;
      }
    }
    ElfFile d = debug;
    DwarfSections sections = DwarfSections.of(d::section, d.isLittleEndian(), d.is64() ? 8 : 4);
    Path dwpPath = dwpFile != null ? dwpFile : Path.of(file + ".dwp");
    try {
      if (Files.isRegularFile(dwpPath)) {
        ElfFile dwp = parseElf(dwpPath, "DWARF package");
        dwarf = Dwarf.open(sections,
            DwarfSections.of(dwp::section, dwp.isLittleEndian(), dwp.is64() ? 8 : 4));
      } else {
        // Without a package, as llvm: each skeleton's .dwo file, at its comp_dir/dwo_name.
        dwarf = Dwarf.open(sections, Symbolize::dwoSections);
      }
    } catch (ParseException e) {
      failure = "invalid DWARF (" + e.getMessage() + ")";
      dwarf = noDwarf();
    }
  }

  /**
   * The separate debug file llvm-symbolizer reads for an ELF file, looked for whether or not the
   * file has DWARF of its own: by build ID, the first {@code DIR/.build-id/xx/rest.debug} that
   * exists under the debug file directory; else by {@code .gnu_debuglink}, with a matching
   * CRC-32, beside the file, in its {@code .debug} directory, or under the fallback debug path
   * followed by the file's absolute directory.
   */
  private Optional<Path> debugFile(Path file, ElfFile elf) {
    for (Path candidate : ElfDebugFiles.buildIdCandidates(elf, debugDirs)) {
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    Optional<ElfDebugLink> link = elf.debugLink();
    if (link.isEmpty() || link.get().fileName().isEmpty()) {
      return Optional.empty();
    }
    for (Path candidate : ElfDebugFiles.debugLinkCandidates(file, link.get(),
        List.of(fallbackDebugPath))) {
      if (Files.isRegularFile(candidate)
          && ElfDebugFiles.crc32(candidate) == link.get().crc32()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The DWARF of a module that could not be opened: it knows no address. */
  private static Dwarf noDwarf() {
    return Dwarf.open(DwarfSections.of(name -> Optional.empty(), true, 8));
  }

  /** The sections of the .dwo file at {@code path}, or empty if it is not a readable ELF file. */
  private static Optional<DwarfSections> dwoSections(String path) {
    try {
      ElfFile dwo = openModule(Path.of(path));
      return Optional.of(DwarfSections.of(dwo::section, dwo.isLittleEndian(), dwo.is64() ? 8 : 4));
    } catch (ModuleFailure | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Why an object file cannot be symbolized, in llvm-symbolizer's words where it has them. */
  private static final class ModuleFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ModuleFailure(String message) {
      super(message, null, false, false);
    }
  }

  private static ElfFile openModule(Path file) throws ModuleFailure {
    if (Files.isDirectory(file)) {
      throw new ModuleFailure("Is a directory");
    }
    ByteView bytes;
    try {
      bytes = ByteView.map(file);
    } catch (NoSuchFileException e) {
      throw new ModuleFailure("No such file or directory");
    } catch (AccessDeniedException e) {
      throw new ModuleFailure("Permission denied");
    } catch (IOException e) {
      throw new ModuleFailure(IoSupport.describe(e));
    }
    if (!ElfFile.isElf(bytes)) {
      throw new ModuleFailure("The file was not recognized as a valid object file");
    }
    try {
      return ElfFile.parse(bytes);
    } catch (ParseException e) {
      throw new ModuleFailure("invalid ELF file (" + e.getMessage() + ")");
    }
  }

  private static ElfFile parseElf(Path file, String what) {
    ByteView bytes;
    try {
      bytes = ByteView.map(file);
    } catch (IOException e) {
      throw IoSupport.cannotRead(what, file, e);
    }
    if (!ElfFile.isElf(bytes)) {
      throw CliException.failure("cannot read " + what + " '" + file + "': not an ELF file");
    }
    try {
      return ElfFile.parse(bytes);
    } catch (ParseException e) {
      throw CliException.failure("cannot read " + what + " '" + file + "': invalid ELF file ("
          + e.getMessage() + ")");
    }
  }

  /** Reads .symtab (or .dynsym when .symtab has no symbols) as llvm-symbolizer does. */
  private static SymbolTable readSymbols(ElfFile elf, boolean untag) {
    List<ElfSection> sections = elf.sections();
    ElfSection table = null;
    int entry = elf.is64() ? 24 : 16;
    for (ElfSection s : sections) {
      if (s.type() == ElfSection.SHT_SYMTAB) {
        table = s;
        break;
      }
    }
    if (table == null || table.size() < 2L * entry) {
      table = null;
      for (ElfSection s : sections) {
        if (s.type() == ElfSection.SHT_DYNSYM) {
          table = s;
          break;
        }
      }
    }
    if (table == null || table.link() < 0 || table.link() >= sections.size()) {
      return SymbolTable.EMPTY;
    }
    ByteView data = elf.rawData(table);
    ByteView strings = elf.rawData(sections.get((int) table.link()));
    boolean le = elf.isLittleEndian();
    boolean arm = elf.machine() == 40;
    boolean riscv = elf.machine() == 243;
    long count = data.length() / entry;
    List<Sym> syms = new ArrayList<>();
    List<FileSym> files = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      long o = (long) i * entry;
      long nameOff = u32(data, o, le);
      int info;
      int shndx;
      long value;
      long size;
      if (elf.is64()) {
        info = data.u8(o + 4);
        shndx = le ? data.u16le(o + 6) : data.u16be(o + 6);
        value = le ? data.u64le(o + 8) : data.u64be(o + 8);
        size = le ? data.u64le(o + 16) : data.u64be(o + 16);
      } else {
        value = u32(data, o + 4, le);
        size = u32(data, o + 8, le);
        info = data.u8(o + 12);
        shndx = le ? data.u16le(o + 14) : data.u16be(o + 14);
      }
      int type = info & 0xf;
      int binding = info >>> 4;
      String name = nameOff < strings.length() ? strings.cstring(nameOff) : "";
      boolean noSection = shndx == 0 || shndx >= 0xff00 || shndx >= sections.size();
      if (noSection) {
        if (type == 4) {
          files.add(new FileSym(i, name));
        }
        continue;
      }
      if ((sections.get(shndx).flags() & 0x2) == 0) {
        continue;
      }
      // STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_GNU_IFUNC.
      if (type != 0 && type != 1 && type != 2 && type != 10) {
        continue;
      }
      // Mapping symbols ($x, $d, ...) and RISC-V's fake labels (".L0 ") are format specific.
      if ((type == 0 && name.startsWith("$")) || (riscv && name.startsWith(".L0 "))) {
        continue;
      }
      if (arm && type == 2) {
        value &= ~1L;
      }
      if (untag) {
        value = (value << 8) >> 8; // bits 56-63 become copies of bit 55
      }
      syms.add(new Sym(value, size, name, binding == 0 ? i : 0));
    }
    // Stable: of the symbols at one address, the last of the largest size wins, as in llvm.
    syms.sort(BY_ADDRESS_AND_SIZE);
    List<Sym> dedup = new ArrayList<>(syms.size());
    for (int i = 0; i < syms.size(); i++) {
      if (i + 1 < syms.size() && syms.get(i + 1).address() == syms.get(i).address()) {
        continue;
      }
      dedup.add(syms.get(i));
    }
    return new SymbolTable(dedup, files);
  }

  private List<Sym> symbols() {
    return symbolTable.join().symbols();
  }

  /**
   * Symbols by address, then size, both unsigned. A plain class: a comparator composed of
   * method references boxes both keys on every comparison, and sorting runs before the JIT has
   * compiled any of it.
   */
  private static final Comparator<Sym> BY_ADDRESS_AND_SIZE = new Comparator<>() {
    @Override
    public int compare(Sym a, Sym b) {
      int c = Long.compareUnsigned(a.address(), b.address());
      return c != 0 ? c : Long.compareUnsigned(a.size(), b.size());
    }
  };

  private static long u32(ByteView data, long offset, boolean le) {
    return le ? data.u32le(offset) : data.u32be(offset);
  }

  /** The symbol covering {@code address}, or null; as llvm's getNameFromSymbolTable. */
  private Sym symbolAt(long address) {
    List<Sym> symbols = symbols();
    int lo = 0;
    int hi = symbols.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(symbols.get(mid).address(), address) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == 0) {
      return null;
    }
    Sym s = symbols.get(lo - 1);
    if (s.size() != 0 && Long.compareUnsigned(s.address() + s.size(), address) <= 0) {
      return null;
    }
    return s;
  }

  private String fileOf(Sym s) {
    if (s.localIndex() == 0) {
      return null;
    }
    String name = null;
    for (FileSym f : symbolTable.join().files()) {
      if (f.index() < s.localIndex()) {
        name = f.name();
      } else {
        break;
      }
    }
    return name;
  }

  // ------------------------------------------------------------------------------ symbolizing

  private List<Frame> symbolize(long address) {
    // llvm-symbolizer answers GNU style without inlines from the inlined frames, keeping the
    // innermost (so that the symbol table only renames a frame that is not inlined).
    return symbolize(address, inlines, !inlines && style == Style.GNU);
  }

  /** The frames at {@code address}; without {@code inlines} or {@code gnuInnermost}, one frame. */
  private List<Frame> symbolize(long address, boolean inlines, boolean gnuInnermost) {
    List<DwarfFrame> dwarfFrames;
    try {
      dwarfFrames = dwarf.symbolize(address, paths);
    } catch (ParseException e) {
      dwarfFrames = List.of();
    }
    List<Frame> frames = new ArrayList<>();
    if (inlines || gnuInnermost) {
      for (DwarfFrame f : dwarfFrames) {
        frames.add(frame(f, true));
      }
    } else if (!dwarfFrames.isEmpty()) {
      frames.add(frame(dwarfFrames.get(0), false));
    }
    if (frames.isEmpty()) {
      frames.add(new Frame());
    }
    if (functions == Functions.LINKAGE) {
      Sym sym = symbolAt(address);
      if (sym != null) {
        Frame outer = frames.get(frames.size() - 1);
        outer.function = sym.name();
        outer.startAddress = OptionalLong.of(sym.address());
        if (outer.file == BAD) {
          String file = fileOf(sym);
          if (file != null && !file.isEmpty()) {
            outer.file = file;
          }
        }
      }
    }
    if (gnuInnermost && frames.size() > 1) {
      frames.subList(1, frames.size()).clear();
    }
    if (demangle) {
      for (Frame f : frames) {
        f.function = demangleCached(f.function);
      }
    }
    return frames;
  }

  /**
   * Demangled names already printed: inlined library functions recur in most frames. At most
   * {@link #DEMANGLED_CACHE} names are kept, so memory stays bounded on any input.
   */
  private final Map<String, String> demangled;

  /** The source files read for --print-source-context-lines, shared by all modules. */
  private final SourceFiles sources;

  private static final int DEMANGLED_CACHE = 1 << 16;

  private String demangleCached(String name) {
    if (name == null) {
      return null;
    }
    String out = demangled.get(name);
    if (out == null) {
      out = demangle(name);
      if (demangled.size() < DEMANGLED_CACHE) {
        demangled.put(name, out);
      }
    }
    return out;
  }

  /**
   * A DWARF frame as llvm's DILineInfo. A function without a usable declaration file has the
   * start file "" in llvm's inlining chains but keeps {@code <invalid>} in its single-frame
   * lookups ({@code --verbose} shows the difference).
   */
  private Frame frame(DwarfFrame d, boolean inliningChain) {
    Frame f = new Frame();
    switch (functions) {
      case LINKAGE:
        f.function = emptyToBad(d.function());
        break;
      case SHORT:
        f.function = emptyToBad(d.shortName());
        break;
      default:
        f.function = BAD;
    }
    f.file = emptyToBad(fileName(d.file()));
    f.line = d.line();
    f.column = d.column();
    f.discriminator = d.discriminator();
    String startFile = fileName(d.startFile());
    f.startFile = inliningChain && startFile != null ? startFile : emptyToBad(startFile);
    f.startLine = d.startLine();
    f.startAddress = d.startAddress();
    return f;
  }

  /** The file name as printed: with {@code --basenames}, llvm's {@code sys::path::filename}. */
  private String fileName(String path) {
    if (!basenames || path == null || path.isEmpty()) {
      return path;
    }
    int end = path.length();
    if (path.charAt(end - 1) == '/') {
      // llvm: "/foo/bar/" names ".", and "/" (or only slashes) names "/".
      return path.chars().allMatch(c -> c == '/') ? "/" : ".";
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String emptyToBad(String s) {
    return s == null || s.isEmpty() ? BAD : s;
  }

  /** llvm-symbolizer's DemangleName for ELF: Itanium ({@code _Z}, legacy Rust too) and Rust v0. */
  static String demangle(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    Optional<String> out = Optional.empty();
    if (name.startsWith("_Z") || name.startsWith("___Z")) {
      out = Demangler.demangle(name, Language.CPP, DemangleOptions.complete());
    } else if (name.startsWith("_R")) {
      out = Demangler.demangle(name, Language.RUST, DemangleOptions.complete());
    }
    return out.orElse(name);
  }

  // ------------------------------------------------------------------------------ input/output

  /** Parses an address as llvm's getAsInteger with radix 0; null if not a number. */
  static Long parseAddress(String text) {
    String s = text;
    int radix = 10;
    if (s.startsWith("0x") || s.startsWith("0X")) {
      radix = 16;
      s = s.substring(2);
    } else if (s.startsWith("0b") || s.startsWith("0B")) {
      radix = 2;
      s = s.substring(2);
    } else if (s.startsWith("0o")) {
      radix = 8;
      s = s.substring(2);
    } else if (s.length() > 1 && s.startsWith("0")) {
      radix = 8;
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return null;
    }
    // ASCII digits only, up to 2^64 - 1, as llvm's getAsInteger.
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10
          : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : radix;
      if (d >= radix || Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, radix)) > 0) {
        return null;
      }
      value = value * radix + d;
    }
    return value;
  }

  private int symbolizeAll(List<String> addresses) throws IOException {
    OutputStream out = new BufferedOutputStream(env.out, 1 << 16);
    StringBuilder sb = new StringBuilder(512);
    if (!addresses.isEmpty()) {
      boolean first = true;
      if (style == Style.JSON) {
        sb.append('[');
      }
      Routed[] routed = route(addresses);
      long[] stale = staleAddresses(routed);
      for (int i = 0; i < addresses.size(); i++) {
        if (style == Style.JSON && !first) {
          sb.append(',');
        }
        first = false;
        answer(sb, addresses.get(i), routed[i], stale[i]);
        if (style != Style.JSON) {
          write(out, sb);
        }
      }
      if (style == Style.JSON) {
        sb.append("]\n");
        write(out, sb);
      }
      out.flush();
      return Main.OK;
    }
    InputLines in = new InputLines(env.in);
    List<String> batch = new ArrayList<>();
    String line;
    while ((line = in.next()) != null) {
      batch.add(line);
      if (batch.size() < BATCH && in.ready()) {
        continue;
      }
      // Answer a line typed (or piped by a co-process) at once; batch what is waiting.
      answer(batch, out);
      batch.clear();
      out.flush();
    }
    answer(batch, out);
    out.flush();
    return Main.OK;
  }

  /**
   * Answers the lines of a batch in order. A large batch is answered by several tasks over the
   * available cores (the DWARF reader, the symbol table and the demangler are safe to share),
   * each taking a run of the batch's addresses in sorted order: compilation units cover address
   * ranges, so each task decodes its own units instead of two tasks waiting on the same one.
   */
  private void answer(List<String> batch, OutputStream out) throws IOException {
    int n = batch.size();
    int tasks = n < 256 ? 1 : Math.min(THREADS * 4, n / 128);
    Routed[] routed = route(batch);
    long[] stale = staleAddresses(routed);
    if (tasks == 1) {
      StringBuilder sb = new StringBuilder(256);
      for (int i = 0; i < n; i++) {
        answer(sb, batch.get(i), routed[i], stale[i]);
        if (style == Style.JSON) {
          sb.append('\n');
        }
        write(out, sb);
      }
      return;
    }
    long[] keys = new long[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      Long a = routed[i].error() == null ? requestAddress(routed[i].request()) : null;
      keys[i] = a == null ? -1L : a;
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Long.compareUnsigned(keys[x], keys[y]));
    byte[][] answers = new byte[n][];
    IntStream.range(0, tasks).parallel().forEach(t -> {
      StringBuilder sb = new StringBuilder(256);
      for (int k = (int) ((long) n * t / tasks), to = (int) ((long) n * (t + 1) / tasks);
          k < to; k++) {
        int i = order[k];
        answer(sb, batch.get(i), routed[i], stale[i]);
        if (style == Style.JSON) {
          sb.append('\n');
        }
        answers[i] = encode(sb); // encoded in parallel too
        sb.setLength(0);
      }
    });
    for (byte[] a : answers) {
      out.write(a);
    }
  }

  private void write(OutputStream out, StringBuilder sb) throws IOException {
    out.write(encode(sb));
    sb.setLength(0);
  }

  /**
   * An answer in UTF-8, with the source bytes that {@link SourceFiles} escaped written back as
   * they were: llvm-symbolizer prints source lines byte for byte, valid UTF-8 or not.
   */
  private byte[] encode(StringBuilder sb) {
    String text = style == Style.JSON && pretty ? indentJson(sb) : sb.toString();
    return sources.anyEscaped() ? SourceFiles.encode(text)
        : text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reports why this module could not be opened, with its first request: on standard error in
   * the text styles (the answer follows, as for an address nothing is known of), as the answer
   * itself in JSON. Returns whether the answer is complete.
   */
  private boolean reportFailure(StringBuilder sb, OptionalLong address, String symbol) {
    if (style != Style.JSON) {
      env.err.println(Main.NAME + ": error: '" + objName + "': " + failure);
      env.err.flush();
      return false;
    }
    sb.append('{');
    if (address.isPresent()) {
      sb.append("\"Address\":\"0x").append(Long.toHexString(address.getAsLong())).append("\",");
    }
    sb.append("\"Error\":{\"Message\":");
    jsonString(sb, failure);
    sb.append("},\"ModuleName\":");
    jsonString(sb, objName);
    if (symbol != null && !symbol.isEmpty()) {
      sb.append(",\"SymName\":");
      jsonString(sb, symbol);
    }
    sb.append('}');
    return true;
  }

  /**
   * A line as llvm's parseCommand splits it: the module that answers it, the request without
   * the module (its command kept), and whether it is the first request to a module that could
   * not be opened; or the error that stops it, with the module name its unknown answer prints.
   */
  private record Routed(
      Symbolize module, String request, boolean reportFailure, String error, String errorModule) {
    static Routed error(String error, String module) {
      return new Routed(null, null, false, error, module);
    }
  }

  /** Routes each line, in order (modules are opened here, by this thread). */
  private Routed[] route(List<String> lines) {
    Routed[] out = new Routed[lines.size()];
    for (int i = 0; i < out.length; i++) {
      Routed r = route(lines.get(i));
      Symbolize m = r.module();
      if (m != null && m.failure != null && (!m.failureReported || m.failureUncached)
          && isRequest(r.request())) {
        m.failureReported = true;
        r = new Routed(m, r.request(), true, null, null);
      }
      out[i] = r;
    }
    return out;
  }

  private Routed route(String line) {
    if (line.isEmpty()) {
      return new Routed(this, line, false, null, null);
    }
    String prefix = command(line);
    String rest = line.substring(prefix.length());
    // What llvm prints as the module of a line it cannot parse: the --obj file, if any.
    String given = perLineModules || byBuildId ? "" : objName;
    boolean file = false;
    boolean buildId = false;
    while (!rest.isEmpty()) {
      rest = ltrim(rest);
      boolean isFile = rest.startsWith("FILE:");
      if (!isFile && !rest.startsWith("BUILDID:")) {
        break;
      }
      if (file || buildId) {
        return Routed.error("duplicate input file specification prefix", given);
      }
      file = isFile;
      buildId = !isFile;
      rest = rest.substring(isFile ? "FILE:".length() : "BUILDID:".length());
    }
    if (file || buildId) {
      rest = ltrim(rest);
      if (rest.isEmpty()) {
        return Routed.error(file ? "must be followed by an input file"
            : "must be followed by a hash", given);
      }
      if (!perLineModules) {
        return Routed.error("input file has already been specified", given);
      }
      String[] word = spaceDelimitedWord(rest);
      if (word == null || word[0].isEmpty()) {
        return Routed.error("unbalanced quotes in input file name", given);
      }
      if (buildId) {
        byte[] id = parseBuildId(word[0]);
        if (id == null) {
          return Routed.error("wrong format of build-id", given);
        }
        return new Routed(moduleByBuildId(id), prefix + word[1], false, null, null);
      }
      return new Routed(module(word[0]), prefix + word[1], false, null, null);
    }
    if (perLineModules) {
      String[] word = spaceDelimitedWord(rest);
      if (word == null || word[0].isEmpty()) {
        return Routed.error("no input filename has been specified", "");
      }
      return new Routed(module(word[0]), prefix + word[1], false, null, null);
    }
    return new Routed(this, line, false, null, null);
  }

  /** Whether a request asks something (an address or a symbol) rather than being malformed. */
  private static boolean isRequest(String request) {
    String spec = addressSpec(request.substring(command(request).length()));
    return !spec.isEmpty() && (parseAddress(spec) != null || !Character.isDigit(spec.charAt(0)));
  }

  /** StringRef::ltrim: without leading spaces, tabs, line feeds, vertical tabs, form feeds, CRs. */
  private static String ltrim(String s) {
    int i = 0;
    while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return s.substring(i);
  }

  /**
   * llvm's getSpaceDelimitedWord: after spaces, CRs and LFs, a word up to the next of them, or
   * up to a matching quote when it starts with ' or "; the word and the rest, or null for an
   * unmatched quote.
   */
  private static String[] spaceDelimitedWord(String s) {
    int i = 0;
    while (i < s.length() && " \n\r".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
      int end = s.indexOf(s.charAt(i), i + 1);
      return end < 0 ? null : new String[] {s.substring(i + 1, end), s.substring(end + 1)};
    }
    int end = i;
    while (end < s.length() && " \n\r".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    return new String[] {s.substring(i, end), s.substring(end)};
  }

  /** The symbolizer of a module named on an input line, opened on first use. */
  private Symbolize module(String name) {
    return modules.computeIfAbsent("FILE:" + name, key -> {
      Symbolize m = new Symbolize(this, name);
      Path file;
      try {
        file = Path.of(name);
      } catch (RuntimeException e) {
        m.failure = "No such file or directory";
        m.dwarf = noDwarf();
        return m;
      }
      m.open(file);
      return m;
    });
  }

  /** The symbolizer of the module with a build ID, found on first use. */
  private Symbolize moduleByBuildId(byte[] id) {
    String hex = hex(id);
    return modules.computeIfAbsent("BUILDID:" + hex, key -> {
      Symbolize m = new Symbolize(this, hex);
      m.openBuildId(id);
      return m;
    });
  }

  /** Answers a routed line. */
  private void answer(StringBuilder sb, String line, Routed routed, long stale) {
    if (routed.error() != null) {
      env.err.println(Main.NAME + ": error: '" + line + "': " + routed.error());
      env.err.flush();
      unknown(sb, routed.errorModule());
      return;
    }
    routed.module().one(sb, line, routed.request(), stale, routed.reportFailure());
  }

  /**
   * Compact JSON laid out as llvm's JSON writer does with {@code --pretty-print}: each member and
   * element on a line of its own, indented by two spaces a level, {@code ": "} after names, and
   * empty objects and arrays as {@code {}} and {@code []}.
   */
  static String indentJson(CharSequence json) {
    StringBuilder out = new StringBuilder(json.length() * 2);
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"':
          inString = true;
          out.append(c);
          break;
        case '{':
        case '[':
          char close = c == '{' ? '}' : ']';
          if (i + 1 < json.length() && json.charAt(i + 1) == close) {
            out.append(c).append(close);
            i++;
          } else {
            out.append(c);
            newline(out, ++depth);
          }
          break;
        case '}':
        case ']':
          newline(out, --depth);
          out.append(c);
          break;
        case ',':
          out.append(c);
          newline(out, depth);
          break;
        case ':':
          out.append(": ");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  private static void newline(StringBuilder out, int depth) {
    out.append('\n');
    for (int k = 0; k < depth; k++) {
      out.append("  ");
    }
  }

  /** llvm-symbolizer's input commands. */
  private enum Command { CODE, DATA, FRAME }

  /**
   * The address of each line's request that an address header of a DATA or FRAME request by
   * symbol name prints: llvm-symbolizer-19 prints the address of the last request made by address
   * there (its request's address is left unset and read anyway), 0 before any. Counted from the
   * lines answered before, so that answers in parallel print the same.
   */
  private long[] staleAddresses(Routed[] lines) {
    long[] out = new long[lines.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = lastAddress;
      Long a = lines[i].error() == null ? requestAddress(lines[i].request()) : null;
      if (a != null) {
        lastAddress = a;
      }
    }
    return out;
  }

  /** The address of the last request made by address, for {@link #staleAddresses}. */
  private long lastAddress;

  /** The address a line asks about by number, or null (a symbol name, or no valid request). */
  private static Long requestAddress(String line) {
    return parseAddress(addressSpec(line.substring(command(line).length())));
  }

  /** The command prefix of a line as parseCommand consumes it, or "". */
  private static String command(String line) {
    if (line.isEmpty()) {
      return "";
    }
    switch (line.charAt(0)) {
      case 'C':
        return line.startsWith("CODE ") ? "CODE " : "";
      case 'D':
        return line.startsWith("DATA ") ? "DATA " : "";
      case 'F':
        return line.startsWith("FRAME ") ? "FRAME " : "";
      default:
        return "";
    }
  }

  /** The first word of a request: the address or symbol name. */
  private static String addressSpec(String input) {
    String spec = input.strip();
    int space = firstDelimiter(spec);
    return space >= 0 ? spec.substring(0, space) : spec;
  }

  /**
   * Appends the answer for one request (JSON without a line end), read as llvm-symbolizer's
   * parseCommand reads it: an optional {@code CODE }, {@code DATA } or {@code FRAME } command,
   * then the first word, an address or else a symbol name with an optional {@code +OFFSET}.
   * {@code request} is {@code line} without the object file it may name (error messages quote
   * the whole line); {@code stale} is the address header of a DATA or FRAME request by symbol
   * name.
   */
  private void one(StringBuilder sb, String line, String request, long stale, boolean report) {
    String prefix = command(request);
    Command cmd = prefix.equals("DATA ") ? Command.DATA
        : prefix.equals("FRAME ") ? Command.FRAME : Command.CODE;
    String spec = addressSpec(request.substring(prefix.length()));
    Long address = parseAddress(spec);
    if (address == null) {
      if (spec.isEmpty() || Character.isDigit(spec.charAt(0))) {
        if (!line.isEmpty()) {
          env.err.println(Main.NAME + ": error: '" + line + "': " + (spec.isEmpty()
              ? "no module offset has been specified" : "expected a number as module offset"));
          env.err.flush();
        }
        unknown(sb, line.isEmpty() ? "" : objName);
        return;
      }
      int plus = symbolOffset(spec);
      if (report && reportFailure(sb, OptionalLong.empty(),
          plus < 0 ? spec : spec.substring(0, plus))) {
        return;
      }
      if (cmd == Command.CODE) {
        symbolLookup(sb, spec);
      } else {
        // By symbol name, llvm looks up DATA and FRAME at the offset alone (0 without one).
        String name = plus < 0 ? spec : spec.substring(0, plus);
        long offset = plus < 0 ? 0 : parseAddress(spec.substring(plus + 1));
        long a = (relative ? offset + base : offset) - adjustVma;
        if (cmd == Command.DATA) {
          data(sb, null, stale, name, a);
        } else {
          frame(sb, null, stale, name, a);
        }
      }
      return;
    }
    if (report && reportFailure(sb, OptionalLong.of(address), null)) {
      return;
    }
    long a = (relative ? address + base : address) - adjustVma;
    if (cmd == Command.DATA) {
      data(sb, address, address, null, a);
      return;
    }
    if (cmd == Command.FRAME) {
      frame(sb, address, address, null, a);
      return;
    }
    // Of a module it could not open, llvm's inlining lookup has no frames at all.
    List<Frame> frames = failure != null && inlines && style == Style.JSON ? List.of()
        : symbolize(a);
    if (style == Style.JSON) {
      sb.append("{\"Address\":\"0x").append(Long.toHexString(address)).append("\",\"ModuleName\":");
      jsonString(sb, objName);
      sb.append(",\"Symbol\":");
      json(sb, frames, true);
      sb.append('}');
    } else {
      if (printAddress) {
        sb.append("0x").append(Long.toHexString(address)).append(pretty ? ": " : "\n");
      }
      plain(sb, frames);
    }
  }

  /** Where {@code NAME+OFFSET} splits (llvm: the last '+', with a name and a number), or -1. */
  private static int symbolOffset(String spec) {
    int plus = spec.lastIndexOf('+');
    return plus > 0 && plus + 1 < spec.length() && parseAddress(spec.substring(plus + 1)) != null
        ? plus : -1;
  }

  /** The JSON keys of a request, before the answer's: its address or symbol name. */
  private void jsonRequest(StringBuilder sb, Long address) {
    sb.append('{');
    if (address != null) {
      sb.append("\"Address\":\"0x").append(Long.toHexString(address)).append("\",");
    }
  }

  /** The JSON keys of a request after the answer's. */
  private void jsonRequestEnd(StringBuilder sb, String symbol) {
    sb.append(",\"ModuleName\":");
    jsonString(sb, objName);
    if (symbol != null) {
      sb.append(",\"SymName\":");
      jsonString(sb, symbol);
    }
    sb.append('}');
  }

  /** The address header of a plain answer, as llvm's printHeader. */
  private void header(StringBuilder sb, long address) {
    if (printAddress) {
      sb.append("0x").append(Long.toHexString(address)).append(pretty ? ": " : "\n");
    }
  }

  /**
   * A DATA request, as llvm's symbolizeData: the symbol table entry covering the address (its
   * name, start and size; for a local symbol, the file of the STT_FILE symbol before it), then
   * the declaration of the DWARF variable there when that has a line (its file replacing the
   * symbol's, even when it has none).
   */
  private void data(StringBuilder sb, Long address, long shown, String symbol, long lookup) {
    Sym sym = symbolAt(lookup);
    String name = sym == null ? BAD : sym.name();
    String declFile = sym == null ? null : fileOf(sym);
    long declLine = 0;
    try {
      Optional<DwarfVariable> v = dwarf.variableAt(lookup);
      if (v.isPresent() && v.get().declLine() != 0) {
        declFile = v.get().declFile();
        declLine = v.get().declLine();
      }
    } catch (ParseException e) {
      // Malformed DWARF: the symbol table alone answers.
    }
    if (demangle) {
      name = demangleCached(name);
    }
    long start = sym == null ? 0 : sym.address();
    long size = sym == null ? 0 : sym.size();
    if (style == Style.JSON) {
      jsonRequest(sb, address);
      sb.append("\"Data\":{\"Name\":");
      jsonString(sb, name == BAD ? "" : name);
      sb.append(",\"Size\":\"0x").append(Long.toHexString(size))
          .append("\",\"Start\":\"0x").append(Long.toHexString(start)).append("\"}");
      jsonRequestEnd(sb, symbol);
      return;
    }
    header(sb, shown);
    sb.append(name == BAD ? "??" : name).append('\n')
        .append(Long.toUnsignedString(start)).append(' ').append(Long.toUnsignedString(size))
        .append('\n');
    if (declFile == null || declFile.isEmpty()) {
      sb.append("??:?\n");
    } else {
      sb.append(declFile).append(':').append(Long.toUnsignedString(declLine)).append('\n');
    }
    if (style == Style.LLVM) {
      sb.append('\n');
    }
  }

  private static int firstDelimiter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }

  /**
   * A symbol name, {@code NAME} or {@code NAME+OFFSET}: as llvm's findSymbol, the location at
   * each symbol table entry of that name (plus the offset when it is inside the symbol), without
   * inlined frames, dropped when it has no file.
   */
  private void symbolLookup(StringBuilder sb, String spec) {
    int plus = symbolOffset(spec);
    String name = plus < 0 ? spec : spec.substring(0, plus);
    long offset = plus < 0 ? 0 : parseAddress(spec.substring(plus + 1));
    List<Frame> found = new ArrayList<>();
    for (Sym sym : symbols()) {
      if (sym.name().equals(name)) {
        long a = sym.address() + (Long.compareUnsigned(offset, sym.size()) < 0 ? offset : 0);
        Frame f = symbolize(a, false, false).get(0);
        if (f.file != BAD) {
          found.add(f);
        }
      }
    }
    if (style == Style.JSON) {
      sb.append("{\"Loc\":");
      // llvm prints the definitions of a symbol name without their source.
      json(sb, found, false);
      sb.append(",\"ModuleName\":");
      jsonString(sb, objName);
      sb.append(",\"SymName\":");
      jsonString(sb, name);
      sb.append('}');
    } else if (found.isEmpty()) {
      plain(sb, List.of(new Frame()));
    } else {
      for (Frame f : found) {
        plain(sb, List.of(f), false);
      }
      if (style == Style.LLVM) {
        sb.append('\n');
      }
    }
  }

  private void unknown(StringBuilder sb, String module) {
    if (style == Style.JSON) {
      sb.append("{\"ModuleName\":");
      jsonString(sb, module);
      sb.append(",\"Symbol\":[");
      json(sb, new Frame(), true);
      sb.append("]}");
    } else {
      plain(sb, List.of(new Frame()));
    }
  }

  /** Frames as a JSON array; {@code withSource}: with their source context, if asked for. */
  private void json(StringBuilder sb, List<Frame> frames, boolean withSource) {
    sb.append('[');
    for (int i = 0; i < frames.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      json(sb, frames.get(i), withSource);
    }
    sb.append(']');
  }

  private void json(StringBuilder sb, Frame f, boolean withSource) {
    sb.append("{\"Column\":").append(f.column)
        .append(",\"Discriminator\":").append(f.discriminator)
        .append(",\"FileName\":");
    jsonString(sb, f.file == BAD ? "" : f.file);
    sb.append(",\"FunctionName\":");
    jsonString(sb, f.function == BAD ? "" : f.function);
    sb.append(",\"Line\":").append(f.line);
    if (withSource && contextLines > 0) {
      // llvm opens the file by its DILineInfo name, "<invalid>" when there is none.
      StringBuilder source = new StringBuilder();
      context(source, f.file == BAD ? "<invalid>" : f.file, f.line, true);
      if (source.length() > 0) {
        sb.append(",\"Source\":");
        jsonString(sb, source.toString());
      }
    }
    sb.append(",\"StartAddress\":\"");
    if (f.startAddress.isPresent()) {
      sb.append("0x").append(Long.toHexString(f.startAddress.getAsLong()));
    }
    sb.append("\",\"StartFileName\":");
    jsonString(sb, f.startFile == BAD ? "" : f.startFile);
    sb.append(",\"StartLine\":").append(f.startLine).append('}');
  }

  private void plain(StringBuilder sb, List<Frame> frames) {
    plain(sb, frames, true);
  }

  /** llvm's printVerbose; only the LLVM style prints the start address. */
  private void verbose(StringBuilder sb, Frame f) {
    sb.append("  Filename: ").append(f.file == BAD ? "??" : f.file).append('\n');
    if (f.startLine != 0) {
      sb.append("  Function start filename: ").append(f.startFile == BAD ? "<invalid>" : f.startFile)
          .append("\n  Function start line: ").append(f.startLine).append('\n');
    }
    if (style == Style.LLVM && f.startAddress.isPresent()) {
      sb.append("  Function start address: 0x")
          .append(Long.toHexString(f.startAddress.getAsLong())).append('\n');
    }
    sb.append("  Line: ").append(f.line).append("\n  Column: ").append(f.column).append('\n');
    if (f.discriminator != 0) {
      sb.append("  Discriminator: ").append(f.discriminator).append('\n');
    }
  }

  /** Frames as text; with {@code footer}, the blank line that ends an LLVM-style answer. */
  private void plain(StringBuilder sb, List<Frame> frames, boolean footer) {
    for (int i = 0; i < frames.size(); i++) {
      Frame f = frames.get(i);
      if (functions != Functions.NONE) {
        if (pretty && i > 0) {
          sb.append(" (inlined by) ");
        }
        sb.append(f.function == BAD ? "??" : f.function).append(pretty ? " at " : "\n");
      }
      if (verbose) {
        verbose(sb, f);
        continue;
      }
      String file = f.file == BAD ? "??" : f.file;
      sb.append(file).append(':').append(f.line);
      if (style == Style.GNU) {
        if (f.discriminator != 0) {
          sb.append(" (discriminator ").append(f.discriminator).append(')');
        }
      } else {
        sb.append(':').append(f.column);
      }
      sb.append('\n');
      if (contextLines > 0) {
        // llvm opens the file by the name it printed, "??" included.
        context(sb, file, f.line, false);
      }
    }
    if (footer && style == Style.LLVM) {
      sb.append('\n');
    }
  }

  /**
   * A JSON string as llvm's json::OStream writes it: quote and backslash escaped, tab, line feed
   * and carriage return as {@code \t \n \r}, other control characters as a backslash and
   * {@code u00xx} (backspace and form feed too), everything else (DEL, U+2028 too) as it is.
   */
  private static void jsonString(StringBuilder sb, String s) {
    String quoted = JSON_QUOTED.get(s);
    if (quoted == null) {
      quoted = jsonQuote(s);
      if (JSON_QUOTED.size() < JSON_CACHE) {
        JSON_QUOTED.put(s, quoted);
      }
    }
    sb.append(quoted);
  }

  /**
   * The JSON strings written before: the function and file names of a batch recur in most of its
   * answers, and escaping copies a string a character at a time. At most {@link #JSON_CACHE}
   * strings are kept.
   */
  private static final Map<String, String> JSON_QUOTED = new ConcurrentHashMap<>(4096);

  private static final int JSON_CACHE = 1 << 16;

  private static String jsonQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x20) {
        sb.append(c);
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else {
        sb.append("\\u00").append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 0xf, 16));
      }
    }
    return sb.append('"').toString();
  }

  /**
   * A FRAME request, as llvm's symbolizeFrame: per local of the frames at the address, its
   * function, name, declaration, then frame offset, size and tag offset ({@code ??} if unknown).
   */
  private void frame(StringBuilder sb, Long address, long shown, String symbol, long lookup) {
    List<DwarfLocal> locals;
    try {
      locals = dwarf.locals(lookup);
    } catch (ParseException e) {
      locals = List.of();
    }
    if (style == Style.JSON) {
      jsonRequest(sb, address);
      sb.append("\"Frame\":[");
      for (int i = 0; i < locals.size(); i++) {
        DwarfLocal l = locals.get(i);
        sb.append(i > 0 ? ",{\"DeclFile\":" : "{\"DeclFile\":");
        jsonString(sb, l.declFile());
        sb.append(",\"DeclLine\":").append(l.declLine());
        if (l.frameOffset().isPresent()) {
          sb.append(",\"FrameOffset\":").append(l.frameOffset().getAsLong());
        }
        sb.append(",\"FunctionName\":");
        jsonString(sb, l.function());
        sb.append(",\"Name\":");
        jsonString(sb, l.name());
        sb.append(",\"Size\":\"").append(hex(l.size())).append("\",\"TagOffset\":\"")
            .append(hex(l.tagOffset())).append("\"}");
      }
      sb.append(']');
      jsonRequestEnd(sb, symbol);
      return;
    }
    header(sb, shown);
    if (locals.isEmpty()) {
      sb.append("??\n");
    }
    for (DwarfLocal l : locals) {
      sb.append(l.function().isEmpty() ? "??" : l.function()).append('\n')
          .append(l.name().isEmpty() ? "??" : l.name()).append('\n')
          .append(l.declFile().isEmpty() ? "??" : l.declFile()).append(':')
          .append(Long.toUnsignedString(l.declLine())).append('\n');
      sb.append(l.frameOffset().isPresent() ? Long.toString(l.frameOffset().getAsLong()) : "??")
          .append(' ').append(unsigned(l.size())).append(' ').append(unsigned(l.tagOffset()))
          .append('\n');
    }
    if (style == Style.LLVM) {
      sb.append('\n');
    }
  }

  private static String hex(OptionalLong v) {
    return v.isPresent() ? "0x" + Long.toHexString(v.getAsLong()) : "";
  }

  private static String unsigned(OptionalLong v) {
    return v.isPresent() ? Long.toUnsignedString(v.getAsLong()) : "??";
  }

  // ------------------------------------------------------------------------------ source context

  /**
   * Appends {@link #contextLines} lines of {@code file} around {@code line} as llvm's
   * SourceCode::format: lines {@code max(1, line - N / 2)} to that plus N - 1 that the file has,
   * each as its number right-aligned to {@code ceil(log10(last))} digits (the last line asked
   * for, not the last one printed), {@code " >: "} on {@code line} and {@code "  : "} elsewhere,
   * the text without one trailing CR, and a line end. Nothing when the file cannot be read.
   */
  private void context(StringBuilder sb, String file, int line, boolean json) {
    SourceFiles.Source source = sources.get(file);
    if (!json && source.escaped() != null) {
      source = source.escaped();
    }
    int[] starts = source.lineStarts();
    long at = Integer.toUnsignedLong(line);
    long first = Math.max(1, at - contextLines / 2);
    long last = first + contextLines - 1;
    // ceil(log10(last)), exactly: the digits of last - 1, and 0 for 1.
    int width = last == 1 ? 0 : Long.toString(last - 1).length();
    String text = source.text();
    for (long l = first; l <= Math.min(last, starts.length); l++) {
      int start = starts[(int) l - 1];
      if (start >= text.length()) {
        break; // the empty "line" after a final line end
      }
      int end = l < starts.length ? starts[(int) l] - 1 : text.length();
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      String number = Long.toString(l);
      for (int pad = number.length(); pad < width; pad++) {
        sb.append(' ');
      }
      sb.append(number).append(l == at ? " >: " : "  : ").append(text, start, end).append('\n');
    }
  }
}
