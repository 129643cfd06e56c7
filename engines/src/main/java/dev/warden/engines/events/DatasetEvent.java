package dev.warden.engines.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One append-only audit record. {@code tenantId} and {@code env} are plain strings because some
 * events (a global kill switch) belong to no tenant.
 */
public record DatasetEvent(
    UUID eventId,
    DatasetEventType type,
    String tenantId,
    String env,
    String actor,
    String traceId,
    Instant occurredAt,
    Map<String, String> attributes) {

  public DatasetEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(occurredAt, "occurredAt");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /**
   * A name-based id: the same logical event (say "purge p1, step storage, attempt 1 started")
   * always gets the same id, so a retried write is a no-op instead of a duplicate.
   */
  public static UUID deterministicId(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
  }
}
