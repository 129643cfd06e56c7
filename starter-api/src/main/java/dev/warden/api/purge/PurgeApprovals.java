package dev.warden.api.purge;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The second person of a two-person purge: a compliance user other than the requester approves or
 * rejects a purge in AWAITING_APPROVAL. The workflow writes the PURGE_APPROVED / PURGE_REJECTED
 * event with the actor when it takes the decision, so a refused call writes no event.
 */
@Service
class PurgeApprovals {

  private final PurgeService purges;
  private final PurgeWorkflows workflows;

  PurgeApprovals(PurgeService purges, PurgeWorkflows workflows) {
    this.purges = purges;
    this.workflows = workflows;
  }

  PurgeRecord approve(UUID purgeId, RequestContext context) {
    PurgeRecord purge = awaiting(purgeId, context, "approve");
    if (purge.approvedBy().contains(context.actor())) {
      throw new WardenProblem(
          ProblemTypes.PURGE_ALREADY_APPROVED,
          HttpStatus.CONFLICT,
          "%s has already approved purge %s; it needs another compliance user"
              .formatted(context.actor(), purgeId),
          Map.of("approvedBy", String.join(",", purge.approvedBy())));
    }
    try {
      workflows.running(purge).approve(context.actor());
    } catch (RuntimeException failure) {
      throw purges.unreachable(purges.get(purgeId), failure);
    }
    return purges.get(purgeId);
  }

  PurgeRecord reject(UUID purgeId, String reason, RequestContext context) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required to reject a purge");
    }
    PurgeRecord purge = awaiting(purgeId, context, "reject");
    try {
      workflows.running(purge).reject(context.actor(), reason);
    } catch (RuntimeException failure) {
      throw purges.unreachable(purges.get(purgeId), failure);
    }
    return purges.get(purgeId);
  }

  // 404 unknown, 403 the requester's own purge, 409 not awaiting approval (in this order).
  private PurgeRecord awaiting(UUID purgeId, RequestContext context, String act) {
    PurgeRecord purge = purges.get(purgeId);
    if (purge.requestedBy().equals(context.actor())) {
      throw new WardenProblem(
          ProblemTypes.OWN_PURGE,
          HttpStatus.FORBIDDEN,
          "%s requested purge %s and may not %s it: a second compliance user decides"
              .formatted(context.actor(), purgeId, act),
          Map.of("purgeId", purgeId.toString()));
    }
    if (purge.status() != PurgeState.AWAITING_APPROVAL) {
      throw new WardenProblem(
          ProblemTypes.PURGE_NOT_AWAITING_APPROVAL,
          HttpStatus.CONFLICT,
          "purge %s is %s; only a purge in AWAITING_APPROVAL can be approved or rejected"
              .formatted(purgeId, purge.status()),
          Map.of("status", purge.status().name()));
    }
    return purge;
  }
}
