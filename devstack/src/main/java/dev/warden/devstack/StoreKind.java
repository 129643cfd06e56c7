package dev.warden.devstack;

import java.util.Locale;

/** The S3Proxy blob store behind the local S3 endpoint. */
public enum StoreKind {
  /** Objects are files under a data directory; survives restarts. No bucket versioning. */
  FILESYSTEM,
  /** Objects live in memory; lost on stop. Supports bucket versioning and delete markers. */
  TRANSIENT;

  /** Parses {@code filesystem} or {@code transient} (case-insensitive). */
  public static StoreKind parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "S3 store must be 'filesystem' or 'transient', got '" + value + "'", e);
    }
  }

  /** The lower-case name used in environment variables. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
