package dev.warden.engines.purge;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.Objects;

/** A validated purge request as the API receives it. */
public record NewPurge(
    TenantId tenantId,
    Env env,
    String requestedBy,
    String reason,
    String ticket,
    String traceId,
    long gracePeriodSeconds,
    boolean dryRun) {
  public NewPurge {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(requestedBy, "requestedBy");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required: say why the tenant is purged");
    }
    if (gracePeriodSeconds < 0) {
      throw new IllegalArgumentException("gracePeriod must not be negative");
    }
  }

  /** An immediate, real purge. */
  public NewPurge(
      TenantId tenantId,
      Env env,
      String requestedBy,
      String reason,
      String ticket,
      String traceId) {
    this(tenantId, env, requestedBy, reason, ticket, traceId, 0, false);
  }
}
