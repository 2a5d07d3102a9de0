package dev.symbolic.proguard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The candidates for one obfuscated frame as R8 retrace reports them: each with its original
 * frames and their source files and lines, a candidate dropped when its top frame reads the same
 * as an earlier one's, and the rest sorted by their top frame.
 */
final class RetracedFrames {
  /** One original frame. */
  static final class Frame {
    final String className;
    final MemberMapping method;
    final String file;
    final int line;

    Frame(String className, MemberMapping method, String file, int line) {
      this.className = className;
      this.method = method;
      this.file = file;
      this.line = line;
    }
  }

  /** One candidate: its frames innermost first, and the outline position it hands on. */
  static final class Candidate implements Comparable<Candidate> {
    final List<Frame> frames;
    final int outline;

    Candidate(List<Frame> frames, int outline) {
      this.frames = frames;
      this.outline = outline;
    }

    /** What R8 compares to tell candidates apart: the top frame as it would be printed. */
    String key(boolean withLine, boolean withSignature) {
      Frame top = frames.get(0);
      return top.className + '\u0000' + top.file + '\u0000' + (withLine ? top.line : 0) + '\u0000'
          + top.method.originalName() + (withSignature ? '\u0000' + top.method.signature() : "");
    }

    @Override
    public int compareTo(Candidate other) {
      Frame a = frames.get(0);
      Frame b = other.frames.get(0);
      int c = a.className.compareTo(b.className);
      if (c == 0) {
        c = a.method.originalName().compareTo(b.method.originalName());
      }
      if (c == 0) {
        c = a.method.type().compareTo(b.method.type());
      }
      if (c == 0) {
        c = compareArguments(a.method.arguments(), b.method.arguments());
      }
      if (c == 0) {
        c = String.valueOf(a.file).compareTo(String.valueOf(b.file));
      }
      if (c == 0) {
        c = Boolean.compare(a.line != FrameLookup.NONE, b.line != FrameLookup.NONE);
      }
      if (c == 0) {
        c = Integer.compare(a.line, b.line);
      }
      return c;
    }

    /** R8 orders parameter lists by length, then by each type's name. */
    private static int compareArguments(String a, String b) {
      String[] x = a.isEmpty() ? new String[0] : a.split(",");
      String[] y = b.isEmpty() ? new String[0] : b.split(",");
      int c = Integer.compare(x.length, y.length);
      for (int i = 0; i < x.length && c == 0; i++) {
        c = x[i].compareTo(y[i]);
      }
      return c;
    }
  }

  final List<Candidate> candidates;
  /** The outline position of the last candidate looked at, printed or not. */
  final int lastOutline;

  private RetracedFrames(List<Candidate> candidates, int lastOutline) {
    this.candidates = candidates;
    this.lastOutline = lastOutline;
  }

  /**
   * Resolves a frame lookup of a class whose original name is {@code className}.
   *
   * @param position the obfuscated line, or NONE
   * @param obfuscatedFile the file name of the obfuscated frame, or null if it had none
   * @param verbose whether candidates differing only in their signatures are kept apart
   */
  static RetracedFrames of(
      Mapping mapping,
      String className,
      FrameLookup.Result result,
      int position,
      String obfuscatedFile,
      boolean verbose) {
    int lastOutline = FrameLookup.NO_OUTLINE;
    List<Candidate> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (FrameLookup.Candidate candidate : result.candidates) {
      lastOutline = candidate.outlinePosition;
      if (candidate.frames.isEmpty()) {
        continue;
      }
      List<Frame> frames = new ArrayList<>(candidate.frames.size());
      for (FrameLookup.Frame frame : candidate.frames) {
        String holder = frame.range.originalClass().orElse(className);
        String file = obfuscatedFile == null ? null
            : SourceFiles.forClass(mapping, holder, obfuscatedFile, true);
        int line = frame.line != FrameLookup.NONE ? frame.line : position;
        frames.add(new Frame(holder, frame.range, file, line));
      }
      Candidate c = new Candidate(frames, candidate.outlinePosition);
      if (seen.add(c.key(verbose || position > 0, verbose))) {
        candidates.add(c);
      }
    }
    candidates.sort(null);
    return new RetracedFrames(candidates, lastOutline);
  }
}
