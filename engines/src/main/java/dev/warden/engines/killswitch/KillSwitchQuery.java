package dev.warden.engines.killswitch;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a request is about to do: always in one env, optionally for one tenant, through any number
 * of providers (a purge step may touch {@code s3} and {@code opensearch}), optionally as one
 * action.
 */
public record KillSwitchQuery(
    Env env, TenantId tenant, List<Provider> providers, KillSwitchAction action) {

  public KillSwitchQuery {
    Objects.requireNonNull(env, "env");
    providers = providers == null ? List.of() : List.copyOf(new LinkedHashSet<>(providers));
  }

  public static KillSwitchQuery of(
      Env env, TenantId tenant, KillSwitchAction action, Provider... providers) {
    return new KillSwitchQuery(env, tenant, List.of(providers), action);
  }

  /** From API or workflow strings; {@code null} tenant or action means "none", bad names throw. */
  public static KillSwitchQuery parse(
      String env, String tenant, String action, List<String> providers) {
    List<Provider> parsed = new ArrayList<>();
    for (String provider : providers == null ? List.<String>of() : providers) {
      parsed.add(Provider.of(provider));
    }
    return new KillSwitchQuery(
        Env.of(env),
        tenant == null ? null : TenantId.of(tenant),
        parsed,
        action == null ? null : KillSwitchAction.of(action));
  }

  public KillSwitchQuery withTenant(TenantId value) {
    return new KillSwitchQuery(env, value, providers, action);
  }

  public KillSwitchQuery withAction(KillSwitchAction value) {
    return new KillSwitchQuery(env, tenant, providers, value);
  }

  public KillSwitchQuery withProviders(Provider... values) {
    return new KillSwitchQuery(env, tenant, List.of(values), action);
  }
}
