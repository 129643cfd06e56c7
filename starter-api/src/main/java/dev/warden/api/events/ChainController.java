package dev.warden.api.events;

import dev.warden.engines.events.ChainVerifier;
import dev.warden.engines.tenant.TenantId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Walks a tenant's hash-chained trail and names the first broken link; {@code includes}: a
 * receipt's {@code auditChainHead}, answered with the event it is the hash of.
 */
@RestController
class ChainController {

  private final ChainVerifier chains;

  ChainController(ChainVerifier chains) {
    this.chains = chains;
  }

  @GetMapping("/v1/events/verify")
  ChainVerifier.Report verify(
      @RequestParam String tenantId, @RequestParam(required = false) String includes) {
    return chains.verify(TenantId.of(tenantId).value(), includes);
  }
}
