package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.ByteView;
import dev.symbolic.debuginfo.BreakpadWin;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WinUnwinderTest {
  static final long BASE = 0x1000;
  static final WinModules MODULES = a -> a >= 0x400000 && a < 0x500000;

  /** 64 little-endian words at 0x1000, all zero except those given as (index, value) pairs. */
  static CfiMemory stack(long... indexValue) {
    ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < indexValue.length; i += 2) {
      b.putInt((int) indexValue[i] * 4, (int) indexValue[i + 1]);
    }
    return CfiMemory.of(BASE, ByteView.of(b.array()));
  }

  static BreakpadWin frameData(long savedRegs, long locals, String program) {
    return new BreakpadWin(4, 0, 0x100, 0, 0, 8, savedRegs, locals, 0, Optional.of(program), false);
  }

  static BreakpadWin fpo(long savedRegs, long locals, boolean allocatesBasePointer) {
    return new BreakpadWin(
        0, 0, 0x100, 0, 0, 8, savedRegs, locals, 0, Optional.empty(), allocatesBasePointer);
  }

  static WinCallee callee(long eip, long esp, long ebp) {
    return new WinCallee(
        CfiRegisters.empty().with("eip", eip).with("esp", esp).with("ebp", ebp), 0, false, true);
  }

  static WinCaller unwind(BreakpadWin info, WinCallee callee, CfiMemory memory) {
    return WinUnwinder.findCaller(info, callee, memory, MODULES).orElseThrow();
  }

  @Test
  void frameDataProgram() {
    // ebp = 0x1010: saved ebp 0x1040 at 0x1010, return address 0x401234 at 0x1014.
    CfiMemory mem = stack(4, 0x1040, 5, 0x401234);
    WinCaller c =
        unwind(
            frameData(0, 0, "$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + ="),
            callee(0x400100, 0x1000, 0x1010),
            mem);
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x1018);
    assertThat(c.registers().get("ebp")).hasValue(0x1040);
    assertThat(c.registers().contains("ebx")).isFalse();
  }

  @Test
  void frameDataRecoversCalleeSavedRegisters() {
    CfiMemory mem = stack(4, 0x1040, 5, 0x401234, 3, 0x77);
    WinCaller c =
        unwind(
            frameData(
                0,
                0,
                "$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + = $ebx $T0 4 - ^ ="
                    + " $esi 5 = $edi 6 = $T1 7 ="),
            callee(0x400100, 0x1000, 0x1010),
            mem);
    assertThat(c.registers().toMap())
        .containsOnlyKeys("eip", "esp", "ebp", "ebx", "esi", "edi");
    assertThat(c.registers().get("ebx")).hasValue(0x77);
  }

  @Test
  void programSeesBreakpadConstants() {
    WinCallee callee =
        new WinCallee(
            CfiRegisters.empty().with("eip", 1).with("esp", 0x1000).with("ebp", 0x1030), 12, false,
            true);
    BreakpadWin info =
        new BreakpadWin(
            4,
            0,
            0x100,
            0,
            0,
            8,
            4,
            16,
            0,
            Optional.of(
                "$eip 0x401000 = $esp .cbCalleeParams .cbSavedRegs + .cbLocals + .cbParams + ="
                    + " $ebx .raSearchStart = $esi .raSearch ="),
            false);
    WinCaller c = unwind(info, callee, stack());
    assertThat(c.registers().get("esp")).hasValue(12 + 4 + 16 + 8);
    assertThat(c.registers().get("ebx")).hasValue(0x1000 + 12 + 16 + 4);
    assertThat(c.registers().get("esi")).hasValue(0x1000 + 12 + 16 + 4);
  }

  @Test
  void fpoAllocatingBasePointer() {
    // esp 0x1000, locals 8, saved regs 8: return address at 0x1010, saved ebp at 0x1000.
    CfiMemory mem = stack(0, 0x1020, 4, 0x401234);
    WinCaller c = unwind(fpo(8, 8, true), callee(0x400100, 0x1000, 0x9999), mem);
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x1014);
    assertThat(c.registers().get("ebp")).hasValue(0x1020);
  }

  @Test
  void fpoWithoutBasePointerCarriesEbpAndEbx() {
    CfiMemory mem = stack(2, 0x401234);
    WinCallee callee =
        new WinCallee(
            CfiRegisters.empty()
                .with("eip", 0x400100)
                .with("esp", 0x1000)
                .with("ebp", 0x5555)
                .with("ebx", 0x42),
            0,
            false,
            true);
    WinCaller c = unwind(fpo(4, 4, false), callee, mem);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x100c);
    assertThat(c.registers().get("ebp")).hasValue(0x5555); // unreadable, but not recovered
    assertThat(c.registers().get("ebx")).hasValue(0x42);
  }

  @Test
  void calleeParametersShiftTheSearch() {
    CfiMemory mem = stack(5, 0x401234);
    WinCallee callee =
        new WinCallee(
            CfiRegisters.empty().with("eip", 0x400100).with("esp", 0x1000).with("ebp", 0x1000),
            12,
            false,
            true);
    WinCaller c = unwind(fpo(4, 4, false), callee, mem);
    assertThat(c.registers().get("esp")).hasValue(0x1018);
  }

  @Test
  void alignedStackMovesRaSearchStartUpToThreeWords() {
    // Expected at 0x1008; the stack was aligned, the return address is two words higher.
    CfiMemory mem = stack(2, 7, 4, 0x401234);
    WinCaller c = unwind(fpo(4, 4, false), callee(0x400100, 0x1000, 0x1000), mem);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x1014);
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI);
  }

  @Test
  void returnedSystemCallInContextFrameIsSkipped() {
    // The current instruction's address is still on top of the stack; the real return address
    // is the next plausible word.
    CfiMemory mem = stack(0, 0x400100, 1, 0x401234);
    WinCallee context =
        new WinCallee(
            CfiRegisters.empty().with("eip", 0x400100).with("esp", 0x1000).with("ebp", 0x1000),
            0,
            true,
            true);
    WinCaller c = unwind(fpo(0, 0, false), context, mem);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x1008);
    // Not the context frame: no skip.
    WinCaller d = unwind(fpo(0, 0, false), callee(0x400100, 0x1000, 0x1000), mem);
    assertThat(d.registers().get("eip")).hasValue(0x400100);
  }

  @Test
  void aligningProgramSearchesFromEbp() {
    CfiMemory mem = stack(9, 0x401234, 8, 0x1080);
    BreakpadWin info =
        frameData(
            0, 0, "$T1 .raSearch = $T0 $T1 4 - 8 @ = $eip $T1 ^ = $ebp $T0 ^ = $esp $T1 4 + =");
    WinCaller c = unwind(info, callee(0x400100, 0x1000, 0x1020), mem);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x1028);
    assertThat(c.registers().get("ebp")).hasValue(0x1080);
  }

  @Test
  void failingProgramFallsBackToScanning() {
    CfiMemory mem = stack(3, 0x401234);
    WinCaller c =
        unwind(frameData(0, 0, "$eip $nope ^ ="), callee(0x400100, 0x1000, 0x1000), mem);
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.SCAN);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x1010);
  }

  @Test
  void incompleteProgramFallsBackToScanning() {
    // Assigns temporaries and ebx but never $eip/$esp; the partial assignments survive.
    CfiMemory mem = stack(3, 0x401234);
    WinCaller c =
        unwind(
            frameData(0, 0, "$T0 $ebp = $T2 $esp 4 + = $ebx 9 ="),
            callee(0x400100, 0x1000, 0x1000),
            mem);
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.SCAN);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("ebx")).hasValue(9);
  }

  @Test
  void failingProgramWithoutScanningGivesNothing() {
    CfiMemory mem = stack(3, 0x401234);
    WinCallee noScan =
        new WinCallee(
            CfiRegisters.empty().with("eip", 1).with("esp", 0x1000).with("ebp", 0x1000),
            0,
            false,
            false);
    assertThat(WinUnwinder.findCaller(frameData(0, 0, "$eip 1 +"), noScan, mem, MODULES))
        .isEmpty();
    assertThat(WinUnwinder.findCaller(frameData(0, 0, "$T0 1 ="), callee(1, 0x1000, 0), stack(), MODULES))
        .isEmpty(); // scanning allowed but nothing plausible on the stack
  }

  @Test
  void returnAddressOutsideModulesIsCorrectedByScanning() {
    // The program finds 0x99 (no module) at .raSearchStart, 0x1008; a plausible address lies
    // above the three words the alignment scan looks at.
    CfiMemory mem = stack(2, 0x99, 7, 0x401234);
    WinCaller c = unwind(fpo(4, 4, false), callee(0x400100, 0x1000, 0x1000), mem);
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI_SCAN);
    assertThat(c.registers().get("eip")).hasValue(0x401234);
    assertThat(c.registers().get("esp")).hasValue(0x1020);
  }

  @Test
  void unreadableEbpIsRecoveredFromTheSavedRegisterArea() {
    // Saved regs 8: the area is 0x1000..0x1008, scanned from the top; 0x1004 holds 0x1030.
    CfiMemory mem = stack(1, 0x1030, 2, 0x5555_0000, 4, 0x401234);
    WinCaller c =
        unwind(
            frameData(8, 8, "$eip .raSearchStart ^ = $esp .raSearchStart 4 + = $ebp 0x9000 ="),
            callee(0x400100, 0x1000, 0x1000),
            mem);
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI);
    assertThat(c.registers().get("ebp")).hasValue(0x1030);
  }

  @Test
  void zeroEipAndEbpMeanEndOfStack() {
    WinCaller c =
        unwind(
            frameData(0, 0, "$eip 0 = $esp 0x1000 = $ebp 0 ="),
            callee(0x400100, 0x1000, 0x1000),
            stack(0, 0x401234));
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI);
    assertThat(c.registers().get("eip")).hasValue(0);
  }

  @Test
  void unusedTypesAndMissingRegistersGiveNothing() {
    BreakpadWin standard =
        new BreakpadWin(3, 0, 0x100, 0, 0, 0, 0, 0, 0, Optional.empty(), false);
    assertThat(WinUnwinder.findCaller(standard, callee(1, 0x1000, 0x1000), stack(), MODULES))
        .isEmpty();
    WinCallee noEbp =
        new WinCallee(CfiRegisters.empty().with("eip", 1).with("esp", 0x1000), 0, false, true);
    assertThat(WinUnwinder.findCaller(fpo(0, 0, false), noEbp, stack(2, 0x401234), MODULES))
        .isEmpty();
  }

  @Test
  void hostileSizesStayBounded() {
    CfiMemory everywhere = (a, s) -> java.util.OptionalLong.of(a & 0xFFFF_FFFFL);
    BreakpadWin huge =
        new BreakpadWin(
            4, 0, 1, 0, 0, -1, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0, Optional.of("$ebp 1 ="), true);
    WinModules none = a -> false;
    assertThat(WinUnwinder.findCaller(huge, callee(1, 0x1000, 0x1000), everywhere, none))
        .isEmpty();
    BreakpadWin bigSaved =
        new BreakpadWin(
            4, 0, 1, 0, 0, 0, 0x7FFF_0000L, 0, 0,
            Optional.of("$eip 0x401000 = $esp 4 = $ebp 0 ="), false);
    WinModules all = a -> true;
    WinCaller c =
        WinUnwinder.findCaller(bigSaved, callee(1, 0x1000, 0x1000), (a, s) -> {
              // Readable stack words, but none points to readable memory.
              return a < 0x8000_0000L ? java.util.OptionalLong.of(0xFFFF_FFF0L)
                  : java.util.OptionalLong.empty();
            }, all)
            .orElseThrow();
    assertThat(c.registers().get("ebp")).hasValue(0);
  }
  // Scenarios of Breakpad's stackwalker_x86 unit tests, re-created: a stack at 0x80000000, module1
  // at 0x40000000 and module2 at 0x50000000 (64 KiB each), return addresses plausible only inside
  // a FUNC record of the module's symbols.

  static final long HIGH = 0x8000_0000L;

  static CfiMemory words(long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putInt((int) v);
    }
    return CfiMemory.of(HIGH, ByteView.of(b.array()));
  }

  static WinModules modulesWithFunctions(long... functionRanges) {
    return new WinModules() {
      @Override
      public boolean containsAddress(long a) {
        return (a >= 0x4000_0000L && a < 0x4001_0000L) || (a >= 0x5000_0000L && a < 0x5001_0000L);
      }

      @Override
      public boolean isPlausibleReturnAddress(long a) {
        for (int i = 0; i < functionRanges.length; i += 2) {
          if (a >= functionRanges[i] && a < functionRanges[i] + functionRanges[i + 1]) {
            return true;
          }
        }
        return false;
      }
    };
  }

  static WinCallee context(long eip, long esp, long ebp) {
    return new WinCallee(
        CfiRegisters.empty().with("eip", eip).with("esp", esp).with("ebp", ebp), 0, true, true);
  }

  @Test
  void breakpadFrameDataBadProgramScans() {
    BreakpadWin info =
        new BreakpadWin(4, 0xc8c, 0x111, 0, 0, 4, 0x10, 4, 0, Optional.of("bad program string"),
            false);
    CfiMemory mem =
        words(0x2a2a2a2aL, 0x2a2a2a2aL, 0x2a2a2a2aL, 0x2a2a2a2aL, 0x50007ce9L, 0, 0);
    WinCaller c =
        WinUnwinder.findCaller(
                info,
                context(0x40000c9cL, HIGH, 0x2ae314cdL),
                mem,
                modulesWithFunctions(0x50007c38L, 0xaccf))
            .orElseThrow();
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.SCAN);
    assertThat(c.registers().get("eip")).hasValue(0x50007ce9L);
    assertThat(c.registers().get("esp")).hasValue(HIGH + 0x14);
    assertThat(c.registers().get("ebp")).hasValue(0x2ae314cdL);
  }

  @Test
  void breakpadFrameDataBadEipScansForReturnAddressAndEbp() {
    BreakpadWin info =
        new BreakpadWin(4, 0x6e6, 0xe7, 0, 0, 0, 8, 4, 0,
            Optional.of("$eip $ebp 4 + ^ = $esp $ebp 8 + = $ebp $ebp ^ ="), false);
    long frame1Ebp = HIGH + 0x20;
    CfiMemory mem =
        words(0x2a2a2a2aL, 0x2a2a2a2aL, 0x3d937b2bL, 0x17847f5bL, frame1Ebp, 0x2b2b2b2bL,
            0x2c2c2c2cL, 0x5000d000L, 0x2d2d2d2dL);
    WinCaller c =
        WinUnwinder.findCaller(
                info,
                context(0x40000700L, HIGH, HIGH + 8),
                mem,
                modulesWithFunctions(0x5000cfdbL, 0x8406))
            .orElseThrow();
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI_SCAN);
    assertThat(c.registers().get("eip")).hasValue(0x5000d000L);
    assertThat(c.registers().get("esp")).hasValue(frame1Ebp);
    assertThat(c.registers().get("ebp")).hasValue(frame1Ebp);
  }

  @Test
  void breakpadFpoUnchangedEbp() {
    BreakpadWin info =
        new BreakpadWin(0, 0xe8a8, 0x100, 0, 0, 8, 4, 0x10, 0, Optional.empty(), false);
    long frame1Ebp = HIGH + 0x1c;
    CfiMemory mem =
        words(0x7c521352L, 0x42424242L, 0x42424242L, 0x42424242L, 0x42424242L, 0x40009b5bL,
            0xf60ea7fcL, 0, 0);
    WinCallee callee =
        new WinCallee(
            CfiRegisters.empty()
                .with("eip", 0x4000e8b8L)
                .with("esp", HIGH)
                .with("ebp", frame1Ebp)
                .with("ebx", 0x1234),
            0,
            true,
            true);
    WinCaller c =
        WinUnwinder.findCaller(info, callee, mem, modulesWithFunctions(0x4000e8a8L, 0x100))
            .orElseThrow();
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI);
    assertThat(c.registers().get("eip")).hasValue(0x40009b5bL);
    assertThat(c.registers().get("esp")).hasValue(HIGH + 0x18);
    assertThat(c.registers().get("ebp")).hasValue(frame1Ebp);
    assertThat(c.registers().get("ebx")).hasValue(0x1234);
  }

  @Test
  void breakpadFpoUsedEbp() {
    BreakpadWin info =
        new BreakpadWin(0, 0x9aa8, 0xe6, 0xa, 0, 0x10, 8, 4, 0, Optional.empty(), true);
    long frame1Ebp = HIGH + 0x14;
    CfiMemory mem =
        words(frame1Ebp, 0xb68bd5f9L, 0xd25d05fcL, 0x4000debeL, 0xf0c9a974L, 0, 0);
    WinCaller c =
        WinUnwinder.findCaller(
                info,
                context(0x40009ab8L, HIGH, 0xecbdd1a5L),
                mem,
                modulesWithFunctions(0x40009aa8L, 0xe6))
            .orElseThrow();
    assertThat(c.trust()).isEqualTo(WinCaller.Trust.CFI);
    assertThat(c.registers().get("eip")).hasValue(0x4000debeL);
    assertThat(c.registers().get("esp")).hasValue(HIGH + 0x10);
    assertThat(c.registers().get("ebp")).hasValue(frame1Ebp);
  }
}
