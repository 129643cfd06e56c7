package dev.warden.api.events;

import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.events.EventQuery;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The audit trail of one tenant, a page at a time: oldest first (or {@code order=desc}), filtered
 * by type and time, and a {@code Link: <…>; rel="next"} header while more may follow, so an auditor
 * reaches every event.
 */
@RestController
class EventsController {

  private final DatasetEventStore events;

  EventsController(DatasetEventStore events) {
    this.events = events;
  }

  @GetMapping("/v1/events")
  ResponseEntity<List<DatasetEvent>> list(
      @RequestParam String tenantId,
      @RequestParam(required = false) String env,
      @RequestParam(required = false) List<String> type,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) UUID after,
      @RequestParam(required = false) UUID before,
      @RequestParam(defaultValue = "asc") String order,
      @RequestParam(defaultValue = "500") int limit) {
    if (after != null && before != null) {
      throw new IllegalArgumentException("page with after or before, not both");
    }
    if (!order.equals("asc") && !order.equals("desc")) {
      throw new IllegalArgumentException("order is asc or desc, was " + order);
    }
    boolean desc = order.equals("desc");
    EventQuery query =
        new EventQuery(
            TenantId.of(tenantId).value(),
            env == null ? null : Env.of(env).value(),
            types(type),
            from,
            to,
            after,
            before,
            desc,
            limit);
    List<DatasetEvent> page = events.page(query);
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    if (page.size() == limit) {
      // The next page continues in the same direction from the last event of this one.
      String next =
          ServletUriComponentsBuilder.fromCurrentRequest()
              .replaceQueryParam("after")
              .replaceQueryParam("before")
              .replaceQueryParam(desc ? "before" : "after", page.get(page.size() - 1).eventId())
              .build()
              .toUriString();
      answer.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return answer.body(page);
  }

  private static Set<DatasetEventType> types(List<String> names) {
    Set<DatasetEventType> types = EnumSet.noneOf(DatasetEventType.class);
    if (names != null) {
      for (String list : names) {
        for (String name : list.split(",")) {
          if (!name.isBlank()) {
            types.add(DatasetEventType.valueOf(name.strip()));
          }
        }
      }
    }
    return types;
  }
}
