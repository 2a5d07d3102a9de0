package dev.symbolic.minidump;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes synthetic minidumps for tests: data is appended after the header as it is added, each
 * piece 4-aligned and its RVA returned, and the directory goes last.
 */
final class MinidumpBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<long[]> directory = new ArrayList<>();
  private long timestamp = 0x45d35f73L;

  MinidumpBuilder() {
    out.writeBytes(new byte[32]);
  }

  /** A little-endian struct being filled. */
  static final class Struct {
    final ByteBuffer b;

    Struct(int size) {
      b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    Struct u8(int offset, int v) {
      b.put(offset, (byte) v);
      return this;
    }

    Struct u16(int offset, int v) {
      b.putShort(offset, (short) v);
      return this;
    }

    Struct u32(int offset, long v) {
      b.putInt(offset, (int) v);
      return this;
    }

    Struct u64(int offset, long v) {
      b.putLong(offset, v);
      return this;
    }

    Struct bytes(int offset, byte[] v) {
      b.put(offset, v);
      return this;
    }

    byte[] array() {
      return b.array();
    }
  }

  MinidumpBuilder timestamp(long t) {
    timestamp = t;
    return this;
  }

  /** Appends bytes, 4-aligned, and returns their RVA. */
  long add(byte[] bytes) {
    while (out.size() % 4 != 0) {
      out.write(0);
    }
    long rva = out.size();
    out.writeBytes(bytes);
    return rva;
  }

  /** Appends a {@code MINIDUMP_STRING} and returns its RVA. */
  long addString(String s) {
    byte[] utf16 = s.getBytes(StandardCharsets.UTF_16LE);
    return add(new Struct(4 + utf16.length + 2).u32(0, utf16.length).bytes(4, utf16).array());
  }

  /** Appends a Crashpad {@code MinidumpUTF8String} and returns its RVA. */
  long addUtf8(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return add(new Struct(4 + utf8.length + 1).u32(0, utf8.length).bytes(4, utf8).array());
  }

  /** Appends a stream and its directory entry. */
  MinidumpBuilder stream(long type, byte[] data) {
    long rva = add(data);
    directory.add(new long[] {type, data.length, rva});
    return this;
  }

  /** Adds a directory entry as given, for malformed dumps. */
  MinidumpBuilder entry(long type, long size, long rva) {
    directory.add(new long[] {type, size, rva});
    return this;
  }

  byte[] build() {
    long dirRva = add(new byte[0]);
    for (long[] e : directory) {
      out.writeBytes(new Struct(12).u32(0, e[0]).u32(4, e[1]).u32(8, e[2]).array());
    }
    byte[] file = out.toByteArray();
    byte[] header = new Struct(32).u32(0, 0x504d444dL).u32(4, 0xa793).u32(8, directory.size())
        .u32(12, dirRva).u32(20, timestamp).array();
    System.arraycopy(header, 0, file, 0, 32);
    return file;
  }

  // Streams.

  /** A system info stream. */
  MinidumpBuilder systemInfo(int arch, long platform, String csd) {
    long csdRva = csd == null ? 0 : addString(csd);
    Struct s = new Struct(56).u16(0, arch).u16(2, 6).u16(4, 0xd08).u8(6, 4).u8(7, 1)
        .u32(8, 5).u32(12, 1).u32(16, 2600).u32(20, platform).u32(24, csdRva);
    s.bytes(32, "GenuineIntel".getBytes(StandardCharsets.US_ASCII));
    return stream(StreamType.SYSTEM_INFO, s.array());
  }

  /** One thread of {@link #threadList}. */
  record ThreadSpec(long id, long stackStart, byte[] stack, byte[] context) {}

  /** A thread list, writing each thread's stack and context first. */
  MinidumpBuilder threadList(List<ThreadSpec> threads) {
    Struct list = new Struct(4 + 48 * threads.size()).u32(0, threads.size());
    for (int i = 0; i < threads.size(); i++) {
      ThreadSpec t = threads.get(i);
      long stackRva = add(t.stack());
      long ctxRva = add(t.context());
      int at = 4 + 48 * i;
      list.u32(at, t.id()).u64(at + 16, 0x7ffdf000L).u64(at + 24, t.stackStart())
          .u32(at + 32, t.stack().length).u32(at + 36, stackRva)
          .u32(at + 40, t.context().length).u32(at + 44, ctxRva);
    }
    return stream(StreamType.THREAD_LIST, list.array());
  }

  /** One module of {@link #moduleList}. */
  record ModuleSpec(long base, long size, String name, byte[] codeView, long versionHi,
      long versionLo) {}

  MinidumpBuilder moduleList(List<ModuleSpec> modules) {
    Struct list = new Struct(4 + 108 * modules.size()).u32(0, modules.size());
    for (int i = 0; i < modules.size(); i++) {
      ModuleSpec m = modules.get(i);
      long nameRva = addString(m.name());
      long cvRva = m.codeView().length == 0 ? 0 : add(m.codeView());
      int at = 4 + 108 * i;
      list.u64(at, m.base()).u32(at + 8, m.size()).u32(at + 16, 0x45d35f6cL).u32(at + 20, nameRva)
          .u32(at + 76, m.codeView().length).u32(at + 80, cvRva);
      if (m.versionHi() != 0) {
        list.u32(at + 24, FixedFileInfo.SIGNATURE).u32(at + 28, 0x10000)
            .u32(at + 32, m.versionHi()).u32(at + 36, m.versionLo());
      }
    }
    return stream(StreamType.MODULE_LIST, list.array());
  }

  /** A PDB 7.0 CodeView record. */
  static byte[] pdb70(byte[] guid, long age, String pdb) {
    byte[] name = pdb.getBytes(StandardCharsets.UTF_8);
    return new Struct(24 + name.length + 1).u32(0, CodeViewRecord.PDB70).bytes(4, guid)
        .u32(20, age).bytes(24, name).array();
  }

  /** Breakpad's ELF build id CodeView record. */
  static byte[] elfBuildId(byte[] buildId) {
    return new Struct(4 + buildId.length).u32(0, CodeViewRecord.ELF).bytes(4, buildId).array();
  }

  /** A memory list of regions given as start address to bytes. */
  MinidumpBuilder memoryList(Map<Long, byte[]> regions) {
    Struct list = new Struct(4 + 16 * regions.size()).u32(0, regions.size());
    int i = 0;
    for (Map.Entry<Long, byte[]> r : regions.entrySet()) {
      long rva = add(r.getValue());
      list.u64(4 + 16 * i, r.getKey()).u32(12 + 16 * i, r.getValue().length).u32(16 + 16 * i, rva);
      i++;
    }
    return stream(StreamType.MEMORY_LIST, list.array());
  }

  /** A 64-bit memory list: descriptors, then all the data contiguously. */
  MinidumpBuilder memory64List(Map<Long, byte[]> regions) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (byte[] b : regions.values()) {
      data.writeBytes(b);
    }
    long dataRva = add(data.toByteArray());
    Struct list = new Struct(16 + 16 * regions.size()).u64(0, regions.size()).u64(8, dataRva);
    int i = 0;
    for (Map.Entry<Long, byte[]> r : regions.entrySet()) {
      list.u64(16 + 16 * i, r.getKey()).u64(24 + 16 * i, r.getValue().length);
      i++;
    }
    return stream(StreamType.MEMORY64_LIST, list.array());
  }

  /** An exception stream. */
  MinidumpBuilder exception(long threadId, long code, long flags, long address, long[] params,
      byte[] context) {
    long ctxRva = context.length == 0 ? 0 : add(context);
    Struct s = new Struct(168).u32(0, threadId).u32(8, code).u32(12, flags).u64(24, address)
        .u32(32, params.length);
    for (int i = 0; i < params.length && i < 15; i++) {
      s.u64(40 + 8 * i, params[i]);
    }
    s.u32(160, context.length).u32(164, ctxRva);
    return stream(StreamType.EXCEPTION, s.array());
  }

  // CPU contexts.

  /** An x86 context: flags {@code 0x1003f} and the given registers. */
  static byte[] x86Context(Map<String, Long> regs) {
    Struct s = new Struct(CpuContext.X86_SIZE).u32(0, 0x1003f);
    Map<String, Integer> at = Map.of("edi", 156, "esi", 160, "ebx", 164, "edx", 168,
        "ecx", 172, "eax", 176, "ebp", 180, "eip", 184, "efl", 192, "esp", 196);
    regs.forEach((k, v) -> s.u32(at.get(k), v));
    return s.array();
  }

  /** An amd64 context: flags {@code 0x10003f} and the given registers. */
  static byte[] amd64Context(Map<String, Long> regs) {
    Struct s = new Struct(CpuContext.AMD64_SIZE).u32(48, 0x10003f);
    List<String> order = List.of("rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8",
        "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip");
    regs.forEach((k, v) -> s.u64(120 + 8 * order.indexOf(k), v));
    return s.array();
  }

  /** An ARM context: flags {@code 0x40000002} and registers {@code r0}-{@code r15}. */
  static byte[] armContext(long[] iregs) {
    Struct s = new Struct(CpuContext.ARM_SIZE).u32(0, 0x40000002L);
    for (int i = 0; i < iregs.length; i++) {
      s.u32(4 + 4 * i, iregs[i]);
    }
    return s.array();
  }

  /** An ARM64 context: flags {@code 0x00400002}, {@code x0}-{@code x30}, sp and pc. */
  static byte[] arm64Context(long[] xregs, long sp, long pc) {
    Struct s = new Struct(CpuContext.ARM64_SIZE).u32(0, 0x00400002L);
    for (int i = 0; i < xregs.length; i++) {
      s.u64(8 + 8 * i, xregs[i]);
    }
    return s.u64(256, sp).u64(264, pc).array();
  }
}
