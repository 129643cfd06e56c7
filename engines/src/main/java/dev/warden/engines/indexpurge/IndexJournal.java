package dev.warden.engines.indexpurge;

import java.util.List;

/**
 * Told about every bulk of an index purge around its {@code _bulk} call: {@link #beforeBulk} with
 * the ids it is about to delete, {@link #afterBulk} with how many the response says were deleted,
 * before the {@link IndexPageListener} hears of the page. {@code lane}: the slice of the sweep (0
 * for an unsliced one); a lane has at most one bulk in flight. Either may throw to stop the purge;
 * a throw from {@code beforeBulk} means nothing of that page is deleted. {@link #stopped}: the lane
 * stopped between {@code beforeBulk} and {@code afterBulk} (the call threw, was never sent, or its
 * answer could not be recorded): what the bulk deleted is unknown, but its call is over.
 */
public interface IndexJournal {

  /** Records nothing: the purge resumes from heartbeats only. */
  IndexJournal NONE =
      new IndexJournal() {
        @Override
        public void beforeBulk(int lane, String index, List<String> ids) {}

        @Override
        public void afterBulk(int lane, String index, long deleted) {}
      };

  void beforeBulk(int lane, String index, List<String> ids);

  void afterBulk(int lane, String index, long deleted);

  default void stopped(int lane, String index, List<String> ids) {}
}
