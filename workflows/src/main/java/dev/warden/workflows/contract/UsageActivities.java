package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** Object storage, read-only: lists tenants' objects and records usage per tenant. */
@ActivityInterface
public interface UsageActivities {

  /**
   * Lists from {@code cursor} in pages, heartbeating the cursor after each, checking the kill
   * switches before each; returns after a time budget so history stays small and the workflow can
   * continue-as-new between calls.
   */
  MeasurePage measure(ReconciliationRequest request, String cursor);
}
