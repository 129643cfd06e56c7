package dev.warden.devstack;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.SdkResponses;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * S3Proxy's store with a sorted index of each bucket's current keys, from which plain listings are
 * answered. S3Proxy 4.1.0's nio2 stores answer every ListObjectsV2 by walking every file under the
 * prefix's directory and then cutting the page, so a page of 1,000 keys costs the whole tenant,
 * once per page; from the index it costs a seek and the page, as on S3.
 *
 * <p>Everything else is the store's own: versioning, conditional writes, multipart, presigned
 * requests, version listings and delimiter listings (those walk one directory level). After every
 * write the key is read back from the store (HEAD) under a per-key lock, so the index follows
 * whatever the write did: a delete marker hides the key, deleting it brings the previous version
 * back, a refused conditional write changes nothing. Keys are ordered as S3 orders them (UTF-8
 * bytes, i.e. code points).
 */
final class IndexedListingBlobStore extends ForwardingBlobStore {

  static final Comparator<String> S3_ORDER = IndexedListingBlobStore::compareCodePoints;

  // A directory marker ("a/") is a directory to the nio2 stores: HEAD gives it no ETag, their walk
  // the MD5 of nothing. (The walk also dates it by the directory, which every write under it moves;
  // the index keeps the marker's own time.)
  private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

  private final Map<String, NavigableMap<String, S3Object>> buckets = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[64];

  IndexedListingBlobStore(BlobStore store) {
    super(store);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
    for (Bucket bucket : store.list().buckets()) {
      reindex(bucket.name());
    }
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    NavigableMap<String, S3Object> keys = buckets.get(request.bucket());
    String delimiter = request.delimiter();
    if (keys == null || (delimiter != null && !delimiter.isEmpty())) {
      return super.list(request);
    }
    String prefix = request.prefix() == null ? "" : request.prefix();
    String marker =
        request.continuationToken() != null ? request.continuationToken() : request.startAfter();
    NavigableMap<String, S3Object> tail =
        marker == null || S3_ORDER.compare(marker, prefix) < 0
            ? keys.tailMap(prefix, true)
            : keys.tailMap(marker, false);
    Integer maxKeys = request.maxKeys();
    List<S3Object> page = new ArrayList<>();
    String next = null;
    for (Map.Entry<String, S3Object> entry : tail.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        break;
      }
      if (maxKeys != null && page.size() == maxKeys) {
        next = page.isEmpty() ? null : page.get(page.size() - 1).key();
        break;
      }
      page.add(entry.getValue());
    }
    return SdkResponses.objectsPage(page, List.of(), next);
  }

  @Override
  public CreateBucketResponse createContainer(CreateBucketRequest request) {
    CreateBucketResponse response = super.createContainer(request);
    buckets.putIfAbsent(request.bucket(), new ConcurrentSkipListMap<>(S3_ORDER));
    return response;
  }

  @Override
  public void deleteContainer(String bucket) {
    try {
      super.deleteContainer(bucket);
    } finally {
      buckets.remove(bucket);
    }
  }

  @Override
  public void deleteBucket(String bucket) {
    try {
      super.deleteBucket(bucket);
    } finally {
      buckets.remove(bucket);
    }
  }

  @Override
  public void clearContainer(ListObjectsV2Request request) {
    try {
      super.clearContainer(request);
    } finally {
      reindex(request.bucket());
    }
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
    try {
      return super.putBlob(request, body);
    } finally {
      refresh(request.bucket(), request.key());
    }
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    try {
      return super.copyBlob(request);
    } finally {
      refresh(request.destinationBucket(), request.destinationKey());
    }
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    try {
      return super.removeBlob(request);
    } finally {
      refresh(request.bucket(), request.key());
    }
  }

  @Override
  public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
    try {
      return hasVersionIds(request) ? oneByOne(request) : super.removeBlobs(request);
    } finally {
      if (request.delete() != null) {
        for (ObjectIdentifier id : request.delete().objects()) {
          refresh(request.bucket(), id.key());
        }
      }
    }
  }

  private static boolean hasVersionIds(DeleteObjectsRequest request) {
    return request.delete() != null
        && request.delete().objects().stream().anyMatch(id -> id.versionId() != null);
  }

  // S3Proxy deletes a request's objects in parallel. Two versions of one key deleted at once race
  // in its nio2 stores (one moves the file the other is reading: NoSuchFileException, a 500, and
  // the client's retry then meets NoSuchVersion), so a request that names versions goes one object
  // at a time, each through S3Proxy's own multi-delete (its answers and error codes).
  private DeleteObjectsResponse oneByOne(DeleteObjectsRequest request) {
    List<DeletedObject> deleted = new ArrayList<>();
    List<S3Error> errors = new ArrayList<>();
    for (ObjectIdentifier id : request.delete().objects()) {
      DeleteObjectsResponse one =
          super.removeBlobs(
              request.toBuilder().delete(request.delete().toBuilder().objects(id).build()).build());
      deleted.addAll(one.deleted());
      errors.addAll(one.errors());
    }
    return DeleteObjectsResponse.builder().deleted(deleted).errors(errors).build();
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    try {
      return super.completeMultipartUpload(upload, request);
    } finally {
      refresh(request.bucket(), request.key());
    }
  }

  // The store's current state of one key into the index. The HEAD and the update happen under the
  // key's lock, and every write is followed by one: whatever order writes and refreshes of a key
  // interleave in, the last refresh reads the state after the last write.
  private void refresh(String bucket, String key) {
    NavigableMap<String, S3Object> keys = buckets.get(bucket);
    if (keys == null || key == null) {
      return;
    }
    synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
      HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
      if (head == null || Boolean.TRUE.equals(head.deleteMarker())) {
        keys.remove(key);
      } else {
        String etag = head.eTag() == null && key.endsWith("/") ? EMPTY_MD5 : head.eTag();
        keys.put(
            key,
            SdkResponses.objectEntry(
                key, etag, head.lastModified(), head.contentLength(), StorageClass.STANDARD));
      }
    }
  }

  // One walk of the store's bucket (at start, and after a bulk clear).
  private void reindex(String bucket) {
    NavigableMap<String, S3Object> keys = new ConcurrentSkipListMap<>(S3_ORDER);
    for (S3Object object :
        delegate().list(ListObjectsV2Request.builder().bucket(bucket).build()).contents()) {
      keys.put(object.key(), object);
    }
    buckets.put(bucket, keys);
  }

  // S3's key order (UTF-8 bytes = code points), as engines' KeyRange.compare: devstack cannot call
  // it, engines' tests depend on devstack.
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
