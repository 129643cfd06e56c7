package dev.warden.workflows.contract;

import java.util.List;
import java.util.Objects;

/**
 * Several changes of a purge's record written in one database transaction, so that one activity
 * replaces the several a step used to cost (guard, status, event, step total): {@code writes} in
 * order; then, when {@code guardedStep} is set, the kill-switch guard for that step, and {@code
 * ifAllowed} only when it allows the step (the step's start: its status and STEP_STARTED); then,
 * when asked, whether a legal hold stands. Safe to repeat: every write is.
 */
public record Transition(
    PurgeRequest request,
    List<RecordWrite> writes,
    PurgeStep guardedStep,
    List<RecordWrite> ifAllowed,
    boolean askLegalHold) {

  public Transition {
    Objects.requireNonNull(request, "request");
    writes = List.copyOf(writes);
    ifAllowed = List.copyOf(ifAllowed);
    if (guardedStep == null && !ifAllowed.isEmpty()) {
      throw new IllegalArgumentException("writes guarded by no step");
    }
  }

  /** Writes only. */
  public static Transition of(PurgeRequest request, List<RecordWrite> writes) {
    return new Transition(request, writes, null, List.of(), false);
  }
}
