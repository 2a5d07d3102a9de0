package dev.symbolic.proguard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mapping of one class: its original and obfuscated names, its source file, and its members
 * in mapping order.
 *
 * <p>Immutable and thread-safe. Obtained from {@link Mapping#classMapping(String)}.
 */
public final class ClassMapping {
  /** Reads a class's member lines on demand, so a lookup parses only the lines it needs. */
  interface MemberSource {
    /** The member lines with this obfuscated name, with their metadata, in mapping order. */
    List<MemberMapping> named(String obfuscatedName);

    /** Every member line, in mapping order. */
    List<MemberMapping> all();
  }

  private final String obfuscatedName;
  private final String originalName;
  private final String sourceFile;
  private final boolean synthesized;
  private final MemberSource source;
  private final Map<String, List<MemberMapping>> methodsByName = new ConcurrentHashMap<>();
  private final Map<String, List<MemberMapping>> fieldsByName = new ConcurrentHashMap<>();
  private volatile List<MemberMapping> members;

  ClassMapping(
      String obfuscatedName,
      String originalName,
      String sourceFile,
      boolean synthesized,
      List<MemberMapping> members) {
    this(obfuscatedName, originalName, sourceFile, synthesized, eager(members));
  }

  ClassMapping(
      String obfuscatedName,
      String originalName,
      String sourceFile,
      boolean synthesized,
      MemberSource source) {
    this.obfuscatedName = obfuscatedName;
    this.originalName = originalName;
    this.sourceFile = sourceFile;
    this.synthesized = synthesized;
    this.source = source;
  }

  private static MemberSource eager(List<MemberMapping> list) {
    List<MemberMapping> all = Collections.unmodifiableList(new ArrayList<>(list));
    Map<String, List<MemberMapping>> index = new HashMap<>();
    for (MemberMapping m : all) {
      index.computeIfAbsent(m.obfuscatedName(), k -> new ArrayList<>(2)).add(m);
    }
    return new MemberSource() {
      @Override
      public List<MemberMapping> named(String name) {
        return index.getOrDefault(name, List.of());
      }

      @Override
      public List<MemberMapping> all() {
        return all;
      }
    };
  }

  /** The class name in the obfuscated program ({@code a.b}). */
  public String obfuscatedName() {
    return obfuscatedName;
  }

  /** The class name in the original program ({@code com.example.Foo$Bar}). */
  public String originalName() {
    return originalName;
  }

  /** The original source file name, from R8's {@code sourceFile} metadata. */
  public Optional<String> sourceFile() {
    return Optional.ofNullable(sourceFile);
  }

  String sourceFileOrNull() {
    return sourceFile;
  }

  /** Whether R8 marked the whole class as compiler-synthesized. */
  public boolean isSynthesized() {
    return synthesized;
  }

  /** Every member line of the class, in mapping order. */
  public List<MemberMapping> members() {
    List<MemberMapping> all = members;
    if (all == null) {
      all = Collections.unmodifiableList(source.all());
      members = all;
    }
    return all;
  }

  /** The method lines with the given obfuscated name, in mapping order. */
  public List<MemberMapping> methods(String obfuscatedName) {
    return named(obfuscatedName, true);
  }

  /** The field lines with the given obfuscated name, in mapping order. */
  public List<MemberMapping> fields(String obfuscatedName) {
    return named(obfuscatedName, false);
  }

  private List<MemberMapping> named(String obfuscatedName, boolean methods) {
    Map<String, List<MemberMapping>> byName = methods ? methodsByName : fieldsByName;
    List<MemberMapping> known = byName.get(obfuscatedName);
    if (known != null) {
      return known;
    }
    // Not computeIfAbsent: a lambda here would set up the method-handle machinery in every
    // short-lived retrace (see Retracer's byte path), for nothing.
    List<MemberMapping> out = new ArrayList<>(2);
    for (MemberMapping m : source.named(obfuscatedName)) {
      if (m.isMethod() == methods) {
        out.add(m);
      }
    }
    List<MemberMapping> lines = out.isEmpty() ? List.of() : Collections.unmodifiableList(out);
    known = byName.putIfAbsent(obfuscatedName, lines);
    return known != null ? known : lines;
  }

  /**
   * Whether the obfuscated member that {@code member} belongs to is compiler-synthesized: R8 marks
   * one of its lines, and the mark holds for the member as a whole.
   */
  boolean isSynthesizedMember(MemberMapping member) {
    for (MemberMapping m : methods(member.obfuscatedName())) {
      if ((m.isSynthesized() || m.isOutline()) && m.sameMember(member)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClassMapping)) {
      return false;
    }
    ClassMapping c = (ClassMapping) o;
    return obfuscatedName.equals(c.obfuscatedName)
        && originalName.equals(c.originalName)
        && java.util.Objects.equals(sourceFile, c.sourceFile)
        && synthesized == c.synthesized
        && members().equals(c.members());
  }

  @Override
  public int hashCode() {
    return obfuscatedName.hashCode() * 31 + originalName.hashCode();
  }

  @Override
  public String toString() {
    return originalName + " -> " + obfuscatedName;
  }
}
