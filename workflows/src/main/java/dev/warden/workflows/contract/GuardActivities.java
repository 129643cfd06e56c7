package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** The kill-switch check that comes before every step. */
@ActivityInterface
public interface GuardActivities {

  /** Whether {@code step} of this purge may run now (action {@code purge}, its providers). */
  GuardDecision check(PurgeRequest request, PurgeStep step);
}
