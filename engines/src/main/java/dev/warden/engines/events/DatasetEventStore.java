package dev.warden.engines.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Append-only store of DatasetEvents in PostgreSQL; the table rejects updates and deletes. */
public class DatasetEventStore {

  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public DatasetEventStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Appends the event; returns false when an event with the same id was already stored. */
  public boolean append(DatasetEvent event) {
    int rows =
        jdbc.sql(
                """
                insert into dataset_events
                  (event_id, type, tenant_id, env, actor, trace_id, occurred_at, attributes)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                on conflict (event_id) do nothing
                """)
            .params(
                event.eventId(),
                event.type().name(),
                event.tenantId(),
                event.env(),
                event.actor(),
                event.traceId(),
                Timestamp.from(event.occurredAt()),
                write(event.attributes()))
            .update();
    return rows == 1;
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

  private DatasetEvent map(ResultSet rs, int row) throws SQLException {
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
