package dev.symbolic.minidump;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An immutable set of named register values: the input and output of the CFI unwinders.
 *
 * <p>A register that is present holds a valid value; a register whose value is unknown is simply
 * absent. Besides machine registers ({@code esp}, {@code rip}, {@code x29}, {@code sp}, {@code
 * pc}, {@code lr}...) the set may hold Breakpad's pseudo registers {@code .cfa} (the canonical
 * frame address) and {@code .ra} (the return address), and the variables of {@code STACK WIN}
 * programs ({@code $T0}, {@code .raSearchStart}...).
 *
 * <p>Names are compared without a leading {@code $}: Breakpad writes x86 and amd64 registers as
 * {@code $esp} or {@code $rsp} and ARM registers as {@code sp}, and rust-minidump accepts both
 * spellings, so {@code get("$esp")} and {@code get("esp")} are the same register. {@link #names()}
 * returns the names without the {@code $}. (A name starting with {@code $$} keeps both, so that
 * no name becomes the empty name.)
 */
public final class CfiRegisters {
  private static final CfiRegisters EMPTY = new CfiRegisters(new String[0], new long[0]);

  // Parallel arrays in insertion order; register sets are small, so a linear search is faster
  // than hashing and allocates nothing.
  private final String[] names;
  private final long[] values;

  private CfiRegisters(String[] names, long[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * Returns the empty set.
   *
   * @return a set without registers
   */
  public static CfiRegisters empty() {
    return EMPTY;
  }

  /**
   * Returns a set holding the entries of {@code registers}, in the map's iteration order.
   *
   * @param registers names and values; names must not be empty
   * @return the set
   * @throws IllegalArgumentException if a name is empty or two names differ only by a leading
   *     {@code $}
   */
  public static CfiRegisters of(Map<String, Long> registers) {
    String[] n = new String[registers.size()];
    long[] v = new long[n.length];
    int i = 0;
    for (Map.Entry<String, Long> e : registers.entrySet()) {
      String name = canonical(e.getKey());
      for (int j = 0; j < i; j++) {
        if (n[j].equals(name)) {
          throw new IllegalArgumentException("duplicate register " + e.getKey());
        }
      }
      n[i] = name;
      v[i] = Objects.requireNonNull(e.getValue(), "value");
      i++;
    }
    return new CfiRegisters(n, v);
  }

  /**
   * Returns a set with {@code name} set to {@code value}, replacing an earlier value.
   *
   * @param name the register name; must not be empty
   * @param value the value
   * @return the new set
   */
  public CfiRegisters with(String name, long value) {
    String c = canonical(name);
    int i = indexOf(c);
    if (i >= 0) {
      long[] v = values.clone();
      v[i] = value;
      return new CfiRegisters(names, v);
    }
    String[] n = Arrays.copyOf(names, names.length + 1);
    long[] v = Arrays.copyOf(values, values.length + 1);
    n[names.length] = c;
    v[values.length] = value;
    return new CfiRegisters(n, v);
  }

  /**
   * Returns a set without {@code name}: its value becomes unknown.
   *
   * @param name the register name, with or without a leading {@code $}
   * @return the new set; this set if the register is absent
   */
  public CfiRegisters without(String name) {
    int i = indexOf(canonical(name));
    if (i < 0) {
      return this;
    }
    String[] n = new String[names.length - 1];
    long[] v = new long[n.length];
    System.arraycopy(names, 0, n, 0, i);
    System.arraycopy(values, 0, v, 0, i);
    System.arraycopy(names, i + 1, n, i, n.length - i);
    System.arraycopy(values, i + 1, v, i, n.length - i);
    return new CfiRegisters(n, v);
  }

  /**
   * Returns this set overlaid with every register of {@code other}; where both hold a register,
   * {@code other} wins.
   *
   * @param other the registers to add
   * @return the combined set
   */
  public CfiRegisters withAll(CfiRegisters other) {
    CfiRegisters out = this;
    for (int i = 0; i < other.names.length; i++) {
      out = out.with(other.names[i], other.values[i]);
    }
    return out;
  }

  /**
   * Returns the value of a register.
   *
   * @param name the register name, with or without a leading {@code $}
   * @return the value, or empty if the register is absent
   */
  public OptionalLong get(String name) {
    int i = indexOf(canonical(name));
    return i < 0 ? OptionalLong.empty() : OptionalLong.of(values[i]);
  }

  /**
   * Tells whether a register is present.
   *
   * @param name the register name, with or without a leading {@code $}
   * @return true if the register has a valid value
   */
  public boolean contains(String name) {
    return indexOf(canonical(name)) >= 0;
  }

  /**
   * Returns the names of the present registers without a leading {@code $}, in insertion order.
   *
   * @return an unmodifiable list
   */
  public List<String> names() {
    return List.of(names);
  }

  /**
   * Returns the number of present registers.
   *
   * @return the size
   */
  public int size() {
    return names.length;
  }

  /**
   * Returns the registers as a map from name (without {@code $}) to value, in insertion order.
   *
   * @return an unmodifiable map
   */
  public Map<String, Long> toMap() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Index of a canonical name, or -1. */
  int indexOf(String canonicalName) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(canonicalName)) {
        return i;
      }
    }
    return -1;
  }

  /** The value at an index returned by {@link #indexOf(String)}. */
  long valueAt(int index) {
    return values[index];
  }

  /**
   * The name without a leading {@code $}, unless another {@code $} follows it: stripping must be
   * idempotent, since stored names are canonicalized again when a set is copied.
   *
   * @throws IllegalArgumentException if the name is empty or just {@code $}
   */
  static String canonical(String name) {
    if (name.isEmpty() || name.equals("$")) {
      throw new IllegalArgumentException("empty register name");
    }
    return name.charAt(0) == '$' && name.charAt(1) != '$' ? name.substring(1) : name;
  }

  /** Two sets are equal if they hold the same registers with the same values, in any order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CfiRegisters r && toMap().equals(r.toMap());
  }

  @Override
  public int hashCode() {
    return toMap().hashCode();
  }

  /** Lists the registers as {@code name=0xvalue} in insertion order. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append("=0x").append(Long.toHexString(values[i]));
    }
    return sb.append('}').toString();
  }
}
