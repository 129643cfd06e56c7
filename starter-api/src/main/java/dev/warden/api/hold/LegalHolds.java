package dev.warden.api.hold;

import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.LegalHoldStore.LegalHold;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Places and lifts holds, audited. A hold placed while a purge waits out its grace period (or runs)
 * stops it: the stop flag halts a running step at its next page, the signal wakes a waiting
 * workflow.
 */
@Service
class LegalHolds {

  private final LegalHoldStore holds;
  private final PurgeRecordStore purges;
  private final RequestAudit audit;
  private final WorkflowClient temporal;
  private final Env env;

  LegalHolds(
      LegalHoldStore holds,
      PurgeRecordStore purges,
      RequestAudit audit,
      WorkflowClient temporal,
      Env env) {
    this.holds = holds;
    this.purges = purges;
    this.audit = audit;
    this.temporal = temporal;
    this.env = env;
  }

  LegalHold place(String tenantId, String reason, RequestContext context) {
    TenantId tenant = TenantId.of(tenantId);
    LegalHold hold = holds.place(tenant, env, context.actor(), reason);
    audit(tenant, DatasetEventType.LEGAL_HOLD_PLACED, context, hold.reason());
    purges
        .findActive(tenant.value(), env.value())
        .ifPresent(
            purge -> {
              purges.requestStop(purge.purgeId(), "legal hold placed by " + hold.placedBy());
              temporal
                  .newWorkflowStub(
                      TenantPurgeWorkflow.class,
                      purge.workflowId(),
                      Optional.ofNullable(purge.runId()))
                  .legalHoldPlaced(hold.placedBy(), hold.reason());
            });
    return hold;
  }

  Optional<LegalHold> find(String tenantId) {
    return holds.find(TenantId.of(tenantId).value(), env.value());
  }

  Optional<LegalHold> lift(String tenantId, String reason, RequestContext context) {
    TenantId tenant = TenantId.of(tenantId);
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required to lift a legal hold (?reason=...)");
    }
    Optional<LegalHold> lifted = holds.lift(tenant, env);
    lifted.ifPresent(h -> audit(tenant, DatasetEventType.LEGAL_HOLD_RELEASED, context, reason));
    return lifted;
  }

  private void audit(
      TenantId tenant, DatasetEventType type, RequestContext context, String reason) {
    audit.record(type, tenant.value(), env.value(), context, Map.of("reason", reason));
  }
}
