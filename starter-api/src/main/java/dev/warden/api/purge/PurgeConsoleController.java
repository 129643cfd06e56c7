package dev.warden.api.purge;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.gate.Gated;
import dev.warden.api.web.ConsolePage;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeStep;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's purge pages: every action calls the service the REST route calls ({@link
 * PurgeService}, {@link PurgeApprovals}, {@link PurgeOperations}) with the signed-in person as
 * actor, so the rules, events and refusals are the API's. A refusal is shown by {@link ConsolePage}
 * with the problem's status.
 */
@Controller
@RequestMapping("/console")
class PurgeConsoleController extends ConsolePage {

  static final int PAGE = 50;

  private final PurgeService purges;
  private final PurgeOperations operations;
  private final PurgeApprovals approvals;
  private final PurgeGate gate;
  private final DatasetEventStore events;
  private final PurgeObstacles obstacles;

  PurgeConsoleController(
      PurgeService purges,
      PurgeOperations operations,
      PurgeApprovals approvals,
      PurgeGate gate,
      DatasetEventStore events,
      PurgeObstacles obstacles) {
    this.purges = purges;
    this.operations = operations;
    this.approvals = approvals;
    this.gate = gate;
    this.events = events;
    this.obstacles = obstacles;
  }

  @GetMapping
  String home() {
    return "redirect:/console/purges";
  }

  @GetMapping("/purges")
  String list(
      @RequestParam(required = false) String tenantId,
      @RequestParam(required = false) PurgeState status,
      @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    if (page < 0 || page > 99) {
      throw new IllegalArgumentException("page must be between 0 and 99, was " + page);
    }
    // The store answers the newest first (most overdue first with overdue=true); a page is the
    // tail of the first (page + 1) pages, one more row telling whether another page follows.
    List<PurgeView> rows =
        purges.list(blankToNull(tenantId), status, overdue, (page + 1) * PAGE + 1).stream()
            .map(PurgeView::of)
            .toList();
    int from = Math.min(rows.size(), page * PAGE);
    int to = Math.min(rows.size(), from + PAGE);
    model.addAttribute("rows", rows.subList(from, to));
    model.addAttribute("pageNumber", page);
    model.addAttribute("hasNext", rows.size() > to);
    model.addAttribute("tenantId", blankToNull(tenantId));
    model.addAttribute("status", status);
    model.addAttribute("overdue", overdue);
    model.addAttribute("statuses", PurgeState.values());
    return "console/purges";
  }

  /**
   * With a tenant (the page asks as soon as one is typed in), what would stop its purge: a legal
   * hold or a kill switch, shown with its reason; the buttons are disabled while it stands.
   */
  @GetMapping("/purges/new")
  String form(@RequestParam(required = false) String tenantId, Model model) {
    String tenant = blankToNull(tenantId);
    model.addAttribute("tenantId", tenant);
    if (tenant != null) {
      try {
        model.addAttribute(
            "obstacles", obstacles.of(TenantId.of(tenant), Env.of(purges.deploymentEnv())));
      } catch (IllegalArgumentException notATenantId) {
        model.addAttribute("tenantProblem", notATenantId.getMessage());
      }
    }
    return "console/new-purge";
  }

  /**
   * {@code preview=true} starts a dry run (counts, deletes nothing) and shows it; otherwise the
   * purge itself. The gate (kill switch) and the legal-hold check are the REST route's.
   */
  @PostMapping("/purges")
  @Gated(action = KillSwitchAction.PURGE)
  String create(
      CreatePurge form,
      @RequestParam(defaultValue = "false") boolean preview,
      HttpServletRequest http,
      HttpServletResponse response) {
    if (form.reason() == null || form.reason().isBlank()) {
      throw new IllegalArgumentException("a reason is required: say why the tenant is purged");
    }
    CreatePurge body =
        new CreatePurge(
            form.tenantId(),
            form.env() == null || form.env().isBlank() ? purges.deploymentEnv() : form.env(),
            form.reason(),
            blankToNull(form.ticket()),
            blankToNull(form.gracePeriod()),
            preview,
            blankToNull(form.receivedAt()));
    PurgeRecord request = purges.validate(body, CurrentRequest.context(http));
    gate.enforce(request, http, response);
    PurgeRecord purge = purges.request(request, CurrentRequest.context(http)).purge();
    return "redirect:/console/purges/" + purge.purgeId();
  }

  @GetMapping("/purges/{purgeId}")
  String purge(@PathVariable UUID purgeId, Model model) {
    PurgeRecord record = purges.get(purgeId);
    PurgeView purge = PurgeView.of(record);
    model.addAttribute("purge", purge);
    model.addAttribute("progress", progress(record, purge));
    model.addAttribute("events", eventsOf(purge));
    if (purge.dryRun() && "COMPLETED".equals(purge.status())) {
      model.addAttribute("preview", ConsoleReceipt.read(purges.receipt(purgeId)));
    }
    return "console/purge";
  }

  /** The live part of the purge page, polled by htmx. */
  @GetMapping("/purges/{purgeId}/progress")
  String progress(@PathVariable UUID purgeId, Model model) {
    PurgeRecord record = purges.get(purgeId);
    PurgeView purge = PurgeView.of(record);
    model.addAttribute("purge", purge);
    model.addAttribute("progress", progress(record, purge));
    return "console/purge :: live";
  }

  @GetMapping("/purges/{purgeId}/certificate")
  String certificate(@PathVariable UUID purgeId, Model model) {
    String receipt = purges.receipt(purgeId);
    model.addAttribute("purge", PurgeView.of(purges.get(purgeId)));
    model.addAttribute("receipt", ConsoleReceipt.read(receipt));
    return "console/certificate";
  }

  @GetMapping("/purges/{purgeId}/receipt.json")
  ResponseEntity<String> receipt(@PathVariable UUID purgeId) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"warden-receipt-" + purgeId + ".json\"")
        .body(purges.receipt(purgeId));
  }

  @PostMapping("/purges/{purgeId}/approve")
  String approve(@PathVariable UUID purgeId, HttpServletRequest http, RedirectAttributes flash) {
    approvals.approve(purgeId, CurrentRequest.context(http));
    flash.addFlashAttribute("notice", "You approved this purge.");
    return "redirect:/console/purges/" + purgeId;
  }

  @PostMapping("/purges/{purgeId}/reject")
  String reject(
      @PathVariable UUID purgeId,
      @RequestParam(required = false) String reason,
      HttpServletRequest http,
      RedirectAttributes flash) {
    approvals.reject(purgeId, reason, CurrentRequest.context(http));
    flash.addFlashAttribute("notice", "You rejected this purge; nothing is deleted.");
    return "redirect:/console/purges/" + purgeId;
  }

  @PostMapping("/purges/{purgeId}/cancel")
  String cancel(
      @PathVariable UUID purgeId,
      @RequestParam(required = false) String reason,
      HttpServletRequest http,
      RedirectAttributes flash) {
    operations.cancel(purgeId, reason, CurrentRequest.context(http));
    flash.addFlashAttribute("notice", "Cancellation asked.");
    return "redirect:/console/purges/" + purgeId;
  }

  @PostMapping("/purges/{purgeId}/retry")
  String retry(@PathVariable UUID purgeId, HttpServletRequest http, RedirectAttributes flash) {
    operations.retry(purgeId, CurrentRequest.context(http));
    flash.addFlashAttribute("notice", "Retry asked.");
    return "redirect:/console/purges/" + purgeId;
  }

  @PostMapping("/purges/{purgeId}/extend")
  String extend(
      @PathVariable UUID purgeId,
      @RequestParam(required = false) String extendBy,
      @RequestParam(required = false) String reason,
      HttpServletRequest http,
      RedirectAttributes flash) {
    operations.extend(purgeId, new ExtendDeadline(extendBy, reason), CurrentRequest.context(http));
    flash.addFlashAttribute("notice", "Due date extended.");
    return "redirect:/console/purges/" + purgeId;
  }

  private ConsoleProgress progress(PurgeRecord record, PurgeView purge) {
    if (!PurgeState.valueOf(purge.status()).isActive()) {
      return ConsoleProgress.ended(purge);
    }
    try {
      return ConsoleProgress.live(
          purge,
          purges.progress(purge.purgeId()),
          purge.dryRun() ? null : previewed(purge),
          record.status() == PurgeState.RUNNING ? record.statusSince() : null,
          Instant.now());
    } catch (RuntimeException unreachable) {
      return ConsoleProgress.unknown(purge, unreachable.getMessage());
    }
  }

  /** What the tenant's latest completed preview before this purge counted per store, if any. */
  private Map<PurgeStep, Long> previewed(PurgeView purge) {
    return purges.list(purge.tenantId(), PurgeState.COMPLETED, false, 20).stream()
        .map(PurgeView::of)
        .filter(p -> p.dryRun() && p.env().equals(purge.env()))
        .filter(p -> !p.requestedAt().isAfter(purge.requestedAt()))
        .findFirst()
        .map(this::wouldDelete)
        .orElse(null);
  }

  /** Null when the preview's receipt cannot be read: then there is no estimate, nothing worse. */
  private Map<PurgeStep, Long> wouldDelete(PurgeView preview) {
    try {
      return ConsoleReceipt.read(purges.receipt(preview.purgeId())).wouldDelete();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private List<DatasetEvent> eventsOf(PurgeView purge) {
    String id = purge.purgeId().toString();
    return events.findByTenant(purge.tenantId(), purge.env(), 500).stream()
        .filter(
            e -> id.equals(e.attributes().get("purgeId")) || purge.traceId().equals(e.traceId()))
        .toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
