package dev.warden.api.hold;

import dev.warden.api.purge.PurgeStops;
import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.LegalHoldStore.LegalHold;
import dev.warden.engines.purge.LegalHoldStore.Placement;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places and lifts holds, each with its audit event in one transaction. A hold placed while a purge
 * waits out its grace period (or runs) stops it through {@link PurgeStops}. Placing a standing hold
 * again changes nothing and records nothing: who placed it stays who placed it.
 */
@Service
public class LegalHolds {

  static final int MAX_REASON = 2_000;

  private final LegalHoldStore holds;
  private final PurgeStops stops;
  private final RequestAudit audit;
  private final TransactionTemplate tx;
  private final Env env;

  LegalHolds(
      LegalHoldStore holds,
      PurgeStops stops,
      RequestAudit audit,
      PlatformTransactionManager transactions,
      Env env) {
    this.holds = holds;
    this.stops = stops;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.env = env;
  }

  public LegalHold place(String tenantId, String reason, RequestContext context) {
    TenantId tenant = TenantId.of(tenantId);
    record Placed(LegalHold hold, Optional<PurgeRecord> stopped) {}
    Placed placed =
        tx.execute(
            status -> {
              Placement placement = holds.place(tenant, env, context.actor(), reason);
              LegalHold hold = placement.hold();
              if (!placement.placed()) {
                return new Placed(hold, Optional.empty());
              }
              audit(tenant, DatasetEventType.LEGAL_HOLD_PLACED, context, hold.reason());
              return new Placed(
                  hold,
                  stops.flagActive(
                      tenant.value(), env.value(), "legal hold placed by " + hold.placedBy()));
            });
    placed
        .stopped()
        .ifPresent(p -> stops.signalHold(p, placed.hold().placedBy(), placed.hold().reason()));
    return placed.hold();
  }

  public Optional<LegalHold> find(String tenantId) {
    return holds.find(TenantId.of(tenantId).value(), env.value());
  }

  public Optional<LegalHold> lift(String tenantId, String reason, RequestContext context) {
    TenantId tenant = TenantId.of(tenantId);
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required to lift a legal hold (?reason=...)");
    }
    if (reason.length() > MAX_REASON) {
      throw new IllegalArgumentException("reason must be at most " + MAX_REASON + " characters");
    }
    return tx.execute(
        status -> {
          Optional<LegalHold> lifted = holds.lift(tenant, env);
          lifted.ifPresent(
              h -> audit(tenant, DatasetEventType.LEGAL_HOLD_RELEASED, context, reason));
          return lifted;
        });
  }

  private void audit(
      TenantId tenant, DatasetEventType type, RequestContext context, String reason) {
    audit.record(type, tenant.value(), env.value(), context, Map.of("reason", reason));
  }
}
