package dev.warden.api.purge;

import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchUnavailableException;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.LegalHoldStore.LegalHold;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeStep;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What would stop a purge of a tenant before anyone asks for it, read from the stores the start
 * route and the workflow's steps consult (the hold {@link PurgeService#request} refuses, the switch
 * {@link PurgeGate} refuses, the switch a step waits on): the new-purge page shows it up front.
 * Reading records nothing; the route still decides when the request comes.
 */
@Component
class PurgeObstacles {

  /**
   * @param blockedBy a switch refusing the request itself
   * @param heldAtStep a switch on a store that would hold the purge at its step (not a refusal)
   * @param unknown why the switches cannot be read now (the route refuses then too: fail closed)
   */
  record Obstacles(
      String tenantId,
      LegalHold hold,
      KillSwitch blockedBy,
      KillSwitch heldAtStep,
      String unknown) {

    /** Whether the request would be refused now. */
    public boolean refused() {
      return hold != null || blockedBy != null || unknown != null;
    }
  }

  private final LegalHoldStore holds;
  private final KillSwitchEvaluator switches;

  PurgeObstacles(LegalHoldStore holds, KillSwitchEvaluator switches) {
    this.holds = holds;
    this.switches = switches;
  }

  Obstacles of(TenantId tenant, Env env) {
    LegalHold hold = holds.find(tenant.value(), env.value()).orElse(null);
    try {
      KillSwitch blocked =
          switches
              .check(KillSwitchQuery.of(env, tenant, KillSwitchAction.PURGE))
              .blockingSwitch()
              .orElse(null);
      Set<Provider> stores = new LinkedHashSet<>();
      for (PurgeStep step : PurgeStep.values()) {
        step.providers().stream().map(Provider::of).forEach(stores::add);
      }
      KillSwitch atStep =
          blocked != null
              ? null
              : switches
                  .check(
                      KillSwitchQuery.of(
                          env, tenant, KillSwitchAction.PURGE, stores.toArray(Provider[]::new)))
                  .blockingSwitch()
                  .orElse(null);
      return new Obstacles(tenant.value(), hold, blocked, atStep, null);
    } catch (KillSwitchUnavailableException unreadable) {
      return new Obstacles(
          tenant.value(),
          hold,
          null,
          null,
          "the kill switches cannot be read now (" + unreadable.getMessage() + ")");
    }
  }
}
