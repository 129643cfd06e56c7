package dev.warden.workflows.contract;

/** Whether a step may run now; when not, which kill switch (or hold) stops it and why. */
public record GuardDecision(boolean allowed, String switchId, String scope, String reason) {
  public static final GuardDecision ALLOWED = new GuardDecision(true, null, null, null);

  public static GuardDecision blocked(String switchId, String scope, String reason) {
    return new GuardDecision(false, switchId, scope, reason);
  }
}
