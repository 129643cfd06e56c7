package dev.warden.activities.purge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.GuardActivities;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.Transition;
import dev.warden.workflows.contract.TransitionResult;
import dev.warden.workflows.trace.TraceContext;
import io.temporal.activity.Activity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes purge status, step totals, events and the receipt, one at a time or several in one
 * transaction ({@link #transition}); each write is safe to repeat.
 */
public final class PurgeRecordActivitiesImpl implements PurgeRecordActivities {

  /** Who acts for events the workflow emits on its own (steps, completion). */
  public static final String SYSTEM_ACTOR = "system:warden-worker";

  private final PurgeRecordStore purges;
  private final LegalHoldStore holds;
  private final DatasetEventStore events;
  private final QuotaLedger quotas;
  private final ObjectMapper json;
  private final Clock clock;
  private final PurgeMetrics metrics;
  private final TransactionOperations tx;
  private final GuardActivities guard;

  /**
   * @param tx the transaction a {@link #transition} runs in: over the same database as the stores
   * @param guard the kill-switch guard a transition asks before a step
   */
  public PurgeRecordActivitiesImpl(
      PurgeRecordStore purges,
      LegalHoldStore holds,
      DatasetEventStore events,
      QuotaLedger quotas,
      ObjectMapper json,
      Clock clock,
      PurgeMetrics metrics,
      TransactionOperations tx,
      GuardActivities guard) {
    this.metrics = metrics;
    this.quotas = quotas;
    this.purges = purges;
    this.holds = holds;
    this.events = events;
    this.json = json;
    this.clock = clock;
    this.tx = tx;
    this.guard = guard;
  }

  @Override
  public TransitionResult transition(Transition transition) {
    List<Runnable> counts = new ArrayList<>();
    TransitionResult result =
        tx.execute(
            status -> {
              counts.clear();
              String purgeId = transition.request().purgeId();
              apply(purgeId, transition.writes(), counts);
              GuardDecision decision = null;
              if (transition.guardedStep() != null) {
                decision = guard.check(transition.request(), transition.guardedStep());
                if (decision.allowed()) {
                  apply(purgeId, transition.ifAllowed(), counts);
                }
              }
              boolean hold =
                  transition.askLegalHold()
                      && legalHoldActive(
                          transition.request().tenantId(), transition.request().env());
              return new TransitionResult(decision, hold);
            });
    // Metrics count what the transaction committed, so a rolled-back attempt counts nothing.
    counts.forEach(Runnable::run);
    return result;
  }

  private void apply(String purgeId, List<RecordWrite> writes, List<Runnable> counts) {
    for (RecordWrite write : writes) {
      if (write.runId() != null) {
        markRunning(purgeId, write.runId(), counts);
      } else if (write.status() != null) {
        setStatus(purgeId, write.status().status(), write.status().step(), write.status().detail());
      } else if (write.total() != null) {
        recordStep(purgeId, write.total());
      } else if (write.event() != null) {
        emit(write.event(), counts);
      } else {
        complete(write.outcome(), counts);
      }
    }
  }

  private static void now(Consumer<List<Runnable>> write) {
    List<Runnable> counts = new ArrayList<>();
    write.accept(counts);
    counts.forEach(Runnable::run);
  }

  @Override
  public void markRunning(String purgeId, String runId) {
    now(counts -> markRunning(purgeId, runId, counts));
  }

  private void markRunning(String purgeId, String runId, List<Runnable> counts) {
    UUID id = UUID.fromString(purgeId);
    if (purges.markRunning(id, runId)) {
      purges.find(id).ifPresent(p -> counts.add(() -> metrics.started(p.env(), p.dryRun())));
    }
  }

  @Override
  public void setStatus(String purgeId, PurgeStatus status, PurgeStep step, String detail) {
    purges.setStatus(
        UUID.fromString(purgeId),
        ContractMapping.state(status),
        step == null ? null : step.name(),
        detail);
  }

  @Override
  public void emit(PurgeEvent event) {
    now(counts -> emit(event, counts));
  }

  private void emit(PurgeEvent event, List<Runnable> counts) {
    PurgeRequest request = event.request();
    String step = event.step() == null ? "-" : event.step().name();
    Map<String, String> attributes = new HashMap<>(event.attributes());
    attributes.put("purgeId", request.purgeId());
    if (event.step() != null) {
      attributes.put("step", step);
    }
    if (event.attempt() > 0) {
      attributes.put("attempt", Integer.toString(event.attempt()));
    }
    if (event.type() == PurgeEventType.PURGE_REQUESTED) {
      attributes.put("reason", String.valueOf(request.reason()));
      attributes.put("ticket", String.valueOf(request.ticket()));
    }
    boolean appended =
        events.append(
            new DatasetEvent(
                // The run id keeps a reset run's events: same purge, step and attempt, new run.
                DatasetEvent.deterministicId(
                    request.purgeId(),
                    Activity.getExecutionContext().getInfo().getRunId(),
                    event.type().name(),
                    step,
                    Integer.toString(event.attempt())),
                ContractMapping.eventType(event.type()),
                request.tenantId(),
                request.env(),
                actor(event),
                // The request names its trace; a purge started without one (by hand, from Temporal
                // UI) has the trace context its starter's client propagated, if any.
                request.traceId() != null
                    ? request.traceId()
                    : TraceContext.current().map(TraceContext::traceId).orElse(null),
                clock.instant(),
                attributes));
    if (appended) {
      counts.add(() -> count(event));
    }
  }

  // Counted when the event is first stored, so a retried activity does not count twice.
  private void count(PurgeEvent event) {
    if (event.type() == PurgeEventType.PURGE_RESIDUE_FOUND) {
      event.attributes().entrySet().stream()
          .filter(e -> !"0".equals(e.getValue()))
          .forEach(e -> metrics.residueFound(e.getKey()));
    } else if (event.type() == PurgeEventType.STEP_STARTED
        && event.step() != null
        && "true".equals(event.attributes().get("repair"))) {
      metrics.repair(PurgeMetrics.store(event.step()));
    }
  }

  // The requester on the request, the approver or rejecter on their act, else the worker.
  private static String actor(PurgeEvent event) {
    if (event.actor() != null) {
      return event.actor();
    }
    return event.type() == PurgeEventType.PURGE_REQUESTED
        ? event.request().requestedBy()
        : SYSTEM_ACTOR;
  }

  @Override
  public void recordApproval(String purgeId, String approver) {
    purges.recordApproval(UUID.fromString(purgeId), approver);
  }

  @Override
  public void recordStep(String purgeId, StepResult total) {
    purges.recordStep(UUID.fromString(purgeId), total.step().name(), total.items(), total.bytes());
  }

  @Override
  public boolean legalHoldActive(String tenantId, String env) {
    return holds.find(tenantId, env).isPresent();
  }

  @Override
  public void complete(PurgeOutcome outcome) {
    now(counts -> complete(outcome, counts));
  }

  private void complete(PurgeOutcome outcome, List<Runnable> counts) {
    UUID id = UUID.fromString(outcome.purgeId());
    for (StepResult total : outcome.steps()) {
      purges.recordStep(id, total.step().name(), total.items(), total.bytes());
    }
    Optional<PurgeRecord> ended;
    try {
      ended =
          purges.complete(
              id,
              ContractMapping.state(outcome.status()),
              finalDetail(outcome),
              json.writeValueAsString(outcome.receipt()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("receipt is not serialisable", e);
    }
    ended.ifPresent(purge -> counts.add(() -> countEnd(purge)));
    if (outcome.status() == PurgeStatus.COMPLETED) {
      // A purged tenant holds nothing: its usage starts again from zero (limits stay). Safe to
      // repeat when the activity is retried.
      purges
          .find(id)
          .filter(p -> !p.dryRun())
          .ifPresent(p -> quotas.zero(TenantId.of(p.tenantId()), Env.of(p.env())));
    }
  }

  private void countEnd(PurgeRecord purge) {
    metrics.finished(purge.env(), purge.status().name());
    if (purge.status() == PurgeState.COMPLETED && !purge.dryRun() && purge.receivedAt() != null) {
      metrics.completion(purge.env(), Duration.between(purge.receivedAt(), purge.completedAt()));
    }
  }

  /** The status detail a finished purge keeps (it said "verifying" before). */
  static String finalDetail(PurgeOutcome outcome) {
    var receipt = outcome.receipt();
    if (receipt.stopReason() != null) {
      return "stopped: " + receipt.stopReason();
    }
    if (receipt.dryRun()) {
      return "dry run: counted what a purge would delete; nothing was deleted";
    }
    long items = outcome.steps().stream().mapToLong(StepResult::items).sum();
    return "completed: " + items + " items deleted, verification found nothing left";
  }
}
