package dev.warden.engines.objects;

import dev.warden.engines.objects.StorageProgress.Claim;
import dev.warden.engines.objects.StorageProgress.Writer;
import dev.warden.engines.purge.InFlightCalls;
import dev.warden.engines.purge.ProgressClaim;
import dev.warden.engines.tenant.TenantId;
import java.time.Duration;

/**
 * A storage purge lane whose totals are exact across retries, lost heartbeats and zombie attempts:
 * every page is recorded in {@link StorageProgress} before its delete (pending) and folded into the
 * committed cursor after it, each write fenced by the attempt that claimed the lane.
 *
 * <p>Why a claim can resolve a pending page exactly: a purge holds the tenant's write lock, so
 * nothing adds keys under its prefix, and only the lane's owner deletes in its range. The keys of a
 * pending round are therefore exactly the keys that were in (committed last key, pending last key]
 * of the range when it was listed; on a versioned bucket, where every page is listed from the
 * range's start, they are every version of the keys before the pending last key plus the recorded
 * versions of that key. Listing that same interval now finds the ones the delete left; the pending
 * count minus those is exactly what went. This holds once no DeleteObjects call of the page can
 * still be running: a call starts after its pending write and ends within the store's DeleteObjects
 * API call timeout, so a claim waits until that long has passed since the pending write before it
 * lists. Keys found present are listed and deleted again, and counted then.
 */
public class ShardPurge {

  private final StorageProgress progress;
  private final TenantObjectStore objects;
  private final VersionedObjectStore versions;

  public ShardPurge(
      StorageProgress progress, TenantObjectStore objects, VersionedObjectStore versions) {
    this.progress = progress;
    this.objects = objects;
    this.versions = versions;
  }

  /** One lane's work: the tenant, its key range and how to page through it. */
  public record Job(
      TenantId tenant, KeyRange range, boolean versioned, int pageSize, int concurrency) {}

  /**
   * Claims the lane for {@code writer}, resolves a page left pending by an earlier attempt, then
   * purges the rest from the committed cursor. {@code heartbeat}: where the attempt's heartbeats
   * say it stands (used when no progress was recorded, e.g. an attempt started before the record
   * existed); {@code whileWaiting} runs about every second while a claim waits out a pending
   * delete; {@code pages} hears the resolved cursor, then every page.
   */
  public StorageCursor purge(
      Writer writer, Job job, StorageCursor heartbeat, Runnable whileWaiting, PageListener pages) {
    Claim claim =
        progress
            .claim(writer, job.range(), heartbeat)
            .orElseThrow(
                () -> new ShardTakenOverException(writer.lane(), writer.owner(), writer.attempt()));
    // Another execution's totals are the workflow's already (or lost with it): this one counts
    // from zero, plus the page that execution left pending, which nobody has counted.
    StorageCursor cursor =
        switch (claim.found()) {
          case NONE -> heartbeat;
          case SAME_EXECUTION -> claim.committed();
          case OTHER_EXECUTION -> StorageCursor.START;
        };
    if (claim.pending().isPresent()) {
      PendingPage pending = claim.pending().get();
      waitOut(claim.pendingAge(), whileWaiting);
      TenantObjectStore.Usage left = present(job, claim, pending);
      cursor =
          cursor.advance(
              cursor.lastKey(), pending.objects() - left.objects(), pending.bytes() - left.bytes());
    }
    if (claim.found() == ProgressClaim.OTHER_EXECUTION) {
      cursor = new StorageCursor(null, cursor.objects(), cursor.bytes(), cursor.pages());
    }
    if (claim.found() != ProgressClaim.NONE) {
      // A fresh row holds the range and the heartbeat cursor already.
      progress.resume(writer, job.range(), cursor);
    }
    if (!cursor.equals(heartbeat)) {
      pages.afterPage(cursor);
    }
    PageJournal journal = journal(writer);
    return job.versioned()
        ? versions.purgeAllVersions(
            job.tenant(), job.range(), cursor, job.pageSize(), journal, pages)
        : objects.purge(
            job.tenant(), job.range(), cursor, job.pageSize(), job.concurrency(), journal, pages);
  }

  // The pending page belongs to the range and cursor the row held, which a re-planned step may
  // have given another range since.
  private TenantObjectStore.Usage present(Job job, Claim claim, PendingPage pending) {
    return job.versioned()
        ? versions.present(
            job.tenant(), claim.range(), pending.lastKey(), pending.lastKeyVersions())
        : objects.present(
            job.tenant(), claim.range(), claim.committed().lastKey(), pending.lastKey());
  }

  private PageJournal journal(Writer writer) {
    return new PageJournal() {
      @Override
      public void beforeDelete(PendingPage page) {
        progress.begin(writer, page);
      }

      @Override
      public void afterDelete(StorageCursor cursor) {
        progress.commit(writer, cursor);
      }
    };
  }

  private void waitOut(Duration pendingAge, Runnable whileWaiting) {
    Duration timeout =
        objects.deleteTimeout().compareTo(versions.deleteTimeout()) > 0
            ? objects.deleteTimeout()
            : versions.deleteTimeout();
    InFlightCalls.waitOut(timeout, pendingAge, whileWaiting);
  }
}
