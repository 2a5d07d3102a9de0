/**
 * Common types shared by the symbolic format modules: {@link dev.symbolic.common.ByteView},
 * debug identifiers, architectures, names, source paths and the exception hierarchy.
 */
module dev.symbolic.common {
  exports dev.symbolic.common;
}
