package dev.warden.workflows.contract;

import java.util.List;

/**
 * The deletion certificate: what was deleted per store, what verification found left, who asked,
 * when. Stored in PostgreSQL so it outlives Temporal's retention.
 *
 * @param partial true when the purge stopped before verification (cancelled, held)
 * @param residue the verification counts (all 0 for a completed purge); null when not verified
 * @param wouldDelete the dry run's counts; null for a real purge
 * @param approvedBy the compliance users who approved the purge, in order (empty when none was
 *     needed)
 */
public record PurgeReceipt(
    String purgeId,
    String tenantId,
    String env,
    String requestedBy,
    String reason,
    String ticket,
    String workflowId,
    String runId,
    PurgeStatus status,
    boolean dryRun,
    boolean partial,
    String stopReason,
    long startedAtMillis,
    long completedAtMillis,
    List<StepResult> deleted,
    StoreInventory residue,
    StoreInventory wouldDelete,
    List<String> approvedBy) {}
