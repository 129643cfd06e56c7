package dev.warden.engines.killswitch.bench;

import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchSpec;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random scopes and queries over a small, overlapping value space (tenants {@code t0}, {@code
 * t0-eu}, ...), so that switches and queries actually meet. Seeded: runs are repeatable.
 */
public final class RandomScopes {

  private static final List<Env> ENVS = List.of(Env.of("prod"), Env.of("staging"));
  private static final List<Provider> PROVIDERS =
      List.of(Provider.S3, Provider.OPENSEARCH, Provider.llm("openai"), Provider.llm("mistral"));
  private static final KillSwitchAction[] ACTIONS = KillSwitchAction.values();

  private final Random random;
  private final List<TenantId> tenants = new ArrayList<>();

  public RandomScopes(Random random, int tenantCount) {
    this.random = random;
    for (int i = 0; i < tenantCount; i++) {
      tenants.add(TenantId.of("t" + i + (i % 2 == 0 ? "" : "-eu")));
    }
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * A scope like operators engage them: mostly per tenant, with or without env, provider and
   * action; broad scopes are rare (one in {@code broadOneIn}), or a few would block everything.
   */
  public KillSwitchSpec scope(int broadOneIn) {
    while (random.nextInt(broadOneIn) == 0) {
      KillSwitchSpec broad =
          KillSwitchSpec.of(
              random.nextBoolean() ? pick(ENVS) : null,
              null,
              random.nextBoolean() ? pick(PROVIDERS) : null,
              random.nextBoolean() ? ACTIONS[random.nextInt(ACTIONS.length)] : null);
      if (broad.specificity() >= 2) {
        return broad; // a global or one-dimension switch would block a large share of queries
      }
    }
    return KillSwitchSpec.of(
        random.nextBoolean() ? pick(ENVS) : null,
        pick(tenants),
        random.nextBoolean() ? pick(PROVIDERS) : null,
        random.nextBoolean() ? ACTIONS[random.nextInt(ACTIONS.length)] : null);
  }

  /** A query in one env, usually for a tenant and an action, through 0 to 2 providers. */
  public KillSwitchQuery query() {
    List<Provider> providers = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      providers.add(pick(PROVIDERS));
    }
    return new KillSwitchQuery(
        pick(ENVS),
        random.nextInt(10) < 8 ? pick(tenants) : null,
        providers,
        random.nextInt(10) < 8 ? ACTIONS[random.nextInt(ACTIONS.length)] : null);
  }

  /** A random query that {@code scope} applies to: its dimensions, the others drawn at random. */
  public KillSwitchQuery queryUnder(KillSwitchSpec scope) {
    KillSwitchQuery q = query();
    List<Provider> providers = new ArrayList<>(q.providers());
    if (scope.provider() != null) {
      providers.add(scope.provider());
    }
    return new KillSwitchQuery(
        scope.env() != null ? scope.env() : q.env(),
        scope.tenant() != null ? scope.tenant() : q.tenant(),
        providers,
        scope.action() != null ? scope.action() : q.action());
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
