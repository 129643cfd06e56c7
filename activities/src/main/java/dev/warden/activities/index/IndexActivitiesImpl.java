package dev.warden.activities.index;

import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.engines.index.IndexCursor;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.tenant.Env;
import dev.warden.workflows.contract.IndexActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;

/** Deletes the tenant's documents from {@code docs-{env}}: a term query, never a full-text one. */
public final class IndexActivitiesImpl implements IndexActivities {

  private final TenantIndexStore index;
  private final HeartbeatingStep<IndexCursor> step;
  private final int pageSize;
  private final int lanes;

  public IndexActivitiesImpl(
      TenantIndexStore index, HeartbeatingStep<IndexCursor> step, int pageSize) {
    this(index, step, pageSize, 1);
  }

  /** {@code lanes}: parallel slices of each sweep ({@code WARDEN_PURGE_INDEX_LANES}). */
  public IndexActivitiesImpl(
      TenantIndexStore index, HeartbeatingStep<IndexCursor> step, int pageSize, int lanes) {
    this.index = index;
    this.step = step;
    this.pageSize = pageSize;
    this.lanes = lanes;
  }

  @Override
  public StepResult purgeTenantDocuments(PurgeRequest request) {
    String docs = TenantIndexStore.docsIndex(Env.of(request.env()));
    return step.run(
        request,
        PurgeStep.INDEX,
        IndexCursor.class,
        IndexCursor.START,
        c -> new StepResult(PurgeStep.INDEX, c.deleted(), 0),
        (tenant, from, afterPage) ->
            index.purge(tenant, docs, from, pageSize, lanes, afterPage::accept));
  }
}
