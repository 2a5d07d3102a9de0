package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.BreakpadWin;
import dev.symbolic.minidump.CfiMemory;
import dev.symbolic.minidump.CfiRegisters;
import dev.symbolic.minidump.CfiRules;
import dev.symbolic.minidump.PostfixEvaluator;
import dev.symbolic.minidump.WinCallee;
import dev.symbolic.minidump.WinCaller;
import dev.symbolic.minidump.WinModules;
import dev.symbolic.minidump.WinUnwinder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Fuzzes the stack walker's CFI evaluators of symbolic-minidump. Nothing may be thrown: malformed
 * rules and programs give empty results.
 *
 * <p>Input layout for both targets: text up to the first NUL byte (decoded as UTF-8, malformed
 * sequences replaced), then the bytes of stack memory at {@code 0x1000}, which the fixed callee
 * registers point into ({@code esp}/{@code rsp}/{@code sp} at {@code 0x1000}, frame pointers at
 * {@code 0x1010}). Seeds in {@code CfiFuzzTestInputs/<method>/} are plain text.
 *
 * <ul>
 *   <li>{@link #postfix}: the text as a {@code STACK CFI} rule set, evaluated for x86, amd64 and
 *       arm64 callers, and as a postfix expression and a program at both word sizes.
 *   <li>{@link #win}: the text as the rest of a {@code STACK WIN} line, unwound from a context
 *       frame and from an inner frame.
 * </ul>
 *
 * <p>A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -pl fuzz test -Dtest='CfiFuzzTest#postfix'
 * </pre>
 */
class CfiFuzzTest {
  private static final long STACK = 0x1000;
  private static final WinModules MODULES = a -> a >= 0x40_0000 && a < 0x50_0000;
  private static final CfiRegisters REGISTERS =
      CfiRegisters.empty()
          .with("eip", 0x40_1000)
          .with("esp", STACK)
          .with("ebp", STACK + 16)
          .with("ebx", 7)
          .with("rip", 0x40_1000)
          .with("rsp", STACK)
          .with("rbp", STACK + 16)
          .with("pc", 0x40_1000)
          .with("sp", STACK)
          .with("x29", STACK + 16)
          .with("lr", 0x40_2000);

  @FuzzTest(maxDuration = "5m")
  void postfix(byte[] data) {
    int nul = indexOfNul(data);
    String text = new String(data, 0, nul, StandardCharsets.UTF_8);
    CfiMemory memory = memory(data, nul);
    Optional<CfiRules> rules = CfiRules.parse(text);
    if (rules.isPresent()) {
      for (CpuFamily cpu : new CpuFamily[] {CpuFamily.INTEL_32, CpuFamily.AMD_64, CpuFamily.ARM_64}) {
        rules.get().findCallerRegisters(REGISTERS, memory, cpu).ifPresent(caller -> {
          if (!caller.contains(".cfa") || !caller.contains(".ra")) {
            throw new AssertionError("caller without .cfa or .ra: " + caller);
          }
          checkWidth(caller, cpu.pointerSize().getAsInt());
        });
      }
      CfiRules.parse(rules.get().toString()).orElseThrow(AssertionError::new);
    }
    for (int wordSize : new int[] {4, 8}) {
      PostfixEvaluator.evaluate(text, REGISTERS, memory, wordSize);
      PostfixEvaluator.execute(text, REGISTERS, memory, wordSize)
          .ifPresent(assigned -> checkWidth(assigned, wordSize));
    }
  }

  @FuzzTest(maxDuration = "5m")
  void win(byte[] data) {
    int nul = indexOfNul(data);
    String line = new String(data, 0, nul, StandardCharsets.UTF_8);
    CfiMemory memory = memory(data, nul);
    String sym = "MODULE windows x86 5A9832E5287241C1838ED98914E9B7FF1 x.pdb\nSTACK WIN " + line;
    BreakpadSymbols symbols = BreakpadSymbols.parse(ByteView.of(sym.getBytes(StandardCharsets.UTF_8)));
    for (BreakpadWin record : symbols.win()) {
      for (boolean context : new boolean[] {true, false}) {
        WinCallee callee = new WinCallee(REGISTERS, context ? 0 : record.parameterSize(), context, true);
        Optional<WinCaller> caller = WinUnwinder.findCaller(record, callee, memory, MODULES);
        caller.ifPresent(c -> {
          if (!c.registers().contains("eip") || !c.registers().contains("esp")) {
            throw new AssertionError("caller without eip or esp: " + c);
          }
          checkWidth(c.registers(), 4);
        });
      }
    }
  }

  private static int indexOfNul(byte[] data) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return data.length;
  }

  private static CfiMemory memory(byte[] data, int nul) {
    byte[] stack = nul < data.length ? Arrays.copyOfRange(data, nul + 1, data.length) : new byte[0];
    return CfiMemory.of(STACK, ByteView.of(stack));
  }

  private static void checkWidth(CfiRegisters registers, int wordSize) {
    if (wordSize == 8) {
      return;
    }
    registers.toMap().forEach((name, value) -> {
      if ((value >>> 32) != 0) {
        throw new AssertionError(name + " wider than 32 bits: " + Long.toHexString(value));
      }
    });
  }
}
