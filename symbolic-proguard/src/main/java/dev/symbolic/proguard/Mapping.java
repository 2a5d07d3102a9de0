package dev.symbolic.proguard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ProGuard/R8 mapping you can remap names and frames with: either the text file
 * ({@link ProguardMapping}) or its binary cache ({@link ProguardCache}); both give the same
 * answers.
 *
 * <pre>{@code
 * Mapping mapping = ProguardMapping.open(Path.of("mapping.txt"));
 * mapping.remapClass("a.b");                                    // Optional[com.example.Foo]
 * mapping.remapFrame(StackFrame.of("a.b", "c", "SourceFile", 12)); // [[com.example.Foo.bar(Foo.java:40)]]
 * String text = Retracer.of(mapping).retrace(obfuscatedStackTrace);
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Mapping {

  /** The header comments of the mapping. */
  MappingHeader header();

  /** The mapping of the class with this obfuscated name. */
  Optional<ClassMapping> classMapping(String obfuscatedName);

  /** The mapping of the class with this original name. */
  Optional<ClassMapping> classMappingByOriginalName(String originalName);

  /**
   * The source file the mapping's {@code sourceFile} metadata gives the class with this original
   * name; empty when the class is unknown or has none.
   */
  default Optional<String> sourceFile(String originalName) {
    return classMappingByOriginalName(originalName).flatMap(ClassMapping::sourceFile);
  }

  /** The original name of an obfuscated class. */
  default Optional<String> remapClass(String obfuscatedName) {
    return classMapping(obfuscatedName).map(ClassMapping::originalName);
  }

  /** The field lines for an obfuscated field name of an obfuscated class, in mapping order. */
  default List<MemberMapping> remapField(String obfuscatedClass, String obfuscatedField) {
    return classMapping(obfuscatedClass).map(c -> c.fields(obfuscatedField)).orElse(List.of());
  }

  /**
   * The method lines for an obfuscated method name, in mapping order; several for overloads and
   * inlined code.
   */
  default List<MemberMapping> remapMethod(String obfuscatedClass, String obfuscatedMethod) {
    return classMapping(obfuscatedClass).map(c -> c.methods(obfuscatedMethod)).orElse(List.of());
  }

  /**
   * Remaps one obfuscated frame, as R8 retrace does.
   *
   * @return one list per candidate (more than one when the mapping is ambiguous for the frame),
   *     each with the original frames innermost first (inlined code gives several); an empty
   *     list when the frame is compiler-synthesized and vanishes; the frame with only its class
   *     remapped when the method is unknown
   */
  default List<List<StackFrame>> remapFrame(StackFrame frame) {
    ClassMapping cls = classMapping(frame.className()).orElse(null);
    String className = cls == null ? frame.className() : cls.originalName();
    int position = frame.line() > 0 ? frame.line() : FrameLookup.NONE;
    String obfuscatedFile = frame.fileName().orElse(null);
    FrameLookup.Result result =
        FrameLookup.lookup(cls, frame.methodName(), position, null, FrameLookup.NO_OUTLINE);
    if (result.isEmpty()) {
      String file = obfuscatedFile == null ? null
          : SourceFiles.forClass(this, className, obfuscatedFile, cls != null);
      return List.of(List.of(StackFrame.of(className, frame.methodName(), file, frame.line())));
    }
    List<List<StackFrame>> candidates = new ArrayList<>();
    for (RetracedFrames.Candidate candidate :
        RetracedFrames.of(this, className, result, position, obfuscatedFile, false).candidates) {
      List<StackFrame> frames = new ArrayList<>(candidate.frames.size());
      for (RetracedFrames.Frame f : candidate.frames) {
        frames.add(StackFrame.remapped(f.className, f.method.originalName(), f.file,
            f.line == FrameLookup.NONE ? 0 : f.line, f.method.type(), f.method.arguments()));
      }
      candidates.add(List.copyOf(frames));
    }
    return List.copyOf(candidates);
  }
}
