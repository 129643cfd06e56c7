package dev.warden.engines.killswitch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one dedicated connection that LISTENs on {@link KillSwitchStore#CHANNEL} and runs {@code
 * onChange} for every batch of notifications, on a daemon thread. After a failure it reconnects
 * with backoff and runs {@code onChange} once, for whatever it missed meanwhile. A connection that
 * stays silent is probed now and then, since a dead peer does not always close the socket.
 */
final class KillSwitchListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KillSwitchListener.class);
  private static final int WAIT_MILLIS = 250; // also bounds how long close() waits
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final long PROBE_AFTER_NANOS = Duration.ofSeconds(10).toNanos();

  private final ListenerConnectionFactory connections;
  private final Runnable onChange;
  private final Thread thread;
  private volatile boolean running = true;

  KillSwitchListener(ListenerConnectionFactory connections, Runnable onChange) {
    this.connections = connections;
    this.onChange = onChange;
    this.thread = new Thread(this::run, "kill-switch-listener");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    long backoff = 100;
    while (running) {
      try (Connection connection = connections.open()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + KillSwitchStore.CHANNEL);
        }
        log.info("Listening for kill-switch changes on {}", KillSwitchStore.CHANNEL);
        backoff = 100;
        onChange.run(); // anything changed before LISTEN took effect
        listen(connection);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("Kill-switch listener lost its connection; retrying in {} ms", backoff, e);
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  private void listen(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    long lastHeard = System.nanoTime();
    while (running) {
      PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
      if (notifications != null && notifications.length > 0) {
        lastHeard = System.nanoTime();
        onChange.run();
      } else if (System.nanoTime() - lastHeard > PROBE_AFTER_NANOS) {
        if (!connection.isValid(2)) {
          throw new SQLException("listener connection no longer answers");
        }
        lastHeard = System.nanoTime();
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofMillis(WAIT_MILLIS * 4L).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
