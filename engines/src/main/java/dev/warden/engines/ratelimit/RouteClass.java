package dev.warden.engines.ratelimit;

import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.tenant.InvalidIdentifierException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rate-limited classes of routes: the gated actions that tenant clients or compliance call
 * ({@code reconcile} is a nightly system job, never a tenant request, so it has no class). {@link
 * #id()} is the name in variables, overrides, headers and metrics.
 */
public enum RouteClass {
  UPLOAD,
  INDEX,
  SEARCH,
  PACK,
  PURGE;

  public static final String RULE =
      Arrays.stream(values()).map(RouteClass::id).collect(Collectors.joining("|"));

  private final String id = name().toLowerCase(Locale.ROOT);

  public String id() {
    return id;
  }

  /** Parses an id such as {@code search}; anything else (including {@code SEARCH}) is refused. */
  public static RouteClass of(String id) {
    for (RouteClass c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new InvalidIdentifierException("routeClass", id, RULE);
  }

  /** The class of a gated action; empty for an action that is not rate limited. */
  public static Optional<RouteClass> of(KillSwitchAction action) {
    return Arrays.stream(values()).filter(c -> c.id.equals(action.id())).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
