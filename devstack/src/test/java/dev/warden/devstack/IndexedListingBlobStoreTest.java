package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The index answers plain listings exactly as the store's own walk does, after every kind of write
 * the suite makes: puts, overwrites, deletes, batch deletes, copies, multipart uploads, directory
 * markers, and on a versioned bucket delete markers and the removal of one (the key comes back).
 */
class IndexedListingBlobStoreTest {

  private static final String BUCKET = "idx";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"transient", "filesystem"})
  void givenAnyWrite_whenListed_thenTheIndexAnswersAsTheStoresOwnWalk(String kind) {
    BlobStore bare =
        kind.equals("transient")
            ? new TransientNio2BlobStore()
            : new FilesystemNio2BlobStore(dir.toString());
    IndexedListingBlobStore store = new IndexedListingBlobStore(bare);
    store.createContainer(BUCKET);

    for (String key :
        List.of("a/", "a/b/c.bin", "a/b.txt", "ab", "a/\u00E9", "t/acme/u/1", "t/acme/u/2", "z")) {
      put(store, key, "v1 " + key);
    }
    assertSameListings(store, bare);
    put(store, "a/b.txt", "a longer second version");
    store.removeBlob(BUCKET, "ab");
    store.copyBlob(
        CopyObjectRequest.builder()
            .sourceBucket(BUCKET)
            .sourceKey("z")
            .destinationBucket(BUCKET)
            .destinationKey("t/acme/u/3")
            .build());
    assertSameListings(store, bare);
    store.removeBlobs(
        DeleteObjectsRequest.builder()
            .bucket(BUCKET)
            .delete(
                d ->
                    d.objects(
                        ObjectIdentifier.builder().key("t/acme/u/1").build(),
                        ObjectIdentifier.builder().key("missing").build()))
            .build());
    multipart(store, "t/acme/u/big");
    assertSameListings(store, bare);

    if (bare.supportsVersioning()) {
      store.putBucketVersioning(BUCKET, BucketVersioningStatus.ENABLED);
      put(store, "t/acme/u/2", "v2");
      String marker = store.removeBlob(BUCKET, "t/acme/u/2", null).versionId();
      assertThat(names(store.list(all().build()))).doesNotContain("t/acme/u/2");
      assertSameListings(store, bare);
      store.removeBlob(BUCKET, "t/acme/u/2", marker);
      assertThat(names(store.list(all().build()))).contains("t/acme/u/2");
      assertSameListings(store, bare);
    }
    // a restart of a filesystem store: the index is rebuilt from the files
    assertSameListings(new IndexedListingBlobStore(bare), bare);
  }

  private static void assertSameListings(BlobStore indexed, BlobStore bare) {
    List<ListObjectsV2Request> requests = new ArrayList<>();
    requests.add(all().build());
    requests.add(all().prefix("a/").build());
    requests.add(all().prefix("t/acme/").startAfter("t/acme/u/1").build());
    requests.add(all().prefix("t/").startAfter("a").build());
    requests.add(all().prefix("nothing/").build());
    for (int max : new int[] {0, 1, 2, 3, 1000}) {
      requests.add(all().maxKeys(max).build());
      requests.add(all().maxKeys(max).continuationToken("a/b.txt").build());
    }
    for (ListObjectsV2Request request : requests) {
      ListObjectsV2Response expected = bare.list(request);
      ListObjectsV2Response actual = indexed.list(request);
      assertThat(actual.contents().stream().map(IndexedListingBlobStoreTest::comparable))
          .as(request.toString())
          .containsExactlyElementsOf(
              expected.contents().stream().map(IndexedListingBlobStoreTest::comparable).toList());
      assertThat(actual.nextContinuationToken())
          .as(request.toString())
          .isEqualTo(expected.nextContinuationToken());
      assertThat(actual.isTruncated()).as(request.toString()).isEqualTo(expected.isTruncated());
    }
  }

  // Everything but a directory marker's time, which the store's walk takes from the directory
  private static S3Object comparable(S3Object o) {
    return o.key().endsWith("/") ? o.toBuilder().lastModified(null).build() : o;
  }

  private static ListObjectsV2Request.Builder all() {
    return ListObjectsV2Request.builder().bucket(BUCKET);
  }

  private static List<String> names(ListObjectsV2Response page) {
    return page.contents().stream().map(o -> o.key()).toList();
  }

  private static void put(BlobStore store, String key, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    store.putBlob(
        PutObjectRequest.builder()
            .bucket(BUCKET)
            .key(key)
            .contentLength((long) bytes.length)
            .build(),
        new ByteArrayInputStream(bytes));
  }

  private static void multipart(BlobStore store, String key) {
    MultipartUpload upload =
        store.initiateMultipartUpload(
            CreateMultipartUploadRequest.builder().bucket(BUCKET).key(key).build());
    byte[] part = "one part".getBytes(StandardCharsets.UTF_8);
    String etag =
        store
            .uploadMultipartPart(
                upload,
                UploadPartRequest.builder()
                    .bucket(BUCKET)
                    .key(key)
                    .uploadId(upload.id())
                    .partNumber(1)
                    .contentLength((long) part.length)
                    .build(),
                new ByteArrayInputStream(part))
            .eTag();
    store.completeMultipartUpload(
        upload,
        CompleteMultipartUploadRequest.builder()
            .bucket(BUCKET)
            .key(key)
            .uploadId(upload.id())
            .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))
            .build());
  }
}
