package dev.warden.workflows.contract;

import java.util.Objects;

/**
 * What compliance asked for. The ids are already validated by the API; the workflow carries them as
 * strings because this module does not depend on the engines' value types.
 *
 * @param purgeId the purge's id in Warden's database
 * @param tenantId validated tenant id
 * @param env the deployment's environment
 * @param requestedBy the authenticated actor who asked
 * @param reason free text, required
 * @param ticket the compliance ticket, optional
 * @param traceId the request's trace id, copied onto every event
 * @param gracePeriodSeconds how long to wait, cancellable, before deleting anything (0: none)
 * @param dryRun count what would be deleted, delete nothing
 * @param approvalsRequired approvals by compliance users other than the requester before the grace
 *     period starts (0: none; a dry run never waits)
 * @param approvalTimeoutSeconds how long to wait for them before the purge expires
 * @param dueAtMillis when the erasure is due (epoch millis) at the start; 0 when not known
 */
public record PurgeRequest(
    String purgeId,
    String tenantId,
    String env,
    String requestedBy,
    String reason,
    String ticket,
    String traceId,
    long gracePeriodSeconds,
    boolean dryRun,
    int approvalsRequired,
    long approvalTimeoutSeconds,
    long dueAtMillis) {
  public PurgeRequest {
    Objects.requireNonNull(purgeId, "purgeId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(requestedBy, "requestedBy");
    if (gracePeriodSeconds < 0) {
      throw new IllegalArgumentException("gracePeriodSeconds must not be negative");
    }
    if (approvalsRequired < 0) {
      throw new IllegalArgumentException("approvalsRequired must not be negative");
    }
    if (approvalsRequired > 0 && approvalTimeoutSeconds <= 0) {
      throw new IllegalArgumentException("approvalTimeoutSeconds must be positive");
    }
  }

  /** True when this purge waits for approvals before its grace period. */
  public boolean needsApproval() {
    return approvalsRequired > 0 && !dryRun;
  }
}
