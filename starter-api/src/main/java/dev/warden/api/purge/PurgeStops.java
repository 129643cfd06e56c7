package dev.warden.api.purge;

import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one way the API stops a purge (a cancel, a legal hold): the stop flag halts a running store
 * step at its next page, the signal wakes a workflow that waits (grace period, NEEDS_ATTENTION,
 * kill switch). Callers write the flag in their own transaction with its audit event, then signal.
 */
@Service
public class PurgeStops {

  private static final Logger log = LoggerFactory.getLogger(PurgeStops.class);
  private final PurgeRecordStore records;
  private final PurgeWorkflows workflows;

  PurgeStops(PurgeRecordStore records, PurgeWorkflows workflows) {
    this.records = records;
    this.workflows = workflows;
  }

  /** Flags the tenant's active purge to stop; returns it, to be signalled after commit. */
  public java.util.Optional<PurgeRecord> flagActive(String tenantId, String env, String why) {
    return records
        .findActive(tenantId, env)
        .map(
            purge -> {
              records.requestStop(purge.purgeId(), why);
              return purge;
            });
  }

  /** Wakes the purge's workflow after a hold: it stops before deleting anything more. */
  public void signalHold(PurgeRecord purge, String actor, String reason) {
    try {
      workflows.running(purge).legalHoldPlaced(actor, reason);
    } catch (RuntimeException gone) {
      // The stop flag is stored; a workflow that is gone is ended by StrandedPurges.
      log.warn("could not signal purge {} about the hold: {}", purge.purgeId(), gone.toString());
    }
  }

  /**
   * Wakes the purge's workflow after a cancel the caller recorded as {@code decisionId}; the caller
   * maps a failure to its problem.
   */
  void signalCancel(PurgeRecord purge, java.util.UUID decisionId) {
    workflows.running(purge).cancelRecorded(decisionId.toString());
  }
}
