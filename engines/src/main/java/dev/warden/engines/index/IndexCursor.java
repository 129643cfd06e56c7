package dev.warden.engines.index;

/**
 * Where an index purge stands: the index being purged and running totals. It holds no sort values:
 * they belong to one point in time, and a retried purge opens a new one (see {@link
 * TenantIndexStore#purge}), so only the counts carry over. A count is never doubled; a crash
 * between a bulk and its heartbeat loses that page's count (those documents are gone and are not
 * found again) — one page per lane of a sliced sweep ({@link PitSweep}) — which the verification
 * count of what is left covers.
 */
public record IndexCursor(String index, long deleted, int pages) {

  public static final IndexCursor START = new IndexCursor(null, 0, 0);

  IndexCursor in(String newIndex) {
    return new IndexCursor(newIndex, deleted, pages);
  }

  IndexCursor advance(long deletedDocs) {
    return new IndexCursor(index, deleted + deletedDocs, pages + 1);
  }
}
