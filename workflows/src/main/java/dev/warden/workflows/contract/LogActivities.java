package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** The logs step: log indices and mixed-tenant log archives. */
@ActivityInterface
public interface LogActivities {

  /**
   * Deletes the tenant's entries from {@code logs-{env}-*} and rewrites the S3 log archives without
   * its lines; heartbeats and resumes like the other store steps.
   */
  StepResult purgeTenantLogs(PurgeRequest request);
}
