package dev.symbolic.debuginfo;

import static dev.symbolic.debuginfo.UnwindTestBytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CIE and FDE parsing of synthesized .eh_frame and .debug_frame sections. */
class UnwindSectionTest {
  private static List<UnwindFde> fdes(UnwindInfo info) {
    List<UnwindFde> out = new ArrayList<>();
    info.fdes().forEach(out::add);
    return out;
  }

  /** A .debug_frame with one CIE and one FDE at 0x1000, size 0x20. */
  private static UnwindInfo debugFrame(boolean le, boolean format64, int version,
      Arch arch) {
    UnwindTestBytes b = new UnwindTestBytes(le);
    int addressSize = version == 4 ? 4 : arch.cpuFamily().pointerSize().getAsInt();
    b.u32(format64 ? 0xffff_ffffL : 0);
    if (format64) {
      b.u64(0);
    }
    int cieBody = b.position();
    b.un(-1L, format64 ? 8 : 4).u8(version).str("");
    if (version == 4) {
      b.u8(addressSize, 0);
    }
    b.uleb(4).sleb(-4);
    if (version == 1) {
      b.u8(30);
    } else {
      b.uleb(30);
    }
    b.u8(0x0c, 31, 0); // def_cfa sp+0
    int cieEnd = b.position();
    patchLength(b, 0, format64, cieEnd - cieBody);
    int fde = b.position();
    b.u32(format64 ? 0xffff_ffffL : 0);
    if (format64) {
      b.u64(0);
    }
    int fdeBody = b.position();
    b.un(0, format64 ? 8 : 4).un(0x1000, addressSize).un(0x20, addressSize);
    b.u8(0x41, 0x0e, 16); // advance 4 (factor 4), def_cfa_offset 16
    patchLength(b, fde, format64, b.position() - fdeBody);
    b.u32(0); // padding entry
    return UnwindInfo.debugFrame(b.view(), arch, le);
  }

  private static void patchLength(UnwindTestBytes b, int at, boolean format64, long length) {
    if (format64) {
      b.patch64(at + 4, length);
    } else {
      b.patch32(at, length);
    }
  }

  @Test
  void debugFrameVersionsFormatsAndByteOrders() {
    for (boolean le : new boolean[] {true, false}) {
      for (boolean format64 : new boolean[] {false, true}) {
        for (int version : new int[] {1, 3, 4}) {
          UnwindInfo info = debugFrame(le, format64, version, Arch.ARM64);
          List<UnwindFde> fdes = fdes(info);
          String what = "le=" + le + " 64=" + format64 + " v" + version;
          assertThat(fdes).as(what).hasSize(1);
          UnwindFde fde = fdes.get(0);
          assertThat(fde.address()).as(what).isEqualTo(0x1000);
          assertThat(fde.size()).as(what).isEqualTo(0x20);
          assertThat(fde.cie().version()).isEqualTo(version);
          assertThat(fde.cie().returnAddressRegister()).isEqualTo(30);
          assertThat(fde.cie().addressSize()).isEqualTo(version == 4 ? 4 : 8);
          List<UnwindRow> rows = info.rows(fde);
          assertThat(rows).extracting(UnwindRow::startAddress).containsExactly(0x1000L, 0x1004L);
          assertThat(rows.get(1).cfa()).isEqualTo(new UnwindCfaRule.RegisterOffset(31, 16));
          assertThat(info.rowFor(0x101f).orElseThrow().cfa())
              .isEqualTo(new UnwindCfaRule.RegisterOffset(31, 16));
          assertThat(info.isEhFrame()).isFalse();
        }
      }
    }
  }

  @Test
  void ehFrameAugmentationsPersonalityLsdaAndSignalFrame() {
    UnwindTestBytes b = new UnwindTestBytes(true);
    int cie = b.position();
    b.u32(0).u32(0).u8(1).str("zPLRS").uleb(1).sleb(-8).u8(16);
    b.uleb(7).u8(0x1b);
    b.u32(0x9000 - (UnwindTestBytes.SECTION_ADDRESS + b.position()));
    b.u8(0x1b, 0x1b);
    b.u8(0x0c, 7, 8);
    b.patch32(cie, b.position() - cie - 4);
    int fde = b.position();
    b.u32(0).u32(b.position() - cie);
    b.u32(0x1000 - (UnwindTestBytes.SECTION_ADDRESS + b.position())).u32(0x10);
    b.uleb(4).u32(0x7000 - (UnwindTestBytes.SECTION_ADDRESS + b.position()));
    b.patch32(fde, b.position() - fde - 4);
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), UnwindTestBytes.SECTION_ADDRESS, Arch.AMD64,
        true);
    UnwindFde parsed = fdes(info).get(0);
    assertThat(parsed.cie().augmentation()).isEqualTo("zPLRS");
    assertThat(parsed.cie().personality()).hasValue(0x9000);
    assertThat(parsed.cie().signalFrame()).isTrue();
    assertThat(parsed.cie().lsdaEncoding()).isEqualTo(0x1b);
    assertThat(parsed.lsda()).hasValue(0x7000);
    assertThat(parsed.address()).isEqualTo(0x1000);
    assertThat(parsed.contains(0x100f)).isTrue();
    assertThat(parsed.contains(0x1010)).isFalse();
  }

  @Test
  void unknownAugmentationCharactersAreSkippedThroughTheDataLength() {
    UnwindTestBytes b = new UnwindTestBytes(true);
    int cie = b.position();
    b.u32(0).u32(0).u8(1).str("zXR").uleb(1).sleb(-8).u8(16).uleb(2).u8(0xaa, 0xbb);
    b.u8(0x0c, 7, 8);
    b.patch32(cie, b.position() - cie - 4);
    b.ehFde(cie, 0x00, 0x1000, 0x10, bytes());
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), 0, Arch.AMD64, true);
    UnwindFde fde = fdes(info).get(0);
    assertThat(fde.cie().pointerEncoding()).isEqualTo(0);
    assertThat(info.rows(fde).get(0).cfa()).isEqualTo(new UnwindCfaRule.RegisterOffset(7, 8));
  }

  @Test
  void fdesOfUnparsableCiesAreSkipped() {
    UnwindTestBytes b = new UnwindTestBytes(true);
    int bad = b.position();
    b.u32(0).u32(0).u8(1).str("eh").uleb(1).sleb(-8).u8(16);
    b.patch32(bad, b.position() - bad - 4);
    b.ehFde(bad, 0x00, 0x1000, 0x10, bytes());
    int good = b.ehCie(1, -8, 16, 0x00, bytes(0x0c, 7, 8));
    b.ehFde(good, 0x00, 0x2000, 0x10, bytes());
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), 0, Arch.AMD64, true);
    assertThat(fdes(info)).extracting(UnwindFde::address).containsExactly(0x2000L);
    assertThat(info.rowFor(0x2008)).isPresent();
    assertThat(info.rowFor(0x1008)).isEmpty();
  }

  @Test
  void sortedIndexFindsFdesInAnyFileOrder() {
    UnwindTestBytes b = new UnwindTestBytes(true);
    int cie = b.ehCie(1, -8, 16, 0x00, bytes(0x0c, 7, 8));
    long[] starts = {0x3000, 0x1000, 0x5000, 0x2000};
    for (long start : starts) {
      b.ehFde(cie, 0x00, start, 0x100, bytes(0x0e, (int) (start >>> 12)));
    }
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), 0, Arch.AMD64, true);
    assertThat(info.hasSearchTable()).isFalse();
    for (long start : starts) {
      assertThat(info.rowFor(start + 0x80).orElseThrow().cfa())
          .isEqualTo(new UnwindCfaRule.RegisterOffset(7, start >>> 12));
    }
    assertThat(info.rowFor(0x4000)).isEmpty();
    assertThat(info.rowFor(0)).isEmpty();
  }

  @Test
  void zeroLengthEndsEhFrame() {
    UnwindTestBytes b = new UnwindTestBytes(true);
    int cie = b.ehCie(1, -8, 16, 0x00, bytes());
    b.ehFde(cie, 0x00, 0x1000, 0x10, bytes());
    b.u32(0);
    b.ehFde(cie, 0x00, 0x2000, 0x10, bytes());
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), 0, Arch.AMD64, true);
    assertThat(fdes(info)).hasSize(1);
  }

  @Test
  void brokenLengthsEndTheWalkWithDebugInfoException() {
    UnwindTestBytes b = new UnwindTestBytes(true);
    b.u32(0x100).u32(0);
    UnwindInfo info = UnwindInfo.ehFrame(b.view(), 0, Arch.AMD64, true);
    assertThatThrownBy(() -> fdes(info)).isInstanceOf(DebugInfoException.class);
    assertThatThrownBy(() -> info.rowFor(0)).isInstanceOf(DebugInfoException.class);
  }
}
