package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Dwarf#variableAt}: llvm's rules for the variable at a data address. */
class DwarfVariablesTest {
  @TempDir
  Path dir;

  /**
   * A DWARF 4 unit without a line table: variables whose locations do and do not qualify, typed
   * through typedefs, qualifiers, arrays, pointers and a typedef cycle, one inside a struct.
   */
  private static Dwarf synthetic() {
    DwarfSyntheticTest.B ab = new DwarfSyntheticTest.B(true, false);
    // 1: compile unit, children.
    ab.uleb(1).uleb(0x11).u8(1).uleb(0x03).uleb(0x08).uleb(0).uleb(0);
    // 2: variable: name string, location exprloc, type ref4, decl_line data1.
    ab.uleb(2).uleb(0x34).u8(0).uleb(0x03).uleb(0x08).uleb(0x02).uleb(0x18).uleb(0x49)
        .uleb(0x13).uleb(0x3b).uleb(0x0b).uleb(0).uleb(0);
    // 3: base type, byte_size data1.
    ab.uleb(3).uleb(0x24).u8(0).uleb(0x0b).uleb(0x0b).uleb(0).uleb(0);
    // 4: typedef / const / pointer with a type ref4 (tag patched below per use).
    for (int tag : new int[] {0x16, 0x26, 0x0f}) {
      ab.uleb(4 + (tag == 0x16 ? 0 : tag == 0x26 ? 1 : 2)).uleb(tag).u8(0).uleb(0x49).uleb(0x13)
          .uleb(0).uleb(0);
    }
    // 7: array type with children, type ref4; 8: subrange with upper_bound data1.
    ab.uleb(7).uleb(0x01).u8(1).uleb(0x49).uleb(0x13).uleb(0).uleb(0);
    ab.uleb(8).uleb(0x21).u8(0).uleb(0x2f).uleb(0x0b).uleb(0).uleb(0);
    // 9: structure type with children.
    ab.uleb(9).uleb(0x13).u8(1).uleb(0).uleb(0);
    // 10: variable without a type: location exprloc, decl_line data1.
    ab.uleb(10).uleb(0x34).u8(0).uleb(0x02).uleb(0x18).uleb(0x3b).uleb(0x0b).uleb(0).uleb(0);
    ab.u8(0);

    DwarfSyntheticTest.B info = new DwarfSyntheticTest.B(true, false);
    int p = info.begin();
    info.u16(4).u32(0).u8(8);
    info.uleb(1).str("v.c");
    int intType = info.n;
    info.uleb(3).u8(4);
    int arrayType = info.n;
    info.uleb(7).u32(intType);
    info.uleb(8).u8(9); // [0, 9]: 10 elements
    info.u8(0);
    int constArray = info.n;
    info.uleb(5).u32(arrayType);
    int typedefArray = info.n;
    info.uleb(4).u32(constArray);
    int pointer = info.n;
    info.uleb(6).u32(intType);
    int cycle = info.n;
    info.uleb(4).u32(cycle); // a typedef of itself
    // table: DW_OP_addr 0x2000 -> 40 bytes, line 11.
    info.uleb(2).str("table").uleb(9).u8(0x03).u64(0x2000).u32(typedefArray).u8(11);
    // field: DW_OP_addr 0x3000, DW_OP_plus_uconst 8 -> a pointer, line 12.
    info.uleb(2).str("field").uleb(11).u8(0x03).u64(0x3000).u8(0x23).uleb(8).u32(pointer)
        .u8(12);
    // looped: typed by the cycle: size 1, line 13.
    info.uleb(2).str("looped").uleb(9).u8(0x03).u64(0x4000).u32(cycle).u8(13);
    // deref: DW_OP_addr, DW_OP_deref: not a static address.
    info.uleb(2).str("deref").uleb(10).u8(0x03).u64(0x5000).u8(0x06).u32(intType).u8(14);
    // untyped: size 1, line 15.
    info.uleb(10).uleb(9).u8(0x03).u64(0x6000).u8(15);
    // inside a struct: not looked at.
    info.uleb(9);
    info.uleb(2).str("member").uleb(9).u8(0x03).u64(0x7000).u32(intType).u8(16);
    info.u8(0);
    info.u8(0);
    info.end(p);

    Map<String, ByteView> m = new HashMap<>();
    m.put(".debug_info", info.view());
    m.put(".debug_abbrev", ab.view());
    return Dwarf.open(DwarfSections.of(k -> Optional.ofNullable(m.get(k)), true, 8));
  }

  @Test
  void findsStaticVariablesAsLlvmDoes() {
    Dwarf dwarf = synthetic();
    assertThat(dwarf.variableAt(0x2000)).contains(new DwarfVariable(0x2000, 40, "", 11));
    assertThat(dwarf.variableAt(0x2027)).contains(new DwarfVariable(0x2000, 40, "", 11));
    assertThat(dwarf.variableAt(0x2028)).isEmpty();
    assertThat(dwarf.variableAt(0x3008)).contains(new DwarfVariable(0x3008, 8, "", 12));
    assertThat(dwarf.variableAt(0x3000)).isEmpty();
    assertThat(dwarf.variableAt(0x4000)).contains(new DwarfVariable(0x4000, 1, "", 13));
    assertThat(dwarf.variableAt(0x4001)).isEmpty();
    assertThat(dwarf.variableAt(0x5000)).isEmpty();
    assertThat(dwarf.variableAt(0x6000)).contains(new DwarfVariable(0x6000, 1, "", 15));
    assertThat(dwarf.variableAt(0x7000)).isEmpty();
    assertThat(dwarf.variableAt(-1)).isEmpty();
  }

  @Test
  void truncatedUnitsGiveEmptyAnswersOrDebugInfoException() {
    Dwarf whole = synthetic();
    ByteView info = whole.info;
    for (long cut = 12; cut < info.length(); cut++) {
      Map<String, ByteView> m = new HashMap<>();
      m.put(".debug_info", info.slice(0, cut));
      m.put(".debug_abbrev", whole.abbrev);
      Throwable t = catchThrowable(() -> {
        Dwarf d = Dwarf.open(DwarfSections.of(k -> Optional.ofNullable(m.get(k)), true, 8));
        for (long a : new long[] {0x2000, 0x3008, 0x4000, 0x6000}) {
          d.variableAt(a);
        }
      });
      assertThat(t == null || t instanceof DebugInfoException).as("cut %d: %s", cut, t).isTrue();
    }
  }

  private static final String C = String.join("\n",
      "int counter = 1;",
      "static double table[6] = {1};",
      "const char name[] = \"variables\";",
      "struct pair { int a; long b; } pairs[3];",
      "int bump(int n) {",
      "  static int calls;",
      "  calls += n;",
      "  return calls + counter + (int) table[n % 6] + name[n % 9] + pairs[n % 3].a;",
      "}",
      "int main(int argc, char **argv) { return bump(argc); }",
      "");

  /** gcc's globals: DWARF 4 names their files, DWARF 5's DW_FORM_implicit_const does not. */
  @ParameterizedTest
  @ValueSource(strings = {"-gdwarf-4", "-gdwarf-5"})
  void findsTheGlobalsOfACompiledProgram(String version) throws Exception {
    Path src = Files.writeString(dir.resolve("v.c"), C);
    Path bin = dir.resolve("v");
    assumeTrue(run("gcc", "-g", version, "-O0", "-o", bin.toString(), src.toString()) != null,
        "gcc not found or failed: skipping");
    String nm = run("nm", "-S", bin.toString());
    assumeTrue(nm != null, "nm not found: skipping");
    Dwarf dwarf = Dwarf.open(DwarfTestSupport.elfSections(bin));
    String file = version.equals("-gdwarf-4") ? src.toString() : "";
    Map<String, Long> lines = Map.of("counter", 1L, "table", 2L, "name", 3L, "pairs", 4L);
    int seen = 0;
    for (String line : nm.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 4) {
        continue;
      }
      long start = Long.parseUnsignedLong(f[0], 16);
      long size = Long.parseUnsignedLong(f[1], 16);
      String sym = f[3].startsWith("calls.") ? "calls" : f[3];
      Long declLine = sym.equals("calls") ? Long.valueOf(6) : lines.get(sym);
      if (declLine == null) {
        continue;
      }
      seen++;
      for (long a = start; a < start + size; a++) {
        assertThat(dwarf.variableAt(a)).as("%s + %d", sym, a - start)
            .contains(new DwarfVariable(start, size, file, declLine));
      }
      Optional<DwarfVariable> after = dwarf.variableAt(start + size);
      assertThat(after.map(DwarfVariable::address)).isNotEqualTo(Optional.of(start));
    }
    assertThat(seen).isEqualTo(5);
  }

  private String run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
  }
}
