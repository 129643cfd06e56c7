package dev.warden.engines.indexpurge;

import dev.warden.engines.purge.ProgressClaim;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable, attempt-fenced progress of one index-purge step ({@code index_progress}): the
 * committed cursor, and per lane the bulk in flight ({@code index_pending_page}). Every write after
 * the claim names the owner and attempt that claimed the step, and locks its row, so an attempt
 * that was superseded changes nothing ({@link IndexTakenOverException}).
 */
public class IndexProgress {

  /**
   * Who writes: {@code step} the purge step ({@code INDEX} or {@code LOGS}), {@code owner} the
   * activity execution (a new one starts from zero totals), {@code attempt} its retry.
   */
  public record Writer(UUID purgeId, String step, String owner, int attempt) {}

  /** The row as a claim found it. */
  public record Claim(ProgressClaim found, IndexCursor committed) {}

  /** A lane's bulk whose outcome was not folded in; {@code age}: since it was recorded. */
  public record PendingBulk(int lane, String index, List<String> ids, Duration age) {
    public PendingBulk {
      ids = List.copyOf(ids);
    }
  }

  private final JdbcClient jdbc;

  public IndexProgress(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes {@code writer} the step's owner: inserts the row at {@code start}, or takes it over from
   * another execution or an earlier attempt. Empty when a newer attempt of the same execution (or
   * this one) holds it already. Once this returns, no earlier attempt can record another bulk.
   */
  public Optional<Claim> claim(Writer writer, IndexCursor start) {
    return jdbc.sql(
            """
            with before as (
              select owner from index_progress where purge_id = :purge and step = :step
            )
            insert into index_progress (purge_id, step, owner, attempt, index_name, deleted, pages)
            values (:purge, :step, :owner, :attempt, :index, :deleted, :pages)
            on conflict (purge_id, step) do update
              set owner = excluded.owner, attempt = excluded.attempt, updated_at = now()
              where index_progress.owner <> excluded.owner
                 or index_progress.attempt < excluded.attempt
            returning (select owner from before) as previous_owner, index_name, deleted, pages
            """)
        .param("purge", writer.purgeId())
        .param("step", writer.step())
        .param("owner", writer.owner())
        .param("attempt", writer.attempt())
        .param("index", start.index())
        .param("deleted", start.deleted())
        .param("pages", start.pages())
        .query((rs, n) -> claim(rs, writer.owner()))
        .optional();
  }

  /** The bulks the step's earlier attempts left pending, by lane. */
  public List<PendingBulk> pending(Writer writer) {
    return jdbc.sql(
            """
            select lane, index_name, doc_ids,
              cast(extract(epoch from now() - written_at) * 1000 as bigint) as age_millis
            from index_pending_page where purge_id = :purge and step = :step order by lane
            """)
        .param("purge", writer.purgeId())
        .param("step", writer.step())
        .query(
            (rs, n) ->
                new PendingBulk(
                    rs.getInt("lane"),
                    rs.getString("index_name"),
                    List.of((String[]) rs.getArray("doc_ids").getArray()),
                    Duration.ofMillis(Math.max(0, rs.getLong("age_millis")))))
        .list();
  }

  /**
   * Records the bulk {@code lane} is about to send; throws when a newer attempt owns the step. The
   * row lock (for share) orders this against a claim: either the claim sees this row, or this write
   * finds the row taken and records nothing.
   */
  public void begin(Writer writer, int lane, String index, List<String> ids) {
    fenced(
        writer,
        jdbc.sql(
                """
                with owned as (
                  select purge_id, step from index_progress
                  where purge_id = :purge and step = :step and owner = :owner
                    and attempt = :attempt
                  for share
                )
                insert into index_pending_page (purge_id, step, lane, index_name, doc_ids)
                select purge_id, step, :lane, :index, cast(:ids as text[]) from owned
                on conflict (purge_id, step, lane) do update
                  set index_name = excluded.index_name, doc_ids = excluded.doc_ids,
                    written_at = now()
                """)
            .param("lane", lane)
            .param("index", index)
            .param("ids", ids.toArray(String[]::new)));
  }

  /** Folds {@code lane}'s bulk ({@code deleted} documents, one page) in and clears it. */
  public void commit(Writer writer, int lane, String index, long deleted) {
    fencedQuery(
        writer,
        jdbc.sql(
                """
                with done as (
                  update index_progress set deleted = deleted + :deleted, pages = pages + 1,
                    index_name = :index, updated_at = now()
                  where purge_id = :purge and step = :step and owner = :owner
                    and attempt = :attempt
                  returning purge_id
                ), cleared as (
                  delete from index_pending_page
                  where purge_id = :purge and step = :step and lane = :lane
                    and exists (select 1 from done)
                )
                select count(*) from done
                """)
            .param("lane", lane)
            .param("index", index)
            .param("deleted", deleted));
  }

  /** Sets the committed cursor (a claim resolved, resuming) and clears every pending bulk. */
  public void resume(Writer writer, IndexCursor cursor) {
    fencedQuery(
        writer,
        jdbc.sql(
                """
                with done as (
                  update index_progress set deleted = :deleted, pages = :pages,
                    index_name = :index, updated_at = now()
                  where purge_id = :purge and step = :step and owner = :owner
                    and attempt = :attempt
                  returning purge_id
                ), cleared as (
                  delete from index_pending_page
                  where purge_id = :purge and step = :step and exists (select 1 from done)
                )
                select count(*) from done
                """)
            .param("index", cursor.index())
            .param("deleted", cursor.deleted())
            .param("pages", cursor.pages()));
  }

  /** Forgets every step of a purge (it reached its final state). */
  public void forget(UUID purgeId) {
    jdbc.sql("delete from index_progress where purge_id = :purge").param("purge", purgeId).update();
  }

  private static JdbcClient.StatementSpec owner(Writer writer, JdbcClient.StatementSpec spec) {
    return spec.param("purge", writer.purgeId())
        .param("step", writer.step())
        .param("owner", writer.owner())
        .param("attempt", writer.attempt());
  }

  private static void fenced(Writer writer, JdbcClient.StatementSpec update) {
    if (owner(writer, update).update() != 1) {
      throw new IndexTakenOverException(writer);
    }
  }

  private static void fencedQuery(Writer writer, JdbcClient.StatementSpec query) {
    if (owner(writer, query).query(Long.class).single() != 1) {
      throw new IndexTakenOverException(writer);
    }
  }

  private static Claim claim(ResultSet rs, String owner) throws SQLException {
    String previous = rs.getString("previous_owner");
    ProgressClaim found = ProgressClaim.of(previous, owner);
    return new Claim(
        found,
        new IndexCursor(rs.getString("index_name"), rs.getLong("deleted"), rs.getInt("pages")));
  }
}
