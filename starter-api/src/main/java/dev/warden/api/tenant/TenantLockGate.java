package dev.warden.api.tenant;

import dev.warden.api.gate.Gate;
import dev.warden.api.gate.GateProblem;
import dev.warden.api.gate.GateRequest;
import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.web.RefusalAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.TenantLocks;
import dev.warden.engines.purge.TenantLocks.Lock;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * After the kill switch: refuses the writes (upload, index, pack) of a tenant whose purge engaged
 * its write lock, with 423 {@code tenant-under-purge} naming the purge. Reads (search) pass: the
 * index step removes what they could find. Read from PostgreSQL on every write, not cached, so the
 * lock holds from the instant the purge is admitted.
 */
@Component
public class TenantLockGate implements Gate {

  /** The actions that add data to a tenant. */
  static final Set<KillSwitchAction> WRITES =
      EnumSet.of(KillSwitchAction.UPLOAD, KillSwitchAction.INDEX, KillSwitchAction.PACK);

  private final TenantLocks locks;
  private final PurgeRecordStore purges;
  private final RefusalAudit audit;
  private final MeterRegistry meters;

  TenantLockGate(
      TenantLocks locks, PurgeRecordStore purges, RefusalAudit audit, MeterRegistry meters) {
    this.locks = locks;
    this.purges = purges;
    this.audit = audit;
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return TENANT_LOCK;
  }

  @Override
  public void enforce(GateRequest request) {
    if (request.tenant() != null && WRITES.contains(request.action())) {
      enforce(request.env(), request.tenant(), request.action(), request.context());
    }
  }

  /** For a write route outside the chain (an upload's completion): returns when not locked. */
  public void enforce(Env env, TenantId tenant, KillSwitchAction action, RequestContext context) {
    var lock = locks.find(tenant, env);
    if (lock.isPresent()) {
      throw refuse(lock.get(), action, context);
    }
  }

  /** The refusal for a write that met {@code lock}: audited, counted, answered 423. */
  public GateProblem refuse(Lock lock, KillSwitchAction action, RequestContext context) {
    String status =
        purges.find(lock.purgeId()).map(PurgeRecord::status).map(Enum::name).orElse("UNKNOWN");
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("action", action.id());
    attributes.put("purgeId", lock.purgeId().toString());
    attributes.put("purgeStatus", status);
    // Counted per purge, action and window, not one row per refused call (RefusalAudit).
    audit.refused(
        DatasetEventType.TENANT_WRITE_REFUSED, lock.tenantId(), lock.env(), context, attributes);
    meters.counter("warden.gate.blocked", "action", action.id(), "gate", "tenant_lock").increment();
    Map<String, Object> properties = new LinkedHashMap<>(attributes);
    properties.put("tenantId", lock.tenantId());
    properties.put("lockedAt", lock.lockedAt().toString());
    return new GateProblem(
        ProblemTypes.TENANT_UNDER_PURGE,
        HttpStatus.LOCKED,
        "Tenant under purge",
        ("%s for tenant %s is refused: purge %s (%s) locked the tenant's writes at %s; an operator"
                + " re-opens it with POST /v1/tenants/%s/reopen once the purge has ended")
            .formatted(
                action.id(),
                lock.tenantId(),
                lock.purgeId(),
                status,
                lock.lockedAt(),
                lock.tenantId()),
        properties,
        Map.of());
  }
}
