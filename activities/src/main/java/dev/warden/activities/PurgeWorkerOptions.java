package dev.warden.activities;

import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/** Worker settings the purge activities rely on. */
public final class PurgeWorkerOptions {
  private PurgeWorkerOptions() {}

  /**
   * Heartbeats carry the resume cursor and counts. The SDK otherwise sends them at most every 0.8 x
   * heartbeat timeout (16 s here), so a crash could lose up to that much counting; one heartbeat a
   * second bounds it to a second of work for one RPC a second per running step.
   */
  public static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(1);

  public static WorkerOptions.Builder apply(WorkerOptions.Builder builder) {
    return apply(builder, true);
  }

  /**
   * {@code sticky = false} ({@code WARDEN_TEMPORAL_STICKY=false}, which {@code ./warden up} sets
   * only when it falls back to Temporal's Java test server) for that server: it never hands a dead
   * worker's sticky workflow tasks back to the shared queue, so a crashed worker would strand its
   * purges. A real Temporal server (production, the dev server of {@code ./warden up} and the
   * tests) does, after the sticky schedule-to-start timeout: there sticky execution stays on. The
   * SDK asks for sticky execution only with a non-zero sticky schedule-to-start timeout; zero turns
   * it off (every workflow task then replays the history: fine for a purge's small one).
   */
  public static WorkerOptions.Builder apply(WorkerOptions.Builder builder, boolean sticky) {
    builder
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE);
    return sticky ? builder : builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
  }

  public static WorkerOptions defaults() {
    return apply(WorkerOptions.newBuilder()).build();
  }
}
