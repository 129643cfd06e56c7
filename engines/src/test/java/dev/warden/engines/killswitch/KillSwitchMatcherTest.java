package dev.warden.engines.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One engaged switch of every scope kind against the queries it must and must not block. */
class KillSwitchMatcherTest {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  static Stream<Arguments> table() {
    return Stream.of(
        row("global", "prod", null, null, List.of(), true),
        row("global", "staging", "acme-eu", "search", List.of("opensearch"), true),
        row("env=prod", "prod", "acme", "search", List.of(), true),
        row("env=prod", "prod", null, null, List.of(), true),
        row("env=prod", "staging", "acme", "search", List.of(), false),
        row("env=prod", "prodeu", "acme", "search", List.of(), false),
        row("tenantId=acme", "prod", "acme", "upload", List.of(), true),
        row("tenantId=acme", "staging", "acme", null, List.of(), true),
        row("tenantId=acme", "prod", "acme-eu", "upload", List.of(), false),
        row("tenantId=acme", "prod", "acm", "upload", List.of(), false),
        row("tenantId=acme", "prod", null, "reconcile", List.of(), false),
        row("provider=s3", "prod", "acme", "purge", List.of("s3"), true),
        row("provider=s3", "prod", "acme", "purge", List.of("opensearch", "s3"), true),
        row("provider=s3", "prod", "acme", "purge", List.of("opensearch"), false),
        row("provider=s3", "prod", "acme", "purge", List.of(), false),
        row("provider=llm:openai", "prod", "acme", "search", List.of("llm:openai"), true),
        row("provider=llm:openai", "prod", "acme", "search", List.of("llm:openai-eu"), false),
        row("provider=llm:openai", "prod", "acme", "search", List.of("llm:mistral"), false),
        row("action=purge", "prod", "acme", "purge", List.of("s3"), true),
        row("action=purge", "prod", null, "purge", List.of(), true),
        row("action=purge", "prod", "acme", "reconcile", List.of(), false),
        row("action=purge", "prod", "acme", null, List.of(), false),
        row("tenantId=acme,action=upload", "prod", "acme", "upload", List.of("s3"), true),
        row("tenantId=acme,action=upload", "prod", "acme", "search", List.of(), false),
        row("tenantId=acme,action=upload", "prod", "globex", "upload", List.of(), false),
        row("tenantId=acme,action=upload", "prod", "acme-eu", "upload", List.of(), false),
        row(
            "env=prod,provider=opensearch,action=index",
            "prod",
            "x1",
            "index",
            List.of("opensearch"),
            true),
        row(
            "env=prod,provider=opensearch,action=index",
            "staging",
            "x1",
            "index",
            List.of("opensearch"),
            false),
        row(
            "env=prod,provider=opensearch,action=index",
            "prod",
            "x1",
            "search",
            List.of("opensearch"),
            false),
        row(
            "env=prod,tenantId=acme,provider=s3,action=purge",
            "prod",
            "acme",
            "purge",
            List.of("s3"),
            true),
        row(
            "env=prod,tenantId=acme,provider=s3,action=purge",
            "prod",
            "acme",
            "purge",
            List.of(),
            false));
  }

  @ParameterizedTest(name = "[{index}] switch {0} vs {1}: blocked={2}")
  @MethodSource("table")
  void givenOneEngagedSwitch_whenAQueryIsChecked_thenOnlyMatchingQueriesAreBlocked(
      String scopeKey, KillSwitchQuery query, boolean blocked) {
    KillSwitch engaged = Switches.engaged(Switches.scope(scopeKey), NOW.minusSeconds(60));
    KillSwitchMatcher matcher = new KillSwitchMatcher(List.of(engaged));

    KillSwitch match = matcher.match(query, NOW);

    assertThat(match).isEqualTo(blocked ? engaged : null);
    assertThat(engaged.scope().appliesTo(query)).isEqualTo(blocked);
  }

  private static Arguments row(
      String scopeKey,
      String env,
      String tenant,
      String action,
      List<String> providers,
      boolean blocked) {
    return Arguments.of(scopeKey, KillSwitchQuery.parse(env, tenant, action, providers), blocked);
  }

  /** Builders shared by the matcher tests. */
  static final class Switches {
    private Switches() {}

    /** Parses a {@link KillSwitchSpec#key()} back into a scope. */
    static KillSwitchSpec scope(String key) {
      KillSwitchSpec scope = KillSwitchSpec.global();
      if (key.equals("global")) {
        return scope;
      }
      for (String part : key.split(",")) {
        String[] kv = part.split("=", 2);
        scope =
            switch (kv[0]) {
              case "env" -> scope.withEnv(Env.of(kv[1]));
              case "tenantId" -> scope.withTenant(TenantId.of(kv[1]));
              case "provider" -> scope.withProvider(Provider.of(kv[1]));
              case "action" -> scope.withAction(KillSwitchAction.of(kv[1]));
              default -> throw new IllegalArgumentException(part);
            };
      }
      assertThat(scope.key()).isEqualTo(key);
      return scope;
    }

    static KillSwitch engaged(KillSwitchSpec scope, Instant at) {
      return withExpiry(scope, at, null);
    }

    static KillSwitch withExpiry(KillSwitchSpec scope, Instant at, Instant expiresAt) {
      return new KillSwitch(
          UUID.randomUUID(), scope, "why " + scope.key(), "user:ops", at, expiresAt, "trace");
    }
  }
}
