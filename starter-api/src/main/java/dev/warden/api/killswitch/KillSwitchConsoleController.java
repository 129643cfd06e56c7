package dev.warden.api.killswitch;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.web.ConsolePage;
import dev.warden.engines.killswitch.KillSwitchService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's kill switches: what is engaged, the latest changes, engage or release a scope with
 * a reason, through {@link KillSwitchAdmin} as the REST route does.
 */
@Controller
class KillSwitchConsoleController extends ConsolePage {

  private final KillSwitchService switches;
  private final KillSwitchAdmin admin;

  KillSwitchConsoleController(KillSwitchService switches, KillSwitchAdmin admin) {
    this.switches = switches;
    this.admin = admin;
  }

  @GetMapping("/console/kill-switches")
  String overview(Model model) {
    model.addAttribute(
        "current", switches.current().stream().map(KillSwitchViews.SwitchView::of).toList());
    model.addAttribute(
        "history", switches.history(50).stream().map(KillSwitchViews.ChangeView::of).toList());
    return "console/kill-switches";
  }

  /** Blank scope fields are left out; all blank is the global switch only if asked for. */
  @PostMapping("/console/kill-switches")
  String change(
      @RequestParam(required = false) String env,
      @RequestParam(required = false) String tenantId,
      @RequestParam(required = false) String provider,
      @RequestParam(required = false) String action,
      @RequestParam String state,
      @RequestParam(required = false) String reason,
      HttpServletRequest http,
      RedirectAttributes flash) {
    Map<String, String> scope = new LinkedHashMap<>();
    put(scope, "env", env);
    put(scope, "tenantId", tenantId);
    put(scope, "provider", provider);
    put(scope, "action", action);
    admin.change(
        new KillSwitchViews.ChangeRequest(scope, state, reason, null),
        CurrentRequest.context(http));
    // The scope as the tables below print it (env=prod,tenantId=acme), never a map's toString.
    flash.addFlashAttribute(
        "notice",
        ("ENGAGED".equals(state) ? "Engaged: " : "Released: ")
            + KillSwitchAdmin.scope(scope).key());
    return "redirect:/console/kill-switches";
  }

  private static void put(Map<String, String> scope, String key, String value) {
    if (value != null && !value.isBlank()) {
      scope.put(key, value.trim());
    }
  }
}
