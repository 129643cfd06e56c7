package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** The quota ledger in PostgreSQL (and the index counts that go with each correction). */
@ActivityInterface
public interface LedgerActivities {

  /**
   * Claims the run (SKIPPED when another runs), settles expired reservations, snapshots the ledger.
   * Idempotent: a retry returns the same snapshot.
   */
  ReconcileStart begin(ReconciliationRequest request);

  /**
   * Corrects the next page of tenants in {@code state} ({@code MEASURED}, or {@code FAILED} on a
   * retry pass) after {@code afterTenant}; a tenant's failure is recorded, never thrown.
   */
  ApplyPage apply(ReconciliationRequest request, String state, String afterTenant);

  /** The kill-switch decision for the run (tenant null) or one of its tenants. */
  GuardDecision check(ReconciliationRequest request, String tenantId);

  /** Records the end of the run, its summary event and metrics; returns the exact counts. */
  ReconciliationResult finish(
      ReconciliationRequest request,
      ReconciliationStatus status,
      String detail,
      int continuations,
      long objectsListed);
}
