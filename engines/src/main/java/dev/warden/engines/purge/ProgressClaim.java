package dev.warden.engines.purge;

/**
 * How a claim of a purge step's progress record found it ({@code storage_progress}, {@code
 * index_progress}): whose totals the claiming attempt may carry on.
 */
public enum ProgressClaim {
  /** No row: this is the first attempt that records progress. */
  NONE,
  /** A row of an earlier attempt of the same activity execution: its committed totals carry on. */
  SAME_EXECUTION,
  /** A row of another (earlier) execution, whose totals the workflow has had or lost already. */
  OTHER_EXECUTION;

  /** From the owner the row had before the claim ({@code null}: no row) and the claimer's. */
  public static ProgressClaim of(String previousOwner, String owner) {
    if (previousOwner == null) {
      return NONE;
    }
    return previousOwner.equals(owner) ? SAME_EXECUTION : OTHER_EXECUTION;
  }
}
