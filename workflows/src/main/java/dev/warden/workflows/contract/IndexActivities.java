package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** The search-index step: one heartbeating call that pages through the tenant's documents. */
@ActivityInterface
public interface IndexActivities {

  /** Deletes the tenant's documents from {@code docs-{env}} by a term query, in pages. */
  StepResult purgeTenantDocuments(PurgeRequest request);
}
