package dev.warden.engines.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.killswitch.KillSwitchMatcherTest.Switches;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KillSwitchDecisionTest {

  private final Instant at = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void givenABlockedDecision_whenEnforced_thenTheExceptionNamesTheSwitch() {
    KillSwitch s = Switches.engaged(Switches.scope("tenantId=acme,action=purge"), at);
    KillSwitchDecision decision = KillSwitchDecision.block(s);

    assertThat(decision.blocked()).isTrue();
    assertThatThrownBy(decision::orThrow)
        .isInstanceOfSatisfying(
            KillSwitchBlockedException.class,
            e -> {
              assertThat(e.switchId()).isEqualTo(s.id());
              assertThat(e.scope().key()).isEqualTo("tenantId=acme,action=purge");
              assertThat(e.reason()).isEqualTo(s.reason());
              assertThat(e.engagedBy()).isEqualTo("user:ops");
              assertThat(e.engagedAt()).isEqualTo(at);
              assertThat(e.attributes())
                  .containsEntry("scope", "tenantId=acme,action=purge")
                  .containsEntry("scope.tenantId", "acme")
                  .containsEntry("scope.action", "purge")
                  .containsEntry("engagedAt", "2025-06-01T12:00:00Z")
                  .doesNotContainKey("expiresAt");
              assertThat(e.getMessage()).contains("tenantId=acme,action=purge", s.reason());
            });
  }

  @Test
  void givenAnAllowedDecision_whenEnforced_thenNothingIsThrown() {
    KillSwitchDecision.ALLOWED.orThrow();
    assertThat(KillSwitchDecision.ALLOWED.blockingSwitch()).isEmpty();
    assertThatThrownBy(() -> KillSwitchDecision.block(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenAnEvaluatorThatNeverLoaded_whenChecked_thenItFailsClosed() {
    try (CachedKillSwitches never =
        new CachedKillSwitches(null, null, KillSwitchProperties.defaults(), Clock.systemUTC())) {
      KillSwitchQuery query = KillSwitchQuery.parse("prod", "acme", "purge", List.of());
      assertThatThrownBy(() -> never.check(query))
          .isInstanceOf(KillSwitchUnavailableException.class)
          .hasMessageContaining("not been loaded");
      assertThatThrownBy(() -> never.enforce(query))
          .isInstanceOf(KillSwitchUnavailableException.class);
    }
  }

  @Test
  void givenAStalenessBoundTighterThanTwoPolls_whenConfigured_thenItIsRefused() {
    assertThatThrownBy(
            () ->
                new KillSwitchProperties(
                    java.time.Duration.ofMillis(500), java.time.Duration.ofMillis(900)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-staleness");
  }
}
