package dev.symbolic.proguard;

import java.util.Optional;

/**
 * The comments at the top of a mapping file: which compiler wrote it and which mapping version.
 *
 * <pre>
 * # compiler: R8
 * # compiler_version: 8.5.35
 * # min_api: 24
 * # {"id":"com.android.tools.r8.mapping","version":"2.2"}
 * # pg_map_id: 3d8c4c4
 * # pg_map_hash: SHA-256 3d8c...
 * </pre>
 *
 * <p>The map version matters: without it, R8 ignores the outline, outline call site,
 * rewriteFrame and residual signature metadata, and so does this library.
 */
public final class MappingHeader {
  static final MappingHeader EMPTY = new MappingHeader(null, null, null, null, null, null);

  private final String compiler;
  private final String compilerVersion;
  private final String minApi;
  private final String mapVersion;
  private final String pgMapId;
  private final String pgMapHash;
  private final int versionCode;

  MappingHeader(
      String compiler,
      String compilerVersion,
      String minApi,
      String mapVersion,
      String pgMapId,
      String pgMapHash) {
    this.compiler = compiler;
    this.compilerVersion = compilerVersion;
    this.minApi = minApi;
    this.mapVersion = mapVersion;
    this.pgMapId = pgMapId;
    this.pgMapHash = pgMapHash;
    this.versionCode = versionCode(mapVersion);
  }

  /** {@code # compiler: R8}. */
  public Optional<String> compiler() {
    return Optional.ofNullable(compiler);
  }

  /** {@code # compiler_version: 8.5.35}. */
  public Optional<String> compilerVersion() {
    return Optional.ofNullable(compilerVersion);
  }

  /** {@code # min_api: 24}. */
  public Optional<String> minApi() {
    return Optional.ofNullable(minApi);
  }

  /** The {@code com.android.tools.r8.mapping} version, e.g. {@code 2.2}. */
  public Optional<String> mapVersion() {
    return Optional.ofNullable(mapVersion);
  }

  /** {@code # pg_map_id: 3d8c4c4}. */
  public Optional<String> pgMapId() {
    return Optional.ofNullable(pgMapId);
  }

  /** {@code # pg_map_hash: SHA-256 ...}. */
  public Optional<String> pgMapHash() {
    return Optional.ofNullable(pgMapHash);
  }

  /** Whether metadata introduced in map version {@code major.minor} is honoured. */
  boolean supports(int major, int minor) {
    return versionCode >= major * 1000 + minor;
  }

  private static int versionCode(String version) {
    if (version == null) {
      return -1;
    }
    if (version.equals("experimental")) {
      return Integer.MAX_VALUE;
    }
    int dot = version.indexOf('.');
    try {
      int major = Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
      int minor = dot < 0 ? 0 : Integer.parseInt(version.substring(dot + 1));
      if (major < 0 || major > 1000 || minor < 0 || minor > 999) {
        return -1;
      }
      return major * 1000 + minor;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  MappingHeader with(String key, String value) {
    switch (key) {
      case "compiler":
        return new MappingHeader(value, compilerVersion, minApi, mapVersion, pgMapId, pgMapHash);
      case "compiler_version":
        return new MappingHeader(compiler, value, minApi, mapVersion, pgMapId, pgMapHash);
      case "min_api":
        return new MappingHeader(compiler, compilerVersion, value, mapVersion, pgMapId, pgMapHash);
      case "map_version":
        return new MappingHeader(compiler, compilerVersion, minApi, value, pgMapId, pgMapHash);
      case "pg_map_id":
        return new MappingHeader(compiler, compilerVersion, minApi, mapVersion, value, pgMapHash);
      case "pg_map_hash":
        return new MappingHeader(compiler, compilerVersion, minApi, mapVersion, pgMapId, value);
      default:
        return this;
    }
  }

  @Override
  public String toString() {
    return "MappingHeader{compiler=" + compiler + ", compilerVersion=" + compilerVersion
        + ", minApi=" + minApi + ", mapVersion=" + mapVersion + ", pgMapId=" + pgMapId + "}";
  }
}
