package dev.warden.activities.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * On a versioned bucket a plain delete leaves noncurrent versions: the purge must remove every
 * version and delete marker of the tenant, and no one else's.
 */
@ExtendWith(DevStackExtension.class)
class VersionedBucketPurgeIT {

  @Test
  void givenAVersionedBucket_whenATenantIsPurged_thenNoVersionOrMarkerOfItSurvives()
      throws Exception {
    try (S3ProxyServer proxy =
            S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "versioned", "versioned-secret")
                .ensureBucket("versioned-data");
        S3Fixture bucket =
            new S3Fixture(
                S3Fixture.client(proxy.endpoint(), "versioned", "versioned-secret"),
                "versioned-data");
        ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      bucket
          .s3()
          .putBucketVersioning(
              p ->
                  p.bucket("versioned-data")
                      .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      String tenant = "ver-" + UUID.randomUUID().toString().substring(0, 8);
      for (String t : List.of(tenant, tenant + "-eu", tenant + "2")) {
        IntStream.range(0, 12)
            .forEach(
                i -> {
                  bucket.put("tenants/%s/f%02d".formatted(t, i), "v1");
                  bucket.put("tenants/%s/f%02d".formatted(t, i), "v2");
                });
        // A "deleted" object: a delete marker over two noncurrent versions.
        bucket.s3().deleteObject(d -> d.bucket("versioned-data").key("tenants/" + t + "/f00"));
      }
      List<String> neighboursBefore = versionsOutside(bucket, tenant);
      PurgeRequest request = stores.admitPurge(tenant);
      WorkerFactory worker = temporal.worker(stores.activities(Env.of("prod"), 7, bucket));

      PurgeOutcome outcome = temporal.purge("it-versioned/" + tenant).purge(request);
      worker.shutdownNow();

      VersionedObjectStore versions = new VersionedObjectStore(bucket.s3(), "versioned-data");
      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      // 12 keys x 2 versions + 1 delete marker.
      assertThat(outcome.steps())
          .filteredOn(s -> s.step() == PurgeStep.STORAGE)
          .singleElement()
          .satisfies(s -> assertThat(s.items()).isEqualTo(25));
      assertThat(outcome.receipt().residue().objectVersions()).isZero();
      assertThat(versions.countVersions(TenantId.of(tenant))).isZero();
      assertThat(versionsOutside(bucket, tenant)).isEqualTo(neighboursBefore).hasSize(2 * 25);
    }
  }

  /** Every version and marker not of {@code tenant}: key, version id, size, latest flag. */
  private static List<String> versionsOutside(S3Fixture bucket, String tenant) {
    var page = bucket.s3().listObjectVersions(l -> l.bucket("versioned-data"));
    List<String> out = new java.util.ArrayList<>();
    for (ObjectVersion v : page.versions()) {
      if (!v.key().startsWith("tenants/" + tenant + "/")) {
        out.add(v.key() + "@" + v.versionId() + ":" + v.size() + ":" + v.isLatest());
      }
    }
    page.deleteMarkers().stream()
        .filter(m -> !m.key().startsWith("tenants/" + tenant + "/"))
        .forEach(m -> out.add(m.key() + "@" + m.versionId() + ":marker"));
    out.sort(String::compareTo);
    return out;
  }
}
