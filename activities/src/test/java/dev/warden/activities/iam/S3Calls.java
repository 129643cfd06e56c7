package dev.warden.activities.iam;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Records every S3 call an SDK client sends, as the IAM action and resource AWS authorizes it by (a
 * DeleteObjects is one s3:DeleteObject or s3:DeleteObjectVersion per key). A call this does not
 * know is recorded as {@code unmapped:<operation>}, which no policy allows.
 */
final class S3Calls implements ExecutionInterceptor {

  /** One authorization: {@code key} null for a bucket action, {@code prefix} for listings. */
  record Call(String action, String bucket, String key, String prefix) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** A PUT a client sends to a URL presigned with Warden's credentials: authorized as Warden. */
  void presignedPut(String bucket, String key) {
    calls.add(new Call("s3:PutObject", bucket, key, null));
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    SdkRequest r = context.request();
    if (r instanceof ListObjectsV2Request l) {
      calls.add(new Call("s3:ListBucket", l.bucket(), null, l.prefix()));
    } else if (r instanceof ListObjectVersionsRequest l) {
      calls.add(new Call("s3:ListBucketVersions", l.bucket(), null, l.prefix()));
    } else if (r instanceof GetBucketVersioningRequest g) {
      calls.add(new Call("s3:GetBucketVersioning", g.bucket(), null, null));
    } else if (r instanceof GetObjectRequest g) {
      calls.add(
          new Call(
              g.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion",
              g.bucket(),
              g.key(),
              null));
    } else if (r instanceof HeadObjectRequest h) {
      calls.add(
          new Call(
              h.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion",
              h.bucket(),
              h.key(),
              null));
    } else if (r instanceof PutObjectRequest p) {
      calls.add(new Call("s3:PutObject", p.bucket(), p.key(), null));
    } else if (r instanceof DeleteObjectsRequest d) {
      for (ObjectIdentifier o : d.delete().objects()) {
        calls.add(
            new Call(
                o.versionId() == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion",
                d.bucket(),
                o.key(),
                null));
      }
    } else {
      calls.add(
          new Call(
              "unmapped:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
              null,
              null,
              null));
    }
  }
}
