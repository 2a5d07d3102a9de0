package dev.symbolic.minidump;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Crashpad annotations of one module.
 *
 * @param moduleIndex the index of the module in the module list
 * @param listAnnotations the module's list annotations
 * @param simpleAnnotations the module's key-value annotations, in file order
 * @param annotationObjects the module's typed annotations
 */
public record CrashpadModuleInfo(
    long moduleIndex,
    List<String> listAnnotations,
    Map<String, String> simpleAnnotations,
    List<CrashpadAnnotation> annotationObjects) {
  /** Copies the collections and checks for nulls. */
  public CrashpadModuleInfo {
    listAnnotations = List.copyOf(listAnnotations);
    simpleAnnotations = CrashpadInfo.copy(simpleAnnotations);
    annotationObjects = List.copyOf(annotationObjects);
  }
}
