package dev.warden.api.events;

import dev.warden.api.web.ConsolePage;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's audit trail of one tenant (the events route's read), newest last. */
@Controller
class EventsConsoleController extends ConsolePage {

  private final DatasetEventStore events;

  EventsConsoleController(DatasetEventStore events) {
    this.events = events;
  }

  @GetMapping("/console/events")
  String trail(
      @RequestParam(required = false) String tenantId,
      @RequestParam(required = false) String env,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "500") int limit,
      Model model) {
    if (limit < 1 || limit > 5000) {
      throw new IllegalArgumentException("limit must be between 1 and 5000, was " + limit);
    }
    boolean asked = tenantId != null && !tenantId.isBlank();
    model.addAttribute("tenantId", asked ? tenantId.trim() : null);
    model.addAttribute("env", env);
    model.addAttribute("type", type);
    model.addAttribute(
        "events",
        asked
            ? events
                .findByTenant(
                    TenantId.of(tenantId.trim()).value(),
                    env == null || env.isBlank() ? null : Env.of(env.trim()).value(),
                    limit)
                .stream()
                .filter(e -> type == null || type.isBlank() || e.type().name().equals(type.trim()))
                .toList()
            : List.of());
    return "console/events";
  }
}
