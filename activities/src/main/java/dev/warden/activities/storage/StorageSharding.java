package dev.warden.activities.storage;

import dev.warden.engines.objects.KeyRangePlanner;

/**
 * How the storage step fans out: into up to {@code shards} key ranges ({@code
 * WARDEN_PURGE_STORAGE_SHARDS}, 1 to 256), of which {@code lanes} run at once as parallel
 * activities ({@code WARDEN_PURGE_STORAGE_LANES}, 1 to 64), on any worker polling the queue.
 */
public record StorageSharding(int shards, int lanes) {

  public static final int MAX_LANES = 64;

  /** The defaults: 16 ranges, 4 at a time. */
  public static final StorageSharding DEFAULTS = new StorageSharding(16, 4);

  public StorageSharding {
    if (shards < 1 || shards > KeyRangePlanner.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "WARDEN_PURGE_STORAGE_SHARDS must be between 1 and "
              + KeyRangePlanner.MAX_SHARDS
              + ", got "
              + shards);
    }
    if (lanes < 1 || lanes > MAX_LANES) {
      throw new IllegalArgumentException(
          "WARDEN_PURGE_STORAGE_LANES must be between 1 and " + MAX_LANES + ", got " + lanes);
    }
  }
}
