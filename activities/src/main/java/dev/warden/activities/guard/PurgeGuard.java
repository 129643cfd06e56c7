package dev.warden.activities.guard;

import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchBlockedException;
import dev.warden.engines.killswitch.KillSwitchDecision;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import java.util.UUID;

/**
 * The checks a store step makes before every page: an applicable kill switch stops it (to be
 * resumed after release), a cancellation or a legal hold stops it for good. Kill-switch checks come
 * from the in-memory cache; the stop flag costs one indexed read per page.
 */
public class PurgeGuard {

  private final KillSwitchEvaluator killSwitches;
  private final PurgeRecordStore purges;
  private final LegalHoldStore holds;

  public PurgeGuard(
      KillSwitchEvaluator killSwitches, PurgeRecordStore purges, LegalHoldStore holds) {
    this.killSwitches = killSwitches;
    this.purges = purges;
    this.holds = holds;
  }

  /** The kill-switch decision for one step of this purge (action {@code purge}). */
  public KillSwitchDecision decide(PurgeRequest request, PurgeStep step) {
    Provider[] providers =
        step == null
            ? new Provider[0]
            : step.providers().stream().map(Provider::of).toArray(Provider[]::new);
    return killSwitches.check(
        KillSwitchQuery.of(
            Env.of(request.env()),
            TenantId.of(request.tenantId()),
            KillSwitchAction.PURGE,
            providers));
  }

  /**
   * Throws when the page must not run: {@link KillSwitchBlockedException} or {@link
   * PurgeStoppedException}.
   */
  public void beforePage(PurgeRequest request, PurgeStep step) {
    KillSwitchDecision decision = decide(request, step);
    if (decision.blocked()) {
      throw new KillSwitchBlockedException(decision);
    }
    purges
        .stopRequested(UUID.fromString(request.purgeId()))
        .ifPresent(
            reason -> {
              throw new PurgeStoppedException(reason);
            });
    holds
        .find(request.tenantId(), request.env())
        .ifPresent(
            hold -> {
              throw new PurgeStoppedException(
                  "legal hold placed by " + hold.placedBy() + ": " + hold.reason());
            });
  }
}
