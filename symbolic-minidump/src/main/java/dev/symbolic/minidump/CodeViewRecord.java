package dev.symbolic.minidump;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import java.util.Locale;
import java.util.Objects;

/**
 * A module's CodeView record, which identifies its debug file: PDB 7.0 ({@code RSDS}: GUID, age,
 * PDB path), PDB 2.0 ({@code NB10}: 32-bit signature, age, PDB path) or Breakpad's ELF record
 * ({@code BpEL}: the GNU build id).
 *
 * @param signature the record's first four bytes as a little-endian value, see the constants
 * @param debugId the debug id of a PDB 7.0 or ELF record, otherwise {@link DebugId#nil()}
 * @param pdbFileName the PDB path of a PDB record, otherwise empty
 * @param buildId the build id of an ELF record, otherwise empty
 * @param pdb20Signature the 32-bit signature of a PDB 2.0 record, otherwise 0
 * @param age the age of a PDB record, otherwise 0
 */
public record CodeViewRecord(
    long signature,
    DebugId debugId,
    String pdbFileName,
    CodeId buildId,
    long pdb20Signature,
    long age) {
  /** {@code RSDS}: PDB 7.0. */
  public static final long PDB70 = 0x53445352L;
  /** {@code NB10}: PDB 2.0. */
  public static final long PDB20 = 0x3031424eL;
  /** {@code BpEL}: Breakpad's record of an ELF build id. */
  public static final long ELF = 0x4270454cL;

  /** Checks for nulls. */
  public CodeViewRecord {
    Objects.requireNonNull(debugId, "debugId");
    Objects.requireNonNull(pdbFileName, "pdbFileName");
    Objects.requireNonNull(buildId, "buildId");
  }

  /**
   * Returns the debug identifier as Breakpad prints it and names symbol directories: 32 GUID
   * digits and the age for PDB 7.0 and ELF, 8 signature digits and the age for PDB 2.0.
   *
   * @return for example {@code 5A9832E5287241C1838ED98914E9B7FF1}, or empty for other records
   */
  public String debugIdentifier() {
    if (signature == PDB70 || signature == ELF) {
      return debugId.toBreakpad();
    }
    if (signature == PDB20) {
      return String.format(Locale.ROOT, "%08X%x", pdb20Signature, age);
    }
    return "";
  }

  static CodeViewRecord read(ByteView file, long rva, long size, ReadBudget budget) {
    DumpBytes.check(file, rva, size, "CodeView record");
    if (size < 4) {
      throw new MinidumpException(rva, "CodeView record of " + size + " bytes has no signature");
    }
    long signature = DumpBytes.u32(file, rva);
    if (signature == PDB70) {
      if (size < 24) {
        throw new MinidumpException(rva, "PDB 7.0 CodeView record of " + size + " bytes");
      }
      byte[] guid = DumpBytes.bytes(file, rva + 4, 16, "GUID");
      long age = DumpBytes.u32(file, rva + 20);
      String name = DumpBytes.utf8Field(file, rva + 24, size - 24, budget);
      return new CodeViewRecord(signature, DebugId.fromGuidAge(guid, age), name, CodeId.parse(""),
          0, age);
    }
    if (signature == PDB20) {
      if (size < 16) {
        throw new MinidumpException(rva, "PDB 2.0 CodeView record of " + size + " bytes");
      }
      long sig = DumpBytes.u32(file, rva + 8);
      long age = DumpBytes.u32(file, rva + 12);
      String name = DumpBytes.utf8Field(file, rva + 16, size - 16, budget);
      return new CodeViewRecord(signature, DebugId.nil(), name, CodeId.parse(""), sig, age);
    }
    if (signature == ELF) {
      int n = (int) Math.min(size - 4, DumpBytes.MAX_STRING_BYTES);
      budget.spend(rva + 4, n);
      byte[] id = DumpBytes.bytes(file, rva + 4, n, "build id");
      return new CodeViewRecord(signature, DebugId.fromElfBuildId(id, true), "",
          CodeId.fromBytes(id), 0, 0);
    }
    return new CodeViewRecord(signature, DebugId.nil(), "", CodeId.parse(""), 0, 0);
  }
}
