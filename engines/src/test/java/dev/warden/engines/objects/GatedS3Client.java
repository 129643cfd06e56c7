package dev.warden.engines.objects;

import dev.warden.engines.testing.CallGate;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * A real S3 client that can hold an attempt right after one of its DeleteObjects calls returned (as
 * a paused or partitioned worker would), fail it then (as a lost response would), or send it twice
 * (as the SDK's own retry does after a 5xx or a reset that came after the store acted).
 */
final class GatedS3Client implements S3Client {

  private final S3Client s3;
  private final CallGate deletes = new CallGate();
  private final AtomicInteger sent = new AtomicInteger();
  private volatile int repeatAt = -1;

  GatedS3Client(S3Client s3) {
    this.s3 = s3;
  }

  /** Holds the caller after its {@code n}th DeleteObjects call returned, until {@link #release}. */
  GatedS3Client holdAfterDelete(int n) {
    deletes.holdAfter(n);
    return this;
  }

  /** Fails the {@code n}th DeleteObjects call after the store carried it out. */
  GatedS3Client failAfterDelete(int n) {
    deletes.failAfter(n);
    return this;
  }

  /** Sends the {@code n}th DeleteObjects call twice and answers with the second response. */
  GatedS3Client repeatDelete(int n) {
    repeatAt = n;
    return this;
  }

  void awaitHeld() throws InterruptedException {
    deletes.awaitHeld();
  }

  void release() {
    deletes.release();
  }

  int deletes() {
    return deletes.calls();
  }

  @Override
  public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
    DeleteObjectsResponse response = s3.deleteObjects(request);
    if (sent.incrementAndGet() == repeatAt) {
      response = s3.deleteObjects(request);
    }
    if (deletes.passed()) {
      throw SdkClientException.create("response lost after the store deleted the page");
    }
    return response;
  }

  @Override
  public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
    return s3.listObjectsV2(request);
  }

  @Override
  public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
    return s3.listObjectVersions(request);
  }

  @Override
  public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
    return s3.getBucketVersioning(request);
  }

  @Override
  public String serviceName() {
    return s3.serviceName();
  }

  @Override
  public void close() {}
}
