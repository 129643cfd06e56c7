package dev.warden.api.purge;

import dev.warden.api.gate.KillSwitchGate;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The kill-switch gate of the purge start route: action {@code purge}, tenant from the body. No
 * providers: starting a purge touches only PostgreSQL and Temporal; a provider switch blocks the
 * purge at the step that uses that provider, visibly, instead of refusing the request.
 */
@Component
class PurgeGate {

  private final KillSwitchGate killSwitches;

  PurgeGate(KillSwitchGate killSwitches) {
    this.killSwitches = killSwitches;
  }

  void enforce(PurgeRecord request, RequestContext context) {
    killSwitches.enforce(
        Env.of(request.env()),
        TenantId.of(request.tenantId()),
        KillSwitchAction.PURGE,
        List.of(),
        context);
  }
}
