package dev.warden.activities.purge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.DecisionSignal;
import dev.warden.workflows.contract.GuardActivities;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeDecision;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.Transition;
import dev.warden.workflows.contract.TransitionResult;
import io.temporal.activity.Activity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes purge status, step totals, events and the receipt, one at a time or several in one
 * transaction ({@link #transition}); each write is safe to repeat.
 */
public final class PurgeRecordActivitiesImpl implements PurgeRecordActivities, AutoCloseable {

  /** {@code WARDEN_AUDIT_REFUSAL_WINDOW}'s default. */
  public static final Duration DEFAULT_REFUSAL_WINDOW = Duration.ofSeconds(60);

  private final PurgeRecordStore purges;
  private final LegalHoldStore holds;
  private final PurgeEventWriter events;
  private final QuotaLedger quotas;
  private final ObjectMapper json;
  private final PurgeMetrics metrics;
  private final TransactionOperations tx;
  private final GuardActivities guard;
  private final DecisionTaker decisions;

  /**
   * @param tx the transaction a {@link #transition} runs in: over the same database as the stores
   * @param guard the kill-switch guard a transition asks before a step
   * @param refusalWindow the window refused signals are counted in
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
      GuardActivities guard,
      Duration refusalWindow) {
    this.metrics = metrics;
    this.quotas = quotas;
    this.purges = purges;
    this.holds = holds;
    this.events = new PurgeEventWriter(events, clock, metrics);
    this.json = json;
    this.tx = tx;
    this.guard = guard;
    this.decisions = new DecisionTaker(purges.decisions(), this.events, tx, refusalWindow, clock);
  }

  @Override
  public PurgeDecision takeDecision(DecisionSignal signal) {
    return decisions.take(signal, Activity.getExecutionContext().getInfo().getRunId());
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
    if (events.append(event)) {
      counts.add(() -> events.count(event));
    }
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

  /** Writes the counts of refused signals' open windows now (a test that cannot wait). */
  void flushRefusals() {
    decisions.flushRefusals();
  }

  /** Writes the counts of refused signals' open windows; stops their flusher. */
  @Override
  public void close() {
    decisions.close();
  }
}
