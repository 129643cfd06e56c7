package dev.warden.activities.index;

import dev.warden.activities.step.ActivityExecution;
import dev.warden.engines.indexpurge.IndexProgress;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.UUID;

/** Who records an index step's progress: this activity execution and attempt. */
public final class IndexAttempt {
  private IndexAttempt() {}

  /** Call on the activity's thread. */
  public static IndexProgress.Writer writer(PurgeRequest request, PurgeStep step) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return new IndexProgress.Writer(
        UUID.fromString(request.purgeId()),
        step.name(),
        ActivityExecution.owner(info),
        info.getAttempt());
  }
}
