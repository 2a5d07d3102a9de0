package dev.symbolic.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symbolic.proguard.ProguardMapping;
import dev.symbolic.proguard.Retracer;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the stack trace parser and retracer: a fixed mapping that has every kind of R8
 * metadata (inlining, outlines and their call sites, rewriteFrame rules, synthesized members,
 * residual signatures, overloads), and a fuzzed trace. Any exception is a finding.
 *
 * <p>The input bytes are decoded as UTF-8 (malformed sequences become U+FFFD), so the seeds in
 * {@code StackTraceFuzzTestInputs/retrace/} are plain text files. A real session:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fuzz -am test -Dtest=StackTraceFuzzTest
 * </pre>
 */
class StackTraceFuzzTest {
  static final String MAPPING = String.join("\n",
      "# compiler: R8",
      "# compiler_version: 8.5.35",
      "# min_api: 24",
      "# {\"id\":\"com.android.tools.r8.mapping\",\"version\":\"2.2\"}",
      "dev.fuzz.Outlines -> x.a:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"Outlines.java\"}",
      "    1:3:int outline0(int) -> a",
      "      # {\"id\":\"com.android.tools.r8.outline\"}",
      "dev.fuzz.Caller -> x.b:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"Caller.java\"}",
      "    java.lang.String label -> a",
      "    1:1:void call(int):10:10 -> a",
      "    2:2:int compute(int):20:20 -> b",
      "    3:3:int compute(int):0:0 -> b",
      "      # {\"id\":\"com.android.tools.r8.outlineCallsite\","
          + "\"positions\":{\"1\":2,\"2\":4},\"outline\":\"Lx/a;a(I)I\"}",
      "    4:4:int compute(int):22:22 -> b",
      "    5:5:void dev.fuzz.Inner.check(java.lang.Object):7:7 -> c",
      "    5:5:void guard(java.lang.Object):30 -> c",
      "      # {\"id\":\"com.android.tools.r8.rewriteFrame\","
          + "\"conditions\":[\"throws(Ljava/lang/NullPointerException;)\"],"
          + "\"actions\":[\"removeInnerFrames(1)\"]}",
      "    6:6:void guard(java.lang.Object):31:31 -> c",
      "    1:1:void lambda$run$0():40:40 -> d",
      "      # {\"id\":\"com.android.tools.r8.synthesized\"}",
      "    1:1:java.lang.String name(int):50:50 -> e",
      "      # {\"id\":\"com.android.tools.r8.residualsignature\","
          + "\"signature\":\"(I)Ljava/lang/String;\"}",
      "    1:4:void overload(int):60:63 -> f",
      "    5:8:void overload(java.lang.String):70:73 -> f",
      "    void overload(long) -> f",
      "dev.fuzz.Main -> x.c:",
      "# {\"id\":\"sourceFile\",\"fileName\":\"Main.java\"}",
      "    1:1:void main(java.lang.String[]):5:5 -> main",
      "    2:2:void dev.fuzz.Caller.call(int):11:11 -> main",
      "    2:2:void main(java.lang.String[]):6 -> main",
      "dev.fuzz.Synth -> x.d:",
      "# {\"id\":\"com.android.tools.r8.synthesized\"}",
      "    void run() -> run",
      "");

  private static final Retracer RETRACER = Retracer.of(ProguardMapping.parse(MAPPING));
  private static final Retracer VERBOSE = RETRACER.verbose(true);
  private static final Retracer CACHED = Retracer.of(cache(ProguardMapping.parse(MAPPING)));

  private static dev.symbolic.proguard.ProguardCache cache(ProguardMapping mapping) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      dev.symbolic.proguard.ProguardCache.write(mapping, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dev.symbolic.proguard.ProguardCache.of(dev.symbolic.common.ByteView.of(out.toByteArray()));
  }

  @FuzzTest(maxDuration = "5m")
  void retrace(byte[] data) {
    String trace = new String(data, StandardCharsets.UTF_8);
    // The output may well be empty: outline and synthesized frames vanish, as in R8.
    String plain = RETRACER.retrace(trace);
    VERBOSE.retrace(trace);
    // The streaming entry point must print exactly what the String one returns.
    StringWriter out = new StringWriter();
    try {
      RETRACER.retrace(new StringReader(trace), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!out.toString().equals(plain)) {
      throw new AssertionError("retrace(Reader, Writer) differs from retrace(String)");
    }
    // So must the byte path over a cache of the same mapping, which retraces most frames
    // straight from the cache's bytes.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      CACHED.retrace(new java.io.ByteArrayInputStream(data), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!bytes.toString(StandardCharsets.UTF_8).equals(plain)) {
      throw new AssertionError("retrace(InputStream, OutputStream) over a cache differs");
    }
    int nl = trace.indexOf('\n');
    RETRACER.retraceLine(nl < 0 ? trace : trace.substring(0, nl));
  }
}
