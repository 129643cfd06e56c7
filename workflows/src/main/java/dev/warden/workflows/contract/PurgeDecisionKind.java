package dev.warden.workflows.contract;

/** What a decision the API recorded does to a purge (the engines' {@code PurgeDecisions.Kind}). */
public enum PurgeDecisionKind {
  APPROVE,
  REJECT,
  CANCEL,
  EXTEND
}
