package dev.warden.workflows.contract;

/**
 * What one store step removed, as the store confirmed it, never estimated. A deletion whose answer
 * was lost (a worker killed, a connection cut) goes uncounted, so counts can fall short by that
 * much but never exceed what was deleted; verification (residue 0) is the guarantee.
 *
 * @param unattributable log-archive lines kept because nobody can say whose they are (not JSON, no
 *     string tenant_id): they may hold the tenant's data, so the receipt names how many there were
 * @param archivesRead shared log archives whose bytes the step read (the others were known from the
 *     archive index to hold none of the tenant's lines); 0 for the other steps
 */
public record StepResult(
    PurgeStep step, long items, long bytes, long unattributable, long archivesRead) {

  public StepResult(PurgeStep step, long items, long bytes) {
    this(step, items, bytes, 0, 0);
  }

  public StepResult(PurgeStep step, long items, long bytes, long unattributable) {
    this(step, items, bytes, unattributable, 0);
  }
}
