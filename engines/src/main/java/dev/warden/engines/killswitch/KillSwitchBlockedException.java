package dev.warden.engines.killswitch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A request was stopped by an engaged kill switch. Carries what an API error body, a workflow
 * failure and a KILL_SWITCH_BLOCKED event need to name it: id, scope, reason, who and when.
 */
public class KillSwitchBlockedException extends RuntimeException {

  private final KillSwitchDecision decision;

  public KillSwitchBlockedException(KillSwitchDecision decision) {
    super(message(decision));
    this.decision = decision;
  }

  public KillSwitchDecision decision() {
    return decision;
  }

  public KillSwitch killSwitch() {
    return decision.blockedBy();
  }

  public UUID switchId() {
    return killSwitch().id();
  }

  public KillSwitchSpec scope() {
    return killSwitch().scope();
  }

  public String reason() {
    return killSwitch().reason();
  }

  public String engagedBy() {
    return killSwitch().engagedBy();
  }

  public Instant engagedAt() {
    return killSwitch().engagedAt();
  }

  /** Flat string attributes for a KILL_SWITCH_BLOCKED event or a problem body. */
  public Map<String, String> attributes() {
    KillSwitch s = killSwitch();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("switchId", s.id().toString());
    out.put("scope", s.scope().key());
    s.scope().dimensions().forEach((k, v) -> out.put("scope." + k, v));
    out.put("reason", s.reason());
    out.put("engagedBy", s.engagedBy());
    out.put("engagedAt", s.engagedAt().toString());
    if (s.expiresAt() != null) {
      out.put("expiresAt", s.expiresAt().toString());
    }
    return out;
  }

  private static String message(KillSwitchDecision decision) {
    KillSwitch s = decision.blockedBy();
    if (s == null) {
      throw new IllegalArgumentException("an allowed decision blocks nothing");
    }
    return "blocked by kill switch %s (%s): %s; engaged by %s at %s"
        .formatted(s.scope().key(), s.id(), s.reason(), s.engagedBy(), s.engagedAt());
  }
}
