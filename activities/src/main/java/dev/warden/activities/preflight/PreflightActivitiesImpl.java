package dev.warden.activities.preflight;

import dev.warden.activities.step.StepFailures;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PreflightActivities;
import dev.warden.workflows.contract.PurgeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the mappings of {@code docs-{env}} and of every index behind {@code logs-{env}-*} (aliases
 * and data streams included) and reports each index where no exact field finds the tenant.
 */
public final class PreflightActivitiesImpl implements PreflightActivities {

  private final TenantIndexStore index;
  private final Duration outageTolerance;

  public PreflightActivitiesImpl(TenantIndexStore index, Duration outageTolerance) {
    this.index = index;
    this.outageTolerance = outageTolerance;
  }

  /** An OpenSearch outage is waited out by the workflow; a refusal asks an operator at once. */
  @Override
  public List<String> preflight(PurgeRequest request) {
    try {
      return check(request);
    } catch (RuntimeException failure) {
      throw StepFailures.of(failure, null, outageTolerance);
    }
  }

  private List<String> check(PurgeRequest request) {
    TenantId.of(request.tenantId()); // a bad id fails here, before any store is asked
    Env env = Env.of(request.env());
    List<String> problems = new ArrayList<>(index.unpurgeable(TenantIndexStore.docsIndex(env)));
    problems.addAll(index.unpurgeable(TenantIndexStore.logsPattern(env)));
    return problems;
  }
}
