package dev.symbolic.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;

/** The standard streams a command runs with, so that tests can run the tool in-process. */
final class Env {
  final InputStream in;
  final PrintStream out;
  final PrintWriter err;

  Env(InputStream in, PrintStream out, PrintWriter err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }
}
