package dev.warden.engines.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls an attempt made through a test double and, after the {@code n}th, holds the
 * caller until released (a paused or partitioned worker) or tells the double to fail it (a lost
 * answer or a crash).
 */
public final class CallGate {

  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private int holdAfter = -1;
  private int failAfter = -1;

  /** Holds the caller of the {@code n}th call once it went through, until {@link #release}. */
  public CallGate holdAfter(int n) {
    holdAfter = n;
    return this;
  }

  /** Makes {@link #passed} answer true for the {@code n}th call. */
  public CallGate failAfter(int n) {
    failAfter = n;
    return this;
  }

  /**
   * Counts a call that went through: true when the double must now fail it; holds the caller here
   * when it is the one to hold.
   */
  public boolean passed() {
    int n = calls.incrementAndGet();
    if (n == failAfter) {
      return true;
    }
    if (n == holdAfter) {
      held.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return false;
  }

  public void awaitHeld() throws InterruptedException {
    if (!held.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the attempt never reached its gate");
    }
  }

  public void release() {
    released.countDown();
  }

  /** Calls that went through so far. */
  public int calls() {
    return calls.get();
  }
}
