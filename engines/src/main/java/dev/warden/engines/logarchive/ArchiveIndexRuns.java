package dev.warden.engines.logarchive;

import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.tenant.Env;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the archive index's scan and audit for one env, one run at a time across every worker: a
 * PostgreSQL advisory lock is held on a connection of its own for the whole run, so a second
 * replica skips the run instead of reading the same archives, and a worker that dies releases the
 * lock with its connection. An audit's mismatch becomes a finding row and a DatasetEvent.
 */
public class ArchiveIndexRuns {

  private static final Logger log = LoggerFactory.getLogger(ArchiveIndexRuns.class);

  private final DataSource dataSource;
  private final ArchiveIndexer indexer;
  private final PgArchiveIndex index;
  private final DatasetEventStore events;
  private final Clock clock;

  public ArchiveIndexRuns(
      DataSource dataSource,
      ArchiveIndexer indexer,
      PgArchiveIndex index,
      DatasetEventStore events,
      Clock clock) {
    this.dataSource = dataSource;
    this.indexer = indexer;
    this.index = index;
    this.events = events;
    this.clock = clock;
  }

  /** Indexes new and changed archives; empty when another worker is running one. */
  public Optional<ArchiveIndexer.Report> scan(Env env) {
    return locked(env, "scan", () -> indexer.scan(env, () -> {}));
  }

  /** Reads every archive and proves the index right; empty when another worker is running one. */
  public Optional<ArchiveIndexer.Report> audit(Env env) {
    return locked(
        env,
        "audit",
        () ->
            indexer.audit(
                env,
                () -> {},
                m -> {
                  index.finding(m.object(), m.indexed(), m.actual());
                  events.append(
                      new DatasetEvent(
                          DatasetEvent.deterministicId(
                              "archive-index-mismatch",
                              m.object().key(),
                              m.object().versionId(),
                              m.object().etag(),
                              String.join(",", m.indexed().stream().sorted().toList())),
                          DatasetEventType.ARCHIVE_INDEX_MISMATCH,
                          null,
                          env.value(),
                          "system",
                          null,
                          clock.instant(),
                          Map.of(
                              "archive", m.object().key(),
                              "versionId", m.object().versionId(),
                              "etag", m.object().etag(),
                              "indexedTenants", String.join(",", m.indexed()),
                              "actualTenants", String.join(",", m.actual()))));
                }));
  }

  private Optional<ArchiveIndexer.Report> locked(
      Env env, String what, Supplier<ArchiveIndexer.Report> run) {
    String lock = "warden-archive-index/" + env.value();
    try (Connection c = dataSource.getConnection()) {
      if (!advisory(c, "select pg_try_advisory_lock(hashtext(?))", lock)) {
        log.info("archive index {} of {}: another worker is running one", what, env);
        return Optional.empty();
      }
      try {
        ArchiveIndexer.Report report = run.get();
        log.info("archive index {} of {}: {}", what, env, report);
        return Optional.of(report);
      } finally {
        advisory(c, "select pg_advisory_unlock(hashtext(?))", lock);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("archive index " + what + " of " + env, e);
    }
  }

  private static boolean advisory(Connection c, String sql, String lock) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, lock);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
