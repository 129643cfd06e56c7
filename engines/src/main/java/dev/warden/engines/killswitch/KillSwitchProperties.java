package dev.warden.engines.killswitch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fresh every replica's view of the kill switches is kept, bound from {@code
 * warden.kill-switch.*}.
 *
 * @param pollInterval the safety-net poll of the revision, should a notification be lost
 * @param maxStaleness past this age of the last successful refresh, checks fail closed with {@link
 *     KillSwitchUnavailableException}; it is the bound on how late any replica can enforce a change
 */
@ConfigurationProperties(prefix = "warden.kill-switch")
public record KillSwitchProperties(
    @DefaultValue("250ms") Duration pollInterval, @DefaultValue("1s") Duration maxStaleness) {

  public KillSwitchProperties {
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("warden.kill-switch.poll-interval must be positive");
    }
    if (maxStaleness == null || maxStaleness.compareTo(pollInterval.multipliedBy(2)) < 0) {
      // Anything tighter fails closed on an ordinary slow poll, not only on an outage.
      throw new IllegalArgumentException(
          "warden.kill-switch.max-staleness (%s) must be at least twice the poll interval (%s)"
              .formatted(maxStaleness, pollInterval));
    }
  }

  public static KillSwitchProperties defaults() {
    return new KillSwitchProperties(Duration.ofMillis(250), Duration.ofSeconds(1));
  }
}
