package dev.warden.workflows.contract;

/**
 * What one store step removed, as the store confirmed it, never estimated. A deletion whose answer
 * was lost (a worker killed, a connection cut) goes uncounted, so counts can fall short by that
 * much but never exceed what was deleted; verification (residue 0) is the guarantee.
 *
 * @param unattributable log-archive lines kept because nobody can say whose they are (not JSON, no
 *     string tenant_id): they may hold the tenant's data, so the receipt names how many there were
 */
public record StepResult(PurgeStep step, long items, long bytes, long unattributable) {

  public StepResult(PurgeStep step, long items, long bytes) {
    this(step, items, bytes, 0);
  }
}
