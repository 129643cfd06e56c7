package dev.warden.activities.step;

import io.temporal.activity.ActivityInfo;

/** Names the activity execution a store step's progress record is owned by. */
public final class ActivityExecution {
  private ActivityExecution() {}

  /**
   * Workflow id, run id and activity id: the same across retries of one execution, another for an
   * execution a workflow run schedules anew or for another run.
   */
  public static String owner(ActivityInfo info) {
    return info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId();
  }
}
