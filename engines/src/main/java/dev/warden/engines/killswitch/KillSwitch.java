package dev.warden.engines.killswitch;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * An engaged kill switch: its scope and who engaged it, when and why. {@code engagedAt} is the
 * latest engage of this scope (a re-engage with a new reason or expiry moves it); {@code
 * expiresAt}, when set, releases the switch by itself.
 */
public record KillSwitch(
    UUID id,
    KillSwitchSpec scope,
    String reason,
    String engagedBy,
    Instant engagedAt,
    Instant expiresAt,
    String traceId) {

  /**
   * Which of several applicable switches a decision names: the most specific, then the most
   * recently engaged, then the smallest id as text (the order PostgreSQL sorts uuids in), so every
   * replica, and a SQL query, names the same one.
   */
  public static final Comparator<KillSwitch> PRECEDENCE =
      Comparator.comparingInt((KillSwitch s) -> s.scope().specificity())
          .reversed()
          .thenComparing(KillSwitch::engagedAt, Comparator.reverseOrder())
          .thenComparing(s -> s.id().toString());

  public KillSwitch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(engagedBy, "engagedBy");
    Objects.requireNonNull(engagedAt, "engagedAt");
  }

  /** Engaged at {@code now}: not yet expired. An expiry is exclusive (expired at that instant). */
  public boolean activeAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}
