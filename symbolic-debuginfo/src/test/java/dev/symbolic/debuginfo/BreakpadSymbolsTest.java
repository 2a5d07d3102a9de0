package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.Arch;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.CodeId;
import dev.symbolic.common.DebugId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BreakpadSymbolsTest {
  static BreakpadSymbols sym(String text) {
    return BreakpadSymbols.parse(ByteView.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  static final String HEADER = "MODULE Linux x86_64 5A5F32914295A4FA22B591670A49FBEF0 lib gallium.so\n";

  @Test
  void moduleAndInfo() {
    BreakpadSymbols s =
        sym(HEADER + "INFO CODE_ID 91325F5A9542FAA422B591670A49FBEF719A143E libgallium.so\n"
            + "INFO GENERATOR mozilla/dump_syms 2.0\n");
    assertThat(s.module().os()).isEqualTo("Linux");
    assertThat(s.module().arch()).isEqualTo(Arch.AMD64);
    assertThat(s.module().debugId()).isEqualTo(DebugId.parse("5A5F32914295A4FA22B591670A49FBEF0"));
    assertThat(s.module().name()).isEqualTo("lib gallium.so");
    assertThat(s.codeId()).contains(CodeId.parse("91325F5A9542FAA422B591670A49FBEF719A143E"));
    assertThat(s.codeFile()).contains("libgallium.so");
    assertThat(s.generator()).contains("mozilla/dump_syms 2.0");
    assertThat(s.brokenLineCount()).isZero();
  }

  @Test
  void unknownArchIsNotAnError() {
    BreakpadSymbols s = sym("MODULE Linux weird 5A5F32914295A4FA22B591670A49FBEF0 x\n");
    assertThat(s.module().arch()).isEqualTo(Arch.UNKNOWN);
    assertThat(s.module().archName()).isEqualTo("weird");
  }

  @Test
  void missingOrInvalidModuleThrows() {
    assertThatThrownBy(() -> sym("")).isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> sym("FILE 1 a\n")).isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> sym("MODULE Linux x86\n")).isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> sym("MODULE Linux x86 nothex name\n"))
        .isInstanceOf(DebugInfoException.class);
  }

  @Test
  void filesFunctionsLines() {
    BreakpadSymbols s =
        sym(HEADER
            + "FILE 0 /src/a b.c\n"
            + "FILE 7 /src/c.h\n"
            + "FUNC m 1000 30 8 foo(int, char)\n"
            + "1000 10 42 0\n"
            + "1010 20 -1 7\n"
            + "FUNC 2000 4 0\n"
            + "PUBLIC m 3000 10 bar baz\n"
            + "PUBLIC 2800 0 early\n");
    assertThat(s.files()).containsExactly(
        java.util.Map.entry(0L, "/src/a b.c"), java.util.Map.entry(7L, "/src/c.h"));
    List<BreakpadFunction> fs = s.functions().collect(Collectors.toList());
    assertThat(fs).hasSize(2);
    BreakpadFunction f = fs.get(0);
    assertThat(f.address()).isEqualTo(0x1000);
    assertThat(f.size()).isEqualTo(0x30);
    assertThat(f.parameterSize()).isEqualTo(8);
    assertThat(f.multiple()).isTrue();
    assertThat(f.name()).isEqualTo("foo(int, char)");
    assertThat(f.lines())
        .containsExactly(new BreakpadLine(0x1000, 0x10, 42, 0), new BreakpadLine(0x1010, 0x20, -1, 7));
    assertThat(fs.get(1).name()).isEmpty();
    assertThat(fs.get(1).multiple()).isFalse();
    assertThat(s.publics())
        .containsExactly(
            new BreakpadPublic(0x2800, 0, "early", false),
            new BreakpadPublic(0x3000, 0x10, "bar baz", true));
    assertThat(s.brokenLineCount()).isZero();

    assertThat(s.symbolize(0x1015))
        .containsExactly(new BreakpadFrame("foo(int, char)", 0x1000, "/src/c.h", -1, false, false));
    assertThat(s.symbolize(0x2900))
        .containsExactly(new BreakpadFrame("early", 0x2800, "", 0, false, true));
    assertThat(s.symbolize(0x10)).isEmpty();
  }

  static final String INLINES =
      HEADER
          + "FILE 0 main.c\n"
          + "FILE 1 inl.h\n"
          + "FILE 2 deep.h\n"
          + "INLINE_ORIGIN 0 outer_inl\n"
          + "INLINE_ORIGIN 1 inner_inl\n"
          + "FUNC 1000 100 0 main\n"
          + "INLINE 0 10 0 0 1010 20 1080 8\n"
          + "INLINE 1 20 1 1 1018 8\n"
          + "1000 10 5 0\n"
          + "1010 8 21 1\n"
          + "1018 8 30 2\n"
          + "1020 60 11 0\n";

  @Test
  void inlineResolution() {
    BreakpadSymbols s = sym(INLINES);
    assertThat(s.brokenLineCount()).isZero();
    assertThat(s.inlineOrigins()).containsEntry(1L, "inner_inl");
    BreakpadFunction f = s.functions().findFirst().orElseThrow();
    assertThat(f.inlinees()).hasSize(2);
    BreakpadInline in = f.inlinees().get(0);
    assertThat(in.depth()).isZero();
    assertThat(in.callLine()).isEqualTo(10);
    assertThat(in.callFile()).isEqualTo(0);
    assertThat(in.name()).isEqualTo("outer_inl");
    assertThat(in.ranges())
        .containsExactly(new BreakpadRange(0x1010, 0x20), new BreakpadRange(0x1080, 8));

    // Two levels: innermost gets the line record, outer frames the call sites.
    assertThat(s.symbolize(0x101a))
        .containsExactly(
            new BreakpadFrame("inner_inl", 0x1018, "deep.h", 30, true, false),
            new BreakpadFrame("outer_inl", 0x1010, "inl.h", 20, true, false),
            new BreakpadFrame("main", 0x1000, "main.c", 10, false, false));
    // One level.
    assertThat(s.symbolize(0x1012))
        .containsExactly(
            new BreakpadFrame("outer_inl", 0x1010, "inl.h", 21, true, false),
            new BreakpadFrame("main", 0x1000, "main.c", 10, false, false));
    // Second range of the outer inlinee, no line record.
    assertThat(s.symbolize(0x1082))
        .containsExactly(
            new BreakpadFrame("outer_inl", 0x1080, "", 0, true, false),
            new BreakpadFrame("main", 0x1000, "main.c", 10, false, false));
    // No inlinee.
    assertThat(s.symbolize(0x1004))
        .containsExactly(new BreakpadFrame("main", 0x1000, "main.c", 5, false, false));
  }

  @Test
  void oldInlineFormatWithoutCallFile() {
    BreakpadSymbols s =
        sym(HEADER + "INLINE_ORIGIN 3 x\nFUNC 10 10 0 f\nINLINE 0 7 3 10 4\n10 10 1 0\n");
    BreakpadInline in = s.functions().findFirst().orElseThrow().inlinees().get(0);
    assertThat(in.callFile()).isEqualTo(-1);
    assertThat(in.origin()).isEqualTo(3);
    assertThat(in.name()).isEqualTo("x");
    assertThat(s.brokenLineCount()).isZero();
  }

  static final String CFI =
      HEADER
          + "STACK CFI INIT 1580 370 .cfa: $rsp 16 + .ra: .cfa -8 + ^\n"
          + "STACK CFI 1586 .cfa: $rsp 24 +\n"
          + "STACK CFI 1590 $rbx: .cfa -16 + ^\n"
          + "STACK CFI INIT 1dc0 2a .cfa: $rsp 8 + .ra: .cfa -8 + ^\n";

  @Test
  void cfiRecordsAndLookup() {
    BreakpadSymbols s = sym(CFI);
    assertThat(s.cfi()).hasSize(2);
    BreakpadCfi c = s.cfi().get(0);
    assertThat(c.address()).isEqualTo(0x1580);
    assertThat(c.size()).isEqualTo(0x370);
    assertThat(c.initRules()).isEqualTo(".cfa: $rsp 16 + .ra: .cfa -8 + ^");
    assertThat(c.deltas())
        .containsExactly(
            new BreakpadCfiDelta(0x1586, ".cfa: $rsp 24 +"),
            new BreakpadCfiDelta(0x1590, "$rbx: .cfa -16 + ^"));
    assertThat(s.cfiFor(0x1588)).contains(c);
    assertThat(c.rulesAt(0x1588)).isEqualTo(".cfa: $rsp 16 + .ra: .cfa -8 + ^ .cfa: $rsp 24 +");
    assertThat(s.cfiFor(0x1dc0).orElseThrow().address()).isEqualTo(0x1dc0);
    assertThat(s.cfiFor(0x1dc0 + 0x2a)).isEmpty();
    assertThat(s.cfiFor(0x1000)).isEmpty();
    assertThat(s.brokenLineCount()).isZero();
  }

  @Test
  void stackWin() {
    BreakpadSymbols s =
        sym(HEADER
            + "STACK WIN 4 1000 20 4 0 8 0 10 0 1 $T0 $ebp = $eip $T0 4 + ^ =\n"
            + "STACK WIN 0 1000 40 1 0 0 0 0 0 0 1\n"
            + "STACK WIN 0 2000 10 1 0 0 0 0 0 0 0\n");
    assertThat(s.win()).hasSize(3);
    BreakpadWin w = s.win().get(0);
    assertThat(w.type()).isEqualTo(4);
    assertThat(w.address()).isEqualTo(0x1000);
    assertThat(w.size()).isEqualTo(0x20);
    assertThat(w.localSize()).isEqualTo(0x10);
    assertThat(w.programString()).contains("$T0 $ebp = $eip $T0 4 + ^ =");
    assertThat(s.win().get(1).allocatesBasePointer()).isTrue();
    assertThat(s.win().get(1).programString()).isEmpty();
    assertThat(s.winFor(0x1010)).contains(w); // frame data preferred
    assertThat(s.winFor(0x1030).orElseThrow().type()).isZero();
    assertThat(s.winFor(0x2005).orElseThrow().address()).isEqualTo(0x2000);
    assertThat(s.winFor(0x3000)).isEmpty();
    assertThat(s.brokenLineCount()).isZero();
  }

  @Test
  void crlfIsTolerated() {
    BreakpadSymbols lf = sym(INLINES + CFI.substring(HEADER.length()));
    BreakpadSymbols crlf = sym((INLINES + CFI.substring(HEADER.length())).replace("\n", "\r\n"));
    assertThat(crlf.module()).isEqualTo(lf.module());
    assertThat(crlf.functions().collect(Collectors.toList()))
        .isEqualTo(lf.functions().collect(Collectors.toList()));
    assertThat(crlf.files()).isEqualTo(lf.files());
    assertThat(crlf.cfi()).isEqualTo(lf.cfi());
    assertThat(crlf.symbolize(0x101a)).isEqualTo(lf.symbolize(0x101a));
    assertThat(crlf.brokenLineCount()).isZero();
  }

  @Test
  void malformedLinesAreSkippedAndCounted() {
    BreakpadSymbols s =
        sym(HEADER
            + "FILE x bad\n" // 1
            + "1000 10 1 0\n" // 2: line record outside FUNC
            + "FUNC zz 10 0 bad\n" // 3: bad header
            + "FUNC 1000 10 0 good\n"
            + "1000 4 1 0\n"
            + "1004 4 notanumber 0\n" // 4
            + "10000000000000000000 4 1 0\n" // 5: > 64 bits
            + "1008 4 99999999999999999999 0\n" // 6: overflow
            + "\n"
            + "garbage \u0000\u00ff here\n" // 7 (inside the block: junk)
            + "STACK CFI 1000 .cfa: x\n" // 8: delta outside INIT
            + "PUBLIC\n" // 9: keyword without space, junk outside a block
            + "PUBLIC 10\n" // 10
            + "STACK WIN 4 1 2\n" // 11
            + "WHATEVER\n" // 12
            + "MODULE Linux x86 5A5F32914295A4FA22B591670A49FBEF0 again\n" // 13
            + "PUBLIC 20 0 ok\n");
    assertThat(s.functions().map(BreakpadFunction::name)).containsExactly("good");
    assertThat(s.functions().findFirst().orElseThrow().lines()).hasSize(1);
    assertThat(s.publics()).extracting(BreakpadPublic::name).containsExactly("ok");
    assertThat(s.brokenLineCount()).isEqualTo(13);
  }

  @Test
  void bomAndLeadingBlankLines() {
    byte[] body = ("\n\r\n" + HEADER + "PUBLIC 1 0 x\n").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    BreakpadSymbols s = BreakpadSymbols.parse(ByteView.of(withBom));
    assertThat(s.publics()).hasSize(1);
    assertThat(s.brokenLineCount()).isZero();
  }

  @Test
  void noTrailingNewlineAndHighAddresses() {
    BreakpadSymbols s = sym(HEADER + "FUNC ffffffffffffff00 100 0 top\nffffffffffffff00 100 3 0");
    assertThat(s.symbolize(0xffffffffffffff80L)).extracting(BreakpadFrame::name).containsExactly("top");
    assertThat(s.symbolize(0xffffffffffffff80L).get(0).line()).isEqualTo(3);
    assertThat(s.brokenLineCount()).isZero();
  }
}
