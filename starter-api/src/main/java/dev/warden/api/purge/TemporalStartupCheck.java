package dev.warden.api.purge;

import dev.warden.engines.deployment.StartupRefusedException;
import dev.warden.workflows.admin.TemporalConnectionCheck;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Refuses the start, in one line, when Temporal refuses the API's TLS or credentials. */
@Component
class TemporalStartupCheck implements SmartInitializingSingleton {
  private final WorkflowServiceStubs service;
  private final String target;

  TemporalStartupCheck(
      WorkflowServiceStubs service,
      @Value("${spring.temporal.connection.target:127.0.0.1:7233}") String target) {
    this.service = service;
    this.target = target;
  }

  @Override
  public void afterSingletonsInstantiated() {
    TemporalConnectionCheck.problem(service, target, Duration.ofSeconds(10))
        .ifPresent(
            line -> {
              throw new StartupRefusedException(
                  "Warden cannot start: Temporal refuses its connection:", List.of(line));
            });
  }
}
