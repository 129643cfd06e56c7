package dev.warden.devstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * S3Proxy embedded in this JVM: an S3 API (AWS v4 auth, path-style) on 127.0.0.1. Clients need
 * {@code forcePathStyle(true)} and any region (use {@link DevStackEndpoints#S3_REGION}). Plain
 * listings come from a sorted index of the keys ({@link IndexedListingBlobStore}): a page costs
 * about the same whatever the prefix holds, as on S3.
 *
 * <p>Tests may start extra instances, e.g. a {@link StoreKind#TRANSIENT} one for versioned buckets:
 * {@code try (var s3 = S3ProxyServer.start(0, TRANSIENT, null, "k", "s")) {...}}.
 */
public final class S3ProxyServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern VALID_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final S3Proxy proxy;
  private final BlobStore store;

  private S3ProxyServer(S3Proxy proxy, BlobStore store) {
    this.proxy = proxy;
    this.store = store;
  }

  /**
   * Starts S3Proxy.
   *
   * @param port the port, or 0 for a free one
   * @param kind the blob store
   * @param dataDir where a {@link StoreKind#FILESYSTEM} store keeps buckets (one directory each);
   *     ignored for {@link StoreKind#TRANSIENT}
   */
  public static S3ProxyServer start(
      int port, StoreKind kind, Path dataDir, String accessKey, String secretKey) {
    return start(port, kind, dataDir, accessKey, secretKey, true);
  }

  /**
   * As {@link #start}, but plain listings walk the store as S3Proxy does by itself (every file
   * under the prefix's directory, per page) instead of reading {@link IndexedListingBlobStore}'s
   * index: the baseline of the listing benchmark, nothing else.
   */
  public static S3ProxyServer startWithStoreListing(
      int port, StoreKind kind, Path dataDir, String accessKey, String secretKey) {
    return start(port, kind, dataDir, accessKey, secretKey, false);
  }

  private static S3ProxyServer start(
      int port,
      StoreKind kind,
      Path dataDir,
      String accessKey,
      String secretKey,
      boolean indexedListing) {
    Logging.quietServerLibraries();
    if (port != 0) {
      Ports.requireFree(port, "S3Proxy");
    }
    BlobStore bare = newStore(kind, dataDir);
    BlobStore store = indexedListing ? new IndexedListingBlobStore(bare) : bare;
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4,
                Objects.requireNonNull(accessKey, "accessKey"),
                Objects.requireNonNull(secretKey, "secretKey"))
            .build();
    try {
      proxy.start();
      awaitStarted(proxy);
    } catch (Exception e) {
      stopQuietly(proxy, store);
      throw new IllegalStateException("S3Proxy failed to start on port " + port, e);
    }
    return new S3ProxyServer(proxy, store);
  }

  private static BlobStore newStore(StoreKind kind, Path dataDir) {
    if (kind == StoreKind.TRANSIENT) {
      return new TransientNio2BlobStore();
    }
    Objects.requireNonNull(dataDir, "a filesystem store needs a data directory");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir, e);
    }
    return new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
  }

  /** Jetty starts asynchronously; S3Proxy reports "STARTED" once it accepts requests. */
  private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy not started after " + START_TIMEOUT);
      }
      Thread.sleep(10);
    }
  }

  /**
   * Creates the bucket unless it exists (a filesystem store keeps it across restarts). The name
   * must follow S3's rules: S3Proxy answers NoSuchBucket, not InvalidBucketName, for e.g. "b".
   */
  public S3ProxyServer ensureBucket(String bucket) {
    requireValidBucketName(bucket);
    if (!store.containerExists(bucket)) {
      store.createContainer(bucket);
    }
    return this;
  }

  static void requireValidBucketName(String bucket) {
    if (bucket == null || !VALID_BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "invalid S3 bucket name '" + bucket + "': 3-63 of a-z 0-9 . - (start/end alphanumeric)");
    }
  }

  /**
   * Writes an object straight into the blob store, without HTTP or request signing: for seeding
   * benchmark data sets of 100,000 objects, which signed PUTs over HTTP seed at tens per second on
   * a loaded machine. Clients see it like any other object.
   */
  public void putDirect(String bucket, String key, byte[] body) {
    store.putBlob(
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentLength((long) body.length)
            .build(),
        new ByteArrayInputStream(body));
  }

  public int port() {
    return proxy.getPort();
  }

  /** The endpoint URL for S3 clients, e.g. {@code http://127.0.0.1:9000}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    stopQuietly(proxy, store);
  }

  private static void stopQuietly(S3Proxy proxy, BlobStore store) {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // stopping a proxy that never started fully throws; nothing else to release
    } finally {
      store.close();
    }
  }
}
