package dev.warden.workflows.contract;

import java.util.List;

/**
 * How the storage step is fanned out: the tenant's key ranges and how many of them may run at once
 * ({@code WARDEN_PURGE_STORAGE_LANES}); both come from the worker's configuration and are recorded
 * in history, so a replay sees the same plan.
 *
 * @param done the step's result when the plan activity purged the tenant itself (its whole prefix
 *     fit in one listing page): no range is started. Null otherwise, and in plans recorded before
 *     this field existed, which therefore replay unchanged.
 */
public record StoragePlan(List<StorageShard> shards, int lanes, StepResult done) {

  /** A plan of ranges still to purge. */
  public StoragePlan(List<StorageShard> shards, int lanes) {
    this(shards, lanes, null);
  }

  /** A small tenant purged by the plan activity itself. */
  public static StoragePlan purged(StepResult done, int lanes) {
    return new StoragePlan(List.of(), lanes, done);
  }
}
