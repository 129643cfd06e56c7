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
    return builder
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE);
  }

  public static WorkerOptions defaults() {
    return apply(WorkerOptions.newBuilder()).build();
  }
}
