package dev.warden.engines.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Append-only store of DatasetEvents in PostgreSQL, hash-chained per tenant; the table rejects
 * updates and deletes, and {@link ChainVerifier} finds any row changed around them.
 */
public class DatasetEventStore {

  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final AppendBatches batches = new AppendBatches(this);

  public DatasetEventStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Appends the event to its tenant's hash chain ({@link EventChain}) and returns once it is
   * committed; false when an event with the same id was already stored. Inside a caller's
   * transaction the event is written in it (and commits or rolls back with it); otherwise it joins
   * the events this process's other threads are appending at the same moment, written together in
   * one statement and one commit ({@link AppendBatches}).
   */
  public boolean append(DatasetEvent event) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return appendAlone(event);
    }
    return batches.append(event);
  }

  /** The event in a statement of its own; a duplicate id is false, not an error. */
  boolean appendAlone(DatasetEvent event) {
    try {
      return !appendAll(List.of(event)).isEmpty();
    } catch (DuplicateKeyException sameEventAtOnce) {
      // Another writer stored this id between the check and the insert: the statement (head
      // included) rolled back, so the chain is intact.
      return false;
    }
  }

  /**
   * Appends {@code events} in one statement ({@code append_dataset_events}, V20): one head row lock
   * and one head write per chain, chains taken in one global order. Returns the ids stored (an id
   * already stored is skipped). Atomic: on an error nothing of the batch is stored.
   */
  Set<UUID> appendAll(List<DatasetEvent> events) {
    List<DatasetEvent> ordered = new ArrayList<>(events);
    // Each chain's events together, in the order given; the chains in Java's string order, the
    // one every writer uses, so no two batches take two heads in opposite orders.
    ordered.sort(Comparator.comparing(e -> EventChain.chainOf(e.tenantId())));
    int n = ordered.size();
    String[] ids = new String[n];
    String[] types = new String[n];
    String[] tenants = new String[n];
    String[] envs = new String[n];
    String[] actors = new String[n];
    String[] traces = new String[n];
    String[] times = new String[n];
    String[] attributes = new String[n];
    String[] canonicals = new String[n];
    for (int i = 0; i < n; i++) {
      DatasetEvent e = ordered.get(i);
      ids[i] = e.eventId().toString();
      types[i] = e.type().name();
      tenants[i] = e.tenantId();
      envs[i] = e.env();
      actors[i] = e.actor();
      traces[i] = e.traceId();
      times[i] = EventChain.stored(e.occurredAt()).toString();
      attributes[i] = write(e.attributes());
      canonicals[i] = EventChain.canonical(e);
    }
    return new HashSet<>(
        jdbc.sql(
                """
                select * from append_dataset_events(cast(? as uuid[]), cast(? as text[]),
                  cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                  cast(? as timestamptz[]), cast(? as jsonb[]), cast(? as text[]))
                """)
            .params(ids, types, tenants, envs, actors, traces, times, attributes, canonicals)
            .query(UUID.class)
            .list());
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
