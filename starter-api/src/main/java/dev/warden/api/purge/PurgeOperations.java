package dev.warden.api.purge;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeDeadlines;
import dev.warden.engines.purge.PurgeDeadlines.Extension;
import dev.warden.engines.purge.PurgeDecisions;
import dev.warden.engines.purge.PurgeDecisions.Kind;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What operators and compliance do to a running purge: retry, cancel, extend its deadline. */
@Service
class PurgeOperations {

  private static final Logger log = LoggerFactory.getLogger(PurgeOperations.class);

  /** One extension at most; the database bounds the total at two months. */
  static final Duration MAX_EXTENSION = Duration.ofDays(62);

  private final PurgeService purges;
  private final PurgeRecordStore records;
  private final PurgeWorkflows workflows;
  private final RequestAudit audit;
  private final PurgeStops stops;
  private final TransactionTemplate tx;
  private final PurgeDeadlines deadlines;
  private final PurgeDecisions decisions;

  PurgeOperations(
      PurgeService purges,
      PurgeRecordStore records,
      PurgeWorkflows workflows,
      RequestAudit audit,
      PurgeStops stops,
      PlatformTransactionManager transactions,
      PurgeDeadlines deadlines,
      PurgeDecisions decisions) {
    this.deadlines = deadlines;
    this.decisions = decisions;
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
    // The stop flag, the cancel decision and its audit event commit together; then the signal,
    // carrying only the decision's id, wakes the workflow.
    UUID decision =
        tx.execute(
            status -> {
              records.requestStop(purgeId, why);
              UUID id =
                  decisions
                      .record(purgeId, Kind.CANCEL, context.actor(), reason, null)
                      .orElseThrow();
              audit(
                  purge,
                  DatasetEventType.PURGE_CANCEL_REQUESTED,
                  context,
                  Map.of("reason", reason, "decisionId", id.toString()));
              return id;
            });
    try {
      stops.signalCancel(purge, decision);
    } catch (RuntimeException failure) {
      throw purges.unreachable(purges.get(purgeId), failure);
    }
    return purges.get(purgeId);
  }

  /**
   * Moves the due date of an active purge; all extensions together stay within two months of the
   * initial due date. The new date and its audit event commit together; then the workflow's
   * WardenDueAt follows (best effort: the database holds the deadline).
   */
  PurgeRecord extend(UUID purgeId, ExtendDeadline body, RequestContext context) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON body with extendBy and reason is required");
    }
    Duration by = extension(body.extendBy());
    PurgeRecord before = purges.get(purgeId);
    Extended after =
        tx.execute(
            status -> {
              Extension result = deadlines.extendDeadline(purgeId, by);
              if (result != Extension.EXTENDED) {
                throw refused(before, result, by);
              }
              PurgeRecord extended = records.find(purgeId).orElseThrow();
              UUID id =
                  decisions
                      .record(
                          purgeId, Kind.EXTEND, context.actor(), body.reason(), extended.dueAt())
                      .orElseThrow();
              audit(
                  extended,
                  DatasetEventType.PURGE_DEADLINE_EXTENDED,
                  context,
                  Map.of(
                      "extendBy", by.toString(),
                      "reason", body.reason(),
                      "previousDueAt", before.dueAt().toString(),
                      "dueAt", extended.dueAt().toString(),
                      "initialDueAt", extended.initialDueAt().toString(),
                      "decisionId", id.toString()));
              return new Extended(extended, id);
            });
    try {
      workflows.signalDeadline(after.purge(), after.decision());
    } catch (RuntimeException failure) {
      log.warn(
          "deadline of purge {} extended, but its workflow did not take the new due date: {}",
          purgeId,
          failure.toString());
    }
    return after.purge();
  }

  // The purge with its new due date, and the decision its signal names.
  private record Extended(PurgeRecord purge, UUID decision) {}

  static Duration extension(String iso) {
    try {
      Duration by = Duration.parse(iso.strip());
      if (by.isNegative() || by.isZero() || by.compareTo(MAX_EXTENSION) > 0) {
        throw new IllegalArgumentException(
            "extendBy must be positive and at most P" + MAX_EXTENSION.toDays() + "D, was " + iso);
      }
      return by;
    } catch (DateTimeParseException bad) {
      throw new IllegalArgumentException(
          "extendBy must be an ISO-8601 duration in days or hours such as P30D, was '" + iso + "'");
    }
  }

  private static WardenProblem refused(PurgeRecord purge, Extension result, Duration by) {
    if (result == Extension.LIMIT_EXCEEDED) {
      return new WardenProblem(
          ProblemTypes.DEADLINE_EXTENSION_LIMIT,
          HttpStatus.CONFLICT,
          "extending purge %s by %s would move its due date past %s: at most two months beyond the initial due date %s"
              .formatted(
                  purge.purgeId(),
                  by,
                  purge.initialDueAt().atOffset(ZoneOffset.UTC).plusMonths(2).toInstant(),
                  purge.initialDueAt()),
          Map.of(
              "dueAt", purge.dueAt().toString(), "initialDueAt", purge.initialDueAt().toString()));
    }
    return new WardenProblem(
        ProblemTypes.PURGE_FINISHED,
        HttpStatus.CONFLICT,
        "purge %s already ended as %s; its deadline cannot move"
            .formatted(purge.purgeId(), purge.status()),
        Map.of("status", purge.status().name()));
  }

  private void audit(
      PurgeRecord purge, DatasetEventType type, RequestContext context, Map<String, String> attrs) {
    Map<String, String> attributes = new java.util.HashMap<>(attrs);
    attributes.put("purgeId", purge.purgeId().toString());
    audit.record(type, purge.tenantId(), purge.env(), context, attributes);
  }
}
