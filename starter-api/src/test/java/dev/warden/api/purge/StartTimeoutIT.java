package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.engines.purge.PurgeRecord;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A start call whose answer times out after Temporal accepted the workflow: the purge runs, so it
 * is reported and finished as started, with its real receipt, never recorded "not started".
 */
@Import(StartTimeoutIT.TimingOutStart.class)
// A context of its own with an in-process worker on the shared task queues: closed after this
// class, so its worker cannot run other classes' activities (their worker-side meters would miss).
@DirtiesContext
class StartTimeoutIT extends AbstractPurgeApiTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class TimingOutStart {
    @Bean
    @Primary
    PurgeWorkflows timingOutWorkflows(WorkflowClient temporal, ApprovalPolicy approvals) {
      return new PurgeWorkflows(temporal, approvals) {
        @Override
        void start(PurgeRecord purge) {
          super.start(purge);
          throw Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded").asRuntimeException();
        }
      };
    }
  }

  @Test
  void
      givenAStartThatTimesOutAfterTemporalAcceptedIt_whenRequested_thenThePurgeRunsWithItsReceipt() {
    String tenant = "slow-" + UUID.randomUUID().toString().substring(0, 8);
    ResponseEntity<JsonNode> answer =
        http.postForEntity(
            "/v1/purges",
            Map.of("tenantId", tenant, "env", "prod", "reason", "test", "dryRun", true),
            JsonNode.class);

    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String id = answer.getBody().get("purgeId").asText();
    JsonNode done = awaitStatus(id, "COMPLETED");
    assertThat(done.get("statusDetail").asText()).startsWith("dry run");
    JsonNode receipt = http.getForObject("/v1/purges/" + id + "/receipt", JsonNode.class);
    assertThat(receipt.get("dryRun").asBoolean()).isTrue();
    assertThat(receipt.has("wouldDelete")).isTrue();
  }
}
