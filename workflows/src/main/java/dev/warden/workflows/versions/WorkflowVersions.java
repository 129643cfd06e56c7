package dev.warden.workflows.versions;

/**
 * Every {@code Workflow.getVersion} change id of Warden's workflows, in one place. Each id guards
 * one change to running workflow logic: histories recorded before it replay the old branch, new
 * runs take version 1. An id (and its old branch) can be removed once no run started before the
 * change can still be open or replayed: every such run has closed, its history is past the
 * namespace's retention, and no recorded history under {@code workflows/src/test/resources/
 * histories} predates it (replace those first). Never reuse an id for another change.
 *
 * <p>A purge can stay open for weeks (grace period, approval timeout, an operator's retry of a
 * parked step, up to its legal deadline), so check for open runs in Temporal before removing one of
 * the purge's ids: {@code WardenStatus} not in (COMPLETED, FAILED, CANCELLED) with a start before
 * the date given.
 */
public final class WorkflowVersions {
  private WorkflowVersions() {}

  /** TenantPurgeWorkflow. */
  public static final class Purge {
    private Purge() {}

    /**
     * Purges wait for two-person approval (AWAITING_APPROVAL) outside {@code local}; before it
     * (2026-11-29), none waited. Used in TenantPurgeWorkflowImpl.
     */
    public static final String APPROVAL = "approval";

    /**
     * A store outage is waited out up to WARDEN_PURGE_OUTAGE_TOLERANCE instead of parking at once
     * (2026-11-29). Used in OutageWait.
     */
    public static final String WAIT_OUT_STORE_OUTAGE = "wait-out-store-outage";

    /**
     * A preflight checks every store can be purged and counted exactly before anything is deleted
     * (2026-11-29); before it there was none. Used in Preflight.
     */
    public static final String PREFLIGHT = "preflight-before-delete";

    /**
     * A preflight that exhausts its retries parks the purge instead of failing it (2026-11-29).
     * Used in Preflight.
     */
    public static final String PARK_ON_PREFLIGHT_FAILURE = "park-on-preflight-failure";

    /**
     * The preflight runs as a local activity first, with no workflow task of its own (2026-12-06).
     * Used in Preflight.
     */
    public static final String PREFLIGHT_LOCAL = "preflight-local";

    /**
     * A count (dry run, verification) that exhausts its retries parks the purge instead of failing
     * it (2026-11-29). Used in PurgeRun.
     */
    public static final String PARK_ON_COUNT_FAILURE = "park-on-count-failure";

    /**
     * An extended deadline moves the WardenDueAt search attribute (2026-11-29). Used in
     * TenantPurgeWorkflowImpl.
     */
    public static final String DEADLINE_EXTENSION = "deadline-extension";

    /**
     * Verification that finds residue emits PURGE_RESIDUE_FOUND (2026-11-29). Used in Verification.
     */
    public static final String RESIDUE_EVENT = "residue-event";

    /**
     * The record's writes, the kill-switch guard and the legal-hold check travel in one local
     * activity and one transaction per transition (2026-12-06); before, each write was its own
     * activity. Used in RecordWrites.
     */
    public static final String TRANSITIONS = "transitions";

    /**
     * The storage step fans out over key ranges run by parallel activities (2026-12-06); before, it
     * was one activity. Used in PurgeStubs (StorageFanOut).
     */
    public static final String STORAGE_FAN_OUT = "storage-fan-out";

    /**
     * Approve, reject, cancel and extend are taken only as decisions the API recorded (the signal
     * carries the record's id, a local activity checks it); a signal of the old shape, naming an
     * actor, is ignored and evented (2026-12-07). Before, the signal's actor was believed. Used in
     * Decisions.
     */
    public static final String RECORDED_DECISIONS = "recorded-decisions";
  }

  /** QuotaReconciliationWorkflow. A run continues as new nightly, so its ids age out in days. */
  public static final class Reconcile {
    private Reconcile() {}

    /**
     * Search attributes are upserted only when status or phase changed, not on every page
     * (2026-11-29). Used in ReconcileVisibility.
     */
    public static final String UPSERT_ON_CHANGE = "reconcile-upsert-search-attributes-on-change";
  }
}
