package dev.warden.worker.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.deployment.WardenStart;
import dev.warden.worker.WorkerProcesses;
import dev.warden.workflows.codec.PayloadKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker whose WARDEN_PAYLOAD_KEYS lack the key Temporal's data was written with (a key rotated
 * out too early) cannot read the reconciliation Schedule: it names the key and exits, rather than
 * staying alive without polling (a supervisor would never restart it).
 */
@ExtendWith(DevStackExtension.class)
class ForeignPayloadKeyIT {

  @Test
  void givenAScheduleWrittenWithTheRunsKey_whenAWorkerStartsWithAnotherKey_thenItExitsNamingIt()
      throws Exception {
    DevStackEndpoints endpoints = DevStackExtension.endpoints();
    try (WorkerProcesses workers = new WorkerProcesses()) {
      // The run's key writes (or rewrites) the Schedule, as a deployment's first worker does.
      Process owner = workers.start(endpoints, "owner", Map.of());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  workers.log("owner").contains("created Schedule")
                      || workers.log("owner").contains("updated Schedule"));
      owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      Process foreign =
          workers.start(
              endpoints, "foreign", Map.of("WARDEN_PAYLOAD_KEYS", PayloadKeys.newEntry()));

      boolean exited = foreign.waitFor(120, TimeUnit.SECONDS);
      assertThat(exited).as("the worker exited by itself: %s", workers.log("foreign")).isTrue();
      assertThat(foreign.exitValue()).isEqualTo(WardenStart.FAILED);
      assertThat(workers.log("foreign"))
          .contains("unknown payload key id")
          .contains("not among WARDEN_PAYLOAD_KEYS");
    }
  }
}
