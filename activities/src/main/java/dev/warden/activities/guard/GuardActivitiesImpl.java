package dev.warden.activities.guard;

import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchDecision;
import dev.warden.engines.killswitch.KillSwitchUnavailableException;
import dev.warden.workflows.contract.GuardActivities;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;

/** The workflow's kill-switch check before every step. */
public final class GuardActivitiesImpl implements GuardActivities {

  private final PurgeGuard guard;

  public GuardActivitiesImpl(PurgeGuard guard) {
    this.guard = guard;
  }

  @Override
  public GuardDecision check(PurgeRequest request, PurgeStep step) {
    try {
      KillSwitchDecision decision = guard.decide(request, step);
      if (decision.allowed()) {
        return GuardDecision.ALLOWED;
      }
      KillSwitch by = decision.blockingSwitch().orElseThrow();
      return GuardDecision.blocked(by.id().toString(), by.scope().key(), by.reason());
    } catch (KillSwitchUnavailableException unknown) {
      // Fail closed: when we cannot know whether a switch is engaged, we do not delete.
      return GuardDecision.blocked(
          null, "unknown", "kill-switch state unavailable: " + unknown.getMessage());
    }
  }
}
