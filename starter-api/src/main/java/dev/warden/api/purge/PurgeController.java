package dev.warden.api.purge;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.gate.Gated;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore.Admission;
import dev.warden.engines.purge.PurgeState;
import dev.warden.workflows.contract.PurgeProgress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compliance's entry point: ask for a tenant purge, follow it, retry or cancel it. */
@RestController
@RequestMapping("/v1/purges")
class PurgeController {

  private final PurgeService purges;
  private final PurgeOperations operations;
  private final PurgeGate gate;
  private final PurgeApprovals approvals;

  PurgeController(
      PurgeService purges, PurgeOperations operations, PurgeGate gate, PurgeApprovals approvals) {
    this.purges = purges;
    this.operations = operations;
    this.gate = gate;
    this.approvals = approvals;
  }

  /** 202 with the new purge, or 200 with the tenant's purge that is already under way. */
  @PostMapping
  @Gated(action = KillSwitchAction.PURGE)
  ResponseEntity<PurgeView> create(
      @RequestBody(required = false) @Valid CreatePurge body,
      HttpServletRequest http,
      HttpServletResponse response) {
    RequestContext context = CurrentRequest.context(http);
    PurgeRecord request = purges.validate(body, context);
    gate.enforce(request, http, response);
    Admission admission = purges.request(request, context);
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

  @GetMapping("/{purgeId}/progress")
  PurgeProgress progress(@PathVariable UUID purgeId) {
    return purges.progress(purgeId);
  }

  @GetMapping(value = "/{purgeId}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
  String receipt(@PathVariable UUID purgeId) {
    return purges.receipt(purgeId);
  }

  @PostMapping("/{purgeId}/retry")
  ResponseEntity<PurgeView> retry(@PathVariable UUID purgeId, HttpServletRequest http) {
    return ResponseEntity.accepted()
        .body(PurgeView.of(operations.retry(purgeId, CurrentRequest.context(http))));
  }

  /** Body {@code {"reason": "..."}}. */
  @PostMapping("/{purgeId}/cancel")
  ResponseEntity<PurgeView> cancel(
      @PathVariable UUID purgeId,
      @RequestBody(required = false) @Valid CancelPurge body,
      HttpServletRequest http) {
    String reason = body == null ? null : body.reason();
    return ResponseEntity.accepted()
        .body(PurgeView.of(operations.cancel(purgeId, reason, CurrentRequest.context(http))));
  }

  /** A second compliance user lets the purge go on to its grace period. */
  @PostMapping("/{purgeId}/approve")
  ResponseEntity<PurgeView> approve(@PathVariable UUID purgeId, HttpServletRequest http) {
    return ResponseEntity.accepted()
        .body(PurgeView.of(approvals.approve(purgeId, CurrentRequest.context(http))));
  }

  /** Body {@code {"reason": "..."}}: the purge ends REJECTED, nothing deleted. */
  @PostMapping("/{purgeId}/reject")
  ResponseEntity<PurgeView> reject(
      @PathVariable UUID purgeId,
      @RequestBody(required = false) @Valid RejectPurge body,
      HttpServletRequest http) {
    String reason = body == null ? null : body.reason();
    return ResponseEntity.accepted()
        .body(PurgeView.of(approvals.reject(purgeId, reason, CurrentRequest.context(http))));
  }

  /** Compliance moves the due date (GDPR art. 12(3)); body {@code {"extendBy","reason"}}. */
  @PostMapping("/{purgeId}/extend")
  PurgeView extend(
      @PathVariable UUID purgeId,
      @RequestBody(required = false) @Valid ExtendDeadline body,
      HttpServletRequest http) {
    return PurgeView.of(operations.extend(purgeId, body, CurrentRequest.context(http)));
  }

  /** {@code overdue=true}: active purges past their due date, the most overdue first. */
  @GetMapping
  List<PurgeView> list(
      @RequestParam(required = false) String tenantId,
      @RequestParam(required = false) PurgeState status,
      @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be between 1 and 500, was " + limit);
    }
    return purges.list(tenantId, status, overdue, limit).stream().map(PurgeView::of).toList();
  }
}
