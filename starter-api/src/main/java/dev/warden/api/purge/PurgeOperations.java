package dev.warden.api.purge;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What operators and compliance do to a running purge: retry or cancel it. */
@Service
class PurgeOperations {

  private final PurgeService purges;
  private final PurgeRecordStore records;
  private final PurgeWorkflows workflows;
  private final RequestAudit audit;
  private final PurgeStops stops;
  private final TransactionTemplate tx;

  PurgeOperations(
      PurgeService purges,
      PurgeRecordStore records,
      PurgeWorkflows workflows,
      RequestAudit audit,
      PurgeStops stops,
      PlatformTransactionManager transactions) {
    this.purges = purges;
    this.records = records;
    this.workflows = workflows;
    this.audit = audit;
    this.stops = stops;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Resumes a purge parked in NEEDS_ATTENTION at the step that failed. */
  PurgeRecord retry(UUID purgeId, RequestContext context) {
    PurgeRecord purge = purges.get(purgeId);
    if (purge.status() != PurgeState.NEEDS_ATTENTION) {
      throw new WardenProblem(
          ProblemTypes.PURGE_NOT_RETRYABLE,
          HttpStatus.CONFLICT,
          "purge %s is %s; only a purge in NEEDS_ATTENTION can be retried"
              .formatted(purgeId, purge.status()),
          Map.of("status", purge.status().name()));
    }
    audit(
        purge,
        DatasetEventType.PURGE_RETRY_REQUESTED,
        context,
        Map.of("step", String.valueOf(purge.currentStep())));
    try {
      workflows.running(purge).retry(context.actor());
    } catch (RuntimeException failure) {
      throw purges.unreachable(purges.get(purgeId), failure);
    }
    return purge;
  }

  /** Stops the purge at the next page boundary; the receipt will list what was deleted. */
  PurgeRecord cancel(UUID purgeId, String reason, RequestContext context) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required to cancel a purge");
    }
    PurgeRecord purge = purges.get(purgeId);
    if (!purge.status().isActive()) {
      throw new WardenProblem(
          ProblemTypes.PURGE_FINISHED,
          HttpStatus.CONFLICT,
          "purge %s already ended as %s".formatted(purgeId, purge.status()),
          Map.of("status", purge.status().name()));
    }
    String why = "cancelled by " + context.actor() + ": " + reason;
    // The stop flag and its audit event commit together; then the signal wakes the workflow.
    tx.executeWithoutResult(
        status -> {
          records.requestStop(purgeId, why);
          audit(purge, DatasetEventType.PURGE_CANCEL_REQUESTED, context, Map.of("reason", reason));
        });
    try {
      stops.signalCancel(purge, context.actor(), reason);
    } catch (RuntimeException failure) {
      throw purges.unreachable(purges.get(purgeId), failure);
    }
    return purges.get(purgeId);
  }

  private void audit(
      PurgeRecord purge, DatasetEventType type, RequestContext context, Map<String, String> attrs) {
    Map<String, String> attributes = new java.util.HashMap<>(attrs);
    attributes.put("purgeId", purge.purgeId().toString());
    audit.record(type, purge.tenantId(), purge.env(), context, attributes);
  }
}
