package dev.warden.api.quota;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's quotas in this deployment's environment: limits, usage, reservations, drift. */
@RestController
@RequestMapping("/v1/tenants/{tenantId}/quotas")
class QuotaController {

  private final QuotaAdmin quotas;
  private final Env deploymentEnv;

  QuotaController(QuotaAdmin quotas, Env deploymentEnv) {
    this.quotas = quotas;
    this.deploymentEnv = deploymentEnv;
  }

  @GetMapping
  QuotaViews.QuotaView get(@PathVariable String tenantId) {
    return quotas.view(TenantId.of(tenantId), deploymentEnv);
  }

  /** Replaces the tenant's limits (null = default); the reason is required and audited. */
  @PutMapping
  QuotaViews.QuotaView put(
      @PathVariable String tenantId,
      @RequestBody(required = false) QuotaViews.ChangeLimits body,
      HttpServletRequest http) {
    return quotas.change(TenantId.of(tenantId), deploymentEnv, body, CurrentRequest.context(http));
  }
}
