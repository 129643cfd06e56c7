package dev.warden.api.purge;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.security.People;
import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeDecisions;
import dev.warden.engines.purge.PurgeDecisions.Kind;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second person of a two-person purge: a compliance person other than the requester approves or
 * rejects a purge in AWAITING_APPROVAL. Only a person's token decides (a service's
 * client-credentials token never counts as the second person). The decision is a row the API writes
 * (purge_decisions) in one transaction with its PURGE_APPROVE_REQUESTED / PURGE_REJECT_REQUESTED
 * event; the signal carries only the row's id, and the workflow writes PURGE_APPROVED /
 * PURGE_REJECTED when it takes it. A refused call writes nothing.
 */
@Service
class PurgeApprovals {

  private final PurgeService purges;
  private final PurgeWorkflows workflows;
  private final PurgeDecisions decisions;
  private final RequestAudit audit;
  private final TransactionTemplate tx;

  PurgeApprovals(
      PurgeService purges,
      PurgeWorkflows workflows,
      PurgeDecisions decisions,
      RequestAudit audit,
      PlatformTransactionManager transactions) {
    this.purges = purges;
    this.workflows = workflows;
    this.decisions = decisions;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
  }

  PurgeRecord approve(UUID purgeId, RequestContext context) {
    PurgeRecord purge = awaiting(purgeId, context, "approve");
    if (purge.approvedBy().contains(context.actor())) {
      throw alreadyApproved(purge, context);
    }
    UUID decision = record(purge, Kind.APPROVE, null, context);
    try {
      workflows.running(purge).approvalRecorded(decision.toString());
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
    UUID decision = record(purge, Kind.REJECT, reason, context);
    try {
      workflows.running(purge).rejectionRecorded(decision.toString());
    } catch (RuntimeException failure) {
      throw purges.unreachable(purges.get(purgeId), failure);
    }
    return purges.get(purgeId);
  }

  // The decision and its audit event commit together; the signal follows with the id only.
  private UUID record(PurgeRecord purge, Kind kind, String reason, RequestContext context) {
    return tx.execute(
        status -> {
          var recorded = decisions.record(purge.purgeId(), kind, context.actor(), reason, null);
          if (recorded.isEmpty()) {
            // This person approved before but the workflow never took it (its signal did not
            // reach Temporal): signal that approval again, recorded and evented once.
            return decisions
                .untakenApproval(purge.purgeId(), context.actor())
                .orElseThrow(() -> alreadyApproved(purge, context));
          }
          UUID id = recorded.get();
          Map<String, String> attributes = new HashMap<>();
          attributes.put("purgeId", purge.purgeId().toString());
          attributes.put("decisionId", id.toString());
          if (reason != null) {
            attributes.put("reason", reason);
          }
          audit.record(
              kind == Kind.APPROVE
                  ? DatasetEventType.PURGE_APPROVE_REQUESTED
                  : DatasetEventType.PURGE_REJECT_REQUESTED,
              purge.tenantId(),
              purge.env(),
              context,
              attributes);
          return id;
        });
  }

  // 404 unknown, 403 the requester's own purge, 403 not a person, 409 not awaiting approval.
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
    if (!People.callerIsPerson()) {
      throw new WardenProblem(
          ProblemTypes.PERSON_REQUIRED,
          HttpStatus.FORBIDDEN,
          ("%s is a service's token (client credentials), not a person's: only a compliance person"
                  + " signed in with the identity provider may %s purge %s")
              .formatted(context.actor(), act, purgeId),
          Map.of("purgeId", purgeId.toString(), "actor", context.actor()));
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

  private static WardenProblem alreadyApproved(PurgeRecord purge, RequestContext context) {
    return new WardenProblem(
        ProblemTypes.PURGE_ALREADY_APPROVED,
        HttpStatus.CONFLICT,
        "%s has already approved purge %s; it needs another compliance user"
            .formatted(context.actor(), purge.purgeId()),
        Map.of("approvedBy", String.join(",", purge.approvedBy())));
  }
}
