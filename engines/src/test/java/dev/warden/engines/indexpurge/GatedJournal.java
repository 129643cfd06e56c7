package dev.warden.engines.indexpurge;

import dev.warden.engines.testing.CallGate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real journal of an attempt, which can hold the attempt right after one of its bulks answered
 * and before that bulk is folded in (as a paused or partitioned worker would), or fail it then (as
 * a lost response or a crash would).
 */
final class GatedJournal implements IndexJournal {

  private final IndexJournal journal;
  private final AtomicInteger sent = new AtomicInteger();
  private final CallGate answered = new CallGate();

  GatedJournal(IndexJournal journal) {
    this.journal = journal;
  }

  /** Holds the lane whose bulk is the {@code n}th to answer, until {@link #release}. */
  GatedJournal holdAfterBulk(int n) {
    answered.holdAfter(n);
    return this;
  }

  /** Fails the attempt when its {@code n}th bulk answered, before that bulk is recorded. */
  GatedJournal failAfterBulk(int n) {
    answered.failAfter(n);
    return this;
  }

  void awaitHeld() throws InterruptedException {
    answered.awaitHeld();
  }

  void release() {
    answered.release();
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
    if (answered.passed()) {
      throw new IllegalStateException("worker lost after bulk " + answered.calls());
    }
    journal.afterBulk(lane, index, deleted);
  }
}
