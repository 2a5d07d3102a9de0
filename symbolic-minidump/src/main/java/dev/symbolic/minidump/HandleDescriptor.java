package dev.symbolic.minidump;

import java.util.Objects;

/**
 * One {@code MINIDUMP_HANDLE_DESCRIPTOR} of the handle data stream: a kernel object handle the
 * process held.
 *
 * @param handle the handle value
 * @param typeName the object type, for example {@code File} or {@code Event}; empty if unknown
 * @param objectName the object name; empty if unknown
 * @param attributes the handle attributes
 * @param grantedAccess the access mask granted
 * @param handleCount the number of handles to the object
 * @param pointerCount the number of kernel references to the object
 */
public record HandleDescriptor(
    long handle,
    String typeName,
    String objectName,
    long attributes,
    long grantedAccess,
    long handleCount,
    long pointerCount) {
  /** Checks for null names. */
  public HandleDescriptor {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(objectName, "objectName");
  }
}
