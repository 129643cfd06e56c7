package dev.warden.engines.logarchive;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** {@link ArchiveLocks} within one JVM: a lock per archive name. */
final class InProcessArchiveLocks implements ArchiveLocks {

  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  @Override
  public Held lock(String archive, Runnable whileWaiting) {
    ReentrantLock lock = locks.computeIfAbsent(archive, a -> new ReentrantLock());
    try {
      while (!lock.tryLock(1, TimeUnit.SECONDS)) {
        whileWaiting.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + archive, e);
    }
    return new Held() {
      @Override
      public void renew() {}

      @Override
      public void close() {
        lock.unlock();
      }
    };
  }
}
