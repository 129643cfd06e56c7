package dev.warden.activities.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.reconcile.ReconcileFixture;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.logarchive.ArchiveIndexer;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.logarchive.PgArchiveIndex;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.engines.upload.PendingUpload;
import dev.warden.engines.upload.PresignedUpload;
import dev.warden.engines.upload.UploadPresigner;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import io.temporal.worker.WorkerFactory;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * docs/iam-policy.json names exactly the S3 permissions Warden uses: every call the SDK sends
 * through an archive index run, an upload (presigned and direct), a reconciliation and full purges
 * of a versioned and an unversioned bucket must be allowed by it, and each action it grants must
 * have been needed by one of those calls.
 */
@ExtendWith(DevStackExtension.class)
class S3LeastPrivilegeIT {
  static final Path POLICY = Path.of("..", "docs", "iam-policy.json");

  private final S3Calls recorded = new S3Calls();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void givenEveryS3WorkOfWarden_whenRecorded_thenThePolicyAllowsItAndNothingMore()
      throws Exception {
    Env env = Env.of("iam" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    try (ReconcileFixture versioned = new ReconcileFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      versioned
          .bucket
          .s3()
          .putBucketVersioning(
              p ->
                  p.bucket(versioned.bucket.bucket())
                      .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      ActivityFixture stores = versioned.stores;
      try (S3Fixture onVersioned =
              recording(
                  versioned.proxy.endpoint(), "recon", "recon-secret", versioned.bucket.bucket());
          S3Fixture onPlain =
              recording(
                  stores.endpoints.s3Endpoint(),
                  stores.endpoints.s3AccessKey(),
                  stores.endpoints.s3SecretKey(),
                  stores.endpoints.s3Bucket())) {
        // One tenant per bucket: each gets a purge of its own.
        String tenant = "iam-" + UUID.randomUUID().toString().substring(0, 8);
        String plainTenant = tenant + "p";
        seed(versioned.bucket, env, tenant);
        seed(stores.s3, env, plainTenant);
        // A deleted object: a delete marker over its versions.
        versioned
            .bucket
            .s3()
            .deleteObject(
                d -> d.bucket(versioned.bucket.bucket()).key("tenants/" + tenant + "/f0"));

        indexArchives(stores, onVersioned, env);
        indexArchives(stores, onPlain, env);
        upload(versioned, onVersioned, tenant);
        reconcile(versioned, onVersioned, env);
        assertThat(purge(stores, temporal, onVersioned, env, tenant).status())
            .isEqualTo(PurgeStatus.COMPLETED);
        assertThat(purge(stores, temporal, onPlain, env, plainTenant).status())
            .isEqualTo(PurgeStatus.COMPLETED);
      } finally {
        String prefix = LogArchiveStore.envPrefix(env);
        stores
            .s3
            .s3()
            .listObjectsV2Paginator(l -> l.bucket(stores.s3.bucket()).prefix(prefix))
            .contents()
            .forEach(
                o -> stores.s3.s3().deleteObject(d -> d.bucket(stores.s3.bucket()).key(o.key())));
      }
    }

    IamPolicy policy = IamPolicy.read(POLICY);
    assertThat(policy.denied(recorded.calls())).as("calls the policy does not allow").isEmpty();
    assertThat(policy.unused(recorded.calls())).as("permissions no call needed").isEmpty();
  }

  private S3Fixture recording(String endpoint, String accessKey, String secretKey, String bucket) {
    return new S3Fixture(
        S3Client.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .forcePathStyle(true)
            .overrideConfiguration(o -> o.addExecutionInterceptor(recorded))
            .build(),
        bucket);
  }

  /** Two versions of a few objects of the tenant, a neighbour's, and its logs. */
  private static void seed(S3Fixture bucket, Env env, String tenant) throws Exception {
    for (int i = 0; i < 3; i++) {
      bucket.put("tenants/" + tenant + "/f" + i, "v1");
      bucket.put("tenants/" + tenant + "/f" + i, "v2");
      bucket.put("tenants/" + tenant + "-eu/f" + i, "kept");
    }
    // The tenant's own log objects, and a shared archive holding its lines.
    bucket.put(LogArchiveStore.envPrefix(env) + "tenants/" + tenant + "/app.log", "own");
    StringBuilder lines = new StringBuilder();
    for (String t : new String[] {tenant, "globex", tenant + "-eu"}) {
      lines.append("{\"tenant_id\":\"").append(t).append("\",\"msg\":\"login\"}\n");
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
    bucket
        .s3()
        .putObject(
            p ->
                p.bucket(bucket.bucket())
                    .key(LogArchiveStore.envPrefix(env) + "2026/12/01/app.jsonl.gz"),
            RequestBody.fromBytes(gz.toByteArray()));
  }

  private void indexArchives(ActivityFixture stores, S3Fixture bucket, Env env) {
    new ArchiveIndexer(
            bucket.s3(),
            bucket.bucket(),
            json,
            new PgArchiveIndex(stores.db.jdbc(), bucket.bucket()),
            1000)
        .scan(env, () -> {});
  }

  /** A presigned upload a client sends, its completion check, and one of the API's own writes. */
  private void upload(ReconcileFixture versioned, S3Fixture bucket, String tenant)
      throws Exception {
    WardenProperties.S3 settings =
        new WardenProperties.S3(
            URI.create(versioned.proxy.endpoint()),
            "us-east-1",
            "recon",
            "recon-secret",
            bucket.bucket(),
            true);
    try (UploadPresigner uploads =
        new UploadPresigner(
            UploadPresigner.presigner(settings),
            bucket.s3(),
            bucket.bucket(),
            Duration.ofMinutes(5))) {
      PendingUpload pending = uploads.prepare(TenantId.of(tenant), "a.txt", "text/plain", 5);
      PresignedUpload signed = uploads.sign(pending);
      HttpRequest.Builder put =
          HttpRequest.newBuilder(signed.url()).PUT(HttpRequest.BodyPublishers.ofString("hello"));
      signed
          .headers()
          .forEach(
              (name, value) -> {
                if (!name.equalsIgnoreCase("content-length")) {
                  put.header(name, value);
                }
              });
      HttpResponse<String> answer =
          HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      recorded.presignedPut(bucket.bucket(), pending.key());
      assertThat(uploads.storedSize(pending)).hasValue(5);
      uploads.write(TenantId.of(tenant), "packs/p1.json", "{}".getBytes(), "application/json");
    }
  }

  private static void reconcile(ReconcileFixture f, S3Fixture bucket, Env env) {
    WorkerFactory workflows = f.workflowWorker();
    WorkerFactory activities =
        f.activityWorker(
            f.activities(env, "sweep", 7, new UsageSweep(bucket.s3(), bucket.bucket())));
    try {
      String id = UUID.randomUUID().toString();
      f.admit(id, env, null).reconcile(ReconcileFixture.request(id, env));
    } finally {
      activities.shutdownNow();
      workflows.shutdownNow();
    }
  }

  private static PurgeOutcome purge(
      ActivityFixture stores, TemporalFixture temporal, S3Fixture bucket, Env env, String tenant) {
    var record =
        stores
            .purges
            .admit(
                PurgeRecord.requested(TenantId.of(tenant), env, "user:dpo", "test", null, "t"),
                r -> "it")
            .purge();
    WorkerFactory worker = temporal.worker(stores.activities(env, 100, bucket));
    try {
      return temporal
          .purge("it-iam/" + bucket.bucket() + "/" + tenant)
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
    } finally {
      worker.shutdownNow();
    }
  }
}
