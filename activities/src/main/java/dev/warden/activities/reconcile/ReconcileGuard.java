package dev.warden.activities.reconcile;

import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchDecision;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchUnavailableException;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.GuardDecision;

/**
 * The kill-switch check before every listing page and every tenant: action {@code reconcile}, the
 * tenant's own switches, and the providers the step talks to. Fails closed.
 */
final class ReconcileGuard {

  static final Provider S3 = Provider.of("s3");
  static final Provider OPENSEARCH = Provider.of("opensearch");

  private final KillSwitchEvaluator killSwitches;

  ReconcileGuard(KillSwitchEvaluator killSwitches) {
    this.killSwitches = killSwitches;
  }

  /** Allowed, or the switch that blocks; {@code tenant} null for the run as a whole. */
  GuardDecision check(Env env, String tenant, Provider... providers) {
    try {
      KillSwitchDecision decision =
          killSwitches.check(
              KillSwitchQuery.of(
                  env,
                  tenant == null ? null : TenantId.of(tenant),
                  KillSwitchAction.RECONCILE,
                  providers));
      if (decision.allowed()) {
        return GuardDecision.ALLOWED;
      }
      KillSwitch by = decision.blockingSwitch().orElseThrow();
      return GuardDecision.blocked(by.id().toString(), by.scope().key(), by.reason());
    } catch (KillSwitchUnavailableException unknown) {
      return GuardDecision.blocked(
          null, "unknown", "kill-switch state unavailable: " + unknown.getMessage());
    }
  }
}
