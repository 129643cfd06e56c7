package dev.warden.activities.purge;

import dev.warden.engines.events.RefusalWindows;
import dev.warden.engines.purge.PurgeDecisions;
import dev.warden.engines.purge.PurgeDecisions.Decision;
import dev.warden.engines.purge.PurgeDecisions.Kind;
import dev.warden.workflows.contract.DecisionSignal;
import dev.warden.workflows.contract.PurgeDecision;
import dev.warden.workflows.contract.PurgeDecisionKind;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Checks a signalled decision against what the API recorded, in one transaction with its refusal
 * event: taken when the record exists, is for this purge and kind and no other run took it; refused
 * (SIGNAL_REFUSED, saying why) otherwise. Refusals are counted per purge, signal, kind, reason and
 * window ({@link RefusalWindows}): the window's first is written at once, in the transaction; the
 * count of the rest when it ends, so signals sent straight to Temporal cannot flood the trail.
 */
final class DecisionTaker implements AutoCloseable {

  // What the audit trail accepts as an actor id; anything else a signal named is not repeated.
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");

  private final PurgeDecisions decisions;
  private final PurgeEventWriter events;
  private final TransactionOperations tx;
  private final RefusalWindows<Refusal> refusals;

  /** A refused signal's event and the workflow run it came to. */
  private record Refusal(PurgeEvent event, String runId) {}

  DecisionTaker(
      PurgeDecisions decisions,
      PurgeEventWriter events,
      TransactionOperations tx,
      Duration refusalWindow,
      Clock clock) {
    this.decisions = decisions;
    this.events = events;
    this.tx = tx;
    // A refusal written as it happens keeps its derived id (a retried take writes it once); the
    // count of a window's rest is one occurrence of its own.
    this.refusals =
        new RefusalWindows<>(
            "warden-signal-refusals",
            refusalWindow,
            clock,
            (refused, attributes, count, atOnce) ->
                events.append(
                    new PurgeEvent(
                        refused.event().request(),
                        refused.event().type(),
                        refused.event().step(),
                        refused.event().attempt(),
                        attributes,
                        refused.event().actor()),
                    refused.runId(),
                    atOnce ? null : UUID.randomUUID()));
  }

  PurgeDecision take(DecisionSignal signal, String runId) {
    return tx.execute(
        status -> {
          UUID purgeId = UUID.fromString(signal.request().purgeId());
          UUID decisionId = uuid(signal.decisionId());
          Kind kind = Kind.valueOf(signal.kind().name());
          Optional<Decision> taken =
              decisionId == null
                  ? Optional.empty()
                  : decisions.claim(decisionId, purgeId, kind, runId);
          if (taken.isPresent()) {
            return contract(taken.get());
          }
          String why = why(signal, decisionId, purgeId, kind);
          PurgeEvent refusal = refusal(signal, why);
          refusals.refused(
              String.join("|", signal.request().purgeId(), signal.signal(), kind.name(), why),
              new Refusal(refusal, runId),
              refusal.attributes());
          return null;
        });
  }

  private String why(DecisionSignal signal, UUID decisionId, UUID purgeId, Kind kind) {
    if (signal.decisionId() == null) {
      return "the signal names an actor instead of a decision the API recorded";
    }
    if (decisionId == null) {
      return "not a decision id";
    }
    Optional<Decision> found = decisions.find(decisionId);
    if (found.isEmpty()) {
      return "no decision with this id was recorded by the API";
    }
    Decision d = found.get();
    if (!d.purgeId().equals(purgeId)) {
      return "the decision is for another purge";
    }
    if (d.kind() != kind) {
      return "the decision is a " + d.kind() + ", the signal asks for " + kind;
    }
    return "the decision was already taken by another run";
  }

  private static PurgeEvent refusal(DecisionSignal signal, String why) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("signal", signal.signal());
    attributes.put("kind", signal.kind().name());
    attributes.put("why", why);
    if (signal.decisionId() != null) {
      attributes.put("decisionId", identifier(signal.decisionId()));
    }
    if (signal.claimedActor() != null) {
      attributes.put("claimedActor", identifier(signal.claimedActor()));
    }
    return new PurgeEvent(
        signal.request(), PurgeEventType.SIGNAL_REFUSED, null, signal.refusal(), attributes);
  }

  private static String identifier(String value) {
    return IDENTIFIER.matcher(value).matches() ? value : "(not an identifier)";
  }

  private static UUID uuid(String id) {
    if (id == null) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }

  private static PurgeDecision contract(Decision d) {
    return new PurgeDecision(
        d.decisionId().toString(),
        PurgeDecisionKind.valueOf(d.kind().name()),
        d.actor(),
        d.reason(),
        d.dueAt() == null ? 0 : d.dueAt().toEpochMilli());
  }

  /** Writes the counts of every open window (shutdown; a test that cannot wait). */
  void flushRefusals() {
    refusals.flushAll();
  }

  @Override
  public void close() {
    refusals.close();
  }
}
