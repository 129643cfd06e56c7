package dev.warden.engines.killswitch;

import java.util.Optional;

/**
 * The answer of a kill-switch check: allowed, or blocked by the most specific engaged switch that
 * applies ({@link KillSwitch#PRECEDENCE}).
 *
 * @param blockedBy the switch that blocks, or {@code null} when the request is allowed
 */
public record KillSwitchDecision(KillSwitch blockedBy) {

  /** Shared, so an allowed check allocates nothing. */
  public static final KillSwitchDecision ALLOWED = new KillSwitchDecision(null);

  public static KillSwitchDecision block(KillSwitch killSwitch) {
    if (killSwitch == null) {
      throw new IllegalArgumentException("a blocked decision needs its switch");
    }
    return new KillSwitchDecision(killSwitch);
  }

  public boolean allowed() {
    return blockedBy == null;
  }

  public boolean blocked() {
    return blockedBy != null;
  }

  public Optional<KillSwitch> blockingSwitch() {
    return Optional.ofNullable(blockedBy);
  }

  /** Returns normally when allowed; otherwise throws, so a caller cannot forget to stop. */
  public void orThrow() {
    if (blockedBy != null) {
      throw new KillSwitchBlockedException(this);
    }
  }
}
