package dev.warden.engines.killswitch;

/** The single kill-switch evaluation entry point of the API gates and the workflow activities. */
public interface KillSwitchEvaluator {

  /**
   * Allowed, or blocked by the most specific engaged switch that applies.
   *
   * @throws KillSwitchUnavailableException when the switches cannot be known (fail closed)
   */
  KillSwitchDecision check(KillSwitchQuery query);

  /**
   * Returns the decision when allowed.
   *
   * @throws KillSwitchBlockedException when a switch applies
   * @throws KillSwitchUnavailableException when the switches cannot be known (fail closed)
   */
  default KillSwitchDecision enforce(KillSwitchQuery query) {
    KillSwitchDecision decision = check(query);
    decision.orThrow();
    return decision;
  }
}
