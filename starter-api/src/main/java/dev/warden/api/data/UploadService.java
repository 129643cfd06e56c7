package dev.warden.api.data;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.quota.QuotaRefusals;
import dev.warden.api.tenant.TenantLockGate;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.purge.TenantLocks;
import dev.warden.engines.quota.QuotaExceededException;
import dev.warden.engines.quota.QuotaReservations;
import dev.warden.engines.quota.Reservation;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.upload.PendingUpload;
import dev.warden.engines.upload.PresignedUpload;
import dev.warden.engines.upload.UploadPresigner;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Presigned uploads held to the tenant's storage quota: the exact signed size is reserved in the
 * ledger (atomically with the check) before the URL exists, for as long as the URL is valid. A
 * failure after the reservation gives the bytes back.
 */
@Service
class UploadService {

  /** What the presign route answers: the signed PUT and the reservation behind it. */
  record Presigned(PresignedUpload upload, UUID reservationId, long sizeBytes) {}

  /**
   * Added to a URL's lifetime when it is noted for a later purge to wait out: the URL's expiry is
   * computed by the signer a moment after the note, and S3 checks it with its own clock.
   */
  static final Duration URL_EXPIRY_MARGIN = Duration.ofMinutes(1);

  private final UploadPresigner presigner;
  private final QuotaReservations reservations;
  private final QuotaRefusals refusals;
  private final TenantLocks locks;
  private final TenantLockGate lockGate;
  private final Env deploymentEnv;
  private final Clock clock;

  UploadService(
      UploadPresigner presigner,
      QuotaReservations reservations,
      QuotaRefusals refusals,
      TenantLocks locks,
      TenantLockGate lockGate,
      Env deploymentEnv,
      Clock clock) {
    this.presigner = presigner;
    this.reservations = reservations;
    this.refusals = refusals;
    this.locks = locks;
    this.lockGate = lockGate;
    this.deploymentEnv = deploymentEnv;
    this.clock = clock;
  }

  /** Checks the request without consuming anything: a bad one is a 400 before any gate. */
  PendingUpload prepare(TenantId tenant, String fileName, String contentType, long sizeBytes) {
    return presigner.prepare(tenant, fileName, contentType, sizeBytes);
  }

  /** How a completed upload settled its reservation. */
  record Completed(
      UUID reservationId, String key, String state, long reservedBytes, Long storedBytes) {}

  /**
   * Settles the reservation of an upload the client says it finished: the stored object's real size
   * moves to used. Nothing stored yet → 409 while the URL is valid; after it expired the
   * reservation is released.
   */
  Completed complete(TenantId tenant, UUID reservationId, RequestContext context) {
    lockGate.enforce(deploymentEnv, tenant, KillSwitchAction.UPLOAD, context);
    Reservation r =
        reservations
            .reservation(reservationId)
            .filter(
                open ->
                    open.tenantId().equals(tenant.value())
                        && open.env().equals(deploymentEnv.value()))
            .orElseThrow(
                () ->
                    new WardenProblem(
                        ProblemTypes.UPLOAD_NOT_FOUND,
                        HttpStatus.NOT_FOUND,
                        "tenant %s has no open upload reservation %s (settled already, or never made)"
                            .formatted(tenant, reservationId)));
    PendingUpload upload = new PendingUpload(tenant, r.objectKey(), null, r.bytes());
    OptionalLong stored = presigner.storedSize(upload);
    if (stored.isPresent()) {
      reservations.settle(reservationId, stored.getAsLong());
      return new Completed(reservationId, r.objectKey(), "stored", r.bytes(), stored.getAsLong());
    }
    if (clock.instant().isBefore(r.expiresAt())) {
      throw new WardenProblem(
          ProblemTypes.UPLOAD_NOT_STORED,
          HttpStatus.CONFLICT,
          "nothing is stored at %s yet; the URL is valid until %s"
              .formatted(r.objectKey(), r.expiresAt()),
          Map.of("key", r.objectKey(), "expiresAt", r.expiresAt().toString()));
    }
    reservations.settle(reservationId, null);
    return new Completed(reservationId, r.objectKey(), "released", r.bytes(), null);
  }

  Presigned presign(PendingUpload pending, RequestContext context) {
    // The gate saw no lock; this note decides a race with a purge admitted since (see TenantLocks).
    locks
        .notePresign(
            pending.tenant(),
            deploymentEnv,
            clock.instant().plus(presigner.ttl()).plus(URL_EXPIRY_MARGIN))
        .ifPresent(
            lock -> {
              throw lockGate.refuse(lock, KillSwitchAction.UPLOAD, context);
            });
    Reservation reservation;
    try {
      reservation =
          reservations.reserve(
              pending.tenant(),
              deploymentEnv,
              pending.key(),
              pending.sizeBytes(),
              clock.instant().plus(presigner.ttl()),
              context.actor(),
              context.traceId());
    } catch (QuotaExceededException e) {
      throw refusals.refuse(
          e, deploymentEnv, pending.tenant(), KillSwitchAction.UPLOAD.id(), context);
    }
    try {
      return new Presigned(
          presigner.sign(pending), reservation.reservationId(), pending.sizeBytes());
    } catch (RuntimeException e) {
      reservations.settle(reservation.reservationId(), null);
      throw e;
    }
  }
}
