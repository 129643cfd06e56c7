package dev.warden.engines.objects;

import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One ListObjectsV2 page as the planner needs it: keys only. A seam so that the planner's listings
 * (and every {@code StartAfter} it sends) can be checked over generated key sets without a store.
 */
@FunctionalInterface
interface KeyListing {

  /** Keys under {@code prefix} after {@code startAfter} (null: from the start), in S3's order. */
  Page list(String prefix, String startAfter, int maxKeys);

  record Page(List<String> keys, boolean truncated) {}

  static KeyListing of(S3Client s3, String bucket) {
    return (prefix, startAfter, maxKeys) -> {
      var page =
          s3.listObjectsV2(
              l -> l.bucket(bucket).prefix(prefix).maxKeys(maxKeys).startAfter(startAfter));
      return new Page(
          page.contents().stream().map(S3Object::key).toList(),
          Boolean.TRUE.equals(page.isTruncated()));
    };
  }
}
