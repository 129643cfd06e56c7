package dev.warden.activities.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.quota.QuotaReservations;
import dev.warden.engines.quota.Reservation;
import dev.warden.engines.reconcile.LedgerCorrections;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.ReconcileStart;
import dev.warden.workflows.contract.ReconciliationRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A run's first step: claim it, settle expired reservations, snapshot the ledger. */
final class RunStart {

  private static final Logger log = LoggerFactory.getLogger(RunStart.class);

  private final ReconciliationRuns runs;
  private final ReconciliationTenants tenants;
  private final LedgerCorrections corrections;
  private final QuotaReservations reservations;
  private final UsageSweep storage;
  private final ReconcileSettings settings;
  private final ObjectMapper json;
  private final Clock clock;

  RunStart(
      ReconciliationRuns runs,
      ReconciliationTenants tenants,
      LedgerCorrections corrections,
      QuotaReservations reservations,
      UsageSweep storage,
      ReconcileSettings settings,
      ObjectMapper json,
      Clock clock) {
    this.runs = runs;
    this.tenants = tenants;
    this.corrections = corrections;
    this.reservations = reservations;
    this.storage = storage;
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  ReconcileStart begin(ReconciliationRequest request, String workflowId) {
    String id = request.reconciliationId();
    List<String> only = request.allTenants() ? null : request.tenantIds();
    Optional<ReconciliationRuns.Run> run = runs.find(id);
    if (run.isEmpty()) {
      // Started by the Schedule: the API did not record it.
      Optional<ReconciliationRuns.Run> other =
          runs.admit(
              id,
              request.env(),
              only,
              request.dryRun(),
              request.requestedBy(),
              request.traceId(),
              workflowId);
      if (other.isPresent()) {
        String why = "reconciliation " + other.get().reconciliationId() + " is running";
        runs.skipped(id, request.env(), request.requestedBy(), workflowId, why);
        return ReconcileStart.skipped(why);
      }
      run = runs.find(id);
    }
    if (!"RUNNING".equals(run.get().status())) {
      return ReconcileStart.skipped("run " + id + " is " + run.get().status());
    }
    String mode = only != null ? MeasureCursor.PER_TENANT : settings.mode();
    runs.mode(id, mode);
    long settled = 0;
    if (run.get().snapshotAt() == null) {
      settled = request.dryRun() ? 0 : settleExpired(request.env(), only);
      corrections.snapshot(id, request.env(), only, atNextSecond());
    }
    if (MeasureCursor.PER_TENANT.equals(mode)) {
      tenants.add(id, request.env(), only != null ? only : storage.tenantFolders());
    }
    long known = tenants.counts(id).total();
    log.info(
        "reconciliation {} ({}) snapshotted {} tenants, settled {} expired reservations",
        id,
        mode,
        known,
        settled);
    return new ReconcileStart(
        false, null, mode, UsageActivitiesImpl.start(json, mode), known, settled);
  }

  /**
   * A presign whose URL expired: the object it reserved for is there (its bytes become used) or not
   * (the reservation is released). Done before the snapshot, so the snapshot counts it.
   */
  private long settleExpired(String env, List<String> only) {
    long settled = 0;
    List<Reservation> page;
    do {
      page = reservations.expired(env, only, 500);
      for (Reservation r : page) {
        TenantPrefix prefix = new TenantPrefix(TenantId.of(r.tenantId()));
        Optional<Long> size =
            prefix.owns(r.objectKey()) ? storage.size(r.objectKey()) : Optional.empty();
        if (reservations.settle(r.reservationId(), size.orElse(null))) {
          settled++;
        }
      }
    } while (page.size() == 500);
    return settled;
  }

  /**
   * The cutoff is a whole second: S3 reports modification times to the second. Waiting for it
   * before the snapshot means every object modified before the cutoff was there before the snapshot
   * was taken, and every object at or after it is left to the next run.
   */
  private Instant atNextSecond() {
    Instant cutoff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    long wait = Duration.between(clock.instant(), cutoff).toMillis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted before the snapshot", e);
      }
    }
    return cutoff;
  }
}
