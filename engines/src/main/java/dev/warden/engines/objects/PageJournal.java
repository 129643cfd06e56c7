package dev.warden.engines.objects;

/**
 * Told about every page of a purge around its delete: {@link #beforeDelete} before the
 * DeleteObjects call(s) of a page (or round), {@link #afterDelete} with the cursor that counts what
 * went, before the {@link PageListener} hears of it. Either may throw to stop the purge; a throw
 * from {@code beforeDelete} means nothing of that page is deleted.
 */
public interface PageJournal {

  /** Records nothing: the purge resumes from heartbeats only. */
  PageJournal NONE =
      new PageJournal() {
        @Override
        public void beforeDelete(PendingPage page) {}

        @Override
        public void afterDelete(StorageCursor cursor) {}
      };

  void beforeDelete(PendingPage page);

  void afterDelete(StorageCursor cursor);
}
