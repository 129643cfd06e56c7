package dev.warden.api.events;

import dev.warden.api.web.ConsolePage;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.events.EventQuery;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's audit trail of one tenant, newest first, a page at a time through the events
 * route's query ({@link DatasetEventStore#page}): Older continues before the last event shown,
 * Newer after the first, each cursor an event id as on {@code GET /v1/events}.
 */
@Controller
class EventsConsoleController extends ConsolePage {

  static final int PAGE = 50;

  private final DatasetEventStore events;

  EventsConsoleController(DatasetEventStore events) {
    this.events = events;
  }

  @GetMapping("/console/events")
  String trail(
      @RequestParam(required = false) String tenantId,
      @RequestParam(required = false) String env,
      @RequestParam(required = false) List<DatasetEventType> type,
      @RequestParam(required = false) UUID after,
      @RequestParam(required = false) UUID before,
      @RequestParam(defaultValue = "" + PAGE) int limit,
      Model model) {
    if (after != null && before != null) {
      throw new IllegalArgumentException("page with after or before, not both");
    }
    String tenant = tenantId == null || tenantId.isBlank() ? null : tenantId.trim();
    String inEnv = env == null || env.isBlank() ? null : Env.of(env.trim()).value();
    Set<DatasetEventType> types = type == null || type.isEmpty() ? Set.of() : EnumSet.copyOf(type);
    model.addAttribute("tenantId", tenant);
    model.addAttribute("env", inEnv);
    model.addAttribute("types", types);
    model.addAttribute("allTypes", DatasetEventType.values());
    model.addAttribute("limit", limit);
    if (tenant == null) {
      model.addAttribute("events", List.of());
      return "console/events";
    }
    // Newer pages are read oldest first from the cursor (the events right after it), then shown
    // newest first like every page; one more row than shown says whether the page has a beyond.
    boolean newer = after != null;
    List<DatasetEvent> rows =
        new ArrayList<>(
            events.page(
                new EventQuery(
                    TenantId.of(tenant).value(),
                    inEnv,
                    types,
                    null,
                    null,
                    after,
                    before,
                    !newer,
                    Math.min(EventQuery.MAX_LIMIT, limit + 1))));
    boolean beyond = rows.size() > limit;
    List<DatasetEvent> shown = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
    if (newer) {
      Collections.reverse(shown);
    }
    model.addAttribute("events", shown);
    if (!shown.isEmpty()) {
      boolean hasOlder = newer || beyond;
      boolean hasNewer = newer ? beyond : before != null;
      model.addAttribute("olderThan", hasOlder ? shown.get(shown.size() - 1).eventId() : null);
      model.addAttribute("newerThan", hasNewer ? shown.get(0).eventId() : null);
    }
    return "console/events";
  }
}
