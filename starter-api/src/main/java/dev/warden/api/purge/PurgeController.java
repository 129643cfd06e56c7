package dev.warden.api.purge;

import dev.warden.api.web.RequestContext;
import dev.warden.engines.purge.PurgeRecordStore.Admission;
import dev.warden.engines.purge.PurgeState;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compliance's entry point: ask for a tenant purge and follow it. */
@RestController
@RequestMapping("/v1/purges")
class PurgeController {

  private final PurgeService purges;

  PurgeController(PurgeService purges) {
    this.purges = purges;
  }

  /** 202 with the new purge, or 200 with the tenant's purge that is already under way. */
  @PostMapping
  ResponseEntity<PurgeView> create(
      @RequestBody(required = false) CreatePurge body, HttpServletRequest http) {
    RequestContext context = RequestContext.of(http);
    Admission admission = purges.request(body, context);
    PurgeView view = PurgeView.of(admission.purge());
    return ResponseEntity.status(admission.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create("/v1/purges/" + view.purgeId()))
        .header(RequestContext.TRACE_HEADER, context.traceId())
        .body(view);
  }

  @GetMapping("/{purgeId}")
  PurgeView get(@PathVariable UUID purgeId) {
    return PurgeView.of(purges.get(purgeId));
  }

  @GetMapping
  List<PurgeView> list(
      @RequestParam(required = false) String tenantId,
      @RequestParam(required = false) PurgeState status,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be between 1 and 500, was " + limit);
    }
    return purges.list(tenantId, status, limit).stream().map(PurgeView::of).toList();
  }
}
