package dev.warden.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or updates the nightly Schedule; idempotent, so every worker start may call it. A server
 * without Schedules (Temporal's Java test server, which {@code ./warden up} runs only when it finds
 * no Temporal CLI) answers UNIMPLEMENTED: then there is no nightly run, and the worker says so
 * loudly and starts anyway (runs by hand: {@code POST /v1/reconciliations}).
 */
class ReconciliationSchedule {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

  /** What {@link #ensure} did. */
  enum Outcome {
    CREATED,
    UPDATED,
    NO_SCHEDULES_ON_THIS_SERVER
  }

  private final ScheduleClient schedules;
  private final ReconciliationScheduleSpec spec;

  ReconciliationSchedule(ScheduleClient schedules, ReconciliationScheduleSpec spec) {
    this.schedules = schedules;
    this.spec = spec;
  }

  Outcome ensure() {
    Schedule schedule = spec.schedule();
    try {
      schedules.createSchedule(spec.id(), schedule, ScheduleOptions.newBuilder().build());
      log.info("created Schedule {} (cron '{}' UTC, overlap SKIP)", spec.id(), spec.cron());
      return Outcome.CREATED;
    } catch (ScheduleAlreadyRunningException exists) {
      // Keep what operators did in the UI (paused, notes); replace spec, action and policy.
      schedules
          .getHandle(spec.id())
          .update(
              input ->
                  new ScheduleUpdate(
                      Schedule.newBuilder(schedule)
                          .setState(input.getDescription().getSchedule().getState())
                          .build()));
      log.info("updated Schedule {} (cron '{}' UTC, overlap SKIP)", spec.id(), spec.cron());
      return Outcome.UPDATED;
    } catch (RuntimeException e) {
      if (!unimplemented(e)) {
        throw e;
      }
      log.warn(
          "\n**********************************************************************************\n"
              + "  This Temporal server has NO SCHEDULES (Temporal's Java test server): the nightly\n"
              + "  quota reconciliation {} does NOT run. Runs by hand: POST /v1/reconciliations.\n"
              + "  ./warden up runs Temporal's dev server (with Schedules) when it finds Go or the\n"
              + "  Temporal CLI.\n"
              + "**********************************************************************************",
          spec.id());
      return Outcome.NO_SCHEDULES_ON_THIS_SERVER;
    }
  }

  static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
