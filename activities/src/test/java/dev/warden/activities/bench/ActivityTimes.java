package dev.warden.activities.bench;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Map;
import java.util.TreeMap;

/** Times every activity execution in the worker, per type (local ones marked), between resets. */
final class ActivityTimes extends WorkerInterceptorBase {

  /** Executions and their time in the worker, in ms. */
  record Time(int count, double ms) {}

  private final Map<String, Time> times = new TreeMap<>();

  synchronized Map<String, Time> takeAll() {
    Map<String, Time> copy = new TreeMap<>(times);
    times.clear();
    return copy;
  }

  private synchronized void add(String type, double ms) {
    times.merge(type, new Time(1, ms), (a, b) -> new Time(a.count + b.count, a.ms + b.ms));
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        long start = System.nanoTime();
        try {
          return super.execute(input);
        } finally {
          var info = context.getInfo();
          add(
              info.getActivityType() + (info.isLocal() ? " (local)" : ""),
              (System.nanoTime() - start) / 1e6);
        }
      }
    };
  }
}
