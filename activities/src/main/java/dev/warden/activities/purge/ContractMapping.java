package dev.warden.activities.purge;

import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeState;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeStatus;

/**
 * The one mapping between the workflow contract's enums and the engines' stored ones. Exhaustive
 * switches: a constant added to the contract without a stored counterpart does not compile (a
 * {@code valueOf(name())} would throw in an activity retried without limit, forever).
 */
final class ContractMapping {

  private ContractMapping() {}

  static PurgeState state(PurgeStatus status) {
    return switch (status) {
      case REQUESTED -> PurgeState.REQUESTED;
      case AWAITING_APPROVAL -> PurgeState.AWAITING_APPROVAL;
      case WAITING_GRACE_PERIOD -> PurgeState.WAITING_GRACE_PERIOD;
      case RUNNING -> PurgeState.RUNNING;
      case BLOCKED_BY_KILL_SWITCH -> PurgeState.BLOCKED_BY_KILL_SWITCH;
      case NEEDS_ATTENTION -> PurgeState.NEEDS_ATTENTION;
      case COMPLETED -> PurgeState.COMPLETED;
      case CANCELLED -> PurgeState.CANCELLED;
      case REJECTED -> PurgeState.REJECTED;
      case EXPIRED -> PurgeState.EXPIRED;
      case FAILED -> PurgeState.FAILED;
    };
  }

  static DatasetEventType eventType(PurgeEventType type) {
    return switch (type) {
      case PURGE_REQUESTED -> DatasetEventType.PURGE_REQUESTED;
      case STEP_STARTED -> DatasetEventType.STEP_STARTED;
      case STEP_COMPLETED -> DatasetEventType.STEP_COMPLETED;
      case STEP_FAILED -> DatasetEventType.STEP_FAILED;
      case PURGE_VERIFIED -> DatasetEventType.PURGE_VERIFIED;
      case PURGE_RESIDUE_FOUND -> DatasetEventType.PURGE_RESIDUE_FOUND;
      case PURGE_COMPLETED -> DatasetEventType.PURGE_COMPLETED;
      case PURGE_CANCELLED -> DatasetEventType.PURGE_CANCELLED;
      case PURGE_FAILED -> DatasetEventType.PURGE_FAILED;
      case KILL_SWITCH_BLOCKED -> DatasetEventType.KILL_SWITCH_BLOCKED;
      case PURGE_PREFLIGHT_FAILED -> DatasetEventType.PURGE_PREFLIGHT_FAILED;
      case LOG_LINES_UNATTRIBUTABLE -> DatasetEventType.LOG_LINES_UNATTRIBUTABLE;
      case PURGE_APPROVED -> DatasetEventType.PURGE_APPROVED;
      case PURGE_REJECTED -> DatasetEventType.PURGE_REJECTED;
      case PURGE_APPROVAL_EXPIRED -> DatasetEventType.PURGE_APPROVAL_EXPIRED;
      case SIGNAL_REFUSED -> DatasetEventType.SIGNAL_REFUSED;
    };
  }
}
