package dev.warden.api.events;

import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of one tenant, oldest first. */
@RestController
class EventsController {

  private final DatasetEventStore events;

  EventsController(DatasetEventStore events) {
    this.events = events;
  }

  @GetMapping("/v1/events")
  List<DatasetEvent> list(
      @RequestParam String tenantId,
      @RequestParam(required = false) String env,
      @RequestParam(defaultValue = "500") int limit) {
    if (limit < 1 || limit > 5000) {
      throw new IllegalArgumentException("limit must be between 1 and 5000, was " + limit);
    }
    String envValue = env == null ? null : Env.of(env).value();
    return events.findByTenant(TenantId.of(tenantId).value(), envValue, limit);
  }
}
