package dev.symbolic.fuzz;

import dev.symbolic.proguard.ClassMapping;
import dev.symbolic.proguard.Mapping;
import dev.symbolic.proguard.MemberMapping;
import dev.symbolic.proguard.Retracer;
import dev.symbolic.proguard.StackFrame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Drives every lookup of a {@link Mapping}, so that a fuzz target reaches all of its code. */
final class Exercise {
  /** At most this many classes and members per class are looked at, to keep an input fast. */
  private static final int MAX_CLASSES = 64;

  private static final int MAX_MEMBERS = 64;

  /**
   * Obfuscated and original class names the seeds use, looked up in every mapping; a mutated
   * cache cannot list its classes, so this is how its class records are reached.
   */
  static final List<String> KNOWN_NAMES = List.of(
      "a", "b", "a.a", "a.b", "a.c", "a.d", "a.e", "x.a", "x.b", "x.c", "x.d",
      "dev.fuzz.Caller", "dev.fuzz.Main", "dev.fuzz.Outlines", "dev.fuzz.Synth",
      "com.example.Shop", "com.example.Shop$Cart", "java.lang.Object", "");

  /** A trace in the obfuscated names of the seeds, retraced against every mapping. */
  static final String TRACE = String.join("\n",
      "Exception in thread \"main\" java.lang.NullPointerException: boom",
      "\tat x.b.c(SourceFile:5)",
      "\tat x.b.b(SourceFile:3)",
      "\tat x.a.a(SourceFile:1)",
      "\tat x.b.b(SourceFile:3)",
      "\tat x.c.main(SourceFile:2)",
      "\tSuppressed: java.lang.IllegalStateException: x.d",
      "\t\tat x.b.d(Unknown Source)",
      "\t\tat x.d.run(SourceFile)",
      "\t\t... 1 more",
      "Caused by: a.c: could not",
      "\tat a.a.a(SourceFile:3)",
      "\tat a.e.run(SourceFile:2)",
      "\tat java.base/java.lang.Thread.run(Thread.java:833)",
      "\t... 2 more",
      "");

  private Exercise() {}

  /**
   * Looks up every known name and every name in {@code classNames} (bounded).
   *
   * @param consistent whether to also check that lookups agree with each other (every class is
   *     found by its original name); true of every parsed mapping and of every cache the writer
   *     produces, but not promised for a corrupted cache, which need only not throw anything but
   *     {@code ParseException}
   */
  static void lookups(Mapping mapping, List<String> classNames, boolean consistent) {
    String header = mapping.header().toString();
    if (header.isEmpty()) {
      throw new AssertionError("empty header description");
    }
    Set<String> names = new LinkedHashSet<>(KNOWN_NAMES);
    names.addAll(classNames.subList(0, Math.min(classNames.size(), MAX_CLASSES)));
    for (String name : names) {
      mapping.remapClass(name);
      mapping.remapMethod(name, "a");
      mapping.remapField(name, "a");
      mapping.remapFrame(StackFrame.of(name, "a", "SourceFile", 1));
      mapping.classMappingByOriginalName(name);
      Optional<ClassMapping> cls = mapping.classMapping(name);
      if (cls.isPresent()) {
        members(mapping, cls.get(), consistent);
      }
    }
  }

  private static void members(Mapping mapping, ClassMapping cls, boolean consistent) {
    String name = cls.obfuscatedName();
    cls.sourceFile();
    cls.isSynthesized();
    if (mapping.classMappingByOriginalName(cls.originalName()).isEmpty() && consistent) {
      throw new AssertionError("class " + cls + " not found by its original name");
    }
    List<MemberMapping> members = cls.members();
    for (MemberMapping m : members.subList(0, Math.min(members.size(), MAX_MEMBERS))) {
      touch(m);
      if (!m.isMethod()) {
        mapping.remapField(name, m.obfuscatedName());
        continue;
      }
      mapping.remapMethod(name, m.obfuscatedName());
      mapping.remapFrame(StackFrame.of(name, m.obfuscatedName(), 0));
      mapping.remapFrame(StackFrame.of(name, m.obfuscatedName(), "SourceFile", 0));
      if (m.hasMinifiedRange()) {
        mapping.remapFrame(StackFrame.of(name, m.obfuscatedName(), "SourceFile",
            m.minifiedStart()));
        mapping.remapFrame(StackFrame.of(name, m.obfuscatedName(), "Unknown Source",
            m.minifiedEnd()));
        mapping.remapFrame(StackFrame.of(name, m.obfuscatedName(), "SourceFile",
            m.minifiedEnd() + 1));
      }
    }
  }

  private static void touch(MemberMapping m) {
    m.type();
    m.originalClass();
    m.originalName();
    m.arguments();
    m.obfuscatedName();
    m.signature();
    m.isSynthesized();
    m.isOutline();
    m.residualSignature();
    m.isOutlineCallsite();
    m.outlineTarget();
    m.outlineCallsitePosition(1);
    m.outlineCallsitePosition(Integer.MAX_VALUE);
    m.rewriteFrames().forEach(rule -> {
      rule.matches("java.lang.NullPointerException");
      rule.removeInnerFrames();
      rule.toString();
    });
    m.toString();
  }

  /**
   * Retraces the fixed trace and a trace of frames built from the mapping's own methods, plain
   * and verbose.
   */
  static void retrace(Mapping mapping, List<String> classNames) {
    StringBuilder trace = new StringBuilder(TRACE);
    trace.append("java.lang.RuntimeException: own frames\n");
    List<String> names = classNames.subList(0, Math.min(classNames.size(), MAX_CLASSES));
    for (String name : names) {
      Optional<ClassMapping> cls = mapping.classMapping(name);
      if (cls.isEmpty()) {
        continue;
      }
      List<MemberMapping> members = cls.get().members();
      for (MemberMapping m : members.subList(0, Math.min(members.size(), 8))) {
        if (m.isMethod()) {
          int line = m.hasMinifiedRange() ? m.minifiedStart() : 1;
          trace.append("\tat ").append(name).append('.').append(m.obfuscatedName())
              .append("(SourceFile:").append(line).append(")\n");
        }
      }
    }
    String text = trace.toString();
    // The byte path, which reads a cache's tables directly (a corrupt one may answer otherwise
    // than the general path, but only ever with a ParseException).
    try {
      Retracer.of(mapping).retrace(
          new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          new java.io.ByteArrayOutputStream());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (Retracer retracer : List.of(Retracer.of(mapping), Retracer.of(mapping).verbose(true))) {
      String out = retracer.retrace(text);
      if (out.isEmpty()) {
        // The first line is an exception line, never a frame, so it cannot vanish.
        throw new AssertionError("the trace retraced to nothing");
      }
      retracer.retraceLine(text.substring(0, text.indexOf('\n')));
    }
  }

  /** The obfuscated names of a mapping's classes, as a list. */
  static List<String> names(Iterable<ClassMapping> classes) {
    List<String> names = new ArrayList<>();
    classes.forEach(c -> names.add(c.obfuscatedName()));
    return names;
  }
}
