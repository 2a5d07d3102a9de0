package dev.symbolic.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The training run {@code bin/symbolic} records its class-data-sharing archive from: one process
 * that runs each command once on the bundled samples, so that the archive holds the classes of
 * every command and none of them pays for loading and verifying its classes at start-up.
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=symbolic.jsa -cp symbolic.jar dev.symbolic.cli.Training samples/proguard
 * </pre>
 */
public final class Training {
  private Training() {}

  /**
   * Runs the commands.
   *
   * @param args the folder of the ProGuard sample ({@code mapping.txt}, {@code trace.txt})
   */
  public static void main(String[] args) {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    String sample = args.length > 0 ? args[0] : "samples/proguard";
    int code = Main.run(new String[] {"proguard", "retrace", "--mapping", sample + "/mapping.txt",
        sample + "/trace.txt"}, System.in, sink, sink);
    String names = "_ZN2ns3BarIiEE3bazERKSt6vectorIiSaIiEE\n?foo@ns@@YAHHPEBD@Z\n"
        + "_RNvNtCs1234_7mycrate3foo3bar\n_ZN3std2io4Read11read_to_end17hb85a0f6802e14499E\n"
        + "$s8mangling6curry1yyF\nplain\n";
    code |= Main.run(new String[] {"demangle"},
        new ByteArrayInputStream(names.getBytes(StandardCharsets.UTF_8)), sink, sink);
    System.exit(code);
  }
}
