package dev.warden.engines.killswitch;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the append-only history: a switch engaged (or re-engaged with a new reason or
 * expiry) or released. {@code changeId} is also the id of the KILL_SWITCH_CHANGED event it wrote.
 */
public record KillSwitchChange(
    UUID changeId,
    UUID switchId,
    KillSwitchSpec scope,
    State state,
    String reason,
    String actor,
    String traceId,
    Instant expiresAt,
    Instant changedAt) {

  public enum State {
    ENGAGED,
    RELEASED
  }
}
