package dev.warden.engines.killswitch;

import static dev.warden.engines.killswitch.KillSwitchMatcherTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engines.killswitch.KillSwitchMatcherTest.Switches;
import dev.warden.engines.killswitch.bench.RandomScopes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which switch a decision names when several apply, and which ones never apply. */
class KillSwitchPrecedenceTest {

  private final KillSwitchQuery acmePurge =
      KillSwitchQuery.parse("prod", "acme", "purge", List.of("s3", "opensearch"));

  @Test
  void givenSeveralApplicableSwitches_whenChecked_thenTheMostSpecificIsReturned() {
    KillSwitch env = engaged("env=prod", 5);
    KillSwitch tenantAction = engaged("tenantId=acme,action=purge", 50);
    KillSwitch mostSpecific = engaged("env=prod,tenantId=acme,action=purge", 100);
    KillSwitch newestButBroad = engaged("global", 1);
    KillSwitch provider = engaged("provider=opensearch", 20);

    KillSwitchMatcher matcher =
        new KillSwitchMatcher(List.of(env, tenantAction, mostSpecific, newestButBroad, provider));

    assertThat(matcher.match(acmePurge, NOW)).isEqualTo(mostSpecific);
    assertThat(matcher.match(acmePurge.withAction(KillSwitchAction.PACK), NOW)).isEqualTo(env);
  }

  @Test
  void givenTwoEquallySpecificSwitches_whenChecked_thenTheMostRecentlyEngagedWins() {
    KillSwitch older = engaged("tenantId=acme", 60);
    KillSwitch newer = engaged("action=purge", 10);
    KillSwitch s3 = engaged("provider=s3", 30);

    assertThat(new KillSwitchMatcher(List.of(older, newer, s3)).match(acmePurge, NOW))
        .isEqualTo(newer);
    assertThat(new KillSwitchMatcher(List.of(s3, older)).match(acmePurge, NOW)).isEqualTo(s3);
  }

  @Test
  void givenEquallySpecificSwitchesEngagedAtTheSameInstant_whenChecked_thenTheSmallestIdWins() {
    Instant at = NOW.minusSeconds(5);
    KillSwitch a = withId("00000000-0000-0000-0000-000000000002", "tenantId=acme", at);
    KillSwitch b = withId("00000000-0000-0000-0000-000000000001", "provider=s3", at);

    assertThat(new KillSwitchMatcher(List.of(a, b)).match(acmePurge, NOW)).isEqualTo(b);
    assertThat(new KillSwitchMatcher(List.of(b, a)).match(acmePurge, NOW)).isEqualTo(b);
  }

  @Test
  void givenAnExpiredSwitch_whenChecked_thenItNoLongerAppliesAndBroaderOnesDecide() {
    KillSwitchSpec scope = Switches.scope("tenantId=acme,action=purge");
    KillSwitch expired = Switches.withExpiry(scope, NOW.minusSeconds(60), NOW.minusMillis(1));
    KillSwitch expiresNow = Switches.withExpiry(scope.withEnv(null), NOW.minusSeconds(60), NOW);
    KillSwitch broad = engaged("env=prod", 600);

    assertThat(new KillSwitchMatcher(List.of(expired)).match(acmePurge, NOW)).isNull();
    assertThat(new KillSwitchMatcher(List.of(expiresNow)).match(acmePurge, NOW)).isNull();
    assertThat(new KillSwitchMatcher(List.of(expired, broad)).match(acmePurge, NOW))
        .isEqualTo(broad);
    assertThat(new KillSwitchMatcher(List.of(expired)).match(acmePurge, NOW.minusSeconds(1)))
        .isEqualTo(expired);
  }

  @Test
  void givenOnlyUnrelatedSwitches_whenChecked_thenTheQueryIsAllowed() {
    KillSwitchMatcher matcher =
        new KillSwitchMatcher(
            List.of(
                engaged("tenantId=acme-eu", 1),
                engaged("tenantId=globex,action=purge", 1),
                engaged("action=search", 1),
                engaged("env=staging", 1),
                engaged("provider=llm:openai", 1),
                engaged("env=prod,tenantId=acme,action=upload", 1)));

    assertThat(matcher.match(acmePurge, NOW)).isNull();
  }

  @Test
  void givenRandomSwitchesAndQueries_whenMatched_thenTheIndexAgreesWithAFullScan() {
    RandomScopes random = new RandomScopes(new Random(42), 40);
    List<KillSwitch> switches = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      switches.add(Switches.engaged(random.scope(100), NOW.minusSeconds(random.nextInt(5))));
    }
    KillSwitchMatcher matcher = new KillSwitchMatcher(switches);
    int blocked = 0;
    for (int i = 0; i < 5_000; i++) {
      KillSwitchQuery query = random.query();
      // Random scopes repeat; like the table's one row per scope, the winner per scope counts.
      KillSwitch expected =
          switches.stream()
              .filter(s -> s.scope().appliesTo(query))
              .min(KillSwitch.PRECEDENCE)
              .orElse(null);
      assertThat(matcher.match(query, NOW)).as("query %s", query).isEqualTo(expected);
      blocked += expected == null ? 0 : 1;
    }
    assertThat(blocked).as("the sample exercises both outcomes").isBetween(500, 4_500);
  }

  private static KillSwitch engaged(String scopeKey, int secondsAgo) {
    return Switches.engaged(Switches.scope(scopeKey), NOW.minusSeconds(secondsAgo));
  }

  private static KillSwitch withId(String id, String scopeKey, Instant at) {
    return new KillSwitch(
        UUID.fromString(id), Switches.scope(scopeKey), "why", "user:ops", at, null, null);
  }
}
