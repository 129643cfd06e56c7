package dev.warden.api.tenant;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.TenantLocks;
import dev.warden.engines.purge.TenantLocks.Lock;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-opens a tenant a purge locked: its writes are accepted again. Only once no purge of it is
 * active; the lift and its TENANT_REOPENED event commit together.
 */
@Service
class TenantReopens {

  /** What a re-opening lifted. */
  record Reopened(
      String tenantId,
      String env,
      UUID purgeId,
      Instant lockedAt,
      String reopenedBy,
      Instant reopenedAt,
      String reason) {}

  private final TenantLocks locks;
  private final PurgeRecordStore purges;
  private final RequestAudit audit;
  private final TransactionTemplate tx;
  private final Env env;
  private final Clock clock;

  TenantReopens(
      TenantLocks locks,
      PurgeRecordStore purges,
      RequestAudit audit,
      PlatformTransactionManager transactions,
      Env env,
      Clock clock) {
    this.locks = locks;
    this.purges = purges;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.env = env;
    this.clock = clock;
  }

  Reopened reopen(String tenantId, String reason, RequestContext context) {
    TenantId tenant = TenantId.of(tenantId);
    purges
        .findActive(tenant.value(), env.value())
        .ifPresent(
            active -> {
              throw new WardenProblem(
                  ProblemTypes.PURGE_ACTIVE,
                  HttpStatus.CONFLICT,
                  "purge %s of tenant %s is %s; a tenant is re-opened only after its purge ended"
                      .formatted(active.purgeId(), tenant, active.status()),
                  Map.of("purgeId", active.purgeId().toString(), "status", active.status().name()));
            });
    return tx.execute(
        status -> {
          Lock lifted =
              locks
                  .reopen(tenant, env)
                  .orElseThrow(
                      () ->
                          new WardenProblem(
                              ProblemTypes.TENANT_NOT_LOCKED,
                              HttpStatus.CONFLICT,
                              "tenant %s takes writes already: no purge locked it"
                                  .formatted(tenant),
                              Map.of("tenantId", tenant.value())));
          audit.record(
              DatasetEventType.TENANT_REOPENED,
              tenant.value(),
              env.value(),
              context,
              Map.of(
                  "purgeId",
                  lifted.purgeId().toString(),
                  "lockedAt",
                  lifted.lockedAt().toString(),
                  "reason",
                  reason));
          return new Reopened(
              tenant.value(),
              env.value(),
              lifted.purgeId(),
              lifted.lockedAt(),
              context.actor(),
              clock.instant(),
              reason);
        });
  }
}
