package dev.warden.engines.killswitch;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scope of a kill switch: a set of optional dimensions. Unset ({@code null}) means "any"; all
 * unset is the global switch. A switch applies to a request when every dimension it sets equals the
 * request's, so {@code tenant=acme} never stops {@code acme-eu}.
 */
public record KillSwitchSpec(Env env, TenantId tenant, Provider provider, KillSwitchAction action) {

  private static final KillSwitchSpec GLOBAL = new KillSwitchSpec(null, null, null, null);

  public static KillSwitchSpec global() {
    return GLOBAL;
  }

  public static KillSwitchSpec of(
      Env env, TenantId tenant, Provider provider, KillSwitchAction action) {
    return new KillSwitchSpec(env, tenant, provider, action);
  }

  /** From API strings; {@code null} leaves a dimension unset, anything invalid is refused. */
  public static KillSwitchSpec parse(String env, String tenant, String provider, String action) {
    return new KillSwitchSpec(
        env == null ? null : Env.of(env),
        tenant == null ? null : TenantId.of(tenant),
        provider == null ? null : Provider.of(provider),
        action == null ? null : KillSwitchAction.of(action));
  }

  public KillSwitchSpec withEnv(Env value) {
    return new KillSwitchSpec(value, tenant, provider, action);
  }

  public KillSwitchSpec withTenant(TenantId value) {
    return new KillSwitchSpec(env, value, provider, action);
  }

  public KillSwitchSpec withProvider(Provider value) {
    return new KillSwitchSpec(env, tenant, value, action);
  }

  public KillSwitchSpec withAction(KillSwitchAction value) {
    return new KillSwitchSpec(env, tenant, provider, value);
  }

  /** How many dimensions are set (0 = global); the more, the more specific. */
  public int specificity() {
    return (env == null ? 0 : 1)
        + (tenant == null ? 0 : 1)
        + (provider == null ? 0 : 1)
        + (action == null ? 0 : 1);
  }

  public boolean isGlobal() {
    return specificity() == 0;
  }

  /** Whether a request described by {@code query} falls under this scope. */
  public boolean appliesTo(KillSwitchQuery query) {
    return (env == null || env.equals(query.env()))
        && (tenant == null || tenant.equals(query.tenant()))
        && (provider == null || query.providers().contains(provider))
        && (action == null || action == query.action());
  }

  /** The set dimensions in a fixed order ({@code env, tenantId, provider, action}). */
  public Map<String, String> dimensions() {
    Map<String, String> out = new LinkedHashMap<>();
    if (env != null) {
      out.put("env", env.value());
    }
    if (tenant != null) {
      out.put("tenantId", tenant.value());
    }
    if (provider != null) {
      out.put("provider", provider.value());
    }
    if (action != null) {
      out.put("action", action.id());
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * A canonical, human-readable key such as {@code env=prod,tenantId=acme} or {@code global}: one
   * stored switch per key. No value can contain {@code ,} or {@code =} (the dimension rules).
   */
  public String key() {
    if (isGlobal()) {
      return "global";
    }
    StringBuilder out = new StringBuilder();
    dimensions()
        .forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return out.toString();
  }

  @Override
  public String toString() {
    return key();
  }
}
