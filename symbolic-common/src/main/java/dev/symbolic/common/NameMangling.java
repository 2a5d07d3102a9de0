package dev.symbolic.common;

/** Whether a {@link Name} is known to be mangled. */
public enum NameMangling {
  /** The name is definitely mangled. */
  MANGLED,
  /** The name is definitely not mangled. */
  UNMANGLED,
  /** Nothing is known; a demangler may try. */
  UNKNOWN
}
