package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Checks, before anything is deleted, that every store can be purged and counted exactly. */
@ActivityInterface
public interface PreflightActivities {

  /**
   * What stops an exact purge of the request's tenant, one line per problem (e.g. a log index whose
   * {@code tenant_id} has no exact field); empty when the purge can run. Reads only.
   */
  List<String> preflight(PurgeRequest request);
}
