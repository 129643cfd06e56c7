package dev.warden.api.purge;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeRecordStore.Admission;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeProgress;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Admits purge requests (one live purge per tenant, none under legal hold) and starts them; every
 * read of a purge (record, list, receipt, live progress) goes through here too.
 */
@Service
class PurgeService {

  private static final Logger log = LoggerFactory.getLogger(PurgeService.class);
  static final Duration MAX_GRACE = Duration.ofDays(30);

  private final PurgeRecordStore purges;
  private final LegalHoldStore holds;
  private final RequestAudit audit;
  private final PurgeWorkflows workflows;
  private final StrandedPurges stranded;
  private final Env deploymentEnv;
  private final Clock clock;
  private final ApprovalPolicy approvals;

  PurgeService(
      PurgeRecordStore purges,
      LegalHoldStore holds,
      RequestAudit audit,
      PurgeWorkflows workflows,
      StrandedPurges stranded,
      Env deploymentEnv,
      ApprovalPolicy approvals,
      Clock clock) {
    this.clock = clock;
    this.approvals = approvals;
    this.purges = purges;
    this.holds = holds;
    this.audit = audit;
    this.workflows = workflows;
    this.stranded = stranded;
    this.deploymentEnv = deploymentEnv;
  }

  /** The env this deployment serves (the console's default). */
  String deploymentEnv() {
    return deploymentEnv.value();
  }

  /** Validates the body; the caller gates it (kill switch) before {@link #request}. */
  PurgeRecord validate(CreatePurge body, RequestContext context) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON body with tenantId, env and reason is required");
    }
    TenantId tenant = TenantId.of(body.tenantId());
    Env env = Env.of(body.env());
    if (!env.equals(deploymentEnv)) {
      throw new WardenProblem(
          ProblemTypes.ENV_MISMATCH,
          HttpStatus.BAD_REQUEST,
          "this deployment serves env '%s', not '%s'".formatted(deploymentEnv, env),
          Map.of("deploymentEnv", deploymentEnv.value(), "requestedEnv", env.value()));
    }
    return PurgeRecord.requested(
            tenant,
            env,
            context.actor(),
            body.reason(),
            body.ticket(),
            context.traceId(),
            grace(body.gracePeriod()).toSeconds(),
            Boolean.TRUE.equals(body.dryRun()))
        .requiringApprovals(approvals.approvals())
        .withReceivedAt(ReceivedAt.parse(body.receivedAt(), clock.instant()));
  }

  Admission request(PurgeRecord request, RequestContext context) {
    holds
        .find(request.tenantId(), request.env())
        .ifPresent(
            hold -> {
              refuse(request, context, hold.placedBy(), hold.reason());
            });
    // A stranded purge of the tenant would be returned as "already under way" forever.
    purges.findActive(request.tenantId(), request.env()).ifPresent(stranded::settle);
    Admission admission =
        purges.admit(request, r -> WorkflowIds.tenantPurge(r.env(), r.tenantId()));
    if (admission.created()) {
      start(admission.purge());
    }
    return admission;
  }

  /** The purge as it stands; one whose workflow is gone is ended FAILED first. */
  PurgeRecord get(UUID purgeId) {
    return stranded.settle(find(purgeId));
  }

  private PurgeRecord find(UUID purgeId) {
    return purges
        .find(purgeId)
        .orElseThrow(
            () ->
                new WardenProblem(
                    ProblemTypes.PURGE_NOT_FOUND,
                    HttpStatus.NOT_FOUND,
                    "no purge with id " + purgeId,
                    Map.of("purgeId", purgeId.toString())));
  }

  /** {@code overdue}: only active purges past their due date, the most overdue first. */
  List<PurgeRecord> list(String tenantId, PurgeState status, boolean overdue, int limit) {
    String tenant = tenantId == null ? null : TenantId.of(tenantId).value();
    if (overdue) {
      if (status != null && !status.isActive()) {
        throw new IllegalArgumentException(
            "overdue=true lists active purges only; status " + status + " has ended");
      }
      return purges.overdue(tenant, status, limit);
    }
    return purges.list(tenant, status, limit);
  }

  String receipt(UUID purgeId) {
    PurgeRecord purge = get(purgeId);
    return purges
        .receipt(purgeId)
        .orElseThrow(
            () ->
                new WardenProblem(
                    ProblemTypes.RECEIPT_NOT_READY,
                    HttpStatus.NOT_FOUND,
                    purge.status().isActive()
                        ? "purge %s is %s; its receipt is written when it ends"
                            .formatted(purgeId, purge.status())
                        : "purge %s ended %s without a receipt: %s"
                            .formatted(purgeId, purge.status(), purge.statusDetail()),
                    Map.of("status", purge.status().name())));
  }

  /** Live per-step progress from the workflow itself. */
  PurgeProgress progress(UUID purgeId) {
    PurgeRecord purge = get(purgeId);
    try {
      return workflows.running(purge).progress();
    } catch (RuntimeException failure) {
      throw unreachable(stranded.settle(purge), failure);
    }
  }

  /**
   * The problem for a call to a purge's workflow that failed: gone (the record says what is known)
   * or Temporal unavailable. Never the client library's message.
   */
  WardenProblem unreachable(PurgeRecord purge, RuntimeException failure) {
    if (PurgeWorkflows.notFound(failure) || !purge.status().isActive()) {
      return new WardenProblem(
          ProblemTypes.WORKFLOW_GONE,
          HttpStatus.GONE,
          "Temporal no longer holds the workflow of purge %s (status %s); its record, events and any receipt remain in Warden"
              .formatted(purge.purgeId(), purge.status()),
          Map.of("purgeId", purge.purgeId().toString(), "status", purge.status().name()));
    }
    log.warn("workflow of purge {} did not answer: {}", purge.purgeId(), failure.toString());
    return new WardenProblem(
        ProblemTypes.WORKFLOW_UNAVAILABLE,
        HttpStatus.SERVICE_UNAVAILABLE,
        "Temporal did not answer for purge %s; retry later".formatted(purge.purgeId()),
        Map.of("purgeId", purge.purgeId().toString()));
  }

  private void refuse(PurgeRecord request, RequestContext context, String heldBy, String why) {
    audit.record(
        DatasetEventType.PURGE_REFUSED,
        request.tenantId(),
        request.env(),
        context,
        Map.of("cause", "legal hold", "heldBy", heldBy, "holdReason", why));
    throw new WardenProblem(
        ProblemTypes.LEGAL_HOLD,
        HttpStatus.CONFLICT,
        "tenant %s is under a legal hold placed by %s (%s); nothing will be purged"
            .formatted(request.tenantId(), heldBy, why),
        Map.of("tenantId", request.tenantId(), "heldBy", heldBy, "holdReason", why));
  }

  private void start(PurgeRecord purge) {
    try {
      workflows.start(purge);
      log.info("started purge {} as workflow {}", purge.purgeId(), purge.workflowId());
    } catch (WorkflowExecutionAlreadyStarted running) {
      purges.markNotStarted(purge.purgeId(), "another workflow with its id was running");
      throw new WardenProblem(
          ProblemTypes.PURGE_CONFLICT,
          HttpStatus.CONFLICT,
          "workflow %s is already running but has no active purge record"
              .formatted(purge.workflowId()),
          Map.of("workflowId", purge.workflowId()));
    } catch (RuntimeException failed) {
      startFailed(purge, failed);
    }
  }

  // A start call can fail after Temporal accepted it (a deadline on the answer): ask Temporal
  // before recording "not started". Only "no such workflow" proves it; when Temporal does not
  // answer, the record stays REQUESTED and StrandedPurges settles it once Temporal answers.
  private void startFailed(PurgeRecord purge, RuntimeException failed) {
    PurgeWorkflows.Liveness liveness = workflows.liveness(purge);
    boolean ended = purges.find(purge.purgeId()).map(p -> !p.status().isActive()).orElse(false);
    if (liveness == PurgeWorkflows.Liveness.RUNNING || ended) {
      log.warn(
          "start call of purge {} failed ({}) but its workflow runs: the purge is under way",
          purge.purgeId(),
          failed.toString());
      return;
    }
    log.error("could not start purge {}", purge.purgeId(), failed);
    if (liveness == PurgeWorkflows.Liveness.GONE) {
      purges.markNotStarted(purge.purgeId(), "Temporal refused or did not receive the start");
    }
    throw new WardenProblem(
        ProblemTypes.WORKFLOW_UNAVAILABLE,
        HttpStatus.SERVICE_UNAVAILABLE,
        liveness == PurgeWorkflows.Liveness.GONE
            ? "the purge could not be started: Temporal is unavailable; nothing was deleted, retry later"
            : "Temporal did not confirm the start of the purge; GET it later to see whether it runs",
        Map.of("purgeId", purge.purgeId().toString()));
  }

  private static Duration grace(String iso) {
    if (iso == null || iso.isBlank()) {
      return Duration.ZERO;
    }
    try {
      Duration grace = Duration.parse(iso);
      if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
        throw new IllegalArgumentException(
            "gracePeriod must be between PT0S and " + MAX_GRACE + ", was " + iso);
      }
      return grace;
    } catch (DateTimeParseException bad) {
      throw new IllegalArgumentException(
          "gracePeriod must be an ISO-8601 duration such as PT72H, was '" + iso + "'");
    }
  }
}
