package dev.warden.engines.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.engines.receipt.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * How an event is hashed into its tenant's chain: {@code hash = hex(SHA-256(canonical ||
 * prevHash))}, where {@code canonical} is the event as canonical JSON ({@link CanonicalJson}: its
 * id, type, tenant, env, actor, trace id, time to the microsecond PostgreSQL keeps, attributes) and
 * {@code prevHash} the previous event's hash (empty for a chain's first event).
 */
public final class EventChain {

  private EventChain() {}

  /** The chain an event belongs to: its tenant's, or {@code ""} for events of no tenant. */
  public static String chainOf(String tenantId) {
    return tenantId == null ? "" : tenantId;
  }

  /** The time as stored: PostgreSQL keeps microseconds, so the hash is over exactly those. */
  public static Instant stored(Instant occurredAt) {
    return occurredAt.truncatedTo(ChronoUnit.MICROS);
  }

  public static String canonical(DatasetEvent e) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("eventId", e.eventId().toString());
    node.put("type", e.type().name());
    node.put("tenantId", e.tenantId());
    node.put("env", e.env());
    node.put("actor", e.actor());
    node.put("traceId", e.traceId());
    node.put("occurredAt", stored(e.occurredAt()).toString());
    ObjectNode attributes = node.putObject("attributes");
    e.attributes().forEach(attributes::put);
    return new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8);
  }

  /** What the append computes in SQL, computed again by whoever verifies. */
  public static String hash(String canonical, String prevHash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              (canonical + (prevHash == null ? "" : prevHash)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
