package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.DwarfConstants.TAG_INLINED_SUBROUTINE;
import static dev.symbolic.debuginfo.DwarfConstants.TAG_SUBPROGRAM;
import static dev.symbolic.debuginfo.DwarfConstants.UT_SKELETON;

import dev.symbolic.common.Language;
import dev.symbolic.common.Name;
import dev.symbolic.common.NameMangling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The debug session over DWARF: functions listed one unit at a time with symbolic's rules, files
 * from the line tables, symbolication through {@link Dwarf#symbolize(long)}.
 *
 * <p>Function rules, as symbolic applies them: a subprogram's name is the symbol-table name at
 * its exact start address if there is one, else its linkage name, else its DW_AT_name (unqualified, as symbolic gives it); ranges
 * starting at 0 (code removed by the linker, except in relocatable objects), empty and reversed
 * ranges are dropped and overlapping ones merged; a subprogram whose (address, size) was already
 * listed by an earlier unit is skipped; each remaining range becomes a function of its own; an
 * inlinee without ranges hides the inlinees below it; units without code are skipped.
 */
final class DwarfSession implements DebugSession {
  private static final FileInfo NO_FILE = new FileInfo("", "");

  private final Dwarf dwarf;
  private final SymbolMap symbols;
  private final long loadAddress;
  private final boolean relocatable;

  DwarfSession(Dwarf dwarf, SymbolMap symbols, long loadAddress, boolean relocatable) {
    this.dwarf = dwarf;
    this.symbols = symbols;
    this.loadAddress = loadAddress;
    this.relocatable = relocatable;
  }

  @Override
  public Stream<Function> functions() {
    Set<Range> seen = new HashSet<>();
    return dwarf.units().stream()
        .filter(u -> !u.isTypeUnit())
        .flatMap(u -> Dwarf.guard(() -> unitFunctions(u, seen)).stream());
  }

  @Override
  public Stream<FileEntry> files() {
    Set<String> seen = new HashSet<>();
    return dwarf.units().stream()
        .filter(u -> !u.isTypeUnit())
        .flatMap(u -> Dwarf.guard(() -> unitFiles(u)).stream())
        .filter(f -> seen.add(f.absolutePath()));
  }

  @Override
  public List<SourceFrame> symbolize(long address) {
    List<DwarfFrame> frames = dwarf.symbolize(address + loadAddress);
    List<SourceFrame> out = new ArrayList<>(frames.size());
    for (DwarfFrame f : frames) {
      Name name = f.linkageName().map(SymbolNames::of)
          .orElseGet(() -> Name.of(f.name(), NameMangling.UNMANGLED, Language.UNKNOWN));
      OptionalLong start = f.startAddress();
      long fnAddress = start.isPresent() ? start.getAsLong() - loadAddress : 0;
      out.add(new SourceFrame(name, fnAddress, f.file(), f.line(), f.column(), f.isInlined()));
    }
    return out;
  }

  private List<FileEntry> unitFiles(DwarfUnit unit) {
    DwarfLineTable lt = unit.lines();
    if (lt == null) {
      return List.of();
    }
    String compDir = unit.compDir().orElse("");
    Set<FileEntry> out = new LinkedHashSet<>();
    long first = lt.firstFileIndex();
    for (long i = first; i < first + lt.fileCount(); i++) {
      out.add(new FileEntry(compDir, lt.fileInfo(i)));
    }
    return new ArrayList<>(out);
  }

  private record Range(long address, long size) {}

  /** A subprogram being assembled: one builder per range, finished when its subtree ends. */
  private static final class Pending {
    final int endDie;
    final long[] ranges; // pairs [begin, end), sorted, non-overlapping
    final FunctionBuilder[] builders;

    Pending(int endDie, long[] ranges, FunctionBuilder[] builders) {
      this.endDie = endDie;
      this.ranges = ranges;
      this.builders = builders;
    }
  }

  private List<Function> unitFunctions(DwarfUnit unit, Set<Range> seen) {
    unit.loadRoot();
    if (!relocatable && !unit.rootHasCode) {
      return List.of();
    }
    DwarfLineTable lt = unit.lines();
    DwarfUnit split =
        unit.unitType == UT_SKELETON || unit.version < 5 ? dwarf.splitUnit(unit) : null;
    DwarfUnit u = split != null ? split : unit;
    DwarfTree tree = u.listingTree();
    long langCode = unit.language >= 0 ? unit.language : u.language;
    Language language = SymbolNames.ofDwarf(langCode);
    String compDir = unit.compDir().orElse("");
    DwarfLineRows rows = lt == null ? null : new DwarfLineRows(lt);
    FileInfo[] fileCache = new FileInfo[lt == null ? 0 : Math.min(lt.fileCount() + 1, 1 << 16)];

    int n = tree.count;
    // For each DIE: the subprogram its inlinees belong to (-1: none, inlinees are ignored), and
    // the inline depth its child inlinees get.
    int[] owner = new int[n];
    int[] depth = new int[n];
    List<Pending> pending = new ArrayList<>();
    List<Pending> open = new ArrayList<>();
    List<Function> out = new ArrayList<>();
    DwarfDie d = new DwarfDie();
    long[] buf = new long[16];
    for (int i = 0; i < n; i++) {
      while (!open.isEmpty() && open.get(open.size() - 1).endDie <= i) {
        finish(open.remove(open.size() - 1), rows, lt, fileCache, out);
      }
      int parent = tree.parent[i];
      int parentOwner = parent >= 0 ? owner[parent] : -1;
      int parentDepth = parent >= 0 ? depth[parent] : 0;
      owner[i] = parentOwner;
      depth[i] = parentDepth;
      int tag = tree.tag[i];
      if (tag != TAG_SUBPROGRAM && tag != TAG_INLINED_SUBROUTINE) {
        continue;
      }
      if (tag == TAG_INLINED_SUBROUTINE && parentOwner < 0) {
        continue;
      }
      dwarf.readDie(u, tree.off(i), d);
      buf = dwarf.ranges(u, d, buf);
      long[] ranges = cleanRanges(buf);
      if (tag == TAG_SUBPROGRAM) {
        ranges = unseen(ranges, seen);
        owner[i] = -1;
        if (ranges.length == 0) {
          continue;
        }
        Name name = functionName(u, tree.off(i), ranges[0] - loadAddress, language);
        FunctionBuilder[] builders = new FunctionBuilder[ranges.length / 2];
        for (int r = 0; r < builders.length; r++) {
          builders[r] = new FunctionBuilder(name, compDir, ranges[2 * r] - loadAddress,
              ranges[2 * r + 1] - ranges[2 * r]);
        }
        Pending p = new Pending(tree.end[i], ranges, builders);
        owner[i] = pending.size();
        depth[i] = 0;
        pending.add(p);
        open.add(p);
      } else {
        if (ranges.length == 0) {
          owner[i] = -1;
          continue;
        }
        Pending p = pending.get(parentOwner);
        Name name = dieName(u, tree.off(i), language);
        FileInfo callFile = d.callFile >= 0 && lt != null ? lt.fileInfo(d.callFile) : NO_FILE;
        for (int r = 0; r < ranges.length; r += 2) {
          int b = builderFor(p.ranges, ranges[r]);
          if (b >= 0) {
            p.builders[b].addInlinee(parentDepth, name, ranges[r] - loadAddress,
                ranges[r + 1] - ranges[r], callFile, d.callLine);
          }
        }
        depth[i] = parentDepth + 1;
      }
    }
    while (!open.isEmpty()) {
      finish(open.remove(open.size() - 1), rows, lt, fileCache, out);
    }
    return out;
  }

  /** Adds the line rows of each range and emits the functions. */
  private void finish(Pending p, DwarfLineRows rows, DwarfLineTable lt, FileInfo[] fileCache,
      List<Function> out) {
    for (int b = 0; b < p.builders.length; b++) {
      if (rows != null) {
        int[] span = rows.rows(p.ranges[2 * b], p.ranges[2 * b + 1]);
        for (int r = span[0]; r < span[1]; r++) {
          long size = rows.size(r);
          p.builders[b].addLine(rows.address(r) - loadAddress,
              size < 0 ? OptionalLong.empty() : OptionalLong.of(size),
              file(lt, rows.file(r), fileCache), rows.line(r));
        }
      }
      out.add(p.builders[b].finish());
    }
  }

  private static FileInfo file(DwarfLineTable lt, int index, FileInfo[] cache) {
    if (index >= 0 && index < cache.length) {
      FileInfo f = cache[index];
      if (f == null) {
        f = lt.fileInfo(index);
        cache[index] = f;
      }
      return f;
    }
    return lt.fileInfo(index);
  }

  /** The outer range containing {@code begin}, or -1 if it falls in a gap or outside. */
  private static int builderFor(long[] outer, long begin) {
    for (int r = 0; r < outer.length; r += 2) {
      if (Long.compareUnsigned(begin, outer[r]) >= 0
          && Long.compareUnsigned(begin, outer[r + 1]) < 0) {
        return r / 2;
      }
    }
    return -1;
  }

  /** Drops removed-code, empty and reversed ranges, sorts, merges overlaps. */
  private long[] cleanRanges(long[] buf) {
    int count = (int) buf[0];
    long[] r = new long[2 * count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      long lo = buf[1 + 2 * i];
      long hi = buf[2 + 2 * i];
      boolean removed = (lo == 0 && !relocatable) || lo == -1L || lo == -2L;
      if (!removed && Long.compareUnsigned(hi, lo) > 0) {
        r[2 * n] = lo;
        r[2 * n + 1] = hi;
        n++;
      }
    }
    if (n > 1) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      long[] src = r;
      Arrays.sort(order, (x, y) -> {
        int c = Long.compareUnsigned(src[2 * x], src[2 * y]);
        return c != 0 ? c : Long.compareUnsigned(src[2 * x + 1], src[2 * y + 1]);
      });
      long[] sorted = new long[2 * n];
      int m = 0;
      for (int k = 0; k < n; k++) {
        long lo = src[2 * order[k]];
        long hi = src[2 * order[k] + 1];
        if (m > 0 && Long.compareUnsigned(lo, sorted[2 * m - 1]) < 0) {
          if (Long.compareUnsigned(hi, sorted[2 * m - 1]) > 0) {
            sorted[2 * m - 1] = hi;
          }
        } else {
          sorted[2 * m] = lo;
          sorted[2 * m + 1] = hi;
          m++;
        }
      }
      return Arrays.copyOf(sorted, 2 * m);
    }
    return Arrays.copyOf(r, 2 * n);
  }

  /** Keeps the ranges whose relative (address, size) no earlier subprogram had. */
  private long[] unseen(long[] ranges, Set<Range> seen) {
    long[] out = new long[ranges.length];
    int n = 0;
    for (int r = 0; r < ranges.length; r += 2) {
      if (seen.add(new Range(ranges[r] - loadAddress, ranges[r + 1] - ranges[r]))) {
        out[n++] = ranges[r];
        out[n++] = ranges[r + 1];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private Name functionName(DwarfUnit u, long dieOffset, long address, Language language) {
    return symbols.lookupExact(address)
        .map(s -> Name.of(s.name().text(), NameMangling.MANGLED, language))
        .orElseGet(() -> dieName(u, dieOffset, language));
  }

  /**
   * A DIE's name as symbolic resolves it: its linkage name, else its DW_AT_name, else the name of
   * its abstract origin or specification, up to 32 links. Unlike {@link Dwarf#names}, nothing is
   * cached and no scopes are computed, so listing a whole file keeps no per-function state.
   */
  private Name dieName(DwarfUnit unit, long dieOffset, Language language) {
    DwarfDie d = new DwarfDie();
    DwarfUnit u = unit;
    long off = dieOffset;
    for (int step = 0; step < 32; step++) {
      DwarfUnit owner = off >= u.dieStart && off < u.end ? u : u.dwarf.unitAt(off);
      if (owner == null) {
        break;
      }
      owner.loadRoot();
      dwarf.readDie(owner, off, d);
      String linkage = d.linkageForm != 0 ? owner.dwarf.string(owner, d.linkageForm,
          d.linkageValue) : null;
      if (linkage != null) {
        return Name.of(linkage, NameMangling.MANGLED, language);
      }
      String name = d.nameForm != 0 ? owner.dwarf.string(owner, d.nameForm, d.nameValue) : null;
      if (name != null) {
        return Name.of(name, NameMangling.UNMANGLED, language);
      }
      long next = d.abstractOrigin >= 0 ? d.abstractOrigin : d.specification;
      if (next < 0 || next == off) {
        break;
      }
      off = next;
      u = owner;
    }
    return Name.of("", NameMangling.UNMANGLED, language);
  }
}
