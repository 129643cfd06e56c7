package dev.warden.engines.killswitch;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluator every replica runs: checks answer from an in-memory snapshot of the engaged
 * switches, never from the database. The snapshot is reloaded when PostgreSQL notifies a change
 * (milliseconds) and by a poll of the revision (the safety net). A snapshot older than {@code
 * maxStaleness} is not trusted: checks then throw {@link KillSwitchUnavailableException} instead of
 * allowing, so a database outage can delay a release but never hide an engage.
 */
public final class CachedKillSwitches implements KillSwitchEvaluator, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CachedKillSwitches.class);

  /** What the replica knows: the switches as of {@code revision}, loaded at {@code loadedAt}. */
  private record Snapshot(KillSwitchMatcher matcher, long revision, long loadedAtNanos) {}

  private final KillSwitchStore store;
  private final KillSwitchListener listener;
  private final ScheduledExecutorService poller;
  private final long pollMillis;
  private final long maxStalenessNanos;
  private final Clock clock;
  private final Object refreshLock = new Object();
  private volatile Snapshot snapshot; // null until the first load
  private volatile boolean closed;
  private boolean failing; // guarded by refreshLock; logs an outage once, not every poll

  /**
   * @param listenerConnections the LISTEN connection's source; {@code null} to rely on the poll
   */
  public CachedKillSwitches(
      KillSwitchStore store,
      ListenerConnectionFactory listenerConnections,
      KillSwitchProperties properties,
      Clock clock) {
    this.store = store;
    this.clock = clock;
    this.pollMillis = properties.pollInterval().toMillis();
    this.maxStalenessNanos = properties.maxStaleness().toNanos();
    this.listener =
        listenerConnections == null
            ? null
            : new KillSwitchListener(listenerConnections, this::refreshQuietly);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kill-switch-poller");
              t.setDaemon(true);
              return t;
            });
  }

  /** Loads once (a failure only leaves checks failing closed), then listens and polls. */
  public CachedKillSwitches start() {
    refreshQuietly();
    if (listener != null) {
      listener.start();
    }
    poller.scheduleWithFixedDelay(
        this::refreshQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public KillSwitchDecision check(KillSwitchQuery query) {
    Objects.requireNonNull(query, "query");
    Snapshot current = snapshot;
    if (current == null) {
      throw new KillSwitchUnavailableException("kill switches have not been loaded yet");
    }
    long age = System.nanoTime() - current.loadedAtNanos();
    if (age > maxStalenessNanos) {
      throw new KillSwitchUnavailableException(
          "kill switches were last refreshed %d ms ago (max %d ms): PostgreSQL unreachable?"
              .formatted(
                  TimeUnit.NANOSECONDS.toMillis(age),
                  TimeUnit.NANOSECONDS.toMillis(maxStalenessNanos)));
    }
    KillSwitch hit = current.matcher().match(query, clock.instant());
    return hit == null ? KillSwitchDecision.ALLOWED : KillSwitchDecision.block(hit);
  }

  /**
   * Reads the revision and reloads the switches when it moved. The age counts from before the read,
   * so it never claims more freshness than the data has.
   */
  public void refresh() {
    synchronized (refreshLock) {
      long started = System.nanoTime();
      long revision = store.revision();
      Snapshot current = snapshot;
      KillSwitchMatcher matcher =
          current != null && current.revision() == revision
              ? current.matcher()
              : new KillSwitchMatcher(store.engaged(clock.instant()));
      snapshot = new Snapshot(matcher, revision, started);
      if (failing) {
        failing = false;
        log.info("Kill switches refreshed again (revision {})", revision);
      }
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      if (closed) {
        return; // interrupted by close(): not an outage
      }
      synchronized (refreshLock) {
        if (!failing) {
          log.warn("Kill switches cannot be refreshed; checks fail closed once stale", e);
        }
        failing = true;
      }
    }
  }

  /** Engaged switches in the snapshot (expired ones included until the next reload). */
  public int engagedCount() {
    Snapshot current = snapshot;
    return current == null ? 0 : current.matcher().size();
  }

  /** The revision of the snapshot, or -1 before the first load. */
  public long revision() {
    Snapshot current = snapshot;
    return current == null ? -1 : current.revision();
  }

  /** Age of the snapshot (for a staleness gauge); {@code null} before the first load. */
  public Duration staleness() {
    Snapshot current = snapshot;
    return current == null ? null : Duration.ofNanos(System.nanoTime() - current.loadedAtNanos());
  }

  @Override
  public void close() {
    closed = true;
    poller.shutdownNow();
    if (listener != null) {
      listener.close();
    }
  }
}
