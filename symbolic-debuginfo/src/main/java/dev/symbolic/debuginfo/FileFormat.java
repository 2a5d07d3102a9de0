package dev.symbolic.debuginfo;

import dev.symbolic.common.ByteView;
import java.nio.charset.StandardCharsets;

/**
 * The container format of a debug or object file, recognized by its magic bytes.
 *
 * <p>{@link ObjectFile#open} reads {@link #ELF} and {@link #BREAKPAD}; the other formats are
 * recognized so that callers get a precise "not supported yet" error instead of "unknown".
 */
public enum FileFormat {
  /** Not recognized. */
  UNKNOWN("unknown"),
  /** ELF: Linux, Android and most Unix executables, libraries and debug companions. */
  ELF("elf"),
  /** Mach-O, thin or fat: Apple executables, libraries and dSYM companions. */
  MACH_O("macho"),
  /** PE/COFF: Windows executables and libraries. */
  PE("pe"),
  /** Microsoft PDB (MSF 7.0 container). */
  PDB("pdb"),
  /** .NET Portable PDB. */
  PORTABLE_PDB("portablepdb"),
  /** WebAssembly binary module. */
  WASM("wasm"),
  /** Breakpad text symbol file ({@code .sym}). */
  BREAKPAD("breakpad"),
  /** Sentry source bundle (a ZIP with a {@code SYSB} header). */
  SOURCE_BUNDLE("sourcebundle");

  private static final byte[] MSF7 =
      "Microsoft C/C++ MSF 7.00\r\n\u001aDS\0\0\0".getBytes(StandardCharsets.ISO_8859_1);

  private final String shortName;

  FileFormat(String shortName) {
    this.shortName = shortName;
  }

  /**
   * The lowercase name symbolic uses for the format, e.g. {@code elf} or {@code macho}.
   *
   * @return the name
   */
  public String shortName() {
    return shortName;
  }

  /**
   * Recognizes a file by its first bytes. Never throws; short or empty input is {@link #UNKNOWN}.
   *
   * @param data the file
   * @return the format
   */
  public static FileFormat detect(ByteView data) {
    long n = data.length();
    if (n >= 4) {
      int be = data.i32be(0);
      switch (be) {
        case 0x7f454c46:
          return ELF;
        case 0xfeedface:
        case 0xfeedfacf:
        case 0xcefaedfe:
        case 0xcffaedfe:
          return MACH_O;
        case 0xcafebabe:
          // Java class files share this magic; a fat Mach-O has a small architecture count.
          if (n >= 8 && Integer.compareUnsigned(data.i32be(4), 32) < 0) {
            return MACH_O;
          }
          return UNKNOWN;
        case 0x0061736d:
          return WASM;
        case 0x42534a42: // "BSJB"
          return PORTABLE_PDB;
        case 0x53595342: // "SYSB"
          return SOURCE_BUNDLE;
        default:
          break;
      }
    }
    if (data.startsWith(0, MSF7)) {
      return PDB;
    }
    if (n >= 2 && data.get(0) == 'M' && data.get(1) == 'Z') {
      return PE;
    }
    if (BreakpadSymbols.test(data)) {
      return BREAKPAD;
    }
    return UNKNOWN;
  }
}
