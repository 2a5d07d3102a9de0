package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-assembled DWARF 5 exercising forms (strx1-4, addrx1-4, indirect, implicit_const, data16,
 * ref_sig8, line_strp, rnglistx), every DW_RLE kind, v5 line headers with MD5, discriminators,
 * special/const_add_pc/fixed_advance_pc opcodes, both byte orders and both DWARF formats.
 */
class DwarfSyntheticTest {

  /** A byte builder that also knows the offset size (32- or 64-bit DWARF). */
  static final class B extends TestBytes<B> {
    final boolean d64;

    B(boolean le, boolean d64) {
      super(le);
      this.d64 = d64;
    }

    @Override
    B self() {
      return this;
    }

    B off(long v) {
      return un(v, d64 ? 8 : 4);
    }

    /** Writes a unit length placeholder; returns the position to pass to {@link #end}. */
    int begin() {
      if (d64) {
        u32(0xffffffffL);
      }
      int p = n;
      off(0);
      return p;
    }

    void end(int p) {
      int size = d64 ? 8 : 4;
      patch(p, n - p - size, size);
    }
  }

  static Dwarf build(boolean le, boolean d64) {
    // .debug_str and .debug_str_offsets
    B str = new B(le, d64);
    int sA = str.n;
    str.str("a.c");
    int sOuter = str.n;
    str.str("outer");
    int sLink = str.n;
    str.str("_ZN2ns3inlEv");
    int sNs = str.n;
    str.str("ns");
    B so = new B(le, d64);
    int p = so.begin();
    so.u16(5).u16(0);
    int strOffsetsBase = so.n;
    so.off(sA).off(sOuter).off(sLink);
    so.end(p);

    // .debug_line_str
    B ls = new B(le, d64);
    int lsComp = ls.n;
    ls.str("/comp");
    int lsInc = ls.n;
    ls.str("inc");

    // .debug_addr
    B addr = new B(le, d64);
    p = addr.begin();
    addr.u16(5).u8(8).u8(0);
    int addrBase = addr.n;
    addr.u64(0x1000).u64(0x1040).u64(0x1050).u64(0x1070).u64(0x1078);
    addr.end(p);

    // .debug_rnglists: list 0 for the unit, list 1 for the inlinee
    B rl = new B(le, d64);
    p = rl.begin();
    rl.u16(5).u8(8).u8(0).u32(2);
    int rlBase = rl.n;
    int offsetsAt = rl.n;
    rl.off(0).off(0);
    int list0 = rl.n - rlBase;
    rl.u8(1).uleb(0); // base_addressx 0x1000
    rl.u8(4).uleb(0).uleb(0x100); // offset_pair
    rl.u8(0);
    int list1 = rl.n - rlBase;
    rl.u8(1).uleb(1); // base_addressx 0x1040
    rl.u8(4).uleb(0).uleb(0x10); // [0x1040, 0x1050)
    rl.u8(3).uleb(2).uleb(0x10); // startx_length [0x1050, 0x1060)
    rl.u8(2).uleb(3).uleb(4); // startx_endx [0x1070, 0x1078)
    rl.u8(6).u64(0x1090).u64(0x1098); // start_end
    rl.u8(5).u64(0x10a0); // base_address
    rl.u8(4).uleb(0).uleb(8); // [0x10a0, 0x10a8)
    rl.u8(7).u64(0x10b0).uleb(4); // start_length [0x10b0, 0x10b4)
    rl.u8(0);
    int save = rl.n;
    rl.n = offsetsAt;
    rl.off(list0).off(list1);
    rl.n = save;
    rl.end(p);

    // .debug_line (v5)
    B ln = new B(le, d64);
    p = ln.begin();
    ln.u16(5).u8(8).u8(0);
    int hl = ln.n;
    ln.off(0);
    int hstart = ln.n;
    ln.u8(1).u8(1).u8(1).u8(-5).u8(14).u8(13);
    ln.u8(0).u8(1).u8(1).u8(1).u8(0).u8(0).u8(0).u8(1).u8(0).u8(0).u8(1).u8(1); // std lengths
    ln.u8(1).uleb(1).uleb(0x1f); // directory format: path line_strp
    ln.uleb(2).off(lsComp).off(lsInc);
    ln.u8(3).uleb(1).uleb(0x08).uleb(2).uleb(0x0f).uleb(5).uleb(0x1e); // path, dir, MD5
    ln.uleb(2);
    ln.str("a.c").uleb(0);
    for (int i = 0; i < 16; i++) {
      ln.u8(i);
    }
    ln.str("b.h").uleb(1);
    for (int i = 0; i < 16; i++) {
      ln.u8(0xa0 + i);
    }
    int prog = ln.n;
    save = ln.n;
    ln.n = hl;
    ln.off(prog - hstart);
    ln.n = save;
    ln.u8(0).uleb(9).u8(2).u64(0x1000); // set_address
    ln.u8(4).uleb(0).u8(5).uleb(3).u8(3).sleb(9).u8(1); // a.c:10:3 @0x1000
    ln.u8(2).uleb(0x40).u8(4).uleb(1).u8(3).sleb(10).u8(5).uleb(7);
    ln.u8(0).uleb(2).u8(4).uleb(2).u8(1); // b.h:20:7 disc 2 @0x1040
    ln.u8((1 + 5) + 14 * 16 + 13); // special: b.h:21:7 @0x1050
    ln.u8(8).u8(9).u16(0x1f).u8(4).uleb(0).u8(3).sleb(-11).u8(1); // a.c:10:7 @0x1080
    ln.u8(2).uleb(0x80).u8(0).uleb(1).u8(1); // end_sequence @0x1100
    ln.end(p);

    // .debug_abbrev
    B ab = new B(le, d64);
    ab.uleb(1).uleb(0x11).u8(1);
    ab.uleb(0x72).uleb(0x17).uleb(0x73).uleb(0x17).uleb(0x74).uleb(0x17); // bases first
    ab.uleb(0x03).uleb(0x25).uleb(0x1b).uleb(0x1f).uleb(0x10).uleb(0x17);
    ab.uleb(0x11).uleb(0x29).uleb(0x55).uleb(0x23).uleb(0).uleb(0);
    ab.uleb(2).uleb(0x2e).u8(1);
    ab.uleb(0x03).uleb(0x26).uleb(0x11).uleb(0x2a).uleb(0x12).uleb(0x06);
    ab.uleb(0x3b).uleb(0x21).sleb(42).uleb(0x1c).uleb(0x1e).uleb(0x3a).uleb(0x16);
    ab.uleb(0).uleb(0);
    ab.uleb(3).uleb(0x1d).u8(0);
    ab.uleb(0x31).uleb(0x13).uleb(0x55).uleb(0x23).uleb(0x58).uleb(0x0b);
    ab.uleb(0x59).uleb(0x0f).uleb(0x57).uleb(0x05).uleb(0).uleb(0);
    ab.uleb(4).uleb(0x2e).u8(0);
    ab.uleb(0x03).uleb(0x08).uleb(0x6e).uleb(0x28).uleb(0x3f).uleb(0x19).uleb(0x49).uleb(0x20);
    ab.uleb(0).uleb(0);
    ab.uleb(5).uleb(0x39).u8(1).uleb(0x03).uleb(0x0e).uleb(0).uleb(0);
    ab.uleb(6).uleb(0x2e).u8(0).uleb(0x03).uleb(0x27).uleb(0).uleb(0); // strx3 name
    ab.uleb(0);

    // .debug_info
    B info = new B(le, d64);
    p = info.begin();
    int unitStart = 0;
    info.u16(5).u8(1).u8(8).off(0);
    info.uleb(1).off(strOffsetsBase).off(addrBase).off(rlBase);
    info.u8(0).off(lsComp).off(0).u8(0).uleb(0);
    info.uleb(5).off(sNs);
    int abstractDie = info.n - unitStart;
    info.uleb(4).str("inl").un(2, 4).u64(0x1234567890abcdefL);
    info.u8(0); // end namespace
    info.uleb(2).u16(1).u16(0).u32(0x100); // outer, low_pc addrx2 0, high_pc data4
    for (int i = 0; i < 16; i++) {
      info.u8(i); // data16 const_value
    }
    info.uleb(0x0f).uleb(1); // indirect -> udata decl_file
    info.uleb(3).u32(abstractDie).uleb(1).u8(0).uleb(99).u16(5);
    info.u8(0); // end outer
    info.uleb(6).un(1, 3); // declaration-only subprogram named via strx3
    info.u8(0); // end unit
    info.end(p);

    Map<String, ByteView> m = new HashMap<>();
    m.put(".debug_info", info.view());
    m.put(".debug_abbrev", ab.view());
    m.put(".debug_str", str.view());
    m.put(".debug_str_offsets", so.view());
    m.put(".debug_line_str", ls.view());
    m.put(".debug_addr", addr.view());
    m.put(".debug_rnglists", rl.view());
    m.put(".debug_line", ln.view());
    return Dwarf.open(DwarfSections.of(k -> Optional.ofNullable(m.get(k)), le, 8));
  }

  private static String show(List<DwarfFrame> frames) {
    StringBuilder sb = new StringBuilder();
    for (DwarfFrame f : frames) {
      sb.append(f.function()).append('|').append(f.name()).append('|').append(f.file())
          .append(':').append(f.line()).append(':').append(f.column());
      if (f.discriminator() != 0) {
        sb.append(" d").append(f.discriminator());
      }
      sb.append(f.isInlined() ? " inl; " : "; ");
    }
    return sb.toString().trim();
  }

  @ParameterizedTest(name = "littleEndian={0} dwarf64={1}")
  @CsvSource({"true, false", "true, true", "false, false", "false, true"})
  void symbolizesHandAssembledDwarf5(boolean le, boolean d64) {
    Dwarf d = build(le, d64);
    assertThat(d.units()).hasSize(1);
    DwarfUnit u = d.units().get(0);
    assertThat(u.isDwarf64()).isEqualTo(d64);
    assertThat(u.name()).contains("a.c");
    assertThat(u.compDir()).contains("/comp");
    DwarfLineTable lt = u.lineTable().orElseThrow();
    assertThat(lt.rowCount()).isEqualTo(5);
    assertThat(lt.fileName(1)).contains("/comp/inc/b.h");
    assertThat(lt.fileName(0)).contains("/comp/a.c");

    assertThat(show(d.symbolize(0x1000))).isEqualTo("outer|outer|/comp/a.c:10:3;");
    assertThat(show(d.symbolize(0x1045)))
        .isEqualTo(
            "_ZN2ns3inlEv|ns::inl|/comp/inc/b.h:20:7 d2 inl; outer|outer|/comp/a.c:99:5;");
    assertThat(show(d.symbolize(0x1055)))
        .isEqualTo("_ZN2ns3inlEv|ns::inl|/comp/inc/b.h:21:7 inl; outer|outer|/comp/a.c:99:5;");
    assertThat(show(d.symbolize(0x1065))).isEqualTo("outer|outer|/comp/inc/b.h:21:7;");
    assertThat(d.symbolize(0x1072)).hasSize(2);
    assertThat(d.symbolize(0x1078)).hasSize(1);
    assertThat(d.symbolize(0x1094)).hasSize(2);
    assertThat(show(d.symbolize(0x10a4)))
        .isEqualTo("_ZN2ns3inlEv|ns::inl|/comp/a.c:10:7 inl; outer|outer|/comp/a.c:99:5;");
    assertThat(d.symbolize(0x10b3)).hasSize(2);
    assertThat(d.symbolize(0x10b4)).hasSize(1);
    assertThat(d.symbolize(0x10ff)).hasSize(1);
    assertThat(d.symbolize(0x1100)).isEmpty();
    assertThat(d.symbolize(0xfff)).isEmpty();

    List<DwarfFunction> fns = d.functions();
    assertThat(fns).hasSize(1);
    DwarfFunction outer = fns.get(0);
    assertThat(outer.name()).isEqualTo("outer");
    assertThat(outer.rangeCount()).isEqualTo(1);
    assertThat(outer.rangeStart(0)).isEqualTo(0x1000);
    assertThat(outer.rangeEnd(0)).isEqualTo(0x1100);
    assertThat(outer.inlinees()).hasSize(1);
    DwarfFunction inl = outer.inlinees().get(0);
    assertThat(inl.linkageName()).contains("_ZN2ns3inlEv");
    assertThat(inl.name()).isEqualTo("ns::inl");
    assertThat(inl.shortName()).isEqualTo("inl");
    assertThat(inl.rangeCount()).isEqualTo(6);
    assertThat(inl.callFile()).isEqualTo("/comp/a.c");
    assertThat(inl.callLine()).isEqualTo(99);
    assertThat(inl.callColumn()).isEqualTo(5);
  }

  @ParameterizedTest(name = "truncated at {0}")
  @CsvSource({"1", "7", "20", "40", "80"})
  void truncatedInfoOnlyThrowsDebugInfoException(int cut) {
    Dwarf d = build(true, false);
    assertThat(d.units()).isNotEmpty();
    // Truncation is covered broadly by DwarfFuzzTest; here one quick sanity check per size.
    B b = new B(true, false);
    for (int i = 0; i < cut; i++) {
      b.u8(i * 37);
    }
    ByteView v = b.view();
    try {
      Dwarf x =
          Dwarf.open(
              DwarfSections.of(
                  k -> k.equals(".debug_info") ? Optional.of(v) : Optional.empty(), true, 8));
      x.symbolize(0x1000);
      x.functions();
    } catch (DebugInfoException e) {
      assertThat(e.getMessage()).isNotEmpty();
    }
  }
}
