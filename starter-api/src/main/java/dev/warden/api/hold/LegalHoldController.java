package dev.warden.api.hold;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.purge.LegalHoldStore.LegalHold;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Legal holds on a tenant in this deployment's environment. */
@RestController
@RequestMapping("/v1/tenants/{tenantId}/legal-hold")
class LegalHoldController {

  private final LegalHolds holds;

  LegalHoldController(LegalHolds holds) {
    this.holds = holds;
  }

  /** Body {@code {"reason": "..."}}; placing a standing hold again returns the first one. */
  @PutMapping
  LegalHold place(
      @PathVariable String tenantId,
      @RequestBody(required = false) @Valid PlaceHold body,
      HttpServletRequest http) {
    return holds.place(tenantId, body == null ? null : body.reason(), RequestContext.of(http));
  }

  @GetMapping
  LegalHold get(@PathVariable String tenantId) {
    return holds.find(tenantId).orElseThrow(() -> notFound(tenantId));
  }

  @DeleteMapping
  LegalHold lift(
      @PathVariable String tenantId,
      @RequestParam(required = false) String reason,
      HttpServletRequest http) {
    return holds
        .lift(tenantId, reason, RequestContext.of(http))
        .orElseThrow(() -> notFound(tenantId));
  }

  private static WardenProblem notFound(String tenantId) {
    return new WardenProblem(
        ProblemTypes.LEGAL_HOLD_NOT_FOUND,
        HttpStatus.NOT_FOUND,
        "tenant " + tenantId + " has no legal hold",
        Map.of("tenantId", tenantId));
  }
}
