package dev.warden.api.tenant;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.hold.LegalHolds;
import dev.warden.api.hold.PlaceHold;
import dev.warden.api.quota.QuotaAdmin;
import dev.warden.api.security.ConsolePermissions;
import dev.warden.api.web.ConsoleForms;
import dev.warden.api.web.ConsolePage;
import dev.warden.engines.purge.TenantLocks;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's tenant page: its legal hold (legal places and lifts it), its quotas and usage
 * (ledger and last reconciliation) and its write lock (operators re-open it). Each part is read
 * only for whom the API route behind it admits; each action calls the REST route's service ({@link
 * LegalHolds}, {@link TenantReopens}) with the form checked as the route's body is.
 */
@Controller
@RequestMapping("/console/tenants/{tenantId}")
class TenantConsoleController extends ConsolePage {

  private static final String TENANT = "/v1/tenants/{tenantId}";

  private final LegalHolds holds;
  private final QuotaAdmin quotas;
  private final TenantReopens reopens;
  private final TenantLocks locks;
  private final ConsolePermissions can;
  private final Validator validator;
  private final Env env;

  TenantConsoleController(
      LegalHolds holds,
      QuotaAdmin quotas,
      TenantReopens reopens,
      TenantLocks locks,
      ConsolePermissions can,
      Validator validator,
      Env env) {
    this.holds = holds;
    this.quotas = quotas;
    this.reopens = reopens;
    this.locks = locks;
    this.can = can;
    this.validator = validator;
    this.env = env;
  }

  @GetMapping
  String tenant(@PathVariable String tenantId, Authentication person, Model model) {
    TenantId tenant = TenantId.of(tenantId);
    model.addAttribute("tenantId", tenant.value());
    model.addAttribute("env", env.value());
    if (can.call(person, "GET", TENANT + "/legal-hold")) {
      model.addAttribute("holdShown", true);
      model.addAttribute("hold", holds.find(tenant.value()).orElse(null));
    }
    if (can.call(person, "GET", TENANT + "/quotas")) {
      model.addAttribute("quota", quotas.view(tenant, env));
    }
    // The lock is shown with the quotas (what the tenant may write) and to who may re-open it.
    if (can.call(person, "GET", TENANT + "/quotas")
        || can.call(person, "POST", TENANT + "/reopen")) {
      model.addAttribute("lockShown", true);
      model.addAttribute("lock", locks.find(tenant, env).orElse(null));
    }
    return "console/tenant";
  }

  @PostMapping("/legal-hold")
  String place(
      @PathVariable String tenantId,
      @RequestParam(required = false) String reason,
      HttpServletRequest http,
      RedirectAttributes flash) {
    PlaceHold body = ConsoleForms.valid(validator, new PlaceHold(reason));
    var hold = holds.place(tenantId, body.reason(), CurrentRequest.context(http));
    flash.addFlashAttribute("notice", "Legal hold in place, by " + hold.placedBy() + ".");
    return redirect(tenantId);
  }

  @PostMapping("/legal-hold/lift")
  String lift(
      @PathVariable String tenantId,
      @RequestParam(required = false) String reason,
      HttpServletRequest http,
      RedirectAttributes flash) {
    boolean lifted = holds.lift(tenantId, reason, CurrentRequest.context(http)).isPresent();
    flash.addFlashAttribute(
        "notice", lifted ? "Legal hold lifted." : "The tenant had no legal hold to lift.");
    return redirect(tenantId);
  }

  @PostMapping("/reopen")
  String reopen(
      @PathVariable String tenantId,
      @RequestParam(required = false) String reason,
      HttpServletRequest http,
      RedirectAttributes flash) {
    ReopenTenant body = ConsoleForms.valid(validator, new ReopenTenant(reason));
    var reopened = reopens.reopen(tenantId, body.reason(), CurrentRequest.context(http));
    flash.addFlashAttribute(
        "notice", "Re-opened: the lock of purge " + reopened.purgeId() + " is lifted.");
    return redirect(tenantId);
  }

  private static String redirect(String tenantId) {
    return "redirect:/console/tenants/" + TenantId.of(tenantId).value();
  }
}
