package dev.warden.api.reconcile;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators start a reconciliation on demand and follow the nightly ones. */
@RestController
@RequestMapping("/v1/reconciliations")
class ReconciliationController {

  static final int MAX_LIMIT = 100;
  private final ReconciliationService reconciliations;

  ReconciliationController(ReconciliationService reconciliations) {
    this.reconciliations = reconciliations;
  }

  /** 202 with the new run; 409 (problem+json, with the running run's id) if one is running. */
  @PostMapping
  ResponseEntity<ReconciliationView> start(
      @RequestBody(required = false) CreateReconciliation body, HttpServletRequest http) {
    RequestContext context = CurrentRequest.context(http);
    ReconciliationView view =
        reconciliations.start(body == null ? new CreateReconciliation(null, null) : body, context);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/v1/reconciliations/" + view.reconciliationId()))
        .header(RequestContext.TRACE_HEADER, context.traceId())
        .body(view);
  }

  @GetMapping("/{reconciliationId}")
  ReconciliationView get(@PathVariable String reconciliationId) {
    return reconciliations.get(reconciliationId);
  }

  @GetMapping
  List<ReconciliationView> list(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    return reconciliations.recent(limit);
  }
}
