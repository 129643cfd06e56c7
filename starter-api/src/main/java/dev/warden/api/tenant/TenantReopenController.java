package dev.warden.api.tenant;

import dev.warden.api.gate.CurrentRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators re-open a tenant whose purge locked its writes. */
@RestController
class TenantReopenController {

  private final TenantReopens reopens;

  TenantReopenController(TenantReopens reopens) {
    this.reopens = reopens;
  }

  /** Body {@code {"reason": "..."}}: 200 with what was lifted, 409 when nothing is to re-open. */
  @PostMapping("/v1/tenants/{tenantId}/reopen")
  TenantReopens.Reopened reopen(
      @PathVariable String tenantId,
      @RequestBody(required = false) @Valid ReopenTenant body,
      HttpServletRequest http) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON body with a reason is required");
    }
    return reopens.reopen(tenantId, body.reason(), CurrentRequest.context(http));
  }
}
