package dev.warden.workflows.contract;

/**
 * A decision the API recorded from a person's (or, for cancel and extend, a compliance caller's)
 * token, as the workflow takes it.
 *
 * @param actor who decided ({@code user:{sub}} or {@code client:{id}}), as the token said
 * @param reason why (a rejection or cancel), else null
 * @param dueAtMillis the new due date of an extension (epoch millis), else 0
 */
public record PurgeDecision(
    String decisionId, PurgeDecisionKind kind, String actor, String reason, long dueAtMillis) {}
