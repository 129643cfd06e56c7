package dev.warden.engines.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for the audit trail: the events a process's threads append at the same moment are
 * written by one of them in one statement and one transaction, and each thread returns once its own
 * event is committed. Whoever takes the writer lock writes every event waiting (up to {@link
 * #MAX_BATCH}); the threads that queued meanwhile find theirs written when they get the lock. Under
 * no load a batch is one event and the cost is one uncontended lock. Certificate Transparency logs
 * sequence their entries in batches for the same reason: the chain's head is written once per
 * batch, not once per entry.
 *
 * <p>A batch the database refuses (a duplicate id racing in from another process, a deadlock with a
 * caller's own transaction, an outage) is retried event by event, so one event's error is its own
 * thread's and never another's.
 */
final class AppendBatches {

  static final int MAX_BATCH = 500;

  /**
   * Batches of one process in flight at once: while one waits for its commit, the next is written
   * (the head rows they share are taken in one order, so they queue, never deadlock).
   */
  static final int WRITERS = 2;

  private final DatasetEventStore store;
  private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger writers = new AtomicInteger();

  AppendBatches(DatasetEventStore store) {
    this.store = store;
  }

  private static final class Pending {
    final DatasetEvent event;
    final Thread thread = Thread.currentThread();
    volatile boolean done;
    boolean stored;
    RuntimeException failure;

    Pending(DatasetEvent event) {
      this.event = event;
    }
  }

  /** As {@link DatasetEventStore#append}: true once stored and committed, false for a repeat. */
  boolean append(DatasetEvent event) {
    Pending mine = new Pending(event);
    waiting.add(mine);
    boolean interrupted = false;
    while (!mine.done) {
      List<Pending> batch = List.of();
      if (takeWriterSlot()) {
        try {
          batch = drain();
          if (!batch.isEmpty()) {
            write(batch);
          }
        } finally {
          writers.decrementAndGet();
        }
        // Whoever queued while this batch was written writes the next one.
        Pending next = waiting.peek();
        if (next != null) {
          LockSupport.unpark(next.thread);
        }
      }
      if (batch.isEmpty() && !mine.done) {
        // Another writer has this event in its batch, or holds the slots: woken when a batch with
        // this event is written or a slot is handed on (the bound covers a wake-up that came
        // between the check and the park).
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(5));
        // An interrupt does not abandon an event that may be committing: waited out, then kept.
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.stored;
  }

  private boolean takeWriterSlot() {
    int now;
    while ((now = writers.get()) < WRITERS) {
      if (writers.compareAndSet(now, now + 1)) {
        return true;
      }
    }
    return false;
  }

  private List<Pending> drain() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }

  private void write(List<Pending> batch) {
    try {
      Set<UUID> stored = store.appendAll(batch.stream().map(p -> p.event).toList());
      // An id appended twice in one batch is stored once: the first asker is told so.
      Set<UUID> told = new HashSet<>();
      for (Pending p : batch) {
        UUID id = p.event.eventId();
        p.stored = stored.contains(id) && told.add(id);
      }
    } catch (RuntimeException batchRefused) {
      for (Pending p : batch) {
        try {
          p.stored = store.appendAlone(p.event);
        } catch (RuntimeException own) {
          p.failure = own;
        }
      }
    }
    for (Pending p : batch) {
      p.done = true; // volatile: publishes stored and failure
      LockSupport.unpark(p.thread);
    }
  }
}
