package dev.warden.workflows.contract;

import java.util.Map;

/**
 * A DatasetEvent as the workflow asks for it. The event id is derived from purge id, type, step and
 * attempt, so a retried activity never writes the same event twice.
 *
 * @param actor who acted (an approver, a rejecter); null for the workflow itself, or the requester
 *     on PURGE_REQUESTED
 */
public record PurgeEvent(
    PurgeRequest request,
    PurgeEventType type,
    PurgeStep step,
    int attempt,
    Map<String, String> attributes,
    String actor) {

  /** An event the workflow emits on its own behalf. */
  public PurgeEvent(
      PurgeRequest request,
      PurgeEventType type,
      PurgeStep step,
      int attempt,
      Map<String, String> attributes) {
    this(request, type, step, attempt, attributes, null);
  }
}
