package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** Independent counts of a tenant's data in every store: dry runs and verification. */
@ActivityInterface
public interface InventoryActivities {

  StoreInventory inventory(PurgeRequest request);
}
