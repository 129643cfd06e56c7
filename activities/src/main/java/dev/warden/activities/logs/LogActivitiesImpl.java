package dev.warden.activities.logs;

import dev.warden.activities.index.IndexAttempt;
import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.engines.indexpurge.IndexCursor;
import dev.warden.engines.indexpurge.IndexProgress;
import dev.warden.engines.indexpurge.RecordedIndexPurge;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.logarchive.ArchiveCursor;
import dev.warden.engines.logarchive.ArchiveListener;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.tenant.Env;
import dev.warden.workflows.contract.LogActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * Removes the tenant from {@code logs-{env}-*} and rewrites the mixed-tenant archives under {@code
 * logs/{env}/} without its lines. Items: log documents + archive lines + log objects + earlier
 * archive versions deleted; bytes: uncompressed bytes of the removed archive lines; unattributable:
 * archive lines kept because nobody can say whose they are; archivesRead: shared archives whose
 * bytes were read (the archive index passes the others unread).
 */
public final class LogActivitiesImpl implements LogActivities {

  private final TenantIndexStore index;
  private final RecordedIndexPurge recorded;
  private final LogArchiveStore archives;
  private final HeartbeatingStep<LogCursor> step;
  private final int pageSize;

  public LogActivitiesImpl(
      TenantIndexStore index,
      IndexProgress progress,
      LogArchiveStore archives,
      HeartbeatingStep<LogCursor> step,
      int pageSize) {
    this.index = index;
    this.recorded = new RecordedIndexPurge(progress, index);
    this.archives = archives;
    this.step = step;
    this.pageSize = pageSize;
  }

  @Override
  public StepResult purgeTenantLogs(PurgeRequest request) {
    Env env = Env.of(request.env());
    ActivityExecutionContext context = Activity.getExecutionContext();
    IndexProgress.Writer writer = IndexAttempt.writer(request, PurgeStep.LOGS);
    return step.run(
        request,
        PurgeStep.LOGS,
        LogCursor.class,
        LogCursor.START,
        c ->
            new StepResult(
                PurgeStep.LOGS,
                c.items(),
                c.archives().bytesRemoved(),
                c.archives().unattributable(),
                c.archives().archivesRead()),
        (tenant, from, afterPage) -> {
          LogCursor cursor = from;
          if (!cursor.indicesDone()) {
            // Where the indices resume and what they count come from the step's durable progress
            // record (RecordedIndexPurge), fenced by this attempt; the archives from heartbeats.
            LogCursor base = cursor;
            IndexCursor start =
                recorded.claim(writer, tenant, base.indices(), () -> context.heartbeat(from));
            if (!start.equals(base.indices())) {
              afterPage.accept(new LogCursor(start, false, base.archives()));
            }
            IndexCursor done =
                index.purgeAll(
                    tenant,
                    TenantIndexStore.logsPattern(env),
                    start,
                    pageSize,
                    recorded.journal(writer),
                    c -> afterPage.accept(new LogCursor(c, false, base.archives())));
            cursor = new LogCursor(done, true, base.archives());
            afterPage.accept(cursor);
          }
          LogCursor indicesDone = cursor;
          ArchiveCursor end =
              archives.purge(
                  tenant,
                  env,
                  indicesDone.archives(),
                  new ArchiveListener() {
                    @Override
                    public void afterArchive(ArchiveCursor c) {
                      afterPage.accept(new LogCursor(indicesDone.indices(), true, c));
                    }

                    // Inside one large archive: heartbeat the last archive done, so a long
                    // stream never looks like a dead worker and a retry resumes at that archive.
                    @Override
                    public void stillWorking(ArchiveCursor c) {
                      context.heartbeat(new LogCursor(indicesDone.indices(), true, c));
                    }
                  });
          return new LogCursor(indicesDone.indices(), true, end);
        });
  }
}
