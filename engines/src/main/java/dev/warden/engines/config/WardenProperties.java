package dev.warden.engines.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Warden's settings, bound from {@code warden.*}; {@code warden-engines.yml} maps each one to a
 * {@code WARDEN_*} environment variable with a local default (all listed in docs/operations.md).
 */
@ConfigurationProperties(prefix = "warden")
public record WardenProperties(
    @DefaultValue("local") String env,
    S3 s3,
    @DefaultValue OpenSearch openSearch,
    @DefaultValue Purge purge) {

  /**
   * The search cluster holding {@code docs-{env}} and {@code logs-{env}-*}, and how Warden proves
   * who it is there: {@code auth} {@code none}, {@code basic} (username and password, each from a
   * variable or a file) or {@code aws-sigv4} (Amazon OpenSearch Service, {@code awsService} {@code
   * es} or {@code aoss} in {@code awsRegion}, the AWS default credentials chain). {@code caFile}: a
   * PEM file of the CA(s) an https cluster's certificate is checked against, else the JVM's.
   */
  public record OpenSearch(
      @DefaultValue("http://127.0.0.1:9200") String url,
      @DefaultValue("none") String auth,
      String username,
      String usernameFile,
      String password,
      String passwordFile,
      String caFile,
      @DefaultValue("es") String awsService,
      String awsRegion) {

    /** The cluster at {@code url}, no credentials, the JVM's trust store (tests, local runs). */
    public static OpenSearch at(String url) {
      return new OpenSearch(url, "none", null, null, null, null, null, "es", null);
    }
  }

  /** Object storage: endpoint, credentials and the one bucket that holds tenant data. */
  public record S3(
      URI endpoint,
      @DefaultValue("us-east-1") String region,
      String accessKey,
      String secretKey,
      @DefaultValue("warden-data") String bucket,
      @DefaultValue("true") boolean pathStyle) {}

  /**
   * Paging of the purge's store steps; {@code concurrency} DeleteObjects calls run in parallel in
   * the storage step (the log steps page one at a time); the index step sweeps {@code indexLanes}
   * slices of its point in time in parallel (1 to 32); the storage step splits the tenant's prefix
   * into up to {@code storageShards} key ranges (1 to 256) purged {@code storageLanes} at a time (1
   * to 64) by parallel activities. {@code outageTolerance}: how long a step waits out a store
   * outage (refused connections, timeouts, 503, SlowDown, a red cluster) before it asks an operator
   * (NEEDS_ATTENTION). {@code deadline}: from a request's receipt to its due date (GDPR art. 12(3):
   * one month). {@code refusalWindow}: signals a purge refuses are recorded per purge, signal,
   * kind, reason and window of this length ({@code WARDEN_AUDIT_REFUSAL_WINDOW}, as the API's
   * refusals).
   */
  public record Purge(
      @DefaultValue("1000") int pageSize,
      @DefaultValue("2") int concurrency,
      @DefaultValue("30m") Duration outageTolerance,
      @DefaultValue("30d") Duration deadline,
      @DefaultValue("4") int indexLanes,
      @DefaultValue("16") int storageShards,
      @DefaultValue("4") int storageLanes,
      @DefaultValue("60s") Duration refusalWindow) {}
}
