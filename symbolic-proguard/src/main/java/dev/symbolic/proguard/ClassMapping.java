package dev.symbolic.proguard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mapping of one class: its original and obfuscated names, its source file, and its members
 * in mapping order.
 *
 * <p>Immutable and thread-safe. Obtained from {@link Mapping#classMapping(String)}.
 */
public final class ClassMapping {
  private final String obfuscatedName;
  private final String originalName;
  private final String sourceFile;
  private final boolean synthesized;
  private final List<MemberMapping> members;
  private final Map<String, List<MemberMapping>> methodsByName;
  private final Map<String, List<MemberMapping>> fieldsByName;
  private final Set<String> synthesizedMembers;

  ClassMapping(
      String obfuscatedName,
      String originalName,
      String sourceFile,
      boolean synthesized,
      List<MemberMapping> members) {
    this.obfuscatedName = obfuscatedName;
    this.originalName = originalName;
    this.sourceFile = sourceFile;
    this.synthesized = synthesized;
    this.members = Collections.unmodifiableList(new ArrayList<>(members));
    Map<String, List<MemberMapping>> methods = new HashMap<>();
    Map<String, List<MemberMapping>> fields = new HashMap<>();
    Set<String> synthesizedKeys = new HashSet<>();
    for (MemberMapping member : members) {
      (member.isMethod() ? methods : fields)
          .computeIfAbsent(member.obfuscatedName(), k -> new ArrayList<>(2))
          .add(member);
      if (member.isSynthesized() || member.isOutline()) {
        synthesizedKeys.add(member.memberKey());
      }
    }
    methods.replaceAll((k, v) -> Collections.unmodifiableList(v));
    fields.replaceAll((k, v) -> Collections.unmodifiableList(v));
    this.methodsByName = methods;
    this.fieldsByName = fields;
    this.synthesizedMembers = synthesizedKeys;
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
    return members;
  }

  /** The method lines with the given obfuscated name, in mapping order. */
  public List<MemberMapping> methods(String obfuscatedName) {
    return methodsByName.getOrDefault(obfuscatedName, List.of());
  }

  /** The field lines with the given obfuscated name, in mapping order. */
  public List<MemberMapping> fields(String obfuscatedName) {
    return fieldsByName.getOrDefault(obfuscatedName, List.of());
  }

  /**
   * Whether the obfuscated member that {@code member} belongs to is compiler-synthesized: R8 marks
   * one of its lines, and the mark holds for the member as a whole.
   */
  boolean isSynthesizedMember(MemberMapping member) {
    return !synthesizedMembers.isEmpty() && synthesizedMembers.contains(member.memberKey());
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
        && members.equals(c.members);
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
