package dev.warden.activities.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.LogActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.StepResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * One archive that takes several heartbeat timeouts to stream (a throttled connection) must not
 * look like a dead worker: the logs step heartbeats inside the archive and finishes first time.
 * (The SDK sends heartbeats at most every 0.8 timeouts; on a loaded build machine a timeout of a
 * few seconds leaves too little slack for that, so this one is 8 s and the archive takes ~25 s.)
 */
@ExtendWith(DevStackExtension.class)
class SlowArchiveHeartbeatIT {

  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(8);

  /** The logs step alone, with a short heartbeat timeout and no retry. */
  @WorkflowInterface
  public interface LogsOnly {
    @WorkflowMethod
    StepResult run(PurgeRequest request);
  }

  public static class LogsOnlyImpl implements LogsOnly {
    @Override
    public StepResult run(PurgeRequest request) {
      return Workflow.newActivityStub(
              LogActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(5))
                  .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build())
          .purgeTenantLogs(request);
    }
  }

  @Test
  void givenAnArchiveSlowerThanTheHeartbeatTimeout_whenPurged_thenTheStepCompletes()
      throws Exception {
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture();
        S3Fixture slow = new S3Fixture(throttled(stores), stores.s3.bucket())) {
      Env env = Env.of("s" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
      String tenant = "slow-" + UUID.randomUUID().toString().substring(0, 8);
      String key = LogArchiveStore.envPrefix(env) + "2026/11/01/big.jsonl.gz";
      stores.s3.s3().putObject(p -> p.bucket(stores.s3.bucket()).key(key), archive(tenant));
      var record =
          stores
              .purges
              .admit(
                  PurgeRecord.requested(TenantId.of(tenant), env, "user:dpo", "slow", null, "t"),
                  r -> "it")
              .purge();
      PurgeRequest request =
          new PurgeRequest(
              record.purgeId().toString(),
              tenant,
              env.value(),
              "user:dpo",
              "slow",
              null,
              "t",
              0,
              false,
              0,
              0,
              0);
      WorkerFactory factory = WorkerFactory.newInstance(temporal.client);
      var worker = factory.newWorker(temporal.taskQueue);
      worker.registerWorkflowImplementationTypes(LogsOnlyImpl.class);
      worker.registerActivitiesImplementations(stores.activities(env, 100, slow).logs());
      factory.start();
      try {
        long t0 = System.nanoTime();
        StepResult result =
            temporal
                .client
                .newWorkflowStub(
                    LogsOnly.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId("it-slow/" + tenant)
                        .setTaskQueue(temporal.taskQueue)
                        .build())
                .run(request);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).isGreaterThan(HEARTBEAT_TIMEOUT.multipliedBy(2));
        assertThat(result.items()).isEqualTo(2_000);
      } finally {
        factory.shutdownNow();
        stores.purges.complete(record.purgeId(), PurgeState.CANCELLED, "test cleanup", "{}");
        stores.s3.s3().deleteObject(d -> d.bucket(stores.s3.bucket()).key(key));
      }
    }
  }

  /** 2,000 lines of the tenant among 6,000 others, with random payloads that gzip poorly. */
  private static RequestBody archive(String tenant) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (int n = 0; n < 8_000; n++) {
        String owner = n % 4 == 0 ? tenant : "other";
        String noise = Long.toHexString(ThreadLocalRandom.current().nextLong());
        gzip.write(
            "{\"tenant_id\":\"%s\",\"n\":%d,\"x\":\"%s\"}\n"
                .formatted(owner, n, noise)
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return RequestBody.fromBytes(bytes.toByteArray());
  }

  /** The devstack's S3, but object downloads trickle at about 5 KB/s. */
  private static S3Client throttled(ActivityFixture stores) {
    var e = stores.endpoints;
    return S3Client.builder()
        .endpointOverride(URI.create(e.s3Endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey())))
        .forcePathStyle(true)
        .overrideConfiguration(
            o ->
                o.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public Optional<InputStream> modifyHttpResponseContent(
                          Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                        return context.request() instanceof GetObjectRequest
                            ? context.responseBody().map(Trickle::new)
                            : context.responseBody();
                      }
                    }))
        .build();
  }

  private static final class Trickle extends FilterInputStream {
    Trickle(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      }
      return super.read(b, off, Math.min(len, 256));
    }
  }
}
