package dev.warden.engines.logarchive;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ArchiveLocks} as leases in PostgreSQL ({@code archive_leases}): taken with one upsert that
 * succeeds only when the row is new or its lease has expired, renewed by its holder while it
 * streams, deleted when done. A crashed holder's lease expires after {@link #TTL}.
 */
public class ArchiveLeases implements ArchiveLocks {

  static final Duration TTL = Duration.ofSeconds(60);
  private static final long RENEW_EVERY_NANOS = TTL.toNanos() / 4;
  private static final long POLL_MILLIS = 250;

  private final JdbcClient jdbc;

  public ArchiveLeases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Held lock(String archive, Runnable whileWaiting) {
    String holder = UUID.randomUUID().toString();
    long lastTick = System.nanoTime();
    while (!tryTake(archive, holder)) {
      if (System.nanoTime() - lastTick > 1_000_000_000L) {
        whileWaiting.run();
        lastTick = System.nanoTime();
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the lease on " + archive, e);
      }
    }
    return new Lease(archive, holder);
  }

  private boolean tryTake(String archive, String holder) {
    return jdbc.sql(
                """
                insert into archive_leases (archive, holder, expires_at)
                values (:archive, :holder, now() + make_interval(secs => :ttl))
                on conflict (archive) do update
                  set holder = excluded.holder, expires_at = excluded.expires_at
                  where archive_leases.expires_at < now()
                """)
            .param("archive", archive)
            .param("holder", holder)
            .param("ttl", TTL.toSeconds())
            .update()
        == 1;
  }

  private final class Lease implements Held {
    private final String archive;
    private final String holder;
    private long renewedAt = System.nanoTime();

    Lease(String archive, String holder) {
      this.archive = archive;
      this.holder = holder;
    }

    @Override
    public void renew() {
      if (System.nanoTime() - renewedAt < RENEW_EVERY_NANOS) {
        return;
      }
      int renewed =
          jdbc.sql(
                  """
                  update archive_leases set expires_at = now() + make_interval(secs => :ttl)
                  where archive = :archive and holder = :holder
                  """)
              .param("archive", archive)
              .param("holder", holder)
              .param("ttl", TTL.toSeconds())
              .update();
      if (renewed != 1) {
        throw new IllegalStateException("lost the lease on " + archive + " (it expired)");
      }
      renewedAt = System.nanoTime();
    }

    @Override
    public void close() {
      jdbc.sql("delete from archive_leases where archive = :archive and holder = :holder")
          .param("archive", archive)
          .param("holder", holder)
          .update();
    }
  }
}
