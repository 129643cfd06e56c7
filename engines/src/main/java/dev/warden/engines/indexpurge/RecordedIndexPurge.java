package dev.warden.engines.indexpurge;

import dev.warden.engines.indexpurge.IndexProgress.Claim;
import dev.warden.engines.indexpurge.IndexProgress.PendingBulk;
import dev.warden.engines.indexpurge.IndexProgress.Writer;
import dev.warden.engines.opensearch.OpenSearchClients;
import dev.warden.engines.purge.InFlightCalls;
import dev.warden.engines.purge.ProgressClaim;
import dev.warden.engines.tenant.TenantId;
import java.time.Duration;
import java.util.List;

/**
 * Makes an index-purge step's count exact across retries, lost heartbeats and zombie attempts:
 * every bulk is recorded in {@link IndexProgress} before it is sent (pending, with its ids) and
 * folded into the committed total after it answered, each write fenced by the attempt that claimed
 * the step.
 *
 * <p>Why a claim can resolve a pending bulk exactly: a purge holds the tenant's write lock, so no
 * document of the tenant is added, and once the claim is written no earlier attempt can record (so
 * send) another bulk. A recorded bulk's call starts right after its pending write and is answered
 * or given up within {@link OpenSearchClients#REQUEST_BOUND}; the claim waits that long since the
 * write (or, for a bulk this process saw end without an answer, a second since it ended: {@link
 * InFlightCalls#endedHere}), refreshes the index and counts which recorded ids are still there. The
 * ids sent minus those present went. Present ones are found by the new point in time, deleted again
 * and counted then. What this relies on beyond the client: a bulk the client gave up on does not go
 * on deleting on the server after the bound (a bulk of one page takes well under it).
 */
public class RecordedIndexPurge {

  private final IndexProgress progress;
  private final TenantIndexStore index;
  private final Duration requestBound;

  public RecordedIndexPurge(IndexProgress progress, TenantIndexStore index) {
    this(progress, index, OpenSearchClients.REQUEST_BOUND);
  }

  /** {@code requestBound}: how long a bulk call of the purge's client is awaited at most. */
  public RecordedIndexPurge(IndexProgress progress, TenantIndexStore index, Duration requestBound) {
    this.progress = progress;
    this.index = index;
    this.requestBound = requestBound;
  }

  /**
   * Claims the step for {@code writer}, resolves the bulks earlier attempts left pending and
   * returns the cursor to purge from. {@code heartbeat}: where the attempt's heartbeats say it
   * stands (used when no progress was recorded, e.g. an attempt started before the record existed);
   * {@code whileWaiting} runs about every second while the claim waits out a pending bulk. A
   * resumed purge opens a new point in time, so the committed total is all it needs.
   */
  public IndexCursor claim(
      Writer writer, TenantId tenant, IndexCursor heartbeat, Runnable whileWaiting) {
    Claim claim =
        progress.claim(writer, heartbeat).orElseThrow(() -> new IndexTakenOverException(writer));
    if (claim.found() == ProgressClaim.NONE) {
      // A fresh row holds the heartbeat cursor already, and nothing is pending.
      return heartbeat;
    }
    // Another execution's totals are the workflow's already (or lost with it): this one counts
    // from zero, plus the bulks that execution left pending, which nobody has counted.
    IndexCursor cursor =
        claim.found() == ProgressClaim.SAME_EXECUTION ? claim.committed() : IndexCursor.START;
    List<PendingBulk> pending = progress.pending(writer);
    if (!pending.isEmpty()) {
      // Bulks this process saw end (a store outage, then a retry here) need no waiting out.
      List<PendingBulk> maybeRunning =
          pending.stream()
              .filter(b -> !InFlightCalls.endedHere(key(writer, b.lane(), b.ids()), whileWaiting))
              .toList();
      if (!maybeRunning.isEmpty()) {
        InFlightCalls.waitOut(
            requestBound,
            maybeRunning.stream().map(PendingBulk::age).min(Duration::compareTo).orElseThrow(),
            whileWaiting);
      }
      for (PendingBulk bulk : pending) {
        long present = index.present(tenant, bulk.index(), bulk.ids());
        cursor = cursor.advance(bulk.ids().size() - present);
      }
    }
    progress.resume(writer, cursor);
    pending.forEach(b -> InFlightCalls.forget(key(writer, b.lane(), b.ids())));
    return cursor;
  }

  /** What the purge tells of each bulk: recorded before it is sent, folded in after it. */
  public IndexJournal journal(Writer writer) {
    return new IndexJournal() {
      @Override
      public void beforeBulk(int lane, String index, List<String> ids) {
        InFlightCalls.forget(key(writer, lane, ids)); // a new call: not the one that ended
        progress.begin(writer, lane, index, ids);
      }

      @Override
      public void stopped(int lane, String index, List<String> ids) {
        InFlightCalls.ended(key(writer, lane, ids));
      }

      @Override
      public void afterBulk(int lane, String index, long deleted) {
        progress.commit(writer, lane, index, deleted);
      }
    };
  }

  // A recorded bulk: its purge, step and lane, and the ids it carried.
  private static String key(Writer writer, int lane, List<String> ids) {
    return writer.purgeId()
        + "|"
        + writer.step()
        + "|"
        + lane
        + "|"
        + ids.size()
        + "|"
        + ids.hashCode();
  }
}
