package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Crashpad's info stream: report and client ids, process-wide key-value annotations and the
 * annotations of each module.
 *
 * @param version the structure version
 * @param reportId the report UUID
 * @param clientId the client UUID
 * @param simpleAnnotations the process-wide key-value annotations, in file order
 * @param modules the per-module annotations
 */
public record CrashpadInfo(
    long version,
    UUID reportId,
    UUID clientId,
    Map<String, String> simpleAnnotations,
    List<CrashpadModuleInfo> modules) {
  /** Size of {@code MinidumpCrashpadInfo} up to the module list location. */
  static final int SIZE = 52;

  /** Copies the collections and checks for nulls. */
  public CrashpadInfo {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(clientId, "clientId");
    simpleAnnotations = copy(simpleAnnotations);
    modules = List.copyOf(modules);
  }

  static Map<String, String> copy(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static CrashpadInfo read(ByteView file, long offset) {
    DumpBytes.check(file, offset, SIZE, "Crashpad info");
    long version = DumpBytes.u32(file, offset);
    UUID report = uuid(file, offset + 4);
    UUID client = uuid(file, offset + 20);
    ReadBudget budget = ReadBudget.forFile(file);
    Map<String, String> simple = dictionary(
        file, DumpBytes.u32(file, offset + 36), DumpBytes.u32(file, offset + 40), budget);
    List<CrashpadModuleInfo> modules = new ArrayList<>();
    long listSize = DumpBytes.u32(file, offset + 44);
    long listRva = DumpBytes.u32(file, offset + 48);
    if (listSize != 0) {
      long count = DumpBytes.u32(file, listRva);
      checkCount(file, listRva + 4, count, 12);
      for (long i = 0; i < count; i++) {
        long link = listRva + 4 + 12 * i;
        long index = DumpBytes.u32(file, link);
        long infoSize = DumpBytes.u32(file, link + 4);
        long infoRva = DumpBytes.u32(file, link + 8);
        modules.add(moduleInfo(file, index, infoRva, infoSize, budget));
      }
    }
    return new CrashpadInfo(version, report, client, simple, modules);
  }

  private static CrashpadModuleInfo moduleInfo(
      ByteView file, long index, long rva, long size, ReadBudget budget) {
    DumpBytes.check(file, rva, size, "Crashpad module info");
    if (size < 20) {
      throw new MinidumpException(rva, "Crashpad module info of " + size + " bytes");
    }
    List<String> list = new ArrayList<>();
    if (DumpBytes.u32(file, rva + 4) != 0) {
      long listRva = DumpBytes.u32(file, rva + 8);
      long count = DumpBytes.u32(file, listRva);
      checkCount(file, listRva + 4, count, 4);
      for (long i = 0; i < count; i++) {
        list.add(DumpBytes.utf8String(file, DumpBytes.u32(file, listRva + 4 + 4 * i), budget));
      }
    }
    Map<String, String> simple = dictionary(
        file, DumpBytes.u32(file, rva + 12), DumpBytes.u32(file, rva + 16), budget);
    List<CrashpadAnnotation> objects = new ArrayList<>();
    if (size >= 28 && DumpBytes.u32(file, rva + 20) != 0) {
      long objRva = DumpBytes.u32(file, rva + 24);
      long count = DumpBytes.u32(file, objRva);
      checkCount(file, objRva + 4, count, 12);
      for (long i = 0; i < count; i++) {
        long at = objRva + 4 + 12 * i;
        String name = DumpBytes.utf8String(file, DumpBytes.u32(file, at), budget);
        int type = DumpBytes.u16(file, at + 4);
        long valueRva = DumpBytes.u32(file, at + 8);
        long length = DumpBytes.u32(file, valueRva);
        objects.add(new CrashpadAnnotation(
            name, type, DumpBytes.slice(file, valueRva + 4, length, "annotation value")));
      }
    }
    return new CrashpadModuleInfo(index, list, simple, objects);
  }

  /** A {@code MinidumpSimpleStringDictionary}: a count, then key and value string RVAs. */
  private static Map<String, String> dictionary(
      ByteView file, long size, long rva, ReadBudget budget) {
    Map<String, String> out = new LinkedHashMap<>();
    if (size == 0) {
      return out;
    }
    long count = DumpBytes.u32(file, rva);
    checkCount(file, rva + 4, count, 8);
    for (long i = 0; i < count; i++) {
      long at = rva + 4 + 8 * i;
      out.put(DumpBytes.utf8String(file, DumpBytes.u32(file, at), budget),
          DumpBytes.utf8String(file, DumpBytes.u32(file, at + 4), budget));
    }
    return out;
  }

  /** Rejects a count whose entries would not fit in the file, before allocating for them. */
  private static void checkCount(ByteView file, long offset, long count, int entrySize) {
    DumpBytes.check(file, offset, count * entrySize, "Crashpad list of " + count + " entries");
  }

  /** Crashpad's UUID: data1 (u32), data2 and data3 (u16), little-endian, then 8 bytes. */
  private static UUID uuid(ByteView file, long offset) {
    long msb = DumpBytes.u32(file, offset) << 32
        | (long) DumpBytes.u16(file, offset + 4) << 16
        | DumpBytes.u16(file, offset + 6);
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      lsb = lsb << 8 | DumpBytes.u8(file, offset + 8 + i);
    }
    return new UUID(msb, lsb);
  }
}
