package dev.warden.api.purge;

import dev.warden.api.purge.PurgeWorkflows.Liveness;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A purge whose record is active while its workflow has ended (failed, terminated in Temporal UI,
 * hit the history limit) or is unknown to Temporal (its store lost or reset, e.g. the in-memory
 * Java test server restarted) would lock its tenant forever: the partial unique index admits no new
 * purge. Such a purge is ended FAILED with a PURGE_FAILED event, on read and by {@link
 * StrandedPurgeSweeper}, so an operator can start a fresh one.
 */
@Component
class StrandedPurges {

  static final String ACTOR = "system:warden-api";
  // A record gets its run id from the workflow's first activity; until then the start may still
  // be on its way, and the latest run under the workflow id may be an earlier purge's.
  static final Duration START_GRACE = Duration.ofMinutes(2);

  private static final Logger log = LoggerFactory.getLogger(StrandedPurges.class);
  private final PurgeRecordStore purges;
  private final DatasetEventStore events;
  private final PurgeWorkflows workflows;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final PurgeGauges gauges;

  StrandedPurges(
      PurgeRecordStore purges,
      DatasetEventStore events,
      PurgeWorkflows workflows,
      PlatformTransactionManager transactions,
      Clock clock,
      PurgeGauges gauges) {
    this.gauges = gauges;
    this.purges = purges;
    this.events = events;
    this.workflows = workflows;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** The purge as it really stands: ended FAILED when its workflow is gone. */
  PurgeRecord settle(PurgeRecord purge) {
    if (!purge.status().isActive() || tooYoung(purge)) {
      return purge;
    }
    if (workflows.liveness(purge) != Liveness.GONE) {
      return purge;
    }
    fail(purge);
    return purges.find(purge.purgeId()).orElse(purge);
  }

  /**
   * Settles up to {@code batch} active purges, least recently updated first; returns how many
   * ended.
   */
  int sweep(int batch) {
    int ended = 0;
    for (PurgeRecord purge : purges.active(batch)) {
      if (!settle(purge).status().isActive()) {
        ended++;
      }
    }
    return ended;
  }

  private boolean tooYoung(PurgeRecord purge) {
    return purge.runId() == null
        && purge.requestedAt() != null
        && purge.requestedAt().isAfter(clock.instant().minus(START_GRACE));
  }

  private void fail(PurgeRecord purge) {
    String detail =
        "workflow %s%s has ended without finishing the purge or Temporal no longer knows it;"
                .formatted(purge.workflowId(), purge.runId() == null ? "" : " run " + purge.runId())
            + " ended FAILED so that a new purge of the tenant can start";
    boolean ended =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  if (!purges.markFailed(purge.purgeId(), detail)) {
                    return false;
                  }
                  events.append(event(purge, detail));
                  return true;
                }));
    if (ended) {
      gauges.failed();
      log.warn("purge {} was stranded: {}", purge.purgeId(), detail);
    }
  }

  private DatasetEvent event(PurgeRecord purge, String detail) {
    return new DatasetEvent(
        DatasetEvent.deterministicId(
            purge.purgeId().toString(), DatasetEventType.PURGE_FAILED.name(), "stranded"),
        DatasetEventType.PURGE_FAILED,
        purge.tenantId(),
        purge.env(),
        ACTOR,
        purge.traceId(),
        clock.instant(),
        Map.of(
            "purgeId",
            purge.purgeId().toString(),
            "workflowId",
            purge.workflowId(),
            "runId",
            String.valueOf(purge.runId()),
            "lastStatus",
            purge.status().name(),
            "cause",
            detail));
  }
}
