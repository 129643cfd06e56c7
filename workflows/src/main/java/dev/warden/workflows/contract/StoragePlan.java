package dev.warden.workflows.contract;

import java.util.List;

/**
 * How the storage step is fanned out: the tenant's key ranges and how many of them may run at once
 * ({@code WARDEN_PURGE_STORAGE_LANES}); both come from the worker's configuration and are recorded
 * in history, so a replay sees the same plan.
 */
public record StoragePlan(List<StorageShard> shards, int lanes) {}
