package dev.warden.activities;

import io.temporal.worker.Worker;

/**
 * A workflow's activities, wired once. The worker app does not call {@link #registerOn}: the
 * Temporal Spring Boot starter registers each activity bean on its worker, as listed under {@code
 * spring.temporal.workers[].activity-beans} in the worker's application.yml. The starter cannot do
 * it for the in-process workers of the tests (the API runs no starter workers, and the activities'
 * tests build their activities without Spring), so those register here, the one hand registration.
 */
public interface ActivitySet {

  /** Every activity implementation of the set. */
  Object[] all();

  /** Registers every activity of the set on {@code worker}; the caller registers the workflow. */
  default void registerOn(Worker worker) {
    worker.registerActivitiesImplementations(all());
  }
}
