package dev.symbolic.sourcemap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code x_hermes_function_offsets} field of a Hermes bytecode source map: for each bytecode
 * segment (a JSON object key, a decimal segment ID, usually just {@code "0"}), the bytecode
 * offsets at which the segment's functions start, indexed by function ID. Keys that are not
 * decimal integers are ignored.
 *
 * <p>Hermes stack frames carry a function ID and a bytecode offset relative to that function;
 * {@link #offset(int, int)} turns them into the absolute bytecode offset that the map's mappings
 * (line 0, column = bytecode offset) are keyed by. {@link #functionAt(int, int)} goes the other
 * way. Instances are immutable.
 */
public final class HermesFunctionOffsets {
  private final int[] segmentIds;
  private final int[][] offsets;

  private HermesFunctionOffsets(int[] segmentIds, int[][] offsets) {
    this.segmentIds = segmentIds;
    this.offsets = offsets;
  }

  static HermesFunctionOffsets parse(byte[] json, int start, int end) {
    SourceMapJson j = new SourceMapJson(json, start, end);
    j.expect('{');
    List<int[]> entries = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (boolean first = true; j.more('}', first); first = false) {
      String key = j.key();
      int id;
      try {
        id = Integer.parseInt(key);
      } catch (NumberFormatException e) {
        j.skipValue(1);
        continue;
      }
      j.expect('[');
      int[] out = new int[16];
      int n = 0;
      for (boolean f = true; j.more(']', f); f = false) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = j.integer();
      }
      int existing = ids.indexOf(id);
      if (existing >= 0) { // duplicate key: the last wins, as in JSON.parse
        entries.set(existing, Arrays.copyOf(out, n));
      } else {
        ids.add(id);
        entries.add(Arrays.copyOf(out, n));
      }
    }
    Integer[] order = new Integer[ids.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(ids.get(a), ids.get(b)));
    int[] sortedIds = new int[order.length];
    int[][] sortedOffsets = new int[order.length][];
    for (int i = 0; i < order.length; i++) {
      sortedIds[i] = ids.get(order[i]);
      sortedOffsets[i] = entries.get(order[i]);
    }
    return new HermesFunctionOffsets(sortedIds, sortedOffsets);
  }

  private int[] of(int segmentId) {
    int i = Arrays.binarySearch(segmentIds, segmentId);
    return i < 0 ? null : offsets[i];
  }

  /**
   * Returns the segment IDs present, ascending.
   *
   * @return the IDs
   */
  public List<Integer> segmentIds() {
    List<Integer> out = new ArrayList<>(segmentIds.length);
    for (int id : segmentIds) {
      out.add(id);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the number of functions of a segment.
   *
   * @param segmentId the bytecode segment
   * @return the function count, 0 for an unknown segment
   */
  public int functionCount(int segmentId) {
    int[] o = of(segmentId);
    return o == null ? 0 : o.length;
  }

  /**
   * Returns the bytecode offset at which a function starts.
   *
   * @param segmentId the bytecode segment
   * @param functionId the function's index in the segment
   * @return the offset, empty for an unknown segment or function
   */
  public OptionalInt offset(int segmentId, int functionId) {
    int[] o = of(segmentId);
    if (o == null || functionId < 0 || functionId >= o.length) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(o[functionId]);
  }

  /**
   * Returns all function start offsets of a segment.
   *
   * @param segmentId the bytecode segment
   * @return a copy of the offsets indexed by function ID, empty for an unknown segment
   */
  public int[] offsets(int segmentId) {
    int[] o = of(segmentId);
    return o == null ? new int[0] : o.clone();
  }

  /**
   * Finds the function containing a bytecode offset: the one with the greatest start offset at or
   * before it (the lowest function ID among equal starts). This assumes functions are laid out
   * contiguously, as Hermes does.
   *
   * @param segmentId the bytecode segment
   * @param bytecodeOffset the absolute bytecode offset
   * @return the function ID, empty if no function starts at or before the offset
   */
  public OptionalInt functionAt(int segmentId, int bytecodeOffset) {
    int[] o = of(segmentId);
    if (o == null) {
      return OptionalInt.empty();
    }
    int best = -1;
    for (int i = 0; i < o.length; i++) {
      if (o[i] <= bytecodeOffset && (best < 0 || o[i] > o[best])) {
        best = i;
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("HermesFunctionOffsets{");
    for (int i = 0; i < segmentIds.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(segmentIds[i]).append(": ").append(offsets[i].length).append(" functions");
    }
    return sb.append('}').toString();
  }
}
