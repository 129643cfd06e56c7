package dev.warden.engines.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks a tenant's hash chain from its first event to its head and names the first broken link: an
 * event whose content no longer gives its hash (changed), whose {@code prev_hash} is not the hash
 * of the event before it (one deleted or inserted in between), one without a hash after the chain
 * began (inserted around the store), or a chain that ends before its head (its last events
 * deleted).
 */
public final class ChainVerifier {

  private static final int PAGE = 1000;

  /** The first broken link. */
  public record Break(long seq, UUID eventId, String problem) {}

  /**
   * The walk's outcome: {@code events} hashed and checked, {@code unchained} older rows written
   * before the chain existed, the chain's {@code head}, whether {@code includes} (a receipt's
   * {@code auditChainHead}) is the hash of one of its events ({@code includedAt}).
   */
  public record Report(
      String tenantId,
      boolean valid,
      long events,
      long unchained,
      String head,
      Break firstBreak,
      String includes,
      UUID includedAt) {}

  private final JdbcClient jdbc;
  private final DatasetEventStore store;

  public ChainVerifier(JdbcClient jdbc, DatasetEventStore store) {
    this.jdbc = jdbc;
    this.store = store;
  }

  private record Row(long seq, DatasetEvent event, String prevHash, String hash) {}

  public Report verify(String tenantId, String includes) {
    String chain = EventChain.chainOf(tenantId);
    long events = 0;
    long unchained = 0;
    String last = null;
    boolean started = false;
    UUID includedAt = null;
    long after = 0;
    List<Row> page;
    do {
      page = page(tenantId, after);
      for (Row row : page) {
        after = row.seq();
        if (row.hash() == null) {
          if (!started) {
            unchained++;
            continue;
          }
          return broken(
              tenantId,
              events,
              unchained,
              row,
              includes,
              includedAt,
              "has no hash although the chain began before it: written around the store"
                  + " (inserted directly)");
        }
        if (!Objects.equals(row.prevHash(), last)) {
          return broken(
              tenantId,
              events,
              unchained,
              row,
              includes,
              includedAt,
              started
                  ? "its prev_hash is not the hash of the event before it: an event between them"
                      + " was deleted, or this one was inserted"
                  : "the chain's first event points to an earlier event that is not there: events"
                      + " before it were deleted");
        }
        if (!EventChain.hash(EventChain.canonical(row.event()), row.prevHash())
            .equals(row.hash())) {
          return broken(
              tenantId,
              events,
              unchained,
              row,
              includes,
              includedAt,
              "its content no longer gives its hash: it was changed after it was written");
        }
        started = true;
        last = row.hash();
        events++;
        if (row.hash().equals(includes)) {
          includedAt = row.event().eventId();
        }
      }
    } while (page.size() == PAGE);
    String head =
        jdbc.sql("select hash from event_chain_heads where chain = ?")
            .param(chain)
            .query(String.class)
            .optional()
            .orElse(null);
    if (!Objects.equals(head, last)) {
      Break end =
          new Break(
              after,
              null,
              "the chain ends at hash "
                  + last
                  + " but its head is "
                  + head
                  + ": its last events were deleted");
      return new Report(tenantId, false, events, unchained, head, end, includes, includedAt);
    }
    return new Report(tenantId, true, events, unchained, head, null, includes, includedAt);
  }

  private Report broken(
      String tenantId,
      long events,
      long unchained,
      Row row,
      String includes,
      UUID includedAt,
      String problem) {
    Break b =
        new Break(
            row.seq(),
            row.event().eventId(),
            "event "
                + row.event().eventId()
                + " (seq "
                + row.seq()
                + ", "
                + row.event().type()
                + ") "
                + problem);
    return new Report(tenantId, false, events, unchained, null, b, includes, includedAt);
  }

  private List<Row> page(String tenantId, long after) {
    String where = tenantId == null ? "tenant_id is null" : "tenant_id = ?";
    var spec =
        jdbc.sql(
            "select * from dataset_events where " + where + " and seq > ? order by seq limit ?");
    if (tenantId != null) {
      spec = spec.param(tenantId);
    }
    return spec.param(after)
        .param(PAGE)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong("seq"),
                    store.map(rs, n),
                    rs.getString("prev_hash"),
                    rs.getString("hash")))
        .list();
  }
}
