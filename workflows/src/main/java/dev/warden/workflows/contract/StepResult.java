package dev.warden.workflows.contract;

/**
 * What one store step removed. Bytes are exact counts, never estimates.
 *
 * @param unattributable log-archive lines kept because nobody can say whose they are (not JSON, no
 *     string tenant_id): they may hold the tenant's data, so the receipt names how many there were
 */
public record StepResult(PurgeStep step, long items, long bytes, long unattributable) {

  public StepResult(PurgeStep step, long items, long bytes) {
    this(step, items, bytes, 0);
  }
}
