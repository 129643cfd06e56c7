package dev.warden.api.killswitch;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.killswitch.KillSwitchService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' kill switches: see what is engaged, engage or release a scope. Every change is
 * recorded with its actor and trace id and reaches every replica within the staleness bound.
 */
@RestController
@RequestMapping("/v1/kill-switches")
class KillSwitchController {

  static final int MAX_HISTORY = 1000;

  private final KillSwitchService switches;
  private final KillSwitchAdmin admin;

  KillSwitchController(KillSwitchService switches, KillSwitchAdmin admin) {
    this.switches = switches;
    this.admin = admin;
  }

  /** Engaged switches (read from the database, not a replica's cache) and the latest changes. */
  @GetMapping
  KillSwitchViews.Overview list(@RequestParam(defaultValue = "100") int historyLimit) {
    if (historyLimit < 1 || historyLimit > MAX_HISTORY) {
      throw new IllegalArgumentException(
          "historyLimit must be between 1 and %d, was %d".formatted(MAX_HISTORY, historyLimit));
    }
    return new KillSwitchViews.Overview(
        switches.current().stream().map(KillSwitchViews.SwitchView::of).toList(),
        switches.history(historyLimit).stream().map(KillSwitchViews.ChangeView::of).toList());
  }

  /** Engages or releases one scope; 404 when releasing a scope that is not engaged. */
  @PutMapping
  ResponseEntity<KillSwitchViews.ChangeResult> change(
      @RequestBody(required = false) @Valid KillSwitchViews.ChangeRequest body,
      HttpServletRequest http) {
    RequestContext context = CurrentRequest.context(http);
    return ResponseEntity.ok()
        .header(RequestContext.TRACE_HEADER, context.traceId())
        .body(admin.change(body, context));
  }
}
