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
    int position = frame.line() > 0 ? frame.line() : FrameLookup.NONE;
    FrameLookup.Result result =
        FrameLookup.lookup(cls, frame.methodName(), position, null, FrameLookup.NO_OUTLINE);
    String obfuscatedFile = frame.fileName().orElse("");
    if (result.isEmpty()) {
      String className = cls == null ? frame.className() : cls.originalName();
      String file = frame.fileName().isPresent() ? SourceFiles.forClass(this, className, obfuscatedFile, cls != null)
          : null;
      return List.of(List.of(StackFrame.of(className, frame.methodName(), file, frame.line())));
    }
    List<List<StackFrame>> candidates = new ArrayList<>();
    for (FrameLookup.Candidate candidate : result.candidates) {
      if (candidate.frames.isEmpty()) {
        continue;
      }
      List<StackFrame> frames = new ArrayList<>(candidate.frames.size());
      for (FrameLookup.Frame f : candidate.frames) {
        String holder = f.range.originalClass().orElse(cls.originalName());
        int line = f.line != FrameLookup.NONE ? f.line : frame.line();
        frames.add(StackFrame.remapped(holder, f.range.originalName(),
            SourceFiles.forClass(this, holder, obfuscatedFile, true), line, f.range.type(), f.range.arguments()));
      }
      candidates.add(List.copyOf(frames));
    }
    return List.copyOf(candidates);
  }
}
