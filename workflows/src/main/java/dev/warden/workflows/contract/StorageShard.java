package dev.warden.workflows.contract;

/**
 * One key range of a tenant's objects, purged by its own activity: the keys strictly after {@code
 * after} up to and including {@code upTo} (null: from the start of {@code tenants/{id}/}, to its
 * end). The shards of one plan cover every key under the prefix exactly once.
 *
 * @param index the shard's place in its plan (0-based), for logs and the activity summary
 */
public record StorageShard(int index, String after, String upTo) {}
