package dev.warden.workflows.contract;

/**
 * One write to the purge's record inside a {@link Transition}: exactly one field is set. Each is
 * safe to repeat (the run id and a status overwrite, a step total is the running total, an event id
 * is derived from purge, run, type, step and attempt, a second completion keeps the first receipt).
 *
 * @param runId marks the purge started with the workflow's run id
 * @param status a status change (and the step it concerns, may be null)
 * @param total the running total of one step
 * @param event a DatasetEvent
 * @param outcome the receipt and the final status
 */
public record RecordWrite(
    String runId, StatusChange status, StepResult total, PurgeEvent event, PurgeOutcome outcome) {

  public RecordWrite {
    int set =
        (runId != null ? 1 : 0)
            + (status != null ? 1 : 0)
            + (total != null ? 1 : 0)
            + (event != null ? 1 : 0)
            + (outcome != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException("a record write sets exactly one field, got " + set);
    }
  }

  /** A status as the workflow sets it; the step may be null. */
  public record StatusChange(PurgeStatus status, PurgeStep step, String detail) {}

  public static RecordWrite started(String runId) {
    return new RecordWrite(runId, null, null, null, null);
  }

  public static RecordWrite status(PurgeStatus status, PurgeStep step, String detail) {
    return new RecordWrite(null, new StatusChange(status, step, detail), null, null, null);
  }

  public static RecordWrite total(StepResult total) {
    return new RecordWrite(null, null, total, null, null);
  }

  public static RecordWrite event(PurgeEvent event) {
    return new RecordWrite(null, null, null, event, null);
  }

  public static RecordWrite complete(PurgeOutcome outcome) {
    return new RecordWrite(null, null, null, null, outcome);
  }
}
