package dev.symbolic.proguard;

import java.util.List;
import java.util.Objects;

/**
 * One {@code com.android.tools.r8.rewriteFrame} rule of a mapped method range.
 *
 * <p>When every condition holds for the exception a frame was thrown with, the rule's actions
 * apply. R8 emits one condition, {@code throws(<descriptor>)}, and one action,
 * {@code removeInnerFrames(<n>)}: the innermost {@code n} frames of the inline chain were
 * introduced by the compiler (for example a null check) and are dropped from the retraced trace.
 */
public final class RewriteFrameRule {
  private final List<String> thrownDescriptors;
  private final int removeInnerFrames;

  RewriteFrameRule(List<String> thrownDescriptors, int removeInnerFrames) {
    this.thrownDescriptors = List.copyOf(thrownDescriptors);
    this.removeInnerFrames = removeInnerFrames;
  }

  /** Class descriptors ({@code Ljava/lang/NullPointerException;}) that must all be the thrown type. */
  public List<String> thrownDescriptors() {
    return thrownDescriptors;
  }

  /** How many innermost frames to remove when the conditions hold. */
  public int removeInnerFrames() {
    return removeInnerFrames;
  }

  /** Whether the conditions hold for an exception of the given (obfuscated) class name. */
  public boolean matches(String thrownClassName) {
    if (thrownClassName == null) {
      return false;
    }
    for (String descriptor : thrownDescriptors) {
      if (!descriptor.equals(Descriptors.ofClassName(thrownClassName))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RewriteFrameRule
        && ((RewriteFrameRule) o).removeInnerFrames == removeInnerFrames
        && ((RewriteFrameRule) o).thrownDescriptors.equals(thrownDescriptors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(thrownDescriptors, removeInnerFrames);
  }

  @Override
  public String toString() {
    return "RewriteFrameRule" + thrownDescriptors + " removeInnerFrames(" + removeInnerFrames + ")";
  }
}
