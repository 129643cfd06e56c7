package dev.warden.engines.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Append-only store of DatasetEvents in PostgreSQL, hash-chained per tenant; the table rejects
 * updates and deletes, and {@link ChainVerifier} finds any row changed around them.
 */
public class DatasetEventStore {

  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public DatasetEventStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Appends the event to its tenant's hash chain ({@link EventChain}); returns false when an event
   * with the same id was already stored. One statement advances the chain's head and inserts the
   * event, so the head's row lock orders concurrent writers of one tenant and a failed insert
   * leaves the head where it was.
   */
  public boolean append(DatasetEvent event) {
    Instant at = EventChain.stored(event.occurredAt());
    String canonical = EventChain.canonical(event);
    try {
      int rows =
          jdbc.sql(
                  """
                  with head as (
                    insert into event_chain_heads as h (chain, prev_hash, hash, updated_at)
                    select ?, null, encode(sha256(convert_to(cast(? as text), 'UTF8')), 'hex'), now()
                    where not exists (select 1 from dataset_events where event_id = ?)
                    on conflict (chain) do update
                      set prev_hash = h.hash, updated_at = now(),
                        hash = encode(sha256(convert_to(cast(? as text) || h.hash, 'UTF8')), 'hex')
                    returning prev_hash, hash
                  )
                  insert into dataset_events (event_id, type, tenant_id, env, actor, trace_id,
                    occurred_at, attributes, prev_hash, hash)
                  select ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), head.prev_hash, head.hash from head
                  """)
              .params(
                  EventChain.chainOf(event.tenantId()),
                  canonical,
                  event.eventId(),
                  canonical,
                  event.eventId(),
                  event.type().name(),
                  event.tenantId(),
                  event.env(),
                  event.actor(),
                  event.traceId(),
                  Timestamp.from(at),
                  write(event.attributes()))
              .update();
      return rows == 1;
    } catch (DuplicateKeyException sameEventAtOnce) {
      // Another writer stored this id between the check and the insert: the statement (head
      // included) rolled back, so the chain is intact.
      return false;
    }
  }

  /** Events of one tenant, oldest first, optionally of one environment. */
  public List<DatasetEvent> findByTenant(String tenantId, String env, int limit) {
    return jdbc.sql(
            """
            select * from dataset_events
            where tenant_id = ? and (cast(? as text) is null or env = ?)
            order by seq limit ?
            """)
        .params(tenantId, env, env, limit)
        .query(this::map)
        .list();
  }

  /**
   * One page of the trail ({@link EventQuery}); an {@code after} or {@code before} event the table
   * does not hold is refused rather than read as "from the start".
   */
  public List<DatasetEvent> page(EventQuery q) {
    StringBuilder sql = new StringBuilder("select * from dataset_events where tenant_id = ?");
    List<Object> params = new ArrayList<>(List.of(q.tenantId()));
    if (q.env() != null) {
      sql.append(" and env = ?");
      params.add(q.env());
    }
    if (!q.types().isEmpty()) {
      sql.append(" and type in (")
          .append(String.join(", ", Collections.nCopies(q.types().size(), "?")))
          .append(")");
      q.types().stream().map(Enum::name).sorted().forEach(params::add);
    }
    if (q.from() != null) {
      sql.append(" and occurred_at >= ?");
      params.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      sql.append(" and occurred_at < ?");
      params.add(Timestamp.from(q.to()));
    }
    if (q.after() != null) {
      sql.append(" and seq > ?");
      params.add(seqOf(q.after()));
    }
    if (q.before() != null) {
      sql.append(" and seq < ?");
      params.add(seqOf(q.before()));
    }
    sql.append(q.newestFirst() ? " order by seq desc" : " order by seq").append(" limit ?");
    params.add(q.limit());
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  private long seqOf(UUID eventId) {
    return jdbc.sql("select seq from dataset_events where event_id = ?")
        .param(eventId)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> new IllegalArgumentException("no event " + eventId + " to page from"));
  }

  DatasetEvent map(ResultSet rs, int row) throws SQLException {
    return new DatasetEvent(
        rs.getObject("event_id", UUID.class),
        DatasetEventType.valueOf(rs.getString("type")),
        rs.getString("tenant_id"),
        rs.getString("env"),
        rs.getString("actor"),
        rs.getString("trace_id"),
        rs.getTimestamp("occurred_at").toInstant(),
        read(rs.getString("attributes")));
  }

  private String write(Map<String, String> attributes) {
    try {
      return json.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("attributes are not serialisable", e);
    }
  }

  private Map<String, String> read(String value) {
    try {
      return json.readValue(value, ATTRIBUTES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored attributes are not JSON: " + value, e);
    }
  }
}
