package dev.warden.activities.step;

import dev.warden.activities.guard.PurgeGuard;
import dev.warden.activities.guard.PurgeStoppedException;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.engines.killswitch.KillSwitchBlockedException;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.InvalidIdentifierException;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape every store step shares: resume from the last heartbeated cursor, check the guard
 * before every page, heartbeat after it, and fail with what was deleted so far.
 *
 * @param <C> the store's cursor type (heartbeat details)
 */
public final class HeartbeatingStep<C> {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatingStep.class);

  /** The store's paged work: from a cursor, calling back after every page, to the end cursor. */
  @FunctionalInterface
  public interface Work<C> {
    C run(TenantId tenant, C from, Consumer<C> afterPage);
  }

  /** {@code WARDEN_PURGE_OUTAGE_TOLERANCE}'s default. */
  public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofMinutes(30);

  private final PurgeGuard guard;
  private final Env workerEnv;
  private final Duration outageTolerance;
  private final PurgeMetrics metrics;

  public HeartbeatingStep(PurgeGuard guard, Env workerEnv) {
    this(guard, workerEnv, DEFAULT_OUTAGE_TOLERANCE);
  }

  /** {@code outageTolerance}: how long the workflow may wait out a store outage in this step. */
  public HeartbeatingStep(PurgeGuard guard, Env workerEnv, Duration outageTolerance) {
    this(guard, workerEnv, outageTolerance, PurgeMetrics.none());
  }

  public HeartbeatingStep(
      PurgeGuard guard, Env workerEnv, Duration outageTolerance, PurgeMetrics metrics) {
    this.guard = guard;
    this.workerEnv = workerEnv;
    this.outageTolerance = outageTolerance;
    this.metrics = metrics;
  }

  public StepResult run(
      PurgeRequest request,
      PurgeStep step,
      Class<C> cursorType,
      C start,
      Function<C, StepResult> counts,
      Work<C> work) {
    TenantId tenant = validTenant(request);
    ActivityExecutionContext context = Activity.getExecutionContext();
    C from = context.getHeartbeatDetails(cursorType).orElse(start);
    if (from != start) {
      log.info("purge {} step {} of {} resumes from {}", request.purgeId(), step, tenant, from);
    }
    AtomicReference<C> last = new AtomicReference<>(from);
    long began = System.nanoTime();
    try {
      guard.beforePage(request, step);
      C end =
          work.run(
              tenant,
              from,
              cursor -> {
                counted(step, counts, last.getAndSet(cursor), cursor);
                context.heartbeat(cursor);
                guard.beforePage(request, step);
              });
      counted(step, counts, last.getAndSet(end), end);
      StepResult result = counts.apply(end);
      log.info("purge {} step {} of {} done: {}", request.purgeId(), step, tenant, result);
      metrics.step(step, "success", Duration.ofNanos(System.nanoTime() - began));
      return result;
    } catch (RuntimeException failure) {
      metrics.step(step, outcome(failure), Duration.ofNanos(System.nanoTime() - began));
      log.warn(
          "purge {} step {} of {} stopped at {}: {}",
          request.purgeId(),
          step,
          tenant,
          last.get(),
          failure.toString());
      throw StepFailures.of(failure, counts.apply(last.get()), outageTolerance);
    }
  }

  /**
   * A short, non-paged call of a step (e.g. planning its shards): the same tenant and env checks,
   * and a failure the workflow understands (an outage is waited out), with nothing deleted.
   */
  public <T> T call(PurgeRequest request, PurgeStep step, Function<TenantId, T> work) {
    TenantId tenant = validTenant(request);
    try {
      return work.apply(tenant);
    } catch (RuntimeException failure) {
      log.warn("purge {} step {} of {}: {}", request.purgeId(), step, tenant, failure.toString());
      throw StepFailures.of(failure, new StepResult(step, 0, 0), outageTolerance);
    }
  }

  // Cursors carry running totals: what one page removed is the difference. A page deleted again
  // after a crash (before its heartbeat) finds nothing, so the counters do not double it.
  private void counted(PurgeStep step, Function<C, StepResult> counts, C before, C after) {
    if (before == after) {
      return;
    }
    StepResult from = counts.apply(before);
    StepResult to = counts.apply(after);
    metrics.deleted(
        step,
        new StepResult(
            step, Math.max(0, to.items() - from.items()), Math.max(0, to.bytes() - from.bytes())));
  }

  private static String outcome(RuntimeException failure) {
    if (failure instanceof PurgeStoppedException) {
      return "stopped";
    }
    if (failure instanceof KillSwitchBlockedException) {
      return "kill_switch";
    }
    return "failure";
  }

  // The API validated these already; checking again here means a hand-started workflow with a
  // bad id or another environment's purge fails at once instead of touching a store.
  private TenantId validTenant(PurgeRequest request) {
    try {
      TenantId tenant = TenantId.of(request.tenantId());
      if (!workerEnv.value().equals(request.env())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "purge for env " + request.env() + " reached a worker of env " + workerEnv,
            Failures.INVALID_REQUEST.type());
      }
      return tenant;
    } catch (InvalidIdentifierException invalid) {
      throw ApplicationFailure.newNonRetryableFailure(
          invalid.getMessage(), Failures.INVALID_REQUEST.type());
    }
  }
}
