/**
 * Common types shared by the symbolic format modules.
 *
 * <ul>
 *   <li>{@link dev.symbolic.common.ByteView} and {@link dev.symbolic.common.ByteReader}:
 *       bounds-checked, zero-copy access to bytes in memory or in memory-mapped files of any size.
 *   <li>{@link dev.symbolic.common.ParseException} and its base {@link
 *       dev.symbolic.common.SymbolicException}: the only exceptions thrown for malformed input.
 *   <li>{@link dev.symbolic.common.DebugId} and {@link dev.symbolic.common.CodeId}: identifiers of
 *       debug and code files, compatible with Breakpad and Sentry.
 *   <li>{@link dev.symbolic.common.Arch}, {@link dev.symbolic.common.CpuFamily}, {@link
 *       dev.symbolic.common.Language}, {@link dev.symbolic.common.Name} and {@link
 *       dev.symbolic.common.SourcePaths}.
 * </ul>
 *
 * <p>Reading a header from a mapped file:
 *
 * <pre>{@code
 * ByteView file = ByteView.map(Path.of("app.debug"));
 * ByteReader r = file.reader();
 * long magic = r.u32le();
 * long count = r.uleb128();
 * String producer = r.cstring();
 * ByteView rest = r.bytes(r.remaining()); // zero-copy
 * }</pre>
 *
 * <p>All value types in this package are immutable and thread-safe, except {@link
 * dev.symbolic.common.ByteReader}, which is a cheap per-thread cursor. Public methods never return
 * null; absent values are {@link java.util.Optional}.
 */
package dev.symbolic.common;
