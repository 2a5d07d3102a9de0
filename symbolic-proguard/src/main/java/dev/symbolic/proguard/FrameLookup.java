package dev.symbolic.proguard;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the original frames for one obfuscated method frame, with R8 retrace's rules.
 *
 * <p>The steps are R8's: the method's lines are split into overloads (groups whose outermost
 * caller has the same original signature); each overload is narrowed to the inline chain whose
 * minified range holds the frame's line (falling back to lines without a minified range); a
 * pending outline position from the frame above rewrites the line through the call site's
 * {@code outlineCallsite} table; every chain becomes one candidate, and an original range that
 * covers several lines for one obfuscated line becomes one candidate per line.
 */
final class FrameLookup {
  /** Bound on candidates per frame, so a hostile original range cannot explode the output. */
  static final int MAX_CANDIDATES = 10_000;

  static final int NONE = MemberMapping.NONE;
  /** No outline position is pending (a pending one may itself be NONE: a frame without line). */
  static final int NO_OUTLINE = Integer.MIN_VALUE;

  private FrameLookup() {}

  /** One original frame of a candidate: the mapped range and its original line (or NONE). */
  static final class Frame {
    final MemberMapping range;
    final int line;

    Frame(MemberMapping range, int line) {
      this.range = range;
      this.line = line;
    }
  }

  /** One candidate: original frames innermost first, after rewriting and synthetic removal. */
  static final class Candidate {
    final List<Frame> frames;
    /** Outline position this candidate hands to the next frame, or NO_OUTLINE. */
    final int outlinePosition;

    Candidate(List<Frame> frames, int outlinePosition) {
      this.frames = frames;
      this.outlinePosition = outlinePosition;
    }
  }

  /** What a frame lookup found. {@code candidates} is null when no method line matched. */
  static final class Result {
    final List<Candidate> candidates;
    final boolean ambiguous;

    Result(List<Candidate> candidates, boolean ambiguous) {
      this.candidates = candidates;
      this.ambiguous = ambiguous;
    }

    boolean isEmpty() {
      return candidates == null;
    }
  }

  static final Result EMPTY = new Result(null, false);

  private static final class Selection {
    final List<MemberMapping> partition;
    final List<MemberMapping> ranges;

    Selection(List<MemberMapping> partition, List<MemberMapping> ranges) {
      this.partition = partition;
      this.ranges = ranges;
    }
  }

  private enum Filter { LINE, ZERO, NO_MINIFIED }

  /**
   * Looks up {@code methodName} at obfuscated {@code position} (NONE when the frame has no line).
   *
   * @param thrown the obfuscated class of the exception this frame is the top of, or null
   * @param outlinePosition the position of an outline frame directly above, or NO_OUTLINE
   */
  static Result lookup(
      ClassMapping cls, String methodName, int position, String thrown, int outlinePosition) {
    if (cls == null) {
      return EMPTY;
    }
    List<MemberMapping> ranges = cls.methods(methodName);
    if (ranges.isEmpty()) {
      return EMPTY;
    }
    List<List<MemberMapping>> partitions = partition(ranges);
    // R8 treats line 0 like a missing line.
    boolean hasPosition = position > 0;
    int[] finalPosition = {position};
    List<Selection> selections =
        narrow(partitions, hasPosition ? Filter.LINE : Filter.ZERO, position, outlinePosition,
            finalPosition);
    if (hasPosition && selections.isEmpty()) {
      selections =
          narrow(partitions, Filter.NO_MINIFIED, position, outlinePosition, finalPosition);
    }
    if (selections.isEmpty()) {
      if (hasPosition) {
        return EMPTY;
      }
      // Without a line, every overload is a candidate, named by the member R8 keeps for it: the
      // first line with the same obfuscated name and types, usually its outermost method.
      for (List<MemberMapping> partition : partitions) {
        MemberMapping outer = last(partition);
        boolean catchAll = partition.size() == 1
            && outer.minifiedStart() == 0 && outer.minifiedEnd() == 65535;
        selections.add(new Selection(partition,
            catchAll ? partition : List.of(withoutRanges(firstOfMember(cls, outer)))));
      }
    }
    boolean ambiguous = isAmbiguous(selections);
    int obfuscatedPosition = finalPosition[0];
    List<Candidate> candidates = new ArrayList<>();
    for (Selection selection : selections) {
      boolean synthesizedMember = cls.isSynthesizedMember(last(selection.partition));
      boolean outlineMember = isOutlineMember(cls, last(selection.partition));
      List<MemberMapping> chain = new ArrayList<>();
      MemberMapping chainStart = null;
      for (MemberMapping range : selection.ranges) {
        if (chainStart != null
            && (!chainStart.hasMinifiedRange() || !chainStart.sameMinifiedRange(range))) {
          addCandidates(candidates, chain, ambiguous, obfuscatedPosition, thrown,
              synthesizedMember, outlineMember);
          chain = new ArrayList<>();
          chainStart = null;
        }
        if (chainStart == null) {
          chainStart = range;
        }
        chain.add(range);
      }
      addCandidates(candidates, chain, ambiguous, obfuscatedPosition, thrown, synthesizedMember,
          outlineMember);
    }
    return new Result(candidates, ambiguous);
  }

  /**
   * The line R8 keeps as the member for {@code member}'s obfuscated name and types: R8 records a
   * member when a line ends an inline chain (the next line starts another chain, or continues it
   * with an original range rather than a single line), and keeps the first one per key.
   */
  private static MemberMapping firstOfMember(ClassMapping cls, MemberMapping member) {
    List<MemberMapping> lines = cls.methods(member.obfuscatedName());
    for (int i = 0; i < lines.size(); i++) {
      MemberMapping m = lines.get(i);
      boolean continued = i + 1 < lines.size()
          && m.hasMinifiedRange()
          && m.sameMinifiedRange(lines.get(i + 1))
          && lines.get(i + 1).isOriginalSingleLine();
      if (!continued && m.sameMember(member)) {
        return m;
      }
    }
    return member;
  }

  /** The member of a line without its line ranges, as R8 reports a method it cannot place. */
  private static MemberMapping withoutRanges(MemberMapping m) {
    return new MemberMapping(true, m.type(), m.originalClassOrEmpty(), m.originalName(),
        m.arguments(), m.obfuscatedName(), NONE, NONE, NONE, NONE, false, m.isSynthesized(),
        m.isOutline(), m.residualSignatureOrNull(), null, null, List.of());
  }

  private static boolean isOutlineMember(ClassMapping cls, MemberMapping member) {
    for (MemberMapping m : cls.methods(member.obfuscatedName())) {
      if (m.isOutline() && m.sameMember(member)) {
        return true;
      }
    }
    return false;
  }

  private static void addCandidates(
      List<Candidate> out,
      List<MemberMapping> chain,
      boolean ambiguous,
      int obfuscatedPosition,
      String thrown,
      boolean synthesizedMember,
      boolean outlineMember) {
    if (out.size() >= MAX_CANDIDATES) {
      return;
    }
    MemberMapping top = chain.get(0);
    if (!ambiguous || !top.isOriginalRangeAmbiguous()) {
      out.add(candidate(chain, NONE, false, ambiguous, obfuscatedPosition, thrown,
          synthesizedMember, outlineMember));
      return;
    }
    for (int line = top.originalStart(); line <= top.originalEnd(); line++) {
      if (out.size() >= MAX_CANDIDATES) {
        return;
      }
      out.add(candidate(chain, line, true, ambiguous, obfuscatedPosition, thrown,
          synthesizedMember, outlineMember));
    }
  }

  private static Candidate candidate(
      List<MemberMapping> chain,
      int topLine,
      boolean topLineGiven,
      boolean ambiguous,
      int obfuscatedPosition,
      String thrown,
      boolean synthesizedMember,
      boolean outlineMember) {
    int remove = 0;
    if (thrown != null) {
      for (MemberMapping range : chain) {
        for (RewriteFrameRule rule : range.rewriteFrames()) {
          if (rule.matches(thrown)) {
            remove += rule.removeInnerFrames();
          }
        }
      }
    }
    if (remove > chain.size()) {
      // R8 warns and ignores a rule that would remove more frames than there are.
      remove = 0;
    }
    List<Frame> frames = new ArrayList<>(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      MemberMapping range = chain.get(i);
      boolean outermost = i == chain.size() - 1;
      if (remove-- > 0) {
        continue;
      }
      if (outermost && synthesizedMember) {
        continue;
      }
      int given = i == 0 && topLineGiven ? topLine : defaultPosition(range);
      frames.add(new Frame(range, originalLine(range, given, obfuscatedPosition, ambiguous)));
    }
    int outline = outlineMember ? obfuscatedPosition : NO_OUTLINE;
    return new Candidate(frames, outline);
  }

  /** R8 fixes the position of a frame whose original range is a single line. */
  private static int defaultPosition(MemberMapping range) {
    if (range.hasOriginalRange() && range.originalStart() == range.originalEnd()) {
      return range.originalStart();
    }
    return NONE;
  }

  private static int originalLine(
      MemberMapping range, int given, int obfuscatedPosition, boolean ambiguous) {
    if (!ambiguous && (!range.hasMinifiedRange() || obfuscatedPosition < 0)) {
      if (given != NONE) {
        return given;
      }
      int first = range.hasOriginalRange()
          ? range.originalStart()
          : range.hasMinifiedRange() ? range.minifiedStart() : 0;
      return first > 0 ? first : NONE;
    }
    if (obfuscatedPosition < 0
        || !range.hasMinifiedRange()
        || !range.minifiedContains(obfuscatedPosition)) {
      return given;
    }
    return given != NONE ? given : range.originalLine(obfuscatedPosition);
  }

  private static List<Selection> narrow(
      List<List<MemberMapping>> partitions,
      Filter filter,
      int position,
      int outlinePosition,
      int[] finalPosition) {
    List<Selection> result = new ArrayList<>();
    for (List<MemberMapping> partition : partitions) {
      List<MemberMapping> selected = select(partition, filter, position);
      if (selected.isEmpty()) {
        continue;
      }
      if (outlinePosition != NO_OUTLINE) {
        MemberMapping callsite = last(selected);
        if (callsite.isOutlineCallsite()) {
          int rewritten = callsite.outlineCallsitePosition(outlinePosition).orElse(outlinePosition);
          finalPosition[0] = rewritten;
          return narrow(partitions, Filter.LINE, rewritten, NO_OUTLINE, finalPosition);
        }
      }
      result.add(new Selection(partition, selected));
    }
    finalPosition[0] = position;
    return result;
  }

  private static List<MemberMapping> select(
      List<MemberMapping> partition, Filter filter, int position) {
    switch (filter) {
      case ZERO: {
        // R8 looks a frame without line up as line 0, else takes the first line-less range.
        List<MemberMapping> atZero = select(partition, Filter.LINE, 0);
        if (!atZero.isEmpty()) {
          return atZero;
        }
        for (MemberMapping m : partition) {
          if (!m.hasMinifiedRange()) {
            return List.of(m);
          }
        }
        return List.of();
      }
      case NO_MINIFIED: {
        List<MemberMapping> out = new ArrayList<>();
        for (MemberMapping m : partition) {
          if (!m.hasMinifiedRange()) {
            out.add(m);
          }
        }
        return out;
      }
      default: {
        for (int i = 0; i < partition.size(); i++) {
          MemberMapping m = partition.get(i);
          if (m.minifiedContains(position)) {
            int j = i + 1;
            while (j < partition.size() && partition.get(j).sameMinifiedRange(m)) {
              j++;
            }
            return partition.subList(i, j);
          }
        }
        return List.of();
      }
    }
  }

  private static boolean isAmbiguous(List<Selection> selections) {
    if (selections.size() > 1) {
      return true;
    }
    List<MemberMapping> ranges = selections.get(0).ranges;
    MemberMapping first = ranges.get(0);
    for (MemberMapping m : ranges) {
      if (m.isOriginalRangeAmbiguous()) {
        return true;
      }
      if (m != first && (!m.hasMinifiedRange() || !m.sameMinifiedRange(first))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Splits a method's lines into overloads: inline chains (lines sharing one minified range) are
   * grouped while their outermost frame keeps the same original signature.
   */
  static List<List<MemberMapping>> partition(List<MemberMapping> ranges) {
    if (ranges.size() <= 1) {
      return List.of(ranges);
    }
    int[] index = {0};
    List<MemberMapping> current = new ArrayList<>();
    addChain(ranges, index, current);
    if (last(current).sameOriginalSignature(last(ranges))) {
      return List.of(ranges);
    }
    List<List<MemberMapping>> partitions = new ArrayList<>();
    while (index[0] < ranges.size()) {
      List<MemberMapping> next = new ArrayList<>();
      addChain(ranges, index, next);
      if (!last(current).sameOriginalSignature(last(next))) {
        partitions.add(current);
        current = new ArrayList<>();
      }
      current.addAll(next);
    }
    partitions.add(current);
    return partitions;
  }

  private static void addChain(List<MemberMapping> ranges, int[] index, List<MemberMapping> out) {
    int i = index[0];
    while (i + 1 < ranges.size()
        && ranges.get(i).hasMinifiedRange()
        && ranges.get(i).sameMinifiedRange(ranges.get(i + 1))) {
      out.add(ranges.get(i++));
    }
    out.add(ranges.get(i++));
    index[0] = i;
  }

  static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
