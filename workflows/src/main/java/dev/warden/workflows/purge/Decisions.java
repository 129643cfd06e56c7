package dev.warden.workflows.purge;

import dev.warden.workflows.contract.DecisionSignal;
import dev.warden.workflows.contract.PurgeDecision;
import dev.warden.workflows.contract.PurgeDecisionKind;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Which signals a run believes. Since {@link Purge#RECORDED_DECISIONS} an approval, rejection,
 * cancel or extension counts only as a decision the API recorded from a caller's token: the signal
 * carries the record's id and a local activity takes it (exists, this purge, this kind, not taken
 * by another run). A signal of the old shape, which names its actor and which anyone who reaches
 * Temporal can send, is ignored and evented (SIGNAL_REFUSED). Runs started before keep believing
 * old-shape signals (their histories replay unchanged) and also take recorded decisions.
 */
final class Decisions {

  private static final Logger log = Workflow.getLogger(Decisions.class);

  private final PurgeRun run;
  private boolean known;
  private boolean recordedOnly;
  private int refusals;

  // Signals delivered before the run read its request (see Approval): judged by requestKnown.
  private final List<Runnable> early = new ArrayList<>();

  Decisions(PurgeRun run) {
    this.run = run;
  }

  /** Decides, once the run has its request, which signals it believes; then judges early ones. */
  void requestKnown() {
    recordedOnly =
        Workflow.getVersion(Purge.RECORDED_DECISIONS, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    known = true;
    List<Runnable> acts = List.copyOf(early);
    early.clear();
    acts.forEach(Runnable::run);
  }

  /** An old-shape signal naming {@code actor}: acted on by old runs only. */
  void unrecorded(PurgeDecisionKind kind, String signal, String actor, Runnable act) {
    if (!known) {
      early.add(() -> unrecorded(kind, signal, actor, act));
    } else if (!recordedOnly) {
      act.run();
    } else {
      log.warn("{} signal naming {} ignored: no decision recorded by the API", signal, actor);
      run.stubs.takeDecision(
          new DecisionSignal(run.request, null, kind, signal, actor, ++refusals));
    }
  }

  /** A signal carrying the id of a decision the API recorded: acted on once it is taken. */
  void recorded(
      PurgeDecisionKind kind, String signal, String decisionId, Consumer<PurgeDecision> act) {
    if (!known) {
      early.add(() -> recorded(kind, signal, decisionId, act));
      return;
    }
    int refusal = ++refusals;
    PurgeDecision decision =
        run.stubs.takeDecision(
            new DecisionSignal(run.request, decisionId, kind, signal, null, refusal));
    if (decision == null) {
      log.warn("{} signal with decision {} refused", signal, decisionId);
    } else {
      act.accept(decision);
    }
  }
}
