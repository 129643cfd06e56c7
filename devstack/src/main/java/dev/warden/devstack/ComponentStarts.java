package dev.warden.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the devstack's components, the slow ones on background threads: times each, keeps what
 * started (in start-completion order, so it can be stopped) and collects every failure.
 */
final class ComponentStarts {
  private static final Logger log = LoggerFactory.getLogger(DevStack.class);

  final Map<String, AutoCloseable> started = Collections.synchronizedMap(new LinkedHashMap<>());
  final Map<String, Duration> times = Collections.synchronizedMap(new LinkedHashMap<>());
  private final ExecutorService background =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "devstack-start");
            t.setDaemon(true);
            return t;
          });
  private final List<Future<?>> pending = new ArrayList<>();
  private RuntimeException failure;

  void inBackground(String name, Callable<AutoCloseable> startup) {
    pending.add(background.submit(timed(name, startup)));
  }

  /** Starts on this thread; after a failure here, the later ones are skipped. */
  void here(String name, Callable<AutoCloseable> startup) {
    if (failure != null) {
      return;
    }
    try {
      timed(name, startup).call();
    } catch (Exception e) {
      // The background starts are not interrupted: an interrupted wait would leave initdb or
      // chown running while close() deletes their directories. They finish, then get stopped.
      failure = asRuntime(e);
    }
  }

  /** Waits for the background starts; the first failure (the others suppressed in it), or null. */
  RuntimeException awaitAll() {
    background.shutdown();
    for (Future<?> future : pending) {
      try {
        future.get();
      } catch (ExecutionException e) {
        failure = addFailure(failure, asRuntime(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = addFailure(failure, asRuntime(e));
      }
    }
    try {
      if (!background.awaitTermination(2, TimeUnit.MINUTES)) {
        log.warn("devstack start threads still running");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return failure;
  }

  private Callable<Void> timed(String name, Callable<AutoCloseable> startup) {
    return () -> {
      long t0 = System.nanoTime();
      AutoCloseable component = startup.call();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      started.put(name, component);
      times.put(name, took);
      log.info("{} started in {} ms", name, took.toMillis());
      return null;
    };
  }

  private static RuntimeException asRuntime(Throwable t) {
    return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
  }

  private static RuntimeException addFailure(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
