package dev.warden.engines.index;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real journal of an attempt, which can hold the attempt right after one of its bulks answered
 * and before that bulk is folded in (as a paused or partitioned worker would), or fail it then (as
 * a lost response or a crash would).
 */
final class GatedJournal implements IndexJournal {

  private final IndexJournal journal;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private int holdAfter = -1;
  private int failAfter = -1;

  GatedJournal(IndexJournal journal) {
    this.journal = journal;
  }

  /** Holds the lane whose bulk is the {@code n}th to answer, until {@link #release}. */
  GatedJournal holdAfterBulk(int n) {
    holdAfter = n;
    return this;
  }

  /** Fails the attempt when its {@code n}th bulk answered, before that bulk is recorded. */
  GatedJournal failAfterBulk(int n) {
    failAfter = n;
    return this;
  }

  void awaitHeld() throws InterruptedException {
    if (!held.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the attempt never reached its gate");
    }
  }

  void release() {
    released.countDown();
  }

  /** How many bulks the journal let the attempt send. */
  int sent() {
    return sent.get();
  }

  @Override
  public void beforeBulk(int lane, String index, List<String> ids) {
    journal.beforeBulk(lane, index, ids);
    sent.incrementAndGet();
  }

  @Override
  public void afterBulk(int lane, String index, long deleted) {
    int n = answered.incrementAndGet();
    if (n == failAfter) {
      throw new IllegalStateException("worker lost after bulk " + n);
    }
    if (n == holdAfter) {
      held.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    journal.afterBulk(lane, index, deleted);
  }
}
