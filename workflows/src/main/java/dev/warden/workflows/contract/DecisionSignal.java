package dev.warden.workflows.contract;

/**
 * A signal that asks the purge to act on a decision, as the workflow hands it to {@link
 * PurgeRecordActivities#takeDecision} to be checked against what the API recorded.
 *
 * @param decisionId the id the signal carried; null for a signal of the old shape (an actor's name,
 *     no record), which is always refused
 * @param signal the signal's name, for the refusal event
 * @param claimedActor the actor an old-shape signal named (never trusted; recorded on refusal)
 * @param refusal the number of this refusal in the run, if refused: its event's attempt, so a
 *     repeated activity writes the event once
 */
public record DecisionSignal(
    PurgeRequest request,
    String decisionId,
    PurgeDecisionKind kind,
    String signal,
    String claimedActor,
    int refusal) {}
