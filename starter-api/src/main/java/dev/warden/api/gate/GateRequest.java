package dev.warden.api.gate;

import dev.warden.api.web.RequestContext;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.List;
import java.util.Objects;

/** What a gated request is about to do, and for whom. {@code tenant} is null for no tenant. */
public record GateRequest(
    Env env,
    TenantId tenant,
    KillSwitchAction action,
    List<Provider> providers,
    RequestContext context) {

  public GateRequest {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(context, "context");
    providers = providers == null ? List.of() : List.copyOf(providers);
  }
}
