package dev.warden.engines.logarchive;

import dev.warden.engines.tenant.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link ArchiveIndex} in PostgreSQL ({@code archive_index}), one row per archive object. */
public class PgArchiveIndex implements ArchiveIndex {

  private final JdbcClient jdbc;
  private final String bucket;

  public PgArchiveIndex(JdbcClient jdbc, String bucket) {
    this.jdbc = jdbc;
    this.bucket = bucket;
  }

  @Override
  public Map<ArchiveObject, Contents> lookup(Collection<ArchiveObject> objects) {
    return lookup(objects, "tenants", null);
  }

  // The database answers "holds the tenant?" itself: a page of archives shared by hundreds of
  // tenants no longer ships every tenant id of every archive to the worker.
  @Override
  public Map<ArchiveObject, Contents> lookup(Collection<ArchiveObject> objects, TenantId tenant) {
    return lookup(
        objects,
        "case when :tenant = any(tenants) then array[:tenant]::text[] else '{}'::text[] end",
        tenant.value());
  }

  private Map<ArchiveObject, Contents> lookup(
      Collection<ArchiveObject> objects, String tenantsColumn, String tenant) {
    if (objects.isEmpty()) {
      return Map.of();
    }
    String[] keys = objects.stream().map(ArchiveObject::key).distinct().toArray(String[]::new);
    Map<ArchiveObject, Contents> rows = new HashMap<>();
    var sql =
        jdbc.sql(
                "select archive_key, version_id, etag, "
                    + tenantsColumn
                    + " as tenants, unattributable from archive_index"
                    + " where bucket = :bucket and archive_key = any(:keys)")
            .param("bucket", bucket)
            .param("keys", keys);
    if (tenant != null) {
      sql = sql.param("tenant", tenant);
    }
    sql.query((rs, n) -> rows.put(object(rs), contents(rs))).list();
    Map<ArchiveObject, Contents> known = new HashMap<>();
    for (ArchiveObject o : objects) {
      Contents c = rows.get(o); // equal key, version id and ETag, or no match at all
      if (c != null) {
        known.put(o, c);
      }
    }
    return known;
  }

  @Override
  public void record(ArchiveObject object, Contents contents) {
    jdbc.sql(
            """
            insert into archive_index
              (bucket, archive_key, version_id, etag, tenants, unattributable, indexed_at)
            values (:bucket, :key, :version, :etag, :tenants, :unattributable, now())
            on conflict (bucket, archive_key, version_id) do update
              set etag = excluded.etag, tenants = excluded.tenants,
                  unattributable = excluded.unattributable, indexed_at = now(), seen_at = now()
            """)
        .param("bucket", bucket)
        .param("key", object.key())
        .param("version", object.versionId())
        .param("etag", object.etag())
        .param("tenants", contents.tenants().stream().sorted().toArray(String[]::new))
        .param("unattributable", contents.unattributable())
        .update();
  }

  @Override
  public void forget(ArchiveObject object) {
    jdbc.sql(
            """
            delete from archive_index
            where bucket = :bucket and archive_key = :key and version_id = :version
            """)
        .param("bucket", bucket)
        .param("key", object.key())
        .param("version", object.versionId())
        .update();
  }

  @Override
  public void seen(Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            update archive_index set seen_at = now()
            where bucket = :bucket and archive_key = any(:keys)
            """)
        .param("bucket", bucket)
        .param("keys", keys.stream().distinct().toArray(String[]::new))
        .update();
  }

  @Override
  public int forgetUnseen(String prefix, Instant since) {
    return jdbc.sql(
            """
            delete from archive_index
            where bucket = :bucket and starts_with(archive_key, :prefix) and seen_at < :since
            """)
        .param("bucket", bucket)
        .param("prefix", prefix)
        .param("since", Timestamp.from(since))
        .update();
  }

  @Override
  public Instant now() {
    return jdbc.sql("select now()").query(Timestamp.class).single().toInstant();
  }

  /**
   * Writes a finding of the audit: the row said {@code indexed}, the archive held {@code actual}.
   */
  public void finding(ArchiveObject object, Set<String> indexed, Set<String> actual) {
    jdbc.sql(
            """
            insert into archive_index_findings
              (bucket, archive_key, version_id, etag, indexed_tenants, actual_tenants)
            values (:bucket, :key, :version, :etag, :indexed, :actual)
            """)
        .param("bucket", bucket)
        .param("key", object.key())
        .param("version", object.versionId())
        .param("etag", object.etag())
        .param("indexed", indexed.stream().sorted().toArray(String[]::new))
        .param("actual", actual.stream().sorted().toArray(String[]::new))
        .update();
  }

  /** Archive keys of the audit's findings, newest first. */
  public List<String> findings(int limit) {
    return jdbc.sql(
            """
            select archive_key from archive_index_findings where bucket = :bucket
            order by id desc limit :limit
            """)
        .param("bucket", bucket)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  private static ArchiveObject object(ResultSet rs) throws SQLException {
    return new ArchiveObject(
        rs.getString("archive_key"), rs.getString("version_id"), rs.getString("etag"));
  }

  private static Contents contents(ResultSet rs) throws SQLException {
    Array tenants = rs.getArray("tenants");
    return new Contents(Set.of((String[]) tenants.getArray()), rs.getLong("unattributable"));
  }
}
