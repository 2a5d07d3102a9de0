package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.common.Name;
import dev.symbolic.debuginfo.BreakpadCfi;
import dev.symbolic.debuginfo.BreakpadSymbols;
import dev.symbolic.debuginfo.BreakpadWriter;
import dev.symbolic.debuginfo.ObjectFile;
import dev.symbolic.minidump.MinidumpBuilder.Struct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A walk over a native ELF debug file converted with {@link BreakpadWriter}: the caller is found
 * through the {@code .eh_frame} CFI of the callee and named from DWARF.
 */
class NativeSymbolsWalkTest {
  @Test
  void callerFoundByEhFrameCfi() throws IOException {
    Path bin = CfiCorpusTest.corpus().resolve("debuginfo/generated/binaries/c-gcc-O2-dwarf5");
    assumeTrue(Files.isRegularFile(bin), bin + " absent; skipped");
    ObjectFile object = ObjectFile.open(ByteView.map(bin));
    StringBuilder text = new StringBuilder();
    BreakpadWriter.write(object, "prog", Name::text, text);
    BreakpadSymbols symbols =
        BreakpadSymbols.parse(ByteView.of(text.toString().getBytes(StandardCharsets.UTF_8)));

    long main = object.symbols().stream().filter(s -> s.name().text().equals("main"))
        .findFirst().orElseThrow().address();
    // A callee at its first instruction, where the CFA is rsp + 8 and the return address at it.
    BreakpadCfi callee = symbols.cfi().stream()
        .filter(c -> c.initRules().equals(".cfa: $rsp 8 + .ra: .cfa -8 + ^")
            && symbols.functionAt(c.address()).isPresent()
            && c.address() != main)
        .findFirst().orElseThrow();
    String calleeName = symbols.functionAt(callee.address()).orElseThrow().name();
    long module = StackWalkerTest.MODULE;
    long ret = module + main + 8;
    Struct stack = new Struct(0x40).u64(0, ret);
    CpuContext context = CpuContext.of(CpuFamily.AMD_64, Map.of(
        "rip", module + callee.address(), "rsp", StackWalkerTest.STACK, "rbp", 0L));
    StackWalker walker = StackWalker.of(
        StackWalkerTest.dump(SystemInfo.ARCH_AMD64, SystemInfo.OS_LINUX), m -> Optional.of(symbols));
    List<StackFrame> frames = walker.walk(1, context, StackWalkerTest.stack(stack)).frames();
    assertThat(frames.size()).isGreaterThanOrEqualTo(2);
    assertThat(frames.get(0).function()).isEqualTo(calleeName);
    StackFrame caller = frames.get(1);
    assertThat(caller.trust()).isEqualTo(FrameTrust.CFI);
    assertThat(caller.function()).isEqualTo("main");
    assertThat(caller.context().register("rip")).hasValue(ret);
    assertThat(caller.context().register("rsp")).hasValue(StackWalkerTest.STACK + 8);
  }
}
