package dev.warden.activities.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.logarchive.ArchiveIndexer;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.logarchive.PgArchiveIndex;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import io.temporal.worker.WorkerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A whole purge with the archive index: of 50 indexed archives the tenant is in 2, and one more
 * lands after the scan; the logs step reads those 3 and the receipt says so.
 */
@ExtendWith(DevStackExtension.class)
class IndexedArchivePurgeIT {

  @Test
  void givenFiftyIndexedArchivesAndALateOne_whenPurged_thenTheLogsStepReadsOnlyThree()
      throws Exception {
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      Env env = Env.of("ix" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
      String tenant = "arc-" + UUID.randomUUID().toString().substring(0, 8);
      String prefix = LogArchiveStore.envPrefix(env);
      try {
        for (int n = 0; n < 50; n++) {
          String own = n == 11 || n == 42 ? lines(tenant, 3) : "";
          put(stores, prefix + "2026/11/%02d/app.jsonl.gz".formatted(n), lines("globex", 30) + own);
        }
        new ArchiveIndexer(
                stores.s3.s3(),
                stores.s3.bucket(),
                new ObjectMapper(),
                new PgArchiveIndex(stores.db.jdbc(), stores.s3.bucket()),
                1000)
            .scan(env, () -> {});
        put(stores, prefix + "2026/12/01/late.jsonl.gz", lines(tenant, 2) + lines("globex", 1));
        var record =
            stores
                .purges
                .admit(
                    PurgeRecord.requested(TenantId.of(tenant), env, "user:dpo", "test", null, "t"),
                    r -> "it")
                .purge();
        WorkerFactory worker = temporal.worker(stores.activities(env, 100));

        PurgeOutcome outcome =
            temporal
                .purge("it-archive-index/" + tenant)
                .purge(
                    new PurgeRequest(
                        record.purgeId().toString(),
                        tenant,
                        env.value(),
                        "user:dpo",
                        "test",
                        null,
                        "t",
                        0,
                        false,
                        0,
                        0,
                        0));
        worker.shutdownNow();

        assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
        StepResult logs =
            outcome.steps().stream().filter(s -> s.step() == PurgeStep.LOGS).findFirst().get();
        assertThat(logs.archivesRead()).isEqualTo(3);
        assertThat(logs.items()).isEqualTo(3 + 3 + 2);
        assertThat(outcome.receipt().deleted())
            .filteredOn(s -> s.step() == PurgeStep.LOGS)
            .singleElement()
            .satisfies(s -> assertThat(s.archivesRead()).isEqualTo(3));
        assertThat(outcome.receipt().residue().logLines()).isZero();
      } finally {
        stores
            .s3
            .s3()
            .listObjectsV2Paginator(l -> l.bucket(stores.s3.bucket()).prefix(prefix))
            .contents()
            .forEach(
                o -> stores.s3.s3().deleteObject(d -> d.bucket(stores.s3.bucket()).key(o.key())));
      }
    }
  }

  static void put(ActivityFixture stores, String key, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    stores
        .s3
        .s3()
        .putObject(
            b -> b.bucket(stores.s3.bucket()).key(key), RequestBody.fromBytes(bytes.toByteArray()));
  }

  static String lines(String tenant, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append("{\"tenant_id\":\"").append(tenant).append("\",\"i\":").append(i).append("}\n");
    }
    return out.toString();
  }
}
