package dev.warden.api.purge;

import dev.warden.api.gate.GateChain;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * The gate chain of the purge start route (kill switch, rate limit class {@code purge}, quota) for
 * the tenant and env of the validated body. No providers: starting a purge touches only PostgreSQL
 * and Temporal; a provider switch blocks the purge at the step that uses that provider, visibly,
 * instead of refusing the request.
 */
@Component
class PurgeGate {

  private final GateChain gates;

  PurgeGate(GateChain gates) {
    this.gates = gates;
  }

  void enforce(PurgeRecord request, HttpServletRequest http, HttpServletResponse response) {
    gates.enforce(
        gates.request(http, Env.of(request.env()), TenantId.of(request.tenantId())), response);
  }
}
