package dev.warden.activities.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one purge's wall time went, from its Temporal history: workflow tasks (count, time a worker
 * held them, time they waited in the queue), activities per type (count, scheduled to closed),
 * local activities (markers) per type. Timestamps are the server's, so queue and round-trip time
 * shows.
 */
final class PurgeTimeline {

  /** Per activity type: how many ran and how long from scheduled to closed (ms in all). */
  record Activity(int count, double scheduleToCloseMs, double scheduleToStartMs) {
    Activity plus(double close, double start) {
      return new Activity(count + 1, scheduleToCloseMs + close, scheduleToStartMs + start);
    }
  }

  final int events;

  /** From the first event to the last, on the server's clock. */
  final double spanMs;

  int workflowTasks;
  int workflowTaskProblems;
  double workflowTaskRunMs;
  double workflowTaskQueueMs;
  final Map<String, Activity> activities = new TreeMap<>();
  final Map<String, Integer> localActivities = new TreeMap<>();

  PurgeTimeline(History history) {
    events = history.getEventsCount();
    spanMs = ms(history.getEvents(0), history.getEvents(history.getEventsCount() - 1));
    Map<Long, HistoryEvent> byId = new HashMap<>();
    Map<Long, Long> activityStarted = new HashMap<>();
    for (HistoryEvent e : history.getEventsList()) {
      byId.put(e.getEventId(), e);
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          var started = e.getWorkflowTaskStartedEventAttributes();
          workflowTaskQueueMs += ms(byId.get(started.getScheduledEventId()), e);
        }
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
            EVENT_TYPE_WORKFLOW_TASK_FAILED,
            EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> {
          long startedId =
              switch (e.getEventType()) {
                case EVENT_TYPE_WORKFLOW_TASK_COMPLETED ->
                    e.getWorkflowTaskCompletedEventAttributes().getStartedEventId();
                case EVENT_TYPE_WORKFLOW_TASK_FAILED ->
                    e.getWorkflowTaskFailedEventAttributes().getStartedEventId();
                default -> e.getWorkflowTaskTimedOutEventAttributes().getStartedEventId();
              };
          workflowTasks++;
          if (e.getEventType() != EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
            workflowTaskProblems++; // a sticky task that timed out before a worker took it, ...
          }
          HistoryEvent started = byId.get(startedId);
          workflowTaskRunMs += started == null ? 0 : ms(started, e);
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            activityStarted.put(
                e.getActivityTaskStartedEventAttributes().getScheduledEventId(), e.getEventId());
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            closed(
                byId,
                activityStarted,
                e.getActivityTaskCompletedEventAttributes().getScheduledEventId(),
                e);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
            closed(
                byId,
                activityStarted,
                e.getActivityTaskFailedEventAttributes().getScheduledEventId(),
                e);
        case EVENT_TYPE_MARKER_RECORDED -> {
          var marker = e.getMarkerRecordedEventAttributes();
          if ("LocalActivity".equals(marker.getMarkerName())) {
            String type =
                DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                    0,
                    java.util.Optional.of(marker.getDetailsOrThrow("type")),
                    String.class,
                    String.class);
            localActivities.merge(type, 1, Integer::sum);
          }
        }
        default -> {}
      }
    }
  }

  private void closed(
      Map<Long, HistoryEvent> byId, Map<Long, Long> started, long scheduledId, HistoryEvent close) {
    HistoryEvent scheduled = byId.get(scheduledId);
    String type = scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName();
    HistoryEvent start = byId.get(started.get(scheduledId));
    activities.merge(
        type,
        new Activity(1, ms(scheduled, close), start == null ? 0 : ms(scheduled, start)),
        (a, b) ->
            new Activity(
                a.count + b.count,
                a.scheduleToCloseMs + b.scheduleToCloseMs,
                a.scheduleToStartMs + b.scheduleToStartMs));
  }

  int activityCount() {
    return activities.values().stream().mapToInt(Activity::count).sum();
  }

  int localActivityCount() {
    return localActivities.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static double ms(HistoryEvent from, HistoryEvent to) {
    var a = from.getEventTime();
    var b = to.getEventTime();
    return (b.getSeconds() - a.getSeconds()) * 1e3 + (b.getNanos() - a.getNanos()) / 1e6;
  }
}
