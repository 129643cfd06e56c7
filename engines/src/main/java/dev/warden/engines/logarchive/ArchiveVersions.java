package dev.warden.engines.logarchive;

import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.s3.ObjectDeletionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Version listings and deletions for log archives on a versioned bucket. Every listing is read to
 * its last page ({@code maxKeys} per page), following key and version-id markers.
 */
final class ArchiveVersions {

  /** One object version ({@code marker} false) or delete marker of {@code key}. */
  record Version(String key, String versionId, boolean latest, boolean marker, String etag) {

    /** This version as the archive index names it. */
    ArchiveIndex.ArchiveObject object() {
      return new ArchiveIndex.ArchiveObject(key, versionId, etag);
    }
  }

  private final S3Client s3;
  private final String bucket;
  private final int maxKeys;

  ArchiveVersions(S3Client s3, String bucket, int maxKeys) {
    this.s3 = s3;
    this.bucket = bucket;
    this.maxKeys = maxKeys;
  }

  /** Every version and delete marker of exactly {@code key}. */
  List<Version> of(String key) {
    List<Version> out = new ArrayList<>();
    each(
        key,
        v -> {
          if (v.key().equals(key)) {
            out.add(v);
          }
        });
    return out;
  }

  /** Every version and delete marker under {@code prefix}, page by page, in listing order. */
  void each(String prefix, Consumer<Version> sink) {
    String keyMarker = null;
    String versionMarker = null;
    ListObjectVersionsResponse page;
    do {
      String km = keyMarker;
      String vm = versionMarker;
      page =
          s3.listObjectVersions(
              l ->
                  l.bucket(bucket)
                      .prefix(prefix)
                      .maxKeys(maxKeys)
                      .keyMarker(km)
                      .versionIdMarker(vm));
      page.versions()
          .forEach(
              v -> sink.accept(new Version(v.key(), v.versionId(), v.isLatest(), false, v.eTag())));
      page.deleteMarkers()
          .forEach(m -> sink.accept(new Version(m.key(), m.versionId(), m.isLatest(), true, null)));
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    } while (Boolean.TRUE.equals(page.isTruncated()));
  }

  /** Deletes these versions by id, 1,000 per call; refusals are thrown after the rest went. */
  void delete(List<Version> versions) {
    List<ObjectDeletionException.KeyError> errors = new ArrayList<>();
    for (int from = 0; from < versions.size(); from += TenantObjectStore.MAX_BATCH) {
      List<ObjectIdentifier> ids =
          versions
              .subList(from, Math.min(versions.size(), from + TenantObjectStore.MAX_BATCH))
              .stream()
              .map(v -> ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build())
              .toList();
      DeleteObjectsResponse response =
          s3.deleteObjects(d -> d.bucket(bucket).delete(b -> b.objects(ids).quiet(true)));
      response
          .errors()
          .forEach(
              e ->
                  errors.add(
                      new ObjectDeletionException.KeyError(
                          e.key() + "@" + e.versionId(), e.code(), e.message())));
    }
    if (!errors.isEmpty()) {
      throw new ObjectDeletionException(errors);
    }
  }
}
