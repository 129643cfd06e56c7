package dev.warden.engines.objects;

import dev.warden.engines.purge.ProgressClaim;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable, attempt-fenced progress of one lane of a storage purge ({@code storage_progress}):
 * the committed cursor and the page in flight. Every write after the claim names the owner and
 * attempt that claimed the row, so an attempt that was superseded changes nothing ({@link
 * ShardTakenOverException}).
 */
public class StorageProgress {

  /** The shard id of a purge of the tenant's whole prefix. */
  public static final String WHOLE_PREFIX = "all";

  /** One lane of one purge's storage step. */
  public record Lane(UUID purgeId, String shard) {}

  /**
   * Who writes: {@code owner} names the activity execution (a new one starts from zero totals),
   * {@code attempt} its retry.
   */
  public record Writer(Lane lane, String owner, int attempt) {}

  /** The row as a claim found it. */
  public record Claim(
      ProgressClaim found,
      KeyRange range,
      StorageCursor committed,
      Optional<PendingPage> pending,
      Duration pendingAge) {}

  private final JdbcClient jdbc;

  public StorageProgress(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes {@code writer} the lane's owner: inserts the row at {@code start}, or takes it over from
   * another execution or an earlier attempt. Empty when a newer attempt of the same execution (or
   * this one) holds it already.
   */
  public Optional<Claim> claim(Writer writer, KeyRange range, StorageCursor start) {
    return jdbc.sql(
            """
            with before as (
              select owner from storage_progress where purge_id = :purge and shard_id = :shard
            )
            insert into storage_progress (purge_id, shard_id, owner, attempt, range_after,
              range_up_to, last_key, objects, bytes, pages)
            values (:purge, :shard, :owner, :attempt, :after, :upTo, :lastKey, :objects, :bytes,
              :pages)
            on conflict (purge_id, shard_id) do update
              set owner = excluded.owner, attempt = excluded.attempt, updated_at = now()
              where storage_progress.owner <> excluded.owner
                 or storage_progress.attempt < excluded.attempt
            returning (select owner from before) as previous_owner, range_after, range_up_to,
              last_key, objects, bytes, pages, pending_last_key, pending_key_versions,
              pending_objects, pending_bytes,
              cast(extract(epoch from now() - pending_at) * 1000 as bigint) as pending_age_millis
            """)
        .param("purge", writer.lane().purgeId())
        .param("shard", writer.lane().shard())
        .param("owner", writer.owner())
        .param("attempt", writer.attempt())
        .param("after", range.after())
        .param("upTo", range.upTo())
        .param("lastKey", start.lastKey())
        .param("objects", start.objects())
        .param("bytes", start.bytes())
        .param("pages", start.pages())
        .query((rs, n) -> claim(rs, writer.owner()))
        .optional();
  }

  /** Records the page about to be deleted; throws when a newer attempt owns the lane. */
  public void begin(Writer writer, PendingPage page) {
    fenced(
        writer,
        jdbc.sql(
                """
                update storage_progress set pending_last_key = :lastKey,
                  pending_key_versions = cast(:versions as text[]), pending_objects = :objects,
                  pending_bytes = :bytes, pending_at = now(), updated_at = now()
                where purge_id = :purge and shard_id = :shard and owner = :owner
                  and attempt = :attempt
                """)
            .param("lastKey", page.lastKey())
            .param("versions", page.lastKeyVersions().toArray(String[]::new))
            .param("objects", page.objects())
            .param("bytes", page.bytes()));
  }

  /** Folds what went into the committed cursor and clears the pending page. */
  public void commit(Writer writer, StorageCursor cursor) {
    write(writer, null, cursor);
  }

  /** As {@link #commit}, also moving the row to {@code range} (a claim resolved, resuming). */
  public void resume(Writer writer, KeyRange range, StorageCursor cursor) {
    write(writer, range, cursor);
  }

  /** Forgets every lane of a purge (it reached its final state). */
  public void forget(UUID purgeId) {
    jdbc.sql("delete from storage_progress where purge_id = :purge")
        .param("purge", purgeId)
        .update();
  }

  private void write(Writer writer, KeyRange range, StorageCursor cursor) {
    fenced(
        writer,
        jdbc.sql(
                """
                update storage_progress set last_key = :lastKey, objects = :objects,
                  bytes = :bytes, pages = :pages, pending_last_key = null,
                  pending_key_versions = null, pending_objects = null, pending_bytes = null,
                  pending_at = null, updated_at = now(),
                  range_after = case when :move then cast(:after as text) else range_after end,
                  range_up_to = case when :move then cast(:upTo as text) else range_up_to end
                where purge_id = :purge and shard_id = :shard and owner = :owner
                  and attempt = :attempt
                """)
            .param("lastKey", cursor.lastKey())
            .param("objects", cursor.objects())
            .param("bytes", cursor.bytes())
            .param("pages", cursor.pages())
            .param("move", range != null)
            .param("after", range == null ? null : range.after())
            .param("upTo", range == null ? null : range.upTo()));
  }

  private static void fenced(Writer writer, JdbcClient.StatementSpec update) {
    int rows =
        update
            .param("purge", writer.lane().purgeId())
            .param("shard", writer.lane().shard())
            .param("owner", writer.owner())
            .param("attempt", writer.attempt())
            .update();
    if (rows != 1) {
      throw new ShardTakenOverException(writer.lane(), writer.owner(), writer.attempt());
    }
  }

  private static Claim claim(ResultSet rs, String owner) throws SQLException {
    String previous = rs.getString("previous_owner");
    ProgressClaim found = ProgressClaim.of(previous, owner);
    String after = rs.getString("range_after");
    String upTo = rs.getString("range_up_to");
    StorageCursor committed =
        new StorageCursor(
            rs.getString("last_key"),
            rs.getLong("objects"),
            rs.getLong("bytes"),
            rs.getInt("pages"));
    String pendingKey = rs.getString("pending_last_key");
    Optional<PendingPage> pending = Optional.empty();
    if (pendingKey != null) {
      Array versions = rs.getArray("pending_key_versions");
      pending =
          Optional.of(
              new PendingPage(
                  pendingKey,
                  versions == null ? List.of() : List.of((String[]) versions.getArray()),
                  rs.getLong("pending_objects"),
                  rs.getLong("pending_bytes")));
    }
    return new Claim(
        found,
        new KeyRange(after, upTo),
        committed,
        pending,
        Duration.ofMillis(Math.max(0, rs.getLong("pending_age_millis"))));
  }
}
