package dev.warden.engines.killswitch;

import dev.warden.engines.tenant.InvalidIdentifierException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The gated actions a kill switch can stop. {@link #id()} is the name in the API and the table. */
public enum KillSwitchAction {
  UPLOAD,
  INDEX,
  SEARCH,
  PACK,
  PURGE,
  RECONCILE;

  public static final String RULE =
      Arrays.stream(values()).map(KillSwitchAction::id).collect(Collectors.joining("|"));

  private final String id = name().toLowerCase(Locale.ROOT);

  public String id() {
    return id;
  }

  /** Parses an id such as {@code purge}; anything else (including {@code PURGE}) is refused. */
  public static KillSwitchAction of(String id) {
    for (KillSwitchAction action : values()) {
      if (action.id.equals(id)) {
        return action;
      }
    }
    throw new InvalidIdentifierException("action", id, RULE);
  }

  @Override
  public String toString() {
    return id;
  }
}
