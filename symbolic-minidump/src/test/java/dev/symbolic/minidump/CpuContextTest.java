package dev.symbolic.minidump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symbolic.common.ByteView;
import dev.symbolic.common.CpuFamily;
import dev.symbolic.minidump.MinidumpBuilder.Struct;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU contexts of each supported layout, flag validation and derived contexts. */
class CpuContextTest {
  static CpuContext read(byte[] context, CpuFamily expected) {
    return CpuContext.parse(ByteView.of(context), 0, context.length, expected);
  }

  @Test
  void amd64() {
    CpuContext c = read(MinidumpBuilder.amd64Context(Map.of("rip", 0x7ff612345678L,
        "rsp", 0x7fffffffe000L, "rbp", 0x7fffffffe010L, "rax", 1L, "r15", -1L)), CpuFamily.AMD_64);
    assertThat(c.family()).isEqualTo(CpuFamily.AMD_64);
    assertThat(c.instructionPointer()).hasValue(0x7ff612345678L);
    assertThat(c.stackPointer()).hasValue(0x7fffffffe000L);
    assertThat(c.register("rbp")).hasValue(0x7fffffffe010L);
    assertThat(c.register("rax")).hasValue(1L);
    assertThat(c.register("r15")).hasValue(-1L);
    assertThat(c.registerNames()).startsWith("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp")
        .endsWith("r15", "rip");
  }

  @Test
  void arm() {
    long[] r = new long[16];
    for (int i = 0; i < 16; i++) {
      r[i] = 0x100 + i;
    }
    CpuContext c = read(MinidumpBuilder.armContext(r), CpuFamily.ARM_32);
    assertThat(c.registerNames()).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r12", "fp", "sp", "lr", "pc");
    assertThat(c.register("fp")).hasValue(0x10bL);
    assertThat(c.register("r11")).hasValue(0x10bL);
    assertThat(c.register("r12")).hasValue(0x10cL);
    assertThat(c.stackPointer()).hasValue(0x10dL);
    assertThat(c.register("lr")).hasValue(0x10eL);
    assertThat(c.instructionPointer()).hasValue(0x10fL);
  }

  @Test
  void arm64() {
    long[] x = new long[31];
    for (int i = 0; i < 31; i++) {
      x[i] = 0x1000 + i;
    }
    CpuContext c = read(MinidumpBuilder.arm64Context(x, 0x7000, 0x8000), CpuFamily.ARM_64);
    assertThat(c.registerNames()).hasSize(33).startsWith("x0").endsWith("x28", "fp", "lr", "sp",
        "pc");
    assertThat(c.register("x29")).hasValue(0x101dL);
    assertThat(c.register("fp")).hasValue(0x101dL);
    assertThat(c.register("lr")).hasValue(0x101eL);
    assertThat(c.stackPointer()).hasValue(0x7000L);
    assertThat(c.instructionPointer()).hasValue(0x8000L);
  }

  @Test
  void oldArm64Layout() {
    Struct s = new Struct(800).u64(0, 0x80000002L);
    for (int i = 0; i < 32; i++) {
      s.u64(8 + 8 * i, 0x2000 + i);
    }
    s.u64(264, 0x9000);
    CpuContext c = read(s.array(), CpuFamily.ARM_64);
    assertThat(c.register("x0")).hasValue(0x2000L);
    assertThat(c.stackPointer()).hasValue(0x201fL);
    assertThat(c.instructionPointer()).hasValue(0x9000L);
  }

  @Test
  void flagsWithoutCpuBitsFallBackToTheSystemInfo() {
    byte[] b = MinidumpBuilder.x86Context(Map.of("eip", 5L));
    b[2] = 0; // clear the x86 CPU bit
    assertThat(read(b, CpuFamily.INTEL_32).instructionPointer()).hasValue(5L);
    assertThatThrownBy(() -> read(b, CpuFamily.UNKNOWN)).isInstanceOf(MinidumpException.class)
        .hasMessageContaining("without CPU type");
  }

  @Test
  void highWindowsFlagBitsAreToleratedForTheExpectedCpu() {
    byte[] b = MinidumpBuilder.x86Context(Map.of("eip", 5L));
    b[3] = (byte) 0x80; // CONTEXT_EXCEPTION_REPORTING, which is also the old ARM64 bit
    assertThat(read(b, CpuFamily.INTEL_32).family()).isEqualTo(CpuFamily.INTEL_32);
  }

  @Test
  void mipsBothWidths() {
    for (long[] kind : new long[][] {{0x00040000L, 0}, {0x00080000L, 1}}) {
      Struct s = new Struct(CpuContext.MIPS_SIZE).u32(0, kind[0]);
      for (int i = 0; i < 32; i++) {
        s.u64(8 + 8 * i, 0x100 + i);
      }
      s.u64(312, 0x7700_1234L);
      CpuFamily family = kind[1] == 0 ? CpuFamily.MIPS_32 : CpuFamily.MIPS_64;
      CpuContext c = read(s.array(), CpuFamily.UNKNOWN);
      assertThat(c.family()).isEqualTo(family);
      assertThat(c.registerNames()).hasSize(33).startsWith("zero", "at", "v0")
          .endsWith("gp", "sp", "fp", "ra", "pc");
      assertThat(c.register("s0")).hasValue(0x110L);
      assertThat(c.register("$gp")).hasValue(0x11cL);
      assertThat(c.stackPointer()).hasValue(0x11dL);
      assertThat(c.register("ra")).hasValue(0x11fL);
      assertThat(c.instructionPointer()).hasValue(0x7700_1234L);
      assertThat(c.allValid()).isTrue();
    }
    assertThatThrownBy(() -> read(new Struct(100).u32(0, 0x00040000).array(), CpuFamily.UNKNOWN))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("shorter");
  }

  @Test
  void invalidContextsAreRejected() {
    assertThatThrownBy(() -> read(new Struct(716).u32(0, 0x12345600).array(), CpuFamily.UNKNOWN))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("invalid CPU context flags");
    assertThatThrownBy(() -> read(new byte[100], CpuFamily.INTEL_32))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("shorter");
    assertThatThrownBy(() -> read(new byte[2], CpuFamily.INTEL_32))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("no flags");
    byte[] x86 = MinidumpBuilder.x86Context(Map.of());
    assertThatThrownBy(() -> read(x86, CpuFamily.AMD_64))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("in a dump of");
    assertThatThrownBy(() -> read(new Struct(400).u32(0, 0x20000001).array(), CpuFamily.UNKNOWN))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("unsupported");
    assertThatThrownBy(() -> CpuContext.parse(ByteView.of(x86), 10, 716, CpuFamily.UNKNOWN))
        .isInstanceOf(MinidumpException.class).hasMessageContaining("past the end");
  }

  @Test
  void derivedContextsKnowOnlyTheirRegisters() {
    CpuContext c = CpuContext.of(CpuFamily.INTEL_32, Map.of("eip", 0x1_0000_0401L, "esp", 8L));
    assertThat(c.instructionPointer()).hasValue(0x401L); // 32-bit
    assertThat(c.isValid("ebp")).isFalse();
    assertThat(c.register("ebp")).isEmpty();
    assertThat(c.validRegisterNames()).containsExactly("eip", "esp");
    assertThat(c.allValid()).isFalse();
    CpuContext d = c.with("ebp", 16).retainOnly(List.of("esp", "ebp"));
    assertThat(d.validRegisterNames()).containsExactly("esp", "ebp");
    assertThat(d.toString()).isEqualTo("INTEL_32{esp=0x8 ebp=0x10}");
    assertThatThrownBy(() -> c.with("rip", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CpuContext.of(CpuFamily.PPC_32, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
