package dev.warden.activities.index;

import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.engines.indexpurge.IndexCursor;
import dev.warden.engines.indexpurge.IndexProgress;
import dev.warden.engines.indexpurge.RecordedIndexPurge;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.tenant.Env;
import dev.warden.workflows.contract.IndexActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/** Deletes the tenant's documents from {@code docs-{env}}: a term query, never a full-text one. */
public final class IndexActivitiesImpl implements IndexActivities {

  private final TenantIndexStore index;
  private final RecordedIndexPurge recorded;
  private final HeartbeatingStep<IndexCursor> step;
  private final int pageSize;
  private final int lanes;

  /** {@code lanes}: parallel slices of each sweep ({@code WARDEN_PURGE_INDEX_LANES}). */
  public IndexActivitiesImpl(
      TenantIndexStore index,
      IndexProgress progress,
      HeartbeatingStep<IndexCursor> step,
      int pageSize,
      int lanes) {
    this.index = index;
    this.recorded = new RecordedIndexPurge(progress, index);
    this.step = step;
    this.pageSize = pageSize;
    this.lanes = lanes;
  }

  // Heartbeats keep the attempt alive and show progress; where a retry resumes and what it counts
  // come from the step's durable progress record (RecordedIndexPurge), fenced by this attempt.
  @Override
  public StepResult purgeTenantDocuments(PurgeRequest request) {
    String docs = TenantIndexStore.docsIndex(Env.of(request.env()));
    ActivityExecutionContext context = Activity.getExecutionContext();
    IndexProgress.Writer writer = IndexAttempt.writer(request, PurgeStep.INDEX);
    return step.run(
        request,
        PurgeStep.INDEX,
        IndexCursor.class,
        IndexCursor.START,
        c -> new StepResult(PurgeStep.INDEX, c.deleted(), 0),
        (tenant, from, afterPage) -> {
          IndexCursor start = recorded.claim(writer, tenant, from, () -> context.heartbeat(from));
          if (!start.equals(from)) {
            afterPage.accept(start);
          }
          return index.purge(
              tenant, docs, start, pageSize, lanes, recorded.journal(writer), afterPage::accept);
        });
  }
}
