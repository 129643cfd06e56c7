package dev.warden.engines.killswitch;

import dev.warden.engines.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable index of engaged switches that answers "which switch applies?" without scanning
 * them. A query can only match switches whose scope is a subset of its own dimensions, so it probes
 * at most one hash lookup per scope shape present (up to 16, times the query's providers) however
 * many switches there are, most specific shapes first.
 */
public final class KillSwitchMatcher {

  private static final int ENV = 1;
  private static final int TENANT = 2;
  private static final int PROVIDER = 4;
  private static final int ACTION = 8;

  private final Map<KillSwitchSpec, KillSwitch> byScope = new HashMap<>();
  private final int[] shapes;

  public KillSwitchMatcher(Collection<KillSwitch> switches) {
    for (KillSwitch s : switches) {
      // The table holds one row per scope; should a caller pass two, keep the one that would win.
      byScope.merge(s.scope(), s, (a, b) -> KillSwitch.PRECEDENCE.compare(a, b) <= 0 ? a : b);
    }
    shapes =
        byScope.keySet().stream()
            .mapToInt(KillSwitchMatcher::shape)
            .distinct()
            .boxed()
            .sorted(Comparator.comparingInt(Integer::bitCount).reversed())
            .mapToInt(Integer::intValue)
            .toArray();
  }

  public int size() {
    return byScope.size();
  }

  /** The switch that decides {@code query} at {@code now}, or {@code null} when none applies. */
  public KillSwitch match(KillSwitchQuery query, Instant now) {
    KillSwitch best = null;
    int bestLevel = -1;
    for (int shape : shapes) {
      int level = Integer.bitCount(shape);
      if (level < bestLevel) {
        break; // a less specific switch can never win over one already found
      }
      KillSwitch found = probe(shape, query, now);
      if (better(found, best)) {
        best = found;
        bestLevel = level;
      }
    }
    return best;
  }

  private KillSwitch probe(int shape, KillSwitchQuery query, Instant now) {
    TenantId tenant = (shape & TENANT) == 0 ? null : query.tenant();
    KillSwitchAction action = (shape & ACTION) == 0 ? null : query.action();
    if (((shape & TENANT) != 0 && tenant == null) || ((shape & ACTION) != 0 && action == null)) {
      return null; // the shape sets a dimension the query does not have
    }
    KillSwitchSpec base =
        new KillSwitchSpec((shape & ENV) == 0 ? null : query.env(), tenant, null, action);
    if ((shape & PROVIDER) == 0) {
      return active(byScope.get(base), now);
    }
    KillSwitch best = null;
    for (Provider provider : query.providers()) {
      KillSwitch found = active(byScope.get(base.withProvider(provider)), now);
      if (better(found, best)) {
        best = found;
      }
    }
    return best;
  }

  private static KillSwitch active(KillSwitch s, Instant now) {
    return s != null && s.activeAt(now) ? s : null;
  }

  private static boolean better(KillSwitch candidate, KillSwitch best) {
    return candidate != null
        && (best == null || KillSwitch.PRECEDENCE.compare(candidate, best) < 0);
  }

  private static int shape(KillSwitchSpec scope) {
    return (scope.env() == null ? 0 : ENV)
        | (scope.tenant() == null ? 0 : TENANT)
        | (scope.provider() == null ? 0 : PROVIDER)
        | (scope.action() == null ? 0 : ACTION);
  }
}
