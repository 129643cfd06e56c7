package dev.warden.engines.indexpurge;

/**
 * Where an index purge stands: the index being purged and running totals. It holds no sort values:
 * they belong to one point in time, and a retried purge opens a new one (see {@link
 * TenantIndexStore#purge}), so only the counts carry over. The purge steps record every bulk in
 * {@link IndexProgress} before it is sent and after it answered ({@link RecordedIndexPurge}), so a
 * retried attempt resumes from the recorded totals, and counts exactly what a bulk left pending by
 * a crash, a lost heartbeat or a zombie attempt deleted. A purge without that record (an attempt
 * that started before it existed) resumes from its heartbeat: a count is never doubled, but a crash
 * between a bulk and its heartbeat loses that page's count (one page per lane of a sliced sweep,
 * {@link PitSweep}).
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
